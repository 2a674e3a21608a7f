//! unixstrcli01: echo client over a Unix domain stream socket; str_cli does
//! the line-by-line exchange.
//! usage: unixstrcli01 [pathname]      (UNIXSTR_PATH unless given)
//!
//! The Rust port of c-examples/unixstrcli01.c, on the same library.

use std::ffi::OsStr;

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

fn main() {
    // Rust's runtime starts with SIGPIPE ignored; a C program dies of it.
    Signal(SIGPIPE, SIG_DFL);

    let argv: Vec<_> = std::env::args_os().collect();
    let path: &OsStr = if argv.len() > 1 {
        &argv[1]
    } else {
        OsStr::new(UNIXSTR_PATH)
    };

    // SockAddr::unix refuses a path that does not fit sun_path.
    let server = match SockAddr::unix(path) {
        Ok(a) => a,
        Err(_) => too_long(path),
    };

    let sockfd = Socket(AF_LOCAL, SOCK_STREAM, 0);
    Connect(&sockfd, &server);

    str_cli(CFile::stdin(), &sockfd); // do it all
}
