//! Test-only C code for the `unp` crate's in-process mixed test (see
//! `cmix.c`): a C reader that calls the library's `Readline`, resolved to
//! the same `unp-sys` the Rust API runs on.

use std::os::raw::{c_char, c_int};

// Links unp-sys (the definitions of the C code's Readline and readlinebuf).
use unp_sys as _;

extern "C" {
    fn cmix_readlines(
        fd: c_int,
        nlines: c_int,
        out: *mut c_char,
        size: usize,
        lines: *mut c_int,
    ) -> isize;
    fn cmix_buffered(start: *mut *mut std::ffi::c_void) -> isize;
}

/// Reads up to `nlines` lines from `fd` with C `Readline` and returns the
/// bytes read and the number of `Readline` calls that returned data.
/// Returns fewer lines at end of file.
pub fn c_readlines(fd: c_int, nlines: usize) -> (Vec<u8>, usize) {
    // Each line is at most MAXLINE - 1 bytes.
    let mut out = vec![0u8; nlines.max(1) * 4096];
    let mut got: c_int = 0;
    let n = unsafe {
        cmix_readlines(
            fd,
            nlines as c_int,
            out.as_mut_ptr().cast(),
            out.len(),
            &mut got,
        )
    };
    assert!(n >= 0, "cmix_readlines: buffer too small");
    out.truncate(n as usize);
    (out, got as usize)
}

/// The bytes in the calling thread's read-ahead buffer, as C's
/// `readlinebuf` reports them (copied).
pub fn c_buffered() -> Vec<u8> {
    let mut p = std::ptr::null_mut();
    let n = unsafe { cmix_buffered(&mut p) };
    if n <= 0 || p.is_null() {
        return Vec::new();
    }
    // SAFETY: readlinebuf points at n bytes of this thread's buffer.
    unsafe { std::slice::from_raw_parts(p.cast::<u8>(), n as usize) }.to_vec()
}
