//! tcpserv01: concurrent TCP/IPv4 echo server, one forked child per client
//! running str_echo.  Dead children are collected in a SIGCHLD handler, and
//! an accept() cut short by that handler (EINTR) is simply tried again.
//! usage: tcpserv01 [port [nclients]]
//!   port SERV_PORT unless given.  With nclients the server accepts that
//!   many connections, then waits for the children still running and quits.
//!
//! The Rust port of c-examples/tcpserv01.c, on the same library.  The
//! descriptors are `OwnedFd`s: the child's `Close(listenfd)` and the
//! parent's `Close(connfd)` give each up, and neither can be used after.

use std::ffi::c_int;
use std::io::ErrorKind;
use std::net::{Ipv4Addr, SocketAddrV4};

use unp::*;

/// Signals do not queue: one SIGCHLD may stand for several dead children,
/// so collect all of them, without blocking on those still alive.
extern "C" fn sig_chld(_signo: c_int) {
    while matches!(waitpid(-1, WNOHANG), Ok((pid, _)) if pid > 0) {}
}

fn listen_on(port: u16) -> OwnedFd {
    let listenfd = Socket(AF_INET, SOCK_STREAM, 0);

    let servaddr = SockAddr::from(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, port));
    Bind(&listenfd, &servaddr);
    Listen(&listenfd, LISTENQ);
    listenfd
}

/// accept(), retried when the SIGCHLD handler interrupted it.
fn next_client(listenfd: &OwnedFd) -> OwnedFd {
    let mut cliaddr = SockAddr::new();
    loop {
        match accept(listenfd, Some(&mut cliaddr)) {
            Ok(connfd) => return connfd,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => err_sys!(e, "accept error"),
        }
    }
}

fn main() {
    // Rust's runtime starts with SIGPIPE ignored; a C program dies of it.
    Signal(SIGPIPE, SIG_DFL);

    let argv: Vec<_> = std::env::args_os().collect();
    let mut left = if argv.len() > 2 { atol(&argv[2]) } else { -1 }; // < 0: no limit
                                                                     // htons(atoi(port)): the low 16 bits, as in C.
    let listenfd = listen_on(if argv.len() > 1 {
        atoi(&argv[1]) as u16
    } else {
        SERV_PORT
    });

    // SAFETY: sig_chld only calls waitpid, which is async-signal-safe.
    Signal(SIGCHLD, unsafe { Sigfunc::handler(sig_chld) });

    while left != 0 {
        let connfd = next_client(&listenfd);
        // SAFETY: this program has one thread.
        if unsafe { Fork() } == 0 {
            // child process
            Close(listenfd); // close listening socket
            str_echo(&connfd); // process the request
            std::process::exit(0);
        }
        Close(connfd); // parent closes connected socket
        if left > 0 {
            left -= 1;
        }
    }

    // Out of connections: let the remaining children finish first.
    Close(listenfd);
    loop {
        match wait() {
            Ok(_) => continue,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
}
