//! The socket wrappers (`wrapsock.c`), `sockfd_to_family`, the timeouts and
//! descriptor passing.  Each capitalised function calls the C function of
//! the same name: on failure it prints the book's diagnostic and exits 1.
//! Each has a lowercase twin with the same arguments returning
//! `io::Result`.

use std::ffi::c_int;
use std::io;
use std::mem::size_of;
use std::os::fd::{AsFd, FromRawFd, IntoRawFd, OwnedFd};

use libc::socklen_t;

use crate::addr::SockAddr;
use crate::sys;
use crate::util::{die, int_call, new_fd, new_fd_or, raw, size_call};

/// `Socket(family, type, protocol)`: the new descriptor; exits with
/// `socket error: ...`.
pub fn Socket(family: c_int, ty: c_int, protocol: c_int) -> OwnedFd {
    // SAFETY: plain integers in, a descriptor out.
    new_fd(unsafe { sys::Socket(family, ty, protocol) })
}

/// `socket(family, type, protocol)`: the new descriptor or the error.
pub fn socket(family: c_int, ty: c_int, protocol: c_int) -> io::Result<OwnedFd> {
    // SAFETY: as in `Socket`.
    new_fd_or(int_call(libc::EINVAL, || unsafe {
        libc::socket(family, ty, protocol)
    }))
}

/// Two descriptors filled in by socketpair(), as owned descriptors.
fn pair(fd: [c_int; 2]) -> [OwnedFd; 2] {
    fd.map(new_fd)
}

/// `Socketpair(family, type, protocol, fd)`: the two descriptors; exits
/// with `socketpair error: ...`.
pub fn Socketpair(family: c_int, ty: c_int, protocol: c_int) -> [OwnedFd; 2] {
    let mut fd = [-1; 2];
    // SAFETY: fd has room for the two descriptors socketpair writes.
    unsafe { sys::Socketpair(family, ty, protocol, fd.as_mut_ptr()) };
    pair(fd)
}

/// `socketpair(family, type, protocol, fd)`: the two descriptors or the error.
pub fn socketpair(family: c_int, ty: c_int, protocol: c_int) -> io::Result<[OwnedFd; 2]> {
    let mut fd = [-1; 2];
    // SAFETY: as in `Socketpair`.
    int_call(libc::EINVAL, || unsafe {
        libc::socketpair(family, ty, protocol, fd.as_mut_ptr())
    })?;
    Ok(pair(fd))
}

/// `f(fd, sa, salen)` for a function that reads an address.
fn with_addr<R>(
    f: unsafe extern "C" fn(c_int, *const libc::sockaddr, socklen_t) -> R,
    fd: impl AsFd,
    sa: &SockAddr,
) -> R {
    // SAFETY: sa.len() (<= 128) bytes at sa.as_ptr() are readable.
    unsafe { f(raw(&fd), sa.as_ptr(), sa.len()) }
}

/// `Bind(fd, sa, salen)`; exits with `bind error: ...`.
pub fn Bind(fd: impl AsFd, sa: &SockAddr) {
    with_addr(sys::Bind, fd, sa)
}

/// `bind(fd, sa, salen)`.
pub fn bind(fd: impl AsFd, sa: &SockAddr) -> io::Result<()> {
    int_call(libc::EINVAL, || with_addr(libc::bind, fd, sa)).map(drop)
}

/// `Connect(fd, sa, salen)`; exits with `connect error: ...`
/// (`connect error: Connection refused`).
pub fn Connect(fd: impl AsFd, sa: &SockAddr) {
    with_addr(sys::Connect, fd, sa)
}

/// `connect(fd, sa, salen)`.
pub fn connect(fd: impl AsFd, sa: &SockAddr) -> io::Result<()> {
    int_call(libc::EINVAL, || with_addr(libc::connect, fd, sa)).map(drop)
}

/// `Listen(fd, backlog)` (the `LISTENQ` environment variable overrides
/// `backlog`, as in the book); exits with `listen error: ...`.
pub fn Listen(fd: impl AsFd, backlog: c_int) {
    // SAFETY: plain integers.
    unsafe { sys::Listen(raw(&fd), backlog) }
}

/// The backlog `Listen` uses: the `LISTENQ` environment variable's `atoi`
/// value when it is set, else `backlog`.
fn listen_backlog(backlog: c_int) -> c_int {
    match std::env::var_os("LISTENQ") {
        Some(v) => crate::atoi(&v),
        None => backlog,
    }
}

/// `listen(fd, backlog)`, with `Listen`'s `LISTENQ` override.
pub fn listen(fd: impl AsFd, backlog: c_int) -> io::Result<()> {
    let backlog = listen_backlog(backlog);
    // SAFETY: plain integers.
    int_call(libc::EINVAL, || unsafe { libc::listen(raw(&fd), backlog) }).map(drop)
}

/// `(SA *, socklen_t *)` for an optional address to be filled: NULL, NULL
/// for `None`; else the storage, with the length set to all of it.
fn sa_out(sa: &mut Option<&mut SockAddr>) -> (*mut libc::sockaddr, socklen_t) {
    match sa {
        None => (std::ptr::null_mut(), 0),
        Some(s) => {
            s.set_len(size_of::<libc::sockaddr_storage>() as socklen_t);
            (s.as_mut_ptr(), s.len())
        }
    }
}

/// Calls `f(sa, &len)` for an optional address to be filled (NULL, NULL for
/// `None`), then records the length the call reported.
fn fill_sa<T>(
    mut sa: Option<&mut SockAddr>,
    f: impl FnOnce(*mut libc::sockaddr, *mut socklen_t) -> T,
) -> T {
    let (p, mut len) = sa_out(&mut sa);
    let lp: *mut socklen_t = if sa.is_some() {
        &mut len
    } else {
        std::ptr::null_mut()
    };
    let r = f(p, lp);
    if let Some(s) = sa {
        s.set_len(len);
    }
    r
}

/// `Accept(fd, sa, &len)`: the connected descriptor; the peer's address goes
/// into `sa` (whose length becomes the peer's), `None` for NULL.  As the C
/// wrapper, retries on ECONNABORTED (and EPROTO) and exits with
/// `accept error: ...` otherwise (EINTR too).
pub fn Accept(fd: impl AsFd, sa: Option<&mut SockAddr>) -> OwnedFd {
    // SAFETY: the address pointer is NULL or 128 bytes of storage, its
    // length 128 (the kernel writes no more).
    new_fd(fill_sa(sa, |p, l| unsafe { sys::Accept(raw(&fd), p, l) }))
}

/// libc's `accept()`, the twin of [`Accept`] (no retry: ECONNABORTED and
/// EINTR are errors too, for the book's servers that handle them).
pub fn accept(fd: impl AsFd, sa: Option<&mut SockAddr>) -> io::Result<OwnedFd> {
    new_fd_or(int_call(libc::EINVAL, || {
        // SAFETY: as in `Accept`.
        fill_sa(sa, |p, l| unsafe { libc::accept(raw(&fd), p, l) })
    }))
}

type NameFn = unsafe extern "C" fn(c_int, *mut libc::sockaddr, *mut socklen_t);

/// `f(fd, &storage, &len)` into a new address.
fn name_of(fd: impl AsFd, f: NameFn) -> SockAddr {
    let mut s = SockAddr::new();
    // SAFETY: 128 bytes of storage and its length.
    fill_sa(Some(&mut s), |p, l| unsafe { f(raw(&fd), p, l) });
    s
}

/// `Getsockname(fd, sa, &len)`: the local address.
pub fn Getsockname(fd: impl AsFd) -> SockAddr {
    name_of(fd, sys::Getsockname)
}

/// `f(fd, &storage, &len)` into a new address, or the error.
fn name_or(
    fd: impl AsFd,
    f: unsafe extern "C" fn(c_int, *mut libc::sockaddr, *mut socklen_t) -> c_int,
) -> io::Result<SockAddr> {
    let mut s = SockAddr::new();
    int_call(libc::EINVAL, || {
        // SAFETY: as in `name_of`.
        fill_sa(Some(&mut s), |p, l| unsafe { f(raw(&fd), p, l) })
    })?;
    Ok(s)
}

/// `getsockname(fd, sa, &len)`.
pub fn getsockname(fd: impl AsFd) -> io::Result<SockAddr> {
    name_or(fd, libc::getsockname)
}

/// `Getpeername(fd, sa, &len)`: the peer's address.
pub fn Getpeername(fd: impl AsFd) -> SockAddr {
    name_of(fd, sys::Getpeername)
}

/// `getpeername(fd, sa, &len)`.
pub fn getpeername(fd: impl AsFd) -> io::Result<SockAddr> {
    name_or(fd, libc::getpeername)
}

/// A socket option value the kernel reads or writes as plain bytes
/// (`Setsockopt`, `Getsockopt`): `c_int`, `c_uint`, `u8`, `libc::linger`,
/// `libc::timeval`, the multicast request structures, byte arrays.
///
/// The safe functions take the book's levels only (`SOL_SOCKET`,
/// `IPPROTO_IP`, `IPPROTO_IPV6`, `IPPROTO_TCP`, `IPPROTO_UDP`), and refuse
/// with `EINVAL` the options of those levels whose structures carry a
/// pointer the kernel writes through or maps memory at whatever the value's
/// type: netfilter's table requests (`IPPROTO_IP` options 64 to 131,
/// `IPPROTO_IPV6` options 64, 65, 68, 69: `IPT_SO_SET_REPLACE` writes the
/// old counters to an address inside the request) and
/// `TCP_ZEROCOPY_RECEIVE`.  Other levels and those options go through
/// `sys::Setsockopt` / `sys::Getsockopt`, `unsafe`.
///
/// # Safety
/// Implement it only for a plain C type holding no pointer (the kernel
/// would follow it) for which every byte pattern is a valid value (the
/// kernel may write any bytes into it).
pub unsafe trait SockOpt: Copy {}

macro_rules! sock_opts {
    ($($t:ty),* $(,)?) => {$(
        // SAFETY: a plain C integer or structure of integers.
        unsafe impl SockOpt for $t {}
    )*};
}

sock_opts!(
    i8,
    u8,
    i16,
    u16,
    i32,
    u32,
    i64,
    u64,
    libc::linger,
    libc::timeval,
    libc::in_addr,
    libc::in6_addr,
    libc::ip_mreq,
    libc::ip_mreqn,
    libc::ip_mreq_source,
    libc::ipv6_mreq,
    libc::group_req,
    libc::group_source_req,
    libc::sockaddr_in,
    libc::sockaddr_in6,
    libc::sockaddr_storage,
    libc::ucred,
    libc::tcp_info,
);

// SAFETY: an array of bytes.
unsafe impl<const N: usize> SockOpt for [u8; N] {}

/// Whether the safe `Setsockopt` / `Getsockopt` take `(level, optname)`
/// (see [`SockOpt`]; ebtables' requests, `IPPROTO_IP` 128 to 131, also
/// carry the address the kernel writes the table to).
fn sockopt_allowed(level: c_int, optname: c_int) -> bool {
    match level {
        libc::SOL_SOCKET | libc::IPPROTO_UDP => true,
        libc::IPPROTO_IP => !(64..=131).contains(&optname),
        libc::IPPROTO_IPV6 => !matches!(optname, 64 | 65 | 68 | 69),
        libc::IPPROTO_TCP => optname != libc::TCP_ZEROCOPY_RECEIVE,
        _ => false,
    }
}

/// `f(fd, level, optname, &optval, sizeof(optval))`.
fn set_opt<R, T: SockOpt>(
    f: unsafe extern "C" fn(c_int, c_int, c_int, *const std::ffi::c_void, socklen_t) -> R,
    fd: impl AsFd,
    level: c_int,
    optname: c_int,
    optval: &T,
) -> R {
    let (p, n) = ((optval as *const T).cast(), size_of::<T>() as socklen_t);
    // SAFETY: size_of::<T>() readable bytes of a pointer-free value; the
    // callers pass only options that keep no pointer (sockopt_allowed).
    unsafe { f(raw(&fd), level, optname, p, n) }
}

/// `f(fd, level, optname, &optval, &len)` with `len` starting at
/// `sizeof(optval)`; returns `f`'s value and the length reported.
fn get_opt<R, T: SockOpt>(
    f: unsafe extern "C" fn(c_int, c_int, c_int, *mut std::ffi::c_void, *mut socklen_t) -> R,
    fd: impl AsFd,
    level: c_int,
    optname: c_int,
    optval: &mut T,
) -> (R, socklen_t) {
    let mut len = size_of::<T>() as socklen_t;
    let p = (optval as *mut T).cast();
    // SAFETY: the kernel writes at most `len` bytes into `optval`, a value
    // valid for any bytes; the callers pass only options that keep no
    // pointer (sockopt_allowed).
    let r = unsafe { f(raw(&fd), level, optname, p, &mut len) };
    (r, len)
}

/// `Setsockopt(fd, level, optname, &optval, sizeof(optval))` for a plain
/// option value (see [`SockOpt`]).  Exits with `setsockopt error: ...`; an
/// option [`SockOpt`] lists as refused exits with `setsockopt error:
/// Invalid argument` without reaching the kernel (`sys::Setsockopt`,
/// `unsafe`, takes those).
pub fn Setsockopt<T: SockOpt>(fd: impl AsFd, level: c_int, optname: c_int, optval: &T) {
    if !sockopt_allowed(level, optname) {
        refuse(c"setsockopt error");
    }
    set_opt(sys::Setsockopt, fd, level, optname, optval)
}

/// `setsockopt(fd, level, optname, &optval, sizeof(optval))`; `EINVAL` for
/// the options [`Setsockopt`] refuses.
pub fn setsockopt<T: SockOpt>(
    fd: impl AsFd,
    level: c_int,
    optname: c_int,
    optval: &T,
) -> io::Result<()> {
    if !sockopt_allowed(level, optname) {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    int_call(libc::EINVAL, || {
        set_opt(libc::setsockopt, fd, level, optname, optval)
    })
    .map(drop)
}

/// Exits through the library's `err_sys(msg)` with errno `EINVAL`: what
/// the C wrapper prints when the kernel refuses an argument.
fn refuse(msg: &std::ffi::CStr) -> ! {
    crate::util::set_errno(libc::EINVAL);
    // SAFETY: a constant format without conversions.
    unsafe { sys::err_sys(msg.as_ptr()) };
    die()
}

/// `Getsockopt(fd, level, optname, &optval, &len)`: fills `optval` (at most
/// `size_of::<T>()` bytes), returns the length the kernel reported.  Exits
/// with `getsockopt error: ...`; the options [`Setsockopt`] refuses, with
/// `getsockopt error: Invalid argument`.
pub fn Getsockopt<T: SockOpt>(
    fd: impl AsFd,
    level: c_int,
    optname: c_int,
    optval: &mut T,
) -> socklen_t {
    if !sockopt_allowed(level, optname) {
        refuse(c"getsockopt error");
    }
    get_opt(sys::Getsockopt, fd, level, optname, optval).1
}

/// `getsockopt(fd, level, optname, &optval, &len)`: the length reported;
/// `EINVAL` for the options [`Setsockopt`] refuses.
pub fn getsockopt<T: SockOpt>(
    fd: impl AsFd,
    level: c_int,
    optname: c_int,
    optval: &mut T,
) -> io::Result<socklen_t> {
    if !sockopt_allowed(level, optname) {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    let mut len = 0;
    int_call(libc::EINVAL, || {
        let (r, l) = get_opt(libc::getsockopt, fd, level, optname, optval);
        len = l;
        r
    })?;
    Ok(len)
}

/// `Shutdown(fd, how)`; exits with `shutdown error: ...`.
pub fn Shutdown(fd: impl AsFd, how: c_int) {
    // SAFETY: plain integers.
    unsafe { sys::Shutdown(raw(&fd), how) }
}

/// `shutdown(fd, how)`.
pub fn shutdown(fd: impl AsFd, how: c_int) -> io::Result<()> {
    // SAFETY: plain integers.
    int_call(libc::EINVAL, || unsafe { libc::shutdown(raw(&fd), how) }).map(drop)
}

/// `MSG_ZEROCOPY`: the kernel would read the buffer after the call returned.
fn send_flags_ok(flags: c_int) -> bool {
    flags & libc::MSG_ZEROCOPY == 0
}

/// `Send(fd, buf, len, flags)`; a failure or a short send exits with
/// `send error: ...`.  `MSG_ZEROCOPY` is refused (`send error: Invalid
/// argument`): the kernel would read `buf` after the call.
pub fn Send(fd: impl AsFd, buf: &[u8], flags: c_int) {
    if !send_flags_ok(flags) {
        refuse(c"send error");
    }
    // SAFETY: buf.len() readable bytes, read during the call only.
    unsafe { sys::Send(raw(&fd), buf.as_ptr().cast(), buf.len(), flags) }
}

/// `send(fd, buf, len, flags)`: the bytes sent (a short send is not an
/// error here); `EINVAL` for `MSG_ZEROCOPY`.
pub fn send(fd: impl AsFd, buf: &[u8], flags: c_int) -> io::Result<usize> {
    if !send_flags_ok(flags) {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    // SAFETY: as in `Send`.
    size_call(libc::EINVAL, || unsafe {
        libc::send(raw(&fd), buf.as_ptr().cast(), buf.len(), flags)
    })
}

/// The prototype of `sendto` and `Sendto`.
type SendtoFn<R> = unsafe extern "C" fn(
    c_int,
    *const std::ffi::c_void,
    usize,
    c_int,
    *const libc::sockaddr,
    socklen_t,
) -> R;

/// `f(fd, buf, len, flags, to, tolen)`.
fn send_to<R>(f: SendtoFn<R>, fd: impl AsFd, buf: &[u8], flags: c_int, to: &SockAddr) -> R {
    let (p, n) = (buf.as_ptr().cast(), buf.len());
    // SAFETY: buf and the address are readable for their lengths, during
    // the call only (the callers refuse MSG_ZEROCOPY).
    unsafe { f(raw(&fd), p, n, flags, to.as_ptr(), to.len()) }
}

/// `Sendto(fd, buf, len, flags, to, tolen)`; exits with `sendto error: ...`
/// (a short send too).  `MSG_ZEROCOPY` is refused, as in [`Send`](fn@Send).
pub fn Sendto(fd: impl AsFd, buf: &[u8], flags: c_int, to: &SockAddr) {
    if !send_flags_ok(flags) {
        refuse(c"sendto error");
    }
    send_to(sys::Sendto, fd, buf, flags, to)
}

/// `sendto(fd, buf, len, flags, to, tolen)`: the bytes sent.
pub fn sendto(fd: impl AsFd, buf: &[u8], flags: c_int, to: &SockAddr) -> io::Result<usize> {
    if !send_flags_ok(flags) {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    size_call(libc::EINVAL, || send_to(libc::sendto, fd, buf, flags, to))
}

/// `Recv(fd, buf, len, flags)`: the byte count; exits with `recv error: ...`.
///
/// With `MSG_TRUNC` the count is the datagram's real length, as in C, and may
/// be **larger than `buf.len()`** (only `buf.len()` bytes were stored): slice
/// with `&buf[..n.min(buf.len())]`.  Without it, the count is at most
/// `buf.len()`.
pub fn Recv(fd: impl AsFd, buf: &mut [u8], flags: c_int) -> usize {
    // SAFETY: buf.len() writable bytes.
    unsafe { sys::Recv(raw(&fd), buf.as_mut_ptr().cast(), buf.len(), flags) }.max(0) as usize
}

/// `recv(fd, buf, len, flags)`: the byte count (see [`Recv`] for
/// `MSG_TRUNC`).
pub fn recv(fd: impl AsFd, buf: &mut [u8], flags: c_int) -> io::Result<usize> {
    // SAFETY: as in `Recv`.
    size_call(libc::EINVAL, || unsafe {
        libc::recv(raw(&fd), buf.as_mut_ptr().cast(), buf.len(), flags)
    })
}

/// `Recvfrom(fd, buf, len, flags, from, &fromlen)`: the byte count; the
/// sender's address into `from` (`None` for NULL).  Exits with
/// `recvfrom error: ...`.  With `MSG_TRUNC` the count may exceed
/// `buf.len()`, as with [`Recv`].
pub fn Recvfrom(fd: impl AsFd, buf: &mut [u8], flags: c_int, from: Option<&mut SockAddr>) -> usize {
    // SAFETY: buf.len() writable bytes; the address is NULL or 128 bytes
    // with that length.
    fill_sa(from, |p, l| unsafe {
        sys::Recvfrom(raw(&fd), buf.as_mut_ptr().cast(), buf.len(), flags, p, l)
    })
    .max(0) as usize
}

/// `recvfrom(fd, buf, len, flags, from, &fromlen)`: the byte count (see
/// [`Recvfrom`]).
pub fn recvfrom(
    fd: impl AsFd,
    buf: &mut [u8],
    flags: c_int,
    from: Option<&mut SockAddr>,
) -> io::Result<usize> {
    size_call(libc::EINVAL, || {
        // SAFETY: as in `Recvfrom`.
        fill_sa(from, |p, l| unsafe {
            libc::recvfrom(raw(&fd), buf.as_mut_ptr().cast(), buf.len(), flags, p, l)
        })
    })
}

/// `Sockatmark(fd)`: 1 at the out-of-band mark, else 0; exits with
/// `sockatmark error: ...`.
pub fn Sockatmark(fd: impl AsFd) -> c_int {
    // SAFETY: a plain integer.
    unsafe { sys::Sockatmark(raw(&fd)) }
}

/// `sockatmark(fd)`: 1 at the out-of-band mark, else 0.
pub fn sockatmark(fd: impl AsFd) -> io::Result<c_int> {
    // SAFETY: a plain integer.
    int_call(libc::EINVAL, || unsafe {
        crate::util::sockatmark(raw(&fd))
    })
}

/// `sockfd_to_family(fd)`: the address family of the socket.
pub fn sockfd_to_family(fd: impl AsFd) -> io::Result<c_int> {
    int_call(libc::EINVAL, || sys::sockfd_to_family(raw(&fd)))
}

/// `Sockfd_to_family(fd)`; exits with `sockfd_to_family error: ...`.
pub fn Sockfd_to_family(fd: impl AsFd) -> c_int {
    sys::Sockfd_to_family(raw(&fd))
}

/// `family_to_level(family)`: `IPPROTO_IP` / `IPPROTO_IPV6`; an error
/// (`EAFNOSUPPORT`; the C function sets no errno) for another family.
pub fn family_to_level(family: c_int) -> io::Result<c_int> {
    int_call(libc::EAFNOSUPPORT, || sys::family_to_level(family))
}

/// `Family_to_level(family)`; exits with `family_to_level error: ...`.
pub fn Family_to_level(family: c_int) -> c_int {
    sys::Family_to_level(family)
}

/// `Sock_bind_wild(fd, family)`: binds the wildcard address with an
/// ephemeral port; returns the port **in network byte order**, as C.  Exits
/// with `sock_bind_wild error: ...`.
pub fn Sock_bind_wild(fd: impl AsFd, family: c_int) -> c_int {
    // SAFETY: plain integers.
    unsafe { sys::Sock_bind_wild(raw(&fd), family) }
}

/// `sock_bind_wild(fd, family)`, as [`Sock_bind_wild`] with an error
/// (`EAFNOSUPPORT` for a family other than `AF_INET` / `AF_INET6`, for
/// which the C function sets no errno).
pub fn sock_bind_wild(fd: impl AsFd, family: c_int) -> io::Result<c_int> {
    // SAFETY: plain integers.
    int_call(libc::EAFNOSUPPORT, || unsafe {
        sys::sock_bind_wild(raw(&fd), family)
    })
}

/// `connect_timeo(fd, sa, salen, nsec)`: connect() bounded by a SIGALRM
/// after `nsec` seconds (`ETIMEDOUT`).  It takes the descriptor because
/// the C function **closes it on failure**; on success it is handed back.
/// It installs (and then restores) a SIGALRM handler and uses `alarm()`,
/// both process-wide.
pub fn connect_timeo(fd: OwnedFd, sa: &SockAddr, nsec: c_int) -> io::Result<OwnedFd> {
    let n = fd.into_raw_fd();
    // SAFETY: `n` is ours (taken from `fd`), the address readable for its
    // length.
    int_call(libc::EINVAL, || unsafe {
        sys::connect_timeo(n, sa.as_ptr(), sa.len(), nsec)
    })?;
    // SAFETY: on success the C function leaves `n` open, and it is still ours.
    Ok(unsafe { OwnedFd::from_raw_fd(n) })
}

/// `Connect_timeo(fd, sa, salen, nsec)`; exits with `connect_timeo error:
/// ...` (the descriptor is closed then); returns the connected descriptor.
pub fn Connect_timeo(fd: OwnedFd, sa: &SockAddr, nsec: c_int) -> OwnedFd {
    let n = fd.into_raw_fd();
    // SAFETY: as in `connect_timeo`.
    unsafe { sys::Connect_timeo(n, sa.as_ptr(), sa.len(), nsec) };
    new_fd(n)
}

/// The identity of the open file behind `fd`: (device, inode).
fn identity(fd: c_int) -> Option<(u64, u64)> {
    // SAFETY: all-zero is a valid stat; fstat writes only into it.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    if unsafe { libc::fstat(fd, &mut st) } < 0 {
        return None;
    }
    Some((st.st_dev, st.st_ino))
}

/// `connect_nonb(fd, sa, salen, nsec)`: non-blocking connect bounded by
/// `nsec` seconds (0: no bound); the descriptor back once connected (its
/// file status flags restored).  It takes the descriptor because the C
/// function closes it on most failures; on every failure it is closed
/// (this function closes it where the C function left it open).
pub fn connect_nonb(fd: OwnedFd, sa: &SockAddr, nsec: c_int) -> io::Result<OwnedFd> {
    let socket = identity(raw(&fd));
    let n = fd.into_raw_fd();
    // SAFETY: `n` is ours; the address is readable for its length.
    match int_call(libc::EINVAL, || unsafe {
        sys::connect_nonb(n, sa.as_ptr(), sa.len(), nsec)
    }) {
        // SAFETY: connected: the C function left `n` open, still ours.
        Ok(_) => Ok(unsafe { OwnedFd::from_raw_fd(n) }),
        Err(e) => {
            // Closed by the C function, or left open (connect() failed at
            // once, getsockopt() failed): still open on the same socket
            // means it was left open, since nothing else holds this socket
            // under the number `n` (the socket was ours alone under it, and
            // another owner of the socket would have to dup2 over a number
            // it does not own).
            if socket.is_some() && identity(n) == socket {
                // SAFETY: as argued above, `n` is still our socket.
                drop(unsafe { OwnedFd::from_raw_fd(n) });
            }
            Err(e)
        }
    }
}

/// `readable_timeo(fd, sec)`: positive when readable, 0 on timeout.
pub fn readable_timeo(fd: impl AsFd, sec: c_int) -> io::Result<c_int> {
    // SAFETY: plain integers.
    int_call(libc::EINVAL, || unsafe {
        sys::readable_timeo(raw(&fd), sec)
    })
}

/// `Readable_timeo(fd, sec)`; exits with `readable_timeo error: ...`.
pub fn Readable_timeo(fd: impl AsFd, sec: c_int) -> c_int {
    // SAFETY: plain integers.
    unsafe { sys::Readable_timeo(raw(&fd), sec) }
}

/// `writable_timeo(fd, sec)`: positive when writable, 0 on timeout.
pub fn writable_timeo(fd: impl AsFd, sec: c_int) -> io::Result<c_int> {
    // SAFETY: plain integers.
    int_call(libc::EINVAL, || unsafe {
        sys::writable_timeo(raw(&fd), sec)
    })
}

/// `Writable_timeo(fd, sec)`; exits with `writable_timeo error: ...`.
pub fn Writable_timeo(fd: impl AsFd, sec: c_int) -> c_int {
    // SAFETY: plain integers.
    unsafe { sys::Writable_timeo(raw(&fd), sec) }
}

/// The descriptor `read_fd` received: a new one, or none (-1).
fn received(recvfd: c_int) -> Option<OwnedFd> {
    // SAFETY: the C function stores only a descriptor the kernel installed
    // for this process with the message (SOL_SOCKET / SCM_RIGHTS, checked;
    // another kind of message ends in the library's err_quit, which exits),
    // so it is new and ours; -1 when none came.
    (recvfd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(recvfd) })
}

/// `read_fd(fd, buf, len, &recvfd)`: the byte count (0 at end of file) and
/// the descriptor passed along, if one came.
pub fn read_fd(fd: impl AsFd, buf: &mut [u8]) -> io::Result<(usize, Option<OwnedFd>)> {
    let mut recvfd = -1;
    // SAFETY: buf.len() writable bytes and an int for the descriptor.
    let n = size_call(libc::EINVAL, || unsafe {
        sys::read_fd(raw(&fd), buf.as_mut_ptr().cast(), buf.len(), &mut recvfd)
    })?;
    Ok((n, received(recvfd)))
}

/// `Read_fd(fd, buf, len, &recvfd)`; exits with `read_fd error: ...`.
pub fn Read_fd(fd: impl AsFd, buf: &mut [u8]) -> (usize, Option<OwnedFd>) {
    let mut recvfd = -1;
    // SAFETY: as in `read_fd`.
    let n = unsafe { sys::Read_fd(raw(&fd), buf.as_mut_ptr().cast(), buf.len(), &mut recvfd) };
    (n.max(0) as usize, received(recvfd))
}

/// `write_fd(fd, buf, len, sendfd)`: sends `buf` with a copy of the
/// descriptor `sendfd` (the receiver gets its own; `sendfd` stays the
/// caller's).
pub fn write_fd(fd: impl AsFd, buf: &[u8], sendfd: impl AsFd) -> io::Result<usize> {
    // SAFETY: buf.len() bytes, only read (the C prototype says void *).
    size_call(libc::EINVAL, || unsafe {
        sys::write_fd(
            raw(&fd),
            buf.as_ptr().cast_mut().cast(),
            buf.len(),
            raw(&sendfd),
        )
    })
}

/// `Write_fd(fd, buf, len, sendfd)`; exits with `write_fd error: ...`.
pub fn Write_fd(fd: impl AsFd, buf: &[u8], sendfd: impl AsFd) -> usize {
    // SAFETY: as in `write_fd`.
    unsafe {
        sys::Write_fd(
            raw(&fd),
            buf.as_ptr().cast_mut().cast(),
            buf.len(),
            raw(&sendfd),
        )
    }
    .max(0) as usize
}
