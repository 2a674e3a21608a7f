//! C stdio streams (`FILE *`) for the functions whose C prototype takes one
//! (`str_cli`, `dg_cli`, `Fgets`, `Fputs`), and the stdio wrappers.
//!
//! These are C's streams, not Rust's: `Fputs(s, CFile::stdout())` goes
//! through C's `stdout` buffer, which the library's `err_*` functions flush
//! and C's `exit()` writes out.  A program that also prints with `print!`
//! should not interleave the two on one descriptor without flushing (see
//! [`CFile::flush`]).

use std::ffi::c_int;
use std::io;
use std::os::fd::{BorrowedFd, IntoRawFd, OwnedFd};
use std::ptr::NonNull;

use crate::cstr::AsCStr;
use crate::sys;
use crate::util::{checked, die, set_errno};

/// A C `FILE *` (never NULL).  Copying it does not duplicate the stream.
///
/// The C streams are [`CFile::stdin`], [`CFile::stdout`] and
/// [`CFile::stderr`] (associated functions, so that `use std::io::*;
/// use unp::*;` leaves `stdout()` to `std::io`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CFile(NonNull<libc::FILE>);

extern "C" {
    #[link_name = "stdin"]
    static c_stdin: *mut libc::FILE;
    #[link_name = "stdout"]
    static c_stdout: *mut libc::FILE;
    #[link_name = "stderr"]
    static c_stderr: *mut libc::FILE;
}

/// A standard stream, which the C library opens before `main`.
fn std_stream(p: *mut libc::FILE) -> CFile {
    match NonNull::new(p) {
        Some(p) => CFile(p),
        None => die(),
    }
}

impl CFile {
    /// Wraps a C stream pointer; `None` for NULL.
    ///
    /// # Safety
    /// `fp` is NULL or an open `FILE *` that stays open while it (or any
    /// copy, or a descriptor from [`CFile::fileno`]) is used.
    pub unsafe fn from_ptr(fp: *mut libc::FILE) -> Option<CFile> {
        NonNull::new(fp).map(CFile)
    }

    /// The `FILE *` for the C API.
    pub fn as_ptr(self) -> *mut libc::FILE {
        self.0.as_ptr()
    }

    /// C's `stdin`.
    pub fn stdin() -> CFile {
        // SAFETY: glibc's stdin pointer, set before main and only read here
        // (a program that assigns it does so in unsafe or C code).
        std_stream(unsafe { c_stdin })
    }

    /// C's `stdout`.
    pub fn stdout() -> CFile {
        // SAFETY: as in `stdin`.
        std_stream(unsafe { c_stdout })
    }

    /// C's `stderr`.
    pub fn stderr() -> CFile {
        // SAFETY: as in `stdin`.
        std_stream(unsafe { c_stderr })
    }

    /// `fileno(fp)`: the stream's descriptor, borrowed (it stays the
    /// stream's: `Fclose` closes it).  `EBADF` for a stream without one.
    ///
    /// ```
    /// use std::os::fd::AsRawFd;
    /// assert_eq!(unp::CFile::stdin().fileno().unwrap().as_raw_fd(), 0);
    /// ```
    pub fn fileno(self) -> io::Result<BorrowedFd<'static>> {
        // SAFETY: an open stream (the CFile's invariant).
        let fd = checked(
            libc::EBADF,
            || unsafe { libc::fileno(self.as_ptr()) },
            |&n| n < 0,
        )?;
        // SAFETY: the stream's open descriptor, valid until the stream is
        // closed, which only the unsafe `Fclose` does (its contract forbids
        // later use of anything taken from the stream).
        Ok(unsafe { BorrowedFd::borrow_raw(fd) })
    }

    /// `fflush(fp)`: writes out C's buffer for this stream (for
    /// `CFile::stdout()`, what `Fputs`, `str_cli` and `dg_cli` printed).
    pub fn flush(self) -> io::Result<()> {
        // SAFETY: an open stream.
        checked(
            libc::EIO,
            || unsafe { libc::fflush(self.as_ptr()) },
            |&n| n != 0,
        )
        .map(drop)
    }
}

/// The byte count for `fgets`: at least 1 when `buf` is not empty.
fn fgets_len(buf: &[u8]) -> c_int {
    buf.len().min(c_int::MAX as usize) as c_int
}

/// The line `fgets` stored, up to its NUL.
fn stored(buf: &[u8]) -> &[u8] {
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    &buf[..end]
}

/// `Fgets(buf, sizeof(buf), fp)`: the line read (newline included, at most
/// `buf.len() - 1` bytes, NUL-terminated in `buf`), `None` at end of file;
/// exits with `fgets error: ...` when the stream reports an error.
pub fn Fgets(buf: &mut [u8], fp: CFile) -> Option<&[u8]> {
    if buf.is_empty() {
        return None;
    }
    // SAFETY: at most buf.len() bytes written, NUL included.
    let r = unsafe { sys::Fgets(buf.as_mut_ptr().cast(), fgets_len(buf), fp.as_ptr()) };
    if r.is_null() {
        return None;
    }
    Some(stored(buf))
}

/// `fgets(buf, sizeof(buf), fp)`: as [`Fgets`], the stream's error returned
/// (`EIO` when the stream set none).
pub fn fgets(buf: &mut [u8], fp: CFile) -> io::Result<Option<&[u8]>> {
    if buf.is_empty() {
        return Ok(None);
    }
    set_errno(0);
    // SAFETY: as in `Fgets`.
    let r = unsafe { libc::fgets(buf.as_mut_ptr().cast(), fgets_len(buf), fp.as_ptr()) };
    if r.is_null() {
        // SAFETY: an open stream.
        if unsafe { libc::ferror(fp.as_ptr()) } != 0 {
            return Err(crate::util::last_error(libc::EIO));
        }
        return Ok(None);
    }
    Ok(Some(stored(buf)))
}

/// `Fputs(s, fp)`: writes `s` up to its first NUL (as C sees it); exits
/// with `fputs error: ...`.
pub fn Fputs<S: AsCStr + ?Sized>(s: &S, fp: CFile) {
    // SAFETY: a NUL-terminated string and an open stream.
    s.with_cstr(|c| unsafe { sys::Fputs(c.as_ptr(), fp.as_ptr()) })
}

/// `fputs(s, fp)`.
pub fn fputs<S: AsCStr + ?Sized>(s: &S, fp: CFile) -> io::Result<()> {
    s.with_cstr(|c| {
        // SAFETY: as in `Fputs`.
        checked(
            libc::EIO,
            || unsafe { libc::fputs(c.as_ptr(), fp.as_ptr()) },
            |&n| n == libc::EOF,
        )
    })
    .map(drop)
}

/// `Fopen(path, mode)`; exits with `fopen error: ...`.
pub fn Fopen<P: AsCStr + ?Sized, M: AsCStr + ?Sized>(path: &P, mode: &M) -> CFile {
    // SAFETY: two NUL-terminated strings.
    let p = path.with_cstr(|p| mode.with_cstr(|m| unsafe { sys::Fopen(p.as_ptr(), m.as_ptr()) }));
    std_stream(p)
}

/// `fopen(path, mode)`.
pub fn fopen<P: AsCStr + ?Sized, M: AsCStr + ?Sized>(path: &P, mode: &M) -> io::Result<CFile> {
    set_errno(0);
    // SAFETY: as in `Fopen`.
    let p = path.with_cstr(|p| mode.with_cstr(|m| unsafe { libc::fopen(p.as_ptr(), m.as_ptr()) }));
    NonNull::new(p)
        .map(CFile)
        .ok_or_else(|| crate::util::last_error(libc::EINVAL))
}

/// `Fdopen(fd, mode)`: a stream on the descriptor, which the stream then
/// owns (`Fclose` closes it); exits with `fdopen error: ...`.
pub fn Fdopen<M: AsCStr + ?Sized>(fd: impl Into<OwnedFd>, mode: &M) -> CFile {
    let n = fd.into().into_raw_fd();
    // SAFETY: a descriptor that is ours to give to the stream, and a
    // NUL-terminated mode.
    std_stream(mode.with_cstr(|m| unsafe { sys::Fdopen(n, m.as_ptr()) }))
}

/// `fdopen(fd, mode)`: as [`Fdopen`]; on failure the descriptor is closed.
pub fn fdopen<M: AsCStr + ?Sized>(fd: impl Into<OwnedFd>, mode: &M) -> io::Result<CFile> {
    let fd = fd.into();
    set_errno(0);
    // SAFETY: as in `Fdopen`; on success the stream owns the descriptor.
    let p = mode.with_cstr(|m| unsafe { libc::fdopen(crate::util::raw(&fd), m.as_ptr()) });
    match NonNull::new(p) {
        Some(p) => {
            let _ = fd.into_raw_fd(); // now the stream's
            Ok(CFile(p))
        }
        None => Err(crate::util::last_error(libc::EINVAL)),
    }
}

/// `Fclose(fp)`; exits with `fclose error: ...`.
///
/// # Safety
/// `fp`, every copy of it and every descriptor from [`CFile::fileno`] must
/// not be used afterwards.
pub unsafe fn Fclose(fp: CFile) {
    // SAFETY: the caller's contract.
    unsafe { sys::Fclose(fp.as_ptr()) }
}

/// `fclose(fp)`, as [`Fclose`] with an error.
///
/// # Safety
/// As [`Fclose`].
pub unsafe fn fclose(fp: CFile) -> io::Result<()> {
    // SAFETY: the caller's contract.
    checked(
        libc::EIO,
        || unsafe { libc::fclose(fp.as_ptr()) },
        |&n| n != 0,
    )
    .map(drop)
}
