//! Standard I/O wrappers (the book's `lib/wrapstdio.c`).

use core::ffi::{c_char, c_int};
use libc::FILE;

/// fclose(); a nonzero result exits through `err_sys("fclose error")`.
#[no_mangle]
pub unsafe extern "C" fn Fclose(fp: *mut FILE) {
    wrap!(unsafe { libc::fclose(fp) }, |n| n != 0, c"fclose error");
}

/// fdopen(); NULL exits through `err_sys("fdopen error")`.
#[no_mangle]
pub unsafe extern "C" fn Fdopen(fd: c_int, type_: *const c_char) -> *mut FILE {
    wrap!(
        unsafe { libc::fdopen(fd, type_) },
        |p| p.is_null(),
        c"fdopen error"
    )
}

/// fgets(); returns its result: the buffer, or NULL at end of file.  Only a
/// NULL result with the stream's error flag set exits, through
/// `err_sys("fgets error")`.
#[no_mangle]
pub unsafe extern "C" fn Fgets(ptr: *mut c_char, n: c_int, stream: *mut FILE) -> *mut c_char {
    let r = unsafe { libc::fgets(ptr, n, stream) };
    if r.is_null() && unsafe { libc::ferror(stream) } != 0 {
        crate::ffi::sys(c"fgets error");
    }
    r
}

/// fopen(); NULL exits through `err_sys("fopen error")` (no file name in the
/// message, as in the original).
#[no_mangle]
pub unsafe extern "C" fn Fopen(filename: *const c_char, mode: *const c_char) -> *mut FILE {
    wrap!(
        unsafe { libc::fopen(filename, mode) },
        |p| p.is_null(),
        c"fopen error"
    )
}

/// fputs(); EOF exits through `err_sys("fputs error")`.
#[no_mangle]
pub unsafe extern "C" fn Fputs(ptr: *const c_char, stream: *mut FILE) {
    wrap!(
        unsafe { libc::fputs(ptr, stream) },
        |n| n == libc::EOF,
        c"fputs error"
    );
}
