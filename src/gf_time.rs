//! `gf_time`: the current local time as `HH:MM:SS.uuuuuu` (the
//! book's `lib/gf_time.c`).
//!
//! Deliberate difference: the result lives in a per-thread buffer (the
//! original has one static buffer per process), and ctime's static buffer is
//! left alone (tzset + ctime_r, which together read the time zone as ctime does).
//! The buffer is 32 bytes of the thread's own thread-local storage
//! (csrc/tls.c), which exists from the thread's start to its end: no
//! allocation, so no failure path, and never one buffer for two threads.

use core::ffi::c_char;

/// Writes `HH:MM:SS.uuuuuu` plus a NUL into `out`, from ctime's text
/// (`"Fri Sep 13 00:00:00 1986\n"`, characters 11..19) and the microseconds
/// zero-padded to at least 6 digits (`".%06ld"`).  Returns the text length.
/// Written without indexing, so no bounds-check panic path exists.
fn format(out: &mut [u8; 32], ctime: &[u8], usec: i64) -> usize {
    // The decimal digits of |usec|, least significant first, at least 6.
    let mut digits = [0u8; 20];
    let mut v = usec.unsigned_abs();
    let mut k = 0usize;
    for d in digits.iter_mut() {
        if v == 0 && k >= 6 {
            break;
        }
        *d = b'0' + (v % 10) as u8;
        v /= 10;
        k += 1;
    }
    let sign: &[u8] = if usec < 0 { b"-" } else { b"" };
    let text = ctime
        .iter()
        .skip(11)
        .take(8)
        .chain(b".".iter())
        .chain(sign.iter())
        .chain(digits.iter().take(k).rev());
    let mut n = 0usize;
    // Keep the last byte for the NUL.
    for (o, &b) in out.iter_mut().take(31).zip(text) {
        *o = b;
        n += 1;
    }
    if let Some(o) = out.get_mut(n) {
        *o = 0;
    }
    n
}

/// The current local time as a 15-character string `"HH:MM:SS.uuuuuu"`, in a
/// buffer owned by the calling thread (overwritten by its next call).
/// gettimeofday failure exits through `err_sys("gettimeofday error")`.
///
/// Returns a pointer to that buffer, never NULL.  The buffer is part of the
/// thread's thread-local storage, set up when the thread starts, so
/// `gf_time` allocates nothing and works even when memory is exhausted; no
/// two threads ever share it.
///
/// Differs from the original: one buffer per thread instead of one per
/// process (released when the thread exits, so the pointer must not outlive
/// it), and `ctime`'s static buffer is left alone (`ctime_r`).
#[no_mangle]
pub unsafe extern "C" fn gf_time() -> *mut c_char {
    let mut tv = libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    // SAFETY: tv is a local out timeval, the time zone NULL.
    if unsafe { libc::gettimeofday(&mut tv, core::ptr::null_mut()) } < 0 {
        crate::ffi::sys(msg!(c"gettimeofday error"));
    }
    let mut ct = [0u8; 64];
    // ctime() rereads TZ on every call; ctime_r() alone need not.
    // SAFETY: tzset takes nothing.
    unsafe { crate::ffi::tzset() };
    // SAFETY: ctime_r reads the local time_t and writes at most 26 bytes
    // into ct, which has 64.
    let p = unsafe { libc::ctime_r(&tv.tv_sec, ct.as_mut_ptr().cast()) };
    let text: &[u8] = if p.is_null() { b"" } else { &ct };
    // SAFETY: the calling thread's 32-byte TLS buffer (csrc/tls.c), valid
    // until the thread exits; only this thread reaches it, and no other
    // reference to it exists during the call.
    let buf = unsafe { crate::ffi::unp_c_gf_time_buf() } as *mut [u8; 32];
    // SAFETY: as above: 32 writable bytes, ours alone during the call.
    format(unsafe { &mut *buf }, text, tv.tv_usec);
    buf.cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(ct: &str, usec: i64) -> String {
        let mut out = [0xaau8; 32];
        let n = format(&mut out, ct.as_bytes(), usec);
        assert_eq!(out[n], 0);
        String::from_utf8(out[..n].to_vec()).unwrap()
    }

    #[test]
    fn formats() {
        assert_eq!(f("Fri Sep 13 00:00:00 1986\n", 0), "00:00:00.000000");
        assert_eq!(f("Tue Nov 24 21:49:08 2026\n", 7), "21:49:08.000007");
        assert_eq!(f("Tue Nov 24 21:49:08 2026\n", 999_999), "21:49:08.999999");
        assert_eq!(
            f("Tue Nov 24 21:49:08 2026\n", 1_234_567),
            "21:49:08.1234567"
        );
    }
}
