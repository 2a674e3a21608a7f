//! Mixed-language tests: every Rust port of a book program (this crate's
//! examples, built by cargo before its integration tests run:
//! `target/<profile>/examples/NAME`) against its C counterpart
//! (`c-examples/NAME.c`, built by `make examples` into `build/bin/NAME`
//! linked with libunp.so and `build/bin/static/NAME` linked with libunp.a).
//!
//! For each client/server pair and each C link, the mixed pairs -- Rust
//! server with C client, C server with Rust client -- must give byte for
//! byte the same stdout, stderr and exit status (client and server) as the
//! all-C pair; the all-C pair is itself checked against what the book's
//! programs must print.  The same for the failure paths, program by
//! program.  Ports come from the harness (free loopback ports, a refused
//! port held for the test); the book's default ports (13, 9877) are used
//! only inside a network namespace private to one session, and the fixed
//! UNIXSTR_PATH only under a file lock.
//!
//! With the test itself as the peer, each port and its C counterpart handle
//! what no C program of the pair sends (NUL bytes, an unterminated last
//! line, datagrams beyond MAXLINE, IPv6 clients, a daytime answer with a
//! NUL) alike and as the book's code must.
//!
//! Last, the in-process mix: C and Rust code reading lines from one socket
//! in turn, in one thread, share libunp's read-ahead buffer.
//!
//! Programs run, servers are waited for, outcomes compared and namespaces
//! made by the project's test kit (`unp-testkit`, through tests/common).

#[path = "../../tests/common/mod.rs"]
mod common;

use common::{Link, Proto, RefusedPort, Server, BOTH, T};
use std::cell::RefCell;
use std::ffi::OsStr;
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use unp_testkit::{escape as show, random_lines, Listener, Masks, Netns, Outcome, Rng};

// --- programs ----------------------------------------------------------------

/// Which implementation of a book program runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    /// `c-examples/NAME.c`, linked with libunp as given.
    C(Link),
    /// The Rust port, `unp/examples/NAME.rs`.
    Rust,
}

/// The executable of program `name` in `lang`.
fn exe(name: &str, lang: Lang) -> PathBuf {
    match lang {
        Lang::C(link) => {
            // Built by `make check` (`examples`) before the tests run; the
            // tests never run make themselves.
            common::ensure_built();
            let bin = common::root().join("build/bin");
            let p = match link {
                Link::Shared => bin.join(name),
                Link::Static => bin.join("static").join(name),
            };
            assert!(
                p.exists(),
                "{} is missing: `make check` builds the examples before the tests",
                p.display()
            );
            p
        }
        Lang::Rust => {
            // This test runs as target/<profile>/deps/mixed-<hash>; cargo
            // builds the package's examples into target/<profile>/examples
            // before it runs the integration tests.
            let me = std::env::current_exe().expect("current_exe");
            let p = me
                .parent()
                .and_then(Path::parent)
                .expect("target/<profile>/deps")
                .join("examples")
                .join(name);
            assert!(
                p.exists(),
                "no Rust port at {} (cargo test -p unp builds the examples; \
                 cargo test --test mixed alone does not)",
                p.display()
            );
            let src = common::root()
                .join("unp/examples")
                .join(format!("{name}.rs"));
            let modified = |f: &Path| std::fs::metadata(f).and_then(|m| m.modified()).ok();
            assert!(
                modified(&src) <= modified(&p),
                "{} is older than {} (cargo test -p unp rebuilds it)",
                p.display(),
                src.display()
            );
            p
        }
    }
}

/// The combinations run for one C link: the all-C reference first.
fn combos(link: Link) -> [(Lang, Lang); 3] {
    let c = Lang::C(link);
    [(c, c), (Lang::Rust, c), (c, Lang::Rust)]
}

// --- running -----------------------------------------------------------------

/// What a finished program did, byte for byte (the test kit's outcome).
type Res = Outcome;

/// Exact expectations of an outcome.
trait Expect {
    fn expect(&self, what: &str, stdout: &[u8], stderr: &str, code: i32);
}

impl Expect for Res {
    /// Asserts exact stdout, stderr and exit status.
    fn expect(&self, what: &str, stdout: &[u8], stderr: &str, code: i32) {
        same(what, &Outcome::exited(code, stdout, stderr), self);
    }
}

/// Where two byte strings differ: the test kit's line diff.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    format!(
        "lengths {} and {}:\n{}",
        a.len(),
        b.len(),
        unp_testkit::diff("want", "got", a, b)
    )
}

/// Asserts that `got` is byte for byte `want`.
fn same(what: &str, want: &Res, got: &Res) {
    let diffs = unp_testkit::compare(want, got, &Masks::new(), ("want", "got"));
    if !diffs.is_empty() {
        let d: String = diffs.iter().map(|d| d.to_string()).collect();
        panic!("{what}: differs\n  want {want:?}\n  got  {got:?}\n{d}");
    }
}

thread_local! {
    /// The private network namespace the calling thread's programs start
    /// in, if any (see [`in_private_netns`]).
    static NETNS: RefCell<Option<Netns>> = const { RefCell::new(None) };
}

/// `Command::new(exe)`, in the thread's private namespace if it has one.
fn command(exe: &Path) -> Command {
    let mut cmd = Command::new(exe);
    NETNS.with(|ns| {
        if let Some(ns) = ns.borrow().as_ref() {
            ns.enter(&mut cmd);
        }
    });
    cmd
}

/// Runs `exe args` with `stdin` as input to completion (bounded by T).
fn run(exe: &Path, args: &[&str], stdin: &[u8]) -> Res {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run_os(exe, &args, stdin)
}

/// As [`run`], with arguments that need not be UTF-8.
fn run_os(exe: &Path, args: &[&OsStr], stdin: &[u8]) -> Res {
    common::run_outcome(command(exe).args(args), stdin, T)
}

/// Stops a server: with signal `sig`, or waiting for it to exit by itself;
/// bounded by T either way.
fn finish(srv: Server, sig: Option<i32>) -> Res {
    match sig {
        Some(s) => srv.stop_within(s, T),
        None => srv.wait_outcome(T),
    }
}

// --- test data -----------------------------------------------------------------

// --- sessions: one server, its clients ----------------------------------------

/// The outcome of one client/server session: each client, then the server.
#[derive(Debug, PartialEq, Eq)]
struct Session {
    clients: Vec<Res>,
    server: Res,
    /// For Unix-domain servers: whether the pathname exists afterwards.
    path_left: bool,
}

/// Compares every combination's session with the all-C one (the first).
fn all_same(what: &str, link: Link, runs: &[((Lang, Lang), Session)]) {
    let (_, reference) = &runs[0];
    for ((srv, cli), s) in &runs[1..] {
        let label = format!("{what}: {srv:?} server + {cli:?} client vs. all C ({link:?})");
        assert_eq!(
            s.clients.len(),
            reference.clients.len(),
            "{label}: client count"
        );
        for (i, (want, got)) in reference.clients.iter().zip(&s.clients).enumerate() {
            same(&format!("{label}: client {i}"), want, got);
        }
        same(&format!("{label}: server"), &reference.server, &s.server);
        assert_eq!(
            s.path_left, reference.path_left,
            "{label}: pathname left behind"
        );
    }
}

/// TCP echo: `tcpserv01 PORT 2` with two clients in turn, `tcpcli01
/// 127.0.0.1 PORT`, one sending `input`, one sending nothing.
fn tcp_echo(srv: Lang, cli: Lang, input: &[u8]) -> Session {
    let (server, port) = common::start_server_on_free_port(
        &exe("tcpserv01", srv),
        Proto::Tcp,
        &|p| vec![p.into(), "2".into()],
        &[],
    );
    let p = port.to_string();
    let cli = exe("tcpcli01", cli);
    let clients = vec![
        run(&cli, &["127.0.0.1", &p], input),
        run(&cli, &["127.0.0.1", &p], b""),
    ];
    Session {
        clients,
        server: finish(server, None),
        path_left: false,
    }
}

#[test]
fn tcp_echo_mixed_pairs_match_all_c() {
    for (i, link) in BOTH.into_iter().enumerate() {
        let input = random_lines(101 + i as u64, 3000);
        let runs: Vec<_> = combos(link)
            .into_iter()
            .map(|(s, c)| ((s, c), tcp_echo(s, c, &input)))
            .collect();
        let reference = &runs[0].1;
        reference.clients[0].expect("all-C tcpcli01 (input)", &input, "", 0);
        reference.clients[1].expect("all-C tcpcli01 (empty)", b"", "", 0);
        reference.server.expect("all-C tcpserv01", b"", "", 0);
        all_same("tcp echo", link, &runs);
    }
}

/// UDP echo: `udpserv01 PORT`, `udpcli01 127.0.0.1 PORT` sending `input`,
/// then one sending nothing; the server (which never returns) gets SIGTERM.
fn udp_echo(srv: Lang, cli: Lang, input: &[u8]) -> Session {
    let (server, port) = common::start_server_on_free_port(
        &exe("udpserv01", srv),
        Proto::Udp,
        &|p| vec![p.into()],
        &[],
    );
    let p = port.to_string();
    let cli = exe("udpcli01", cli);
    let clients = vec![
        run(&cli, &["127.0.0.1", &p], input),
        run(&cli, &["127.0.0.1", &p], b""),
    ];
    Session {
        clients,
        server: finish(server, Some(libc::SIGTERM)),
        path_left: false,
    }
}

/// Killed by SIGTERM with nothing printed.
fn expect_terminated(what: &str, r: &Res) {
    same(what, &Outcome::signaled(libc::SIGTERM), r);
}

#[test]
fn udp_echo_mixed_pairs_match_all_c() {
    for (i, link) in BOTH.into_iter().enumerate() {
        let input = random_lines(201 + i as u64, 2000);
        let runs: Vec<_> = combos(link)
            .into_iter()
            .map(|(s, c)| ((s, c), udp_echo(s, c, &input)))
            .collect();
        let reference = &runs[0].1;
        // dg_cli reads at most MAXLINE - 1 bytes per datagram; the echoes,
        // concatenated, are the input.
        reference.clients[0].expect("all-C udpcli01 (input)", &input, "", 0);
        reference.clients[1].expect("all-C udpcli01 (empty)", b"", "", 0);
        expect_terminated("all-C udpserv01", &reference.server);
        all_same("udp echo", link, &runs);
    }
}

/// A fresh private directory for Unix-domain socket paths, removed with
/// what is left in it when the test ends, failed or not.
fn private_dir(tag: &str) -> tempfile::TempDir {
    common::temp_dir(&format!("mixed-{tag}"))
}

/// Waits (bounded by T) until the server process (or one of its process
/// group) holds the listening (TCP, Unix) or bound (UDP) socket, as its own
/// network namespace shows them; panics with its output when it exits
/// first.
fn wait_bound(srv: &mut Server, what: &Listener) {
    if let Err(out) = srv.wait_for(what, T) {
        panic!("server exited before binding: {out:?}");
    }
}

/// Unix-domain echo: `unixstrserv01 PATH 2`, two clients in turn,
/// `unixstrcli01 PATH`, one sending `input`, one nothing.
fn unix_echo(srv: Lang, cli: Lang, input: &[u8], dir: &Path) -> Session {
    let path = dir.join("echo.sock");
    let p = path.to_str().unwrap();
    let mut server = Server::start(&exe("unixstrserv01", srv), &[p, "2"]);
    wait_bound(&mut server, &Listener::Unix(p.into()));
    let cli = exe("unixstrcli01", cli);
    let clients = vec![run(&cli, &[p], input), run(&cli, &[p], b"")];
    let server = finish(server, None);
    Session {
        clients,
        server,
        path_left: path.exists(),
    }
}

#[test]
fn unix_stream_echo_mixed_pairs_match_all_c() {
    let private = private_dir("unix");
    let dir = private.path().to_path_buf();
    for (i, link) in BOTH.into_iter().enumerate() {
        let input = random_lines(301 + i as u64, 3000);
        let runs: Vec<_> = combos(link)
            .into_iter()
            .map(|(s, c)| ((s, c), unix_echo(s, c, &input, &dir)))
            .collect();
        let reference = &runs[0].1;
        reference.clients[0].expect("all-C unixstrcli01 (input)", &input, "", 0);
        reference.clients[1].expect("all-C unixstrcli01 (empty)", b"", "", 0);
        reference.server.expect("all-C unixstrserv01", b"", "", 0);
        assert!(!reference.path_left, "unixstrserv01 removes its pathname");
        all_same("unix stream echo", link, &runs);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// --- daytime: the answer is the time of day ---------------------------------

/// The time zone of the daytime servers: 5:30 east of UTC, whatever the
/// machine's, so that a port that formats the time otherwise than C's
/// ctime (local time) shows.
const SERVER_TZ: (&str, &str) = ("TZ", "XST-5:30");
const SERVER_TZ_EAST: i64 = 5 * 3600 + 30 * 60;

/// The daytime server's line for time `t` in [`SERVER_TZ`]: ctime's 24
/// characters, CR LF.
fn daytime_line(t: i64) -> Vec<u8> {
    let mut buf = [0 as libc::c_char; 64];
    let tt = (t + SERVER_TZ_EAST) as libc::time_t;
    // SAFETY: gmtime_r fills tm; asctime_r writes at most 26 bytes.
    let p = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        assert!(!libc::gmtime_r(&tt, &mut tm).is_null(), "gmtime_r({t})");
        libc::asctime_r(&tm, buf.as_mut_ptr())
    };
    assert!(!p.is_null(), "asctime_r({t})");
    let s = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes();
    let mut v = s[..24.min(s.len())].to_vec();
    v.extend_from_slice(b"\r\n");
    v
}

/// The second the servers see: `time(NULL)`, as they call it.  (glibc's
/// `time` reads the coarse clock, which can lag the precise one that
/// `SystemTime` reads by a clock tick: just after a second boundary the two
/// disagree, and a bracket [t0, t1] taken from `SystemTime` could miss the
/// second the server printed.)
fn now() -> i64 {
    // SAFETY: time(NULL) only returns the time.
    (unsafe { libc::time(std::ptr::null_mut()) }) as i64
}

/// Runs `sessions` (which print the time of day, to the second) so that all
/// of them fall within one second of the clock, so that their outputs can
/// be compared byte for byte; returns that second and the sessions.  A
/// start late in a second waits for the next one; an attempt that still
/// crosses a second boundary is repeated (at most 8 attempts).
fn within_one_second<R>(mut sessions: impl FnMut() -> R) -> (i64, R) {
    for _ in 0..8 {
        let sub = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_millis();
        if sub > 300 {
            std::thread::sleep(Duration::from_millis(1001 - sub as u64));
        }
        let t0 = now();
        let r = sessions();
        if now() == t0 {
            return (t0, r);
        }
    }
    panic!("8 attempts each crossed a second boundary: the machine is too slow");
}

/// `daytimetcpsrv1 -n 2 PORT` with two clients in turn, `daytimetcpcli
/// 127.0.0.1 PORT`.
fn daytime(srv: Lang, cli: Lang) -> Session {
    let (server, port) = common::start_server_on_free_port(
        &exe("daytimetcpsrv1", srv),
        Proto::Tcp,
        &|p| vec!["-n".into(), "2".into(), p.into()],
        &[SERVER_TZ],
    );
    let p = port.to_string();
    let cli = exe("daytimetcpcli", cli);
    let clients = vec![
        run(&cli, &["127.0.0.1", &p], b""),
        run(&cli, &["127.0.0.1", &p], b""),
    ];
    Session {
        clients,
        server: finish(server, None),
        path_left: false,
    }
}

/// The all-C daytime server's log: one line per client, connected over
/// IPv4 loopback (shown as such or IPv4-mapped, as Tcp_listen's family is).
fn check_daytime_log(log: &[u8], clients: usize) {
    let text = String::from_utf8(log.to_vec()).expect("the log is text");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), clients, "one log line per client: {text:?}");
    for l in lines {
        assert!(
            l == "connection from 127.0.0.1 (addrlen 16, peer len 16)"
                || l == "connection from ::ffff:127.0.0.1 (addrlen 28, peer len 28)",
            "daytimetcpsrv1 log line {l:?}"
        );
    }
}

#[test]
fn daytime_mixed_pairs_match_all_c() {
    for link in BOTH {
        let (t, runs) = within_one_second(|| {
            combos(link)
                .into_iter()
                .map(|(s, c)| ((s, c), daytime(s, c)))
                .collect::<Vec<_>>()
        });
        let reference = &runs[0].1;
        for (i, c) in reference.clients.iter().enumerate() {
            c.expect(&format!("all-C daytimetcpcli {i}"), &daytime_line(t), "", 0);
        }
        assert_eq!(
            (&reference.server.stderr[..], reference.server.code()),
            (&b""[..], Some(0)),
            "all-C daytimetcpsrv1: {:?}",
            reference.server
        );
        check_daytime_log(&reference.server.stdout, 2);
        all_same("daytime", link, &runs);
    }
}

// --- failure paths -------------------------------------------------------------

/// Runs program `name` with `args` (no input) in C, linked as `link`, and
/// in Rust; the C result must be exactly `stdout`, `stderr`, `code`, and
/// the Rust one the same bytes.
fn alike(name: &str, link: Link, args: &[&str], stdout: &str, stderr: &str, code: i32) {
    let c = run(&exe(name, Lang::C(link)), args, b"");
    c.expect(
        &format!("C {name} {args:?} ({link:?})"),
        stdout.as_bytes(),
        stderr,
        code,
    );
    let r = run(&exe(name, Lang::Rust), args, b"");
    same(&format!("Rust {name} {args:?} vs. C ({link:?})"), &c, &r);
}

/// As [`alike`] for a failure with arguments and a message that need not be
/// UTF-8: `stderr`, exit 1, nothing on stdout.
fn fails_alike_bytes(name: &str, link: Link, args: &[&[u8]], stderr: &[u8]) {
    let args: Vec<&OsStr> = args.iter().map(|a| OsStr::from_bytes(a)).collect();
    let c = run_os(&exe(name, Lang::C(link)), &args, b"");
    let want = Outcome::exited(1, vec![], stderr);
    same(&format!("C {name} {args:?} ({link:?})"), &want, &c);
    let r = run_os(&exe(name, Lang::Rust), &args, b"");
    same(&format!("Rust {name} {args:?} vs. C ({link:?})"), &c, &r);
}

/// As [`alike`] for a failure: `stderr`, exit 1, nothing on stdout.
fn fails_alike(name: &str, link: Link, args: &[&str], stderr: &str) {
    alike(name, link, args, "", stderr, 1);
}

/// A pathname of exactly `len` bytes in a directory that does not exist
/// (inside `dir`), so that nothing can be bound or found there.
fn path_of_len(dir: &Path, len: usize) -> String {
    let base = format!("{}/missing/", dir.display());
    assert!(
        base.len() < len,
        "temporary directory name too long: {base}"
    );
    base.clone() + &"x".repeat(len - base.len())
}

#[test]
fn client_failures_match_c() {
    let refused = RefusedPort::new();
    let rp = refused.port.to_string();
    let rp = rp.as_str();
    for link in BOTH {
        for (cli, book) in [
            ("daytimetcpcli", "a.out"),
            ("tcpcli01", "tcpcli"),
            ("udpcli01", "udpcli"),
        ] {
            // The book's usage line (intro/daytimetcpcli.c,
            // tcpcliserv/tcpcli01.c, udpcliserv/udpcli01.c).
            let usage = format!("usage: {book} <IPaddress>\n");
            fails_alike(cli, link, &[], &usage);
            fails_alike(cli, link, &["127.0.0.1", rp, "extra"], &usage);
            // Not UTF-8: the message has the argument's bytes.
            fails_alike_bytes(
                cli,
                link,
                &[b"1.2.3.\xff"],
                b"inet_pton error for 1.2.3.\xff\n",
            );
            for bad in ["300.1.2.3", "localhost", "::1", ""] {
                let msg = format!("inet_pton error for {bad}\n");
                fails_alike(cli, link, &[bad], &msg);
                fails_alike(cli, link, &[bad, rp], &msg);
            }
            if cli != "udpcli01" {
                let refused = "connect error: Connection refused\n";
                fails_alike(cli, link, &["127.0.0.1", rp], refused);
                // atoi: no digits is port 0, and htons keeps 16 bits; no
                // one listens on port 0.
                fails_alike(cli, link, &["127.0.0.1", "echo"], refused);
                fails_alike(cli, link, &["127.0.0.1", "65536"], refused);
            }
        }

        let private = private_dir(&format!("cli-{}", link.name()));
        let dir = private.path().to_path_buf();
        let missing = dir.join("missing.sock");
        fails_alike(
            "unixstrcli01",
            link,
            &[missing.to_str().unwrap()],
            "connect error: No such file or directory\n",
        );
        // A socket file that nothing listens on any more.
        let stale = dir.join("stale.sock");
        drop(std::os::unix::net::UnixListener::bind(&stale).unwrap());
        fails_alike(
            "unixstrcli01",
            link,
            &[stale.to_str().unwrap()],
            "connect error: Connection refused\n",
        );
        // sun_path holds 108 bytes with the NUL: 107 fit, 108 do not.
        let fits = path_of_len(&dir, 107);
        let enoent = "connect error: No such file or directory\n";
        fails_alike("unixstrcli01", link, &[&fits], enoent);
        // Arguments after the pathname are ignored.
        fails_alike("unixstrcli01", link, &[&fits, "extra"], enoent);
        // The pathname as bytes, as C's %s prints them: not UTF-8 here.
        let mut raw = path_of_len(&dir, 120).into_bytes();
        raw.extend_from_slice(b"\xff\xfe");
        let mut msg = b"pathname too long: ".to_vec();
        msg.extend_from_slice(&raw);
        msg.push(b'\n');
        fails_alike_bytes("unixstrcli01", link, &[&raw], &msg);
        for long in [path_of_len(&dir, 108), "y".repeat(300)] {
            fails_alike(
                "unixstrcli01",
                link,
                &[&long],
                &format!("pathname too long: {long}\n"),
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn server_failures_match_c() {
    // Held for the test: bound, never listening; a server's bind to the
    // wildcard address and this port fails with EADDRINUSE.
    let tcp = RefusedPort::both();
    let tp = tcp.port.to_string();
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let up = udp.local_addr().unwrap().port().to_string();
    let in_use = "bind error: Address already in use\n";
    for link in BOTH {
        // The book's usage line (names/daytimetcpsrv1.c).
        let usage = "usage: daytimetcpsrv1 <service or port#>\n";
        fails_alike("daytimetcpsrv1", link, &[], usage);
        fails_alike("daytimetcpsrv1", link, &["-n", "1"], usage);
        fails_alike("daytimetcpsrv1", link, &["a", "b", "c"], usage);
        fails_alike(
            "daytimetcpsrv1",
            link,
            &["-n", "1", &tp],
            &format!("tcp_listen error for (null), {tp}: Address already in use\n"),
        );
        // getaddrinfo's own message, with a service name that is not UTF-8.
        fails_alike_bytes(
            "daytimetcpsrv1",
            link,
            &[b"127.0.0.1", b"no\xfeservice"],
            b"tcp_listen error for 127.0.0.1, no\xfeservice: \
              Servname not supported for ai_socktype\n",
        );
        fails_alike("tcpserv01", link, &[&tp], in_use);
        fails_alike("udpserv01", link, &[&up], in_use);
        // A count of 0: no client, a clean exit.
        let free = common::free_tcp_port().to_string();
        alike("tcpserv01", link, &[&free, "0"], "", "", 0);
        alike("tcpserv01", link, &[&free, "0", "extra"], "", "", 0);
        alike(
            "daytimetcpsrv1",
            link,
            &["-n", "0", "127.0.0.1", &free],
            "",
            "",
            0,
        );

        let private = private_dir(&format!("srv-{}", link.name()));
        let dir = private.path().to_path_buf();
        let fits = path_of_len(&dir, 107);
        let enoent = "bind error: No such file or directory\n";
        fails_alike("unixstrserv01", link, &[&fits], enoent);
        fails_alike("unixstrserv01", link, &[&fits, "3", "extra"], enoent);
        // The pathname as bytes, as C's %s prints them: not UTF-8 here.
        let mut raw = path_of_len(&dir, 120).into_bytes();
        raw.extend_from_slice(b"\xff\xfe");
        let mut msg = b"pathname too long: ".to_vec();
        msg.extend_from_slice(&raw);
        msg.push(b'\n');
        fails_alike_bytes("unixstrserv01", link, &[&raw], &msg);
        for long in [path_of_len(&dir, 108), "y".repeat(300)] {
            fails_alike(
                "unixstrserv01",
                link,
                &[&long],
                &format!("pathname too long: {long}\n"),
            );
        }
        let sock = dir.join("zero.sock");
        let zero = sock.to_str().unwrap();
        alike("unixstrserv01", link, &[zero, "0"], "", "", 0);
        assert!(!sock.exists(), "unixstrserv01 removes its pathname");
        let nodir = dir.join("no/such/dir.sock");
        fails_alike(
            "unixstrserv01",
            link,
            &[nodir.to_str().unwrap()],
            "bind error: No such file or directory\n",
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

// --- the test as the peer: bytes no C program would send --------------------

/// Random bytes, NULs included, with newlines at random (some lines longer
/// than MAXLINE), ending without a newline.
fn any_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut r = Rng(seed);
    let mut v = Vec::with_capacity(len);
    let mut line = 0;
    while v.len() < len {
        let c = match r.below(8) {
            0 => 0,
            _ => r.below(256) as u8,
        };
        // On average a newline every ~300 bytes, with some long stretches.
        let newline = line > 6000 || (r.below(300) == 0 && line < 6000);
        v.push(if newline {
            b'\n'
        } else if c == b'\n' {
            b'x'
        } else {
            c
        });
        line = if newline { 0 } else { line + 1 };
    }
    if v.last() == Some(&b'\n') {
        v.push(0);
    }
    v
}

/// Sends `data` on a stream (from another thread), then shuts down the
/// sending side, and returns everything that comes back until end of file.
fn echo_of<S>(stream: S, data: &[u8]) -> Vec<u8>
where
    S: std::io::Read + std::io::Write + Send + 'static,
    S: TryCloneShutdown,
{
    let mut tx = stream.try_clone_stream();
    let d = data.to_vec();
    let writer = std::thread::spawn(move || {
        tx.write_all(&d).unwrap();
        tx.shutdown_write();
    });
    let mut rx = stream;
    let mut back = Vec::new();
    rx.read_to_end(&mut back).unwrap();
    writer.join().unwrap();
    back
}

/// What [`echo_of`] needs beyond Read and Write.
trait TryCloneShutdown: Sized {
    fn try_clone_stream(&self) -> Self;
    fn shutdown_write(&self);
}

impl TryCloneShutdown for std::net::TcpStream {
    fn try_clone_stream(&self) -> Self {
        self.set_read_timeout(Some(T)).unwrap();
        self.try_clone().unwrap()
    }
    fn shutdown_write(&self) {
        self.shutdown(std::net::Shutdown::Write).unwrap();
    }
}

impl TryCloneShutdown for std::os::unix::net::UnixStream {
    fn try_clone_stream(&self) -> Self {
        self.set_read_timeout(Some(T)).unwrap();
        self.try_clone().unwrap()
    }
    fn shutdown_write(&self) {
        self.shutdown(std::net::Shutdown::Write).unwrap();
    }
}

/// Three clients at once, each sending its own bytes; returns the echoes.
fn three_echoes<S: TryCloneShutdown + std::io::Read + std::io::Write + Send + 'static>(
    connect: impl Fn() -> S,
    seed: u64,
) -> Vec<(Vec<u8>, Vec<u8>)> {
    let handles: Vec<_> = (0..3)
        .map(|i| {
            let data = any_bytes(seed + i, 100_000 + 30_000 * i as usize);
            let s = connect();
            std::thread::spawn(move || {
                let back = echo_of(s, &data);
                (data, back)
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

#[test]
fn stream_servers_echo_any_bytes_alike() {
    // str_echo copies lines as bytes: NULs, long lines and a last line
    // without a newline come back unchanged, from the C and the Rust server.
    let private = private_dir("anybytes");
    let dir = private.path().to_path_buf();
    for link in BOTH {
        let mut servers = Vec::new();
        for lang in [Lang::C(link), Lang::Rust] {
            let (srv, port) = common::start_server_on_free_port(
                &exe("tcpserv01", lang),
                Proto::Tcp,
                &|p| vec![p.into(), "3".into()],
                &[],
            );
            for (i, (sent, back)) in three_echoes(
                || std::net::TcpStream::connect(("127.0.0.1", port)).unwrap(),
                801,
            )
            .into_iter()
            .enumerate()
            {
                assert!(
                    back == sent,
                    "tcpserv01 {lang:?}, client {i}: {}",
                    first_difference(&sent, &back)
                );
            }
            let tcp = finish(srv, None);

            let path = dir.join(format!("{}.sock", link.name()));
            let p = path.to_str().unwrap();
            let mut srv = Server::start(&exe("unixstrserv01", lang), &[p, "3"]);
            wait_bound(&mut srv, &Listener::Unix(p.into()));
            for (i, (sent, back)) in three_echoes(
                || std::os::unix::net::UnixStream::connect(&path).unwrap(),
                901,
            )
            .into_iter()
            .enumerate()
            {
                assert!(
                    back == sent,
                    "unixstrserv01 {lang:?}, client {i}: {}",
                    first_difference(&sent, &back)
                );
            }
            servers.push((tcp, finish(srv, None), path.exists()));
        }
        let (tcp, unix, left) = &servers[0];
        tcp.expect("C tcpserv01", b"", "", 0);
        unix.expect("C unixstrserv01", b"", "", 0);
        assert!(!left, "unixstrserv01 removes its pathname");
        same(
            &format!("Rust tcpserv01 vs. C ({link:?})"),
            tcp,
            &servers[1].0,
        );
        same(
            &format!("Rust unixstrserv01 vs. C ({link:?})"),
            unix,
            &servers[1].1,
        );
        assert_eq!(servers[1].2, *left, "Rust unixstrserv01: pathname left");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn udp_server_echoes_any_datagram_alike() {
    // dg_echo receives at most MAXLINE bytes and sends back what it got.
    let mut r = Rng(1001);
    let mut grams: Vec<Vec<u8>> = vec![vec![], vec![0], b"a\0b\n".to_vec()];
    for len in [1, 4095, 4096, 4097, 9000, 65000] {
        grams.push((0..len).map(|_| r.below(256) as u8).collect());
    }
    for _ in 0..200 {
        let len = r.below(600) as usize;
        grams.push((0..len).map(|_| r.below(256) as u8).collect());
    }
    for link in BOTH {
        let mut results = Vec::new();
        for lang in [Lang::C(link), Lang::Rust] {
            let (srv, port) = common::start_server_on_free_port(
                &exe("udpserv01", lang),
                Proto::Udp,
                &|p| vec![p.into()],
                &[],
            );
            let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
            sock.set_read_timeout(Some(T)).unwrap();
            sock.connect(("127.0.0.1", port)).unwrap();
            let mut buf = vec![0u8; 70_000];
            for (i, g) in grams.iter().enumerate() {
                sock.send(g).unwrap();
                let n = sock
                    .recv(&mut buf)
                    .unwrap_or_else(|e| panic!("udpserv01 {lang:?}, datagram {i}: {e}"));
                let want = &g[..g.len().min(4096)];
                assert!(
                    &buf[..n] == want,
                    "udpserv01 {lang:?}, datagram {i} ({} bytes): {}",
                    g.len(),
                    first_difference(want, &buf[..n])
                );
            }
            results.push(finish(srv, Some(libc::SIGTERM)));
        }
        expect_terminated("C udpserv01", &results[0]);
        same(
            &format!("Rust udpserv01 vs. C ({link:?})"),
            &results[0],
            &results[1],
        );
    }
}

#[test]
fn daytime_server_logs_any_client_alike() {
    // The log line names the client in the family of the listening socket.
    for link in BOTH {
        for (host, log) in [
            (
                "127.0.0.1",
                "connection from 127.0.0.1 (addrlen 16, peer len 16)\n",
            ),
            ("::1", "connection from ::1 (addrlen 28, peer len 28)\n"),
        ] {
            let mut results = Vec::new();
            for lang in [Lang::C(link), Lang::Rust] {
                let (srv, port) = common::start_server_on_free_port(
                    &exe("daytimetcpsrv1", lang),
                    Proto::Tcp,
                    &|p| vec!["-n".into(), "1".into(), host.into(), p.into()],
                    &[SERVER_TZ],
                );
                let t0 = now();
                let s = std::net::TcpStream::connect((host, port)).unwrap();
                let answer = echo_of(s, b"");
                let t1 = now();
                assert!(
                    (t0..=t1).any(|t| daytime_line(t) == answer),
                    "daytimetcpsrv1 {lang:?} on {host}: answer \"{}\"",
                    show(&answer, 100)
                );
                results.push(finish(srv, None));
            }
            results[0].expect(
                &format!("C daytimetcpsrv1 on {host}"),
                log.as_bytes(),
                "",
                0,
            );
            same(
                &format!("Rust daytimetcpsrv1 on {host} vs. C ({link:?})"),
                &results[0],
                &results[1],
            );
        }
    }
}

#[test]
fn daytime_client_prints_any_answer_alike() {
    // The client prints each read() up to a NUL, as Fputs does: a long
    // answer in pieces, 8-bit bytes, and a NUL within one small write.
    let mut r = Rng(1101);
    let mut big: Vec<u8> = (0..30_000).map(|_| 1 + r.below(255) as u8).collect();
    big.extend_from_slice(b"\r\n");
    let answers: Vec<(Vec<Vec<u8>>, Vec<u8>)> = vec![
        (
            vec![big[..5000].to_vec(), big[5000..].to_vec()],
            big.clone(),
        ),
        (vec![b"before\0after\r\n".to_vec()], b"before".to_vec()),
        (vec![], vec![]),
    ];
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let mut runs = Vec::new();
    for link in BOTH {
        for lang in [Lang::C(link), Lang::Rust] {
            for (i, (pieces, _)) in answers.iter().enumerate() {
                runs.push((link, lang, i, pieces.clone()));
            }
        }
    }
    let serving = runs.iter().map(|r| r.3.clone()).collect::<Vec<_>>();
    let server = std::thread::spawn(move || {
        use std::io::Write;
        for pieces in serving {
            let (mut s, _) = listener.accept().unwrap();
            for p in pieces {
                s.write_all(&p).unwrap();
                s.flush().unwrap();
                std::thread::sleep(Duration::from_millis(2));
            }
        }
    });
    let mut c_results = std::collections::HashMap::new();
    for (link, lang, i, _) in &runs {
        let got = run(&exe("daytimetcpcli", *lang), &["127.0.0.1", &port], b"");
        match lang {
            Lang::C(_) => {
                got.expect(
                    &format!("C daytimetcpcli, answer {i} ({link:?})"),
                    &answers[*i].1,
                    "",
                    0,
                );
                c_results.insert((*link, *i), got);
            }
            Lang::Rust => same(
                &format!("Rust daytimetcpcli, answer {i}, vs. C ({link:?})"),
                &c_results[&(*link, *i)],
                &got,
            ),
        }
    }
    server.join().unwrap();
}

/// Runs `exe args` with `stdin` as input and a stdout whose reading end is
/// already closed (bounded by T): the first write to it raises SIGPIPE.
fn run_stdout_closed(exe: &Path, args: &[&str], stdin: &[u8]) -> Res {
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    // SAFETY: both descriptors were just created and are owned here.
    let (rd, wr) = unsafe {
        use std::os::fd::FromRawFd;
        (
            std::os::fd::OwnedFd::from_raw_fd(fds[0]),
            std::os::fd::OwnedFd::from_raw_fd(fds[1]),
        )
    };
    drop(rd);
    let limit = T;
    let run = unp_testkit::start_with_stdout(
        command(exe).args(args),
        Some(stdin),
        Some(Stdio::from(wr)),
        limit,
    )
    .unwrap_or_else(|e| panic!("spawn {e}"));
    run.wait()
}

/// A loopback TCP peer on a thread: accepts one connection, sends `answer`,
/// copies back what it receives until end of file or an error, closes.
fn tcp_peer(answer: Vec<u8>) -> (u16, std::thread::JoinHandle<()>) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = std::thread::spawn(move || {
        let (s, _) = l.accept().unwrap();
        s.set_read_timeout(Some(T)).unwrap();
        copy_back(s, &answer);
    });
    (port, h)
}

/// Sends `answer`, then echoes until end of file or an error.
fn copy_back<S: std::io::Read + std::io::Write>(mut s: S, answer: &[u8]) {
    let _ = s.write_all(answer);
    let mut buf = [0u8; 8192];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 || s.write_all(&buf[..n]).is_err() {
            break;
        }
    }
}

#[test]
fn clients_die_of_sigpipe_alike() {
    // A client whose stdout nobody reads any more dies of SIGPIPE at its
    // first flush, as a C program does (a Rust program starts with SIGPIPE
    // ignored unless it restores the default).
    let lines: Vec<u8> = (0..400)
        .flat_map(|i| format!("{i:099}\n").into_bytes())
        .collect();
    let want = Outcome::signaled(libc::SIGPIPE);
    let (udp, udp_port) = common::start_server_on_free_port(
        &exe("udpserv01", Lang::C(Link::Shared)),
        Proto::Udp,
        &|p| vec![p.into()],
        &[],
    );
    let private = private_dir("sigpipe");
    let dir = private.path().to_path_buf();
    for link in BOTH {
        for lang in [Lang::C(link), Lang::Rust] {
            let what = |name: &str| format!("{name} {lang:?} (C programs {link:?})");

            let (port, peer) = tcp_peer(vec![b'x'; 20_000]);
            let p = port.to_string();
            let r = run_stdout_closed(&exe("daytimetcpcli", lang), &["127.0.0.1", &p], b"");
            same(&what("daytimetcpcli"), &want, &r);
            peer.join().unwrap();

            let (port, peer) = tcp_peer(vec![]);
            let p = port.to_string();
            let r = run_stdout_closed(&exe("tcpcli01", lang), &["127.0.0.1", &p], &lines);
            same(&what("tcpcli01"), &want, &r);
            peer.join().unwrap();

            let up = udp_port.to_string();
            let r = run_stdout_closed(&exe("udpcli01", lang), &["127.0.0.1", &up], &lines);
            same(&what("udpcli01"), &want, &r);

            let path = dir.join("peer.sock");
            let _ = std::fs::remove_file(&path);
            let l = std::os::unix::net::UnixListener::bind(&path).unwrap();
            let peer = std::thread::spawn(move || {
                let (s, _) = l.accept().unwrap();
                s.set_read_timeout(Some(T)).unwrap();
                copy_back(s, b"");
            });
            let r = run_stdout_closed(
                &exe("unixstrcli01", lang),
                &[path.to_str().unwrap()],
                &lines,
            );
            same(&what("unixstrcli01"), &want, &r);
            peer.join().unwrap();
        }
    }
    let r = finish(udp, Some(libc::SIGTERM));
    expect_terminated("udpserv01", &r);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn clients_see_server_terminated_prematurely_alike() {
    // The peer reads the first line and closes: str_cli's Readline gets end
    // of file and quits with the book's message.
    let private = private_dir("premature");
    let dir = private.path().to_path_buf();
    for link in BOTH {
        for lang in [Lang::C(link), Lang::Rust] {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let p = l.local_addr().unwrap().port().to_string();
            let peer = std::thread::spawn(move || first_line_then_close(l.accept().unwrap().0));
            let r = run(&exe("tcpcli01", lang), &["127.0.0.1", &p], b"one\ntwo\n");
            assert_eq!(peer.join().unwrap(), b"one\n");
            r.expect(
                &format!("tcpcli01 {lang:?} ({link:?})"),
                b"",
                "str_cli: server terminated prematurely\n",
                1,
            );

            let path = dir.join("peer.sock");
            let _ = std::fs::remove_file(&path);
            let l = std::os::unix::net::UnixListener::bind(&path).unwrap();
            let peer = std::thread::spawn(move || first_line_then_close(l.accept().unwrap().0));
            let r = run(
                &exe("unixstrcli01", lang),
                &[path.to_str().unwrap()],
                b"one\ntwo\n",
            );
            assert_eq!(peer.join().unwrap(), b"one\n");
            r.expect(
                &format!("unixstrcli01 {lang:?} ({link:?})"),
                b"",
                "str_cli: server terminated prematurely\n",
                1,
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Reads up to and including the first newline (bounded by T), then drops
/// the connection: everything sent so far was read, so the close is a FIN.
fn first_line_then_close<S: std::io::Read + AsRawFd>(mut s: S) -> Vec<u8> {
    let tv = libc::timeval {
        tv_sec: T.as_secs() as libc::time_t,
        tv_usec: 0,
    };
    unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVTIMEO,
            (&tv as *const libc::timeval).cast(),
            std::mem::size_of::<libc::timeval>() as libc::socklen_t,
        )
    };
    let mut got = Vec::new();
    let mut b = [0u8; 1];
    while !got.ends_with(b"\n") && matches!(s.read(&mut b), Ok(1)) {
        got.push(b[0]);
    }
    got
}

/// A forking echo server (running, no client count) with six clients at
/// once, whose SIGCHLDs may merge into one: every child must be reaped, and
/// the server must go on accepting after the signals.
fn forking_server_session(server: Server, cli: &Path, args: &[&str], input: &[u8]) -> Session {
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let (cli, input) = (cli.to_path_buf(), input.to_vec());
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            std::thread::spawn(move || {
                let a: Vec<&str> = args.iter().map(String::as_str).collect();
                run(&cli, &a, &input)
            })
        })
        .collect();
    let mut clients: Vec<Res> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let begin = Instant::now();
    loop {
        let kids = unp_testkit::children_of(server.pid() as u32);
        if kids.is_empty() {
            break;
        }
        assert!(begin.elapsed() < T, "children not reaped: {kids:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
    clients.push(run(cli, args, input));
    Session {
        clients,
        server: finish(server, Some(libc::SIGTERM)),
        path_left: false,
    }
}

#[test]
fn forking_servers_reap_children_alike() {
    let private = private_dir("reap");
    let dir = private.path().to_path_buf();
    for (i, link) in BOTH.into_iter().enumerate() {
        let input = random_lines(1201 + i as u64, 300);
        let mut tcp = Vec::new();
        let mut unix = Vec::new();
        for (srv, cli) in combos(link) {
            let (server, port) = common::start_server_on_free_port(
                &exe("tcpserv01", srv),
                Proto::Tcp,
                &|p| vec![p.into()],
                &[],
            );
            let p = port.to_string();
            let s =
                forking_server_session(server, &exe("tcpcli01", cli), &["127.0.0.1", &p], &input);
            tcp.push(((srv, cli), s));

            let path = dir.join("reap.sock");
            let ps = path.to_str().unwrap();
            let mut server = Server::start(&exe("unixstrserv01", srv), &[ps]);
            wait_bound(&mut server, &Listener::Unix(ps.into()));
            let s = forking_server_session(server, &exe("unixstrcli01", cli), &[ps], &input);
            let _ = std::fs::remove_file(&path);
            unix.push(((srv, cli), s));
        }
        for (name, runs) in [("tcpserv01", &tcp), ("unixstrserv01", &unix)] {
            let reference = &runs[0].1;
            for (i, c) in reference.clients.iter().enumerate() {
                c.expect(&format!("all-C client {i} of {name}"), &input, "", 0);
            }
            expect_terminated(&format!("all-C {name}"), &reference.server);
            all_same(&format!("{name}, six clients at once"), link, runs);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// --- the book's arguments alone: fixed ports in a private network namespace ---

/// Whether a private network namespace can be made here.
fn netns_usable() -> Result<(), String> {
    common::netns().map(drop)
}

/// Runs `f` with a fresh private network namespace (loopback up) as the
/// calling thread's: the programs `f` starts through [`run`] and
/// [`book_server`] run in it, so the book's fixed ports are private to
/// this session.  The namespace goes away with them.
fn in_private_netns<R>(f: impl FnOnce() -> R) -> R {
    let ns = common::netns().expect("a private network namespace");
    NETNS.with(|cur| *cur.borrow_mut() = Some(ns));
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            NETNS.with(|cur| cur.borrow_mut().take());
        }
    }
    let _leave = Leave;
    f()
}

/// Runs `session(server, client)` for each language pair of `link` (the
/// all-C pair first, see `combos`), each in a private network namespace of
/// its own.
fn netns_runs<F>(link: Link, session: F) -> Vec<((Lang, Lang), Session)>
where
    F: Fn(Lang, Lang) -> Session,
{
    combos(link)
        .into_iter()
        .map(|(srv, cli)| ((srv, cli), in_private_netns(|| session(srv, cli))))
        .collect()
}

/// A server started with the book's arguments (in [`SERVER_TZ`]), waited
/// for in its namespace.
fn book_server(name: &str, lang: Lang, args: &[&str], bound: Listener) -> Server {
    let mut cmd = command(&exe(name, lang));
    cmd.args(args).env(SERVER_TZ.0, SERVER_TZ.1);
    let mut s = Server::start_cmd(&mut cmd);
    wait_bound(&mut s, &bound);
    s
}

#[test]
fn tcp_echo_book_arguments_in_private_namespace() {
    if let Err(why) = netns_usable() {
        return common::skip("tcp_echo_book_arguments_in_private_namespace", &why);
    }
    for (i, link) in BOTH.into_iter().enumerate() {
        let input = random_lines(401 + i as u64, 1000);
        let sent = input.clone();
        let runs = netns_runs(link, move |srv, cli| {
            // `tcpserv01` (port 9877, runs until killed), `tcpcli01
            // 127.0.0.1`; then, with no server, `tcpcli01 127.0.0.1`.
            let server = book_server("tcpserv01", srv, &[], Listener::Tcp(9877));
            let cli = exe("tcpcli01", cli);
            let mut clients = vec![run(&cli, &["127.0.0.1"], &sent)];
            let server = finish(server, Some(libc::SIGTERM));
            clients.push(run(&cli, &["127.0.0.1"], b""));
            Session {
                clients,
                server,
                path_left: false,
            }
        });
        let reference = &runs[0].1;
        reference.clients[0].expect("all-C tcpcli01", &input, "", 0);
        reference.clients[1].expect(
            "all-C tcpcli01, no server",
            b"",
            "connect error: Connection refused\n",
            1,
        );
        expect_terminated("all-C tcpserv01", &reference.server);
        all_same("tcp echo, book arguments", link, &runs);
    }
}

#[test]
fn udp_echo_book_arguments_in_private_namespace() {
    if let Err(why) = netns_usable() {
        return common::skip("udp_echo_book_arguments_in_private_namespace", &why);
    }
    for (i, link) in BOTH.into_iter().enumerate() {
        let input = random_lines(501 + i as u64, 1000);
        let sent = input.clone();
        let runs = netns_runs(link, move |srv, cli| {
            // `udpserv01` (port 9877), `udpcli01 127.0.0.1`.
            let server = book_server("udpserv01", srv, &[], Listener::Udp(9877));
            let cli = exe("udpcli01", cli);
            let clients = vec![run(&cli, &["127.0.0.1"], &sent)];
            Session {
                clients,
                server: finish(server, Some(libc::SIGTERM)),
                path_left: false,
            }
        });
        let reference = &runs[0].1;
        reference.clients[0].expect("all-C udpcli01", &input, "", 0);
        expect_terminated("all-C udpserv01", &reference.server);
        all_same("udp echo, book arguments", link, &runs);
    }
}

#[test]
fn daytime_book_arguments_in_private_namespace() {
    if let Err(why) = netns_usable() {
        return common::skip("daytime_book_arguments_in_private_namespace", &why);
    }
    for link in BOTH {
        let (t, runs) = within_one_second(|| {
            netns_runs(link, |srv, cli| {
                // `daytimetcpsrv1 13` (runs until killed), `daytimetcpcli
                // 127.0.0.1` (port 13); then, with no server, again.
                let server = book_server("daytimetcpsrv1", srv, &["13"], Listener::Tcp(13));
                let cli = exe("daytimetcpcli", cli);
                let mut clients = vec![run(&cli, &["127.0.0.1"], b"")];
                let server = finish(server, Some(libc::SIGTERM));
                clients.push(run(&cli, &["127.0.0.1"], b""));
                Session {
                    clients,
                    server,
                    path_left: false,
                }
            })
        });
        let reference = &runs[0].1;
        reference.clients[0].expect("all-C daytimetcpcli", &daytime_line(t), "", 0);
        reference.clients[1].expect(
            "all-C daytimetcpcli, no server",
            b"",
            "connect error: Connection refused\n",
            1,
        );
        // Killed: its log line is still in stdio's buffer (stdout is a pipe).
        expect_terminated("all-C daytimetcpsrv1", &reference.server);
        all_same("daytime, book arguments", link, &runs);
    }
}

/// UNIXSTR_PATH from unp.h: one fixed pathname for every test on this
/// machine that uses the default.
const UNIXSTR_PATH: &str = "/tmp/unix.str";

/// An exclusive lock on `UNIXSTR_PATH.lock`, released when dropped; waits
/// for it at most 60 s.
struct PathLock(#[allow(dead_code)] std::fs::File);

impl PathLock {
    fn take() -> PathLock {
        let name = format!("{UNIXSTR_PATH}.lock");
        // Created by whoever came first; flock needs no write access.
        let f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&name)
            .or_else(|_| std::fs::File::open(&name))
            .expect("open the UNIXSTR_PATH lock file");
        let start = Instant::now();
        while unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "{UNIXSTR_PATH}.lock still held after 60 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        PathLock(f)
    }
}

#[test]
fn unix_stream_echo_book_arguments_under_lock() {
    // Unix-domain pathnames are not scoped by network namespaces: the
    // default pathname is shared by everything on the machine, so every
    // test that uses it takes the lock.
    let _lock = PathLock::take();
    for (i, link) in BOTH.into_iter().enumerate() {
        let input = random_lines(601 + i as u64, 1000);
        let mut runs = Vec::new();
        for (srv, cli) in combos(link) {
            // `unixstrserv01` (UNIXSTR_PATH, runs until killed),
            // `unixstrcli01`; then, its pathname removed, `unixstrcli01`.
            let server = book_server(
                "unixstrserv01",
                srv,
                &[],
                Listener::Unix(UNIXSTR_PATH.into()),
            );
            let client = exe("unixstrcli01", cli);
            let mut clients = vec![run(&client, &[], &input)];
            let server = finish(server, Some(libc::SIGTERM));
            let path_left = Path::new(UNIXSTR_PATH).exists();
            let _ = std::fs::remove_file(UNIXSTR_PATH);
            clients.push(run(&client, &[], b""));
            let s = Session {
                clients,
                server,
                path_left,
            };
            runs.push(((srv, cli), s));
        }
        let reference = &runs[0].1;
        reference.clients[0].expect("all-C unixstrcli01", &input, "", 0);
        reference.clients[1].expect(
            "all-C unixstrcli01, no server",
            b"",
            "connect error: No such file or directory\n",
            1,
        );
        expect_terminated("all-C unixstrserv01", &reference.server);
        assert!(
            reference.path_left,
            "a killed unixstrserv01 leaves its socket"
        );
        all_same("unix stream echo, book arguments", link, &runs);
    }
}

// --- in one process: C and Rust readers share the read-ahead -----------------

#[test]
fn c_and_rust_readline_take_turns_on_one_socket() {
    use std::io::Write;
    let data = random_lines(701, 4000);
    let (mut tx, rx) = std::os::unix::net::UnixStream::pair().unwrap();
    // A bound on every read: Readline then exits the test with
    // "readline error" instead of blocking forever.
    rx.set_read_timeout(Some(T)).unwrap();
    let fd = rx.as_raw_fd();
    let all = data.clone();
    let writer = std::thread::spawn(move || {
        tx.write_all(&all).unwrap();
        // Dropped: end of file for the readers.
    });

    let mut rng = Rng(702);
    let mut got = Vec::with_capacity(data.len());
    let mut c_turns = 0;
    let mut rust_turns = 0;
    // Hand-overs at which the read-ahead held bytes that the next reader
    // had to take from it.
    let mut buffered_handovers = 0;
    let mut c_turn = true;
    let mut eof = false;
    // Bounded: every turn but the last consumes at least one line.
    for _ in 0..=data.len() {
        let want = 1 + rng.below(25) as usize;
        if c_turn {
            let (bytes, n) = unp_cmix::c_readlines(fd, want);
            got.extend_from_slice(&bytes);
            c_turns += 1;
            eof = n < want;
        } else {
            let mut line = [0u8; 4096];
            let mut n = 0;
            while n < want {
                // The book's Readline in Rust: exits with "readline error"
                // on failure, 0 at end of file.
                let r = unp::Readline(&rx, &mut line);
                if r == 0 {
                    break;
                }
                got.extend_from_slice(&line[..r]);
                n += 1;
            }
            rust_turns += 1;
            eof = n < want;
        }
        if eof {
            break;
        }
        // Both languages see the same read-ahead.
        let rust_view = unp::readlinebuf();
        let c_view = unp_cmix::c_buffered();
        assert!(
            rust_view == c_view,
            "readlinebuf from Rust and from C differ"
        );
        // ... and it holds exactly the next bytes of the stream.
        assert!(
            data[got.len()..].starts_with(&c_view),
            "the read-ahead is not the next {} bytes of the stream",
            c_view.len()
        );
        if !c_view.is_empty() {
            buffered_handovers += 1;
        }
        c_turn = !c_turn;
    }
    writer.join().unwrap();
    assert!(eof, "the readers did not reach end of file");
    assert_eq!(
        got.len(),
        data.len(),
        "bytes read by C and Rust together: {}",
        first_difference(&data, &got)
    );
    assert!(got == data, "{}", first_difference(&data, &got));
    assert!(
        c_turns > 50 && rust_turns > 50,
        "{c_turns} C and {rust_turns} Rust turns"
    );
    assert!(
        buffered_handovers > 10,
        "only {buffered_handovers} hand-overs with bytes in the read-ahead"
    );
}
