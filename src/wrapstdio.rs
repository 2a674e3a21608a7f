//! Standard I/O wrappers (the book's `lib/wrapstdio.c`).
//!
//! A NULL stream, string or buffer fails as the call would with EINVAL: the
//! wrapper dies with its message and `Invalid argument` (stdio itself would
//! crash on it).

use core::ffi::{c_char, c_int};
use core::ptr::null_mut;
use libc::FILE;

/// fclose(); a nonzero result exits through `err_sys("fclose error")`.  A
/// NULL `fp` exits the same way with errno EINVAL.
#[no_mangle]
pub unsafe extern "C" fn Fclose(fp: *mut FILE) {
    wrap!(
        nonnull!([fp], relay!(libc::fclose(fp)), libc::EOF),
        |n| n != 0,
        c"fclose error"
    );
}

/// fdopen(); NULL exits through `err_sys("fdopen error")`, as does a NULL
/// `type_` (errno EINVAL).
#[no_mangle]
pub unsafe extern "C" fn Fdopen(fd: c_int, type_: *const c_char) -> *mut FILE {
    wrap!(
        nonnull!([type_], relay!(libc::fdopen(fd, type_)), null_mut()),
        |p| p.is_null(),
        c"fdopen error"
    )
}

/// fgets(); returns its result: the buffer, or NULL at end of file.  Only a
/// NULL result with the stream's error flag set exits, through
/// `err_sys("fgets error")`; so does a NULL `ptr` or `stream` (errno
/// EINVAL).
#[no_mangle]
pub unsafe extern "C" fn Fgets(ptr: *mut c_char, n: c_int, stream: *mut FILE) -> *mut c_char {
    let (r, failed) = nonnull!(
        [ptr, stream],
        {
            let r = relay!(libc::fgets(ptr, n, stream));
            (r, r.is_null() && relay!(libc::ferror(stream)) != 0)
        },
        (null_mut(), true)
    );
    if failed {
        crate::ffi::sys(msg!(c"fgets error"));
    }
    r
}

/// fopen(); NULL exits through `err_sys("fopen error")` (no file name in the
/// message, as in the original), as does a NULL `filename` or `mode` (errno
/// EINVAL).
#[no_mangle]
pub unsafe extern "C" fn Fopen(filename: *const c_char, mode: *const c_char) -> *mut FILE {
    wrap!(
        nonnull!(
            [filename, mode],
            relay!(libc::fopen(filename, mode)),
            null_mut()
        ),
        |p| p.is_null(),
        c"fopen error"
    )
}

/// fputs(); EOF exits through `err_sys("fputs error")`, as does a NULL `ptr`
/// or `stream` (errno EINVAL).
#[no_mangle]
pub unsafe extern "C" fn Fputs(ptr: *const c_char, stream: *mut FILE) {
    wrap!(
        nonnull!([ptr, stream], relay!(libc::fputs(ptr, stream)), libc::EOF),
        |n| n == libc::EOF,
        c"fputs error"
    );
}
