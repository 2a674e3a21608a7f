//! C stdio streams (`FILE *`) for the functions whose C prototype takes one
//! (`str_cli`, `dg_cli`, `Fgets`, `Fputs`), and the stdio wrappers.
//!
//! These are C's streams, not Rust's: `Fputs(s, stdout())` goes through C's
//! `stdout` buffer, which the library's `err_*` functions flush and C's
//! `exit()` writes out.  A program that also prints with `print!` should
//! not interleave the two on one descriptor without flushing.

use std::ffi::c_int;
use std::os::fd::RawFd;
use std::ptr::NonNull;

use crate::cstr::AsCStr;
use crate::error::flush_rust_stdout as pre;
use crate::sys;

/// A C `FILE *` (never NULL).  Copying it does not duplicate the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CFile(NonNull<libc::FILE>);

impl CFile {
    /// Wraps a C stream pointer; `None` for NULL.
    ///
    /// # Safety
    /// `fp` is NULL or an open `FILE *` that stays open while it is used.
    pub unsafe fn from_ptr(fp: *mut libc::FILE) -> Option<CFile> {
        NonNull::new(fp).map(CFile)
    }

    /// The `FILE *` for the C API.
    pub fn as_ptr(self) -> *mut libc::FILE {
        self.0.as_ptr()
    }
}

extern "C" {
    #[link_name = "stdin"]
    static mut c_stdin: *mut libc::FILE;
    #[link_name = "stdout"]
    static mut c_stdout: *mut libc::FILE;
    #[link_name = "stderr"]
    static mut c_stderr: *mut libc::FILE;
}

fn std_stream(p: *mut libc::FILE) -> CFile {
    CFile(NonNull::new(p).expect("C stdio stream is NULL"))
}

/// C's `stdin`.
pub fn stdin() -> CFile {
    std_stream(unsafe { c_stdin })
}

/// C's `stdout`.
pub fn stdout() -> CFile {
    std_stream(unsafe { c_stdout })
}

/// C's `stderr`.
pub fn stderr() -> CFile {
    std_stream(unsafe { c_stderr })
}

/// `Fgets(buf, sizeof(buf), fp)`: the line read (newline included, at most
/// `buf.len() - 1` bytes, NUL-terminated in `buf`), `None` at end of file;
/// exits with `fgets error: ...` when the stream reports an error.
pub fn Fgets(buf: &mut [u8], fp: CFile) -> Option<&[u8]> {
    let n = buf.len().min(c_int::MAX as usize) as c_int;
    if n == 0 {
        return None;
    }
    pre();
    let r = unsafe { sys::Fgets(buf.as_mut_ptr().cast(), n, fp.as_ptr()) };
    if r.is_null() {
        return None;
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Some(&buf[..end])
}

/// `Fputs(s, fp)`: writes `s` up to its first NUL (as C sees it); exits
/// with `fputs error: ...`.
pub fn Fputs<S: AsCStr + ?Sized>(s: &S, fp: CFile) {
    pre();
    s.with_cstr(|c| unsafe { sys::Fputs(c.as_ptr(), fp.as_ptr()) })
}

/// `Fopen(path, mode)`; exits with `fopen error: ...`.
pub fn Fopen<P: AsCStr + ?Sized, M: AsCStr + ?Sized>(path: &P, mode: &M) -> CFile {
    pre();
    let p = path.with_cstr(|p| mode.with_cstr(|m| unsafe { sys::Fopen(p.as_ptr(), m.as_ptr()) }));
    std_stream(p)
}

/// `Fdopen(fd, mode)`; exits with `fdopen error: ...`.
pub fn Fdopen<M: AsCStr + ?Sized>(fd: RawFd, mode: &M) -> CFile {
    pre();
    std_stream(mode.with_cstr(|m| unsafe { sys::Fdopen(fd, m.as_ptr()) }))
}

/// `Fclose(fp)`; exits with `fclose error: ...`.
///
/// # Safety
/// `fp` (and every copy of it) must not be used afterwards.
pub unsafe fn Fclose(fp: CFile) {
    pre();
    unsafe { sys::Fclose(fp.as_ptr()) }
}
