//! `str_cli` (the book's `lib/str_cli.c`): the TCP echo
//! client's stop-and-wait loop.

use core::ffi::{c_char, c_int};
use libc::FILE;

use crate::tls::MAXLINE;

/// Reads lines from `fp` with `Fgets(MAXLINE)` until end of file; writes each
/// (`Writen`), reads the echo with `Readline(MAXLINE)` and prints it with
/// `Fputs` to stdout.  A line longer than MAXLINE - 1 bytes travels in pieces.
/// When the server closes the connection first (Readline returns 0), exits
/// through `err_quit("str_cli: server terminated prematurely")`.  Every call
/// goes through the global symbol, so a program's own `Readline` or `Writen`
/// is used.  A NULL `fp` exits through Fgets's `err_sys("fgets error")`
/// (errno EINVAL).
#[no_mangle]
pub unsafe extern "C" fn str_cli(fp: *mut FILE, sockfd: c_int) {
    let mut sendline = [0 as c_char; MAXLINE];
    let mut recvline = [0 as c_char; MAXLINE];
    loop {
        // SAFETY: sendline is MAXLINE writable bytes, the size passed; fp is
        // NULL (Fgets refuses it) or the caller's stream (its contract).
        // Fgets, Writen, Readline and Fputs here are the library's, or a
        // program's own with the header's prototypes and contracts.
        let p = unsafe { crate::sym::Fgets(sendline.as_mut_ptr(), MAXLINE as c_int, fp) };
        if p.is_null() {
            return;
        }
        // strlen, kept inside the buffer whatever Fgets stored.
        let len = sendline.iter().position(|&c| c == 0).unwrap_or(MAXLINE);
        // SAFETY: the first len bytes of sendline.
        unsafe { crate::sym::Writen(sockfd, sendline.as_mut_ptr().cast(), len) };
        // SAFETY: recvline is MAXLINE writable bytes, the size passed.
        if unsafe { crate::sym::Readline(sockfd, recvline.as_mut_ptr().cast(), MAXLINE) } == 0 {
            crate::ffi::quit(msg!(c"str_cli: server terminated prematurely"));
        }
        // Readline ends what it stores with a NUL within MAXLINE bytes; the
        // last byte makes sure of it whatever ran as Readline.
        recvline[MAXLINE - 1] = 0;
        // SAFETY: recvline is NUL-terminated (see above); glibc's stdout,
        // which lives as long as the process.
        unsafe { crate::sym::Fputs(recvline.as_ptr(), crate::ffi::stdout) };
    }
}
