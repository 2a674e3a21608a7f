//! The Rust API's conveniences and its lowercase twins, in process (the
//! capitalised calls that end the process are in tests/die.rs).
//!
//! This file glob-imports `std::io` before `unp`, as a program may: that
//! compiles only if the two export no function of the same name
//! (`stdout()` is std's here; C's is `CFile::stdout()`).

use std::io::*;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpListener, TcpStream};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::net::UnixStream;

use unp::*;

fn loopback(port: u16) -> SockAddr {
    SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port))
}

/// A bound TCP socket that never listens, and its port: connecting to it
/// is refused for as long as it is held.
fn refused_port() -> (OwnedFd, u16) {
    let s = socket(AF_INET, SOCK_STREAM, 0).unwrap();
    bind(&s, &loopback(0)).unwrap();
    let port = getsockname(&s).unwrap().to_socket_addr().unwrap().port();
    (s, port)
}

#[test]
fn std_io_and_unp_glob_imports_coexist() {
    // std's stdout() and Write trait, unp's Write function.
    stdout().flush().unwrap();
    let [r, w] = Pipe();
    Write(&w, b"abc");
    let mut buf = [0u8; 8];
    assert_eq!(Read(&r, &mut buf), 3);
    let mut file: std::fs::File = r.into();
    Close(w);
    let mut rest = Vec::new();
    file.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty());
}

#[test]
fn serv_port_goes_into_socket_addresses_as_is() {
    let a = SocketAddrV4::new(Ipv4Addr::LOCALHOST, SERV_PORT);
    assert_eq!(a.port(), 9877);
    assert_eq!(SockAddr::from(a).to_string(), "127.0.0.1:9877");
}

#[test]
fn sockaddr_displays_as_sock_ntop() {
    let v6 = SockAddr::from("[::1]:13".parse::<SocketAddr>().unwrap());
    assert_eq!(format!("{v6}"), "[::1]:13");
    assert_eq!(format!("{v6}"), Sock_ntop(&v6));
    let un = SockAddr::unix("/tmp/unix.str").unwrap();
    assert_eq!(un.to_string(), "/tmp/unix.str");
    // SAFETY: 6 of the storage's 128 bytes.
    let short = unsafe { SockAddr::from_raw(v6.as_ptr(), 6) };
    assert_eq!(short.to_string(), "(invalid address: family 10, length 6)");
}

#[test]
fn tcp_listen_takes_none_without_annotation() {
    let mut len: socklen_t = 0;
    let l = Tcp_listen(None, "0", Some(&mut len));
    assert!(len == 16 || len == 28, "{len}");
    let port = Getsockname(&l).to_socket_addr().unwrap().port();
    // The listening socket works as a std listener, without unsafe.
    let std_listener: TcpListener = l.into();
    let c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let (s, _) = std_listener.accept().unwrap();
    assert_eq!(s.peer_addr().unwrap(), c.local_addr().unwrap());
    // Some(&str), NULL and a string without Some.
    drop(Tcp_listen(Some("127.0.0.1"), "0", None));
    drop(Tcp_listen(NULL, "0", None));
    let host = std::ffi::OsString::from("127.0.0.1");
    drop(tcp_listen(&host, "0", None).unwrap());
}

#[test]
fn cfile_fileno_and_flush() {
    assert_eq!(CFile::stdin().fileno().unwrap().as_raw_fd(), 0);
    assert_eq!(CFile::stderr().fileno().unwrap().as_raw_fd(), 2);
    let [r, w] = Pipe();
    let n = w.as_raw_fd();
    let fp = Fdopen(w, "w");
    assert_eq!(fp.fileno().unwrap().as_raw_fd(), n);
    Fputs("line\n", fp);
    let mut buf = [0u8; 16];
    // Nothing reached the pipe yet: C's buffer holds it until the flush.
    set_nonblocking(&r);
    assert_eq!(
        read(&r, &mut buf).unwrap_err().kind(),
        ErrorKind::WouldBlock
    );
    fp.flush().unwrap();
    assert_eq!(read(&r, &mut buf).unwrap(), 5);
    assert_eq!(&buf[..5], b"line\n");
    // SAFETY: fp and its descriptor are not used afterwards.
    unsafe { fclose(fp) }.unwrap();
}

fn set_nonblocking(fd: &OwnedFd) {
    let fl = fcntl(fd, libc::F_GETFL, 0).unwrap();
    fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK).unwrap();
}

#[test]
fn sig_dfl_and_sig_ign_need_no_unsafe() {
    let before = Signal(libc::SIGUSR2, SIG_IGN);
    let ign = signal(libc::SIGUSR2, SIG_DFL).unwrap();
    // SAFETY: only compared, and put back as it was.
    assert_eq!(unsafe { Sigfunc::from_raw(ign) }, SIG_IGN);
    assert!(Signal(libc::SIGUSR2, SIG_DFL).is_none()); // None is SIG_DFL
                                                       // SAFETY: what was installed before this test.
    Signal(libc::SIGUSR2, unsafe { Sigfunc::from_raw(before) });
    assert_eq!(
        signal(libc::SIGKILL, SIG_IGN).unwrap_err().raw_os_error(),
        Some(libc::EINVAL)
    );
}

#[test]
fn fd_set_refuses_descriptor_1024() {
    // A descriptor >= FD_SETSIZE needs a limit above 1024.
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: a live rlimit for getrlimit to fill.
    assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) }, 0);
    if lim.rlim_cur < 1100 {
        lim.rlim_cur = lim.rlim_max.min(4096);
        // SAFETY: the soft limit raised within the hard one.
        let r = unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lim) };
        assert!(
            r == 0 && lim.rlim_cur >= 1100,
            "RLIMIT_NOFILE hard limit {} too low for this test",
            lim.rlim_max
        );
    }
    let [r, _w] = Pipe();
    // SAFETY: F_DUPFD_CLOEXEC returns a new descriptor, ours alone.
    let n = unsafe { libc::fcntl(r.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 1024) };
    assert!(n >= 1024, "F_DUPFD: {}", std::io::Error::last_os_error());
    // SAFETY: as above.
    let big = unsafe { OwnedFd::from_raw_fd(n) };
    let mut set = FdSet::new();
    set.set(&r).unwrap();
    let e = set.set(&big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        e.to_string(),
        format!("descriptor {n} does not fit an fd_set (FD_SETSIZE 1024): use poll")
    );
    assert!(!set.is_set(&big));
    set.clear(&big);
    assert_eq!(set.nfds(), r.as_raw_fd() + 1, "the set is unchanged");
    assert!(set.is_set(&r));
    // And Poll takes it.
    let mut p = [libc::pollfd {
        fd: n,
        events: libc::POLLIN,
        revents: 0,
    }];
    assert_eq!(Poll(&mut p, 0), 0);
}

#[test]
fn select_computes_nfds_from_its_sets() {
    let (a, b) = UnixStream::pair().unwrap();
    let mut rset = FdSet::new();
    rset.set(&a).unwrap();
    let mut tv = libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    assert_eq!(Select(Some(&mut rset), None, None, Some(&mut tv)), 0);
    assert!(!rset.is_set(&a));
    Writen(&b, b"x");
    rset.set(&a).unwrap();
    let mut wset = FdSet::new();
    wset.set(&b).unwrap();
    assert_eq!(
        select(Some(&mut rset), Some(&mut wset), None, None).unwrap(),
        2
    );
    assert!(rset.is_set(&a) && wset.is_set(&b));
    rset.zero();
    assert_eq!(rset.nfds(), 0);
}

#[test]
fn lowercase_twins_never_fail_with_errno_0() {
    let unix = Socket(AF_UNIX, SOCK_DGRAM, 0);
    assert_eq!(
        sock_bind_wild(&unix, AF_UNIX).unwrap_err().raw_os_error(),
        Some(libc::EAFNOSUPPORT)
    );
    assert_eq!(
        family_to_level(-5).unwrap_err().raw_os_error(),
        Some(libc::EAFNOSUPPORT)
    );
    let mut a = Ipv4Addr::UNSPECIFIED;
    assert_eq!(
        inet_pton(AF_INET, "300.1.2.3", &mut a)
            .unwrap_err()
            .raw_os_error(),
        Some(libc::EINVAL)
    );
    inet_pton(AF_INET, "192.0.2.1", &mut a).unwrap();
    assert_eq!(inet_ntop(AF_INET, &a).unwrap(), "192.0.2.1");
    let un = SockAddr::unix("/x").unwrap();
    assert_eq!(
        sock_get_port(&un).unwrap_err().raw_os_error(),
        Some(libc::EAFNOSUPPORT)
    );
}

#[test]
fn setsockopt_takes_plain_values_on_the_book_levels() {
    let fd = socket(AF_INET, SOCK_STREAM, 0).unwrap();
    setsockopt(&fd, SOL_SOCKET, SO_REUSEADDR, &1).unwrap();
    let mut on = 0;
    assert_eq!(
        getsockopt(&fd, SOL_SOCKET, SO_REUSEADDR, &mut on).unwrap(),
        4
    );
    assert_eq!(on, 1);
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 3,
    };
    Setsockopt(&fd, SOL_SOCKET, libc::SO_LINGER, &linger);
    // netfilter's IPT_SO_SET_REPLACE (64) and TCP_ZEROCOPY_RECEIVE carry
    // pointers the kernel writes through: refused before the kernel.
    for (level, name) in [
        (IPPROTO_IP, 64),
        (IPPROTO_IPV6, 64),
        (IPPROTO_TCP, libc::TCP_ZEROCOPY_RECEIVE),
        (libc::SOL_PACKET, 1),
    ] {
        let big = [0u8; 256];
        assert_eq!(
            setsockopt(&fd, level, name, &big)
                .unwrap_err()
                .raw_os_error(),
            Some(libc::EINVAL)
        );
        let mut out = [0u8; 256];
        assert_eq!(
            getsockopt(&fd, level, name, &mut out)
                .unwrap_err()
                .raw_os_error(),
            Some(libc::EINVAL)
        );
    }
}

#[test]
fn name_twins_return_errors() {
    let (_held, port) = refused_port();
    let e = tcp_connect("127.0.0.1", &port.to_string()).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(libc::ECONNREFUSED));
    let e = tcp_connect("127.0.0.1", "no-such-service").unwrap_err();
    let gai = e
        .get_ref()
        .and_then(|i| i.downcast_ref::<GaiError>())
        .copied();
    assert_eq!(gai, Some(GaiError(libc::EAI_SERVICE)));
    assert_eq!(e.to_string(), "Servname not supported for ai_socktype");

    let mut len = 0;
    let l = tcp_listen(Some("127.0.0.1"), "0", Some(&mut len)).unwrap();
    assert_eq!(len, 16);
    let lport = getsockname(&l).unwrap().to_socket_addr().unwrap().port();
    let c = tcp_connect("127.0.0.1", &lport.to_string()).unwrap();
    let s = accept(&l, None).unwrap();
    writen(&c, b"hi\n").unwrap();
    let mut line = [0u8; 8];
    assert_eq!(readline(&s, &mut line).unwrap(), 3);

    let srv = udp_server(None, "0", None).unwrap();
    let uport = getsockname(&srv).unwrap().to_socket_addr().unwrap().port();
    let (cli, to) = udp_client("127.0.0.1", &uport.to_string()).unwrap();
    assert_eq!(to.to_string(), format!("127.0.0.1:{uport}"));
    sendto(&cli, b"ping", 0, &to).unwrap();
    let mut from = SockAddr::new();
    let mut buf = [0u8; 8];
    assert_eq!(recvfrom(&srv, &mut buf, 0, Some(&mut from)).unwrap(), 4);
    let port_of = |sa: &SockAddr| sa.to_socket_addr().unwrap().port();
    assert_eq!(port_of(&from), port_of(&getsockname(&cli).unwrap()));
    let conn = udp_connect("127.0.0.1", &uport.to_string()).unwrap();
    assert_eq!(send(&conn, b"pong", 0).unwrap(), 4);
    assert_eq!(recv(&srv, &mut buf, 0).unwrap(), 4);
}

#[test]
fn recv_with_msg_trunc_reports_the_datagram_length() {
    let [a, b] = Socketpair(AF_UNIX, SOCK_DGRAM, 0);
    Send(&a, b"0123456789", 0);
    let mut small = [0u8; 4];
    let n = Recv(&b, &mut small, libc::MSG_TRUNC);
    assert_eq!(n, 10, "the real length, larger than the slice");
    assert_eq!(&small[..n.min(small.len())], b"0123");
}

#[test]
fn connect_timeo_hands_the_descriptor_back() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let fd = Socket(AF_INET, SOCK_STREAM, 0);
    let fd = Connect_timeo(fd, &loopback(port), 5);
    assert_eq!(Getpeername(&fd).to_socket_addr().unwrap().port(), port);
    let fd = connect_nonb(Socket(AF_INET, SOCK_STREAM, 0), &loopback(port), 5).unwrap();
    assert_eq!(Getpeername(&fd).to_socket_addr().unwrap().port(), port);
    let (_held, refused) = refused_port();
    let e = connect_timeo(Socket(AF_INET, SOCK_STREAM, 0), &loopback(refused), 5).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(libc::ECONNREFUSED));
}

#[test]
fn descriptors_pass_as_owned_and_borrowed() {
    let [a, b] = Socketpair(AF_UNIX, SOCK_STREAM, 0);
    let [r, w] = Pipe();
    // Passing borrows the pipe's write end: it stays ours.
    assert_eq!(Write_fd(&a, b"x", &w), 1);
    let mut buf = [0u8; 4];
    let (n, got) = Read_fd(&b, &mut buf);
    assert_eq!(n, 1);
    let got = got.expect("a descriptor came with the byte");
    Write(&got, b"via copy");
    Write(&w, b"!");
    let mut out = [0u8; 16];
    assert_eq!(Readn(&r, &mut out[..9]), 9);
    assert_eq!(&out[..9], b"via copy!");
    // No descriptor: None.
    Write(&a, b"y");
    assert!(read_fd(&b, &mut buf).unwrap().1.is_none());
    // Dup2 onto a descriptor of our own.
    let mut target: OwnedFd = std::fs::File::open("/dev/null").unwrap().into();
    let number = target.as_raw_fd();
    Dup2(&w, &mut target);
    assert_eq!(target.as_raw_fd(), number);
    Write(&target, b"dup");
    assert_eq!(Readn(&r, &mut out[..3]), 3);
    assert_eq!(&out[..3], b"dup");
}
