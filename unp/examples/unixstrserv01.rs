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
extern "C" fn reap(_sig: c_int) {
    while matches!(waitpid(-1, WNOHANG), Ok((pid, _)) if pid > 0) {}
}

/// A listening socket at path; a stale file left there is removed first.
fn listen_at(path: &OsStr) -> RawFd {
    let me = match SockAddr::unix(path) {
        Ok(a) => a,
        Err(_) => too_long(path),
    };
    let fd = Socket(AF_LOCAL, SOCK_STREAM, 0);
    let _ = std::fs::remove_file(path);
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
    let path: &OsStr = if argv.len() > 1 {
        &argv[1]
    } else {
        OsStr::new(UNIXSTR_PATH)
    };
    let mut left = if argv.len() > 2 { atol(&argv[2]) } else { -1 }; // < 0: no limit
    let lfd = listen_at(path);

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
        Close(fd);
        if left > 0 {
            left -= 1;
        }
    }

    Close(lfd);
    loop {
        match wait() {
            Ok(_) => continue,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    Unlink(path);
}
