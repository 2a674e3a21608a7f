//! Unix wrappers (the book's `lib/wrapunix.c`).  Each calls
//! the libc function and on failure exits through `err_sys` with the book's
//! message (`Mkstemp` through `err_quit`).  `Sysctl` is declared in `unp.h`
//! but, as in the original Linux build, not defined.

use core::ffi::{c_char, c_int, c_long, c_void};
use libc::{mode_t, off_t, pid_t, sigset_t, size_t, ssize_t, timeval};

use crate::ffi::{err_sys, quit, set_errno};

/// calloc(); NULL exits through `err_sys("calloc error")`.
#[no_mangle]
pub unsafe extern "C" fn Calloc(n: size_t, size: size_t) -> *mut c_void {
    wrap!(
        relay!(libc::calloc(n, size)),
        |p| p.is_null(),
        c"calloc error"
    )
}

/// close(); failure exits through `err_sys("close error")`.
#[no_mangle]
pub unsafe extern "C" fn Close(fd: c_int) {
    wrap!(relay!(libc::close(fd)), |n| n == -1, c"close error");
}

/// dup2(); failure exits through `err_sys("dup2 error")`.
#[no_mangle]
pub unsafe extern "C" fn Dup2(fd1: c_int, fd2: c_int) {
    wrap!(relay!(libc::dup2(fd1, fd2)), |n| n == -1, c"dup2 error");
}

/// fcntl() with an int argument; failure exits through `err_sys("fcntl error")`.
///
/// `cmd` must be a command that takes an int argument or none (`F_GETFL`,
/// `F_SETFL`, `F_GETFD`, `F_SETFD`, `F_DUPFD`, `F_SETOWN`, ...): with a
/// command that takes a pointer (`F_GETLK`, `F_SETLK`, `F_GETOWN_EX`, ...)
/// the kernel would use the int `arg` as an address.
#[no_mangle]
pub unsafe extern "C" fn Fcntl(fd: c_int, cmd: c_int, arg: c_int) -> c_int {
    wrap!(
        relay!(libc::fcntl(fd, cmd, arg)),
        |n| n == -1,
        c"fcntl error"
    )
}

/// gettimeofday(); failure exits through `err_sys("gettimeofday error")`.
#[no_mangle]
pub unsafe extern "C" fn Gettimeofday(tv: *mut timeval, tz: *mut c_void) {
    let tz = tz.cast();
    wrap!(
        relay!(libc::gettimeofday(tv, tz)),
        |n| n == -1,
        c"gettimeofday error"
    );
}

/// ioctl(); the int request is sign-extended to ioctl's unsigned long, as in
/// the original.  Failure exits through `err_sys("ioctl error")`.
#[no_mangle]
pub unsafe extern "C" fn Ioctl(fd: c_int, request: c_int, arg: *mut c_void) -> c_int {
    let request = request as libc::c_long as libc::Ioctl;
    wrap!(
        relay!(libc::ioctl(fd, request, arg)),
        |n| n == -1,
        c"ioctl error"
    )
}

/// fork(); failure exits through `err_sys("fork error")`.  Returns 0 in the
/// child and the child's pid in the parent.
#[no_mangle]
pub unsafe extern "C" fn Fork() -> pid_t {
    wrap!(relay!(libc::fork()), |n| n == -1, c"fork error")
}

/// malloc(); NULL (malloc(0) included, when libc returns NULL) exits through
/// `err_sys("malloc error")`.
#[no_mangle]
pub unsafe extern "C" fn Malloc(size: size_t) -> *mut c_void {
    wrap!(relay!(libc::malloc(size)), |p| p.is_null(), c"malloc error")
}

/// mkstemp(); failure exits through `err_quit("mkstemp error")` (no errno
/// text, as in the original).  Returns the open descriptor.
#[no_mangle]
pub unsafe extern "C" fn Mkstemp(template: *mut c_char) -> c_int {
    let fd = if template.is_null() {
        -1
    } else {
        relay!(libc::mkstemp(template))
    };
    if fd < 0 {
        quit(msg!(c"mkstemp error"));
    }
    fd
}

/// mmap(); MAP_FAILED exits through `err_sys("mmap error")`.
#[no_mangle]
pub unsafe extern "C" fn Mmap(
    addr: *mut c_void,
    len: size_t,
    prot: c_int,
    flags: c_int,
    fd: c_int,
    offset: off_t,
) -> *mut c_void {
    wrap!(
        relay!(libc::mmap(addr, len, prot, flags, fd, offset)),
        |p| p == libc::MAP_FAILED,
        c"mmap error"
    )
}

/// open(); failure exits through `err_sys("open error for %s", pathname)`.
#[no_mangle]
pub unsafe extern "C" fn Open(pathname: *const c_char, oflag: c_int, mode: mode_t) -> c_int {
    // open's variadic mode is read as an unsigned int (a mode_t passed in C
    // is promoted to one).
    let mode = mode as libc::c_uint;
    let fd = relay!(libc::open(pathname, oflag, mode));
    if fd == -1 {
        // SAFETY: one %s, one argument: the caller's NUL-terminated path, or
        // NULL (open failed with EFAULT), which glibc's printf prints as
        // "(null)".
        unsafe { err_sys(c"open error for %s".as_ptr(), pathname) };
    }
    fd
}

/// pipe(); failure exits through `err_sys("pipe error")`.
#[no_mangle]
pub unsafe extern "C" fn Pipe(fds: *mut c_int) {
    wrap!(relay!(libc::pipe(fds)), |n| n < 0, c"pipe error");
}

/// read(); failure (EINTR included) exits through `err_sys("read error")`.
/// Returns the byte count, 0 at end of file.
#[no_mangle]
pub unsafe extern "C" fn Read(fd: c_int, ptr: *mut c_void, nbytes: size_t) -> ssize_t {
    wrap!(
        relay!(libc::read(fd, ptr, nbytes)),
        |n| n == -1,
        c"read error"
    )
}

/// sigaddset(); failure exits through `err_sys("sigaddset error")`.
/// A NULL `set` fails the same way with errno EINVAL.
#[no_mangle]
pub unsafe extern "C" fn Sigaddset(set: *mut sigset_t, signo: c_int) {
    wrap!(
        nonnull!([set], relay!(libc::sigaddset(set, signo)), -1),
        |n| n == -1,
        c"sigaddset error"
    );
}

/// sigdelset(); failure exits through `err_sys("sigdelset error")`.
/// A NULL `set` fails the same way with errno EINVAL.
#[no_mangle]
pub unsafe extern "C" fn Sigdelset(set: *mut sigset_t, signo: c_int) {
    wrap!(
        nonnull!([set], relay!(libc::sigdelset(set, signo)), -1),
        |n| n == -1,
        c"sigdelset error"
    );
}

/// sigemptyset(); failure exits through `err_sys("sigemptyset error")`.
/// A NULL `set` fails the same way with errno EINVAL.
#[no_mangle]
pub unsafe extern "C" fn Sigemptyset(set: *mut sigset_t) {
    wrap!(
        nonnull!([set], relay!(libc::sigemptyset(set)), -1),
        |n| n == -1,
        c"sigemptyset error"
    );
}

/// sigfillset(); failure exits through `err_sys("sigfillset error")`.
/// A NULL `set` fails the same way with errno EINVAL.
#[no_mangle]
pub unsafe extern "C" fn Sigfillset(set: *mut sigset_t) {
    wrap!(
        nonnull!([set], relay!(libc::sigfillset(set)), -1),
        |n| n == -1,
        c"sigfillset error"
    );
}

/// sigismember(); returns 0 or 1.  Failure exits through
/// `err_sys("sigismember error")`.
/// A NULL `set` fails the same way with errno EINVAL.
#[no_mangle]
pub unsafe extern "C" fn Sigismember(set: *const sigset_t, signo: c_int) -> c_int {
    wrap!(
        nonnull!([set], relay!(libc::sigismember(set, signo)), -1),
        |n| n == -1,
        c"sigismember error"
    )
}

/// sigpending(); failure exits through `err_sys("sigpending error")`.
#[no_mangle]
pub unsafe extern "C" fn Sigpending(set: *mut sigset_t) {
    wrap!(
        relay!(libc::sigpending(set)),
        |n| n == -1,
        c"sigpending error"
    );
}

/// sigprocmask(); failure exits through `err_sys("sigprocmask error")`.
#[no_mangle]
pub unsafe extern "C" fn Sigprocmask(how: c_int, set: *const sigset_t, oset: *mut sigset_t) {
    wrap!(
        relay!(libc::sigprocmask(how, set, oset)),
        |n| n == -1,
        c"sigprocmask error"
    );
}

/// strdup(); NULL exits through `err_sys("strdup error")`.  The caller frees
/// the copy with free().
#[no_mangle]
pub unsafe extern "C" fn Strdup(s: *const c_char) -> *mut c_char {
    let p = if s.is_null() {
        set_errno(libc::EINVAL);
        core::ptr::null_mut()
    } else {
        relay!(libc::strdup(s))
    };
    if p.is_null() {
        crate::ffi::sys(msg!(c"strdup error"));
    }
    p
}

/// sysconf(); errno is cleared first and a result of -1 exits through
/// `err_sys("sysconf error")` -- also for "no limit", as in the original
/// (the message then ends in `: Success`).
#[no_mangle]
pub unsafe extern "C" fn Sysconf(name: c_int) -> c_long {
    set_errno(0);
    wrap!(relay!(libc::sysconf(name)), |n| n == -1, c"sysconf error")
}

/// unlink(); failure exits through `err_sys("unlink error for %s", pathname)`.
#[no_mangle]
pub unsafe extern "C" fn Unlink(pathname: *const c_char) {
    if relay!(libc::unlink(pathname)) == -1 {
        // SAFETY: as in `Open`: one %s for the caller's path or NULL.
        unsafe { err_sys(c"unlink error for %s".as_ptr(), pathname) };
    }
}

/// wait(); failure exits through `err_sys("wait error")`.  Returns the pid.
#[no_mangle]
pub unsafe extern "C" fn Wait(iptr: *mut c_int) -> pid_t {
    wrap!(relay!(libc::wait(iptr)), |n| n == -1, c"wait error")
}

/// waitpid(); failure exits through `err_sys("waitpid error")`.  Returns the
/// pid, or 0 with WNOHANG when no child is ready.
#[no_mangle]
pub unsafe extern "C" fn Waitpid(pid: pid_t, iptr: *mut c_int, options: c_int) -> pid_t {
    wrap!(
        relay!(libc::waitpid(pid, iptr, options)),
        |n| n == -1,
        c"waitpid error"
    )
}

/// write(); any result other than `nbytes` (a short write too) exits through
/// `err_sys("write error")`.
///
/// Differs from the original: `ptr` is `const void *` (the original's is
/// `void *`): the buffer is only read, so `const` data passes without a cast.
#[no_mangle]
pub unsafe extern "C" fn Write(fd: c_int, ptr: *const c_void, nbytes: size_t) {
    wrap!(
        relay!(libc::write(fd, ptr, nbytes)),
        |n| n != nbytes as ssize_t,
        c"write error"
    );
}
