//! NULL for every pointer argument of every function the four headers
//! declare, static and shared: the call must end in one of the function's
//! documented diagnostics (exit status 1 and a message its man page lists
//! under DIAGNOSTICS) or return, never in a signal.
//!
//! The test is generated: it reads the prototypes from the headers
//! (preprocessed, so `SA` is `struct sockaddr`), so a new function is covered
//! without editing anything here, writes one C program that makes every call
//! in a child process of its own, and builds it against each library.  A
//! name the shared library does not define (the functions the book's
//! programs define themselves, `tests/symbols.rs` checks which) is skipped:
//! there is nothing to call.
//!
//! Calls per function with pointer parameters:
//! - each pointer argument NULL in turn, the others valid (a readable
//!   stream, a socket address of the family, zeroed memory, a function that
//!   does nothing, a string fitting the parameter's name), once with
//!   AF_INET values and once with AF_INET6 values for the integers;
//! - every pointer argument NULL at once, with those integers and again
//!   with every integer at 0x7fffffff (lengths, counts, indexes: the
//!   `Inet6_rth_init(NULL, 0x7fffffff, 0, 0)` kind of call).
//!
//! Descriptor arguments get one end of a Unix stream socket pair whose
//! other end wrote "x\n" and closed (a read returns data, then end of file;
//! a write fails with EPIPE, SIGPIPE being ignored), so no call waits for
//! input.  A signal every 500 ms interrupts what waits for nothing (NULL
//! sets and timeout to `Select` mean "until a signal", as in C), so such a
//! call fails with EINTR; a call still running after 5 s fails the test.  The
//! program runs in a private network namespace (a NULL host makes
//! `tcp_listen` and `udp_server` bind the wildcard address); where none can
//! be made, only when binding port 1 (the service the calls name) is not
//! permitted either.

mod common;

use common::{prototypes, prototypes_of, Param, Prototype, BOTH};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The values a call's non-NULL arguments take.
#[derive(Clone, Copy, PartialEq)]
enum Profile {
    /// AF_INET, socket-address lengths of 16.
    V4,
    /// AF_INET6, lengths of 28.
    V6,
    /// Every integer 0x7fffffff (descriptors stay valid).
    Big,
}

impl Profile {
    fn family(self) -> &'static str {
        match self {
            Profile::V4 => "AF_INET",
            _ => "AF_INET6",
        }
    }
}

/// The C expression for an integer argument.
fn int_arg(p: &Param, prof: Profile) -> String {
    let n = p.name.as_str();
    let v = if n.ends_with("fd") {
        "vfd".to_string()
    } else if p.ty == "pthread_t" || (p.ty == "thread_t" && prof == Profile::V4) {
        // A thread that exists: an invalid pthread_t cannot be checked.
        "pthread_self()".to_string()
    } else if p.ty == "thread_t" {
        // Solaris's "any thread" (thr_join).
        "0".to_string()
    } else if prof == Profile::Big {
        "0x7fffffff".to_string()
    } else if n == "family" || n == "af" {
        prof.family().to_string()
    } else if n.contains("len") || ["n", "nbytes", "size", "nfds", "segments"].contains(&n) {
        if prof == Profile::V4 { "16" } else { "28" }.to_string()
    } else if n == "signo" {
        "SIGUSR1".to_string()
    } else {
        "0".to_string()
    };
    format!("({}){v}", p.ty)
}

/// The C expression for a valid (non-NULL) pointer argument; `region` is a
/// scratch area of its own.
fn pointer_arg(p: &Param, prof: Profile, region: usize) -> String {
    let ty = p.ty.as_str();
    if p.function {
        return format!("({ty})(void (*)(void))nop");
    }
    if ty.contains("FILE") {
        return "vfp".to_string();
    }
    if ty == "const char *" {
        let v4 = prof == Profile::V4;
        let s = match p.name.as_str() {
            "host" | "strptr" => {
                if v4 {
                    "127.0.0.1"
                } else {
                    "::1"
                }
            }
            "serv" => "1",
            "ifname" | "name" => "lo",
            "filename" | "pathname" => "/nonexistent/null_calls",
            "mode" | "type_" => "r",
            "ptr" => "x\\n",
            _ => "x",
        };
        return format!("\"{s}\"");
    }
    assert!(region < 16, "the program has 16 scratch regions");
    if ty.contains("struct sockaddr *") && !ty.contains("**") {
        let fam = prof.family();
        return format!("({ty})sa({region}, {fam})");
    }
    format!("({ty})scratch({region})")
}

/// One generated call.
struct Case {
    func: String,
    variadic: bool,
    /// The call as written in C (also what the report shows).
    call: String,
    ret: String,
}

fn cases(protos: &[Prototype]) -> Vec<Case> {
    let mut seen = BTreeSet::new();
    let mut v = Vec::new();
    for p in protos {
        let ptrs: Vec<usize> = (0..p.params.len())
            .filter(|&i| p.params[i].pointer)
            .collect();
        if ptrs.is_empty() {
            continue;
        }
        let mut variants: Vec<(Profile, BTreeSet<usize>)> = Vec::new();
        for prof in [Profile::V4, Profile::V6] {
            for &i in &ptrs {
                variants.push((prof, BTreeSet::from([i])));
            }
        }
        let all: BTreeSet<usize> = ptrs.iter().copied().collect();
        for prof in [Profile::V4, Profile::V6, Profile::Big] {
            variants.push((prof, all.clone()));
        }
        for (prof, nulls) in variants {
            let args: Vec<String> = p
                .params
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    if nulls.contains(&i) {
                        "NULL".to_string()
                    } else if a.pointer {
                        pointer_arg(a, prof, i)
                    } else {
                        int_arg(a, prof)
                    }
                })
                .collect();
            let call = format!("{}({})", p.name, args.join(", "));
            if seen.insert(call.clone()) {
                v.push(Case {
                    func: p.name.clone(),
                    variadic: p.variadic,
                    call,
                    ret: p.ret.clone(),
                });
            }
        }
    }
    v
}

const PROLOGUE: &str = r#"/* Generated by tests/null_calls.rs: do not edit. */
#include <poll.h>

static union {
	unsigned char b[16384];
	long double align;
	struct sockaddr_storage ss;
} regions[16];
static int vfd = -1;
static FILE *vfp;
static char vfp_text[] = "x\n";

static __attribute__((unused)) void nop(void) {}

static void interrupted(int signo) { (void)signo; }

/* SIGUSR2 every 500 ms, without SA_RESTART: a call that waits for an event
 * that never comes (Select with no descriptor and no timeout) is
 * interrupted, as a C program's would be by a signal, and fails with
 * EINTR.  Its own timer, not alarm(), which connect_timeo uses. */
static void interrupt_waits(void)
{
	struct sigaction sa;
	struct sigevent ev;
	struct itimerspec its = { { 0, 500000000 }, { 0, 500000000 } };
	timer_t t;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = interrupted;
	sigaction(SIGUSR2, &sa, NULL);
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR2;
	if (timer_create(CLOCK_MONOTONIC, &ev, &t) < 0 || timer_settime(t, 0, &its, NULL) < 0)
		_exit(3);
}

static __attribute__((unused)) void *scratch(int i) { return &regions[i]; }

static __attribute__((unused)) struct sockaddr *sa(int i, int family)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)&regions[i].ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&regions[i].ss;

	if (family == AF_INET) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(1);
		s4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	} else {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(1);
		s6->sin6_addr = in6addr_loopback;
	}
	return (struct sockaddr *)s4;
}

static void result(long long v, int is_ptr)
{
	int e = errno;

	if (is_ptr)
		printf("returned %s, errno %d\n", v ? "non-NULL" : "NULL", e);
	else
		printf("returned %lld, errno %d\n", v, e);
}

static void call(int id)
{
	switch (id) {
"#;

const EPILOGUE: &str = r#"	}
}

/* Copies what fd delivers until end of file or the deadline; 1 at end of file. */
static int drain(int fd, FILE *to, struct timespec *deadline)
{
	char buf[4096];
	for (;;) {
		struct timespec now;
		struct pollfd p = { fd, POLLIN, 0 };
		clock_gettime(CLOCK_MONOTONIC, &now);
		long ms = (deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
		if (ms <= 0)
			return 0;
		if (poll(&p, 1, (int)ms) <= 0)
			continue;
		ssize_t n = read(fd, buf, sizeof buf);
		if (n <= 0)
			return 1;
		for (ssize_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)buf[i];
			if (c == '\\' || c < 0x20 || c > 0x7e)
				fprintf(to, "\\x%02x", c);
			else
				fputc(c, to);
		}
	}
}

int main(int argc, char **argv)
{
	int limit = argc > 1 ? atoi(argv[1]) : 5;

	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	for (int id = 0; id < NCASES; id++) {
		int out[2], err[2], status;
		struct timespec deadline;
		pid_t pid;

		if (pipe(out) < 0 || pipe(err) < 0) {
			perror("pipe");
			return 2;
		}
		fflush(stdout);
		if ((pid = fork()) < 0) {
			perror("fork");
			return 2;
		}
		if (pid == 0) {
			int sv[2];

			dup2(out[1], 1);
			dup2(err[1], 2);
			close(out[0]);
			close(out[1]);
			close(err[0]);
			close(err[1]);
			signal(SIGPIPE, SIG_IGN);
			if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || write(sv[1], "x\n", 2) != 2)
				_exit(3);
			close(sv[1]);
			vfd = sv[0];
			vfp = fmemopen(vfp_text, 2, "r+");
			if (vfp == NULL)
				_exit(3);
			setvbuf(stdout, NULL, _IONBF, 0);
			interrupt_waits();
			errno = 0;
			call(id);
			_exit(0);
		}
		close(out[1]);
		close(err[1]);
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += limit;
		printf("@%d\nO:", id);
		int done = drain(out[0], stdout, &deadline);
		printf("\nE:");
		done = drain(err[0], stdout, &deadline) && done;
		if (!done)
			kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		close(out[0]);
		close(err[0]);
		if (!done)
			printf("\nS:blocked\n");
		else if (WIFSIGNALED(status))
			printf("\nS:signal %d\n", WTERMSIG(status));
		else
			printf("\nS:exit %d\n", WEXITSTATUS(status));
	}
	return 0;
}
"#;

fn program(includes: &[String], cases: &[Case]) -> String {
    let mut s = PROLOGUE.to_string();
    let first = s.find('\n').unwrap() + 1;
    let inc: String = includes
        .iter()
        .map(|h| format!("#include \"{h}\"\n"))
        .collect();
    s.insert_str(first, &inc);
    for (id, c) in cases.iter().enumerate() {
        let _ = write!(s, "\tcase {id}: ");
        if c.ret == "void" {
            let _ = writeln!(s, "{}; result(0, 0); break;", c.call);
        } else if c.ret.contains('*') {
            let _ = writeln!(s, "result({} != NULL, 1); break;", c.call);
        } else {
            let _ = writeln!(s, "result((long long){}, 0); break;", c.call);
        }
    }
    s.push_str(EPILOGUE);
    s.replacen(
        "static void call(int id)",
        &format!("#define NCASES {}\nstatic void call(int id)", cases.len()),
        1,
    )
}

/// What one call did.
#[derive(Debug, Default)]
struct Outcome {
    stdout: String,
    stderr: String,
    status: String,
}

fn unescape(s: &str) -> String {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 4 <= b.len() && b[i + 1] == b'x' {
            if let Ok(v) = u8::from_str_radix(&s[i + 2..i + 4], 16) {
                out.push(v);
                i += 4;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn parse_report(text: &str) -> BTreeMap<usize, Outcome> {
    let mut m = BTreeMap::new();
    let mut cur: Option<(usize, Outcome)> = None;
    for line in text.lines() {
        if let Some(id) = line.strip_prefix('@') {
            if let Some((i, o)) = cur.take() {
                m.insert(i, o);
            }
            cur = Some((id.parse().expect("case number"), Outcome::default()));
        } else if let Some((_, o)) = cur.as_mut() {
            if let Some(v) = line.strip_prefix("O:") {
                o.stdout = unescape(v);
            } else if let Some(v) = line.strip_prefix("E:") {
                o.stderr = unescape(v);
            } else if let Some(v) = line.strip_prefix("S:") {
                o.status = v.to_string();
            }
        }
    }
    if let Some((i, o)) = cur.take() {
        m.insert(i, o);
    }
    m
}

/// A documented diagnostic: the message as written (with printf
/// conversions) and whether ": strerror" follows it (err_sys, err_ret).
#[derive(Debug)]
struct Diag {
    fmt: String,
    errno: bool,
}

/// The DIAGNOSTICS entries of `func`'s man page, and whether the page says
/// the function aborts.
fn documented(func: &str) -> (Vec<Diag>, bool) {
    let path = common::root().join(format!("man/man3/{func}.3"));
    let page = std::fs::read_to_string(&path).unwrap_or_default();
    let text = page
        .replace("\\fB", "")
        .replace("\\fR", "")
        .replace("\\-", "-")
        .replace("\\e", "\\")
        .replace("\\(aq", "'")
        .replace("\\(dq", "\"");
    let mut diags = Vec::new();
    if let Some(sec) = text.split(".SH DIAGNOSTICS\n").nth(1) {
        let sec = sec.split("\n.SH ").next().unwrap_or("");
        let lines: Vec<&str> = sec.lines().collect();
        for w in lines.windows(3) {
            if w[0] == ".TP" {
                diags.push(Diag {
                    fmt: w[1].to_string(),
                    errno: w[2].starts_with("(err_sys)") || w[2].starts_with("(err_ret)"),
                });
            }
        }
    }
    let aborts = text.contains("abort()");
    (diags, aborts)
}

/// Whether `s` is what printf format `f` can produce (every conversion
/// matches any text).
fn matches_format(f: &str, s: &str) -> bool {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut it = f.chars().peekable();
    while let Some(c) = it.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        if it.peek() == Some(&'%') {
            it.next();
            lit.push('%');
            continue;
        }
        // Skip flags, width, precision and length up to the conversion.
        for d in it.by_ref() {
            if d.is_ascii_alphabetic() && !"hlzjtqL".contains(d) {
                break;
            }
        }
        pieces.push(std::mem::take(&mut lit));
    }
    pieces.push(lit);
    // Literal pieces in order: the first at the start, the last at the end.
    let (first, rest) = pieces.split_first().unwrap();
    let Some(mut s) = s.strip_prefix(first.as_str()) else {
        return false;
    };
    if rest.is_empty() {
        return s.is_empty();
    }
    let (last, middle) = rest.split_last().unwrap();
    for p in middle {
        match s.find(p.as_str()) {
            Some(i) => s = &s[i + p.len()..],
            None => return false,
        }
    }
    s.ends_with(last.as_str())
}

/// Whether a one-line diagnostic is one of `diags`.
fn is_documented(line: &str, diags: &[Diag]) -> bool {
    diags.iter().any(|d| {
        if d.errno {
            line.rsplit_once(": ")
                .is_some_and(|(m, _)| matches_format(&d.fmt, m))
                || matches_format(&format!("{}: %s", d.fmt), line)
        } else {
            matches_format(&d.fmt, line)
        }
    })
}

/// Where the program runs: in a private network namespace (the test kit's:
/// as root, or through a user namespace), or, where neither is permitted,
/// on the host when binding port 1 is not permitted either (then no call can
/// bind a wildcard address).  Err: the reason to skip.
fn network() -> Result<Option<common::Netns>, String> {
    let why = match common::netns() {
        Ok(ns) => return Ok(Some(ns)),
        Err(why) => why,
    };
    let start = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
        .unwrap_or(0);
    // SAFETY: geteuid has no preconditions and cannot fail.
    if start > 1 && unsafe { libc::geteuid() } != 0 {
        Ok(None)
    } else {
        Err(format!(
            "no private network namespace ({why}) and port 1 is bindable \
             (ip_unprivileged_port_start {start}): the NULL-host calls would bind \
             the wildcard address"
        ))
    }
}

fn run(exe: &Path, netns: Option<&common::Netns>) -> String {
    let mut cmd = match netns {
        Some(ns) => ns.command(exe),
        None => Command::new(exe),
    };
    let out = common::run_outcome(&mut cmd, b"", Duration::from_secs(600));
    assert!(
        out.code() == Some(0),
        "{} failed: {:?}: {}",
        exe.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The calls for the prototypes of `headers` (file names in `dir`), made by
/// a program that includes `includes`, static and shared.  Asserts the
/// outcomes.
fn null_calls(test: &str, dir: &Path, headers: &[String], includes: &[String]) {
    common::ensure_built();
    let netns = match network() {
        Ok(n) => n,
        Err(why) => {
            common::skip(test, &why);
            return;
        }
    };
    let have = common::shared_exports();
    let mut protos = Vec::new();
    for h in headers {
        protos.extend(prototypes(dir, h));
    }
    assert!(protos.len() > 5, "{headers:?}: {protos:?}");
    let (called, skipped): (Vec<Prototype>, Vec<Prototype>) =
        protos.into_iter().partition(|p| have.contains(&p.name));
    let with_pointers = called
        .iter()
        .filter(|p| p.params.iter().any(|a| a.pointer))
        .count();
    let pointer_args: usize = called
        .iter()
        .map(|p| p.params.iter().filter(|a| a.pointer).count())
        .sum();
    let cases = cases(&called);
    let out = common::root().join("target/ctest");
    std::fs::create_dir_all(&out).unwrap();
    let src = out.join(format!("{test}.{}.c", std::process::id()));
    std::fs::write(&src, program(includes, &cases)).unwrap();
    // Removed however the test ends.
    struct Remove<'a>(&'a Path);
    impl Drop for Remove<'_> {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(self.0);
        }
    }
    let _remove = Remove(&src);
    eprintln!(
        "{headers:?}: {} prototypes ({} not in the library: {}), {with_pointers} with \
         pointer parameters, {pointer_args} pointer parameters, {} calls per link",
        called.len() + skipped.len(),
        skipped.len(),
        skipped
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        cases.len()
    );
    let mut failures = Vec::new();
    let mut docs = BTreeMap::new();
    for link in BOTH {
        let exe = common::build_source(&src, test, link);
        let report = parse_report(&run(&exe, netns.as_ref()));
        for (id, c) in cases.iter().enumerate() {
            let Some(o) = report.get(&id) else {
                failures.push(format!("{}: {}: no report", link.name(), c.call));
                continue;
            };
            let (diags, aborts) = docs
                .entry(c.func.clone())
                .or_insert_with(|| documented(&c.func));
            let verdict = judge(c, o, diags, *aborts);
            eprintln!(
                "{:6} {:70} {} {}",
                link.name(),
                c.call,
                o.status,
                if o.stderr.is_empty() {
                    o.stdout.trim_end()
                } else {
                    o.stderr.trim_end()
                }
            );
            if let Err(why) = verdict {
                failures.push(format!(
                    "{}: {}: {why}\n    status {}, stdout {:?}, stderr {:?}",
                    link.name(),
                    c.call,
                    o.status,
                    o.stdout,
                    o.stderr
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} calls failed:\n{}",
        failures.len(),
        2 * cases.len(),
        failures.join("\n")
    );
}

/// The four headers of the library.
#[test]
fn null_for_every_pointer_argument() {
    let headers = common::headers();
    null_calls(
        "null_calls",
        &common::root().join("include"),
        &headers,
        &headers,
    );
}

/// The Solaris-threads compatibility header (book/include/thread.h), in a
/// program of its own: its macros rename the pthread calls of the file that
/// includes it.
#[test]
fn null_for_every_pointer_argument_of_thread_h() {
    let dir = common::root().join("book/include");
    let thread_h = dir.join("thread.h").display().to_string();
    null_calls(
        "null_calls_thr",
        &dir,
        &["thread.h".to_string()],
        &["unp.h".to_string(), "unpthread.h".to_string(), thread_h],
    );
}

/// A call's outcome against its man page: a return (printing nothing but
/// documented messages), or exit 1 with one documented diagnostic, or
/// abort() where the page says so.  A printf-style function's message is
/// the caller's: any one line.
fn judge(c: &Case, o: &Outcome, diags: &[Diag], aborts: bool) -> Result<(), String> {
    let func = c.func.as_str();
    let lines: Vec<&str> = o.stderr.lines().collect();
    match o.status.as_str() {
        "exit 0" => {
            if c.variadic {
                return Ok(());
            }
            if let Some(l) = lines.iter().find(|l| !is_documented(l, diags)) {
                return Err(format!("returned, printing an undocumented message {l:?}"));
            }
            Ok(())
        }
        "exit 1" => {
            if lines.len() != 1 || !o.stderr.ends_with('\n') {
                return Err("exit 1 without a one-line diagnostic".into());
            }
            if c.variadic || is_documented(lines[0], diags) {
                Ok(())
            } else {
                Err(format!(
                    "diagnostic not among those man/man3/{func}.3 lists: {:?}",
                    diags.iter().map(|d| d.fmt.as_str()).collect::<Vec<_>>()
                ))
            }
        }
        "signal 6" if aborts => Ok(()),
        other => Err(format!("ended with {other}")),
    }
}

#[test]
fn parser_and_matcher_see_the_shapes_of_the_headers() {
    // A function pointer variable is no prototype.
    let p = prototypes_of(
        "void *(*x)(void); Sigfunc *Signal(int signo, Sigfunc *func);\n\
         void Pthread_create(pthread_t *tid, const pthread_attr_t *attr, void *(*func)(void*), void *arg);\n\
         void err_sys(const char *, ...); unsigned char *inet_srcrt_init(int);\n\
         void Sysctl(int *, unsigned int, void *, size_t *, void *, size_t); char *gf_time(void);",
    );
    let shape: Vec<String> = p
        .iter()
        .map(|f| {
            let params: Vec<String> = f
                .params
                .iter()
                .map(|a| {
                    let kind = match (a.pointer, a.function) {
                        (true, true) => "fn",
                        (true, false) => "ptr",
                        _ => "int",
                    };
                    format!("{}:{}:{kind}", a.ty, a.name)
                })
                .collect();
            format!(
                "{} {}({}){}",
                f.ret,
                f.name,
                params.join(", "),
                if f.variadic { "..." } else { "" }
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            "Sigfunc * Signal(int:signo:int, Sigfunc *:func:fn)",
            "void Pthread_create(pthread_t *:tid:ptr, const pthread_attr_t *:attr:ptr, \
             void *(*)(void*):func:fn, void *:arg:ptr)",
            "void err_sys(const char *::ptr)...",
            "unsigned char * inet_srcrt_init(int::int)",
            "void Sysctl(int *::ptr, unsigned int::int, void *::ptr, size_t *::ptr, \
             void *::ptr, size_t::int)",
            "char * gf_time()",
        ]
    );
    assert!(matches_format(
        "tcp_connect error for %s, %s",
        "tcp_connect error for (null), 1"
    ));
    assert!(matches_format(
        "if_indextoname error for %u",
        "if_indextoname error for 0"
    ));
    assert!(matches_format("100%% %d", "100% -3"));
    assert!(!matches_format("fputs error", "fputs error: x"));
    assert!(!matches_format(
        "host_serv error for %s, %s",
        "host_serv error for a"
    ));
    let d = [
        Diag {
            fmt: "fputs error".into(),
            errno: true,
        },
        Diag {
            fmt: "str_cli: server terminated prematurely".into(),
            errno: false,
        },
    ];
    assert!(is_documented("fputs error: Invalid argument", &d));
    assert!(!is_documented("fputs error", &d));
    assert!(is_documented("str_cli: server terminated prematurely", &d));
    assert!(!is_documented("fgets error: Invalid argument", &d));
}
