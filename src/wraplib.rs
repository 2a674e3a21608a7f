//! Library-function wrappers (the book's `lib/wraplib.c`):
//! `Inet_pton`, `Inet_ntop`, and the `If_*` wrappers that the original
//! declares but never defines on Linux.
//!
//! Deliberate difference: the original replaces libc's `inet_pton` with an
//! old permissive BIND parser; here libc's `inet_pton`/`inet_ntop` are used.

use core::ffi::{c_char, c_int, c_uint, c_void};
use libc::{size_t, socklen_t};

use crate::ffi::{err_quit, err_sys, inet_ntop};
use crate::sym::inet_pton;

/// inet_pton(); a result < 0 (unknown family) exits through
/// `err_sys("inet_pton error for %s")`, 0 (not a valid address) through
/// `err_quit("inet_pton error for %s")`, e.g. `inet_pton error for 300.1.2.3`.
/// A NULL string counts as invalid and prints `(null)`.  A NULL `addrptr`
/// exits through `err_quit("NULL 3rd argument to inet_pton")` (nothing is
/// parsed; if a program's own `err_quit` returns, so does this).
#[no_mangle]
pub unsafe extern "C" fn Inet_pton(family: c_int, strptr: *const c_char, addrptr: *mut c_void) {
    if addrptr.is_null() {
        crate::ffi::quit(msg!(c"NULL 3rd argument to inet_pton"));
        return;
    }
    let n = if strptr.is_null() {
        0
    } else {
        relay!(inet_pton(family, strptr, addrptr))
    };
    if n < 0 {
        // SAFETY: one %s, one argument: the caller's NUL-terminated string,
        // or NULL, which glibc's printf prints as "(null)".
        unsafe { err_sys(c"inet_pton error for %s".as_ptr(), strptr) };
    } else if n == 0 {
        // SAFETY: as above.
        unsafe { err_quit(c"inet_pton error for %s".as_ptr(), strptr) };
    }
}

/// inet_ntop(); returns `strptr`.  A NULL `strptr` exits through
/// `err_quit("NULL 3rd argument to inet_ntop")`, a NULL `addrptr` through
/// `err_quit("NULL 2nd argument to inet_ntop")` (if a program's own
/// `err_quit` returns, this returns NULL for either); failure (unknown
/// family, or `len` too small: ENOSPC) through `err_sys("inet_ntop error")`.
#[no_mangle]
pub unsafe extern "C" fn Inet_ntop(
    family: c_int,
    addrptr: *const c_void,
    strptr: *mut c_char,
    len: size_t,
) -> *const c_char {
    if strptr.is_null() {
        crate::ffi::quit(msg!(c"NULL 3rd argument to inet_ntop"));
        return core::ptr::null();
    }
    if addrptr.is_null() {
        crate::ffi::quit(msg!(c"NULL 2nd argument to inet_ntop"));
        return core::ptr::null();
    }
    // inet_ntop takes a socklen_t: the size_t converts modulo 2^32, as in C
    // (a smaller length, so inet_ntop writes no more than the caller gave).
    let len = len as socklen_t;
    let p = relay!(inet_ntop(family, addrptr, strptr, len));
    if p.is_null() {
        crate::ffi::sys(msg!(c"inet_ntop error"));
    }
    p
}

/// if_nametoindex(); 0 (no such interface) exits through
/// `err_quit("if_nametoindex error for %s")`.
///
/// Differs from the original: declared but missing in the original Linux
/// library; defined here.
#[no_mangle]
pub unsafe extern "C" fn If_nametoindex(name: *const c_char) -> c_uint {
    let idx = if name.is_null() {
        0
    } else {
        relay!(libc::if_nametoindex(name))
    };
    if idx == 0 {
        // SAFETY: one %s for the caller's string or NULL ("(null)" in glibc).
        unsafe { err_quit(c"if_nametoindex error for %s".as_ptr(), name) };
    }
    idx
}

/// if_indextoname(); NULL exits through `err_quit("if_indextoname error for %d")`.
///
/// Differs from the original: declared but missing in the original Linux
/// library; defined here.
#[no_mangle]
pub unsafe extern "C" fn If_indextoname(index: c_uint, name: *mut c_char) -> *mut c_char {
    let p = if name.is_null() {
        core::ptr::null_mut()
    } else {
        relay!(libc::if_indextoname(index, name))
    };
    if p.is_null() {
        // SAFETY: one %d, one int argument.
        unsafe { err_quit(c"if_indextoname error for %d".as_ptr(), index as c_int) };
    }
    p
}

/// if_nameindex(); NULL exits through `err_quit("if_nameindex error")`.  Free
/// the array with if_freenameindex().
///
/// Differs from the original: declared but missing in the original Linux
/// library; defined here.
#[no_mangle]
pub unsafe extern "C" fn If_nameindex() -> *mut libc::if_nameindex {
    let p = relay!(libc::if_nameindex());
    if p.is_null() {
        crate::ffi::quit(msg!(c"if_nameindex error"));
    }
    p
}
