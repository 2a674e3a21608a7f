//! Every wrapper of the book's `lib/wraplib.c` (Inet_pton/Inet_ntop),
//! `lib/wrapunix.c`, `lib/wrapstdio.c` and `lib/wrapsock.c`, through real C programs (`tests/c/w_unix.c`, `tests/c/w_sock.c`),
//! statically and dynamically linked: the success paths print what they got,
//! and each failure mode must print the book's exact message and exit 1.

mod common;

use common::{Link, BOTH, T};
use std::process::Command;

fn run_mode(prog: &str, link: Link, mode: &str, env: &[(&str, &str)]) -> common::Ran {
    common::run_env(&common::build(prog, link), &[mode], b"", T, env)
}

/// (mode, expected stderr): each mode must exit 1 with an empty stdout.
fn expect_failures(prog: &str, cases: &[(&str, &str)]) {
    for link in BOTH {
        for (mode, stderr) in cases {
            let r = run_mode(prog, link, mode, &[]);
            assert_eq!(
                (r.stdout.as_str(), r.stderr.as_str(), r.code),
                ("", *stderr, Some(1)),
                "{prog} {mode} ({}): {r:#?}",
                link.name()
            );
        }
    }
}

const UNIX_OK: &str = "calloc 0
strdup dup
ioctl FIONREAD 5
fcntl rdonly 1
read 5 hello
read eof 0
mkstemp 1
mmap abc
fgets abc
fgets eof NULL
unlinked 1
fputs via fdopen
sigismember 1 0
sigdelset 0
sigfillset 1
sigpending 1
sysconf 1
gettimeofday 1
waitpid 1
waitpid nohang 0
wait 1
if_* lo lo 1
inet_ntop 192.0.2.33
inet_ntop 2001:db8::1
";

#[test]
fn unix_stdio_lib_success_paths() {
    for link in BOTH {
        run_mode("w_unix", link, "ok", &[]).expect(UNIX_OK, "", 0);
    }
}

#[test]
fn unix_wrapper_failures() {
    expect_failures(
        "w_unix",
        &[
            ("calloc", "calloc error: Cannot allocate memory\n"),
            ("malloc", "malloc error: Cannot allocate memory\n"),
            ("close", "close error: Bad file descriptor\n"),
            ("dup2", "dup2 error: Bad file descriptor\n"),
            ("fcntl", "fcntl error: Bad file descriptor\n"),
            ("ioctl", "ioctl error: Bad file descriptor\n"),
            // err_quit: no errno text although errno is ENOENT.
            ("mkstemp", "mkstemp error\n"),
            ("mmap", "mmap error: Bad file descriptor\n"),
            (
                "open",
                "open error for /nonexistent/x: No such file or directory\n",
            ),
            ("pipe", "pipe error: Too many open files\n"),
            ("fork", "fork error: Resource temporarily unavailable\n"),
            ("read", "read error: Bad file descriptor\n"),
            ("sigaddset", "sigaddset error: Invalid argument\n"),
            ("sigdelset", "sigdelset error: Invalid argument\n"),
            ("sigemptyset", "sigemptyset error: Invalid argument\n"),
            ("sigfillset", "sigfillset error: Invalid argument\n"),
            ("sigismember", "sigismember error: Invalid argument\n"),
            ("sigpending", "sigpending error: Bad address\n"),
            ("sigprocmask", "sigprocmask error: Invalid argument\n"),
            ("strdup", "strdup error: Invalid argument\n"),
            ("sysconf", "sysconf error: Invalid argument\n"),
            // "No limit" is -1 with errno untouched (cleared first): fatal.
            ("sysconf_nolimit", "sysconf error: Success\n"),
            (
                "unlink",
                "unlink error for /nonexistent/x: No such file or directory\n",
            ),
            ("wait", "wait error: No child processes\n"),
            ("waitpid", "waitpid error: No child processes\n"),
            ("write", "write error: Bad file descriptor\n"),
            ("readn", "readn error: Bad file descriptor\n"),
            ("writen", "writen error: Bad file descriptor\n"),
            ("readline", "readline error: Bad file descriptor\n"),
            // A short count is a failure; errno is whatever it was (0 here).
            ("write_short", "write error: Success\n"),
        ],
    );
}

#[test]
fn stdio_wrapper_failures() {
    expect_failures(
        "w_unix",
        &[
            ("fclose", "fclose error: Bad file descriptor\n"),
            ("fdopen", "fdopen error: Bad file descriptor\n"),
            ("fgets", "fgets error: Bad file descriptor\n"),
            ("fopen", "fopen error: No such file or directory\n"),
            ("fputs", "fputs error: Bad file descriptor\n"),
        ],
    );
}

#[test]
fn fgets_returns_null_at_eof() {
    for link in BOTH {
        run_mode("w_unix", link, "fgets_eof", &[]).expect("fgets NULL\nfeof 1 ferror 0\n", "", 0);
    }
}

#[test]
fn inet_pton_and_inet_ntop_failures() {
    expect_failures(
        "w_unix",
        &[
            // 0 from inet_pton: err_quit, no errno text.
            ("inet_pton", "inet_pton error for 300.1.2.3\n"),
            // -1: err_sys with EAFNOSUPPORT.
            (
                "inet_pton_af",
                "inet_pton error for 1.2.3.4: Address family not supported by protocol\n",
            ),
            ("inet_ntop_null", "NULL 3rd argument to inet_ntop\n"),
            (
                "inet_ntop_len",
                "inet_ntop error: No space left on device\n",
            ),
            (
                "inet_ntop_len4g",
                "inet_ntop error: No space left on device\n",
            ),
            (
                "inet_ntop_af",
                "inet_ntop error: Address family not supported by protocol\n",
            ),
        ],
    );
}

const SOCK_OK: &str = "accept from 127.0.0.1
getpeername same port 1
getsockopt SO_TYPE stream 1
setsockopt SO_KEEPALIVE 1
select idle 0
poll idle 0
select ready 1
poll ready 1
sockatmark 0
recv 4 ping
sendmsg 7 abcdefg
recvmsg eof 0
recvfrom 4 udp! from 127.0.0.1
socketpair pair
inet6_rth_space 40 0 0
inet6_rth_segments 2
inet6_rth_getaddr ::2
inet6_rth_reverse ::2
";

#[test]
fn socket_success_paths() {
    for link in BOTH {
        run_mode("w_sock", link, "ok", &[]).expect(SOCK_OK, "", 0);
    }
}

/// `Socket(AF_INET, SOCK_RAW, 0)`, refused by Linux, opens an IPPROTO_RAW
/// socket: as root of a private network namespace (CAP_NET_RAW there);
/// without that privilege (a user namespace of its own, whose root has no
/// privilege over the machine's network) it dies with EPERM's diagnostic.
#[test]
fn socket_raw_protocol_0() {
    let name = "socket_raw_protocol_0";
    for link in BOTH {
        let exe = common::build("w_sock", link);
        let ns = match common::netns() {
            Ok(ns) => ns,
            Err(why) => return common::skip(name, &why),
        };
        let out = common::run_outcome(ns.command(&exe).arg("raw_any"), b"", T);
        assert_eq!(
            (
                String::from_utf8_lossy(&out.stdout).as_ref(),
                String::from_utf8_lossy(&out.stderr).as_ref(),
                out.code()
            ),
            ("raw socket, protocol 255\n", "", Some(0)),
            "{link:?} in a network namespace"
        );

        let out = common::run_outcome(
            Command::new("unshare")
                .args(["-U", "--"])
                .arg(&exe)
                .arg("raw_any"),
            b"",
            T,
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.starts_with("unshare:") {
            return common::skip(name, &format!("no user namespace: {stderr}"));
        }
        assert_eq!(
            (
                String::from_utf8_lossy(&out.stdout).as_ref(),
                stderr.as_ref(),
                out.code()
            ),
            ("", "socket error: Operation not permitted\n", Some(1)),
            "{link:?} without privilege"
        );
    }
}

#[test]
fn socket_wrapper_failures() {
    expect_failures(
        "w_sock",
        &[
            ("connect", "connect error: Connection refused\n"),
            (
                "socket",
                "socket error: Address family not supported by protocol\n",
            ),
            ("bind", "bind error: Address already in use\n"),
            // EINTR is fatal for Accept (only EPROTO/ECONNABORTED are retried).
            ("accept", "accept error: Interrupted system call\n"),
            ("listen", "listen error: Operation not supported\n"),
            (
                "getpeername",
                "getpeername error: Transport endpoint is not connected\n",
            ),
            (
                "getsockname",
                "getsockname error: Socket operation on non-socket\n",
            ),
            ("getsockopt", "getsockopt error: Protocol not available\n"),
            ("setsockopt", "setsockopt error: Protocol not available\n"),
            (
                "shutdown",
                "shutdown error: Transport endpoint is not connected\n",
            ),
            (
                "sockatmark",
                "sockatmark error: Inappropriate ioctl for device\n",
            ),
            ("socketpair", "socketpair error: Operation not supported\n"),
            ("poll", "poll error: Invalid argument\n"),
            ("poll_eintr", "poll error: Interrupted system call\n"),
            ("select", "select error: Invalid argument\n"),
            ("select_eintr", "select error: Interrupted system call\n"),
            ("recv", "recv error: Socket operation on non-socket\n"),
            ("recvfrom", "recvfrom error: Interrupted system call\n"),
            ("recvmsg", "recvmsg error: Socket operation on non-socket\n"),
            ("send", "send error: Socket operation on non-socket\n"),
            ("send_short", "send error: Success\n"),
            ("sendto", "sendto error: Invalid argument\n"),
            ("sendmsg", "sendmsg error: Socket operation on non-socket\n"),
            // The first iov (3 bytes) goes out, the sum does not: fatal.
            ("sendmsg_short", "sendmsg error: Success\n"),
            // The Inet6_rth_* wrappers use err_quit: no errno text.
            ("rth_init", "inet6_rth_init error\n"),
            ("rth_getaddr", "inet6_rth_getaddr error\n"),
            ("rth_segments", "inet6_rth_segments error\n"),
            ("rth_reverse", "inet6_rth_reverse error\n"),
        ],
    );
    for link in BOTH {
        run_mode("w_sock", link, "rth_add", &[]).expect(
            "first added\n",
            "inet6_rth_add error\n",
            1,
        );
    }
}

#[test]
fn listen_honours_listenq() {
    let somaxconn: i32 = std::fs::read_to_string("/proc/sys/net/core/somaxconn")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(4096);
    let probe = run_mode("w_sock", Link::Static, "listenq", &[("LISTENQ", "17")]);
    if probe.stdout.starts_with("backlog -1\n") {
        common::skip(
            "listen_honours_listenq",
            "`ss` is not available to read the backlog",
        );
        return;
    }
    for link in BOTH {
        if std::env::var_os("LISTENQ").is_none() {
            // The program's own backlog (7) when LISTENQ is not set.
            run_mode("w_sock", link, "listenq", &[]).expect("backlog 7\nconnected\n", "", 0);
        }
        run_mode("w_sock", link, "listenq", &[("LISTENQ", "17")]).expect(
            "backlog 17\nconnected\n",
            "",
            0,
        );
        // atoi("abc") is 0: the socket still listens, with backlog 0.
        run_mode("w_sock", link, "listenq", &[("LISTENQ", "abc")]).expect(
            "backlog 0\nconnected\n",
            "",
            0,
        );
        // atoi is (int)strtol: an underflow saturates at LONG_MIN, whose
        // low 32 bits are 0.
        run_mode(
            "w_sock",
            link,
            "listenq",
            &[("LISTENQ", "-99999999999999999999")],
        )
        .expect("backlog 0\nconnected\n", "", 0);
        // A negative backlog is the kernel's maximum.
        run_mode("w_sock", link, "listenq", &[("LISTENQ", "-3")]).expect(
            &format!("backlog {somaxconn}\nconnected\n"),
            "",
            0,
        );
    }
}
