//! The error paths of the Rust API, run in a child process (this test
//! binary re-run with one scenario named in UNP_DIE_SCENARIO): exact stdout,
//! stderr and exit status, as the C library produces them.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener};
use std::os::unix::process::ExitStatusExt;
use std::process::Command;

use unp::*;

const VAR: &str = "UNP_DIE_SCENARIO";

/// Runs `scenario` in a child: (stdout, stderr, exit code or -signal).
fn run(scenario: &str) -> (String, String, i32) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child",
            "--nocapture",
            "--test-threads=1",
            "--quiet",
        ])
        .env(VAR, scenario)
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
