//! connect_timeo / Connect_timeo / connect_nonb (the book's
//! `lib/connect_timeo.c`, `lib/connect_nonb.c`) and readable_timeo /
//! writable_timeo, through a C
//! program linked statically and dynamically.
//!
//! The timeouts need a peer that never answers.  It is built on loopback
//! only: a listener with `listen(fd, 0)` whose accept queue is filled by a
//! connection that is never accepted; Linux then drops further SYNs, so a
//! connect() to it hangs until the caller gives up.

mod common;

use common::{Link, BOTH, T};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

/// A loopback listener that drops SYNs: its backlog is 0 and its accept
/// queue is full.  Holds the queued connections alive.
struct BlackHole {
    _listener: TcpListener,
    _queued: Vec<TcpStream>,
    port: u16,
}

impl BlackHole {
    /// None (with the reason) when connects to the full queue still succeed.
    fn new(bind: &str) -> Result<BlackHole, String> {
        let listener = TcpListener::bind(bind).unwrap();
        // Shrink the backlog of the listening socket (Linux re-listens).
        assert_eq!(unsafe { libc::listen(listener.as_raw_fd(), 0) }, 0);
        let addr: SocketAddr = listener.local_addr().unwrap();
        let mut queued = Vec::new();
        for _ in 0..16 {
            match TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
                Ok(s) => queued.push(s),
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                    return Ok(BlackHole {
                        _listener: listener,
                        _queued: queued,
                        port: addr.port(),
                    });
                }
                Err(e) => return Err(format!("filling the accept queue: {e}")),
            }
        }
        Err(format!(
            "{} connections were all accepted by the kernel",
            queued.len()
        ))
    }
}

fn prog(link: Link) -> std::path::PathBuf {
    common::build("timeo_prog", link)
}

/// Runs timeo_prog and returns the result with the elapsed time.  The
/// program is built (or waits for a parallel test's build) before the clock
/// starts: compiling inside the measured interval took seconds under load.
fn timed(link: Link, args: &[&str]) -> (common::Ran, Duration) {
    let exe = prog(link);
    let t = Instant::now();
    let r = common::run(&exe, args, b"", T);
    (r, t.elapsed())
}

fn assert_about(d: Duration, secs: f64, what: &str) {
    let s = d.as_secs_f64();
    println!("{what}: {s:.3} s (expected about {secs} s)");
    assert!(
        s >= secs - 0.05 && s < secs + 3.0,
        "{what} took {s:.3} s, expected about {secs} s"
    );
}

#[test]
fn connect_timeo_and_connect_nonb_time_out_against_a_silent_peer() {
    let bh = match BlackHole::new("127.0.0.1:0") {
        Ok(b) => b,
        Err(why) => {
            common::skip(
                "connect_timeo_and_connect_nonb_time_out_against_a_silent_peer",
                &format!("no silent loopback peer: {why}"),
            );
            return;
        }
    };
    let port = bh.port.to_string();
    for link in BOTH {
        let (r, d) = timed(link, &["connect_timeo", "127.0.0.1", &port, "1"]);
        r.expect(
            "connect_timeo -1: Connection timed out\nsocket closed\nalarm left 0\n\
             SIGALRM default, SA_RESTART off\n",
            "",
            0,
        );
        assert_about(d, 1.0, &format!("connect_timeo 1 s ({})", link.name()));

        let (r, d) = timed(link, &["Connect_timeo", "127.0.0.1", &port, "1"]);
        r.expect("", "connect_timeo error: Connection timed out\n", 1);
        assert_about(d, 1.0, &format!("Connect_timeo 1 s ({})", link.name()));

        let (r, d) = timed(link, &["connect_nonb", "127.0.0.1", &port, "2"]);
        r.expect(
            "connect_nonb -1: Connection timed out\nsocket closed\n",
            "",
            0,
        );
        assert_about(d, 2.0, &format!("connect_nonb 2 s ({})", link.name()));

        // A pending alarm: the warning, the alarm replaced by connect_timeo's
        // own (the timeout is 1 s, not 30) and discarded afterwards; the
        // program's handler comes back as the library's Signal installs
        // handlers, without SA_RESTART.
        let (r, d) = timed(link, &["connect_timeo", "127.0.0.1", &port, "1", "30"]);
        r.expect(
            "connect_timeo -1: Connection timed out\nsocket closed\nalarm left 0\n\
             SIGALRM ours, SA_RESTART off\n",
            "connect_timeo: alarm was already set\n",
            0,
        );
        assert_about(
            d,
            1.0,
            &format!("connect_timeo after alarm(30) ({})", link.name()),
        );
    }
}

#[test]
fn connect_timeo_connects_and_refuses_at_once() {
    let l4 = TcpListener::bind("127.0.0.1:0").unwrap();
    let l6 = TcpListener::bind("[::1]:0").unwrap();
    let p4 = l4.local_addr().unwrap().port().to_string();
    let p6 = l6.local_addr().unwrap().port().to_string();
    // Held bound (never listening) while the test runs: refused, and no
    // parallel test can start listening on it meanwhile.
    let refused = common::RefusedPort::new();
    let closed = refused.port.to_string();
    for link in BOTH {
        for (ip, port) in [("127.0.0.1", &p4), ("::1", &p6)] {
            timed(link, &["connect_timeo", ip, port, "5"]).0.expect(
                "connect_timeo 0: ok\nsocket open blocking\nalarm left 0\nSIGALRM default, SA_RESTART off\n",
                "",
                0,
            );
            timed(link, &["Connect_timeo", ip, port, "5"])
                .0
                .expect("connected\n", "", 0);
        }
        let (r, d) = timed(link, &["connect_timeo", "127.0.0.1", &closed, "5"]);
        r.expect(
            "connect_timeo -1: Connection refused\nsocket closed\nalarm left 0\nSIGALRM default, SA_RESTART off\n",
            "",
            0,
        );
        assert!(
            d < Duration::from_secs(4),
            "refused connect waited for the alarm: {d:?}"
        );
        timed(link, &["Connect_timeo", "127.0.0.1", &closed, "5"])
            .0
            .expect("", "connect_timeo error: Connection refused\n", 1);
    }
}

#[test]
fn connect_nonb_connects_refuses_and_fails_at_once() {
    let l4 = TcpListener::bind("127.0.0.1:0").unwrap();
    let l6 = TcpListener::bind("[::1]:0").unwrap();
    let p4 = l4.local_addr().unwrap().port().to_string();
    let p6 = l6.local_addr().unwrap().port().to_string();
    let refused = common::RefusedPort::v6();
    let closed = refused.port.to_string();
    for link in BOTH {
        // Connected: the file status flags are restored (blocking again).
        for (ip, port, nsec) in [
            ("127.0.0.1", &p4, "5"),
            ("::1", &p6, "5"),
            ("127.0.0.1", &p4, "0"),
        ] {
            timed(link, &["connect_nonb", ip, port, nsec]).0.expect(
                "connect_nonb 0: ok\nsocket open blocking\n",
                "",
                0,
            );
        }
        // Refused: the pending error from SO_ERROR, socket closed; with
        // nsec 0 (no timeout) as well.
        for nsec in ["5", "0"] {
            timed(link, &["connect_nonb", "::1", &closed, nsec])
                .0
                .expect(
                    "connect_nonb -1: Connection refused\nsocket closed\n",
                    "",
                    0,
                );
        }
        // connect() fails at once (bad length): -1, socket left open and
        // non-blocking.
        timed(link, &["connect_nonb_badlen"]).0.expect(
            "connect_nonb -1: Invalid argument\nsocket open nonblocking\n",
            "",
            0,
        );
    }
}

#[test]
fn readable_and_writable_timeo() {
    for link in BOTH {
        let (r, d) = timed(link, &["readable"]);
        r.expect(
            "readable_timeo before data: 0\nreadable_timeo after data: 1\n\
             readable_timeo fd -1: -1 (Bad file descriptor)\n",
            "",
            0,
        );
        assert_about(
            d,
            1.0,
            &format!("readable_timeo 1 s timeout ({})", link.name()),
        );

        let (r, d) = timed(link, &["writable"]);
        r.expect(
            "writable_timeo empty buffer: 1\nwritable_timeo full buffer: 0\n\
             writable_timeo fd FD_SETSIZE: -1 (Invalid argument)\n",
            "",
            0,
        );
        assert_about(
            d,
            1.0,
            &format!("writable_timeo 1 s timeout ({})", link.name()),
        );

        timed(link, &["readable_bad"]).0.expect(
            "",
            "readable_timeo error: Bad file descriptor\n",
            1,
        );
        timed(link, &["writable_bad"]).0.expect(
            "",
            "writable_timeo error: Bad file descriptor\n",
            1,
        );
    }
}

#[test]
fn connect_timeo_and_connect_nonb_time_out_on_ipv6_too() {
    let bh = match BlackHole::new("[::1]:0") {
        Ok(b) => b,
        Err(why) => {
            common::skip(
                "connect_timeo_and_connect_nonb_time_out_on_ipv6_too",
                &format!("no silent ::1 peer: {why}"),
            );
            return;
        }
    };
    let port = bh.port.to_string();
    for link in BOTH {
        let (r, d) = timed(link, &["connect_nonb", "::1", &port, "1"]);
        r.expect(
            "connect_nonb -1: Connection timed out\nsocket closed\n",
            "",
            0,
        );
        assert_about(d, 1.0, &format!("connect_nonb ::1 1 s ({})", link.name()));

        let (r, d) = timed(link, &["Connect_timeo", "::1", &port, "1"]);
        r.expect("", "connect_timeo error: Connection timed out\n", 1);
        assert_about(d, 1.0, &format!("Connect_timeo ::1 1 s ({})", link.name()));
    }
}
