//! connect() bounded by SIGALRM (the book's
//! `lib/connect_timeo.c`).

use core::ffi::c_int;
use libc::{sockaddr, socklen_t};

use crate::ffi::{err_msg, errno, set_errno};
use crate::sym::Signal;

/// The SIGALRM handler: it does nothing; its delivery interrupts connect().
unsafe extern "C" fn connect_alarm(_signo: c_int) {}

/// connect() interrupted after `nsec` seconds by SIGALRM.  A do-nothing
/// handler is installed for SIGALRM without SA_RESTART, `alarm(nsec)` is set
/// (when an alarm was already pending, `err_msg("connect_timeo: alarm was
/// already set")` is printed and the old alarm is lost), connect() runs, then
/// the alarm is cancelled and the previous handler put back (with the
/// library's `Signal`, i.e. an empty mask and no SA_RESTART).  Returns
/// connect's result: 0, or -1 with errno, in which case the socket has been
/// **closed** and an interrupted connect (EINTR) reports ETIMEDOUT.
#[no_mangle]
pub unsafe extern "C" fn connect_timeo(
    sockfd: c_int,
    saptr: *const sockaddr,
    salen: socklen_t,
    nsec: c_int,
) -> c_int {
    // SAFETY: connect_alarm does nothing, so it is sound as a handler;
    // Signal is the library's wrapper, or a program's own.
    let sigfunc = unsafe { Signal(libc::SIGALRM, Some(connect_alarm)) };
    // SAFETY: alarm takes a number.
    if unsafe { libc::alarm(nsec as libc::c_uint) } != 0 {
        // SAFETY: a format without %, and no argument.
        unsafe { err_msg(c"connect_timeo: alarm was already set".as_ptr()) };
    }

    // SAFETY: saptr is NULL or salen bytes of address (the C caller's
    // contract); connect is a system call, which checks it.
    let n = unsafe { libc::connect(sockfd, saptr, salen) };
    if n < 0 {
        // SAFETY: close takes a number; the socket is the caller's, closed
        // as documented.
        unsafe { libc::close(sockfd) };
        if errno() == libc::EINTR {
            set_errno(libc::ETIMEDOUT);
        }
    }
    let saved = errno();
    // SAFETY: alarm takes a number.
    unsafe { libc::alarm(0) };
    // SAFETY: the handler that was installed before, handed back as it was.
    unsafe { Signal(libc::SIGALRM, sigfunc) };
    set_errno(saved);
    n
}

/// `connect_timeo`; a result < 0 exits through `err_sys("connect_timeo
/// error")`, e.g. `connect_timeo error: Connection timed out`.
#[no_mangle]
pub unsafe extern "C" fn Connect_timeo(
    sockfd: c_int,
    saptr: *const sockaddr,
    salen: socklen_t,
    nsec: c_int,
) {
    wrap!(
        relay!(connect_timeo(sockfd, saptr, salen, nsec)),
        |n| n < 0,
        c"connect_timeo error"
    );
}
