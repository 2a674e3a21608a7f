//! Waiting for a descriptor with a timeout (the
//! book's `lib/readable_timeo.c` and `lib/writable_timeo.c`): one select()
//! call on a single descriptor with a timeout of `sec` seconds.

use core::ffi::c_int;
use libc::{fd_set, timeval};

use crate::ffi::set_errno;

/// Which select() set the descriptor goes into.
#[derive(Clone, Copy)]
enum Dir {
    Read,
    Write,
}

/// Whether `fd` fits in an `fd_set` (FD_SET on anything else is undefined
/// behaviour in C; here it is refused).
pub(crate) fn fits_fd_set(fd: c_int) -> bool {
    (0..libc::FD_SETSIZE as c_int).contains(&fd)
}

/// The errno for a descriptor outside an fd_set: EBADF when negative (as
/// select reports a bad descriptor), EINVAL when FD_SETSIZE or above.
pub(crate) fn fd_set_errno(fd: c_int) -> c_int {
    if fd < 0 {
        libc::EBADF
    } else {
        libc::EINVAL
    }
}

/// select(fd+1, ...) with `fd` in the read or write set and a timeout of
/// `sec` seconds.  A descriptor that cannot go into an fd_set gives -1 with
/// EBADF (negative) or EINVAL (FD_SETSIZE and above).
fn wait_one(fd: c_int, sec: c_int, dir: Dir) -> c_int {
    if !fits_fd_set(fd) {
        set_errno(fd_set_errno(fd));
        return -1;
    }
    // SAFETY: fd_set is an array of integers: all-zero is the empty set.
    let mut set: fd_set = unsafe { core::mem::zeroed() };
    // SAFETY: 0 <= fd < FD_SETSIZE (checked above): a bit of the local set.
    unsafe { libc::FD_SET(fd, &mut set) };
    let mut tv = timeval {
        tv_sec: sec.into(),
        tv_usec: 0,
    };
    let (r, w) = match dir {
        Dir::Read => (&mut set as *mut fd_set, core::ptr::null_mut()),
        Dir::Write => (core::ptr::null_mut(), &mut set as *mut fd_set),
    };
    // SAFETY: nfds = fd + 1 <= FD_SETSIZE, so the kernel uses bits of the
    // local set only; the other sets are NULL; tv is a local.
    unsafe { libc::select(fd + 1, r, w, core::ptr::null_mut(), &mut tv) }
}

/// Waits up to `sec` seconds for `fd` to become readable.  Returns select's
/// value: > 0 when readable, 0 on timeout, -1 with errno on failure (EINTR is
/// not retried; a descriptor outside 0..FD_SETSIZE-1 gives EBADF or EINVAL).
#[no_mangle]
pub unsafe extern "C" fn readable_timeo(fd: c_int, sec: c_int) -> c_int {
    wait_one(fd, sec, Dir::Read)
}

/// `readable_timeo`; a result < 0 exits through
/// `err_sys("readable_timeo error")`.  Returns > 0 (readable) or 0 (timeout).
#[no_mangle]
pub unsafe extern "C" fn Readable_timeo(fd: c_int, sec: c_int) -> c_int {
    wrap!(
        relay!(readable_timeo(fd, sec)),
        |n| n < 0,
        c"readable_timeo error"
    )
}

/// Waits up to `sec` seconds for `fd` to become writable.  Returns select's
/// value: > 0 when writable, 0 on timeout, -1 with errno on failure (as
/// `readable_timeo`).
#[no_mangle]
pub unsafe extern "C" fn writable_timeo(fd: c_int, sec: c_int) -> c_int {
    wait_one(fd, sec, Dir::Write)
}

/// `writable_timeo`; a result < 0 exits through
/// `err_sys("writable_timeo error")`.  Returns > 0 (writable) or 0 (timeout).
#[no_mangle]
pub unsafe extern "C" fn Writable_timeo(fd: c_int, sec: c_int) -> c_int {
    wrap!(
        relay!(writable_timeo(fd, sec)),
        |n| n < 0,
        c"writable_timeo error"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fd_set_range() {
        assert!(fits_fd_set(0));
        assert!(fits_fd_set(1023));
        assert!(!fits_fd_set(1024));
        assert!(!fits_fd_set(-1));
        assert_eq!(fd_set_errno(-1), libc::EBADF);
        assert_eq!(fd_set_errno(1024), libc::EINVAL);
    }
}
