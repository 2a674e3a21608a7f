//! `daemon_init` and `daemon_inetd` (the book's
//! `lib/daemon_init.c` and `lib/daemon_inetd.c`).

use core::ffi::{c_char, c_int};

/// Descriptors closed by `daemon_init`: 0 through MAXFD - 1.
const MAXFD: c_int = 64;

/// Sets `daemon_proc`, which sends the `err_*` messages to syslog.  An
/// atomic store (the error path reads it atomically too), so a thread of a
/// Rust program may call `daemon_inetd` while another reports an error.
fn set_daemon_proc() {
    // SAFETY: daemon_proc is a live, aligned int for the whole program; every
    // access the library makes to it is atomic.
    let flag =
        unsafe { core::sync::atomic::AtomicI32::from_ptr(&raw mut crate::error::daemon_proc) };
    flag.store(1, core::sync::atomic::Ordering::Relaxed);
}

/// Turns the calling process into a daemon: `Fork()` (the parent `_exit(0)`s),
/// setsid(), SIGHUP ignored (`Signal`), `Fork()` again (the first child
/// `_exit(0)`s), `daemon_proc = 1` (the `err_*` functions then log through
/// syslog), chdir("/"), close descriptors 0 to 63, /dev/null opened on 0, 1
/// and 2, and `openlog(pname, LOG_PID, facility)`.  No umask() call.
///
/// Returns 0 in the daemon; -1 when setsid() fails.  A fork failure exits
/// through `err_sys("fork error")`.  `pname` must stay valid (openlog keeps it);
/// NULL makes syslog name the program itself (openlog's meaning of NULL).
#[no_mangle]
pub unsafe extern "C" fn daemon_init(pname: *const c_char, facility: c_int) -> c_int {
    // SAFETY: Fork takes nothing (fork's wrapper, or a program's own).
    let pid = unsafe { crate::sym::Fork() };
    if pid < 0 {
        return -1;
    } else if pid != 0 {
        // SAFETY: _exit takes a status and never returns.
        unsafe { libc::_exit(0) }; // parent terminates
    }

    // child 1 continues...
    // SAFETY: setsid takes nothing.
    if unsafe { libc::setsid() } < 0 {
        return -1; // become session leader
    }

    // SAFETY: SIG_IGN, a disposition, not a function that is called.
    unsafe { crate::sym::Signal(libc::SIGHUP, crate::signal::from_raw(libc::SIG_IGN)) };
    // SAFETY: as for the first Fork.
    let pid = unsafe { crate::sym::Fork() };
    if pid < 0 {
        return -1;
    } else if pid != 0 {
        // SAFETY: as above.
        unsafe { libc::_exit(0) }; // child 1 terminates
    }

    // child 2 continues...
    set_daemon_proc();

    // SAFETY: chdir and open get NUL-terminated literals; close takes
    // numbers (a daemon gives up every descriptor below MAXFD, as
    // documented); openlog gets the caller's pname, NULL or a string that
    // stays valid after the call (the documented contract), which it keeps.
    unsafe {
        libc::chdir(c"/".as_ptr()); // change working directory
        for fd in 0..MAXFD {
            libc::close(fd);
        }
        // redirect stdin, stdout, and stderr to /dev/null
        libc::open(c"/dev/null".as_ptr(), libc::O_RDONLY);
        libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        libc::openlog(pname, libc::LOG_PID, facility);
    }
    0 // success
}

/// For a server started by inetd: sets `daemon_proc = 1` (the `err_*`
/// functions then log through syslog) and calls
/// `openlog(pname, LOG_PID, facility)`.  Nothing else.  `pname` must stay
/// valid (openlog keeps it); NULL makes syslog name the program itself
/// (openlog's meaning of NULL).
#[no_mangle]
pub unsafe extern "C" fn daemon_inetd(pname: *const c_char, facility: c_int) {
    set_daemon_proc();
    // SAFETY: pname is NULL or a string that stays valid after the call
    // (the documented contract), which openlog keeps.
    unsafe { libc::openlog(pname, libc::LOG_PID, facility) };
}
