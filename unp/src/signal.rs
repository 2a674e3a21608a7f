//! Signal dispositions: [`Sigfunc`] is what `Signal` installs.  `SIG_DFL`
//! and `SIG_IGN` are safe to install; a handler of your own runs
//! asynchronously, so making a `Sigfunc` of it is `unsafe`.

use std::ffi::c_int;
use std::fmt;
use std::io;

use crate::sys;
use crate::util::checked;

/// The raw C handler value, the header's `Sigfunc *` (`None` is `SIG_DFL`;
/// `SIG_IGN` is the non-null value 1, never to be called).  `Signal`
/// returns the previous disposition in this form.
pub use unp_sys::signal::SigfuncPtr;

/// A signal disposition `Signal` may install: [`SIG_DFL`], [`SIG_IGN`], or
/// a handler made with the `unsafe` [`Sigfunc::handler`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Sigfunc(libc::sighandler_t);

/// The default action, as a [`Sigfunc`].
pub const SIG_DFL: Sigfunc = Sigfunc(libc::SIG_DFL);
/// Ignore the signal, as a [`Sigfunc`].
pub const SIG_IGN: Sigfunc = Sigfunc(libc::SIG_IGN);

impl Sigfunc {
    /// A handler function as a disposition.
    ///
    /// # Safety
    /// `f` runs asynchronously, interrupting any code of the thread that
    /// receives the signal: it may only call async-signal-safe functions
    /// (e.g. [`waitpid`](crate::waitpid), not `println!` or anything that
    /// allocates).
    pub unsafe fn handler(f: extern "C" fn(c_int)) -> Sigfunc {
        Sigfunc(f as libc::sighandler_t)
    }

    /// A raw C value (as `Signal` returns the previous one) as a
    /// disposition, to put it back.
    ///
    /// # Safety
    /// `f` is `SIG_DFL`, `SIG_IGN`, or a one-argument handler that is
    /// async-signal-safe, as for [`Sigfunc::handler`].  (A previous handler
    /// installed with `SA_SIGINFO` takes three arguments and must not be
    /// put back this way.)
    pub unsafe fn from_raw(f: SigfuncPtr) -> Sigfunc {
        Sigfunc(f.map_or(libc::SIG_DFL, |f| f as libc::sighandler_t))
    }

    /// The raw C value, as `sys::Signal` takes it.
    pub fn as_raw(self) -> SigfuncPtr {
        let p: *const std::ffi::c_void = std::ptr::with_exposed_provenance(self.0);
        if p.is_null() {
            None
        } else {
            // SAFETY: a non-null pointer-sized value; a function pointer has
            // no other validity requirement, and calling it takes `unsafe`.
            Some(unsafe {
                std::mem::transmute::<*const std::ffi::c_void, unsafe extern "C" fn(c_int)>(p)
            })
        }
    }
}

impl fmt::Debug for Sigfunc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            SIG_DFL => f.write_str("SIG_DFL"),
            SIG_IGN => f.write_str("SIG_IGN"),
            Sigfunc(h) => write!(f, "Sigfunc({h:#x})"),
        }
    }
}

/// `Signal(signo, func)`: the library's `signal()` (sigaction, SA_RESTART
/// except for SIGALRM); returns the previous disposition as the raw C value;
/// exits with `signal error: ...`.
///
/// ```
/// use unp::*;
/// Signal(SIGPIPE, SIG_DFL); // no unsafe: SIG_DFL runs no code
/// ```
pub fn Signal(signo: c_int, func: Sigfunc) -> SigfuncPtr {
    // SAFETY: func is SIG_DFL, SIG_IGN or a handler vouched for when its
    // Sigfunc was made.
    unsafe { sys::Signal(signo, func.as_raw()) }
}

/// Whether a raw result is `SIG_ERR`.
fn is_err(p: &SigfuncPtr) -> bool {
    p.map_or(libc::SIG_DFL, |f| f as libc::sighandler_t) == libc::SIG_ERR
}

/// `signal(signo, func)` (the library's own), as [`Signal`] with an error.
pub fn signal(signo: c_int, func: Sigfunc) -> io::Result<SigfuncPtr> {
    // SAFETY: as in `Signal`.
    checked(
        libc::EINVAL,
        || unsafe { sys::signal(signo, func.as_raw()) },
        is_err,
    )
}

/// `Signal_intr(signo, func)`: as [`Signal`] but never restarting
/// interrupted system calls; exits with `signal_intr error: ...`.
pub fn Signal_intr(signo: c_int, func: Sigfunc) -> SigfuncPtr {
    // SAFETY: as in `Signal`.
    unsafe { sys::Signal_intr(signo, func.as_raw()) }
}

/// `signal_intr(signo, func)`, as [`Signal_intr`] with an error.
pub fn signal_intr(signo: c_int, func: Sigfunc) -> io::Result<SigfuncPtr> {
    // SAFETY: as in `Signal`.
    checked(
        libc::EINVAL,
        || unsafe { sys::signal_intr(signo, func.as_raw()) },
        is_err,
    )
}
