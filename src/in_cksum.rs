//! `in_cksum`: the Internet checksum (the book's
//! `libfree/in_cksum.c`).
//!
//! The classic code adds the buffer's native-order 16-bit words into a 32-bit
//! accumulator, adds an odd final byte as a word whose second byte is zero,
//! folds twice and complements.  This version gives the same result for every
//! length and alignment, faster: it adds native 64-bit loads into a 64-bit
//! accumulator with end-around carry.  A 64-bit load is
//! `w0 + w1*2^16 + w2*2^32 + w3*2^48`, which is congruent to `w0+w1+w2+w3`
//! modulo 0xffff (as 2^16 = 1), and an end-around-carry sum modulo 2^64-1 (a
//! multiple of 0xffff) keeps that congruence; the final fold therefore gives
//! the ones'-complement sum of the words in either byte order.  It is zero only
//! when every word is zero, as the classic fold is.
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

#[inline(always)]
fn load8(b: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[..8]);
    u64::from_ne_bytes(w)
}

/// The ones'-complement sum of the native-order 16-bit words of `data` (an odd
/// final byte counts as a word whose second byte is zero), folded to 16 bits;
/// 0 only for an all-zero buffer.
fn ones_sum(data: &[u8]) -> u16 {
    let (mut a, mut b, mut c, mut d) = (0u64, 0u64, 0u64, 0u64);
    let mut chunks = data.chunks_exact(32);
    for ch in &mut chunks {
        a = add_eac(a, load8(&ch[0..8]));
        b = add_eac(b, load8(&ch[8..16]));
        c = add_eac(c, load8(&ch[16..24]));
        d = add_eac(d, load8(&ch[24..32]));
    }
    let mut rest = chunks.remainder();
    while rest.len() >= 8 {
        a = add_eac(a, load8(rest));
        rest = &rest[8..];
    }
    // The last 0..7 bytes, as native 32-bit, 16-bit and 8-bit pieces (each at
    // an even offset from the start, so each is a sum of whole words).  No
    // variable-length copy: a memcpy call would cost more than the sum.
    if let [b0, b1, b2, b3, tail @ ..] = rest {
        b = add_eac(b, u32::from_ne_bytes([*b0, *b1, *b2, *b3]) as u64);
        rest = tail;
    }
    if let [b0, b1, tail @ ..] = rest {
        c = add_eac(c, u16::from_ne_bytes([*b0, *b1]) as u64);
        rest = tail;
    }
    if let [last] = rest {
        // The odd final byte: a word whose first byte is it, second byte zero.
        d = add_eac(d, u16::from_ne_bytes([*last, 0]) as u64);
    }
    let s = add_eac(add_eac(a, b), add_eac(c, d));
    // Fold 64 -> 32 -> 16 with end-around carry; nonzero stays nonzero.
    let s = (s >> 32) + (s & 0xffff_ffff);
    let s = (s >> 32) + (s & 0xffff_ffff);
    let s = (s >> 16) + (s & 0xffff);
    let s = (s >> 16) + (s & 0xffff);
    let s = (s >> 16) + (s & 0xffff);
    s as u16
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

/// The Internet checksum of `data`, identical to [`cksum_classic`].
pub fn cksum(data: &[u8]) -> u16 {
    if data.len() > FAST_MAX {
        return cksum_classic(data);
    }
    !ones_sum(data)
}

/// The Internet checksum of `len` bytes at `addr`: the complemented
/// ones'-complement sum of the native-order 16-bit words (an odd final byte is
/// padded with a zero byte).  The result can be stored in a header field
/// as is (no htons); over data that holds a correct checksum it is 0.
/// Returns the checksum; `len <= 0` (or a NULL `addr`) gives 0xffff.  Any alignment of `addr` works.
#[no_mangle]
pub unsafe extern "C" fn in_cksum(addr: *mut u16, len: c_int) -> u16 {
    if len <= 0 || addr.is_null() {
        return 0xffff;
    }
    // SAFETY: the caller provides len readable bytes at addr.
    let data = unsafe { core::slice::from_raw_parts(addr as *const u8, len as usize) };
    cksum(data)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(unsafe { in_cksum(b.as_ptr() as *mut u16, 0) }, 0xffff);
        assert_eq!(unsafe { in_cksum(b.as_ptr() as *mut u16, -5) }, 0xffff);
        assert_eq!(unsafe { in_cksum(b.as_ptr() as *mut u16, 6) }, 0x17c1);
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
