//! The protocol-independent socket address helpers (the book's `lib/sock_*.c`):
//! `sock_bind_wild`, `Sock_bind_wild`, `sock_cmp_addr`, `sock_cmp_port`,
//! `sock_get_port`, `sock_set_addr`, `sock_set_port`, `sock_set_wild`.
//!
//! Conventions kept from the original: ports go in and out in **network
//! byte order**; `sock_cmp_addr` returns 0 for equal addresses,
//! `sock_cmp_port` returns 1 for equal ports; the `salen` arguments are
//! ignored (each family's own structure size is used).
//!
//! NULL pointers, which the original dereferences, are answered like an
//! unknown family: -1 for the functions that return a value (errno EINVAL),
//! nothing done for the setters.
//!
//! Since `salen` is not consulted, a non-NULL address must be a whole
//! structure of its family (`sockaddr_in`, `sockaddr_in6`; for
//! `sock_cmp_addr`, a `sockaddr_un` whose path ends within `sun_path` or at
//! its end): the doc comments say what each function reads and writes.

use core::ffi::{c_int, c_void};
use libc::{sockaddr, sockaddr_in, sockaddr_in6, socklen_t};

/// `sizeof(((struct sockaddr_un *)0)->sun_path)` on Linux.
const SUN_PATH: usize = 108;
/// Offset of `sin_port` / `sin6_port`.
const PORT_AT: usize = 2;
/// Offset of `sin_addr`.
const ADDR4_AT: usize = 4;
/// Offset of `sin6_addr`.
const ADDR6_AT: usize = 8;

/// The family of `*sa`, or None for NULL.
///
/// # Safety
/// `sa` is NULL or points to at least the two family bytes.
#[inline]
unsafe fn family(sa: *const sockaddr) -> Option<c_int> {
    if sa.is_null() {
        None
    } else {
        // SAFETY: not NULL, so the two family bytes are there (this
        // function's contract); read unaligned.
        Some(unsafe { core::ptr::read_unaligned(sa as *const libc::sa_family_t) } as c_int)
    }
}

/// Binds `sockfd` to the wildcard address of `family` (AF_INET or AF_INET6)
/// with port 0, so the kernel picks the port, and returns that port **in
/// network byte order** (the raw `sin_port`/`sin6_port`).
///
/// Returns -1 with errno set when bind() or getsockname() fails, and -1 with
/// errno unchanged for any other family.
#[no_mangle]
pub unsafe extern "C" fn sock_bind_wild(sockfd: c_int, family: c_int) -> c_int {
    match family {
        libc::AF_INET => {
            // SAFETY: all-zero is a valid sockaddr_in (INADDR_ANY, port 0).
            let mut sin: sockaddr_in = unsafe { core::mem::zeroed() };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            // SAFETY: sockaddr_in is a socket address of plain integers.
            unsafe { bind_then_port(sockfd, sin, |a| a.sin_port) }
        }
        libc::AF_INET6 => {
            // SAFETY: all-zero is a valid sockaddr_in6 (in6addr_any, port 0).
            let mut sin6: sockaddr_in6 = unsafe { core::mem::zeroed() };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            // SAFETY: sockaddr_in6 is a socket address of plain integers.
            unsafe { bind_then_port(sockfd, sin6, |a| a.sin6_port) }
        }
        _ => -1,
    }
}

/// bind() `sockfd` to `addr`, read the address back with getsockname() and
/// return its raw (network-order) port; -1 with errno when either call fails.
///
/// # Safety
/// T is a socket address structure of plain integers and bytes (any bytes
/// getsockname writes into it make a valid T).
unsafe fn bind_then_port<T>(sockfd: c_int, mut addr: T, port: impl Fn(&T) -> u16) -> c_int {
    let mut len = core::mem::size_of::<T>() as socklen_t;
    let sa = &mut addr as *mut T as *mut sockaddr;
    // SAFETY: sa points to the local T, of len bytes, which bind reads.
    if unsafe { libc::bind(sockfd, sa, len) } < 0 {
        return -1;
    }
    // SAFETY: getsockname writes at most len bytes into the local T, any
    // of which are valid (this function's contract), and len.
    if unsafe { libc::getsockname(sockfd, sa, &mut len) } < 0 {
        return -1;
    }
    c_int::from(port(&addr))
}

/// `sock_bind_wild()`; a result < 0 exits through
/// `err_sys("sock_bind_wild error")`.  Returns the port in network byte order.
#[no_mangle]
pub unsafe extern "C" fn Sock_bind_wild(sockfd: c_int, family: c_int) -> c_int {
    wrap!(
        relay!(sock_bind_wild(sockfd, family)),
        |n| n < 0,
        c"sock_bind_wild error"
    )
}

/// Compares the addresses (not the ports) of two socket addresses.  Returns
/// 0 when they are equal; otherwise the result of `memcmp` over `sin_addr`
/// (AF_INET, 4 bytes) or `sin6_addr` (AF_INET6, 16 bytes), or of comparing
/// the `sun_path` strings (AF_UNIX, at most 108 bytes).  Returns -1 when the
/// families differ, for any other family, or when a pointer is NULL.
///
/// `salen` is ignored: each address is read as a whole structure of its
/// family, up to the end of `sin_addr` (8 bytes) or `sin6_addr` (24
/// bytes), or up to the NUL of `sun_path` or its 108th byte (110 bytes).
#[no_mangle]
pub unsafe extern "C" fn sock_cmp_addr(
    sa1: *const sockaddr,
    sa2: *const sockaddr,
    salen: socklen_t,
) -> c_int {
    let _ = salen; // ignored, as in the original
                   // SAFETY: each is NULL or an address (the C caller's contract).
    let (Some(f1), Some(f2)) = (unsafe { family(sa1) }, unsafe { family(sa2) }) else {
        crate::ffi::set_errno(libc::EINVAL);
        return -1;
    };
    if f1 != f2 {
        return -1;
    }
    let (p1, p2) = (sa1 as *const u8, sa2 as *const u8);
    // SAFETY: neither is NULL, so both are whole addresses of the family
    // just read (the C caller's contract, stated above); byte arrays need
    // no alignment; the AF_UNIX paths are read up to their NUL or the end
    // of sun_path (`path`'s contract).
    unsafe {
        match f1 {
            libc::AF_INET => mem_diff(
                &*(p1.add(ADDR4_AT) as *const [u8; 4]),
                &*(p2.add(ADDR4_AT) as *const [u8; 4]),
            ),
            libc::AF_INET6 => mem_diff(
                &*(p1.add(ADDR6_AT) as *const [u8; 16]),
                &*(p2.add(ADDR6_AT) as *const [u8; 16]),
            ),
            libc::AF_UNIX => str_diff(path(p1), path(p2)),
            _ => -1,
        }
    }
}

/// `sun_path` of a `sockaddr_un` up to its NUL, at most 108 bytes.
///
/// # Safety
/// `p` points to a `sockaddr_un` whose path ends at a NUL or at the end of
/// `sun_path`, not written while the result is in use.
unsafe fn path<'a>(p: *const u8) -> &'a [u8] {
    // SAFETY: sun_path is the 108 bytes from offset 2; strnlen reads at
    // most those, and the slice is the n <= 108 of them before the NUL.
    unsafe {
        let n = libc::strnlen(p.add(2).cast(), SUN_PATH);
        core::slice::from_raw_parts(p.add(2), n)
    }
}

/// What glibc's `memcmp` returns (and so the original): the difference of the
/// first differing bytes as unsigned chars, 0 when equal.  Written out
/// because the compiler would otherwise expand a fixed-size `memcmp` inline
/// into a -1/0/1 result.
fn mem_diff(a: &[u8], b: &[u8]) -> c_int {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return *x as c_int - *y as c_int;
        }
    }
    0
}

/// What glibc's `strcmp` returns over two paths without their NULs: the
/// difference of the first differing bytes, a missing byte counting as NUL.
fn str_diff(a: &[u8], b: &[u8]) -> c_int {
    let n = a.len().max(b.len());
    for i in 0..n {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        if x != y {
            return x as c_int - y as c_int;
        }
    }
    0
}

/// Compares the ports of two AF_INET or AF_INET6 socket addresses.  Returns
/// **1 when they are equal** and 0 when they differ (the opposite sense from
/// `sock_cmp_addr`); -1 when the families differ, for any other family, or
/// when a pointer is NULL.  `salen` is ignored: the family and the port
/// (the first 4 bytes) of each address are read.
#[no_mangle]
pub unsafe extern "C" fn sock_cmp_port(
    sa1: *const sockaddr,
    sa2: *const sockaddr,
    salen: socklen_t,
) -> c_int {
    let _ = salen; // ignored, as in the original
                   // SAFETY: each is NULL or an address (the C caller's contract).
    let (Some(f1), Some(f2)) = (unsafe { family(sa1) }, unsafe { family(sa2) }) else {
        crate::ffi::set_errno(libc::EINVAL);
        return -1;
    };
    if f1 != f2 {
        return -1;
    }
    match f1 {
        libc::AF_INET | libc::AF_INET6 => {
            // SAFETY: both are whole addresses of a family that holds its
            // port at offset 2 (the C caller's contract); read unaligned.
            let (a, b) = unsafe {
                (
                    core::ptr::read_unaligned((sa1 as *const u8).add(PORT_AT) as *const u16),
                    core::ptr::read_unaligned((sa2 as *const u8).add(PORT_AT) as *const u16),
                )
            };
            (a == b) as c_int
        }
        _ => -1,
    }
}

/// The port of an AF_INET or AF_INET6 socket address.  `salen` is ignored:
/// the family and the port (the first 4 bytes) are read.
///
/// Returns the port **in network byte order** (the raw
/// `sin_port`/`sin6_port`, 0 to 65535), or -1 for any other family or a
/// NULL pointer.
#[no_mangle]
pub unsafe extern "C" fn sock_get_port(sa: *const sockaddr, salen: socklen_t) -> c_int {
    let _ = salen; // ignored, as in the original
                   // SAFETY: sa is NULL or an address (the C caller's contract).
    match unsafe { family(sa) } {
        Some(libc::AF_INET) | Some(libc::AF_INET6) => {
            // SAFETY: a whole address of a family that holds its port at
            // offset 2 (the C caller's contract); read unaligned.
            let port =
                unsafe { core::ptr::read_unaligned((sa as *const u8).add(PORT_AT) as *const u16) };
            port as c_int
        }
        None => {
            crate::ffi::set_errno(libc::EINVAL);
            -1
        }
        _ => -1,
    }
}

/// Copies an address into `sin_addr` (AF_INET: 4 bytes from `addr`) or
/// `sin6_addr` (AF_INET6: 16 bytes).  Other families, or a NULL pointer: no
/// effect.  `salen` is ignored: `sa` is a whole `sockaddr_in` or
/// `sockaddr_in6`, as its family says, and `addr` holds 4 or 16 bytes.
#[no_mangle]
pub unsafe extern "C" fn sock_set_addr(sa: *mut sockaddr, salen: socklen_t, addr: *const c_void) {
    let _ = salen; // ignored, as in the original
    if addr.is_null() {
        return;
    }
    // SAFETY: sa is NULL or an address (the C caller's contract).
    let (at, n) = match unsafe { family(sa) } {
        Some(libc::AF_INET) => (ADDR4_AT, 4),
        Some(libc::AF_INET6) => (ADDR6_AT, 16),
        _ => return,
    };
    // SAFETY: the family says the field (n bytes at offset `at`) is there,
    // and addr holds n bytes (the C caller's contract, stated above);
    // `copy` allows the two to overlap.
    unsafe { core::ptr::copy(addr as *const u8, (sa as *mut u8).add(at), n) };
}

/// Stores `port` into `sin_port`/`sin6_port` truncated to 16 bits and **not
/// byte-swapped**: the caller passes it in network byte order (`htons(80)`).
/// Other families, or a NULL pointer: no effect.  `salen` is ignored: the
/// family and the port (the first 4 bytes) are read and written.
#[no_mangle]
pub unsafe extern "C" fn sock_set_port(sa: *mut sockaddr, salen: socklen_t, port: c_int) {
    let _ = salen; // ignored, as in the original
                   // SAFETY: sa is NULL or an address (the C caller's contract).
    match unsafe { family(sa) } {
        Some(libc::AF_INET) | Some(libc::AF_INET6) => {
            // SAFETY: a whole, writable address of a family that holds its
            // port at offset 2 (the C caller's contract); written unaligned.
            unsafe {
                core::ptr::write_unaligned((sa as *mut u8).add(PORT_AT) as *mut u16, port as u16)
            }
        }
        _ => {}
    }
}

/// Sets the wildcard address: INADDR_ANY for AF_INET, in6addr_any for
/// AF_INET6.  The port is left alone.  Other families, or a NULL pointer: no
/// effect.  `salen` is ignored: `sa` is a whole `sockaddr_in` or
/// `sockaddr_in6`, as its family says (`sock_set_addr` writes the address).
#[no_mangle]
pub unsafe extern "C" fn sock_set_wild(sa: *mut sockaddr, salen: socklen_t) {
    const ANY: [u8; 16] = [0; 16];
    // SAFETY: sa is NULL or an address (the C caller's contract).
    if let Some(libc::AF_INET | libc::AF_INET6) = unsafe { family(sa) } {
        // SAFETY: sa is a whole address of its family (the C caller's
        // contract, stated above), and ANY holds the 16 bytes an AF_INET6
        // address needs (4 for AF_INET); sock_set_addr is the library's, or
        // a program's own with its prototype and contract.
        unsafe { crate::sym::sock_set_addr(sa, salen, ANY.as_ptr().cast()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(addr: [u8; 4], port: u16) -> sockaddr_in {
        // SAFETY: all-zero is a valid sockaddr_in.
        let mut s: sockaddr_in = unsafe { core::mem::zeroed() };
        s.sin_family = libc::AF_INET as u16;
        s.sin_port = port.to_be();
        s.sin_addr.s_addr = u32::from_ne_bytes(addr);
        s
    }

    fn v6(last: u8, port: u16) -> sockaddr_in6 {
        // SAFETY: all-zero is a valid sockaddr_in6.
        let mut s: sockaddr_in6 = unsafe { core::mem::zeroed() };
        s.sin6_family = libc::AF_INET6 as u16;
        s.sin6_port = port.to_be();
        s.sin6_addr.s6_addr[15] = last;
        s
    }

    fn sa<T>(t: &T) -> *const sockaddr {
        t as *const T as *const sockaddr
    }

    #[test]
    fn compare_and_ports() {
        let a = v4([10, 0, 0, 1], 80);
        let b = v4([10, 0, 0, 1], 81);
        let c = v4([10, 0, 0, 6], 80);
        let d = v6(1, 80);
        // SAFETY: every pointer is a whole local address of its family, or NULL.
        unsafe {
            assert_eq!(sock_cmp_addr(sa(&a), sa(&b), 16), 0);
            assert_eq!(sock_cmp_addr(sa(&a), sa(&c), 16), -5);
            assert_eq!(str_diff(b"/tmp/ab", b"/tmp/abc"), -(b'c' as c_int));
            assert_eq!(str_diff(b"/tmp/\xff", b"/tmp/a"), 0xff - b'a' as c_int);
            assert_eq!(mem_diff(&[200, 0], &[1, 0]), 199);
            assert_eq!(sock_cmp_addr(sa(&c), sa(&a), 16), 5);
            assert_eq!(sock_cmp_addr(sa(&a), sa(&d), 16), -1);
            assert_eq!(sock_cmp_port(sa(&a), sa(&c), 16), 1);
            assert_eq!(sock_cmp_port(sa(&a), sa(&b), 16), 0);
            assert_eq!(sock_cmp_port(sa(&a), sa(&d), 16), -1);
            assert_eq!(sock_get_port(sa(&a), 16), 80u16.to_be() as c_int);
            assert_eq!(sock_get_port(sa(&d), 28), 80u16.to_be() as c_int);
            assert_eq!(sock_get_port(core::ptr::null(), 28), -1);
            assert_eq!(sock_cmp_addr(core::ptr::null(), sa(&a), 16), -1);
        }
    }

    #[test]
    fn setters() {
        let mut a = v4([10, 0, 0, 1], 80);
        let mut d = v6(1, 80);
        // SAFETY: every address is a whole, writable local of its family;
        // x has the 4 bytes an AF_INET address takes.
        unsafe {
            sock_set_port(&mut a as *mut _ as *mut sockaddr, 16, 0x12345678);
            assert_eq!(a.sin_port, 0x5678);
            sock_set_wild(&mut a as *mut _ as *mut sockaddr, 16);
            assert_eq!(a.sin_addr.s_addr, 0);
            let x = [1u8, 2, 3, 4];
            sock_set_addr(&mut a as *mut _ as *mut sockaddr, 16, x.as_ptr().cast());
            assert_eq!(a.sin_addr.s_addr.to_ne_bytes(), x);
            sock_set_wild(&mut d as *mut _ as *mut sockaddr, 28);
            assert_eq!(d.sin6_addr.s6_addr, [0; 16]);
            assert_eq!(d.sin6_port, 80u16.to_be());
        }
    }
}
