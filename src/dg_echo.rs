//! `dg_echo` (the book's `lib/dg_echo.c`): the UDP echo
//! server's loop.

use core::ffi::c_int;
use libc::{sockaddr, socklen_t};

use crate::tls::MAXLINE;

/// Forever: receives a datagram of up to MAXLINE bytes (`Recvfrom`, the
/// sender's address into `pcliaddr`, at most `clilen` bytes of it) and sends
/// it back to the sender (`Sendto`).  Never returns; a receive or send error
/// exits through `err_sys("recvfrom error")` / `err_sys("sendto error")`.
#[no_mangle]
pub unsafe extern "C" fn dg_echo(sockfd: c_int, pcliaddr: *mut sockaddr, clilen: socklen_t) {
    let mut mesg = [0u8; MAXLINE];
    loop {
        let mut len = clilen;
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
        let n = if n < 0 { 0 } else { n as usize };
        unsafe { crate::sym::Sendto(sockfd, mesg.as_ptr().cast(), n, 0, pcliaddr, len) };
    }
}
