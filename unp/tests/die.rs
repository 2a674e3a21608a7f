//! The error paths of the Rust API, run in a child process (this test
//! binary re-run with one scenario named in UNP_DIE_SCENARIO): exact stdout,
//! stderr and exit status, as the C library produces them.  Also what needs
//! a process of its own: the daemon_inetd name under valgrind, C's stdout
//! flush, a descriptor closed by connect_nonb.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener};
use std::os::fd::AsRawFd;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use unp::*;

const VAR: &str = "UNP_DIE_SCENARIO";

/// Runs `scenario` in a child, under `wrapper` (a command and its arguments
/// before the program; empty for none) with `env` added:
/// (stdout, stderr, exit code or -signal).
fn run_in(scenario: &str, wrapper: &[&str], env: &[(&str, &Path)]) -> (String, String, i32) {
    let me = std::env::current_exe().unwrap();
    let mut cmd = match wrapper.split_first() {
        None => Command::new(&me),
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(&me);
            c
        }
    };
    let out = cmd
        .args([
            "--exact",
            "child",
            "--nocapture",
            "--test-threads=1",
            "--quiet",
        ])
        .env(VAR, scenario)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| -out.status.signal().unwrap_or(0));
    // The harness announces the test before the scenario writes anything.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stdout = stdout
        .strip_prefix("\nrunning 1 test\n")
        .expect("harness banner");
    (
        stdout.to_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        code,
    )
}

/// Runs `scenario` in a child: (stdout, stderr, exit code or -signal).
fn run(scenario: &str) -> (String, String, i32) {
    run_in(scenario, &[], &[])
}

fn set_errno(e: i32) {
    unsafe { *libc::__errno_location() = e };
}

/// The child side: does nothing unless UNP_DIE_SCENARIO is set.
#[test]
fn child() {
    let Ok(s) = std::env::var(VAR) else { return };
    match s.as_str() {
        "quit" => {
            print!("partial");
            err_quit!("usage: {} <IPaddress>", "prog");
        }
        "sys" => {
            set_errno(libc::ECONNREFUSED);
            err_sys!("connect error");
        }
        "nonfatal" => {
            set_errno(libc::ENOENT);
            err_ret!("open {}", "/x");
            err_msg!("100% {}", "done");
            std::process::exit(3);
        }
        "dump" => {
            set_errno(libc::EPIPE);
            err_dump!("fatal");
        }
        "connect" => {
            // A bound socket that never listens: connect() is refused.
            let tcp = Socket(AF_INET, SOCK_STREAM, 0);
            let me = SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));
            Bind(&tcp, &me);
            let port = Getsockname(&tcp).to_socket_addr().unwrap().port();
            // Flushed by the library's error path, not before each call.
            print!("before ");
            let fd = Socket(AF_INET, SOCK_STREAM, 0);
            Connect(
                &fd,
                &SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)),
            );
            println!("not reached");
        }
        "pton" => {
            let mut a = Ipv4Addr::UNSPECIFIED;
            Inet_pton(AF_INET, "300.1.2.3", &mut a);
        }
        "readline-eof-str_cli" => {
            // str_cli against a server that closes at once.
            let l = TcpListener::bind("127.0.0.1:0").unwrap();
            let port = l.local_addr().unwrap().port();
            let fd = Tcp_connect("127.0.0.1", &port.to_string());
            drop(l.accept().unwrap());
            let [r, w] = Pipe();
            Writen(&w, b"hello\n");
            Close(w);
            let fp = Fdopen(r, "r");
            str_cli(fp, &fd);
        }
        "fcntl-pointer" => {
            // F_GETLK would take its argument as an address.
            let [r, _w] = Pipe();
            Fcntl(&r, libc::F_GETLK, 0x1000);
        }
        "setsockopt-pointer" => {
            // IPT_SO_SET_REPLACE: the kernel writes through a pointer in it.
            let fd = Socket(AF_INET, SOCK_DGRAM, 0);
            Setsockopt(&fd, IPPROTO_IP, 64, &[0u8; 256]);
        }
        "err_sys-io-error" => {
            // What a failed std::thread::Builder::spawn gives.
            let e = std::io::Error::from_raw_os_error(libc::EAGAIN);
            set_errno(libc::EPIPE); // not what is printed
            err_sys!(e, "pthread_create error");
        }
        "err_ret-errno" => {
            err_ret!(libc::ENOENT, "open {}", "/x");
            err_ret!(&std::io::Error::from_raw_os_error(libc::EACCES), "again");
            // An error without errno: its own text.
            err_ret!(std::io::Error::other("no errno here"), "custom");
            std::process::exit(3);
        }
        "tcp_connect-C" => {
            Tcp_connect("127.0.0.1", "no-such-service");
        }
        "tcp_connect-twin" => {
            let (h, s) = ("127.0.0.1", "no-such-service");
            if let Err(e) = tcp_connect(h, s) {
                err_sys!(e, "tcp_connect error for {}, {}", h, s);
            }
        }
        "fflush" => {
            // C's stdout is a full buffer on a pipe: without the flush it
            // would come out at exit, after Rust's.
            Fputs("c ", CFile::stdout());
            CFile::stdout().flush().unwrap();
            print!("rust");
        }
        "nonb-closes" => {
            // One thread: the number cannot be reused behind our back.
            let quiet = socket(AF_INET, SOCK_STREAM, 0).unwrap();
            bind(
                &quiet,
                &SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)),
            )
            .unwrap();
            let to = getsockname(&quiet).unwrap();
            let fd = Socket(AF_INET, SOCK_STREAM, 0);
            let n = fd.as_raw_fd();
            let e = connect_nonb(fd, &to, 5).unwrap_err();
            // SAFETY: F_GETFD on a number, only to see whether it is open.
            let open = unsafe { libc::fcntl(n, libc::F_GETFD) } >= 0;
            print!("{e}; descriptor open after the failure: {open}");
        }
        "inetd" => {
            // A temporary name: the library must keep its own copy, since
            // openlog keeps the pointer for every later syslog.
            daemon_inetd(&String::from("inetd-tag"), libc::LOG_USER);
            // Reuse the freed memory, as a real program would.
            let churn: Vec<String> = (0..64).map(|i| format!("AAAAAAAA{i}")).collect();
            err_msg!("hello from inetd");
            set_errno(libc::ECONNRESET);
            err_ret!("read error");
            drop(churn);
        }
        other => panic!("unknown scenario {other}"),
    }
    let _ = std::io::stdout().flush();
    std::process::exit(0);
}

#[test]
fn err_quit_flushes_rust_stdout_first() {
    assert_eq!(
        run("quit"),
        ("partial".into(), "usage: prog <IPaddress>\n".into(), 1)
    );
}

#[test]
fn err_sys_appends_strerror() {
    assert_eq!(
        run("sys"),
        ("".into(), "connect error: Connection refused\n".into(), 1)
    );
}

#[test]
fn err_ret_and_err_msg_return() {
    assert_eq!(
        run("nonfatal"),
        (
            "".into(),
            "open /x: No such file or directory\n100% done\n".into(),
            3
        )
    );
}

#[test]
fn err_dump_aborts() {
    assert_eq!(
        run("dump"),
        ("".into(), "fatal: Broken pipe\n".into(), -libc::SIGABRT)
    );
}

#[test]
fn capitalised_connect_dies_like_c() {
    assert_eq!(
        run("connect"),
        (
            "before ".into(),
            "connect error: Connection refused\n".into(),
            1
        )
    );
}

#[test]
fn inet_pton_diagnostic() {
    assert_eq!(
        run("pton"),
        ("".into(), "inet_pton error for 300.1.2.3\n".into(), 1)
    );
}

#[test]
fn str_cli_server_terminated() {
    let (out, err, code) = run("readline-eof-str_cli");
    assert_eq!((out.as_str(), code), ("", 1), "stderr: {err}");
    // Depending on timing the write or the read notices the close first.
    assert!(
        err == "str_cli: server terminated prematurely\n"
            || err == "readline error: Connection reset by peer\n",
        "{err}"
    );
}

#[test]
fn fcntl_refuses_a_pointer_command() {
    assert_eq!(
        run("fcntl-pointer"),
        ("".into(), "fcntl error: Invalid argument\n".into(), 1)
    );
}

#[test]
fn setsockopt_refuses_an_option_with_pointers() {
    assert_eq!(
        run("setsockopt-pointer"),
        ("".into(), "setsockopt error: Invalid argument\n".into(), 1)
    );
}

#[test]
fn err_sys_reports_the_error_given() {
    assert_eq!(
        run("err_sys-io-error"),
        (
            "".into(),
            "pthread_create error: Resource temporarily unavailable\n".into(),
            1
        )
    );
    assert_eq!(
        run("err_ret-errno"),
        (
            "".into(),
            "open /x: No such file or directory\nagain: Permission denied\ncustom: no errno here\n"
                .into(),
            3
        )
    );
}

#[test]
fn resolver_errors_print_as_c_prints_them() {
    let c = run("tcp_connect-C");
    assert_eq!(
        c,
        (
            "".into(),
            "tcp_connect error for 127.0.0.1, no-such-service: \
             Servname not supported for ai_socktype\n"
                .into(),
            1
        )
    );
    assert_eq!(run("tcp_connect-twin"), c);
}

#[test]
fn c_stdout_flushes_on_request() {
    assert_eq!(run("fflush"), ("c rust".into(), "".into(), 0));
}

#[test]
fn connect_nonb_closes_on_failure() {
    assert_eq!(
        run("nonb-closes"),
        (
            "Connection refused (os error 111); descriptor open after the failure: false".into(),
            "".into(),
            0
        )
    );
}

/// tests/syslog_shim.c as a shared library to preload: the environment
/// that preloads it.  LD_PRELOAD splits its list at spaces, so it names the
/// library alone and LD_LIBRARY_PATH (split at colons only) has its
/// directory, which may be under a path with spaces.
fn syslog_shim() -> [(&'static str, PathBuf); 2] {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/syslog_shim.c");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("syslog-shim");
    std::fs::create_dir_all(&dir).unwrap();
    let name = "libunp_syslog_shim.so";
    let st = Command::new("cc")
        .args([
            "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror", "-o",
        ])
        .arg(dir.join(name))
        .arg(&src)
        .status()
        .expect("cc");
    assert!(st.success(), "cc {}", src.display());
    [
        ("LD_PRELOAD", PathBuf::from(name)),
        ("LD_LIBRARY_PATH", dir),
    ]
}

#[test]
fn daemon_inetd_keeps_its_name_for_syslog() {
    let shim = syslog_shim();
    let env: Vec<(&str, &Path)> = shim.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let want = "syslog 6 inetd-tag: hello from inetd\n\
                syslog 6 inetd-tag: read error: Connection reset by peer\n";
    // Freed memory is reused at once without valgrind: a dangling name
    // would show as the churn's bytes.
    assert_eq!(run_in("inetd", &[], &env), ("".into(), want.into(), 0));
    // Under valgrind: no invalid read (exit 99 otherwise), the same log.
    let log = Path::new(env!("CARGO_TARGET_TMPDIR")).join("unp_inetd_valgrind.log");
    let log_arg = format!("--log-file={}", log.display());
    let (out, err, code) = run_in(
        "inetd",
        &[
            "valgrind",
            "--error-exitcode=99",
            "--leak-check=no",
            &log_arg,
        ],
        &env,
    );
    let report = std::fs::read_to_string(&log).unwrap_or_default();
    assert_eq!(
        (out.as_str(), err.as_str(), code),
        ("", want, 0),
        "valgrind:\n{report}"
    );
    assert!(
        report.contains("ERROR SUMMARY: 0 errors"),
        "valgrind:\n{report}"
    );
}
