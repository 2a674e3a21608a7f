//! The echo clients and servers (str_cli, str_echo, dg_cli, dg_echo) through
//! the book-style programs in c-examples/, static and shared: byte-exact
//! round trips with many concurrent clients and lines longer than MAXLINE,
//! the premature-termination diagnostic, SIGCHLD reaping, the select and poll
//! servers, UDP and Unix-domain echo.
mod common;
use common::{Link, Proto, BOTH, T};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Deterministic printable text: `lines` lines of random length (a few longer
/// than MAXLINE, so Fgets(MAXLINE) splits them), each ending in '\n'.
fn text(seed: u64, lines: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut v = Vec::new();
    for i in 0..lines {
        let len = match next() % 100 {
            0 => 4000 + (next() % 6000) as usize, // around and beyond MAXLINE
            1 => 4095,                            // exactly MAXLINE - 1 before '\n'
            2..=9 => 0,                           // empty lines
            _ => (next() % 300) as usize,
        };
        for _ in 0..len {
            v.push(b' ' + (next() % 95) as u8);
        }
        if i % 7 == 0 && len > 0 {
            v.push(b'\t');
        }
        v.push(b'\n');
    }
    v
}

fn s(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// Runs `n` clients at once, each with its own input, and checks that each
/// gets back exactly what it sent.
fn clients(cli: &std::path::Path, args: &[&str], n: usize, lines: usize) {
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let cli = cli.to_path_buf();
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            std::thread::spawn(move || {
                let input = text(i as u64 + 1, lines);
                let a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
                let r = common::run(&cli, &a, &input, T);
                assert_eq!(r.stdout.len(), input.len(), "client {i}: byte count");
                r.expect(&s(&input), "", 0);
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

#[test]
fn forking_server_twenty_concurrent_clients() {
    for link in BOTH {
        let srv = common::build("tcpserv01", link);
        let cli = common::build("tcpcli01", link);
        let (server, port) = common::start_server_on_free_port(
            &srv,
            Proto::Tcp,
            &|p| vec![p.into(), "20".into()],
            &[],
        );
        clients(&cli, &["127.0.0.1", &port.to_string()], 20, 2000);
        // The server stops after 20 connections, waits for its children, exits.
        server.wait(T).expect("", "", 0);
    }
}

#[test]
fn input_without_lines_and_empty_input() {
    for link in BOTH {
        let srv = common::build("tcpserv01", link);
        let cli = common::build("tcpcli01", link);
        let (server, port) = common::start_server_on_free_port(
            &srv,
            Proto::Tcp,
            &|p| vec![p.into(), "2".into()],
            &[],
        );
        let p = port.to_string();
        common::run(&cli, &["127.0.0.1", &p], b"", T).expect("", "", 0);
        let long = "y".repeat(4095 * 3) + "\n";
        common::run(&cli, &["127.0.0.1", &p], long.as_bytes(), T).expect(&long, "", 0);
        server.wait(T).expect("", "", 0);
    }
}

/// Pids of the live children of `pid`, from /proc.
fn children_of(pid: i32) -> Vec<i32> {
    let mut v = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(p) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        if let Some((ppid, _)) = stat(p) {
            if ppid == pid {
                v.push(p);
            }
        }
    }
    v
}

/// (ppid, state) of a process, None when it is gone.
fn stat(pid: i32) -> Option<(i32, char)> {
    let st = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &st[st.rfind(')')? + 2..];
    let mut f = rest.split_whitespace();
    let state = f.next()?.chars().next()?;
    let ppid = f.next()?.parse().ok()?;
    Some((ppid, state))
}

fn gone_or_zombie(pid: i32) -> bool {
    !matches!(stat(pid), Some((_, st)) if st != 'Z' && st != 'X')
}

extern "C" {
    fn kill(pid: i32, sig: i32) -> i32;
}

/// Reads from `r` until `want` bytes came (bounded by T).
fn read_exactly(r: &mut impl Read, want: usize) -> Vec<u8> {
    let mut got = vec![0u8; want];
    r.read_exact(&mut got).unwrap();
    got
}

#[test]
fn killed_server_gives_server_terminated_prematurely() {
    for link in BOTH {
        let srv = common::build("tcpserv01", link);
        let cli = common::build("tcpcli01", link);
        let (server, port) =
            common::start_server_on_free_port(&srv, Proto::Tcp, &|p| vec![p.into()], &[]);

        // stdbuf -oL: a pipe makes stdout fully buffered, and the test must
        // see the first echo before it kills the server.
        let mut client = Command::new("stdbuf");
        let mut client = common::only_stdio(&mut client)
            .arg("-oL")
            .arg(&cli)
            .args(["127.0.0.1", &port.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut cin = client.stdin.take().unwrap();
        let mut cout = client.stdout.take().unwrap();
        cin.write_all(b"first line\n").unwrap();
        cin.flush().unwrap();
        // read_exact blocks; the whole test is bounded by the client's wait below
        // and a watchdog that kills the client.
        // The client is not reaped before the watchdog is joined, so its pid
        // cannot be reused while the watchdog might signal it.
        let cpid = client.id() as i32;
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = done.clone();
        let watchdog = std::thread::spawn(move || {
            let start = Instant::now();
            while !flag.load(std::sync::atomic::Ordering::SeqCst) {
                if start.elapsed() > T {
                    unsafe { kill(cpid, common::SIGKILL) };
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        assert_eq!(read_exactly(&mut cout, 11), b"first line\n");

        // The echo came back: the connection is idle.  Kill the server and
        // the child serving this client.
        let start = Instant::now();
        let kids = loop {
            let k = children_of(server.pid());
            if !k.is_empty() {
                break k;
            }
            assert!(start.elapsed() < T, "no server child found");
            std::thread::sleep(Duration::from_millis(10));
        };
        // Children first: they hold the server's stdout/stderr pipes, which
        // stop_with reads to the end.
        for &k in &kids {
            unsafe { kill(k, common::SIGKILL) };
        }
        let start = Instant::now();
        while !kids.iter().all(|&k| gone_or_zombie(k)) {
            assert!(start.elapsed() < T, "server children did not die");
            std::thread::sleep(Duration::from_millis(10));
        }
        let killed = server.stop_with(common::SIGKILL);
        assert_eq!(killed.signal, Some(common::SIGKILL));

        // The next line is written (the peer answers RST), and Readline sees
        // the FIN that came first: 0, the book's diagnostic, exit 1.
        cin.write_all(b"second line\n").unwrap();
        drop(cin);
        let mut rest = Vec::new();
        cout.read_to_end(&mut rest).unwrap();
        let mut err = String::new();
        client
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        watchdog.join().unwrap();
        let status = client.wait().unwrap();
        assert_eq!(
            (s(&rest).as_str(), err.as_str(), status.code()),
            ("", "str_cli: server terminated prematurely\n", Some(1)),
            "{}",
            link.name()
        );
    }
}

#[test]
fn sigchld_handler_reaps_every_child() {
    for link in BOTH {
        let srv = common::build("tcpserv01", link);
        let cli = common::build("tcpcli01", link);
        let (server, port) =
            common::start_server_on_free_port(&srv, Proto::Tcp, &|p| vec![p.into()], &[]);
        // Five at once: their SIGCHLDs can merge into one delivery, which the
        // waitpid(WNOHANG) loop must still reap completely.
        clients(&cli, &["127.0.0.1", &port.to_string()], 5, 50);
        let start = Instant::now();
        loop {
            let kids = children_of(server.pid());
            if kids.is_empty() {
                break;
            }
            assert!(start.elapsed() < T, "children not reaped: {kids:?}");
            std::thread::sleep(Duration::from_millis(10));
        }
        // Still accepting afterwards (accept restarted, not killed by EINTR).
        clients(&cli, &["127.0.0.1", &port.to_string()], 1, 10);
        let r = server.stop_with(common::SIGTERM);
        assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("", ""), "{r:?}");
    }
}

fn single_process_server(name: &str, link: Link) {
    let srv = common::build(name, link);
    let cli = common::build("tcpcli01", link);
    let (server, port) =
        common::start_server_on_free_port(&srv, Proto::Tcp, &|p| vec![p.into(), "8".into()], &[]);
    clients(&cli, &["127.0.0.1", &port.to_string()], 8, 1000);
    server.wait(T).expect("", "", 0);
}

#[test]
fn select_server_with_several_clients() {
    for link in BOTH {
        single_process_server("tcpservselect01", link);
    }
}

#[test]
fn poll_server_with_several_clients() {
    for link in BOTH {
        single_process_server("tcpservpoll01", link);
    }
}

/// dg_echo given less room than the sender's address needs sends to no
/// more than that room: with a sockaddr_in's 16 bytes for an IPv6 sender,
/// the kernel refuses the short address (EINVAL), where reading the full
/// 28 bytes back would run past the caller's object (EFAULT here: the
/// object ends at an inaccessible page).
#[test]
fn dg_echo_sends_to_no_more_than_clilen() {
    for link in BOTH {
        let exe = common::build("dgecho_short", link);
        let r = common::run(&exe, &[], b"", T);
        if r.code == Some(77) {
            common::skip("dg_echo_sends_to_no_more_than_clilen", "no IPv6 loopback");
            return;
        }
        r.expect("", "sendto error: Invalid argument\n", 1);
    }
}

#[test]
fn udp_echo() {
    for link in BOTH {
        let srv = common::build("udpserv01", link);
        let cli = common::build("udpcli01", link);
        let (server, port) =
            common::start_server_on_free_port(&srv, Proto::Udp, &|p| vec![p.into()], &[]);
        // Two clients at once: dg_echo answers each at its own address.
        clients(&cli, &["127.0.0.1", &port.to_string()], 2, 500);
        let r = server.stop_with(common::SIGTERM);
        assert_eq!(
            (r.stdout.as_str(), r.stderr.as_str(), r.signal),
            ("", "", Some(15))
        );
    }
}

/// Whether a Unix-domain socket listens on `path` (from /proc/net/unix).
fn unix_listening(path: &str) -> bool {
    std::fs::read_to_string("/proc/net/unix")
        .unwrap_or_default()
        .lines()
        .skip(1)
        .any(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            c.len() >= 8 && c[3] == "00010000" && c[7] == path
        })
}

#[test]
fn unix_domain_stream_echo() {
    for link in BOTH {
        // Removed when the test ends, failed or not.
        let dir = common::temp_dir(&format!("unix-{}", link.name()));
        let path = dir.path().join("echo.sock");
        let p = path.to_str().unwrap().to_string();
        let srv = common::build("unixstrserv01", link);
        let cli = common::build("unixstrcli01", link);
        let server = common::Server::start(&srv, &[&p, "4"]);
        let start = Instant::now();
        while !unix_listening(&p) {
            assert!(start.elapsed() < T, "nothing listens on {p}");
            std::thread::sleep(Duration::from_millis(10));
        }
        clients(&cli, &[&p], 4, 1000);
        server.wait(T).expect("", "", 0);
        assert!(!path.exists(), "the server removes its pathname");
    }
}

#[test]
fn str_cli_uses_the_programs_own_readline_and_writen() {
    for link in BOTH {
        let srv = common::build("tcpserv01", link);
        let cli = common::build("strcli_own", link);
        let (server, port) = common::start_server_on_free_port(
            &srv,
            Proto::Tcp,
            &|p| vec![p.into(), "1".into()],
            &[],
        );
        // Three Fgets chunks: "a\n", "bb\n", and a 4095-byte piece plus "\n".
        let long = "z".repeat(4095);
        let input = format!("a\nbb\n{long}\n");
        common::run(&cli, &["127.0.0.1", &port.to_string()], input.as_bytes(), T).expect(
            &input,
            "own writen 4, own readline 4\n",
            0,
        );
        server.wait(T).expect("", "", 0);
    }
}
