//! `str_echo` (the book's `lib/str_echo.c`): the TCP echo
//! server's per-connection loop.

use core::ffi::c_int;

use crate::tls::MAXLINE;

/// Reads up to MAXLINE bytes at a time from `sockfd` and writes each chunk
/// back with `Writen` (through the global symbol), until end of file.  A read
/// interrupted by a signal (EINTR) is retried; any other read error exits
/// through `err_sys("str_echo: read error")`.
#[no_mangle]
pub unsafe extern "C" fn str_echo(sockfd: c_int) {
    let mut buf = [0u8; MAXLINE];
    loop {
        // SAFETY: buf is valid for MAXLINE bytes.
        let n = unsafe { libc::read(sockfd, buf.as_mut_ptr().cast(), MAXLINE) };
        if n > 0 {
            // SAFETY: the n <= MAXLINE bytes read into buf (Writen is the
            // library's, or a program's own with its prototype).
            unsafe { crate::sym::Writen(sockfd, buf.as_mut_ptr().cast(), n as usize) };
        } else if n < 0 && crate::ffi::errno() == libc::EINTR {
            continue;
        } else {
            if n < 0 {
                crate::ffi::sys(msg!(c"str_echo: read error"));
            }
            return;
        }
    }
}
