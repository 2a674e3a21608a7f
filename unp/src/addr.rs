//! Socket addresses: [`SockAddr`] is the book's `SA *` + `socklen_t` pair as
//! one value (a `sockaddr_storage` and its length), convertible from
//! `std::net` addresses, from the raw `sockaddr_in` / `sockaddr_in6` /
//! `sockaddr_un`, and from a Unix-domain path.

use std::ffi::{c_int, c_void, CStr};
use std::fmt;
use std::io;
use std::mem::{size_of, zeroed};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use libc::{sockaddr, sockaddr_in, sockaddr_in6, sockaddr_storage, sockaddr_un, socklen_t};

use crate::cstr::AsCStr;
use crate::util::{checked, set_errno};

/// Size of `sun_path` on Linux: a Unix-domain path must be shorter.
pub const SUN_PATH_LEN: usize = 108;

/// A socket address of any family with its length: what the C API passes as
/// `(SA *) &addr, sizeof(addr)` or fills through `SA *, socklen_t *`.
///
/// [`SockAddr::new`] is room for any family (`sockaddr_storage`, length 128),
/// to be filled by `Accept`, `Recvfrom`, `Getpeername`, ...; the `From`
/// conversions give the exact structure and length C would pass.
///
/// ```
/// use std::net::SocketAddr;
/// use unp::{SockAddr, AF_INET};
/// let sa = SockAddr::from("127.0.0.1:9877".parse::<SocketAddr>().unwrap());
/// assert_eq!((sa.family(), sa.len()), (AF_INET, 16));
/// assert_eq!(sa.to_socket_addr(), Some("127.0.0.1:9877".parse().unwrap()));
/// let un = SockAddr::unix("/tmp/unix.str").unwrap();
/// assert_eq!(un.unix_path(), Some(&b"/tmp/unix.str"[..]));
/// ```
#[derive(Clone, Copy)]
pub struct SockAddr {
    storage: sockaddr_storage,
    len: socklen_t,
}

const STORAGE: socklen_t = size_of::<sockaddr_storage>() as socklen_t;

impl SockAddr {
    /// An all-zero address with room for any family (length 128).
    pub fn new() -> SockAddr {
        SockAddr {
            // SAFETY: all-zero is a valid sockaddr_storage.
            storage: unsafe { zeroed() },
            len: STORAGE,
        }
    }

    /// Copies `len` bytes (at most 128) of a C socket address.
    ///
    /// # Safety
    /// `sa` points to at least `len` readable bytes (or `len` is 0).
    pub unsafe fn from_raw(sa: *const sockaddr, len: socklen_t) -> SockAddr {
        let mut a = SockAddr::new();
        let n = len.min(STORAGE);
        if n > 0 {
            // SAFETY: the caller's bytes; n fits the storage.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    sa.cast::<u8>(),
                    (&mut a.storage as *mut sockaddr_storage).cast::<u8>(),
                    n as usize,
                )
            };
        }
        a.len = n;
        a
    }

    /// A `sockaddr_un` for `path` with length `sizeof(struct sockaddr_un)`, as
    /// the book's Unix-domain programs pass it; an error (`InvalidInput`) when
    /// the path does not fit `sun_path` with its NUL.  The path ends at its
    /// first NUL byte, as in C.
    pub fn unix<P: AsCStr + ?Sized>(path: &P) -> io::Result<SockAddr> {
        path.with_cstr(|p| {
            let p = p.to_bytes();
            if p.len() >= SUN_PATH_LEN {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "pathname too long",
                ));
            }
            // SAFETY: all-zero is a valid sockaddr_un.
            let mut un: sockaddr_un = unsafe { zeroed() };
            un.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (d, s) in un.sun_path.iter_mut().zip(p) {
                *d = *s as libc::c_char;
            }
            Ok(SockAddr::from(un))
        })
    }

    /// The address as the C argument `const SA *`.
    pub fn as_ptr(&self) -> *const sockaddr {
        (&self.storage as *const sockaddr_storage).cast()
    }

    /// The address as the C argument `SA *`, for calls that fill it.
    pub fn as_mut_ptr(&mut self) -> *mut sockaddr {
        (&mut self.storage as *mut sockaddr_storage).cast()
    }

    /// The length, the C `socklen_t` argument: never more than 128 (the
    /// storage), so a C function given `(as_ptr(), len())` reads and writes
    /// inside this value.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> socklen_t {
        self.len
    }

    /// Sets the length (capped at 128, the storage size).
    pub fn set_len(&mut self, len: socklen_t) {
        self.len = len.min(STORAGE);
    }

    /// The address family (`sa_family`): `AF_INET`, `AF_INET6`, `AF_LOCAL`, ...
    pub fn family(&self) -> c_int {
        c_int::from(self.storage.ss_family)
    }

    /// The first `len` bytes.
    pub fn as_bytes(&self) -> &[u8] {
        let n = self.len.min(STORAGE) as usize;
        // SAFETY: within the storage.
        unsafe { std::slice::from_raw_parts((&self.storage as *const sockaddr_storage).cast(), n) }
    }

    /// The IPv4 or IPv6 address and port; `None` for other families or a
    /// length too short for the family.
    pub fn to_socket_addr(&self) -> Option<SocketAddr> {
        match self.family() {
            libc::AF_INET if self.len as usize >= size_of::<sockaddr_in>() => {
                // SAFETY: the storage is large and aligned enough.
                let sin = unsafe { &*(self.as_ptr() as *const sockaddr_in) };
                Some(SocketAddr::V4(SocketAddrV4::new(
                    Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr)),
                    u16::from_be(sin.sin_port),
                )))
            }
            libc::AF_INET6 if self.len as usize >= size_of::<sockaddr_in6>() => {
                // SAFETY: as above.
                let sin6 = unsafe { &*(self.as_ptr() as *const sockaddr_in6) };
                Some(SocketAddr::V6(SocketAddrV6::new(
                    Ipv6Addr::from(sin6.sin6_addr.s6_addr),
                    u16::from_be(sin6.sin6_port),
                    u32::from_be(sin6.sin6_flowinfo),
                    sin6.sin6_scope_id,
                )))
            }
            _ => None,
        }
    }

    /// The pathname of an `AF_LOCAL` address (up to its NUL, within the
    /// length); `None` for other families.  Empty for an unnamed socket.
    pub fn unix_path(&self) -> Option<&[u8]> {
        if self.family() != libc::AF_UNIX {
            return None;
        }
        let b = self.as_bytes();
        let path = b.get(2..).unwrap_or(&[]);
        let end = path.iter().position(|&c| c == 0).unwrap_or(path.len());
        Some(&path[..end])
    }
}

impl Default for SockAddr {
    fn default() -> Self {
        SockAddr::new()
    }
}

impl PartialEq for SockAddr {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for SockAddr {}

impl fmt::Debug for SockAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("SockAddr");
        d.field("family", &self.family()).field("len", &self.len);
        if let Some(a) = self.to_socket_addr() {
            d.field("addr", &a);
        } else if let Some(p) = self.unix_path() {
            d.field("path", &String::from_utf8_lossy(p));
        }
        d.finish()
    }
}

/// The address as `sock_ntop` prints it (`127.0.0.1:9877`, `[::1]:9877`,
/// `/tmp/unix.str`, `(no pathname bound)`); an address `sock_ntop` refuses
/// (a length too short for its family) prints as `(invalid address:
/// family F, length L)`.
///
/// ```
/// let sa = unp::SockAddr::from("[::1]:9877".parse::<std::net::SocketAddr>().unwrap());
/// assert_eq!(sa.to_string(), "[::1]:9877");
/// ```
impl fmt::Display for SockAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match sock_ntop(self) {
            Ok(s) => f.write_str(&s),
            Err(_) => write!(
                f,
                "(invalid address: family {}, length {})",
                self.family(),
                self.len
            ),
        }
    }
}

macro_rules! from_raw_struct {
    ($($t:ty),*) => {$(
        impl From<$t> for SockAddr {
            /// The structure with its full size as the length, as C passes
            /// `sizeof` of it.
            fn from(s: $t) -> SockAddr {
                // SAFETY: a complete structure of that size.
                unsafe { SockAddr::from_raw((&s as *const $t).cast(), size_of::<$t>() as socklen_t) }
            }
        }
    )*};
}
from_raw_struct!(sockaddr_in, sockaddr_in6, sockaddr_un, sockaddr_storage);

impl From<SocketAddrV4> for SockAddr {
    fn from(a: SocketAddrV4) -> SockAddr {
        // SAFETY: all-zero is a valid sockaddr_in.
        let mut sin: sockaddr_in = unsafe { zeroed() };
        sin.sin_family = libc::AF_INET as libc::sa_family_t;
        sin.sin_port = a.port().to_be();
        sin.sin_addr.s_addr = u32::from(*a.ip()).to_be();
        SockAddr::from(sin)
    }
}

impl From<SocketAddrV6> for SockAddr {
    fn from(a: SocketAddrV6) -> SockAddr {
        // SAFETY: all-zero is a valid sockaddr_in6.
        let mut sin6: sockaddr_in6 = unsafe { zeroed() };
        sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
        sin6.sin6_port = a.port().to_be();
        sin6.sin6_flowinfo = a.flowinfo().to_be();
        sin6.sin6_addr.s6_addr = a.ip().octets();
        sin6.sin6_scope_id = a.scope_id();
        SockAddr::from(sin6)
    }
}

impl From<SocketAddr> for SockAddr {
    fn from(a: SocketAddr) -> SockAddr {
        match a {
            SocketAddr::V4(a) => a.into(),
            SocketAddr::V6(a) => a.into(),
        }
    }
}

/// A binary IP address that `Inet_pton` fills and `Inet_ntop` formats:
/// `libc::in_addr`, `libc::in6_addr`, `Ipv4Addr`, `Ipv6Addr`.
pub trait InetAddr: Sized + private::Sealed {
    /// `AF_INET` or `AF_INET6`.
    const FAMILY: c_int;
    #[doc(hidden)]
    fn from_octets(b: &[u8; 16]) -> Self;
    #[doc(hidden)]
    fn to_octets(&self) -> [u8; 16];
}

mod private {
    pub trait Sealed {}
    impl Sealed for libc::in_addr {}
    impl Sealed for libc::in6_addr {}
    impl Sealed for std::net::Ipv4Addr {}
    impl Sealed for std::net::Ipv6Addr {}
}

fn four(b: &[u8; 16]) -> [u8; 4] {
    [b[0], b[1], b[2], b[3]]
}

fn pad4(a: [u8; 4]) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..4].copy_from_slice(&a);
    b
}

impl InetAddr for libc::in_addr {
    const FAMILY: c_int = libc::AF_INET;
    fn from_octets(b: &[u8; 16]) -> Self {
        libc::in_addr {
            s_addr: u32::from_ne_bytes(four(b)),
        }
    }
    fn to_octets(&self) -> [u8; 16] {
        pad4(self.s_addr.to_ne_bytes())
    }
}

impl InetAddr for Ipv4Addr {
    const FAMILY: c_int = libc::AF_INET;
    fn from_octets(b: &[u8; 16]) -> Self {
        Ipv4Addr::from(four(b))
    }
    fn to_octets(&self) -> [u8; 16] {
        pad4(self.octets())
    }
}

impl InetAddr for libc::in6_addr {
    const FAMILY: c_int = libc::AF_INET6;
    fn from_octets(b: &[u8; 16]) -> Self {
        libc::in6_addr { s6_addr: *b }
    }
    fn to_octets(&self) -> [u8; 16] {
        self.s6_addr
    }
}

impl InetAddr for Ipv6Addr {
    const FAMILY: c_int = libc::AF_INET6;
    fn from_octets(b: &[u8; 16]) -> Self {
        Ipv6Addr::from(*b)
    }
    fn to_octets(&self) -> [u8; 16] {
        self.octets()
    }
}

fn check_family<A: InetAddr>(what: &str, family: c_int) {
    if (family == libc::AF_INET || family == libc::AF_INET6) && family != A::FAMILY {
        panic!(
            "{what}: family {family} does not match the address type {}",
            std::any::type_name::<A>()
        );
    }
}

/// An all-zero 16-byte buffer, room for either family's binary address.
fn addr_buf() -> libc::in6_addr {
    libc::in6_addr { s6_addr: [0; 16] }
}

/// `Inet_pton(family, strptr, addrptr)`: the library's C `Inet_pton`, so a
/// string that is not an address of `family` exits with
/// `inet_pton error for 300.1.2.3` and an unknown family with
/// `inet_pton error for ...: Address family not supported by protocol`.
///
/// # Panics
/// When `family` is `AF_INET` or `AF_INET6` and `A` is an address of the
/// other family (the C call would overflow or under-fill the buffer).
pub fn Inet_pton<S: AsCStr + ?Sized, A: InetAddr>(family: c_int, strptr: &S, addrptr: &mut A) {
    check_family::<A>("Inet_pton", family);
    let mut buf = addr_buf();
    // SAFETY: a NUL-terminated string and a 16-byte buffer, room for any
    // family inet_pton knows.
    strptr.with_cstr(|s| unsafe {
        crate::sys::Inet_pton(family, s.as_ptr(), (&mut buf as *mut libc::in6_addr).cast())
    });
    *addrptr = A::from_octets(&buf.s6_addr);
}

/// `inet_pton(family, strptr, addrptr)`, as [`Inet_pton`] with an error:
/// `EINVAL` when the string is not an address of `family` (libc's
/// `inet_pton` returns 0 there and sets no errno), `EAFNOSUPPORT` for an
/// unknown family.
///
/// # Panics
/// As [`Inet_pton`].
pub fn inet_pton<S: AsCStr + ?Sized, A: InetAddr>(
    family: c_int,
    strptr: &S,
    addrptr: &mut A,
) -> io::Result<()> {
    check_family::<A>("inet_pton", family);
    let mut buf = addr_buf();
    let n = strptr.with_cstr(|s| {
        checked(
            libc::EINVAL,
            // SAFETY: as in `Inet_pton`.
            || unsafe {
                crate::util::inet_pton(family, s.as_ptr(), (&mut buf as *mut libc::in6_addr).cast())
            },
            |&n| n <= 0,
        )
    })?;
    debug_assert_eq!(n, 1);
    *addrptr = A::from_octets(&buf.s6_addr);
    Ok(())
}

/// Calls `f` with the address as 16 bytes and a buffer for its text;
/// returns the text when `f` gives back a non-NULL pointer.
fn ntop_with<A: InetAddr>(
    addrptr: &A,
    f: impl FnOnce(*const c_void, *mut libc::c_char, usize) -> *const libc::c_char,
) -> Option<String> {
    let src = libc::in6_addr {
        s6_addr: addrptr.to_octets(),
    };
    let mut out = [0 as libc::c_char; crate::INET6_ADDRSTRLEN];
    let p = f(
        (&src as *const libc::in6_addr).cast::<c_void>(),
        out.as_mut_ptr(),
        out.len(),
    );
    if p.is_null() {
        return None;
    }
    // SAFETY: inet_ntop NUL-terminated `out` (it returned non-NULL).
    Some(
        unsafe { CStr::from_ptr(out.as_ptr()) }
            .to_string_lossy()
            .into_owned(),
    )
}

/// `Inet_ntop(family, addrptr, buf, sizeof(buf))`: the presentation form,
/// through the library's C `Inet_ntop` (which exits with `inet_ntop error`
/// on failure, e.g. an unknown family).
///
/// # Panics
/// As [`Inet_pton`], on a family / address type mismatch.
pub fn Inet_ntop<A: InetAddr>(family: c_int, addrptr: &A) -> String {
    check_family::<A>("Inet_ntop", family);
    // SAFETY: a 16-byte address (enough for any family) and a buffer of the
    // length given.
    ntop_with(addrptr, |a, o, n| unsafe {
        crate::sys::Inet_ntop(family, a, o, n)
    })
    .unwrap_or_default()
}

/// `inet_ntop(family, addrptr, buf, sizeof(buf))`, as [`Inet_ntop`] with an
/// error (`EAFNOSUPPORT` for an unknown family).
///
/// # Panics
/// As [`Inet_pton`].
pub fn inet_ntop<A: InetAddr>(family: c_int, addrptr: &A) -> io::Result<String> {
    check_family::<A>("inet_ntop", family);
    set_errno(0);
    // SAFETY: as in `Inet_ntop`.
    ntop_with(addrptr, |a, o, n| unsafe {
        crate::util::inet_ntop(family, a, o, n as socklen_t)
    })
    .ok_or_else(|| crate::util::last_error(libc::EAFNOSUPPORT))
}

/// The text of the library's per-thread `sock_ntop` buffer, copied.
fn owned(p: *const libc::c_char) -> Option<String> {
    if p.is_null() {
        None
    } else {
        // SAFETY: the library's NUL-terminated per-thread buffer, which
        // lives until this thread's next call of the same function.
        Some(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
    }
}

/// Calls a C function of `(const SA *, socklen_t)` on `sa` that returns a
/// per-thread string, and copies that string.
fn ntop_of(
    sa: &SockAddr,
    f: unsafe extern "C" fn(*const sockaddr, socklen_t) -> *mut libc::c_char,
) -> Option<String> {
    // SAFETY: `sa` holds `len()` (<= 128) readable bytes, and the functions
    // read nothing beyond the storage (at most 24 bytes for AF_INET6).
    owned(unsafe { f(sa.as_ptr(), sa.len()) })
}

/// `sock_ntop(sa, salen)`: `"127.0.0.1:9877"`, `"[::1]:9877"`, a Unix path,
/// ...; an error (errno from the C function, e.g. `EINVAL` for a length too
/// short for the family) instead of NULL.  Copied out of the library's
/// per-thread buffer (a path that is not UTF-8 is converted lossily).
pub fn sock_ntop(sa: &SockAddr) -> io::Result<String> {
    set_errno(0);
    ntop_of(sa, crate::sys::sock_ntop).ok_or_else(|| crate::util::last_error(libc::EINVAL))
}

/// `Sock_ntop(sa, salen)`: as [`sock_ntop`]; failure exits with
/// `sock_ntop error: ...`.
///
/// ```
/// let sa = unp::SockAddr::from("127.0.0.1:13".parse::<std::net::SocketAddr>().unwrap());
/// assert_eq!(unp::Sock_ntop(&sa), "127.0.0.1:13");
/// ```
pub fn Sock_ntop(sa: &SockAddr) -> String {
    ntop_of(sa, crate::sys::Sock_ntop).unwrap_or_default()
}

/// `sock_ntop_host(sa, salen)`: the host part only (`"127.0.0.1"`).
pub fn sock_ntop_host(sa: &SockAddr) -> io::Result<String> {
    set_errno(0);
    ntop_of(sa, crate::sys::sock_ntop_host).ok_or_else(|| crate::util::last_error(libc::EINVAL))
}

/// `Sock_ntop_host(sa, salen)`: failure exits with `sock_ntop_host error: ...`.
pub fn Sock_ntop_host(sa: &SockAddr) -> String {
    ntop_of(sa, crate::sys::Sock_ntop_host).unwrap_or_default()
}

/// `sock_get_port(sa, salen)`: the port **in network byte order**, as the
/// original returns it; an error (`EAFNOSUPPORT`) for another family.
pub fn sock_get_port(sa: &SockAddr) -> io::Result<c_int> {
    crate::util::int_call(libc::EAFNOSUPPORT, || {
        // SAFETY: reads the 2-byte family and port inside the storage.
        unsafe { crate::sys::sock_get_port(sa.as_ptr(), sa.len()) }
    })
}

/// `sock_set_port(sa, salen, port)`: `port` in network byte order, as C.
pub fn sock_set_port(sa: &mut SockAddr, port: c_int) {
    let len = sa.len();
    // SAFETY: writes the port field, inside the 128-byte storage.
    unsafe { crate::sys::sock_set_port(sa.as_mut_ptr(), len, port) }
}

/// `sock_set_wild(sa, salen)`: the wildcard address of `sa`'s family.
pub fn sock_set_wild(sa: &mut SockAddr) {
    let len = sa.len();
    // SAFETY: writes the address field (at most 16 bytes at offset 8),
    // inside the 128-byte storage.
    unsafe { crate::sys::sock_set_wild(sa.as_mut_ptr(), len) }
}

/// `sock_cmp_addr(sa1, sa2, salen)`: 0 when the addresses (not the ports)
/// are equal, as C.
pub fn sock_cmp_addr(sa1: &SockAddr, sa2: &SockAddr) -> c_int {
    // SAFETY: reads inside both storages (at most 110 bytes for AF_UNIX).
    unsafe { crate::sys::sock_cmp_addr(sa1.as_ptr(), sa2.as_ptr(), sa1.len().min(sa2.len())) }
}

/// `sock_cmp_port(sa1, sa2, salen)`: 0 when the ports are equal, as C.
pub fn sock_cmp_port(sa1: &SockAddr, sa2: &SockAddr) -> c_int {
    // SAFETY: reads the family and port fields inside both storages.
    unsafe { crate::sys::sock_cmp_port(sa1.as_ptr(), sa2.as_ptr(), sa1.len().min(sa2.len())) }
}

/// `htons`.
pub const fn htons(x: u16) -> u16 {
    x.to_be()
}
/// `ntohs`.
pub const fn ntohs(x: u16) -> u16 {
    u16::from_be(x)
}
/// `htonl`.
pub const fn htonl(x: u32) -> u32 {
    x.to_be()
}
/// `ntohl`.
pub const fn ntohl(x: u32) -> u32 {
    u32::from_be(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_give_c_structures() {
        let a: SocketAddr = "127.0.0.1:9877".parse().unwrap();
        let sa = SockAddr::from(a);
        assert_eq!(sa.len(), 16);
        assert_eq!(sa.family(), libc::AF_INET);
        assert_eq!(&sa.as_bytes()[..8], &[2, 0, 0x26, 0x95, 127, 0, 0, 1]);
        assert_eq!(sa.to_socket_addr(), Some(a));

        let b: SocketAddr = "[::1]:13".parse().unwrap();
        let sb = SockAddr::from(b);
        assert_eq!((sb.len(), sb.family()), (28, libc::AF_INET6));
        assert_eq!(sb.to_socket_addr(), Some(b));
        assert_eq!(sb.unix_path(), None);
    }

    #[test]
    fn unix_paths() {
        let u = SockAddr::unix("/tmp/unix.str").unwrap();
        assert_eq!(u.len() as usize, size_of::<sockaddr_un>());
        assert_eq!(u.family(), libc::AF_LOCAL);
        assert_eq!(u.unix_path(), Some(&b"/tmp/unix.str"[..]));
        assert_eq!(u.to_socket_addr(), None);
        assert!(SockAddr::unix(&"x".repeat(107)).is_ok());
        assert_eq!(
            SockAddr::unix(&"x".repeat(108)).unwrap_err().kind(),
            io::ErrorKind::InvalidInput
        );
    }

    #[test]
    fn raw_copies_are_capped() {
        let s = SockAddr::new();
        assert_eq!(s.len(), 128);
        let mut t = s;
        t.set_len(4000);
        assert_eq!(t.len(), 128);
        // SAFETY: 4 of the storage's 128 bytes.
        let short = unsafe { SockAddr::from_raw(s.as_ptr(), 4) };
        assert_eq!(short.as_bytes().len(), 4);
        assert_eq!(short.to_socket_addr(), None);
    }

    #[test]
    fn ntop_and_pton_through_the_library() {
        let sa = SockAddr::from("[::1]:9877".parse::<SocketAddr>().unwrap());
        assert_eq!(Sock_ntop(&sa), "[::1]:9877");
        assert_eq!(Sock_ntop_host(&sa), "::1");
        assert_eq!(sock_get_port(&sa).unwrap(), c_int::from(htons(9877)));
        let u = SockAddr::unix("/tmp/s").unwrap();
        assert_eq!(sock_ntop(&u).unwrap(), "/tmp/s");
        // SAFETY: 6 of the storage's 128 bytes.
        let short = unsafe { SockAddr::from_raw(sa.as_ptr(), 6) };
        assert_eq!(
            sock_ntop(&short).unwrap_err().raw_os_error(),
            Some(libc::EINVAL)
        );

        let mut a = Ipv4Addr::UNSPECIFIED;
        Inet_pton(libc::AF_INET, "192.0.2.7", &mut a);
        assert_eq!(a, Ipv4Addr::new(192, 0, 2, 7));
        let mut raw = libc::in_addr { s_addr: 0 };
        Inet_pton(libc::AF_INET, "10.0.0.1", &mut raw);
        assert_eq!(raw.s_addr, u32::from_ne_bytes([10, 0, 0, 1]));
        assert_eq!(Inet_ntop(libc::AF_INET, &raw), "10.0.0.1");
        let mut b = Ipv6Addr::UNSPECIFIED;
        Inet_pton(libc::AF_INET6, "fe80::1", &mut b);
        assert_eq!(Inet_ntop(libc::AF_INET6, &b), "fe80::1");
    }

    #[test]
    #[should_panic(expected = "does not match")]
    fn family_mismatch_panics() {
        let mut a = Ipv4Addr::UNSPECIFIED;
        Inet_pton(libc::AF_INET6, "::1", &mut a);
    }

    #[test]
    fn byte_order() {
        assert_eq!(htons(0x1234).to_ne_bytes(), [0x12, 0x34]);
        assert_eq!(ntohs(htons(9877)), 9877);
        assert_eq!(ntohl(htonl(0x7f000001)), 0x7f000001);
    }
}
