//! tcp_connect / tcp_listen / udp_client / udp_connect / udp_server /
//! host_serv and their wrappers (the book's `lib/tcp_connect.c`, …), through book-style C
//! programs linked statically and dynamically: exact stdout, stderr and exit
//! status, every diagnostic.  Only 127.0.0.1 and ::1 are used; no name needs
//! DNS (`nosuch..invalid` fails inside glibc without a query).

mod common;

use common::{Link, Proto, BOTH, T};
use std::net::{TcpListener, UdpSocket};
use std::process::Command;

/// `Tue Nov 24 21:32:14 2026\r\n`: ctime's 24 characters and CR LF.
fn is_daytime(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 26
        && s.ends_with("\r\n")
        && b[3] == b' '
        && b[7] == b' '
        && b[13] == b':'
        && b[16] == b':'
        && s[20..24].chars().all(|c| c.is_ascii_digit())
}

/// Splits a client's output into its first line and the rest.
fn first_line(s: &str) -> (&str, &str) {
    s.split_once('\n').unwrap_or((s, ""))
}

fn diag(link: Link, args: &[&str]) -> common::Ran {
    common::run(&common::build("names_diag", link), args, b"", T)
}

/// A port on `host` that nothing listens on (bound and released).
/// A port that refuses connections on `host`, held while the guard lives
/// (so that no parallel test can start listening on it meanwhile).
fn closed_port(host: &str) -> common::RefusedPort {
    if host == "::1" {
        common::RefusedPort::v6()
    } else {
        common::RefusedPort::new()
    }
}

#[test]
fn tcp_daytime_client_and_server_ipv4_and_ipv6() {
    for link in BOTH {
        for (host, addrlen) in [("127.0.0.1", 16), ("::1", 28)] {
            let (srv, port) = common::start_server_on_free_port(
                &common::build("daytimetcpsrv1", link),
                Proto::Tcp,
                &|p| vec!["-n".into(), "1".into(), host.into(), p.into()],
                &[],
            );
            let port = port.to_string();
            let cli = common::run(
                &common::build("daytimetcpcli_names", link),
                &[host, &port],
                b"",
                T,
            );
            let (l1, rest) = first_line(&cli.stdout);
            assert_eq!(l1, format!("connected to {host}"), "{link:?} {cli:#?}");
            assert!(is_daytime(rest), "{link:?} {cli:#?}");
            assert_eq!((cli.stderr.as_str(), cli.code), ("", Some(0)));
            srv.wait(T).expect(
                &format!("connection from {host} (addrlen {addrlen}, peer len {addrlen})\n"),
                "",
                0,
            );
        }
    }
}

#[test]
fn tcp_listen_null_host_is_passive_ipv4_first() {
    // AI_PASSIVE with a NULL host: glibc lists 0.0.0.0 before ::, so the
    // server binds IPv4 (addrlen 16) and a client of 127.0.0.1 reaches it.
    for link in BOTH {
        let (srv, port) = common::start_server_on_free_port(
            &common::build("daytimetcpsrv1", link),
            Proto::Tcp,
            &|p| vec!["-n".into(), "1".into(), p.into()],
            &[],
        );
        let port = port.to_string();
        let cli = common::run(
            &common::build("daytimetcpcli_names", link),
            &["127.0.0.1", &port],
            b"",
            T,
        );
        assert_eq!(first_line(&cli.stdout).0, "connected to 127.0.0.1");
        srv.wait(T).expect(
            "connection from 127.0.0.1 (addrlen 16, peer len 16)\n",
            "",
            0,
        );
    }
}

#[test]
fn tcp_connect_tries_each_address_and_closes_failures() {
    // A NULL host without AI_PASSIVE gives ::1 then 127.0.0.1.  Only the IPv4
    // address listens: the ::1 socket (fd 3) is refused and closed, so the
    // connected socket is fd 3 again.
    // ::1 is held refused on the same port, so that no parallel test can
    // listen there meanwhile (bounded retries while it is taken).
    let (_l, _refused6, port) = (0..50)
        .find_map(|_| {
            let l = TcpListener::bind("127.0.0.1:0").unwrap();
            let port = l.local_addr().unwrap().port();
            common::RefusedPort::v6_at(port).map(|r| (l, r, port.to_string()))
        })
        .expect("no port free on both 127.0.0.1 and ::1 in 50 tries");
    for link in BOTH {
        for call in ["tcp_connect", "tcp_connect_lower"] {
            diag(link, &[call, "NULL", &port]).expect(
                &format!("fd 3\npeer AF_INET 127.0.0.1 {port}\n"),
                "",
                0,
            );
        }
    }
}

#[test]
fn tcp_connect_refused_reports_the_last_errno() {
    for link in BOTH {
        for host in ["127.0.0.1", "::1"] {
            let refused = closed_port(host);
            let port = refused.port.to_string();
            diag(link, &["tcp_connect", host, &port]).expect(
                "",
                &format!("tcp_connect error for {host}, {port}: Connection refused\n"),
                1,
            );
        }
        // A NULL service with a host is port 0, which refuses: NULL prints
        // as (null), as glibc's printf does.
        diag(link, &["tcp_connect", "127.0.0.1", "NULL"]).expect(
            "",
            "tcp_connect error for 127.0.0.1, (null): Connection refused\n",
            1,
        );
        // Both loopback addresses refused; errno is the last one's.
        let refused = common::RefusedPort::both();
        let port = refused.port.to_string();
        diag(link, &["tcp_connect", "NULL", &port]).expect(
            "",
            &format!("tcp_connect error for (null), {port}: Connection refused\n"),
            1,
        );
    }
}

#[test]
fn getaddrinfo_failures_use_err_quit_with_gai_strerror() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["tcp_connect", "nosuch..invalid", "80"],
            "tcp_connect error for nosuch..invalid, 80: Name or service not known\n",
        ),
        (
            &["tcp_connect", "NULL", "nosuchservice"],
            "tcp_connect error for (null), nosuchservice: Servname not supported for ai_socktype\n",
        ),
        (
            &["tcp_listen", "127.0.0.1", "nosuchservice"],
            "tcp_listen error for 127.0.0.1, nosuchservice: Servname not supported for ai_socktype\n",
        ),
        (
            &["udp_client", "nosuch..invalid", "13"],
            "udp_client error for nosuch..invalid, 13: Name or service not known\n",
        ),
        (
            &["udp_connect", "NULL", "nosuchservice"],
            "udp_connect error for (null), nosuchservice: Servname not supported for ai_socktype\n",
        ),
        (
            &["udp_server", "NULL", "NULL"],
            "udp_server error for (null), (null): Name or service not known\n",
        ),
        (
            &["Host_serv", "NULL", "13"],
            "host_serv error for (no hostname), 13: Bad value for ai_flags\n",
        ),
        (
            &["Host_serv", "nosuch..invalid", "NULL"],
            "host_serv error for nosuch..invalid, (no service name): Name or service not known\n",
        ),
        (
            &["Host_serv", "NULL", "NULL"],
            "host_serv error for (no hostname), (no service name): Name or service not known\n",
        ),
        (
            &["Host_serv", "127.0.0.1", "nosuchservice", "0", "1"],
            "host_serv error for 127.0.0.1, nosuchservice: Servname not supported for ai_socktype\n",
        ),
    ];
    for link in BOTH {
        for (args, stderr) in cases {
            diag(link, args).expect("", stderr, 1);
        }
    }
}

#[test]
fn tcp_listen_sets_reuseaddr_addrlen_and_reports_address_in_use() {
    for link in BOTH {
        diag(link, &["tcp_listen", "127.0.0.1", "0"]).expect(
            "fd 3 addrlen 16\nlocal AF_INET 127.0.0.1 reuseaddr 1\n",
            "",
            0,
        );
        diag(link, &["tcp_listen", "::1", "0"]).expect(
            "fd 3 addrlen 28\nlocal AF_INET6 ::1 reuseaddr 1\n",
            "",
            0,
        );
        diag(link, &["tcp_listen_nolen", "127.0.0.1", "0"]).expect(
            "fd 3\nlocal AF_INET 127.0.0.1 reuseaddr 1\n",
            "",
            0,
        );
        let busy = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = busy.local_addr().unwrap().port().to_string();
        diag(link, &["tcp_listen", "127.0.0.1", &port]).expect(
            "",
            &format!("tcp_listen error for 127.0.0.1, {port}: Address already in use\n"),
            1,
        );
    }
}

/// The backlog of the listening socket on `port`, as `ss` shows it
/// (Send-Q of a LISTEN socket), or None when `ss` is unavailable.
fn listen_backlog(port: u16) -> Option<u32> {
    let out = Command::new("ss")
        .args(["-ltnH", &format!("sport = :{port}")])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let cols: Vec<&str> = text.lines().next()?.split_whitespace().collect();
    cols.get(2)?.parse().ok()
}

#[test]
fn tcp_listen_calls_listen_so_the_listenq_variable_applies() {
    if Command::new("ss").arg("-V").output().is_err() {
        common::skip(
            "tcp_listen_calls_listen_so_the_listenq_variable_applies",
            "ss(8) is not installed, the backlog cannot be read",
        );
        return;
    }
    // The kernel caps the backlog at net.core.somaxconn.
    let somaxconn: u32 = std::fs::read_to_string("/proc/sys/net/core/somaxconn")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(4096);
    for link in BOTH {
        for (env, want) in [(None, 1024.min(somaxconn)), (Some("7"), 7)] {
            let exe = common::build("names_diag", link);
            let env: Vec<(&str, &str)> = env.iter().map(|v| ("LISTENQ", *v)).collect();
            let (srv, port) = common::start_server_on_free_port(
                &exe,
                Proto::Tcp,
                &|p| {
                    vec![
                        "tcp_listen".into(),
                        "127.0.0.1".into(),
                        p.into(),
                        "20".into(),
                    ]
                },
                &env,
            );
            assert_eq!(listen_backlog(port), Some(want), "{link:?} LISTENQ={env:?}");
            drop(srv);
        }
    }
}

#[test]
fn udp_daytime_client_and_server_ipv4_and_ipv6() {
    for link in BOTH {
        for (host, len) in [("127.0.0.1", 16), ("::1", 28)] {
            let (srv, port) = common::start_server_on_free_port(
                &common::build("daytimeudpsrv2", link),
                Proto::Udp,
                &|p| vec!["-n".into(), "1".into(), host.into(), p.into()],
                &[],
            );
            let ps = port.to_string();
            let cli = common::run(&common::build("daytimeudpcli1", link), &[host, &ps], b"", T);
            let (l1, rest) = first_line(&cli.stdout);
            assert_eq!(l1, format!("sending to {host} (salen {len})"), "{cli:#?}");
            assert!(is_daytime(rest), "{link:?} {cli:#?}");
            assert_eq!((cli.stderr.as_str(), cli.code), ("", Some(0)));
            srv.wait(T).expect(
                &format!("datagram of 1 bytes from {host} (addrlen {len})\n"),
                "",
                0,
            );
        }
    }
}

#[test]
fn udp_client_connect_and_server_results() {
    for link in BOTH {
        // udp_client: a Malloc'ed copy of the address, socket neither bound
        // nor connected (getsockname: wildcard, port 0).
        diag(link, &["udp_client", "::1", "13"]).expect(
            "fd 3 salen 28 AF_INET6 ::1 13\nlocal AF_INET6 :: reuseaddr 0\n",
            "",
            0,
        );
        diag(link, &["udp_client", "127.0.0.1", "daytime"]).expect(
            "fd 3 salen 16 AF_INET 127.0.0.1 13\nlocal AF_INET 0.0.0.0 reuseaddr 0\n",
            "",
            0,
        );
        let port = common::free_udp_port().to_string();
        diag(link, &["udp_connect", "127.0.0.1", &port]).expect(
            &format!("fd 3\npeer AF_INET 127.0.0.1 {port}\n"),
            "",
            0,
        );
        diag(link, &["udp_connect", "::1", &port]).expect(
            &format!("fd 3\npeer AF_INET6 ::1 {port}\n"),
            "",
            0,
        );
        // udp_server: no SO_REUSEADDR.
        diag(link, &["udp_server", "::1", "0"]).expect(
            "fd 3 addrlen 28\nlocal AF_INET6 ::1 reuseaddr 0\n",
            "",
            0,
        );
        diag(link, &["udp_server_nolen", "127.0.0.1", "0"]).expect(
            "fd 3\nlocal AF_INET 127.0.0.1 reuseaddr 0\n",
            "",
            0,
        );
        let busy = UdpSocket::bind("127.0.0.1:0").unwrap();
        let port = busy.local_addr().unwrap().port().to_string();
        diag(link, &["udp_server", "127.0.0.1", &port]).expect(
            "",
            &format!("udp_server error for 127.0.0.1, {port}: Address already in use\n"),
            1,
        );
    }
}

#[test]
fn host_serv_returns_the_list_or_null() {
    for link in BOTH {
        for call in ["host_serv", "Host_serv"] {
            // AF_INET (2), SOCK_STREAM (1); AI_CANONNAME fills the first entry.
            diag(link, &[call, "127.0.0.1", "13", "2", "1"]).expect(
                "AF_INET socktype 1 proto 6 addrlen 16 127.0.0.1 13 canon 127.0.0.1\n",
                "",
                0,
            );
            // Any family and socket type: glibc's three socket types.
            diag(link, &[call, "::1", "NULL"]).expect(
                "AF_INET6 socktype 1 proto 6 addrlen 28 ::1 0 canon ::1\n\
                 AF_INET6 socktype 2 proto 17 addrlen 28 ::1 0 canon NULL\n\
                 AF_INET6 socktype 3 proto 0 addrlen 28 ::1 0 canon NULL\n",
                "",
                0,
            );
        }
        // host_serv: failures give NULL (the gai code is lost).
        for args in [
            &["NULL", "13"][..],
            &["nosuch..invalid", "NULL"],
            &["::1", "13", "2"],
        ] {
            let mut a = vec!["host_serv"];
            a.extend_from_slice(args);
            diag(link, &a).expect("NULL\n", "", 0);
        }
    }
}

#[test]
fn udp_client_defined_by_the_program_is_what_udp_client_wrapper_calls() {
    // The book's test/test2.c defines udp_client; the library's Udp_client
    // must then run the program's version (static: weak archive symbol;
    // shared: ELF interposition).
    for link in BOTH {
        common::run(&common::build("udp_client_own", link), &[], b"", T).expect(
            "own udp_client(127.0.0.1, 13)\nUdp_client returned 42, len 7, sa NULL\n",
            "",
            0,
        );
    }
}

#[test]
fn lowercase_names_functions_defined_by_the_program_are_what_the_wrappers_call() {
    // The original's Tcp_connect, Tcp_listen, Udp_connect and Udp_server call
    // tcp_connect, ... through the global symbols: a program's own versions
    // are what they run (static: weak archive symbols; shared: interposition).
    for link in BOTH {
        common::run(&common::build("names_own_lower", link), &[], b"", T).expect(
            "own tcp_connect(127.0.0.1, 13)\nTcp_connect returned 41\n\
             own tcp_listen(NULL, 9877)\nTcp_listen returned 42, len 5\n\
             own udp_connect(::1, 7)\nUdp_connect returned 43\n\
             own udp_server(NULL, 9877)\nUdp_server returned 44, len 6\n",
            "",
            0,
        );
    }
}

#[test]
fn static_link_of_a_names_program_pulls_only_what_it_uses() {
    // Udp_client reaches udp_client through a pointer in `sym`; that must not
    // drag the other `sym` targets (readline, writen, ...) and core's panic
    // machinery into a static program, as one archive member per family in
    // the original does not.
    let exe = common::build("daytimeudpcli1", Link::Static);
    let out = Command::new("nm").arg(&exe).output().expect("run nm");
    let syms = String::from_utf8_lossy(&out.stdout);
    let defined = |name: &str| {
        syms.lines()
            .any(|l| l.split_whitespace().last() == Some(name) && !l.trim_start().starts_with('U'))
    };
    assert!(defined("udp_client") && defined("Udp_client"));
    for absent in ["readline", "Readline", "writen", "readn", "str_cli"] {
        assert!(
            !defined(absent),
            "{absent} was linked into {}",
            exe.display()
        );
    }
}

#[test]
fn own_err_functions_that_return_get_the_documented_results() {
    // The library calls err_sys/err_quit through their global symbols, so
    // the program's versions run; when they return, each function comes
    // back with its documented value (the original would crash on most of
    // these paths).
    let refused = closed_port("127.0.0.1");
    let closed = refused.port.to_string();
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let inuse = busy.local_addr().unwrap().port().to_string();
    let want = format!(
        "own err_sys: tcp_connect error for 127.0.0.1, {closed}: Connection refused\n\
         tcp_connect -> 3\n\
         own err_quit: tcp_connect error for (null), nosuchservice: Servname not supported for ai_socktype\n\
         tcp_connect -> -1\n\
         own err_sys: tcp_listen error for 127.0.0.1, {inuse}: Address already in use\n\
         tcp_listen -> -1\n\
         len 99\n\
         own err_quit: udp_client error for nosuch..invalid, 13: Name or service not known\n\
         udp_client -> -1\n\
         sa untouched, len 99\n\
         own err_quit: udp_connect error for (null), nosuchservice: Servname not supported for ai_socktype\n\
         own err_quit: udp_connect error for (null), nosuchservice: Unknown error\n\
         Udp_connect -> -1\n\
         own err_quit: udp_server error for 127.0.0.1, nosuchservice: Servname not supported for ai_socktype\n\
         udp_server -> -1\n\
         own err_quit: host_serv error for (no hostname), 13: Bad value for ai_flags\n\
         Host_serv -> NULL\n\
         own err_sys: connect_timeo error: Connection refused\n\
         own err_sys: readable_timeo error: Bad file descriptor\n\
         Readable_timeo -> -1\n\
         own err_sys: writable_timeo error: Invalid argument\n\
         Writable_timeo -> -1\n\
         own err_quit: NULL 3rd argument to inet_ntop\n\
         Inet_ntop -> NULL\n"
    );
    for link in BOTH {
        common::run(
            &common::build("names_ownerr", link),
            &[&closed, &inuse],
            b"",
            T,
        )
        .expect(&want, "", 0);
    }
}
