//! The thin edge every wrapper shares: descriptor arguments, descriptors
//! returned, errno, and the `io::Result` of the lowercase functions.

use std::ffi::c_int;
use std::io;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};

/// The calling thread's errno.
#[inline]
pub(crate) fn errno() -> c_int {
    // SAFETY: __errno_location returns this thread's errno slot, always valid.
    unsafe { *libc::__errno_location() }
}

/// Sets the calling thread's errno.
#[inline]
pub(crate) fn set_errno(e: c_int) {
    // SAFETY: as in `errno`.
    unsafe { *libc::__errno_location() = e }
}

/// The number of a descriptor argument.  The argument itself stays alive in
/// the caller (an `OwnedFd` passed by value is closed only when the wrapper
/// returns), so the number is open for the whole call.
#[inline(always)]
pub(crate) fn raw<F: AsFd + ?Sized>(fd: &F) -> RawFd {
    fd.as_fd().as_raw_fd()
}

/// The error for a failed call: errno, or `fallback` when the call failed
/// without setting it (never "Success").
#[inline]
pub(crate) fn last_error(fallback: c_int) -> io::Error {
    match errno() {
        0 => io::Error::from_raw_os_error(fallback),
        e => io::Error::from_raw_os_error(e),
    }
}

/// Runs `call` with errno cleared first; `Err` when `failed` holds for its
/// value, with errno, or `fallback` when the call left errno at 0.
#[inline]
pub(crate) fn checked<T>(
    fallback: c_int,
    call: impl FnOnce() -> T,
    failed: impl FnOnce(&T) -> bool,
) -> io::Result<T> {
    set_errno(0);
    let v = call();
    if failed(&v) {
        Err(last_error(fallback))
    } else {
        Ok(v)
    }
}

/// [`checked`] for a call that fails with a negative `int`.
#[inline]
pub(crate) fn int_call(fallback: c_int, call: impl FnOnce() -> c_int) -> io::Result<c_int> {
    checked(fallback, call, |&n| n < 0)
}

/// [`checked`] for a call that fails with a negative `ssize_t`.
#[inline]
pub(crate) fn size_call(fallback: c_int, call: impl FnOnce() -> isize) -> io::Result<usize> {
    checked(fallback, call, |&n| n < 0).map(|n| n as usize)
}

/// Ends the process after a capitalised C call returned a failure value.
/// The library's error functions exit before that can happen; only a
/// program's own `err_sys` that returns gets here, and then the process ends
/// as the library's `err_sys` would have ended it, rather than carry on with
/// a descriptor that does not exist.
#[cold]
pub(crate) fn die() -> ! {
    std::process::exit(1)
}

/// The descriptor a capitalised call returned (it exits on failure).
#[inline]
pub(crate) fn new_fd(n: c_int) -> OwnedFd {
    if n < 0 {
        die()
    }
    // SAFETY: the call returned a new descriptor, open and owned by nobody
    // else (socket, accept, open, ...).
    unsafe { OwnedFd::from_raw_fd(n) }
}

/// The descriptor a lowercase call returned, or its error.
#[inline]
pub(crate) fn new_fd_or(r: io::Result<c_int>) -> io::Result<OwnedFd> {
    r.map(|n| {
        // SAFETY: a successful call's new descriptor (n >= 0), owned by
        // nobody else.
        unsafe { OwnedFd::from_raw_fd(n) }
    })
}

// libc functions the libc crate does not bind.
extern "C" {
    pub(crate) fn inet_pton(
        af: c_int,
        src: *const std::ffi::c_char,
        dst: *mut std::ffi::c_void,
    ) -> c_int;
    pub(crate) fn inet_ntop(
        af: c_int,
        src: *const std::ffi::c_void,
        dst: *mut std::ffi::c_char,
        size: libc::socklen_t,
    ) -> *const std::ffi::c_char;
    pub(crate) fn sockatmark(fd: c_int) -> c_int;
}

/// Linux's `F_SETSIG` and `F_GETSIG` (fcntl.h, `_GNU_SOURCE`).
pub(crate) const F_SETSIG: c_int = 10;
pub(crate) const F_GETSIG: c_int = 11;
