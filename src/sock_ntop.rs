//! `sock_ntop`, `Sock_ntop`, `sock_ntop_host`, `Sock_ntop_host` (the book's
//! `lib/sock_ntop.c`, `lib/sock_ntop_host.c`): the presentation form of a socket address.
//!
//! Formats, as in the original:
//!
//! | address | `sock_ntop` | `sock_ntop_host` |
//! |---|---|---|
//! | AF_INET, port 80 | `10.1.2.3:80` | `10.1.2.3` |
//! | AF_INET, port 0 | `10.1.2.3` | `10.1.2.3` |
//! | AF_INET6, port 443 | `[2001:db8::1]:443` | `2001:db8::1` |
//! | AF_INET6, port 0 | `2001:db8::1` | `2001:db8::1` |
//! | AF_UNIX, no path bytes in `salen`, or `sun_path[0] == 0` | `(no pathname bound)` | same |
//! | AF_UNIX | the path, up to its NUL or `salen` | same |
//! | other | `sock_ntop: unknown AF_xxx: 99, len 16` | `sock_ntop_host: unknown AF_xxx: 99, len 16` |
//!
//! The IPv6 text is the same as glibc's `inet_ntop` gives (the longest run of
//! two or more zero groups becomes `::`, the first one on ties; lowercase hex;
//! `::ffff:a.b.c.d` for v4-mapped and `::a.b.c.d` for v4-compatible
//! addresses).  It is produced here, by hand, without `inet_ntop` or
//! `snprintf`.
//!
//! Deliberate difference: each function's result buffer (128 bytes) belongs
//! to the calling thread, not to the process.

use core::ffi::c_char;
use libc::{sockaddr, socklen_t};

/// Size of each result buffer, as in the original (`char str[128]`).
const BUF: usize = 128;
/// Bytes of a `sockaddr_in` that are read: family, port, address.
const MIN_IN: usize = 8;
/// Bytes of a `sockaddr_in6` that are read: family, port, flowinfo, address.
const NEED_IN6: usize = 24;
/// Smallest `salen` accepted for AF_INET6: `sizeof(struct sockaddr)`, which
/// the book's own programs pass for every address (`prifinfo`:
/// `Sock_ntop_host(sa, sizeof(*sa))`).  With 16 to 23, the address's last
/// bytes lie past `salen` and are read anyway (`NEED_IN6` bytes in all):
/// the one documented exception to "nothing past `salen` is read".  Reading
/// only `salen` bytes would print a wrong address for `prifinfo`.
const MIN_IN6: usize = 16;
/// Offset of `sun_path` in a `sockaddr_un` (after the 2-byte family).
const SUN_PATH_AT: usize = 2;
/// `sizeof(((struct sockaddr_un *)0)->sun_path)` on Linux.
const SUN_PATH: usize = 108;
/// The original prints the path with `snprintf(str, 128, "%s", ...)`.
const MAX_PATH_TEXT: usize = BUF - 1;

/// A cursor over a result buffer.  Positions are taken modulo the buffer
/// size (a power of two): no write can leave the buffer and no bounds check
/// or panic path is generated.  Every text written here is shorter than the
/// buffer (at most 127 bytes and the NUL), so the wrap never happens.
struct Out<'a> {
    buf: &'a mut [u8; BUF],
    len: usize,
}

const _: () = assert!(BUF.is_power_of_two());

impl<'a> Out<'a> {
    fn new(buf: &'a mut [u8; BUF], start: usize) -> Self {
        Out { buf, len: start }
    }

    #[inline(always)]
    fn push(&mut self, b: u8) {
        self.buf[self.len % BUF] = b;
        self.len += 1;
    }

    fn extend(&mut self, s: &[u8]) {
        for &b in s {
            self.push(b);
        }
    }

    /// Decimal digits of `v`, no leading zeros.
    #[inline(always)]
    fn dec(&mut self, v: u32) {
        let mut n = 1;
        let mut t = v;
        while t >= 10 {
            t /= 10;
            n += 1;
        }
        let mut p = self.len + n;
        self.len = p;
        let mut v = v;
        loop {
            p -= 1;
            self.buf[p % BUF] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
    }

    /// `%d` of a C int.
    fn signed(&mut self, v: i32) {
        if v < 0 {
            self.push(b'-');
        }
        self.dec(v.unsigned_abs());
    }

    /// One octet in decimal (`%u`).
    #[inline(always)]
    fn octet(&mut self, v: u8) {
        if v >= 100 {
            self.push(b'0' + v / 100);
            self.push(b'0' + (v / 10) % 10);
        } else if v >= 10 {
            self.push(b'0' + v / 10);
        }
        self.push(b'0' + v % 10);
    }

    /// One 16-bit group in lowercase hex without leading zeros (`%x`).
    #[inline(always)]
    fn hex16(&mut self, v: u16) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut shift = if v >= 0x1000 {
            12
        } else if v >= 0x100 {
            8
        } else if v >= 0x10 {
            4
        } else {
            0
        };
        loop {
            self.push(HEX[((v >> shift) & 0xf) as usize]);
            if shift == 0 {
                break;
            }
            shift -= 4;
        }
    }
}

/// `a.b.c.d`, as `inet_ntop(AF_INET)` writes it.
fn put_ipv4(o: &mut Out, a: [u8; 4]) {
    o.octet(a[0]);
    o.push(b'.');
    o.octet(a[1]);
    o.push(b'.');
    o.octet(a[2]);
    o.push(b'.');
    o.octet(a[3]);
}

/// The IPv6 text exactly as glibc's `inet_ntop(AF_INET6)` writes it.
fn put_ipv6(o: &mut Out, a: &[u8; 16]) {
    let mut w = [0u16; 8];
    for (i, g) in w.iter_mut().enumerate() {
        *g = u16::from_be_bytes([a[2 * i], a[2 * i + 1]]);
    }
    // The longest run of zero groups, the first one on ties; runs of one
    // group are not compressed.
    let (mut best, mut best_len) = (0usize, 0usize);
    let mut i = 0;
    while i < 8 {
        if w[i] == 0 {
            let start = i;
            while i < 8 && w[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best = start;
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    if best_len < 2 {
        best_len = 0;
    }
    let end = best + best_len;
    let mut i = 0;
    while i < 8 {
        if best_len != 0 && i == best {
            o.push(b':');
            i = end;
            continue;
        }
        if i != 0 {
            o.push(b':');
        }
        // glibc: an embedded IPv4 address for ::a.b.c.d (six zero groups)
        // and ::ffff:a.b.c.d (five zero groups and ffff).
        if i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff)) {
            put_ipv4(o, [a[12], a[13], a[14], a[15]]);
            return;
        }
        o.hex16(w[i]);
        i += 1;
    }
    if best_len != 0 && end == 8 {
        o.push(b':');
    }
}

/// What the caller wants: `sock_ntop` (address and port) or `sock_ntop_host`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    WithPort,
    HostOnly,
}

/// The address fields that the formatter needs, read from the caller's
/// sockaddr by the FFI edge.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Addr<'a> {
    /// Port in network byte order as stored, address bytes.
    V4 {
        port: [u8; 2],
        addr: [u8; 4],
    },
    V6 {
        port: [u8; 2],
        addr: &'a [u8; 16],
    },
    /// `sun_path` up to (not including) its NUL, at most 108 bytes.
    Unix(&'a [u8]),
    Unknown {
        family: u16,
        salen: u32,
    },
}

/// Formats `addr` into `buf` and returns the offset where the NUL-terminated
/// text starts (1 for an IPv6 `sock_ntop` without a port, as the original
/// returns `str + 1`; 0 otherwise).
pub(crate) fn format(addr: Addr, kind: Kind, buf: &mut [u8; BUF]) -> usize {
    let mut start = 0;
    let mut o = Out::new(buf, 0);
    match addr {
        Addr::V4 { port, addr } => {
            put_ipv4(&mut o, addr);
            let port = u16::from_be_bytes(port);
            if kind == Kind::WithPort && port != 0 {
                o.push(b':');
                o.dec(port as u32);
            }
        }
        Addr::V6 { port, addr } => {
            let port = u16::from_be_bytes(port);
            if kind == Kind::WithPort {
                o.push(b'[');
                start = 1;
            }
            put_ipv6(&mut o, addr);
            if kind == Kind::WithPort && port != 0 {
                o.extend(b"]:");
                o.dec(port as u32);
                start = 0;
            }
        }
        Addr::Unix(path) => {
            if path.is_empty() {
                o.extend(b"(no pathname bound)");
            } else {
                o.extend(&path[..path.len().min(MAX_PATH_TEXT)]);
            }
        }
        Addr::Unknown { family, salen } => {
            o.extend(match kind {
                Kind::WithPort => b"sock_ntop: unknown AF_xxx: ".as_slice(),
                Kind::HostOnly => b"sock_ntop_host: unknown AF_xxx: ".as_slice(),
            });
            o.dec(family as u32);
            o.extend(b", len ");
            o.signed(salen as i32);
        }
    }
    o.push(0);
    start
}

/// Reads the fields of `*sa` that `format` needs.  `None` (errno EINVAL) for
/// a NULL pointer or a length too small for the family.
///
/// # Safety
/// `sa` is NULL or points to at least 2 bytes (the family) and to `salen`
/// bytes; for AF_INET6 with `salen` 16 to 23, to 24 bytes.  Those bytes are
/// not written while the result is in use.
unsafe fn read_addr<'a>(sa: *const sockaddr, salen: socklen_t) -> Option<Addr<'a>> {
    if sa.is_null() {
        return None;
    }
    let p = sa as *const u8;
    // SAFETY: sa is not NULL, so it has the two family bytes (this
    // function's contract); read unaligned.
    let family = unsafe { core::ptr::read_unaligned(sa as *const libc::sa_family_t) };
    let salen_us = salen as usize;
    Some(match family as i32 {
        libc::AF_INET if salen_us >= MIN_IN => {
            // SAFETY: salen >= 8, so the 8 bytes through sin_addr are there
            // (this function's contract); a byte array needs no alignment.
            let b = unsafe { &*(p as *const [u8; MIN_IN]) };
            Addr::V4 {
                port: [b[2], b[3]],
                addr: [b[4], b[5], b[6], b[7]],
            }
        }
        libc::AF_INET6 if salen_us >= MIN_IN6 => {
            // SAFETY: AF_INET6 with salen >= 16: this function's contract
            // gives the 24 bytes through sin6_addr (bytes 8..24), byte
            // arrays, so no alignment; not written while `addr` is used.
            let (b, addr) = unsafe {
                (
                    &*(p as *const [u8; NEED_IN6]),
                    &*(p.add(8) as *const [u8; 16]),
                )
            };
            Addr::V6 {
                port: [b[2], b[3]],
                addr,
            }
        }
        libc::AF_INET | libc::AF_INET6 => return None,
        libc::AF_UNIX => {
            // The path bytes that salen covers: none for an unnamed socket
            // (accept and getpeername give salen 2), at most the 108 of
            // sun_path, up to the first NUL.
            let avail = salen_us.saturating_sub(SUN_PATH_AT).min(SUN_PATH);
            // SAFETY: sun_path starts at offset 2, and avail > 0 only when
            // salen covers bytes from there on; strnlen reads at most those
            // avail bytes, and the slice is the n <= avail of them before
            // the first NUL (not written while the result is in use).
            Addr::Unix(unsafe {
                let path = p.add(SUN_PATH_AT);
                let n = libc::strnlen(path as *const c_char, avail);
                core::slice::from_raw_parts(path, n)
            })
        }
        _ => Addr::Unknown { family, salen },
    })
}

/// The shared body of both functions.
///
/// The text is made in a local buffer and then copied into the thread's
/// result buffer: the caller's address may itself lie in that buffer (a
/// previous result passed back as a `sockaddr`), and `addr` borrows it
/// until `format` is done.
///
/// # Safety
/// As `read_addr`.
unsafe fn ntop(sa: *const sockaddr, salen: socklen_t, kind: Kind) -> *mut c_char {
    // SAFETY: this function's contract is read_addr's.
    let Some(addr) = (unsafe { read_addr(sa, salen) }) else {
        crate::ffi::set_errno(libc::EINVAL);
        return core::ptr::null_mut();
    };
    let st = crate::tls::state();
    if st.is_null() {
        return core::ptr::null_mut();
    }
    let mut text = [0u8; BUF];
    let start = format(addr, kind, &mut text);
    // The text and its NUL (the text holds no other NUL), as the original
    // writes them: the bytes after stay as they were.
    let n = text.iter().position(|&b| b == 0).map_or(BUF, |i| i + 1);
    // SAFETY: st is this thread's live block (tls::state); its buffer is
    // written through a raw pointer, with no reference to it, after the
    // last use of `addr`; n <= BUF bytes from a local, which cannot
    // overlap it; start is 0 or 1, inside the buffer.
    unsafe {
        let buf = match kind {
            Kind::WithPort => &raw mut (*st).ntop,
            Kind::HostOnly => &raw mut (*st).ntop_host,
        };
        core::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), n);
        buf.cast::<u8>().add(start) as *mut c_char
    }
}

/// The presentation form of a socket address with its port:
/// `10.1.2.3:80`, `[2001:db8::1]:443`; no port part when the port is 0
/// (`10.1.2.3`, `2001:db8::1`).  AF_UNIX: the path, or `(no pathname bound)`
/// when there are no path bytes (see below).  Any other family:
/// `sock_ntop: unknown AF_xxx: 99, len 16`.
///
/// The result is in a 128-byte buffer of the calling thread, overwritten by
/// its next call.  Returns NULL with errno EINVAL when `sa` is NULL or
/// `salen` is too short for the family (below 8 for AF_INET, below 16 for
/// AF_INET6).
///
/// Nothing past `salen` bytes is read, except the 2-byte family (always
/// read) and one case: AF_INET6 with `salen` 16 to 23 reads the 24 bytes
/// through `sin6_addr` (accepted because the book's `prifinfo` passes
/// `sizeof(struct sockaddr)` for IPv6 addresses).  AF_UNIX: `sun_path` is
/// read up to its NUL, the end of `salen` or its 108th byte; no path bytes
/// (an unnamed peer from `accept`, `salen` 2) print `(no pathname bound)`.
///
/// Differs from the original: the buffer is per thread, not per process (a
/// pointer must not outlive its thread), a short `salen` is an error
/// instead of being ignored for AF_INET and AF_INET6, and AF_UNIX honours
/// `salen` (the original read `sun_path` whatever `salen` said).
#[no_mangle]
pub unsafe extern "C" fn sock_ntop(sa: *const sockaddr, salen: socklen_t) -> *mut c_char {
    // SAFETY: sa is NULL or points to salen bytes (the C caller's contract),
    // and to the family and, for AF_INET6, the 24 bytes through sin6_addr
    // (the reads beyond salen documented above).
    unsafe { ntop(sa, salen, Kind::WithPort) }
}

/// `sock_ntop()`; a NULL result exits through `err_sys("sock_ntop error")`,
/// e.g. `sock_ntop error: Invalid argument`.
#[no_mangle]
pub unsafe extern "C" fn Sock_ntop(sa: *const sockaddr, salen: socklen_t) -> *mut c_char {
    wrap!(
        relay!(sock_ntop(sa, salen)),
        |p| p.is_null(),
        c"sock_ntop error"
    )
}

/// The presentation form of the address alone: `10.1.2.3`, `2001:db8::1` (no
/// brackets, no port).  AF_UNIX as `sock_ntop`; any other family:
/// `sock_ntop_host: unknown AF_xxx: 99, len 16`.
///
/// The result is in a second 128-byte buffer of the calling thread.  Returns
/// NULL with errno EINVAL, and reads the caller's bytes, as `sock_ntop` does.
#[no_mangle]
pub unsafe extern "C" fn sock_ntop_host(sa: *const sockaddr, salen: socklen_t) -> *mut c_char {
    // SAFETY: as in sock_ntop, whose reads this function documents as its own.
    unsafe { ntop(sa, salen, Kind::HostOnly) }
}

/// `sock_ntop_host()`; a NULL result exits through
/// `err_sys("sock_ntop_host error")`.
#[no_mangle]
pub unsafe extern "C" fn Sock_ntop_host(sa: *const sockaddr, salen: socklen_t) -> *mut c_char {
    wrap!(
        relay!(sock_ntop_host(sa, salen)),
        |p| p.is_null(),
        c"sock_ntop_host error"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn text(addr: Addr, kind: Kind) -> String {
        let mut buf = [0xAAu8; BUF];
        let start = format(addr, kind, &mut buf);
        CStr::from_bytes_until_nul(&buf[start..])
            .unwrap()
            .to_str()
            .unwrap()
            .to_string()
    }

    fn v6(a: [u8; 16]) -> String {
        text(
            Addr::V6 {
                port: [0, 0],
                addr: &a,
            },
            Kind::HostOnly,
        )
    }

    fn parse6(s: &str) -> [u8; 16] {
        s.parse::<std::net::Ipv6Addr>().unwrap().octets()
    }

    /// glibc's inet_ntop, the reference.
    fn libc_ntop6(a: &[u8; 16]) -> String {
        let mut out = [0 as c_char; 64];
        // SAFETY: 16 address bytes in, 64 bytes of room out.
        let r = unsafe {
            crate::ffi::inet_ntop(libc::AF_INET6, a.as_ptr().cast(), out.as_mut_ptr(), 64)
        };
        assert!(!r.is_null());
        // SAFETY: inet_ntop succeeded, so `out` holds a NUL-terminated text.
        unsafe { CStr::from_ptr(out.as_ptr()) }
            .to_str()
            .unwrap()
            .to_string()
    }

    fn libc_ntop4(a: [u8; 4]) -> String {
        let mut out = [0 as c_char; 32];
        // SAFETY: 4 address bytes in, 32 bytes of room out.
        let r = unsafe {
            crate::ffi::inet_ntop(libc::AF_INET, a.as_ptr().cast(), out.as_mut_ptr(), 32)
        };
        assert!(!r.is_null());
        // SAFETY: inet_ntop succeeded, so `out` holds a NUL-terminated text.
        unsafe { CStr::from_ptr(out.as_ptr()) }
            .to_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn ipv4_with_and_without_port() {
        let a = Addr::V4 {
            port: 80u16.to_be_bytes(),
            addr: [10, 1, 2, 3],
        };
        assert_eq!(text(a, Kind::WithPort), "10.1.2.3:80");
        assert_eq!(text(a, Kind::HostOnly), "10.1.2.3");
        let a = Addr::V4 {
            port: [0, 0],
            addr: [10, 1, 2, 3],
        };
        assert_eq!(text(a, Kind::WithPort), "10.1.2.3");
        let a = Addr::V4 {
            port: 65535u16.to_be_bytes(),
            addr: [255, 255, 255, 255],
        };
        assert_eq!(text(a, Kind::WithPort), "255.255.255.255:65535");
        let a = Addr::V4 {
            port: 1u16.to_be_bytes(),
            addr: [0, 0, 0, 0],
        };
        assert_eq!(text(a, Kind::WithPort), "0.0.0.0:1");
        let a = Addr::V4 {
            port: 10000u16.to_be_bytes(),
            addr: [100, 99, 10, 9],
        };
        assert_eq!(text(a, Kind::WithPort), "100.99.10.9:10000");
    }

    #[test]
    fn ipv6_with_and_without_port() {
        let x = parse6("2001:db8::1");
        assert_eq!(
            text(
                Addr::V6 {
                    port: 443u16.to_be_bytes(),
                    addr: &x
                },
                Kind::WithPort
            ),
            "[2001:db8::1]:443"
        );
        assert_eq!(
            text(
                Addr::V6 {
                    port: 443u16.to_be_bytes(),
                    addr: &x
                },
                Kind::HostOnly
            ),
            "2001:db8::1"
        );
        assert_eq!(
            text(
                Addr::V6 {
                    port: [0, 0],
                    addr: &x
                },
                Kind::WithPort
            ),
            "2001:db8::1"
        );
        let mut buf = [0u8; BUF];
        assert_eq!(
            format(
                Addr::V6 {
                    port: [0, 0],
                    addr: &x
                },
                Kind::WithPort,
                &mut buf
            ),
            1
        );
        assert_eq!(buf[0], b'[');
        let y = parse6("fe80::1");
        assert_eq!(
            text(
                Addr::V6 {
                    port: [0xff, 0xff],
                    addr: &y
                },
                Kind::WithPort
            ),
            "[fe80::1]:65535"
        );
    }

    #[test]
    fn ipv6_forms() {
        for (inp, want) in [
            ("::", "::"),
            ("::1", "::1"),
            ("::2", "::2"),
            ("1::", "1::"),
            ("::1.2.3.4", "::1.2.3.4"),
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
            ("::ffff:0:0", "::ffff:0.0.0.0"),
            ("::ffff:0:1.2.3.4", "::ffff:0:102:304"),
            ("::fffe:1.2.3.4", "::fffe:102:304"),
            ("::0.0.1.0", "::100"),
            ("::0.1.0.0", "::0.1.0.0"),
            ("::1:0:0", "::1:0:0"),
            ("1:0:0:2::3", "1:0:0:2::3"),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
            ("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"),
            ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
            ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
            ("1:0:0:1:0:0:1:1", "1::1:0:0:1:1"),
            (
                "2001:DB8:ABCD:EF01:2345:6789:ABCD:EF01",
                "2001:db8:abcd:ef01:2345:6789:abcd:ef01",
            ),
            ("64:ff9b::1.2.3.4", "64:ff9b::102:304"),
            ("0:0:0:0:1::", "::1:0:0:0"),
            ("ffff::", "ffff::"),
            ("::ffff", "::ffff"),
            ("a:b:c:d:e:f:0:0", "a:b:c:d:e:f::"),
        ] {
            let a = parse6(inp);
            assert_eq!(v6(a), want, "{inp}");
            assert_eq!(v6(a), libc_ntop6(&a), "{inp} vs glibc");
        }
    }

    /// A small deterministic generator (xorshift64*).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
    }

    #[test]
    fn ipv6_matches_glibc_on_random_and_sparse_addresses() {
        let mut r = Rng(0x9E37_79B9_7F4A_7C15);
        for n in 0..300_000 {
            let mut a = [0u8; 16];
            let x = r.next();
            let y = r.next();
            a[..8].copy_from_slice(&x.to_ne_bytes());
            a[8..].copy_from_slice(&y.to_ne_bytes());
            // Zero groups at random (most addresses get some runs), and now
            // and then the v4-mapped/compatible prefixes.
            let mask = r.next();
            for g in 0..8 {
                if (mask >> (g * 3)) & 3 != 0 {
                    a[2 * g] = 0;
                    a[2 * g + 1] = 0;
                }
                // Small group values (1 to 3 hex digits).
                match (mask >> (32 + g * 4)) & 7 {
                    0 => a[2 * g] = 0,
                    1 => {
                        a[2 * g] = 0;
                        a[2 * g + 1] &= 0x0f
                    }
                    2 => a[2 * g] &= 0x0f,
                    _ => {}
                }
            }
            match n % 7 {
                0 => {
                    a[..10].fill(0);
                    a[10] = 0xff;
                    a[11] = 0xff;
                }
                1 => a[..12].fill(0),
                2 => a[..10].fill(0),
                _ => {}
            }
            assert_eq!(v6(a), libc_ntop6(&a), "{a:?}");
        }
        // Every pattern of zero/nonzero groups, with 1 and ffff as values.
        for pat in 0u32..(1 << 16) {
            let mut a = [0u8; 16];
            for g in 0..8 {
                match (pat >> (2 * g)) & 3 {
                    0 => {}
                    1 => a[2 * g + 1] = 1,
                    2 => a[2 * g..2 * g + 2].copy_from_slice(&[0xff, 0xff]),
                    _ => a[2 * g..2 * g + 2].copy_from_slice(&[0x12, 0x0a]),
                }
            }
            assert_eq!(v6(a), libc_ntop6(&a), "{a:?}");
        }
    }

    #[test]
    fn ipv4_matches_glibc() {
        let mut r = Rng(12345);
        for _ in 0..100_000 {
            let a = (r.next() as u32).to_ne_bytes();
            let got = text(
                Addr::V4 {
                    port: [0, 0],
                    addr: a,
                },
                Kind::HostOnly,
            );
            assert_eq!(got, libc_ntop4(a));
        }
        for v in 0..=255u8 {
            let a = [v, 255 - v, v / 3, v % 10];
            assert_eq!(
                text(
                    Addr::V4 {
                        port: [0, 0],
                        addr: a
                    },
                    Kind::HostOnly
                ),
                libc_ntop4(a)
            );
        }
    }

    #[test]
    fn ports_in_decimal() {
        for p in [1u16, 9, 10, 99, 100, 999, 1000, 9999, 10000, 12345, 65535] {
            let a = Addr::V4 {
                port: p.to_be_bytes(),
                addr: [1, 2, 3, 4],
            };
            assert_eq!(text(a, Kind::WithPort), format!("1.2.3.4:{p}"));
            let x = [0u8; 16];
            let a = Addr::V6 {
                port: p.to_be_bytes(),
                addr: &x,
            };
            assert_eq!(text(a, Kind::WithPort), format!("[::]:{p}"));
        }
    }

    #[test]
    fn unix_paths() {
        assert_eq!(text(Addr::Unix(b""), Kind::WithPort), "(no pathname bound)");
        assert_eq!(text(Addr::Unix(b""), Kind::HostOnly), "(no pathname bound)");
        assert_eq!(text(Addr::Unix(b"/tmp/sock"), Kind::WithPort), "/tmp/sock");
        let long = [b'p'; 108];
        assert_eq!(text(Addr::Unix(&long), Kind::HostOnly), "p".repeat(108));
        let longer = [b'q'; 200];
        assert_eq!(text(Addr::Unix(&longer), Kind::HostOnly), "q".repeat(127));
    }

    #[test]
    fn unknown_family() {
        assert_eq!(
            text(
                Addr::Unknown {
                    family: 99,
                    salen: 16
                },
                Kind::WithPort
            ),
            "sock_ntop: unknown AF_xxx: 99, len 16"
        );
        assert_eq!(
            text(
                Addr::Unknown {
                    family: 0,
                    salen: 0
                },
                Kind::HostOnly
            ),
            "sock_ntop_host: unknown AF_xxx: 0, len 0"
        );
        assert_eq!(
            text(
                Addr::Unknown {
                    family: 65535,
                    salen: u32::MAX
                },
                Kind::HostOnly
            ),
            "sock_ntop_host: unknown AF_xxx: 65535, len -1"
        );
        assert_eq!(
            text(
                Addr::Unknown {
                    family: 17,
                    salen: 0x8000_0000
                },
                Kind::WithPort
            ),
            "sock_ntop: unknown AF_xxx: 17, len -2147483648"
        );
    }

    #[test]
    fn read_addr_guards_lengths() {
        // SAFETY: all-zero is a valid address structure (here and below),
        // and read_addr is given whole structures (16, 28 and 110 bytes)
        // with lengths up to those sizes, or NULL.
        let mut sin: libc::sockaddr_in = unsafe { std::mem::zeroed() };
        sin.sin_family = libc::AF_INET as u16;
        let sa = &sin as *const _ as *const sockaddr;
        // SAFETY: see above.
        unsafe {
            assert!(read_addr(sa, 7).is_none());
            assert!(read_addr(sa, 8).is_some());
            assert!(read_addr(std::ptr::null(), 16).is_none());
        }
        // SAFETY: see above.
        let mut sin6: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
        sin6.sin6_family = libc::AF_INET6 as u16;
        let sa = &sin6 as *const _ as *const sockaddr;
        // SAFETY: see above.
        unsafe {
            assert!(read_addr(sa, 15).is_none());
            assert!(read_addr(sa, 16).is_some());
        }
        // SAFETY: see above.
        let mut sun: libc::sockaddr_un = unsafe { std::mem::zeroed() };
        sun.sun_family = libc::AF_UNIX as u16;
        for c in sun.sun_path.iter_mut() {
            *c = b'z' as c_char;
        }
        let sa = &sun as *const _ as *const sockaddr;
        for (salen, want) in [(0, 0), (2, 0), (3, 1), (16, 14), (110, 108), (128, 108)] {
            // SAFETY: see above (128 is read as 110: sun_path ends there).
            match unsafe { read_addr(sa, salen) } {
                Some(Addr::Unix(p)) => assert_eq!(p.len(), want, "salen {salen}"),
                other => panic!("{other:?}"),
            }
        }
    }

    /// A previous result passed back as an address: the result buffer is
    /// both what is read and what is written.  The text must be the one of
    /// the address as it was before the call.
    #[test]
    fn own_result_as_address() {
        let unix = |path: &[u8]| {
            // SAFETY: all-zero is a valid sockaddr_un.
            let mut sun: libc::sockaddr_un = unsafe { std::mem::zeroed() };
            sun.sun_family = libc::AF_UNIX as u16;
            for (d, &c) in sun.sun_path.iter_mut().zip(path) {
                *d = c as c_char;
            }
            sun
        };
        let call = |sa: *const sockaddr, len: usize| {
            // SAFETY: `sa` points to `len` readable bytes, as the callers
            // below make sure.
            let p = unsafe { sock_ntop(sa, len as socklen_t) };
            assert!(!p.is_null());
            p
        };
        let len = std::mem::size_of::<libc::sockaddr_un>();
        let a = unix(&[b'A'; 60]);
        let b = unix(&[1]);
        call(&a as *const _ as *const sockaddr, len);
        // The buffer now holds 60 A's and a NUL; this call makes its first
        // two bytes 0x01 0x00: AF_UNIX, followed by 58 of those A's.
        let p = call(&b as *const _ as *const sockaddr, len);
        // 110 bytes of the 128-byte result buffer: a sockaddr_un.
        let r = call(p as *const sockaddr, len);
        // SAFETY: sock_ntop returns a NUL-terminated text.
        let t = unsafe { CStr::from_ptr(r) }.to_bytes();
        assert_eq!(t, &[b'A'; 58][..]);
    }
}
