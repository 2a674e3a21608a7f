//! unixstrserv01: echo server on a Unix domain stream socket, one forked
//! child (running str_echo) per client, with a SIGCHLD handler collecting
//! the children and accept() retried after EINTR.
//! usage: unixstrserv01 [pathname [nclients]]   (UNIXSTR_PATH unless given)
//!   With nclients the server accepts that many connections, waits for its
//!   children, removes the pathname and quits.
//!
//! The Rust port of c-examples/unixstrserv01.c, on the same library.

use std::ffi::{c_int, OsStr};
use std::io::ErrorKind;

use unp::*;

/// `err_quit("pathname too long: %s", path)`: the pathname byte for byte,
/// as C prints it (it need not be UTF-8, which `err_quit!` would require).
fn too_long(path: &OsStr) -> ! {
    use std::os::unix::ffi::OsStrExt;
    // An argument holds no NUL.
    let c = std::ffi::CString::new(path.as_bytes()).unwrap_or_default();
    // SAFETY: a format with one %s, and a NUL-terminated string for it.
    unsafe { sys::err_quit(c"pathname too long: %s".as_ptr(), c.as_ptr()) };
    std::process::exit(1)
}

/// Collects every child that has ended; one SIGCHLD may cover several.
extern "C" fn sig_chld(_signo: c_int) {
    while matches!(waitpid(-1, WNOHANG), Ok((pid, _)) if pid > 0) {}
}

/// A listening socket at path; a stale file left there is removed first.
fn listen_at(path: &OsStr) -> OwnedFd {
    let servaddr = match SockAddr::unix(path) {
        Ok(a) => a,
        Err(_) => too_long(path),
    };
    let listenfd = Socket(AF_LOCAL, SOCK_STREAM, 0);
    let _ = std::fs::remove_file(path);
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
    let path: &OsStr = if argv.len() > 1 {
        &argv[1]
    } else {
        OsStr::new(UNIXSTR_PATH)
    };
    let mut left = if argv.len() > 2 { atol(&argv[2]) } else { -1 }; // < 0: no limit
    let listenfd = listen_at(path);

    // SAFETY: sig_chld only calls waitpid, which is async-signal-safe.
    Signal(SIGCHLD, unsafe { Sigfunc::handler(sig_chld) });

    while left != 0 {
        let connfd = next_client(&listenfd);
        // SAFETY: this program has one thread.
        if unsafe { Fork() } == 0 {
            // child process
            Close(listenfd); // close listening socket
            str_echo(&connfd); // process request
            std::process::exit(0);
        }
        Close(connfd); // parent closes connected socket
        if left > 0 {
            left -= 1;
        }
    }

    Close(listenfd);
    loop {
        match wait() {
            Ok(_) => continue,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    Unlink(path);
}
