//! The error functions as macros with Rust formatting, and the hook that
//! flushes Rust's stdout on the library's error path.
//!
//! `err_sys!("bind error for {}", path)` formats the message with `format!`
//! and hands it to the library's own C `err_sys` as `err_sys("%s", message)`,
//! so the output, the `": strerror(errno)"` suffix, the syslog routing when
//! `daemon_proc` is set, the stdout flushes and the exit status are those of
//! a C program.  errno is the one the caller saw when the macro started, or
//! the error given first: `err_sys!(e, "pthread_create error")`.

use std::ffi::{c_char, c_int, CString};
use std::fmt;
use std::io::{self, Write};

use crate::util::{errno, set_errno};

/// The hook the library's C error functions call before they print (or log)
/// a message and exit: Rust's `print!` output sits in a buffer of its own
/// that C's `exit()` would never write.  Panics (a `print!` interrupted by a
/// signal whose handler reports an error) are caught: the flush is skipped.
extern "C" fn flush_rust_stdout() {
    let _ = std::panic::catch_unwind(|| {
        let _ = std::io::stdout().flush();
    });
}

/// Registers [`flush_rust_stdout`] with the library.  Idempotent.
pub(crate) extern "C" fn register_flush_hook() {
    unp_sys::error::set_flush_hook(flush_rust_stdout);
}

/// Runs [`register_flush_hook`] when the program starts, before `main`
/// (`.init_array`, which the dynamic loader and the C runtime run for every
/// object of the program), so no wrapper pays anything per call.  The macros
/// below register it too.
#[used]
#[link_section = ".init_array"]
static REGISTER_FLUSH_HOOK: extern "C" fn() = register_flush_hook;

/// Flushes Rust's stdout where the process is about to be duplicated
/// (`Fork`, `daemon_init`), so pending output is not written twice.
pub(crate) fn flush_before_fork() {
    let _ = std::io::stdout().flush();
}

/// The message as C sees it: cut at an interior NUL.
fn message(args: fmt::Arguments<'_>) -> CString {
    let mut s = fmt::format(args).into_bytes();
    if let Some(i) = s.iter().position(|&b| b == 0) {
        s.truncate(i);
    }
    CString::new(s).unwrap_or_default()
}

/// An error the `err_sys!`, `err_ret!` and `err_dump!` macros can report in
/// place of errno: an `io::Error` (by value or reference) or an errno value.
pub trait ErrorCode {
    /// The errno, or `None` for an error that has none (a resolver failure,
    /// a custom `io::Error`), which is then printed with its `Display` text.
    fn errno_value(&self) -> Option<c_int>;
    /// The text printed after `": "` when there is no errno.
    fn text(&self) -> String;
}

impl ErrorCode for io::Error {
    fn errno_value(&self) -> Option<c_int> {
        self.raw_os_error()
    }
    fn text(&self) -> String {
        self.to_string()
    }
}

impl<E: ErrorCode + ?Sized> ErrorCode for &E {
    fn errno_value(&self) -> Option<c_int> {
        (**self).errno_value()
    }
    fn text(&self) -> String {
        (**self).text()
    }
}

impl ErrorCode for c_int {
    fn errno_value(&self) -> Option<c_int> {
        Some(*self)
    }
    fn text(&self) -> String {
        io::Error::from_raw_os_error(*self).to_string()
    }
}

/// Which C function a macro ends in.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub enum Kind {
    Sys,
    Quit,
    Dump,
    Ret,
    Msg,
}

type CErr = unsafe extern "C" fn(*const c_char, ...);

/// Calls `f("%s", message)` with errno `e`.
fn emit(f: CErr, e: c_int, msg: &CString) {
    register_flush_hook();
    set_errno(e);
    // SAFETY: the C error functions with the format "%s" and one
    // NUL-terminated string for it.
    unsafe { f(c"%s".as_ptr(), msg.as_ptr()) };
}

/// The body of every macro.  `err` is the error given to the macro, if any;
/// without one, errno as the caller left it.
#[doc(hidden)]
pub fn __err(kind: Kind, err: Option<&dyn ErrorCode>, args: fmt::Arguments<'_>) {
    let saved = errno();
    let code = match err {
        None => Some(saved),
        Some(e) => e.errno_value(),
    };
    match code {
        Some(e) => {
            let f: CErr = match kind {
                Kind::Sys => crate::sys::err_sys,
                Kind::Quit => crate::sys::err_quit,
                Kind::Dump => crate::sys::err_dump,
                Kind::Ret => crate::sys::err_ret,
                Kind::Msg => crate::sys::err_msg,
            };
            emit(f, e, &message(args));
        }
        None => {
            // No errno to append: the error's own text, through the function
            // of the same priority that appends none.
            let text = err.map(|e| e.text()).unwrap_or_default();
            let msg = message(format_args!("{args}: {text}"));
            let f: CErr = match kind {
                Kind::Sys | Kind::Quit | Kind::Dump => crate::sys::err_quit,
                Kind::Ret | Kind::Msg => crate::sys::err_msg,
            };
            if matches!(kind, Kind::Dump) {
                emit(crate::sys::err_msg, saved, &msg);
                std::process::abort();
            }
            emit(f, saved, &msg);
        }
    }
    set_errno(saved);
}

#[doc(hidden)]
pub fn __fatal(kind: Kind, err: Option<&dyn ErrorCode>, args: fmt::Arguments<'_>) -> ! {
    __err(kind, err, args);
    // The library's function has exited; this runs only if it did not.
    if matches!(kind, Kind::Dump) {
        std::process::abort()
    }
    std::process::exit(1)
}

/// Fatal error related to a system call: prints the message and
/// `": strerror(errno)"` (to syslog in a daemon), then exits with status 1.
/// Through the library's C `err_sys`.
///
/// With an error first (an `io::Error`, a reference to one, or an errno
/// value), that error is reported instead of errno, exactly as C prints that
/// errno; an `io::Error` without an errno (a resolver failure) is printed with
/// its own text after `": "`.
///
/// ```no_run
/// # use unp::err_sys;
/// err_sys!("accept error");
/// ```
///
/// ```no_run
/// # use unp::err_sys;
/// if let Err(e) = std::thread::Builder::new().spawn(|| ()) {
///     err_sys!(e, "pthread_create error"); // pthread_create error: Resource temporarily unavailable
/// }
/// ```
#[macro_export]
macro_rules! err_sys {
    ($fmt:literal $($arg:tt)*) => {
        $crate::error::__fatal($crate::error::Kind::Sys, None, ::std::format_args!($fmt $($arg)*))
    };
    ($err:expr, $($arg:tt)+) => {
        $crate::error::__fatal($crate::error::Kind::Sys, Some(&$err), ::std::format_args!($($arg)+))
    };
}

/// Fatal error unrelated to a system call: prints the message, exits with
/// status 1.  Through the library's C `err_quit`.
///
/// ```no_run
/// # use unp::err_quit;
/// err_quit!("usage: tcpcli <IPaddress>");
/// ```
#[macro_export]
macro_rules! err_quit {
    ($($arg:tt)*) => {
        $crate::error::__fatal($crate::error::Kind::Quit, None, ::std::format_args!($($arg)*))
    };
}

/// Fatal error related to a system call: message and `": strerror(errno)"`,
/// then `abort()` (core dump).  Through the library's C `err_dump`.  An
/// error may come first, as with [`err_sys!`].
#[macro_export]
macro_rules! err_dump {
    ($fmt:literal $($arg:tt)*) => {
        $crate::error::__fatal($crate::error::Kind::Dump, None, ::std::format_args!($fmt $($arg)*))
    };
    ($err:expr, $($arg:tt)+) => {
        $crate::error::__fatal($crate::error::Kind::Dump, Some(&$err), ::std::format_args!($($arg)+))
    };
}

/// Nonfatal error related to a system call: message and
/// `": strerror(errno)"`, then returns.  Through the library's C `err_ret`.
/// An error may come first, as with [`err_sys!`].
#[macro_export]
macro_rules! err_ret {
    ($fmt:literal $($arg:tt)*) => {
        $crate::error::__err($crate::error::Kind::Ret, None, ::std::format_args!($fmt $($arg)*))
    };
    ($err:expr, $($arg:tt)+) => {
        $crate::error::__err($crate::error::Kind::Ret, Some(&$err), ::std::format_args!($($arg)+))
    };
}

/// Nonfatal error unrelated to a system call: the message, then returns.
/// Through the library's C `err_msg`.
#[macro_export]
macro_rules! err_msg {
    ($($arg:tt)*) => {
        $crate::error::__err($crate::error::Kind::Msg, None, ::std::format_args!($($arg)*))
    };
}

#[cfg(test)]
mod tests {
    #[test]
    fn message_is_cut_at_nul() {
        assert_eq!(super::message(format_args!("a{}b", '\0')).as_bytes(), b"a");
        assert_eq!(
            super::message(format_args!("100% {}", 7)).as_bytes(),
            b"100% 7"
        );
    }
}
