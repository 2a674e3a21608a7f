//! The error functions as macros with Rust formatting.
//!
//! `err_sys!("bind error for {}", path)` formats the message with `format!`
//! and hands it to the library's own C `err_sys` as `err_sys("%s", message)`,
//! so the output, the `": strerror(errno)"` suffix, the syslog routing when
//! `daemon_proc` is set, the stdout flush and the exit status are those of a
//! C program.  errno is the one the caller saw when the macro started.

use std::ffi::{c_char, CString};
use std::fmt;
use std::io::Write;

/// Flushes Rust's own `std::io::stdout()` buffer.  The C error functions
/// flush C's `stdout` before writing to stderr; a Rust program's `print!`
/// output sits in a separate buffer that a C `exit()` would never write, so
/// every function of this crate that may end the process flushes it first.
#[inline]
pub(crate) fn flush_rust_stdout() {
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

fn call(f: unsafe extern "C" fn(*const c_char, ...), args: fmt::Arguments<'_>) {
    let saved = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    let msg = message(args);
    flush_rust_stdout();
    // SAFETY: __errno_location is this thread's errno; "%s" with one string.
    unsafe {
        *libc::__errno_location() = saved;
        f(c"%s".as_ptr(), msg.as_ptr());
    }
}

#[doc(hidden)]
pub fn __err_sys(args: fmt::Arguments<'_>) -> ! {
    call(crate::sys::err_sys, args);
    // The library's err_sys has exited; this only runs if it did not.
    std::process::exit(1)
}

#[doc(hidden)]
pub fn __err_quit(args: fmt::Arguments<'_>) -> ! {
    call(crate::sys::err_quit, args);
    std::process::exit(1)
}

#[doc(hidden)]
pub fn __err_dump(args: fmt::Arguments<'_>) -> ! {
    call(crate::sys::err_dump, args);
    std::process::abort()
}

#[doc(hidden)]
pub fn __err_ret(args: fmt::Arguments<'_>) {
    call(crate::sys::err_ret, args)
}

#[doc(hidden)]
pub fn __err_msg(args: fmt::Arguments<'_>) {
    call(crate::sys::err_msg, args)
}

/// Fatal error related to a system call: prints the message and
/// `": strerror(errno)"` (to syslog in a daemon), then exits with status 1.
/// Through the library's C `err_sys`.
///
/// ```no_run
/// # use unp::err_sys;
/// err_sys!("accept error");
/// ```
#[macro_export]
macro_rules! err_sys {
    ($($arg:tt)*) => { $crate::error::__err_sys(::std::format_args!($($arg)*)) };
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
    ($($arg:tt)*) => { $crate::error::__err_quit(::std::format_args!($($arg)*)) };
}

/// Fatal error related to a system call: message and `": strerror(errno)"`,
/// then `abort()` (core dump).  Through the library's C `err_dump`.
#[macro_export]
macro_rules! err_dump {
    ($($arg:tt)*) => { $crate::error::__err_dump(::std::format_args!($($arg)*)) };
}

/// Nonfatal error related to a system call: message and
/// `": strerror(errno)"`, then returns.  Through the library's C `err_ret`.
#[macro_export]
macro_rules! err_ret {
    ($($arg:tt)*) => { $crate::error::__err_ret(::std::format_args!($($arg)*)) };
}

/// Nonfatal error unrelated to a system call: the message, then returns.
/// Through the library's C `err_msg`.
#[macro_export]
macro_rules! err_msg {
    ($($arg:tt)*) => { $crate::error::__err_msg(::std::format_args!($($arg)*)) };
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
