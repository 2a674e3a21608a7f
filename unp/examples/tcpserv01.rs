//! tcpserv01: concurrent TCP/IPv4 echo server, one forked child per client
//! running str_echo.  Dead children are collected in a SIGCHLD handler, and
//! an accept() cut short by that handler (EINTR) is simply tried again.
//! usage: tcpserv01 [port [nclients]]
//!   port SERV_PORT unless given.  With nclients the server accepts that
//!   many connections, then waits for the children still running and quits.
//!
//! The Rust port of c-examples/tcpserv01.c, on the same library.

use std::ffi::c_int;
use std::io::ErrorKind;
use std::net::{Ipv4Addr, SocketAddrV4};

use unp::*;

/// Signals do not queue: one SIGCHLD may stand for several dead children,
/// so collect all of them, without blocking on those still alive.
extern "C" fn reap(_sig: c_int) {
    while matches!(waitpid(-1, WNOHANG), Ok((pid, _)) if pid > 0) {}
}

fn listen_on(port: c_int) -> RawFd {
    let fd = Socket(AF_INET, SOCK_STREAM, 0);

    let me = SockAddr::from(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, port as u16));
    Bind(fd, &me);
    Listen(fd, LISTENQ);
    fd
}

/// accept(), retried when the SIGCHLD handler interrupted it.
fn next_client(lfd: RawFd) -> RawFd {
    let mut from = SockAddr::new();
    loop {
        match accept(lfd, Some(&mut from)) {
            Ok(fd) => return fd,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => err_sys!("accept error"),
        }
    }
}

fn main() {
    // Rust's runtime starts with SIGPIPE ignored; a C program dies of it.
    // SAFETY: SIG_DFL runs no code of ours.
    unsafe { Signal(SIGPIPE, SIG_DFL) };

    let argv: Vec<_> = std::env::args_os().collect();
    let mut left = if argv.len() > 2 { atol(&argv[2]) } else { -1 }; // < 0: no limit
    let lfd = listen_on(if argv.len() > 1 {
        atoi(&argv[1])
    } else {
        SERV_PORT
    });

    // SAFETY: reap only calls waitpid, which is async-signal-safe.
    unsafe { Signal(SIGCHLD, Some(reap)) };

    while left != 0 {
        let fd = next_client(lfd);
        // SAFETY: this program has one thread.
        if unsafe { Fork() } == 0 {
            Close(lfd);
            str_echo(fd);
            std::process::exit(0);
        }
        Close(fd); // the child has its own copy
        if left > 0 {
            left -= 1;
        }
    }

    // Out of connections: let the remaining children finish first.
    Close(lfd);
    loop {
        match wait() {
            Ok(_) => continue,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
}
