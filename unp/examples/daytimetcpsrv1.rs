//! daytimetcpsrv1: daytime server for IPv4 or IPv6.  Tcp_listen picks the
//! address family from the host (or from the service alone when no host is
//! given); each client is logged with its numeric address and the socket
//! address lengths involved.
//! usage: daytimetcpsrv1 [-n count] [ <host> ] <service or port>
//!   -n count: quit after count clients instead of running forever.
//! A wrong argument count prints the book's usage line (names/daytimetcpsrv1.c).
//!
//! The Rust port of c-examples/daytimetcpsrv1.c, on the same library.  Its
//! output goes through C's stdout, as the C program's printf does.

use std::ffi::CStr;
use std::net::{Ipv4Addr, SocketAddr};

use unp::*;

fn send_time(connfd: &OwnedFd) {
    let mut buf = [0 as libc::c_char; 32];
    // SAFETY: time(NULL) writes nothing.
    let now = unsafe { libc::time(std::ptr::null_mut()) };
    // SAFETY: ctime_r writes at most 26 bytes into buf.
    let text = if unsafe { libc::ctime_r(&now, buf.as_mut_ptr()) }.is_null() {
        &b""[..]
    } else {
        // SAFETY: ctime_r NUL-terminated buf.
        unsafe { CStr::from_ptr(buf.as_ptr()) }.to_bytes()
    };
    let mut line = text[..text.len().min(24)].to_vec();
    line.extend_from_slice(b"\r\n");
    Write(connfd, &line);
}

/// Numeric form of an IPv4 or IPv6 socket address.
fn numeric(ss: &SockAddr) -> String {
    match ss.to_socket_addr() {
        Some(SocketAddr::V6(a)) => Inet_ntop(AF_INET6, a.ip()),
        Some(SocketAddr::V4(a)) => Inet_ntop(AF_INET, a.ip()),
        None => Inet_ntop(AF_INET, &Ipv4Addr::UNSPECIFIED),
    }
}

fn main() {
    // Rust's runtime starts with SIGPIPE ignored; a C program dies of it.
    Signal(SIGPIPE, SIG_DFL);

    let mut argv: Vec<_> = std::env::args_os().collect();
    let mut left: i64 = -1; // < 0: no limit
    let mut addrlen: socklen_t = 0;

    if argv.len() > 2 && argv[1] == "-n" {
        left = atol(&argv[2]);
        argv.drain(1..3);
    }
    let listenfd = match argv.len() {
        2 => Tcp_listen(None, &argv[1], Some(&mut addrlen)),
        3 => Tcp_listen(&argv[1], &argv[2], Some(&mut addrlen)),
        _ => err_quit!("usage: daytimetcpsrv1 <service or port#>"),
    };

    let mut cliaddr = SockAddr::new(); // large enough for any family
    while left != 0 {
        let connfd = Accept(&listenfd, Some(&mut cliaddr));
        Fputs(
            &format!(
                "connection from {} (addrlen {}, peer len {})\n",
                numeric(&cliaddr),
                addrlen,
                cliaddr.len()
            ),
            CFile::stdout(),
        );
        send_time(&connfd);
        Close(connfd);
        if left > 0 {
            left -= 1;
        }
    }
}
