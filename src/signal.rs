//! `signal`, `Signal`, `signal_intr`, `Signal_intr` (the
//! book's `lib/signal.c` and `lib/signal_intr.c`).
//!
//! The library's `signal` replaces libc's for every program linked with it:
//! sigaction with an empty mask, SA_RESTART for every signal but SIGALRM, so
//! that a SIGALRM interrupts a blocking system call (EINTR), as the book's
//! timeout code expects.  `signal_intr` never restarts.

use core::ffi::{c_int, c_void};

/// A pointer to a signal handler: the header's `Sigfunc *`.  `SIG_DFL` is
/// `None`; `SIG_IGN` (1) and `SIG_ERR` (-1) are non-null values that are never
/// called, only compared and handed back to the kernel.
pub type SigfuncPtr = Option<unsafe extern "C" fn(c_int)>;

/// SunOS 4.x's "interrupt, do not restart" flag, as glibc defines it.  The
/// kernel ignores it; the original sets it for SIGALRM.
const SA_INTERRUPT: c_int = 0x2000_0000;

/// The handler as the integer the kernel's `sa_handler` holds.
#[inline]
fn to_raw(func: SigfuncPtr) -> libc::sighandler_t {
    match func {
        None => 0,
        Some(f) => f as usize,
    }
}

/// The integer `sa_handler` as a handler pointer (0 is `None`).  The value is
/// only ever compared or passed back, never called here.
#[inline]
pub(crate) fn from_raw(raw: libc::sighandler_t) -> SigfuncPtr {
    let p: *const c_void = core::ptr::with_exposed_provenance(raw);
    if p.is_null() {
        None
    } else {
        // SAFETY: a non-null pointer-sized value; function pointers have no
        // other validity requirement, and this one is not called by us.
        Some(unsafe { core::mem::transmute::<*const c_void, unsafe extern "C" fn(c_int)>(p) })
    }
}

/// The `SIG_ERR` value, `(Sigfunc *) -1`.
#[inline]
fn sig_err() -> SigfuncPtr {
    from_raw(libc::SIG_ERR)
}

/// The sigaction flags the library's `signal` uses for `signo`.
pub(crate) fn signal_flags(signo: c_int) -> c_int {
    if signo == libc::SIGALRM {
        SA_INTERRUPT
    } else {
        libc::SA_RESTART
    }
}

/// sigaction(signo) with `func`, an empty mask and `flags`; the old handler,
/// or `SIG_ERR` (errno from sigaction).
///
/// # Safety
/// `func` is `SIG_DFL`, `SIG_IGN`, or a function that may run as the
/// handler of `signo` at any point of the program.
unsafe fn install(signo: c_int, func: SigfuncPtr, flags: c_int) -> SigfuncPtr {
    // SAFETY: all-zero is a valid sigaction (integers, an empty mask, no
    // handler); sigemptyset and sigaction get pointers to the locals; the
    // handler installed is `func`, which may run as one (this function's
    // contract).
    unsafe {
        let mut act: libc::sigaction = core::mem::zeroed();
        let mut oact: libc::sigaction = core::mem::zeroed();
        act.sa_sigaction = to_raw(func);
        libc::sigemptyset(&mut act.sa_mask);
        act.sa_flags = flags;
        if libc::sigaction(signo, &act, &mut oact) < 0 {
            return sig_err();
        }
        from_raw(oact.sa_sigaction)
    }
}

/// Installs `func` for `signo` with sigaction: empty mask, SA_RESTART for every
/// signal except SIGALRM (SA_INTERRUPT, 0x20000000, instead, so a system call
/// interrupted by SIGALRM fails with EINTR).  Returns the previous handler, or
/// `SIG_ERR` with errno set when sigaction fails.
///
/// Exported under libc's name and replacing it; not declared in `unp.h`.
#[no_mangle]
pub unsafe extern "C" fn signal(signo: c_int, func: SigfuncPtr) -> SigfuncPtr {
    // SAFETY: func is a disposition or a handler, as for libc's signal (the
    // C caller's contract).
    unsafe { install(signo, func, signal_flags(signo)) }
}

/// `signal()` (through the global symbol); `SIG_ERR` exits through
/// `err_sys("signal error")`.  Returns the previous handler.
///
/// The library exports its own `signal`, which replaces libc's in every
/// program linked with it (`<signal.h>` declares it): it installs the handler
/// with sigaction, an empty mask, and SA_RESTART for every signal except
/// SIGALRM, so that a system call interrupted by SIGALRM fails with EINTR, as
/// the book's timeout code expects.  It returns the previous handler, or
/// SIG_ERR with errno set.
#[no_mangle]
pub unsafe extern "C" fn Signal(signo: c_int, func: SigfuncPtr) -> SigfuncPtr {
    let func = to_raw(func);
    let raw = relay!(crate::sym::signal(signo, func));
    if raw == libc::SIG_ERR {
        crate::ffi::sys(msg!(c"signal error"));
    }
    from_raw(raw)
}

/// Installs `func` for `signo` with sigaction: empty mask, flags SA_INTERRUPT
/// only, never SA_RESTART, so every system call the signal interrupts fails
/// with EINTR.  Returns the previous handler, or `SIG_ERR` with errno set.
#[no_mangle]
pub unsafe extern "C" fn signal_intr(signo: c_int, func: SigfuncPtr) -> SigfuncPtr {
    // SAFETY: as in `signal`.
    unsafe { install(signo, func, SA_INTERRUPT) }
}

/// `signal_intr()`; `SIG_ERR` exits through `err_sys("signal_intr error")`.
/// Returns the previous handler.
#[no_mangle]
pub unsafe extern "C" fn Signal_intr(signo: c_int, func: SigfuncPtr) -> SigfuncPtr {
    let old = relay!(signal_intr(signo, func));
    if to_raw(old) == libc::SIG_ERR {
        crate::ffi::sys(msg!(c"signal_intr error"));
    }
    old
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_restart_all_but_sigalrm() {
        assert_eq!(signal_flags(libc::SIGALRM), 0x2000_0000);
        assert_eq!(signal_flags(libc::SIGCHLD), libc::SA_RESTART);
        assert_eq!(signal_flags(libc::SIGINT), libc::SA_RESTART);
    }

    #[test]
    fn special_handlers_round_trip() {
        assert!(from_raw(libc::SIG_DFL).is_none());
        assert_eq!(to_raw(from_raw(libc::SIG_IGN)), libc::SIG_IGN);
        assert_eq!(to_raw(sig_err()), libc::SIG_ERR);
        assert_eq!(to_raw(None), 0);
    }
}
