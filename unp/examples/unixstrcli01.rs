//! unixstrcli01: echo client over a Unix domain stream socket; str_cli does
//! the line-by-line exchange.
//! usage: unixstrcli01 [pathname]      (UNIXSTR_PATH unless given)
//!
//! The Rust port of c-examples/unixstrcli01.c, on the same library.

use std::ffi::OsStr;

use unp::*;

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

    // SockAddr::unix refuses a path that does not fit sun_path.
    let server = match SockAddr::unix(path) {
        Ok(a) => a,
        Err(_) => err_quit!("pathname too long: {}", path.to_string_lossy()),
    };

    let fd = Socket(AF_LOCAL, SOCK_STREAM, 0);
    Connect(fd, &server);

    str_cli(stdin(), fd);
}
