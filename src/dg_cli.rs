//! `dg_cli` (the book's `lib/dg_cli.c`): the UDP echo client's
//! stop-and-wait loop.

use core::ffi::{c_char, c_int};
use libc::{sockaddr, socklen_t, FILE};

use crate::tls::MAXLINE;

/// Reads lines from `fp` with `Fgets(MAXLINE)` until end of file; sends each
/// as one datagram to `pservaddr` (`Sendto`), receives one datagram of up to
/// MAXLINE bytes from anyone (`Recvfrom`), and prints it with `Fputs` to
/// stdout.  Errors exit through the wrappers
/// (`err_sys("sendto error")`, `err_sys("recvfrom error")`); a lost
/// datagram blocks forever, as in the book.  A NULL `fp` exits through
/// Fgets's `err_sys("fgets error")` (errno EINVAL); a NULL `pservaddr` is
/// passed to sendto(), which sends to the peer of a connected socket (and
/// fails otherwise: `sendto error: Destination address required`).
#[no_mangle]
pub unsafe extern "C" fn dg_cli(
    fp: *mut FILE,
    sockfd: c_int,
    pservaddr: *const sockaddr,
    servlen: socklen_t,
) {
    let mut sendline = [0 as c_char; MAXLINE];
    let mut recvline = [0 as c_char; MAXLINE + 1];
    loop {
        // SAFETY: sendline is MAXLINE writable bytes, the size passed; fp is
        // NULL (Fgets refuses it) or the caller's stream (its contract).
        // Fgets, Sendto, Recvfrom and Fputs here are the library's, or a
        // program's own with the header's prototypes and contracts.
        let p = unsafe { crate::sym::Fgets(sendline.as_mut_ptr(), MAXLINE as c_int, fp) };
        if p.is_null() {
            return;
        }
        // strlen, kept inside the buffer whatever Fgets stored.
        let len = sendline.iter().position(|&c| c == 0).unwrap_or(MAXLINE);
        // SAFETY: the first len bytes of sendline; pservaddr is NULL or
        // servlen bytes of address (the C caller's contract), which sendto
        // passes to the kernel.
        unsafe { crate::sym::Sendto(sockfd, sendline.as_ptr().cast(), len, 0, pservaddr, servlen) };
        // SAFETY: recvline has MAXLINE + 1 bytes, MAXLINE passed; no
        // address is asked for.
        let n = unsafe {
            crate::sym::Recvfrom(
                sockfd,
                recvline.as_mut_ptr().cast(),
                MAXLINE,
                0,
                core::ptr::null_mut(),
                core::ptr::null_mut(),
            )
        };
        let n = if n < 0 { 0 } else { (n as usize).min(MAXLINE) };
        recvline[n] = 0;
        // SAFETY: recvline is NUL-terminated (just above); glibc's stdout.
        unsafe { crate::sym::Fputs(recvline.as_ptr(), crate::ffi::stdout) };
    }
}
