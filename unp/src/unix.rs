//! The Unix wrappers (`wrapunix.c`), `readline`, `readn`, `writen` and the
//! small helpers of `lib/`.

use std::ffi::{c_int, c_long, CStr};
use std::io;
use std::os::fd::{AsFd, IntoRawFd, OwnedFd, RawFd};

use crate::cstr::AsCStr;
use crate::error::flush_before_fork;
use crate::sys;
use crate::util::{checked, die, errno, int_call, new_fd, new_fd_or, raw, set_errno, size_call};

/// `Read(fd, buf, len)`: the byte count, 0 at end of file; exits with
/// `read error: ...`.
pub fn Read(fd: impl AsFd, buf: &mut [u8]) -> usize {
    // SAFETY: buf.len() writable bytes.
    unsafe { sys::Read(raw(&fd), buf.as_mut_ptr().cast(), buf.len()) }.max(0) as usize
}

/// `read(fd, buf, len)`: the byte count, 0 at end of file.
pub fn read(fd: impl AsFd, buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: as in `Read`.
    size_call(libc::EINVAL, || unsafe {
        libc::read(raw(&fd), buf.as_mut_ptr().cast(), buf.len())
    })
}

/// `Write(fd, buf, len)`; a failure or a short write exits with
/// `write error: ...`.
pub fn Write(fd: impl AsFd, buf: &[u8]) {
    // SAFETY: buf.len() bytes, only read.
    unsafe { sys::Write(raw(&fd), buf.as_ptr().cast_mut().cast(), buf.len()) }
}

/// `write(fd, buf, len)`: the bytes written (a short write is not an error
/// here, where `Write` exits).
pub fn write(fd: impl AsFd, buf: &[u8]) -> io::Result<usize> {
    // SAFETY: as in `Write`.
    size_call(libc::EINVAL, || unsafe {
        libc::write(raw(&fd), buf.as_ptr().cast(), buf.len())
    })
}

/// `Close(fd)`: closes a descriptor the caller owns (an [`OwnedFd`], or a
/// `TcpStream`, `File`, ... turned into one); exits with `close error: ...`.
/// A borrowed or raw descriptor does not compile: it is not the caller's to
/// close.
pub fn Close(fd: impl Into<OwnedFd>) {
    // SAFETY: the descriptor is ours (taken from the OwnedFd) and closed
    // once, here.
    unsafe { sys::Close(fd.into().into_raw_fd()) }
}

/// `close(fd)`: as [`Close`] with an error (the descriptor is released
/// either way, as Linux does).
pub fn close(fd: impl Into<OwnedFd>) -> io::Result<()> {
    let n = fd.into().into_raw_fd();
    // SAFETY: as in `Close`.
    int_call(libc::EINVAL, || unsafe { libc::close(n) }).map(drop)
}

/// `Dup2(fd1, fd2)`: makes the caller's descriptor `fd2` refer to what
/// `fd1` refers to (its number unchanged); exits with `dup2 error: ...`.
/// To replace a descriptor number the caller does not own as an
/// [`OwnedFd`] (`STDOUT_FILENO`...), see [`Dup2_raw`].
pub fn Dup2(fd1: impl AsFd, fd2: &mut OwnedFd) {
    // SAFETY: fd2 is the caller's (exclusively borrowed): replacing what it
    // refers to is theirs to decide, and it stays open.
    unsafe { sys::Dup2(raw(&fd1), raw(fd2)) }
}

/// `dup2(fd1, fd2)`, as [`Dup2`] with an error.
pub fn dup2(fd1: impl AsFd, fd2: &mut OwnedFd) -> io::Result<()> {
    // SAFETY: as in `Dup2`.
    int_call(libc::EINVAL, || unsafe { libc::dup2(raw(&fd1), raw(fd2)) }).map(drop)
}

/// `Dup2(fd1, fd2)` onto any descriptor number (the book's
/// `Dup2(sockfd, STDOUT_FILENO)`); exits with `dup2 error: ...`.
///
/// # Safety
/// Whatever `fd2` referred to is closed and replaced: no one else may own
/// `fd2` (no `OwnedFd`, `File`, `TcpStream`, ... of another part of the
/// program holds that number).
pub unsafe fn Dup2_raw(fd1: impl AsFd, fd2: RawFd) {
    // SAFETY: the caller owns fd2, per this function's contract.
    unsafe { sys::Dup2(raw(&fd1), fd2) }
}

/// `dup2(fd1, fd2)` onto any descriptor number, as [`Dup2_raw`] with an
/// error.
///
/// # Safety
/// As [`Dup2_raw`].
pub unsafe fn dup2_raw(fd1: impl AsFd, fd2: RawFd) -> io::Result<()> {
    // SAFETY: as in `Dup2_raw`.
    int_call(libc::EINVAL, || unsafe { libc::dup2(raw(&fd1), fd2) }).map(drop)
}

/// Whether `fcntl(cmd)` takes an `int` (or nothing) and touches no memory
/// of the caller and creates no descriptor: the commands the safe `Fcntl`
/// accepts.
fn int_command(cmd: c_int) -> bool {
    matches!(
        cmd,
        libc::F_GETFD
            | libc::F_SETFD
            | libc::F_GETFL
            | libc::F_SETFL
            | libc::F_GETOWN
            | libc::F_SETOWN
            | crate::util::F_GETSIG
            | crate::util::F_SETSIG
            | libc::F_GETLEASE
            | libc::F_SETLEASE
            | libc::F_NOTIFY
            | libc::F_GETPIPE_SZ
            | libc::F_SETPIPE_SZ
            | libc::F_ADD_SEALS
            | libc::F_GET_SEALS
    )
}

/// `Fcntl(fd, cmd, arg)` for the integer commands (`F_GETFL`, `F_SETFL`,
/// `F_GETFD`, `F_SETFD`, `F_GETOWN`, `F_SETOWN`, `F_GETSIG`, `F_SETSIG`,
/// `F_GETLEASE`, `F_SETLEASE`, `F_NOTIFY`, `F_GETPIPE_SZ`, `F_SETPIPE_SZ`,
/// `F_ADD_SEALS`, `F_GET_SEALS`); exits with `fcntl error: ...`.
///
/// Any other command (the pointer commands `F_GETLK`, `F_SETLK`,
/// `F_OFD_*`, `F_GETOWN_EX`, ..., which would take `arg` as an address, and
/// `F_DUPFD*`, which would make a descriptor nobody owns) exits with
/// `fcntl error: Invalid argument` without reaching the kernel; those go
/// through `unsafe` `libc::fcntl`.
pub fn Fcntl(fd: impl AsFd, cmd: c_int, arg: c_int) -> c_int {
    if !int_command(cmd) {
        set_errno(libc::EINVAL);
        // SAFETY: a constant format without conversions.
        unsafe { sys::err_sys(c"fcntl error".as_ptr()) };
        die()
    }
    // SAFETY: an integer command: the kernel takes `arg` as a number.
    unsafe { sys::Fcntl(raw(&fd), cmd, arg) }
}

/// `fcntl(fd, cmd, arg)` for the integer commands of [`Fcntl`]; `EINVAL`
/// for any other.
pub fn fcntl(fd: impl AsFd, cmd: c_int, arg: c_int) -> io::Result<c_int> {
    if !int_command(cmd) {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    // SAFETY: as in `Fcntl`.
    int_call(libc::EINVAL, || unsafe { libc::fcntl(raw(&fd), cmd, arg) })
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
    flush_before_fork();
    // SAFETY: the caller's contract.
    unsafe { sys::Fork() }
}

/// `fork()`, as [`Fork`] with an error.
///
/// # Safety
/// As [`Fork`].
pub unsafe fn fork() -> io::Result<libc::pid_t> {
    flush_before_fork();
    // SAFETY: the caller's contract.
    int_call(libc::EAGAIN, || unsafe { libc::fork() })
}

/// `Pipe(fds)`: `[read end, write end]`; exits with `pipe error: ...`.
pub fn Pipe() -> [OwnedFd; 2] {
    let mut fds = [-1; 2];
    // SAFETY: room for the two descriptors pipe() writes.
    unsafe { sys::Pipe(fds.as_mut_ptr()) };
    fds.map(new_fd)
}

/// `pipe(fds)`: `[read end, write end]`.
pub fn pipe() -> io::Result<[OwnedFd; 2]> {
    let mut fds = [-1; 2];
    // SAFETY: as in `Pipe`.
    int_call(libc::EINVAL, || unsafe { libc::pipe(fds.as_mut_ptr()) })?;
    Ok(fds.map(new_fd))
}

/// `Open(path, oflag, mode)`: the descriptor; exits with
/// `open error for PATH: ...`.
pub fn Open<P: AsCStr + ?Sized>(path: &P, oflag: c_int, mode: libc::mode_t) -> OwnedFd {
    // SAFETY: a NUL-terminated path.
    new_fd(path.with_cstr(|p| unsafe { sys::Open(p.as_ptr(), oflag, mode) }))
}

/// `open(path, oflag, mode)`: the descriptor.
pub fn open<P: AsCStr + ?Sized>(path: &P, oflag: c_int, mode: libc::mode_t) -> io::Result<OwnedFd> {
    new_fd_or(path.with_cstr(|p| {
        // SAFETY: as in `Open`.
        int_call(libc::EINVAL, || unsafe {
            libc::open(p.as_ptr(), oflag, mode)
        })
    }))
}

/// `Unlink(path)`; exits with `unlink error for PATH: ...`.
pub fn Unlink<P: AsCStr + ?Sized>(path: &P) {
    // SAFETY: a NUL-terminated path.
    path.with_cstr(|p| unsafe { sys::Unlink(p.as_ptr()) })
}

/// `unlink(path)`.
pub fn unlink<P: AsCStr + ?Sized>(path: &P) -> io::Result<()> {
    // SAFETY: as in `Unlink`.
    path.with_cstr(|p| int_call(libc::EINVAL, || unsafe { libc::unlink(p.as_ptr()) }))
        .map(drop)
}

/// `Wait(&status)`: the pid and its status; exits with `wait error: ...`.
pub fn Wait() -> (libc::pid_t, c_int) {
    let mut status = 0;
    // SAFETY: a live int for the status.
    let pid = unsafe { sys::Wait(&mut status) };
    (pid, status)
}

/// libc's `wait()`, the twin of [`Wait`]: the pid and status, or the error
/// (`ECHILD` when no child is left, `EINTR`).
pub fn wait() -> io::Result<(libc::pid_t, c_int)> {
    let mut status = 0;
    // SAFETY: as in `Wait`.
    let pid = int_call(libc::ECHILD, || unsafe { libc::wait(&mut status) })?;
    Ok((pid, status))
}

/// `Waitpid(pid, &status, options)`: the pid (0 with `WNOHANG` and nothing
/// ready) and its status; exits with `waitpid error: ...`.
pub fn Waitpid(pid: libc::pid_t, options: c_int) -> (libc::pid_t, c_int) {
    let mut status = 0;
    // SAFETY: a live int for the status.
    let pid = unsafe { sys::Waitpid(pid, &mut status, options) };
    (pid, status)
}

/// libc's `waitpid()`, the twin of [`Waitpid`] (async-signal-safe, for
/// SIGCHLD handlers): the pid (0 with `WNOHANG` and nothing ready) and
/// status.
pub fn waitpid(pid: libc::pid_t, options: c_int) -> io::Result<(libc::pid_t, c_int)> {
    let mut status = 0;
    // SAFETY: as in `Waitpid`.
    let r = int_call(libc::ECHILD, || unsafe {
        libc::waitpid(pid, &mut status, options)
    })?;
    Ok((r, status))
}

/// `Sysconf(name)`; -1 exits with `sysconf error: ...` (also for "no
/// limit", as in C: `sysconf error: Success`).
pub fn Sysconf(name: c_int) -> c_long {
    // SAFETY: a plain integer.
    unsafe { sys::Sysconf(name) }
}

/// `sysconf(name)`: the value; -1 for "no definite limit" (where `Sysconf`
/// exits); `EINVAL` for an unknown name.
pub fn sysconf(name: c_int) -> io::Result<c_long> {
    // SAFETY: a plain integer.
    checked(
        libc::EINVAL,
        || unsafe { libc::sysconf(name) },
        |&n| n == -1 && errno() != 0,
    )
}

/// An all-zero timeval.
fn zero_tv() -> libc::timeval {
    libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    }
}

/// `Gettimeofday(&tv, NULL)`; exits with `gettimeofday error: ...`.
pub fn Gettimeofday() -> libc::timeval {
    let mut tv = zero_tv();
    // SAFETY: a live timeval, no time zone.
    unsafe { sys::Gettimeofday(&mut tv, std::ptr::null_mut()) };
    tv
}

/// `gettimeofday(&tv, NULL)`.
pub fn gettimeofday() -> io::Result<libc::timeval> {
    let mut tv = zero_tv();
    // SAFETY: as in `Gettimeofday`.
    int_call(libc::EINVAL, || unsafe {
        libc::gettimeofday(&mut tv, std::ptr::null_mut())
    })?;
    Ok(tv)
}

/// The signal-set functions: capitalised and lowercase, `(set)` or
/// `(set, signo)`.
macro_rules! sigset_fns {
    ($($upper:ident / $lower:ident ($($signo:ident)?) -> $r:ty : $doc:literal;)*) => {$(
        #[doc = concat!("`", stringify!($upper), "(&set", $(", ", stringify!($signo),)? ")`", $doc, "; exits with `", stringify!($lower), " error: ...`.")]
        pub fn $upper(set: &mut libc::sigset_t $(, $signo: c_int)?) -> $r {
            // SAFETY: a live sigset_t, written in place.
            unsafe { sys::$upper(set $(, $signo)?) }
        }

        #[doc = concat!("`", stringify!($lower), "(&set", $(", ", stringify!($signo),)? ")`", $doc, ".")]
        pub fn $lower(set: &mut libc::sigset_t $(, $signo: c_int)?) -> io::Result<$r> {
            // SAFETY: as above.
            int_call(libc::EINVAL, || unsafe { libc::$lower(set $(, $signo)?) }).map(|_| Default::default())
        }
    )*};
}

sigset_fns! {
    Sigemptyset / sigemptyset () -> (): ": no signals";
    Sigfillset / sigfillset () -> (): ": every signal";
    Sigaddset / sigaddset (signo) -> (): ": adds `signo`";
    Sigdelset / sigdelset (signo) -> (): ": removes `signo`";
    Sigpending / sigpending () -> (): ": the pending signals";
}

/// `Sigismember(&set, signo)`: 1 or 0; exits with `sigismember error: ...`.
pub fn Sigismember(set: &libc::sigset_t, signo: c_int) -> c_int {
    // SAFETY: a live sigset_t, only read.
    unsafe { sys::Sigismember(set, signo) }
}

/// `sigismember(&set, signo)`: 1 or 0.
pub fn sigismember(set: &libc::sigset_t, signo: c_int) -> io::Result<c_int> {
    // SAFETY: as in `Sigismember`.
    int_call(libc::EINVAL, || unsafe { libc::sigismember(set, signo) })
}

/// `(const sigset_t *, sigset_t *)` for optional sets.
fn sets(
    set: Option<&libc::sigset_t>,
    oset: Option<&mut libc::sigset_t>,
) -> (*const libc::sigset_t, *mut libc::sigset_t) {
    (
        set.map_or(std::ptr::null(), |r| r as *const libc::sigset_t),
        oset.map_or(std::ptr::null_mut(), |r| r as *mut libc::sigset_t),
    )
}

/// `Sigprocmask(how, set, oset)` (`None` for NULL); exits with
/// `sigprocmask error: ...`.
pub fn Sigprocmask(how: c_int, set: Option<&libc::sigset_t>, oset: Option<&mut libc::sigset_t>) {
    let (s, o) = sets(set, oset);
    // SAFETY: NULL or live sigsets.
    unsafe { sys::Sigprocmask(how, s, o) }
}

/// `sigprocmask(how, set, oset)`.
pub fn sigprocmask(
    how: c_int,
    set: Option<&libc::sigset_t>,
    oset: Option<&mut libc::sigset_t>,
) -> io::Result<()> {
    let (s, o) = sets(set, oset);
    // SAFETY: as in `Sigprocmask`.
    int_call(libc::EINVAL, || unsafe { libc::sigprocmask(how, s, o) }).map(drop)
}

/// `readline(fd, buf, sizeof(buf))`: reads one line (newline included) into
/// `buf`, storing at most `buf.len() - 1` bytes and a NUL; returns the bytes
/// stored, 0 at end of file; `EINVAL` for a buffer of fewer than 2 bytes.
///
/// **The read-ahead buffer is per thread, not per descriptor**: bytes read
/// past the line stay in the calling thread's buffer and are what its next
/// `readline`/`Readline` returns, *whatever descriptor that call names*.
/// Reading two descriptors in turn from one thread mixes their data; use
/// one thread per descriptor, or read each to its end first.  This is the C
/// library's function and buffer: C and Rust `readline` calls in one thread
/// share it and lose no bytes ([`readlinebuf`] shows what it holds).
pub fn readline(fd: impl AsFd, buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: buf.len() writable bytes.
    size_call(libc::ENOMEM, || unsafe {
        sys::readline(raw(&fd), buf.as_mut_ptr().cast(), buf.len())
    })
}

/// `Readline(fd, buf, sizeof(buf))`: as [`readline`] (the same per-thread
/// read-ahead, not per descriptor); exits with `readline error: ...`.
pub fn Readline(fd: impl AsFd, buf: &mut [u8]) -> usize {
    // SAFETY: as in `readline`.
    unsafe { sys::Readline(raw(&fd), buf.as_mut_ptr().cast(), buf.len()) }.max(0) as usize
}

/// `readlinebuf(&p)`: the read-ahead bytes the calling thread's `readline`
/// buffer still holds (copied).
pub fn readlinebuf() -> Vec<u8> {
    let mut p: *mut std::ffi::c_void = std::ptr::null_mut();
    // SAFETY: a live pointer for the result.
    let n = unsafe { sys::readlinebuf(&mut p) };
    if n <= 0 || p.is_null() {
        return Vec::new();
    }
    // SAFETY: n bytes of this thread's buffer, copied before any other call.
    unsafe { std::slice::from_raw_parts(p.cast::<u8>(), n as usize) }.to_vec()
}

/// `readn(fd, buf, len)`: reads until `buf` is full or end of file; the
/// bytes read.
pub fn readn(fd: impl AsFd, buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: buf.len() writable bytes.
    size_call(libc::EINVAL, || unsafe {
        sys::readn(raw(&fd), buf.as_mut_ptr().cast(), buf.len())
    })
}

/// `Readn(fd, buf, len)`; exits with `readn error: ...`.
pub fn Readn(fd: impl AsFd, buf: &mut [u8]) -> usize {
    // SAFETY: as in `readn`.
    unsafe { sys::Readn(raw(&fd), buf.as_mut_ptr().cast(), buf.len()) }.max(0) as usize
}

/// `writen(fd, buf, len)`: writes all of `buf`.
pub fn writen(fd: impl AsFd, buf: &[u8]) -> io::Result<usize> {
    // SAFETY: buf.len() bytes, only read.
    size_call(libc::EINVAL, || unsafe {
        sys::writen(raw(&fd), buf.as_ptr().cast(), buf.len())
    })
}

/// `Writen(fd, buf, len)`; exits with `writen error: ...`.
pub fn Writen(fd: impl AsFd, buf: &[u8]) {
    // SAFETY: as in `writen`.
    unsafe { sys::Writen(raw(&fd), buf.as_ptr().cast_mut().cast(), buf.len()) }
}

/// `gf_time()`: the current local time as `"HH:MM:SS.uuuuuu"` (exits with
/// `gettimeofday error: ...` should the clock fail), copied out of the C
/// function's buffer, which belongs to the calling thread.
pub fn gf_time() -> String {
    // SAFETY: gf_time returns the calling thread's own NUL-terminated
    // buffer, never NULL; no other thread writes it and this thread changes
    // it only by calling gf_time again, after the copy here.
    unsafe { CStr::from_ptr(sys::gf_time()) }
        .to_string_lossy()
        .into_owned()
}

/// `tv_sub(out, in)`: `out -= in`.
pub fn tv_sub(out: &mut libc::timeval, inp: &libc::timeval) {
    let mut i = *inp;
    // SAFETY: two live timevals; the C function writes only `out`.
    unsafe { sys::tv_sub(out, &mut i) }
}

/// The name `openlog` keeps: glibc stores the pointer and reads it at every
/// later `syslog`, so the name is copied once and kept for the rest of the
/// process.
fn kept_name<P: AsCStr + ?Sized>(pname: &P) -> &'static CStr {
    pname.with_cstr(|c| &*Box::leak(c.to_owned().into_boxed_c_str()))
}

/// `daemon_init(pname, facility)`: becomes a daemon (fork, setsid, chdir /,
/// stdio to /dev/null, syslog); the `err_*` functions then log to syslog
/// with the tag `pname` (copied and kept by this crate for the life of the
/// process: `openlog` keeps the pointer).
///
/// # Safety
/// Forks: as [`Fork`].  And it closes descriptors 0 to 63 (then opens
/// `/dev/null` on 0, 1 and 2): no descriptor below 64 owned by another part
/// of the program (an `OwnedFd`, `File`, `TcpStream`, ...) may be used or
/// dropped afterwards.
pub unsafe fn daemon_init<P: AsCStr + ?Sized>(pname: &P, facility: c_int) -> io::Result<()> {
    let name = kept_name(pname);
    flush_before_fork();
    // SAFETY: the caller's contract; the name lives for the whole process.
    int_call(libc::EINVAL, || unsafe {
        sys::daemon_init(name.as_ptr(), facility)
    })
    .map(drop)
}

/// `daemon_inetd(pname, facility)`: a server started by inetd: sets
/// `daemon_proc` and opens syslog with the tag `pname` (copied and kept by
/// this crate for the life of the process, since `openlog` keeps the
/// pointer: a temporary string is fine).
pub fn daemon_inetd<P: AsCStr + ?Sized>(pname: &P, facility: c_int) {
    let name = kept_name(pname);
    // SAFETY: the name lives for the whole process; daemon_proc is set
    // atomically.
    unsafe { sys::daemon_inetd(name.as_ptr(), facility) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readline_over_a_pipe() {
        let [r, w] = Pipe();
        Writen(&w, b"one\ntwo\nthree");
        Close(w);
        let mut buf = [0u8; 64];
        assert_eq!(Readline(&r, &mut buf), 4);
        assert_eq!(&buf[..5], b"one\n\0");
        // The rest is already read ahead into this thread's buffer.
        assert_eq!(readlinebuf(), b"two\nthree");
        assert_eq!(readline(&r, &mut buf).unwrap(), 4);
        let mut small = [0u8; 3];
        assert_eq!(readline(&r, &mut small).unwrap(), 2);
        assert_eq!(&small, b"th\0");
        assert_eq!(Readline(&r, &mut buf), 3);
        assert_eq!(Readline(&r, &mut buf), 0);
        assert_eq!(
            readline(&r, &mut [0u8; 1]).unwrap_err().raw_os_error(),
            Some(libc::EINVAL)
        );
        Close(r);
    }

    #[test]
    fn readn_writen() {
        let [r, w] = Pipe();
        assert_eq!(writen(&w, b"abcdef").unwrap(), 6);
        close(w).unwrap();
        let mut buf = [0u8; 4];
        assert_eq!(Readn(&r, &mut buf), 4);
        assert_eq!(&buf, b"abcd");
        assert_eq!(readn(&r, &mut buf).unwrap(), 2);
        assert_eq!(readn(&r, &mut buf).unwrap(), 0);
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

    #[test]
    fn fcntl_takes_integer_commands_only() {
        let [r, _w] = Pipe();
        let fl = Fcntl(&r, libc::F_GETFL, 0);
        Fcntl(&r, libc::F_SETFL, fl | libc::O_NONBLOCK);
        assert_ne!(fcntl(&r, libc::F_GETFL, 0).unwrap() & libc::O_NONBLOCK, 0);
        for cmd in [
            libc::F_GETLK,
            libc::F_SETLK,
            libc::F_SETLKW,
            libc::F_OFD_GETLK,
            16, // F_GETOWN_EX
            libc::F_DUPFD,
            libc::F_DUPFD_CLOEXEC,
        ] {
            assert_eq!(
                fcntl(&r, cmd, 0x1000).unwrap_err().raw_os_error(),
                Some(libc::EINVAL),
                "{cmd}"
            );
        }
    }

    #[test]
    fn gf_time_format() {
        let t = gf_time();
        let b = t.as_bytes();
        assert_eq!(b.len(), 15, "{t}");
        assert_eq!((b[2], b[5], b[8]), (b':', b':', b'.'), "{t}");
        assert!(t.bytes().filter(u8::is_ascii_digit).count() == 12, "{t}");
    }

    #[test]
    fn sysconf_twin() {
        assert!(sysconf(libc::_SC_OPEN_MAX).unwrap() > 0);
        assert_eq!(sysconf(-1).unwrap_err().raw_os_error(), Some(libc::EINVAL));
    }
}
