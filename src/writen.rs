//! `writen` and `Writen` (the book's `lib/writen.c`): write all n bytes.

use core::ffi::{c_int, c_void};
use libc::{size_t, ssize_t};

/// Writes all `n` bytes, retrying on EINTR.  Returns `n`, or -1 when write()
/// fails with any other errno or writes nothing.
#[no_mangle]
pub unsafe extern "C" fn writen(fd: c_int, vptr: *const c_void, n: size_t) -> ssize_t {
    let mut done = 0usize;
    while done < n {
        // SAFETY: the caller provides n readable bytes at vptr.
        let r = unsafe { libc::write(fd, (vptr as *const u8).add(done).cast(), n - done) };
        if r < 0 && crate::ffi::errno() == libc::EINTR {
            continue;
        }
        if r <= 0 {
            return -1;
        }
        done += r as usize;
    }
    n as ssize_t
}

/// `writen()`; a result other than `nbytes` exits through
/// `err_sys("writen error")`.
///
/// Differs from the original: `ptr` is `const void *` (the original's is
/// `void *`): the buffer is only read, so `const` data passes without a cast.
#[no_mangle]
pub unsafe extern "C" fn Writen(fd: c_int, ptr: *const c_void, nbytes: size_t) {
    wrap!(
        relay!(crate::sym::writen(fd, ptr, nbytes)),
        |n| n != nbytes as ssize_t,
        c"writen error"
    );
}
