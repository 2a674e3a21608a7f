//! The pthread wrappers of `unpthread.h` (the book's
//! `lib/wrappthread.c`).  Each calls the pthread function; a nonzero result is
//! stored in errno and the process exits through `err_sys` with the book's
//! message, e.g. `pthread_join error: Resource deadlock avoided`.  On success
//! they return nothing.
//!
//! A NULL pointer where the pthread function needs an object (the thread ID
//! to store, the mutex, condition variable, key, once control, time limit)
//! counts as the result EINVAL: `pthread_mutex_lock error: Invalid argument`
//! (glibc would crash on it).  NULL stays meaningful where POSIX gives it a
//! meaning: the attributes of `Pthread_create` and `Pthread_mutex_init`, the
//! status of `Pthread_join`, the destructor of `Pthread_key_create`, the
//! value of `Pthread_setspecific`.  An invalid `pthread_t` cannot be
//! checked (glibc dereferences it): passing one is undefined, as in C.

use core::ffi::{c_int, c_void};

use crate::ffi::Msg;
use libc::{
    pthread_attr_t, pthread_cond_t, pthread_key_t, pthread_mutex_t, pthread_mutexattr_t,
    pthread_once_t, pthread_t, timespec,
};

/// The wrapper body: a nonzero pthread result becomes errno, then `err_sys(msg)`.
#[inline]
pub(crate) fn check(n: c_int, msg: Msg) {
    if n != 0 {
        crate::ffi::set_errno(n);
        crate::ffi::sys(msg);
    }
}

/// pthread_create(); failure exits through `err_sys("pthread_create error")`
/// with errno set to the returned code (e.g. EAGAIN).  A NULL start routine
/// fails with EINVAL (glibc would start a thread that crashes), as does a
/// NULL `tid`; `attr` may be NULL (default attributes).
#[no_mangle]
pub unsafe extern "C" fn Pthread_create(
    tid: *mut pthread_t,
    attr: *const pthread_attr_t,
    func: Option<extern "C" fn(*mut c_void) -> *mut c_void>,
    arg: *mut c_void,
) {
    let n = match func {
        Some(f) => nonnull!(
            [tid],
            relay!(libc::pthread_create(tid, attr, f, arg)),
            libc::EINVAL
        ),
        None => libc::EINVAL,
    };
    check(n, msg!(c"pthread_create error"));
}

/// pthread_join(); failure exits through `err_sys("pthread_join error")`, e.g.
/// `pthread_join error: Resource deadlock avoided` when a thread joins itself.
/// `status` may be NULL (the exit value is not stored).
#[no_mangle]
pub unsafe extern "C" fn Pthread_join(tid: pthread_t, status: *mut *mut c_void) {
    check(
        relay!(libc::pthread_join(tid, status)),
        msg!(c"pthread_join error"),
    );
}

/// pthread_detach(); failure exits through `err_sys("pthread_detach error")`.
#[no_mangle]
pub unsafe extern "C" fn Pthread_detach(tid: pthread_t) {
    check(
        relay!(libc::pthread_detach(tid)),
        msg!(c"pthread_detach error"),
    );
}

/// pthread_kill(); failure exits through `err_sys("pthread_kill error")`, e.g.
/// `pthread_kill error: Invalid argument` for a bad signal number.
#[no_mangle]
pub unsafe extern "C" fn Pthread_kill(tid: pthread_t, signo: c_int) {
    check(
        relay!(libc::pthread_kill(tid, signo)),
        msg!(c"pthread_kill error"),
    );
}

/// pthread_mutexattr_init(); failure exits through
/// `err_sys("pthread_mutexattr_init error")`; a NULL `attr` is EINVAL.
#[no_mangle]
pub unsafe extern "C" fn Pthread_mutexattr_init(attr: *mut pthread_mutexattr_t) {
    check(
        nonnull!(
            [attr],
            relay!(libc::pthread_mutexattr_init(attr)),
            libc::EINVAL
        ),
        msg!(c"pthread_mutexattr_init error"),
    );
}

/// pthread_mutexattr_setpshared(); failure exits through
/// `err_sys("pthread_mutexattr_setpshared error")` (EINVAL for a bad flag or
/// a NULL `attr`).
#[no_mangle]
pub unsafe extern "C" fn Pthread_mutexattr_setpshared(attr: *mut pthread_mutexattr_t, flag: c_int) {
    check(
        nonnull!(
            [attr],
            relay!(libc::pthread_mutexattr_setpshared(attr, flag)),
            libc::EINVAL
        ),
        msg!(c"pthread_mutexattr_setpshared error"),
    );
}

/// pthread_mutex_init(); failure exits through `err_sys("pthread_mutex_init error")`.
/// A NULL `mptr` is EINVAL; `attr` may be NULL (default attributes).
///
/// Differs from the original: `attr` is `const pthread_mutexattr_t *`, as
/// in pthread_mutex_init() (the original's is not `const`).
#[no_mangle]
pub unsafe extern "C" fn Pthread_mutex_init(
    mptr: *mut pthread_mutex_t,
    attr: *const pthread_mutexattr_t,
) {
    check(
        nonnull!(
            [mptr],
            relay!(libc::pthread_mutex_init(mptr, attr)),
            libc::EINVAL
        ),
        msg!(c"pthread_mutex_init error"),
    );
}

/// pthread_mutex_lock(); failure exits through `err_sys("pthread_mutex_lock error")`,
/// e.g. `Resource deadlock avoided` relocking an error-checking mutex, or
/// `Invalid argument` for a NULL `mptr`.
#[no_mangle]
pub unsafe extern "C" fn Pthread_mutex_lock(mptr: *mut pthread_mutex_t) {
    check(
        nonnull!([mptr], relay!(libc::pthread_mutex_lock(mptr)), libc::EINVAL),
        msg!(c"pthread_mutex_lock error"),
    );
}

/// pthread_mutex_unlock(); failure exits through
/// `err_sys("pthread_mutex_unlock error")`, e.g. `Operation not permitted` for
/// an error-checking mutex the caller does not hold; a NULL `mptr` is EINVAL.
#[no_mangle]
pub unsafe extern "C" fn Pthread_mutex_unlock(mptr: *mut pthread_mutex_t) {
    check(
        nonnull!(
            [mptr],
            relay!(libc::pthread_mutex_unlock(mptr)),
            libc::EINVAL
        ),
        msg!(c"pthread_mutex_unlock error"),
    );
}

/// pthread_cond_broadcast(); failure exits through
/// `err_sys("pthread_cond_broadcast error")`; a NULL `cptr` is EINVAL.
#[no_mangle]
pub unsafe extern "C" fn Pthread_cond_broadcast(cptr: *mut pthread_cond_t) {
    check(
        nonnull!(
            [cptr],
            relay!(libc::pthread_cond_broadcast(cptr)),
            libc::EINVAL
        ),
        msg!(c"pthread_cond_broadcast error"),
    );
}

/// pthread_cond_signal(); failure exits through `err_sys("pthread_cond_signal error")`;
/// a NULL `cptr` is EINVAL.
#[no_mangle]
pub unsafe extern "C" fn Pthread_cond_signal(cptr: *mut pthread_cond_t) {
    check(
        nonnull!(
            [cptr],
            relay!(libc::pthread_cond_signal(cptr)),
            libc::EINVAL
        ),
        msg!(c"pthread_cond_signal error"),
    );
}

/// pthread_cond_wait(); failure exits through `err_sys("pthread_cond_wait error")`;
/// a NULL `cptr` or `mptr` is EINVAL.
#[no_mangle]
pub unsafe extern "C" fn Pthread_cond_wait(cptr: *mut pthread_cond_t, mptr: *mut pthread_mutex_t) {
    check(
        nonnull!(
            [cptr, mptr],
            relay!(libc::pthread_cond_wait(cptr, mptr)),
            libc::EINVAL
        ),
        msg!(c"pthread_cond_wait error"),
    );
}

/// pthread_cond_timedwait(); any nonzero result exits through
/// `err_sys("pthread_cond_timedwait error")`, **ETIMEDOUT included**, as in the
/// original: a timeout prints `pthread_cond_timedwait error: Connection timed out`.
/// A NULL `cptr`, `mptr` or `tsptr` is EINVAL (POSIX has no "no time limit"
/// here: that is `Pthread_cond_wait`).
#[no_mangle]
pub unsafe extern "C" fn Pthread_cond_timedwait(
    cptr: *mut pthread_cond_t,
    mptr: *mut pthread_mutex_t,
    tsptr: *const timespec,
) {
    check(
        nonnull!(
            [cptr, mptr, tsptr],
            relay!(libc::pthread_cond_timedwait(cptr, mptr, tsptr)),
            libc::EINVAL
        ),
        msg!(c"pthread_cond_timedwait error"),
    );
}

/// pthread_key_create(); failure exits through `err_sys("pthread_key_create error")`
/// (EAGAIN once the keys run out, EINVAL for a NULL `key`); `func` may be NULL
/// (no destructor).
#[no_mangle]
pub unsafe extern "C" fn Pthread_key_create(
    key: *mut pthread_key_t,
    func: Option<unsafe extern "C" fn(*mut c_void)>,
) {
    check(
        nonnull!(
            [key],
            relay!(libc::pthread_key_create(key, func)),
            libc::EINVAL
        ),
        msg!(c"pthread_key_create error"),
    );
}

/// pthread_setspecific(); failure exits through `err_sys("pthread_setspecific error")`
/// (EINVAL for a key that was never created); `value` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn Pthread_setspecific(key: pthread_key_t, value: *const c_void) {
    check(
        relay!(libc::pthread_setspecific(key, value)),
        msg!(c"pthread_setspecific error"),
    );
}

/// pthread_once(); failure exits through `err_sys("pthread_once error")`.  A
/// NULL init routine fails with EINVAL (glibc would crash calling it), as
/// does a NULL `ptr`.
#[no_mangle]
pub unsafe extern "C" fn Pthread_once(ptr: *mut pthread_once_t, func: Option<extern "C" fn()>) {
    let n = match func {
        Some(f) => nonnull!([ptr], relay!(libc::pthread_once(ptr, f)), libc::EINVAL),
        None => libc::EINVAL,
    };
    check(n, msg!(c"pthread_once error"));
}
