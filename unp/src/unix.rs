//! The Unix wrappers (`wrapunix.c`), `readline`, `readn`, `writen`, the
//! signal functions and the small helpers of `lib/`.

use std::ffi::{c_int, c_long, CStr};
use std::io;
use std::os::fd::RawFd;

use crate::cstr::AsCStr;
use crate::error::flush_rust_stdout as pre;
use crate::sys;

/// A signal handler, the header's `Sigfunc *`: `None` is `SIG_DFL`.
pub use unp_sys::signal::SigfuncPtr as Sigfunc;

/// `SIG_DFL`, the default action, as a [`Sigfunc`].
pub const SIG_DFL: Sigfunc = None;

fn cvt_size(n: isize) -> io::Result<usize> {
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

/// `Read(fd, buf, len)`: the byte count, 0 at end of file; exits with
/// `read error: ...`.
pub fn Read(fd: RawFd, buf: &mut [u8]) -> usize {
    pre();
    unsafe { sys::Read(fd, buf.as_mut_ptr().cast(), buf.len()) }.max(0) as usize
}

/// `Write(fd, buf, len)`; a short write exits with `write error: ...`.
pub fn Write(fd: RawFd, buf: &[u8]) {
    pre();
    unsafe { sys::Write(fd, buf.as_ptr().cast_mut().cast(), buf.len()) }
}

/// `Close(fd)`; exits with `close error: ...`.
pub fn Close(fd: RawFd) {
    pre();
    unsafe { sys::Close(fd) }
}

/// `Dup2(fd1, fd2)`.
pub fn Dup2(fd1: RawFd, fd2: RawFd) {
    pre();
    unsafe { sys::Dup2(fd1, fd2) }
}

/// `Fcntl(fd, cmd, arg)` for the integer commands (`F_GETFL`, `F_SETFL`, ...).
pub fn Fcntl(fd: RawFd, cmd: c_int, arg: c_int) -> c_int {
    pre();
    unsafe { sys::Fcntl(fd, cmd, arg) }
}

/// `Fork()`: 0 in the child, the child's pid in the parent; exits with
/// `fork error: ...`.  Rust's own stdout buffer is flushed first, so that
/// pending output is not written twice.
///
/// # Safety
/// As `fork()` from Rust: in a program with several threads the child may
/// only call async-signal-safe functions until it execs or exits.  The
/// book's single-threaded servers are fine.
pub unsafe fn Fork() -> libc::pid_t {
    pre();
    unsafe { sys::Fork() }
}

/// `Pipe(fds)`: `[read end, write end]`.
pub fn Pipe() -> [RawFd; 2] {
    let mut fds = [-1; 2];
    pre();
    unsafe { sys::Pipe(fds.as_mut_ptr()) };
    fds
}

/// `Open(path, oflag, mode)`: the descriptor; exits with `open error for PATH: ...`.
pub fn Open<P: AsCStr + ?Sized>(path: &P, oflag: c_int, mode: libc::mode_t) -> RawFd {
    pre();
    path.with_cstr(|p| unsafe { sys::Open(p.as_ptr(), oflag, mode) })
}

/// `Unlink(path)`; exits with `unlink error for PATH: ...`.
pub fn Unlink<P: AsCStr + ?Sized>(path: &P) {
    pre();
    path.with_cstr(|p| unsafe { sys::Unlink(p.as_ptr()) })
}

/// `Wait(&status)`: the pid and its status; exits with `wait error: ...`.
pub fn Wait() -> (libc::pid_t, c_int) {
    let mut status = 0;
    pre();
    let pid = unsafe { sys::Wait(&mut status) };
    (pid, status)
}

/// `Waitpid(pid, &status, options)`: the pid (0 with `WNOHANG` and nothing
/// ready) and its status; exits with `waitpid error: ...`.
pub fn Waitpid(pid: libc::pid_t, options: c_int) -> (libc::pid_t, c_int) {
    let mut status = 0;
    pre();
    let pid = unsafe { sys::Waitpid(pid, &mut status, options) };
    (pid, status)
}

/// libc's `wait()` (not a library function): the pid and status, or the
/// error (`ECHILD` when no child is left, `EINTR`).
pub fn wait() -> io::Result<(libc::pid_t, c_int)> {
    let mut status = 0;
    let pid = unsafe { libc::wait(&mut status) };
    if pid < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok((pid, status))
    }
}

/// libc's `waitpid()` (not a library function; async-signal-safe, for
/// SIGCHLD handlers): the pid (0 with `WNOHANG` and nothing ready) and status.
pub fn waitpid(pid: libc::pid_t, options: c_int) -> io::Result<(libc::pid_t, c_int)> {
    let mut status = 0;
    let r = unsafe { libc::waitpid(pid, &mut status, options) };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok((r, status))
    }
}

/// `Sysconf(name)`.
pub fn Sysconf(name: c_int) -> c_long {
    pre();
    unsafe { sys::Sysconf(name) }
}

/// `Gettimeofday(&tv, NULL)`.
pub fn Gettimeofday() -> libc::timeval {
    let mut tv = libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    pre();
    unsafe { sys::Gettimeofday(&mut tv, std::ptr::null_mut()) };
    tv
}

/// `Sigemptyset(&set)`.
pub fn Sigemptyset(set: &mut libc::sigset_t) {
    pre();
    unsafe { sys::Sigemptyset(set) }
}

/// `Sigfillset(&set)`.
pub fn Sigfillset(set: &mut libc::sigset_t) {
    pre();
    unsafe { sys::Sigfillset(set) }
}

/// `Sigaddset(&set, signo)`.
pub fn Sigaddset(set: &mut libc::sigset_t, signo: c_int) {
    pre();
    unsafe { sys::Sigaddset(set, signo) }
}

/// `Sigdelset(&set, signo)`.
pub fn Sigdelset(set: &mut libc::sigset_t, signo: c_int) {
    pre();
    unsafe { sys::Sigdelset(set, signo) }
}

/// `Sigismember(&set, signo)`: 1 or 0.
pub fn Sigismember(set: &libc::sigset_t, signo: c_int) -> c_int {
    pre();
    unsafe { sys::Sigismember(set, signo) }
}

/// `Sigpending(&set)`.
pub fn Sigpending(set: &mut libc::sigset_t) {
    pre();
    unsafe { sys::Sigpending(set) }
}

/// `Sigprocmask(how, set, oset)` (`None` for NULL).
pub fn Sigprocmask(how: c_int, set: Option<&libc::sigset_t>, oset: Option<&mut libc::sigset_t>) {
    let s = set.map_or(std::ptr::null(), |r| r as *const libc::sigset_t);
    let o = oset.map_or(std::ptr::null_mut(), |r| r as *mut libc::sigset_t);
    pre();
    unsafe { sys::Sigprocmask(how, s, o) }
}

/// `Signal(signo, func)`: the library's `signal()` (sigaction, SA_RESTART
/// except for SIGALRM); returns the previous handler; exits with
/// `signal error: ...`.
///
/// # Safety
/// `func` runs asynchronously: it may only call async-signal-safe functions
/// (e.g. [`waitpid`], not `println!`).
pub unsafe fn Signal(signo: c_int, func: Sigfunc) -> Sigfunc {
    pre();
    unsafe { sys::Signal(signo, func) }
}

/// `Signal_intr(signo, func)`: as [`Signal`] but never restarting
/// interrupted system calls.
///
/// # Safety
/// As [`Signal`].
pub unsafe fn Signal_intr(signo: c_int, func: Sigfunc) -> Sigfunc {
    pre();
    unsafe { sys::Signal_intr(signo, func) }
}

/// `readline(fd, buf, sizeof(buf))`: reads one line (newline included)
/// into `buf`, storing at most `buf.len() - 1` bytes and a NUL; returns the
/// bytes stored, 0 at end of file.  This is the C library's function, with
/// the calling thread's read-ahead buffer: C and Rust `readline` calls in
/// one thread share it and lose no bytes.
pub fn readline(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
    cvt_size(unsafe { sys::readline(fd, buf.as_mut_ptr().cast(), buf.len()) })
}

/// `Readline(fd, buf, sizeof(buf))`: as [`readline`]; exits with
/// `readline error: ...`.
pub fn Readline(fd: RawFd, buf: &mut [u8]) -> usize {
    pre();
    unsafe { sys::Readline(fd, buf.as_mut_ptr().cast(), buf.len()) }.max(0) as usize
}

/// `readlinebuf(&p)`: the read-ahead bytes the calling thread's `readline`
/// buffer still holds (copied).
pub fn readlinebuf() -> Vec<u8> {
    let mut p: *mut std::ffi::c_void = std::ptr::null_mut();
    let n = unsafe { sys::readlinebuf(&mut p) };
    if n <= 0 || p.is_null() {
        return Vec::new();
    }
    // SAFETY: n bytes of this thread's buffer.
    unsafe { std::slice::from_raw_parts(p.cast::<u8>(), n as usize) }.to_vec()
}

/// `readn(fd, buf, len)`: reads until `buf` is full or end of file; the
/// bytes read.
pub fn readn(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
    cvt_size(unsafe { sys::readn(fd, buf.as_mut_ptr().cast(), buf.len()) })
}

/// `Readn(fd, buf, len)`; exits with `readn error: ...`.
pub fn Readn(fd: RawFd, buf: &mut [u8]) -> usize {
    pre();
    unsafe { sys::Readn(fd, buf.as_mut_ptr().cast(), buf.len()) }.max(0) as usize
}

/// `writen(fd, buf, len)`: writes all of `buf`.
pub fn writen(fd: RawFd, buf: &[u8]) -> io::Result<usize> {
    cvt_size(unsafe { sys::writen(fd, buf.as_ptr().cast(), buf.len()) })
}

/// `Writen(fd, buf, len)`; exits with `writen error: ...`.
pub fn Writen(fd: RawFd, buf: &[u8]) {
    pre();
    unsafe { sys::Writen(fd, buf.as_ptr().cast_mut().cast(), buf.len()) }
}

/// `gf_time()`: the current time as `"HH:MM:SS.uuuuuu"`.
pub fn gf_time() -> String {
    let p = unsafe { sys::gf_time() };
    if p.is_null() {
        return String::new();
    }
    // SAFETY: the library's per-thread NUL-terminated buffer.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// `tv_sub(out, in)`: `out -= in`.
pub fn tv_sub(out: &mut libc::timeval, inp: &libc::timeval) {
    let mut i = *inp;
    unsafe { sys::tv_sub(out, &mut i) }
}

/// `daemon_init(pname, facility)`: becomes a daemon (fork, setsid, chdir /,
/// stdio to /dev/null, syslog); the `err_*` functions then log to syslog.
///
/// # Safety
/// Forks: as [`Fork`].
pub unsafe fn daemon_init<P: AsCStr + ?Sized>(pname: &P, facility: c_int) -> io::Result<()> {
    pre();
    let n = pname.with_cstr(|p| unsafe { sys::daemon_init(p.as_ptr(), facility) });
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// `daemon_inetd(pname, facility)`: a server started by inetd: sets
/// `daemon_proc` and opens syslog.
pub fn daemon_inetd<P: AsCStr + ?Sized>(pname: &P, facility: c_int) {
    pname.with_cstr(|p| unsafe { sys::daemon_inetd(p.as_ptr(), facility) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readline_over_a_pipe() {
        let [r, w] = Pipe();
        Writen(w, b"one\ntwo\nthree");
        Close(w);
        let mut buf = [0u8; 64];
        assert_eq!(Readline(r, &mut buf), 4);
        assert_eq!(&buf[..5], b"one\n\0");
        // The rest is already read ahead into this thread's buffer.
        assert_eq!(readlinebuf(), b"two\nthree");
        assert_eq!(readline(r, &mut buf).unwrap(), 4);
        let mut small = [0u8; 3];
        assert_eq!(readline(r, &mut small).unwrap(), 2);
        assert_eq!(&small, b"th\0");
        assert_eq!(Readline(r, &mut buf), 3);
        assert_eq!(Readline(r, &mut buf), 0);
        assert!(readline(r, &mut [0u8; 1]).is_err());
        Close(r);
    }

    #[test]
    fn readn_writen() {
        let [r, w] = Pipe();
        assert_eq!(writen(w, b"abcdef").unwrap(), 6);
        Close(w);
        let mut buf = [0u8; 4];
        assert_eq!(Readn(r, &mut buf), 4);
        assert_eq!(&buf, b"abcd");
        assert_eq!(readn(r, &mut buf).unwrap(), 2);
        Close(r);
        assert!(readn(r, &mut buf).is_err());
    }

    #[test]
    fn tv_sub_borrows() {
        let mut a = libc::timeval {
            tv_sec: 5,
            tv_usec: 100,
        };
        let b = libc::timeval {
            tv_sec: 2,
            tv_usec: 200,
        };
        tv_sub(&mut a, &b);
        assert_eq!((a.tv_sec, a.tv_usec), (2, 999_900));
    }
}
