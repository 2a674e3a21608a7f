//! The FFI edge shared by every exported function: the error functions, the
//! C stdio streams, errno, and the uniform "call, test, die" wrapper shape.
//!
//! Every `extern` block of the crate lives here (or in `sym.rs`): cbindgen
//! would copy extern declarations of public modules into the headers.
//!
//! # The C caller's contract
//!
//! Every exported function is `unsafe extern "C"`: a C program calls it
//! through the prototype in the generated header, and nothing can check the
//! pointers it passes.  What the library assumes of them is C's ordinary
//! contract, the one libc's own functions have, and it is what a `// SAFETY:`
//! comment means by "the C caller's contract":
//!
//! * a pointer argument is NULL or points to a live object of its type,
//!   aligned as C aligns it: a buffer to as many bytes as the length passed
//!   with it (readable when `const`, writable otherwise), a `char *` string
//!   to a NUL-terminated string, a socket address to `salen` bytes, a
//!   pthread, stdio or `rtt_info` object to one that is initialised (or, for
//!   an `*_init` function, to storage for one);
//! * no other thread writes those objects during the call, and a buffer the
//!   function writes does not overlap another argument it reads (C's
//!   `restrict`), except where a doc comment allows it;
//! * NULL gets what the function's doc comment says: a NULL that libc would
//!   dereference in user space is tested first (`nonnull!` below, or an
//!   explicit test) and takes a documented failure path; a NULL that only a
//!   system call receives is checked by the kernel (EFAULT); a NULL that
//!   POSIX gives a meaning (default attributes, no status, an empty
//!   `select` set) keeps that meaning;
//! * anything a function needs beyond that is stated in its doc comment,
//!   which is also its man page (`daemon_init`'s `pname` must stay valid
//!   after the call; the `sock_*` address functions read the whole
//!   structure of the address's family, whatever `salen` says).
//!
//! Descriptors are plain numbers: a bad one is an error from the kernel
//! (EBADF), never undefined behaviour.
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
    // csrc/tls.c: the calling thread's 32-byte gf_time buffer.
    pub fn unp_c_gf_time_buf() -> *mut c_char;

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
    // SAFETY: __errno_location has no precondition and returns the address
    // of the calling thread's errno, a live, aligned int for the thread's
    // whole life that only this thread uses.
    unsafe { *libc::__errno_location() }
}

/// Sets the calling thread's errno.
#[inline]
pub fn set_errno(e: c_int) {
    // SAFETY: as in `errno`: the calling thread's own live int.
    unsafe { *libc::__errno_location() = e }
}

/// A message for `err_sys`/`err_quit` that can be passed as their printf
/// format as it is, the way the original passes its string literals: it
/// holds no `%`, so the format converts nothing and reads no argument.
/// Made by [`msg!`], at compile time.
#[derive(Clone, Copy)]
pub struct Msg(&'static CStr);

impl Msg {
    /// `s` as a message; panics when it contains a `%` (in the `const`
    /// block of [`msg!`], that is a compile error).
    pub const fn new(s: &'static CStr) -> Msg {
        let b = s.to_bytes();
        let mut i = 0;
        while i < b.len() {
            assert!(b[i] != b'%', "an err_* message is a printf format: no %");
            i += 1;
        }
        Msg(s)
    }
}

/// A [`Msg`] checked at compile time: `msg!(c"bind error")`.
macro_rules! msg {
    ($s:expr) => {
        const { $crate::ffi::Msg::new($s) }
    };
}

/// `err_sys(msg)`: the message passed as the format, as the original does.
#[inline]
pub fn sys(msg: Msg) {
    // SAFETY: a NUL-terminated format without `%` (Msg's invariant), so
    // err_sys reads no variadic argument; the library's err_sys, or a
    // program's own with the header's prototype.
    unsafe { err_sys(msg.0.as_ptr()) }
}

/// `err_quit(msg)`, as [`sys`].
#[inline]
pub fn quit(msg: Msg) {
    // SAFETY: as in `sys`.
    unsafe { err_quit(msg.0.as_ptr()) }
}

/// The uniform wrapper body: evaluate the libc call, die through `err_sys`
/// with the book's message when the failure test holds, return the value.
///
/// `wrap!(relay!(libc::bind(fd, sa, salen)), |n| n < 0, c"bind error")`
macro_rules! wrap {
    ($call:expr, |$n:ident| $fails:expr, $msg:expr) => {{
        let $n = $call;
        if $fails {
            $crate::ffi::sys(msg!($msg));
        }
        $n
    }};
}

/// The call an exported wrapper stands for, made with the wrapper's own
/// arguments, unchanged: `relay!(libc::bind(fd, sa, salen))`.
///
/// Only for a wrapper whose doc comment says it *is* that call (`bind();`,
/// "`mcast_join()`; ...", "Same as `tcp_connect`"): the callee is the libc
/// function, or the library's own function (possibly through its global
/// symbol, `crate::sym`), of that name, and the wrapper's C prototype takes
/// the same arguments with the same meaning.  The arguments are plain
/// names, so nothing is computed into them here; a conversion to the
/// callee's parameter type is a `let` just before, in plain view.
///
/// Why the call is sound is then the same for every wrapper, and said once,
/// below: the wrapper's contract with its C caller *is* the callee's
/// contract.  A NULL that the callee would dereference in user space is
/// the exception the wrapper's doc comment documents; such a wrapper puts
/// the relay inside `nonnull!` (or behind an explicit test), which has
/// turned that NULL into the documented failure before the call.
macro_rules! relay {
    ($($f:ident)::+ ( $($a:ident),* $(,)? )) => {
        // SAFETY: the wrapper is documented as this very call, so its C
        // caller passes what the callee requires of these arguments (the C
        // caller's contract, ffi.rs: buffers of the lengths passed with
        // them, NUL-terminated strings, initialised objects).  Every NULL
        // that reaches here is one the callee accepts: the kernel checks a
        // system call's pointers (EFAULT), POSIX gives some a meaning (NULL
        // attributes, sets, status), and those libc would dereference were
        // turned into the documented failure by `nonnull!` or a test
        // around the call.
        unsafe { $($f)::+($($a),*) }
    };
}

/// A call that must not see a NULL pointer (libc would dereference it): when
/// any listed pointer is NULL, sets errno to EINVAL and evaluates to `$fail`,
/// the value by which the call reports a failure, instead of making the call.
/// The wrapper around it then dies with its usual message, e.g.
/// `fputs error: Invalid argument`; a pthread wrapper gets EINVAL as the
/// returned code.  The one NULL check of the library's wrappers.
///
/// `nonnull!([ptr, stream], relay!(libc::fputs(ptr, stream)), libc::EOF)`
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
        // SAFETY: p is not NULL, so by this function's contract it points to
        // a NUL-terminated string that outlives 'a.
        Some(unsafe { CStr::from_ptr(p) })
    }
}
