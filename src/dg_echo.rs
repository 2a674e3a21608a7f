//! `dg_echo` (the book's `lib/dg_echo.c`): the UDP echo
//! server's loop.

use core::ffi::c_int;
use libc::{sockaddr, socklen_t};

use crate::tls::MAXLINE;

/// Forever: receives a datagram of up to MAXLINE bytes (`Recvfrom`, the
/// sender's address into `pcliaddr`, at most `clilen` bytes of it) and sends
/// it back to the sender (`Sendto`).  Never returns; a receive or send error
/// exits through `err_sys("recvfrom error")` / `err_sys("sendto error")`.
///
/// The address sent to is the `clilen` bytes or fewer that `Recvfrom`
/// stored: when the sender's address is longer than `clilen` (an IPv6
/// sender, a `sockaddr_in` buffer), it is cut short, and the send fails
/// (`sendto error: Invalid argument`).
///
/// Differs from the original: the original passes `Sendto` the full length
/// of the sender's address, which makes the kernel read past the `clilen`
/// bytes at `pcliaddr`.
#[no_mangle]
pub unsafe extern "C" fn dg_echo(sockfd: c_int, pcliaddr: *mut sockaddr, clilen: socklen_t) {
    let mut mesg = [0u8; MAXLINE];
    loop {
        let mut len = clilen;
        // SAFETY: mesg is MAXLINE writable bytes, the size passed;
        // pcliaddr is NULL or clilen writable bytes (the C caller's
        // contract), the room len says; Recvfrom and Sendto are the
        // library's, or a program's own with the header's prototypes.
        let n = unsafe {
            crate::sym::Recvfrom(
                sockfd,
                mesg.as_mut_ptr().cast(),
                MAXLINE,
                0,
                pcliaddr,
                &mut len,
            )
        };
        // A returning err_sys (a program's own) leaves n at -1: send nothing.
        let n = if n < 0 { 0 } else { (n as usize).min(MAXLINE) };
        // recvfrom sets len to the sender's full address length, which may
        // exceed the clilen bytes it stored.
        let len = len.min(clilen);
        // SAFETY: the first n <= MAXLINE bytes of mesg; the first len <=
        // clilen bytes at pcliaddr (or NULL, which sendto gets as is).
        unsafe { crate::sym::Sendto(sockfd, mesg.as_ptr().cast(), n, 0, pcliaddr, len) };
    }
}
