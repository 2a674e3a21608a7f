//! `readline`, `Readline` and `readlinebuf` (the book's `lib/readline.c`).
//!
//! Buffered line reading: at most MAXLINE bytes are read ahead per `read()`
//! and handed out line by line.  Two deliberate differences from the
//! original: the read-ahead buffer belongs to the calling *thread* (threads
//! reading their own sockets never see each other's bytes), and when the
//! caller's buffer fills before a newline the return is the number of bytes
//! stored (`maxlen - 1`), not `maxlen`.
//!
//! The scan is an inline SSE2 newline search over the read-ahead buffer and
//! one `memcpy` per line, instead of the original's one function call per
//! byte.

use core::ffi::{c_int, c_void};
use libc::{size_t, ssize_t};

use core::mem::size_of;

use crate::tls::LineBuf;

/// The line-reading algorithm over a read-ahead buffer, independent of where
/// the bytes come from.  `fill` reads into the slice it is given and returns
/// the byte count, 0 at end of file, or -1 on error (EINTR already retried).
///
/// Returns the bytes stored in `out` (a NUL is stored after them), 0 at end of
/// file with nothing stored, or -1 on error.  `out.len()` is the caller's
/// `maxlen` and must be at least 2.
///
/// Written without panicking operations (`get`, not indexing), so that the
/// archive member holding `readline` does not pull in core's panic code.
pub(crate) fn read_line(
    st: &mut LineBuf,
    out: &mut [u8],
    mut fill: impl FnMut(&mut [u8]) -> isize,
) -> isize {
    let Some(room) = out.len().checked_sub(1) else {
        return -1;
    };
    let mut stored = 0usize;
    loop {
        if st.pos >= st.end {
            st.pos = 0;
            st.end = 0;
            let n = fill(&mut st.buf);
            if n < 0 {
                return -1;
            }
            if n == 0 {
                return terminate(out, stored);
            }
            st.end = (n as usize).min(st.buf.len());
        }
        let avail = st.buf.get(st.pos..st.end).unwrap_or(&[]);
        let Some(dst) = out.get_mut(stored..room) else {
            return -1;
        };
        let want = avail.len().min(dst.len());
        let (take, done) = match memchr_nl(avail.get(..want).unwrap_or(&[])) {
            Some(i) => (i + 1, true),
            None => (want, want == dst.len()),
        };
        // SAFETY: take <= want <= both lengths; distinct buffers.
        unsafe { core::ptr::copy_nonoverlapping(avail.as_ptr(), dst.as_mut_ptr(), take) };
        st.pos += take;
        stored += take;
        if done {
            return terminate(out, stored);
        }
    }
}

/// Stores the NUL after `stored` bytes and returns `stored`.
#[inline(always)]
fn terminate(out: &mut [u8], stored: usize) -> isize {
    if let Some(nul) = out.get_mut(stored) {
        *nul = 0;
    }
    stored as isize
}

/// Index of the first newline.  Lines are short (tens of bytes), so an
/// inline SSE2 scan beats a call to libc's `memchr`.
#[inline(always)]
fn memchr_nl(s: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
        };
        let len = s.len();
        if len >= 16 {
            let p = s.as_ptr();
            // SAFETY: SSE2 is part of the x86_64 baseline; every load reads
            // 16 bytes that lie inside `s` (the last one overlaps the one
            // before it instead of reading past the end).
            unsafe {
                let nl = _mm_set1_epi8(b'\n' as i8);
                let mut i = 0;
                // Two vectors per step: half the loop exits to mispredict.
                while i + 32 <= len {
                    let a = _mm_loadu_si128(p.add(i) as *const __m128i);
                    let b = _mm_loadu_si128(p.add(i + 16) as *const __m128i);
                    let ma = _mm_movemask_epi8(_mm_cmpeq_epi8(a, nl)) as u32;
                    let mb = _mm_movemask_epi8(_mm_cmpeq_epi8(b, nl)) as u32;
                    let m = ma | (mb << 16);
                    if m != 0 {
                        return Some(i + m.trailing_zeros() as usize);
                    }
                    i += 32;
                }
                while i + 16 <= len {
                    let v = _mm_loadu_si128(p.add(i) as *const __m128i);
                    let m = _mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)) as u32;
                    if m != 0 {
                        return Some(i + m.trailing_zeros() as usize);
                    }
                    i += 16;
                }
                if i < len {
                    let last = len - 16;
                    let v = _mm_loadu_si128(p.add(last) as *const __m128i);
                    // Bytes before `i` were scanned already.
                    let m = (_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)) as u32) >> (i - last);
                    if m != 0 {
                        return Some(i + m.trailing_zeros() as usize);
                    }
                }
                return None;
            }
        }
    }
    s.iter().position(|&b| b == b'\n')
}

/// read() into `buf`, retrying on EINTR.
fn read_retry(fd: c_int, buf: &mut [u8]) -> isize {
    loop {
        // SAFETY: buf is valid for buf.len() bytes.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 && crate::ffi::errno() == libc::EINTR {
            continue;
        }
        return n;
    }
}

/// Reads one line (up to and including the newline) from `fd` into `vptr`,
/// storing at most `maxlen - 1` bytes and a terminating NUL.
///
/// Returns the number of bytes stored: the line with its newline; fewer than
/// that at end of file (0 when nothing was left); `maxlen - 1` when the
/// buffer filled before a newline (the rest of the line comes with the next
/// call; the original returns `maxlen` there).  Returns -1 with errno set on
/// a read error (EINTR is retried), or with EINVAL when `vptr` is NULL or
/// `maxlen` is below 2 (a NUL is still stored when `maxlen` is 1; the
/// original returns 1 there without reading).
///
/// Bytes read ahead are kept in a buffer of the calling thread (the original:
/// one buffer for the whole process) and handed out by its next call,
/// whatever descriptor that call names.  The `maxlen` bytes at `vptr` must
/// not overlap that buffer (the one `readlinebuf` points into): such a call
/// returns -1 with EINVAL and reads nothing.
///
/// Differs from the original: a full buffer returns the bytes stored
/// (`maxlen - 1`, not `maxlen`, which made `Writen(fd, buf, n)` send the
/// NUL); `maxlen` below 2 is EINVAL; the read-ahead buffer is per thread
/// (the original corrupts lines in threaded programs), and unread data of a
/// thread that exits is gone with it.
#[no_mangle]
pub unsafe extern "C" fn readline(fd: c_int, vptr: *mut c_void, maxlen: size_t) -> ssize_t {
    if vptr.is_null() || maxlen < 2 {
        if !vptr.is_null() && maxlen == 1 {
            // SAFETY: vptr is not NULL, so it has maxlen = 1 writable byte
            // (the C caller's contract).
            unsafe { *(vptr as *mut u8) = 0 };
        }
        crate::ffi::set_errno(libc::EINVAL);
        return -1;
    }
    let st = crate::tls::state();
    if st.is_null() {
        return -1;
    }
    // No C object is larger than isize::MAX bytes; a larger maxlen is a lie
    // that must not reach from_raw_parts_mut.
    let maxlen = maxlen.min(isize::MAX as usize);
    // SAFETY: st is this thread's live block (tls::state): only the address
    // of its line buffer is taken, no reference.
    let line = unsafe { &raw mut (*st).line };
    if overlaps(vptr as usize, maxlen, line as usize, size_of::<LineBuf>()) {
        crate::ffi::set_errno(libc::EINVAL);
        return -1;
    }
    // SAFETY: vptr is not NULL, so it has maxlen writable bytes (the C
    // caller's contract), which no other thread uses meanwhile; the line
    // buffer is this thread's and lies outside them (tested above), and no
    // other reference to it is live during the call.
    let (out, line) = unsafe {
        (
            core::slice::from_raw_parts_mut(vptr as *mut u8, maxlen),
            &mut *line,
        )
    };
    read_line(line, out, |b| read_retry(fd, b))
}

/// Whether the `alen` bytes at address `a` and the `blen` bytes at `b`
/// share a byte, for lengths of at least 1 that end below the top of the
/// address space (as every object does): they do when `b - (alen - 1) <= a
/// <= b + blen - 1`, one compare once shifted by `alen - 1`.
#[inline(always)]
fn overlaps(a: usize, alen: usize, b: usize, blen: usize) -> bool {
    a.wrapping_sub(b).wrapping_add(alen - 1) < (alen - 1).wrapping_add(blen)
}

/// What the calling thread's `readline` buffer holds.
///
/// Returns how many read-ahead bytes the calling thread's `readline` buffer
/// still holds; when that is nonzero, also stores a pointer to the first of
/// them in `*vptrptr` (unless `vptrptr` is NULL).
#[no_mangle]
pub unsafe extern "C" fn readlinebuf(vptrptr: *mut *mut c_void) -> ssize_t {
    let st = crate::tls::state();
    if st.is_null() {
        return 0;
    }
    // SAFETY: st is this thread's live block (tls::state), whose line
    // buffer no other reference reaches during the call; pos < end <=
    // MAXLINE (read_line keeps them so) when n > 0, so the pointer is
    // inside the buffer; vptrptr is not NULL there, so it is the caller's
    // out pointer (its contract).
    unsafe {
        let line = &mut (*st).line;
        let n = line.end.saturating_sub(line.pos);
        if n > 0 && !vptrptr.is_null() {
            *vptrptr = line.buf.as_mut_ptr().add(line.pos).cast();
        }
        n as ssize_t
    }
}

/// `readline()`; a result < 0 exits through `err_sys("readline error")`.
/// Returns the bytes stored, 0 at end of file.
#[no_mangle]
pub unsafe extern "C" fn Readline(fd: c_int, ptr: *mut c_void, maxlen: size_t) -> ssize_t {
    wrap!(
        relay!(crate::sym::readline(fd, ptr, maxlen)),
        |n| n < 0,
        c"readline error"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::MAXLINE;

    fn fresh() -> Box<LineBuf> {
        Box::new(LineBuf {
            pos: 0,
            end: 0,
            buf: [0; MAXLINE],
        })
    }

    /// A source that hands out the given chunks, then EOF.
    fn chunks(parts: &[&[u8]]) -> impl FnMut(&mut [u8]) -> isize {
        let mut v: Vec<Vec<u8>> = parts.iter().rev().map(|p| p.to_vec()).collect();
        move |b: &mut [u8]| match v.pop() {
            None => 0,
            Some(p) => {
                let n = p.len().min(b.len());
                b[..n].copy_from_slice(&p[..n]);
                if n < p.len() {
                    v.push(p[n..].to_vec());
                }
                n as isize
            }
        }
    }

    fn lines(parts: &[&[u8]], maxlen: usize) -> Vec<(isize, Vec<u8>)> {
        let mut st = fresh();
        let mut src = chunks(parts);
        let mut got = Vec::new();
        for _ in 0..1000 {
            let mut out = vec![0xAAu8; maxlen];
            let n = read_line(&mut st, &mut out, &mut src);
            let s = if n >= 0 {
                out[..n as usize].to_vec()
            } else {
                Vec::new()
            };
            if n >= 0 {
                assert_eq!(out[n as usize], 0, "NUL after the data");
            }
            got.push((n, s));
            if n <= 0 {
                break;
            }
        }
        got
    }

    #[test]
    fn splits_lines_across_reads() {
        let got = lines(&[b"ab", b"c\nde\n", b"f\n"], 100);
        let want: Vec<(isize, Vec<u8>)> = vec![
            (4, b"abc\n".to_vec()),
            (3, b"de\n".to_vec()),
            (2, b"f\n".to_vec()),
            (0, vec![]),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn partial_line_at_eof() {
        let got = lines(&[b"one\ntwo"], 100);
        assert_eq!(
            got,
            vec![(4, b"one\n".to_vec()), (3, b"two".to_vec()), (0, vec![])]
        );
    }

    #[test]
    fn full_buffer_returns_bytes_stored() {
        // The original's case: maxlen 4 on "abcdefgh\n" gives "abc".
        let got = lines(&[b"abcdefgh\n"], 4);
        assert_eq!(
            got,
            vec![
                (3, b"abc".to_vec()),
                (3, b"def".to_vec()),
                (3, b"gh\n".to_vec()),
                (0, vec![])
            ]
        );
    }

    #[test]
    fn newline_scan_finds_the_first_newline() {
        for len in 0..100 {
            for at in 0..=len {
                let mut v = vec![b'x'; len];
                if at < len {
                    v[at] = b'\n';
                    if at + 3 < len {
                        v[at + 3] = b'\n';
                    }
                }
                let want = if at < len { Some(at) } else { None };
                assert_eq!(memchr_nl(&v), want, "len {len} at {at}");
            }
        }
    }

    #[test]
    fn read_error_is_minus_one() {
        let mut st = fresh();
        let mut out = [0u8; 10];
        assert_eq!(read_line(&mut st, &mut out, |_| -1), -1);
    }

    #[test]
    fn lines_longer_than_the_read_ahead() {
        let long = vec![b'x'; MAXLINE * 2 + 10];
        let mut input = long.clone();
        input.push(b'\n');
        let got = lines(&[&input], MAXLINE * 3);
        assert_eq!(got[0].0 as usize, long.len() + 1);
        assert_eq!(&got[0].1[..long.len()], &long[..]);
    }

    #[test]
    fn overlaps_intersects_ranges() {
        assert!(overlaps(10, 5, 14, 1));
        assert!(!overlaps(10, 5, 15, 1));
        assert!(!overlaps(15, 1, 10, 5));
        assert!(overlaps(0, 1, 0, 1));
        assert!(overlaps(5, 1, 0, 6));
        assert!(!overlaps(6, 1, 0, 6));
        assert!(overlaps(0, 6, 5, 1));
        assert!(!overlaps(0, 5, 5, 1));
        assert!(overlaps(0, isize::MAX as usize, 4096, 4120));
        assert!(!overlaps(8192, isize::MAX as usize, 4096, 4096));
        assert!(overlaps(100, 10, 50, 51));
        assert!(!overlaps(100, 10, 50, 50));
    }

    /// The read-ahead buffer that readlinebuf shows is not a buffer
    /// readline may store into: EINVAL, and nothing is consumed.
    #[test]
    fn into_own_read_ahead_is_einval() {
        let mut fds = [0; 2];
        // SAFETY: a local array of two ints for pipe() to fill.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let data = b"abc\ndef\n";
        // SAFETY: the pipe's write end and a local buffer of that length.
        let w = unsafe { libc::write(fds[1], data.as_ptr().cast(), data.len()) };
        assert_eq!(w, data.len() as isize);
        let mut out = [0u8; 100];
        let mut ahead: *mut c_void = std::ptr::null_mut();
        // SAFETY: out has the length passed; ahead is a local out pointer;
        // the second readline gets 4 bytes inside the read-ahead buffer
        // (readlinebuf said 4 are there), which it must refuse to use.
        unsafe {
            assert_eq!(readline(fds[0], out.as_mut_ptr().cast(), out.len()), 4);
            assert_eq!(readlinebuf(&mut ahead), 4);
            assert_eq!(readline(fds[0], ahead, 4), -1);
            assert_eq!(crate::ffi::errno(), libc::EINVAL);
            assert_eq!(readline(fds[0], out.as_mut_ptr().cast(), out.len()), 4);
            assert_eq!(&out[..5], b"def\n\0");
            libc::close(fds[0]);
            libc::close(fds[1]);
        }
    }
}
