//! `readn` and `Readn` (the book's `lib/readn.c`): read exactly n bytes
//! unless end of file comes first.

use core::ffi::{c_int, c_void};
use libc::{size_t, ssize_t};

/// Reads until `n` bytes have arrived or end of file, retrying on EINTR.
/// Returns the bytes read (fewer than `n` only at end of file), or -1 with
/// errno set on any other read error.
#[no_mangle]
pub unsafe extern "C" fn readn(fd: c_int, vptr: *mut c_void, n: size_t) -> ssize_t {
    let mut done = 0usize;
    while done < n {
        // SAFETY: the caller provides n writable bytes at vptr.
        let r = unsafe { libc::read(fd, (vptr as *mut u8).add(done).cast(), n - done) };
        if r < 0 {
            if crate::ffi::errno() == libc::EINTR {
                continue;
            }
            return -1;
        }
        if r == 0 {
            break;
        }
        done += r as usize;
    }
    done as ssize_t
}

/// `readn()`; a result < 0 exits through `err_sys("readn error")`.
#[no_mangle]
pub unsafe extern "C" fn Readn(fd: c_int, ptr: *mut c_void, nbytes: size_t) -> ssize_t {
    wrap!(
        relay!(crate::sym::readn(fd, ptr, nbytes)),
        |n| n < 0,
        c"readn error"
    )
}
