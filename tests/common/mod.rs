//! Shared harness for the integration tests: builds the libraries once,
//! compiles C programs against them (static and shared), runs them with
//! bounded time, and finds free loopback ports.  Running programs, waiting
//! for servers and private network namespaces come from the project's test
//! kit (`unp-testkit`, testkit/): this is a thin layer of the tests' own
//! conventions on it.
#![allow(dead_code)]

use std::collections::{BTreeSet, HashMap};
use std::net::{TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

// Not every test binary uses every name.
#[allow(unused_imports)]
pub use unp_testkit::{only_stdio, Netns, Outcome, Status};
use unp_testkit::{Listener, NotReady, Running};

/// The workspace root (the directory with the Makefile): this harness is
/// also used by the tests of the `unp` crate in `unp/`.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|d| d.join("Makefile").exists())
        .expect("a Makefile above CARGO_MANIFEST_DIR")
        .to_path_buf()
}

/// How a program is linked against libunp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Link {
    /// `build/lib/libunp.a` on the command line (libc stays shared).
    Static,
    /// `-lunp` against `build/lib/libunp.so`, with an rpath.
    Shared,
}

pub const BOTH: [Link; 2] = [Link::Static, Link::Shared];

impl Link {
    pub fn name(self) -> &'static str {
        match self {
            Link::Static => "static",
            Link::Shared => "shared",
        }
    }
}

/// A `make` command that does not inherit the state of a make the tests may
/// run under (`make -j2 check`): MAKEFLAGS would name a jobserver whose
/// descriptors this process does not have (make then warns "jobserver
/// unavailable"), and MAKELEVEL changes make's messages (`make[2]:`).
pub fn make() -> Command {
    without_make_state(Command::new("make"))
}

/// A `cargo` command (the one running the tests, `$CARGO`) for a nested
/// build, without the state of a make or cargo the tests may run under: no
/// jobserver it cannot reach (MAKEFLAGS, CARGO_MAKEFLAGS).
pub fn cargo() -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = without_make_state(Command::new(cargo));
    cmd.env_remove("CARGO_MAKEFLAGS");
    cmd
}

fn without_make_state(mut cmd: Command) -> Command {
    for v in [
        "MAKEFLAGS",
        "MFLAGS",
        "GNUMAKEFLAGS",
        "MAKELEVEL",
        "MAKEOVERRIDES",
    ] {
        cmd.env_remove(v);
    }
    cmd
}

/// The tests use what `make check` built before running them: the
/// libraries and headers in build/, the example programs in build/bin and the
/// staged installation in build/stage.  They never build them themselves (the
/// build goes one way: make calls cargo, never the reverse); run alone,
/// `cargo test` needs a `make check`-built tree and says so, and refuses a
/// build older than the sources (see [`stale_build`]): after editing
/// `src/`, `cargo test --test X` alone would test the old library.
pub fn ensure_built() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        for f in [
            "build/lib/libunp.a",
            "build/lib/libunp.so",
            "build/include/unp.h",
            "build/stage/lib/libunp.a",
        ] {
            assert!(
                root().join(f).exists(),
                "{f} is missing: the tests use what `make check` builds \
                 (run `make check`, or `make lib examples stage` before `cargo test`)"
            );
        }
        if let Some(why) = stale_build(&root()) {
            panic!("{why}");
        }
    });
}

/// Why the build in `top` (a checkout with the Makefile) is older than its
/// sources, if it is: asks make itself, in question mode (`make -q`, which
/// runs no recipe and builds nothing; its exit status says whether a
/// target is out of date), about the files the tests read: the libraries,
/// the headers and the example programs.  (Even under -q, make runs a
/// recipe line that contains `$(MAKE)`; the recipes of these files have
/// none.)  Also: the staged installation (build/stage) must not be older
/// than build/lib.
pub fn stale_build(top: &Path) -> Option<String> {
    let lib = [
        "build/lib/libunp.a".to_string(),
        format!("build/lib/libunp.so.{}", env!("CARGO_PKG_VERSION")),
    ];
    let mut rest: Vec<String> = headers_in(top)
        .into_iter()
        .map(|h| format!("build/include/{h}"))
        .collect();
    let mut examples: Vec<String> = std::fs::read_dir(top.join("c-examples"))
        .expect("c-examples/")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            Some(name.strip_suffix(".c")?.to_string())
        })
        .collect();
    examples.sort();
    for e in &examples {
        rest.push(format!("build/bin/{e}"));
        rest.push(format!("build/bin/static/{e}"));
    }
    let run = "run `make` first (or `make check`, which also stages build/stage); \
               the tests use what make built and never build it themselves";
    for (what, targets) in [
        ("the libraries in build/lib are", &lib[..]),
        (
            "build/include or the example programs in build/bin are",
            &rest[..],
        ),
    ] {
        let out = make()
            .arg("-q")
            .args(targets)
            .current_dir(top)
            .output()
            .expect("run make -q");
        match out.status.code() {
            Some(0) => {}
            Some(1) => return Some(format!("{what} older than the sources: {run}")),
            _ => {
                return Some(format!(
                    "`make -q` cannot tell whether build/ is current ({}): {run}\n{}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                ))
            }
        }
    }
    let mtime = |f: &str| {
        std::fs::metadata(top.join(f))
            .and_then(|m| m.modified())
            .ok()
    };
    match (
        mtime("build/stage/lib/libunp.a"),
        mtime("build/lib/libunp.a"),
    ) {
        (Some(staged), Some(built)) if staged < built => Some(
            "the staged installation in build/stage is older than build/lib: \
             run `make stage` first (or `make check`)"
                .to_string(),
        ),
        _ => None,
    }
}

fn source_of(name: &str) -> PathBuf {
    for dir in ["c-examples", "tests/c"] {
        for ext in ["c", "cpp"] {
            let p = root().join(dir).join(format!("{name}.{ext}"));
            if p.exists() {
                return p;
            }
        }
    }
    panic!("no C source named {name} in c-examples/ or tests/c/");
}

/// Compiles a program from `c-examples/NAME.c` or `tests/c/NAME.c` with
/// `-Wall -Wextra -Werror` and links it as asked.  Cached per process.
pub fn build(name: &str, link: Link) -> PathBuf {
    build_with(name, link, &[])
}

/// A compiled program's identity: source name, link mode (None: no libunp),
/// extra flags.
type BuildKey = (String, Option<Link>, Vec<String>);

/// As [`build`], with extra compiler flags (which become part of the cache key).
pub fn build_with(name: &str, link: Link, extra: &[&str]) -> PathBuf {
    compile(name, Some(link), extra)
}

/// As [`build_with`], but not linked with libunp at all (for programs that
/// load `build/lib/libunp.so` themselves with dlopen).
pub fn build_without_lib(name: &str, extra: &[&str]) -> PathBuf {
    compile(name, None, extra)
}

/// The sanitizer the C programs are built with, from `UNP_SANITIZE` (see
/// `make check-sanitizers`): `address` (or `1`) for AddressSanitizer and
/// UndefinedBehaviorSanitizer, `thread` for ThreadSanitizer.  With one set,
/// the compiler is clang (clang++ for C++) and the programs go to their own
/// directory.
pub fn sanitizer() -> Option<&'static str> {
    static S: OnceLock<Option<&'static str>> = OnceLock::new();
    *S.get_or_init(|| match std::env::var("UNP_SANITIZE").ok().as_deref() {
        None | Some("") | Some("0") => None,
        Some("1") | Some("address") => Some("address"),
        Some("thread") => Some("thread"),
        Some(other) => panic!("UNP_SANITIZE={other}: expected address (or 1) or thread"),
    })
}

/// As [`build`], for a C source outside `c-examples/` and `tests/c/` (a
/// program a test generated); `name` names the executable.
pub fn build_source(src: &Path, name: &str, link: Link) -> PathBuf {
    compile_from(src.to_path_buf(), name, Some(link), &[])
}

fn compile(name: &str, link: Option<Link>, extra: &[&str]) -> PathBuf {
    compile_from(source_of(name), name, link, extra)
}

fn compile_from(src: PathBuf, name: &str, link: Option<Link>, extra: &[&str]) -> PathBuf {
    ensure_built();
    static CACHE: OnceLock<Mutex<HashMap<BuildKey, PathBuf>>> = OnceLock::new();
    let key = (
        name.to_string(),
        link,
        extra.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    );
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut guard = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = guard.get(&key) {
        return p.clone();
    }
    let cpp = src.extension().is_some_and(|e| e == "cpp");
    let tag = if extra.is_empty() {
        String::new()
    } else {
        format!("-{:x}", hash(&key.2))
    };
    let san = sanitizer();
    let top = match san {
        None => "target/ctest".to_string(),
        Some(s) => format!("target/ctest-{s}"),
    };
    let dir = root().join(top).join(link.map_or("nolib", |l| l.name()));
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join(format!("{name}{tag}"));
    let tmp = dir.join(format!(".{name}{tag}.{}", std::process::id()));
    let compiler = match (san.is_some(), cpp) {
        (false, false) => "cc",
        (false, true) => "c++",
        (true, false) => "clang",
        (true, true) => "clang++",
    };
    let mut cmd = Command::new(compiler);
    if cpp {
        cmd.arg("-std=c++17");
    } else {
        cmd.arg("-std=gnu11");
    }
    cmd.args(["-O2", "-g", "-Wall", "-Wextra", "-Werror", "-D_REENTRANT"]);
    match san {
        None => {}
        Some("thread") => {
            cmd.args(["-fsanitize=thread", "-fno-omit-frame-pointer"]);
        }
        Some(_) => {
            cmd.args([
                "-fsanitize=address,undefined",
                "-fno-sanitize-recover=all",
                "-fno-omit-frame-pointer",
            ]);
        }
    }
    cmd.arg("-I")
        .arg(root().join("include"))
        .args(extra)
        .arg("-o")
        .arg(&tmp)
        .arg(&src);
    let lib = root().join("build/lib");
    match link {
        Some(Link::Static) => {
            cmd.arg(lib.join("libunp.a"));
        }
        Some(Link::Shared) => {
            cmd.arg(format!("-L{}", lib.display()))
                .arg(format!("-Wl,-rpath,{}", lib.display()))
                .arg("-lunp");
        }
        None => {
            cmd.arg("-ldl");
        }
    }
    cmd.arg("-lpthread");
    let out = cmd.output().expect("run the C compiler");
    assert!(
        out.status.success(),
        "compiling {} ({}) failed:\n{}",
        src.display(),
        link.map_or("without libunp", |l| l.name()),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::rename(&tmp, &exe).unwrap();
    guard.insert(key, exe.clone());
    exe
}

fn hash(v: &[String]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// A fresh directory `unp-TAG-XXXXXX` in the system's temporary directory,
/// removed with everything in it when the returned guard is dropped (also
/// when the test fails: tests unwind).
pub fn temp_dir(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("unp-{tag}-"))
        .tempdir()
        .expect("create a temporary directory")
}

/// Every file and directory below `dir`, relative to it, sorted.
pub fn entries_under(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            }
            v.push(e.path().strip_prefix(dir).unwrap().to_path_buf());
        }
    }
    v.sort();
    v
}

/// The result of a finished program.
#[derive(Debug)]
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
    /// Exit code, or None when killed by a signal.
    pub code: Option<i32>,
    /// Terminating signal, if any.
    pub signal: Option<i32>,
}

impl From<Outcome> for Ran {
    fn from(out: Outcome) -> Ran {
        Ran {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: without_asan_notice(String::from_utf8_lossy(&out.stderr).into_owned()),
            code: out.code(),
            signal: out.signal(),
        }
    }
}

impl Ran {
    /// Asserts exact stdout, stderr and exit code.
    pub fn expect(&self, stdout: &str, stderr: &str, code: i32) {
        assert_eq!(
            (self.stdout.as_str(), self.stderr.as_str(), self.code),
            (stdout, stderr, Some(code)),
            "unexpected result: {self:#?}"
        );
    }
}

/// Under AddressSanitizer (`UNP_SANITIZE`), an allocation of an impossible
/// size returns NULL (`allocator_may_return_null=1`, as libc's allocator
/// does) but first prints one line,
/// `==PID==WARNING: AddressSanitizer failed to allocate 0x... bytes`, that
/// no option turns off.  That line alone is removed, so the tests of
/// `Malloc`'s and `Calloc`'s diagnostics still compare stderr exactly; any
/// real sanitizer report is kept.
fn without_asan_notice(stderr: String) -> String {
    if sanitizer() != Some("address") {
        return stderr;
    }
    let notice = |l: &str| {
        l.starts_with("==")
            && l.contains("==WARNING: AddressSanitizer failed to allocate 0x")
            && l.ends_with(" bytes")
    };
    if !stderr.lines().any(notice) {
        return stderr;
    }
    stderr
        .split_inclusive('\n')
        .filter(|l| !notice(l.trim_end_matches('\n')))
        .collect()
}

/// Runs a program to completion with `stdin` as input, killing it (and
/// failing the test) after `limit`.
pub fn run(exe: &Path, args: &[&str], stdin: &[u8], limit: Duration) -> Ran {
    run_env(exe, args, stdin, limit, &[])
}

pub fn run_env(
    exe: &Path,
    args: &[&str],
    stdin: &[u8],
    limit: Duration,
    env: &[(&str, &str)],
) -> Ran {
    let mut cmd = Command::new(exe);
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_cmd(&mut cmd, stdin, limit)
}

/// Runs `cmd` (with its arguments and environment; from
/// [`Netns::command`] to run it in a namespace) to completion with `stdin`
/// as input, in a process group of its own with descriptors 0-2 only,
/// killing the group (and failing the test) after `limit`.
pub fn run_cmd(cmd: &mut Command, stdin: &[u8], limit: Duration) -> Ran {
    Ran::from(run_outcome(cmd, stdin, limit))
}

/// As [`run_cmd`], with the outcome byte for byte.
pub fn run_outcome(cmd: &mut Command, stdin: &[u8], limit: Duration) -> Outcome {
    let what = cmd.get_program().to_string_lossy().into_owned();
    let out = unp_testkit::run(cmd, Some(stdin), limit).unwrap_or_else(|e| panic!("spawn {e}"));
    assert!(
        out.status != Status::TimedOut,
        "{what} did not finish within {limit:?}: {out:?}"
    );
    out
}

/// A fresh private network namespace with its loopback up, in which the
/// book's fixed ports (9877, 13) are free: as root, or through a user
/// namespace as an ordinary user.  Err(why) when neither is possible here
/// (the test then calls [`skip`] with it).  Run programs in it with
/// `run_cmd(ns.command(exe).args(..), stdin, T)`, or start a server with
/// [`Server::start_cmd`].
pub fn netns() -> Result<Netns, String> {
    Netns::new().map_err(|e| e.to_string())
}

/// A background server process (in a process group of its own, with
/// descriptors 0-2 only): its group is killed when dropped.
pub struct Server {
    run: Option<Running>,
}

impl Server {
    /// Starts `exe args` with captured output.
    pub fn start(exe: &Path, args: &[&str]) -> Server {
        Self::start_env(exe, args, &[])
    }

    pub fn start_env(exe: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut cmd = Command::new(exe);
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Self::start_cmd(&mut cmd)
    }

    /// Starts `cmd` (from [`Netns::command`] for a namespace).
    pub fn start_cmd(cmd: &mut Command) -> Server {
        // The limit of a server's life: far beyond any test's.
        let run = unp_testkit::start(cmd, None, Duration::from_secs(600))
            .unwrap_or_else(|e| panic!("spawn {e}"));
        Server { run: Some(run) }
    }

    fn running(&self) -> &Running {
        self.run.as_ref().expect("a running server")
    }

    pub fn pid(&self) -> i32 {
        self.running().pid() as i32
    }

    /// Sends `sig` to the server alone (not to its children), then
    /// collects the output (bounded by 10 s; children that still hold it
    /// are killed then).
    pub fn stop_with(self, sig: i32) -> Ran {
        Ran::from(self.stop_within(sig, Duration::from_secs(10)))
    }

    /// As [`stop_with`](Self::stop_with), with the whole outcome, waiting
    /// at most `limit`.
    pub fn stop_within(mut self, sig: i32, limit: Duration) -> Outcome {
        let run = self.run.take().expect("a running server");
        let what = run.name().to_string();
        let _ = run.signal(sig);
        let out = run.wait_within(limit);
        assert!(
            out.status != Status::TimedOut,
            "{what} did not finish within {limit:?} of signal {sig}: {out:?}"
        );
        out
    }

    /// Waits for the server to exit by itself (bounded).
    pub fn wait(self, limit: Duration) -> Ran {
        Ran::from(self.wait_outcome(limit))
    }

    /// As [`wait`](Self::wait), with the whole outcome.
    pub fn wait_outcome(mut self, limit: Duration) -> Outcome {
        let run = self.run.take().expect("a running server");
        let what = run.name().to_string();
        let out = run.wait_within(limit);
        assert!(
            out.status != Status::TimedOut,
            "{what} did not finish within {limit:?}: {out:?}"
        );
        out
    }
}

pub const SIGTERM: i32 = 15;
pub const SIGKILL: i32 = 9;
pub const SIGINT: i32 = 2;

/// A TCP port on 127.0.0.1 that was free a moment ago.
pub fn free_tcp_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A UDP port on 127.0.0.1 that was free a moment ago.
pub fn free_udp_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub const T: Duration = Duration::from_secs(20);

/// A loopback TCP port on which connections are refused, held for as long as
/// the returned guard lives: a socket bound to it that never listens (so no
/// other test can take the port meanwhile, and a SYN gets a RST).
pub struct RefusedPort {
    fds: Vec<i32>,
    pub port: u16,
}

/// Binds a TCP socket (never listening) to loopback of `family` on `port`
/// (0: any); the fd and the port, or None when the port is taken.
fn bind_loopback(family: i32, port: u16) -> Option<(i32, u16)> {
    unsafe {
        let fd = libc::socket(family, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
        assert!(fd >= 0, "socket: {}", std::io::Error::last_os_error());
        let mut ss: libc::sockaddr_storage = std::mem::zeroed();
        let len = if family == libc::AF_INET {
            let sa = &mut *(&mut ss as *mut _ as *mut libc::sockaddr_in);
            sa.sin_family = libc::AF_INET as libc::sa_family_t;
            sa.sin_addr.s_addr = u32::from_ne_bytes([127, 0, 0, 1]);
            sa.sin_port = port.to_be();
            std::mem::size_of::<libc::sockaddr_in>()
        } else {
            let on: libc::c_int = 1;
            libc::setsockopt(
                fd,
                libc::IPPROTO_IPV6,
                libc::IPV6_V6ONLY,
                &on as *const _ as *const libc::c_void,
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
            let sa = &mut *(&mut ss as *mut _ as *mut libc::sockaddr_in6);
            sa.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sa.sin6_addr.s6_addr[15] = 1;
            sa.sin6_port = port.to_be();
            std::mem::size_of::<libc::sockaddr_in6>()
        } as libc::socklen_t;
        if libc::bind(fd, &ss as *const _ as *const libc::sockaddr, len) != 0 {
            let e = std::io::Error::last_os_error();
            libc::close(fd);
            assert!(port != 0, "bind: {e}");
            return None;
        }
        let mut got: libc::sockaddr_storage = std::mem::zeroed();
        let mut glen = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        libc::getsockname(fd, &mut got as *mut _ as *mut libc::sockaddr, &mut glen);
        let p = if family == libc::AF_INET {
            (*(&got as *const _ as *const libc::sockaddr_in)).sin_port
        } else {
            (*(&got as *const _ as *const libc::sockaddr_in6)).sin6_port
        };
        Some((fd, u16::from_be(p)))
    }
}

impl RefusedPort {
    /// On 127.0.0.1.
    pub fn new() -> RefusedPort {
        let (fd, port) = bind_loopback(libc::AF_INET, 0).unwrap();
        RefusedPort {
            fds: vec![fd],
            port,
        }
    }

    /// On ::1.
    pub fn v6() -> RefusedPort {
        let (fd, port) = bind_loopback(libc::AF_INET6, 0).unwrap();
        RefusedPort {
            fds: vec![fd],
            port,
        }
    }

    /// `port` on ::1, None when something holds it there.
    pub fn v6_at(port: u16) -> Option<RefusedPort> {
        let (fd, port) = bind_loopback(libc::AF_INET6, port)?;
        Some(RefusedPort {
            fds: vec![fd],
            port,
        })
    }

    /// The same port refused on both 127.0.0.1 and ::1 (bounded retries
    /// while the v6 side of a fresh v4 port happens to be taken).
    pub fn both() -> RefusedPort {
        for _ in 0..50 {
            let (fd4, port) = bind_loopback(libc::AF_INET, 0).unwrap();
            if let Some((fd6, _)) = bind_loopback(libc::AF_INET6, port) {
                return RefusedPort {
                    fds: vec![fd4, fd6],
                    port,
                };
            }
            unsafe { libc::close(fd4) };
        }
        panic!("no port free on both 127.0.0.1 and ::1 in 50 tries");
    }
}

impl Drop for RefusedPort {
    fn drop(&mut self) {
        for &fd in &self.fds {
            unsafe { libc::close(fd) };
        }
    }
}

/// What a server bound: a listening TCP socket or a UDP socket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proto {
    Tcp,
    Udp,
}

impl Server {
    /// Waits (bounded by `limit`) until this server (or a process of its
    /// process group) holds a listening TCP (or bound UDP) socket on `port`,
    /// as its network namespace shows it -- not some other process that
    /// happens to use the port.  Err(output) when the server exited first.
    pub fn wait_bound(&mut self, proto: Proto, port: u16, limit: Duration) -> Result<(), Ran> {
        let what = match proto {
            Proto::Tcp => Listener::Tcp(port),
            Proto::Udp => Listener::Udp(port),
        };
        self.wait_for(&what, limit).map_err(Ran::from)
    }

    /// Waits (bounded by `limit`) until the server holds `what` (see
    /// `unp_testkit::wait_listening`); Err(its outcome) when it exited
    /// first, a test failure when it is not ready in time.
    pub fn wait_for(&mut self, what: &Listener, limit: Duration) -> Result<(), Outcome> {
        let run = self.run.as_mut().expect("a running server");
        let name = run.name().to_string();
        match unp_testkit::wait_listening(run, what, limit) {
            Ok(()) => Ok(()),
            Err(NotReady::Exited(out)) => {
                self.run = None;
                Err(out)
            }
            Err(NotReady::TimedOut(_)) => panic!("{name} did not hold {what} within {limit:?}"),
        }
    }
}

/// Starts `exe` on a free loopback port and waits until the server itself
/// listens (TCP) or is bound (UDP) there.  `args` gets the port as text.
///
/// A port from [`free_tcp_port`] is only free "a moment ago": a parallel
/// test (a client's ephemeral port, another server) can take it before the
/// server binds.  The server then dies with "Address already in use"; this
/// retries with another port (at most 8 times, each bounded by [`T`]).
pub fn start_server_on_free_port(
    exe: &Path,
    proto: Proto,
    args: &dyn Fn(&str) -> Vec<String>,
    env: &[(&str, &str)],
) -> (Server, u16) {
    let mut last = None;
    for _ in 0..8 {
        let port = match proto {
            Proto::Tcp => free_tcp_port(),
            Proto::Udp => free_udp_port(),
        };
        let a = args(&port.to_string());
        let a: Vec<&str> = a.iter().map(|s| s.as_str()).collect();
        let mut srv = Server::start_env(exe, &a, env);
        match srv.wait_bound(proto, port, T) {
            Ok(()) => return (srv, port),
            Err(r) if r.stderr.contains("Address already in use") => last = Some(r),
            Err(r) => panic!(
                "{} exited before binding port {port}: {r:#?}",
                exe.display()
            ),
        }
    }
    panic!(
        "{}: every port tried was taken meanwhile; last: {last:#?}",
        exe.display()
    );
}

/// Reports a test (or the part `what` of one) that cannot run here; the
/// caller then returns or skips that part.  libtest has no run-time skip and
/// would report the test as `ok`, so the skip is recorded outside it:
///
/// * `SKIPPED what: why` goes to the process's stderr directly (libtest
///   captures only the `print!` family), so it shows in `make check`'s
///   output as it happens;
/// * a line `BINARY<TAB>TEST<TAB>what<TAB>why` (the test binary's file name
///   and the running test's name) is appended to the file `UNP_SKIP_LOG` names,
///   when set: `make check` sets it and counts such a test as skipped, not
///   passed, in its last line (tests/check.sh).
///
/// With `UNP_NO_SKIP=1` in the environment a skip is a failure instead, so
/// that a CI machine that should run everything can insist.
pub fn skip(what: &str, why: &str) {
    use std::io::Write;
    assert!(
        std::env::var_os("UNP_NO_SKIP").is_none_or(|v| v != "1"),
        "{what} skipped but UNP_NO_SKIP=1: {why}"
    );
    let oneline = |s: &str| s.replace(['\t', '\n'], " ");
    let (what, why) = (oneline(what), oneline(why));
    let _ = std::io::stderr().write_all(format!("SKIPPED {what}: {why}\n").as_bytes());
    let Some(log) = std::env::var_os("UNP_SKIP_LOG") else {
        return;
    };
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    // libtest runs each test in a thread named after it.
    let thread = std::thread::current();
    let test = thread.name().unwrap_or(&what);
    // One write of one line, in append mode: lines of parallel tests (and
    // test binaries) do not mix.
    let line = format!("{exe}\t{test}\t{what}\t{why}\n");
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&log)
        .and_then(|mut f| f.write_all(line.as_bytes()));
    if let Err(e) = written {
        panic!(
            "{what} skipped, but the skip could not be recorded in UNP_SKIP_LOG={}: {e}",
            std::path::Path::new(&log).display()
        );
    }
}

/// Waits (bounded by `limit`) until a process running `exe` listens on some
/// TCP port; returns its pid and that port.  For servers started with port
/// 0 (the kernel picks a free port: no race with parallel tests) whose pid
/// the test does not know, such as a daemon.
pub fn wait_exe_listening(exe: &Path, limit: Duration) -> (i32, u16) {
    let exe = exe.canonicalize().unwrap();
    let start = Instant::now();
    loop {
        for e in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            if std::fs::read_link(format!("/proc/{pid}/exe"))
                .ok()
                .as_deref()
                != Some(&exe)
            {
                continue;
            }
            if let Some(&port) = unp_testkit::listening_ports(pid).first() {
                return (pid as i32, port);
            }
        }
        assert!(
            start.elapsed() < limit,
            "no {} process listened within {limit:?}",
            exe.display()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Whether process `pid` (or a process of its group) holds a listening TCP
/// socket on `port`.
pub fn pid_listens(pid: i32, port: u16) -> bool {
    unp_testkit::is_listening(pid as u32, &Listener::Tcp(port))
}

/// Every file `make install` must produce, relative to PREFIX, besides the
/// headers (`include/<each of headers()>`).
pub const INSTALLED_FILES: &[&str] = &[
    "lib/libunp.a",
    "lib/libunp.so",
    "lib/pkgconfig/unp.pc",
    "share/unp/Make.defines",
    "share/unp/config.h",
    "share/unp/include/thread.h",
    "share/unp/include/libnet.h",
    "share/unp/include/netinet/ip_var.h",
    "share/unp/include/netinet/udp_var.h",
    "share/man/man3/unp.3",
    "share/man/man3/Tcp_connect.3",
    "bin/unp-compare",
    "share/man/man1/unp-compare.1",
];

/// The shared library's soname, `libunp.so.<major>`, derived from the
/// package version (defined once, in the workspace's Cargo.toml).
pub fn soname() -> String {
    format!("libunp.so.{}", env!("CARGO_PKG_VERSION_MAJOR"))
}

/// The committed man pages (`man/man3/*.3`), by file name, sorted.
pub fn man_pages() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("man/man3"))
        .expect("read man/man3")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".3"))
        .collect();
    v.sort();
    v
}

/// The library's headers (`unp.h`, `unpthread.h`, ...): the list is defined
/// once, by the cbindgen configurations (one `cbindgen/<name>.toml` each).
pub fn headers() -> Vec<String> {
    headers_in(&root())
}

/// [`headers`] of the checkout at `top`.
pub fn headers_in(top: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(top.join("cbindgen"))
        .expect("cbindgen/")
        .map(|e| e.expect("cbindgen entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| format!("{}.h", p.file_stem().unwrap().to_string_lossy()))
        .collect();
    v.sort();
    v
}

/// The text of `header` (in directory `inc`) after preprocessing, only the
/// parts that come from the header itself (system headers it includes are
/// dropped).
pub fn header_text(inc: &Path, header: &str) -> String {
    let out = Command::new("cc")
        .args(["-E", "-std=gnu11", "-D_REENTRANT", "-I"])
        .arg(inc)
        .args(["-x", "c", "-"])
        .stdin({
            // Unique per call: tests run in parallel and preprocess the same
            // headers; a shared name let one truncate the file while the
            // other's cc read it (seen under load: "unp.h: 0 declarations").
            static SERIAL: AtomicUsize = AtomicUsize::new(0);
            let n = SERIAL.fetch_add(1, Ordering::SeqCst);
            let f = root().join(format!(
                "target/header-{header}.{}.{n}.c",
                std::process::id()
            ));
            std::fs::write(&f, format!("#include \"{header}\"\n")).unwrap();
            std::fs::File::open(&f).unwrap()
        })
        .output()
        .expect("run cc -E");
    assert!(
        out.status.success(),
        "cc -E {header}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ours = format!("\"{}\"", inc.join(header).display());
    let mut text = String::new();
    let mut inside = false;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        if let Some(rest) = line.strip_prefix("# ") {
            // `# LINE "file" flags` (the file name may have spaces)
            inside = rest
                .find('"')
                .zip(rest.rfind('"'))
                .is_some_and(|(a, b)| rest[a..=b] == ours);
            continue;
        }
        if inside {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

/// The file-scope statements of a header's text (see [`header_text`]):
/// brace blocks (struct bodies) and `__attribute__((...))` groups (the
/// `err_*` format attribute) dropped, split at `;`, whitespace collapsed to
/// single spaces, empty ones left out.
pub fn statements(text: &str) -> Vec<String> {
    let mut flat = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => flat.push(c),
            _ => {}
        }
    }
    while let Some(at) = flat.find("__attribute__") {
        let rest = &flat[at + "__attribute__".len()..];
        let mut parens = 0;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '(' => parens += 1,
                ')' => {
                    parens -= 1;
                    if parens == 0 {
                        end = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        flat.replace_range(at..at + "__attribute__".len() + end, "");
    }
    flat.split(';')
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// A parameter of a prototype (see [`prototypes_of`]).
#[derive(Debug, Clone)]
pub struct Param {
    /// The type alone (`const struct sockaddr *`, `void *(*)(void*)`).
    pub ty: String,
    /// The parameter's name, "" when the prototype gives none.
    pub name: String,
    pub pointer: bool,
    pub function: bool,
}

/// A function prototype of a header (see [`prototypes_of`]).
#[derive(Debug, Clone)]
pub struct Prototype {
    pub ret: String,
    pub name: String,
    pub params: Vec<Param>,
    /// Ends in `...`: a printf-style function (`err_sys`), whose message is
    /// the caller's.
    pub variadic: bool,
}

impl Param {
    /// The parameter as declared: `const struct sockaddr *sa`,
    /// `void *(*func)(void *)`.
    pub fn decl(&self) -> String {
        if self.ty.contains("(*)") {
            self.ty.replacen("(*)", &format!("(*{})", self.name), 1)
        } else {
            format!("{} {}", self.ty, self.name).trim_end().to_string()
        }
    }
}

impl Prototype {
    /// The declarator without its `;`: `int Socket(int family, int type,
    /// int protocol)`, for a definition of the function.
    pub fn decl(&self) -> String {
        let mut params: Vec<String> = self.params.iter().map(Param::decl).collect();
        if self.variadic {
            params.push("...".into());
        }
        if params.is_empty() {
            params.push("void".into());
        }
        let sep = if self.ret.ends_with('*') { "" } else { " " };
        format!("{}{sep}{}({})", self.ret, self.name, params.join(", "))
    }
}

/// The declarations of `header` from its preprocessed text (the lines the
/// header itself contributes), one per statement with a parameter list.
pub fn prototypes(dir: &Path, header: &str) -> Vec<Prototype> {
    prototypes_of(&header_text(dir, header))
}

/// The prototypes of a header's preprocessed text.
pub fn prototypes_of(text: &str) -> Vec<Prototype> {
    let mut out = Vec::new();
    for stmt in statements(text) {
        if stmt.starts_with("typedef") || stmt.starts_with("extern ") {
            continue;
        }
        let Some(open) = stmt.find('(') else { continue };
        let Some(close) = stmt.rfind(')') else {
            continue;
        };
        let head = &stmt[..open];
        let start = head
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let name = head[start..].to_string();
        if name.is_empty() {
            continue;
        }
        let list = split_params(&stmt[open + 1..close]);
        let variadic = list.last().is_some_and(|p| p == "...");
        let params = list
            .iter()
            .filter(|p| *p != "void" && *p != "...")
            .map(|p| param(p))
            .collect();
        out.push(Prototype {
            ret: head[..start].trim().to_string(),
            name,
            params,
            variadic,
        });
    }
    out
}

/// Splits a parameter list at its top-level commas.
fn split_params(s: &str) -> Vec<String> {
    let mut v = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                v.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        v.push(cur.trim().to_string());
    }
    v
}

fn param(p: &str) -> Param {
    const KEYWORDS: &[&str] = &[
        "int", "char", "long", "short", "unsigned", "signed", "void", "float", "double",
    ];
    if let Some(i) = p.find("(*") {
        // A function pointer: `void *(*func)(void*)`.
        let rest = &p[i + 2..];
        let end = rest.find(')').unwrap_or(0);
        return Param {
            ty: format!("{}(*){}", &p[..i], &rest[end + 1..]),
            name: rest[..end].trim().to_string(),
            pointer: true,
            function: true,
        };
    }
    let start = p
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let (last, before) = (&p[start..], p[..start].trim());
    let named = !last.is_empty()
        && !before.is_empty()
        && !KEYWORDS.contains(&last)
        && !["struct", "union", "enum", "const"].contains(&before);
    let (ty, name) = if named {
        (before.to_string(), last.to_string())
    } else {
        (p.to_string(), String::new())
    };
    Param {
        pointer: ty.contains('*'),
        function: ty.contains("Sigfunc"),
        ty,
        name,
    }
}

/// Dynamic symbols the shared library defines (C names only).
pub fn shared_exports() -> BTreeSet<String> {
    ensure_built();
    let so = root().join("build/lib/libunp.so");
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&so)
        .output()
        .expect("run nm -D");
    let set: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2))
        .map(|n| n.split('@').next().unwrap().to_string())
        .filter(|n| !n.starts_with('_'))
        .collect();
    assert!(!set.is_empty(), "no symbols read from {}", so.display());
    set
}

/// The installation `make check` stages with `make install
/// PREFIX=<root>/build/stage` before running the tests; asserts that it holds
/// every file of [`INSTALLED_FILES`], every header and every man page of
/// [`man_pages`] under `share/man/man3`, and returns its prefix.  Tests only
/// read it.
pub fn staged_prefix() -> PathBuf {
    ensure_built();
    let prefix = root().join("build/stage");
    let headers = headers().into_iter().map(|h| format!("include/{h}"));
    let pages = man_pages()
        .into_iter()
        .map(|p| format!("share/man/man3/{p}"));
    // The versioned names derive from the one version, Cargo.toml's.
    let versioned = [
        format!("lib/{}", soname()),
        format!("lib/libunp.so.{}", env!("CARGO_PKG_VERSION")),
    ];
    let all = INSTALLED_FILES.iter().map(|f| f.to_string());
    for f in all.chain(headers).chain(pages).chain(versioned) {
        assert!(prefix.join(&f).exists(), "make install did not install {f}");
    }
    prefix
}
