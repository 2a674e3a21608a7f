//! The FFI edge shared by every exported function: the error functions, the
//! C stdio streams, errno, and the uniform "call, test, die" wrapper shape.
//!
//! Every `extern` block of the crate lives here (or in `sym.rs`): cbindgen
//! would copy extern declarations of public modules into the headers.
#![allow(dead_code)]

use core::ffi::{c_char, c_int, c_void, CStr};

extern "C" {
    // The book's error functions, called through their global symbols (their
    // definitions are the trampolines in `error.rs`), so that a program that
    // defines its own `err_sys` & co. also changes what the library calls, as
    // with the original archive.  Declared as returning: a program's own
    // `err_sys` might return, and the caller then carries on as the C code did.
    pub fn err_sys(fmt: *const c_char, ...);
    pub fn err_quit(fmt: *const c_char, ...);
    pub fn err_msg(fmt: *const c_char, ...);
    pub fn err_ret(fmt: *const c_char, ...);

    // libc functions the libc crate does not bind.
    pub fn inet6_rth_space(ty: c_int, segments: c_int) -> libc::socklen_t;
    pub fn inet6_rth_init(
        bp: *mut c_void,
        bp_len: libc::socklen_t,
        ty: c_int,
        segments: c_int,
    ) -> *mut c_void;
    pub fn inet6_rth_add(bp: *mut c_void, addr: *const libc::in6_addr) -> c_int;
    pub fn inet6_rth_reverse(inp: *const c_void, out: *mut c_void) -> c_int;
    pub fn inet6_rth_segments(bp: *const c_void) -> c_int;
    pub fn inet6_rth_getaddr(bp: *const c_void, index: c_int) -> *mut libc::in6_addr;
    pub fn sockatmark(fd: c_int) -> c_int;
    pub fn inet_pton(af: c_int, src: *const c_char, dst: *mut c_void) -> c_int;
    pub fn inet_ntop(
        af: c_int,
        src: *const c_void,
        dst: *mut c_char,
        size: libc::socklen_t,
    ) -> *const c_char;

    // csrc/error_emit.c: the hook the error functions call first (set by
    // error::set_flush_hook; an atomic pointer on both sides).
    pub static unp_c_flush_hook: core::sync::atomic::AtomicPtr<c_void>;

    // csrc/tls.c: the per-thread cache of tls::state().
    pub fn unp_c_tls_get() -> *mut c_void;
    pub fn unp_c_tls_set(p: *mut c_void);

    /// glibc's `stdout` / `stderr` FILE objects.
    pub static mut stdout: *mut libc::FILE;
    pub static mut stderr: *mut libc::FILE;

    // my_addrs (misc.rs) and gf_time (gf_time.rs).
    pub fn gethostbyname(name: *const c_char) -> *mut libc::hostent;
    pub fn tzset();

    // thr_compat.rs (not in the libc crate).
    pub fn pthread_attr_getdetachstate(
        attr: *const libc::pthread_attr_t,
        state: *mut c_int,
    ) -> c_int;
    pub fn pthread_atfork(
        prepare: Option<unsafe extern "C" fn()>,
        parent: Option<unsafe extern "C" fn()>,
        child: Option<unsafe extern "C" fn()>,
    ) -> c_int;
}

/// The calling thread's errno.
#[inline]
pub fn errno() -> c_int {
    // SAFETY: __errno_location always returns this thread's errno slot.
    unsafe { *libc::__errno_location() }
}

/// Sets the calling thread's errno.
#[inline]
pub fn set_errno(e: c_int) {
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = e }
}

/// `err_sys(msg)`: the message is a constant without `%`, passed as the format
/// exactly as the original passes its string literal.
#[inline]
pub fn sys(msg: &CStr) {
    unsafe { err_sys(msg.as_ptr()) }
}

/// `err_quit(msg)`, as [`sys`].
#[inline]
pub fn quit(msg: &CStr) {
    unsafe { err_quit(msg.as_ptr()) }
}

/// The uniform wrapper body: evaluate the libc call, die through `err_sys`
/// with the book's message when the failure test holds, return the value.
///
/// `wrap!(libc::bind(fd, sa, len), |n| n < 0, c"bind error")`
macro_rules! wrap {
    ($call:expr, |$n:ident| $fails:expr, $msg:expr) => {{
        let $n = $call;
        if $fails {
            $crate::ffi::sys($msg);
        }
        $n
    }};
}

/// A call that must not see a NULL pointer (libc would dereference it): when
/// any listed pointer is NULL, sets errno to EINVAL and evaluates to `$fail`,
/// the value by which the call reports a failure, instead of making the call.
/// The wrapper around it then dies with its usual message, e.g.
/// `fputs error: Invalid argument`; a pthread wrapper gets EINVAL as the
/// returned code.  The one NULL check of the library's wrappers.
///
/// `nonnull!([ptr, stream], unsafe { libc::fputs(ptr, stream) }, libc::EOF)`
macro_rules! nonnull {
    ([$($p:expr),+], $call:expr, $fail:expr) => {
        if $($p.is_null())||+ {
            $crate::ffi::set_errno(libc::EINVAL);
            $fail
        } else {
            $call
        }
    };
}

/// A `&CStr` view of a C string pointer, `None` for NULL.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives the result.
#[inline]
pub unsafe fn opt_cstr<'a>(p: *const c_char) -> Option<&'a CStr> {
    if p.is_null() {
        None
    } else {
        Some(unsafe { CStr::from_ptr(p) })
    }
}
