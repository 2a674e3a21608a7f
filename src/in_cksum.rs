//! `in_cksum`: the Internet checksum (the book's
//! `libfree/in_cksum.c`).
//!
//! The classic code adds the buffer's native-order 16-bit words into a 32-bit
//! accumulator, adds an odd final byte as a word whose second byte is zero,
//! folds twice and complements.  This version gives the same result for every
//! length and alignment, faster at every length:
//!
//! * wide loads: a little-endian 64-bit load is `w0 + w1*2^16 + w2*2^32 +
//!   w3*2^48`, congruent to `w0+w1+w2+w3` modulo 0xffff (as 2^16 = 1), and
//!   an end-around-carry sum modulo 2^64-1 (a multiple of 0xffff) keeps that
//!   congruence; the same holds for 32-bit loads modulo 2^32-1;
//! * no byte loop for the tail: the last 1..8 bytes are read by one load of
//!   the buffer's last 8 (or 4, 2) bytes, overlapping what was already
//!   added, shifted right to drop the overlap.  The bytes kept start at an
//!   even offset, so they are whole words, and an odd final byte lands as the
//!   low byte of a word whose high byte is zero, as in the classic code;
//! * straight-line code by size class: 1..8 bytes (two overlapping 32-bit or
//!   16-bit loads, folded in 32 bits), 9..32 (up to three 64-bit loads plus
//!   the tail), longer (four 64-bit accumulators over 32-byte blocks);
//! * the folds 64 -> 32 -> 16 bits with end-around carry are `s + rotl(s)`
//!   taking the high half, which is zero only when `s` is.
//!
//! The sum is taken over little-endian words; on a big-endian machine the
//! folded 16-bit result is byte-swapped, which gives the sum of the native
//! words (the ones'-complement sum commutes with swapping bytes, RFC 1071).
//! The folded sum is 0 only when every word is zero and 0xffff for any other
//! multiple of 0xffff, exactly as the classic fold.
//!
//! The classic 32-bit accumulator wraps (loses carries) once the word sum
//! reaches 2^32, which needs more than 131074 bytes; above that length the
//! classic loop itself is run, so the results stay identical there too.

use core::ffi::c_int;

/// Longest buffer whose classic word sum cannot reach 2^32: 65537 words sum
/// to at most 65537 * 0xffff = 2^32 - 1; one more byte could wrap.
const FAST_MAX: usize = 2 * 65537;

/// End-around-carry addition modulo 2^64 - 1.
#[inline(always)]
fn add_eac(a: u64, b: u64) -> u64 {
    let (s, c) = a.overflowing_add(b);
    s + c as u64
}

/// End-around-carry addition modulo 2^32 - 1.
#[inline(always)]
fn add_eac32(a: u32, b: u32) -> u32 {
    let (s, c) = a.overflowing_add(b);
    s + c as u32
}

/// 32 -> 16 bits with end-around carry: the high half of `s + rotl(s, 16)`
/// is the end-around-carry sum of the two halves.
#[inline(always)]
fn fold32(s: u32) -> u16 {
    (s.wrapping_add(s.rotate_right(16)) >> 16) as u16
}

/// 64 -> 32 -> 16 bits with end-around carry.
#[inline(always)]
fn fold64(s: u64) -> u16 {
    fold32((s.wrapping_add(s.rotate_right(32)) >> 32) as u32)
}

#[inline(always)]
fn le8(b: &[u8; 8]) -> u64 {
    u64::from_le_bytes(*b)
}

/// The last 1..=8 bytes of a buffer longer than 8: `last` holds its final 8
/// bytes, of which `fresh` (1..=8) were not added yet.
#[inline(always)]
fn tail(last: &[u8; 8], fresh: usize) -> u64 {
    le8(last) >> (8 * (8 - fresh))
}

/// 0 to 8 bytes, folded.
#[inline(always)]
fn sum_upto8(d: &[u8]) -> u16 {
    let n = d.len();
    if let (Some(a), Some(b)) = (d.first_chunk::<4>(), d.last_chunk::<4>()) {
        // 4..=8 bytes: the first four, then the last n-4 of the last four.
        let b = ((u32::from_le_bytes(*b) as u64) >> (8 * (8 - n))) as u32;
        fold32(add_eac32(u32::from_le_bytes(*a), b))
    } else if let (Some(a), Some(b)) = (d.first_chunk::<2>(), d.last_chunk::<2>()) {
        // 2 or 3 bytes: at most 0xffff + 0xff, one fold.
        let s = u16::from_le_bytes(*a) as u32 + ((u16::from_le_bytes(*b) as u32) >> (8 * (4 - n)));
        ((s & 0xffff) + (s >> 16)) as u16
    } else if let Some(a) = d.first() {
        *a as u16
    } else {
        0
    }
}

/// 9 to 32 bytes: `init` is all but the last byte (8..=31 bytes), `last` the
/// final 8 bytes.  Only the loads the length needs, then the tail.
#[inline(always)]
fn sum_upto32(init: &[u8], last: &[u8; 8]) -> u64 {
    let Some((a, rest)) = init.split_first_chunk::<8>() else {
        return tail(last, init.len() + 1);
    };
    let a = le8(a);
    let Some((b, rest)) = rest.split_first_chunk::<8>() else {
        // 9..=16 bytes: the four 32-bit halves added in a 64-bit sum (below
        // 2^34, so no carry is lost): a shorter dependency chain than an
        // end-around-carry addition, which shows at these sizes.
        let t = tail(last, rest.len() + 1);
        return (a & 0xffff_ffff) + (a >> 32) + (t & 0xffff_ffff) + (t >> 32);
    };
    let ab = add_eac(a, le8(b));
    let Some((c, rest)) = rest.split_first_chunk::<8>() else {
        return add_eac(ab, tail(last, rest.len() + 1));
    };
    add_eac(ab, add_eac(le8(c), tail(last, rest.len() + 1)))
}

/// More than 32 bytes: four accumulators over 32-byte blocks of `init` (all
/// but the last byte), then up to three 8-byte words and the tail.
#[inline(always)]
fn sum_long(init: &[u8], last: &[u8; 8]) -> u64 {
    let (mut a, mut b, mut c, mut d) = (0u64, 0u64, 0u64, 0u64);
    let mut blocks = init.chunks_exact(32);
    for blk in &mut blocks {
        if let Some((w, r)) = blk.split_first_chunk::<8>() {
            a = add_eac(a, le8(w));
            if let Some((w, r)) = r.split_first_chunk::<8>() {
                b = add_eac(b, le8(w));
                if let Some((w, r)) = r.split_first_chunk::<8>() {
                    c = add_eac(c, le8(w));
                    if let Some((w, _)) = r.split_first_chunk::<8>() {
                        d = add_eac(d, le8(w));
                    }
                }
            }
        }
    }
    let mut rest = blocks.remainder();
    if let Some((x, r)) = rest.split_first_chunk::<8>() {
        a = add_eac(a, le8(x));
        rest = r;
        if let Some((x, r)) = rest.split_first_chunk::<8>() {
            b = add_eac(b, le8(x));
            rest = r;
            if let Some((x, r)) = rest.split_first_chunk::<8>() {
                c = add_eac(c, le8(x));
                rest = r;
            }
        }
    }
    let d = add_eac(d, tail(last, rest.len() + 1));
    add_eac(add_eac(a, b), add_eac(c, d))
}

/// The ones'-complement sum of the native-order 16-bit words of `data` (an odd
/// final byte counts as a word whose second byte is zero), folded to 16 bits;
/// 0 only for an all-zero buffer.  `data.len()` at most `FAST_MAX`.
#[inline(always)]
fn ones_sum(data: &[u8]) -> u16 {
    let f = match (data.split_last(), data.last_chunk::<8>()) {
        (Some((_, init)), Some(last)) if data.len() > 8 => fold64(if data.len() <= 32 {
            sum_upto32(init, last)
        } else {
            sum_long(init, last)
        }),
        _ => sum_upto8(data),
    };
    if cfg!(target_endian = "big") {
        f.swap_bytes()
    } else {
        f
    }
}

/// The classic algorithm, word by word with a 32-bit accumulator.
pub fn cksum_classic(data: &[u8]) -> u16 {
    let mut sum: u32 = 0;
    let mut words = data.chunks_exact(2);
    for w in &mut words {
        sum = sum.wrapping_add(u16::from_ne_bytes([w[0], w[1]]) as u32);
    }
    if let [last] = words.remainder() {
        sum = sum.wrapping_add(u16::from_ne_bytes([*last, 0]) as u32);
    }
    sum = (sum >> 16) + (sum & 0xffff);
    sum = sum.wrapping_add(sum >> 16);
    !sum as u16
}

/// The Internet checksum of `len` bytes at `addr`: the complemented
/// ones'-complement sum of the native-order 16-bit words (an odd final byte is
/// padded with a zero byte).  The result can be stored in a header field
/// as is (no htons); over data that holds a correct checksum it is 0.
/// Returns the checksum; `len <= 0` (or a NULL `addr`) gives 0xffff.  Any alignment of `addr` works.
#[no_mangle]
pub unsafe extern "C" fn in_cksum(addr: *mut u16, len: c_int) -> u16 {
    if len <= 0 {
        return 0xffff;
    }
    if addr.is_null() || len as usize > FAST_MAX {
        // SAFETY: len > 0, and addr is NULL or has len readable bytes (the
        // C caller's contract).
        return unsafe { in_cksum_rare(addr, len) };
    }
    // SAFETY: addr is not NULL, so it has len > 0 readable bytes (the C
    // caller's contract), any alignment: they are read as bytes.
    let data = unsafe { core::slice::from_raw_parts(addr as *const u8, len as usize) };
    !ones_sum(data)
}

/// `in_cksum` of a NULL `addr` or of more than `FAST_MAX` bytes (`len` > 0),
/// out of line so that the common path stays a few predictable branches.
///
/// # Safety
/// `len` > 0; `addr` is NULL or has `len` readable bytes.
#[cold]
#[inline(never)]
unsafe fn in_cksum_rare(addr: *mut u16, len: c_int) -> u16 {
    if addr.is_null() {
        return 0xffff;
    }
    // SAFETY: not NULL, so len > 0 readable bytes (this function's contract).
    let data = unsafe { core::slice::from_raw_parts(addr as *const u8, len as usize) };
    cksum_classic(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exported function over a slice.
    fn cksum(d: &[u8]) -> u16 {
        // SAFETY: d.len() readable bytes at d (in_cksum only reads).
        unsafe { in_cksum(d.as_ptr() as *mut u16, d.len() as c_int) }
    }

    fn words(ws: &[u16]) -> Vec<u8> {
        ws.iter().flat_map(|w| w.to_ne_bytes()).collect()
    }

    #[test]
    fn vectors() {
        let b = words(&[0x0145, 0xf203, 0xf4f5]);
        assert_eq!(cksum(&b), 0x17c1);
        assert_eq!(cksum(&b[..5]), 0x0bc2);
        assert_eq!(cksum_classic(&b), 0x17c1);
        assert_eq!(cksum_classic(&b[..5]), 0x0bc2);
        assert_eq!(cksum(&[]), 0xffff);
        // SAFETY: b has 6 readable bytes; the lengths are at most that.
        unsafe {
            assert_eq!(in_cksum(b.as_ptr() as *mut u16, 0), 0xffff);
            assert_eq!(in_cksum(b.as_ptr() as *mut u16, -5), 0xffff);
            assert_eq!(in_cksum(b.as_ptr() as *mut u16, 6), 0x17c1);
        }
    }

    #[test]
    fn edge_values() {
        // All zero, all 0xff (sum a nonzero multiple of 0xffff), one 0xffff word.
        for len in 0..200 {
            for fill in [0u8, 0xff, 0x01, 0x80] {
                let v = vec![fill; len];
                assert_eq!(cksum(&v), cksum_classic(&v), "len {len} fill {fill:#x}");
            }
        }
        // Data that includes its own checksum sums to zero.
        let mut v = words(&[
            0x4500, 0x0073, 0x0000, 0x4000, 0x4011, 0, 0xc0a8, 0x0001, 0xc0a8, 0x00c7,
        ]);
        let c = cksum(&v);
        v[10..12].copy_from_slice(&c.to_ne_bytes());
        assert_eq!(cksum(&v), 0);
    }

    fn xorshift(s: &mut u64) -> u64 {
        *s ^= *s << 13;
        *s ^= *s >> 7;
        *s ^= *s << 17;
        *s
    }

    #[test]
    fn random_every_length_and_offset() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let buf: Vec<u8> = (0..2100).map(|_| xorshift(&mut seed) as u8).collect();
        for off in 0..8 {
            for len in 0..2000 {
                let d = &buf[off..off + len];
                assert_eq!(cksum(d), cksum_classic(d), "off {off} len {len}");
            }
        }
    }

    /// Through the exported function: every length 0..=256 at every one of
    /// the 8 alignments, over random bytes and over fills whose sums hit the
    /// fold's corner cases (zero, multiples of 0xffff, carries in every
    /// accumulator), each buffer ending exactly where its allocation does.
    #[test]
    fn in_cksum_every_length_and_alignment_to_256() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let random: Vec<u8> = (0..256 + 8).map(|_| xorshift(&mut seed) as u8).collect();
        let fills: [&dyn Fn(usize) -> u8; 5] = [
            &|i| random[i],
            &|_| 0x00,
            &|_| 0xff,
            &|i| if i % 2 == 0 { 0xff } else { 0x00 },
            &|i| if i % 8 == 7 { 0x01 } else { 0xff },
        ];
        for (k, fill) in fills.iter().enumerate() {
            for off in 0..8 {
                for len in 0..=256usize {
                    let mut v: Vec<u8> = vec![0xa5; off];
                    v.extend((0..len).map(fill));
                    v.shrink_to_fit();
                    let d = &v[off..];
                    // SAFETY: d is len readable bytes.
                    let got = unsafe { in_cksum(d.as_ptr() as *mut u16, len as c_int) };
                    assert_eq!(got, cksum_classic(d), "fill {k} off {off} len {len}");
                }
            }
        }
        // SAFETY: NULL, which in_cksum answers without reading.
        assert_eq!(unsafe { in_cksum(core::ptr::null_mut(), 20) }, 0xffff);
    }

    #[test]
    fn long_buffers_wrap_like_classic() {
        // Lengths around the point where the classic 32-bit sum wraps.
        for fill in [0xffu8, 0xfe, 0x7f] {
            let v = vec![fill; FAST_MAX + 64];
            for len in [
                FAST_MAX - 3,
                FAST_MAX - 1,
                FAST_MAX,
                FAST_MAX + 1,
                FAST_MAX + 2,
                FAST_MAX + 63,
            ] {
                assert_eq!(cksum(&v[..len]), cksum_classic(&v[..len]), "len {len}");
            }
        }
        let mut seed = 7u64;
        let v: Vec<u8> = (0..300_000).map(|_| xorshift(&mut seed) as u8).collect();
        assert_eq!(cksum(&v), cksum_classic(&v));
        assert_eq!(cksum(&v[1..200_001]), cksum_classic(&v[1..200_001]));
    }
}
