//! The socket wrappers (`wrapsock.c`), the name helpers (`tcp_connect.c`,
//! `tcp_listen.c`, `udp_*.c`), `sockfd_to_family`, the timeouts and
//! descriptor passing.  Each capitalised function calls the C function of
//! the same name: on failure it prints the book's diagnostic and exits 1.

use std::ffi::c_int;
use std::io;
use std::mem::size_of;
use std::os::fd::RawFd;

use libc::socklen_t;

use crate::addr::SockAddr;
use crate::cstr::{with_opt_cstr, AsCStr};
use crate::error::flush_rust_stdout as pre;
use crate::sys;

fn cvt(n: c_int) -> io::Result<c_int> {
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n)
    }
}

fn cvt_size(n: isize) -> io::Result<usize> {
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

/// `Socket(family, type, protocol)`: the new descriptor; exits with
/// `socket error: ...`.
pub fn Socket(family: c_int, ty: c_int, protocol: c_int) -> RawFd {
    pre();
    unsafe { sys::Socket(family, ty, protocol) }
}

/// `Socketpair(family, type, protocol, fd)`: the two descriptors.
pub fn Socketpair(family: c_int, ty: c_int, protocol: c_int) -> [RawFd; 2] {
    let mut fd = [-1; 2];
    pre();
    unsafe { sys::Socketpair(family, ty, protocol, fd.as_mut_ptr()) };
    fd
}

/// `Bind(fd, sa, salen)`; exits with `bind error: ...`.
pub fn Bind(fd: RawFd, sa: &SockAddr) {
    pre();
    unsafe { sys::Bind(fd, sa.as_ptr(), sa.len()) }
}

/// `Connect(fd, sa, salen)`; exits with `connect error: ...`
/// (`connect error: Connection refused`).
pub fn Connect(fd: RawFd, sa: &SockAddr) {
    pre();
    unsafe { sys::Connect(fd, sa.as_ptr(), sa.len()) }
}

/// `Listen(fd, backlog)` (the `LISTENQ` environment variable overrides
/// `backlog`, as in the book); exits with `listen error: ...`.
pub fn Listen(fd: RawFd, backlog: c_int) {
    pre();
    unsafe { sys::Listen(fd, backlog) }
}

fn sa_parts(sa: Option<&mut SockAddr>) -> (*mut libc::sockaddr, Option<&mut SockAddr>) {
    match sa {
        None => (std::ptr::null_mut(), None),
        Some(s) => {
            s.set_len(size_of::<libc::sockaddr_storage>() as socklen_t);
            (s.as_mut_ptr(), Some(s))
        }
    }
}

/// `Accept(fd, sa, &len)`: the connected descriptor; the peer's address goes
/// into `sa` (whose length becomes the peer's), `None` for NULL.  As the C
/// wrapper, retries on ECONNABORTED (and EPROTO) and exits with
/// `accept error: ...` otherwise (EINTR too).
pub fn Accept(fd: RawFd, sa: Option<&mut SockAddr>) -> RawFd {
    let (p, sa) = sa_parts(sa);
    pre();
    match sa {
        None => unsafe { sys::Accept(fd, p, std::ptr::null_mut()) },
        Some(s) => {
            let mut len = s.len();
            let n = unsafe { sys::Accept(fd, p, &mut len) };
            s.set_len(len);
            n
        }
    }
}

/// libc's `accept()` (not a library function; for the book's servers that
/// retry after EINTR themselves).
pub fn accept(fd: RawFd, sa: Option<&mut SockAddr>) -> io::Result<RawFd> {
    let (p, sa) = sa_parts(sa);
    match sa {
        None => cvt(unsafe { libc::accept(fd, p, std::ptr::null_mut()) }),
        Some(s) => {
            let mut len = s.len();
            let n = cvt(unsafe { libc::accept(fd, p, &mut len) })?;
            s.set_len(len);
            Ok(n)
        }
    }
}

/// `Getsockname(fd, sa, &len)`: the local address.
pub fn Getsockname(fd: RawFd) -> SockAddr {
    let mut s = SockAddr::new();
    let mut len = s.len();
    pre();
    unsafe { sys::Getsockname(fd, s.as_mut_ptr(), &mut len) };
    s.set_len(len);
    s
}

/// `Getpeername(fd, sa, &len)`: the peer's address.
pub fn Getpeername(fd: RawFd) -> SockAddr {
    let mut s = SockAddr::new();
    let mut len = s.len();
    pre();
    unsafe { sys::Getpeername(fd, s.as_mut_ptr(), &mut len) };
    s.set_len(len);
    s
}

/// `Setsockopt(fd, level, optname, &optval, sizeof(optval))` for a plain
/// option value (`c_int`, `libc::linger`, `libc::timeval`, ...).
pub fn Setsockopt<T: Copy>(fd: RawFd, level: c_int, optname: c_int, optval: &T) {
    pre();
    unsafe {
        sys::Setsockopt(
            fd,
            level,
            optname,
            (optval as *const T).cast(),
            size_of::<T>() as socklen_t,
        )
    }
}

/// `Getsockopt(fd, level, optname, &optval, &len)`: fills `optval`,
/// returns the length the kernel reported.
///
/// # Safety
/// `T` must be a plain C type for which any byte pattern the kernel writes
/// is valid (`c_int`, `libc::linger`, `libc::timeval`, ...).
pub unsafe fn Getsockopt<T: Copy>(
    fd: RawFd,
    level: c_int,
    optname: c_int,
    optval: &mut T,
) -> socklen_t {
    let mut len = size_of::<T>() as socklen_t;
    pre();
    unsafe { sys::Getsockopt(fd, level, optname, (optval as *mut T).cast(), &mut len) };
    len
}

/// `Shutdown(fd, how)`.
pub fn Shutdown(fd: RawFd, how: c_int) {
    pre();
    unsafe { sys::Shutdown(fd, how) }
}

/// `Send(fd, buf, len, flags)`; a short send exits as in C.
pub fn Send(fd: RawFd, buf: &[u8], flags: c_int) {
    pre();
    unsafe { sys::Send(fd, buf.as_ptr().cast(), buf.len(), flags) }
}

/// `Sendto(fd, buf, len, flags, to, tolen)`; exits with `sendto error: ...`.
pub fn Sendto(fd: RawFd, buf: &[u8], flags: c_int, to: &SockAddr) {
    pre();
    unsafe {
        sys::Sendto(
            fd,
            buf.as_ptr().cast(),
            buf.len(),
            flags,
            to.as_ptr(),
            to.len(),
        )
    }
}

/// `Recv(fd, buf, len, flags)`: the byte count.
pub fn Recv(fd: RawFd, buf: &mut [u8], flags: c_int) -> usize {
    pre();
    unsafe { sys::Recv(fd, buf.as_mut_ptr().cast(), buf.len(), flags) }.max(0) as usize
}

/// `Recvfrom(fd, buf, len, flags, from, &fromlen)`: the byte count; the
/// sender's address into `from` (`None` for NULL).
pub fn Recvfrom(fd: RawFd, buf: &mut [u8], flags: c_int, from: Option<&mut SockAddr>) -> usize {
    let (p, from) = sa_parts(from);
    pre();
    let n = match from {
        None => unsafe {
            sys::Recvfrom(
                fd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                flags,
                p,
                std::ptr::null_mut(),
            )
        },
        Some(s) => {
            let mut len = s.len();
            let n = unsafe {
                sys::Recvfrom(fd, buf.as_mut_ptr().cast(), buf.len(), flags, p, &mut len)
            };
            s.set_len(len);
            n
        }
    };
    n.max(0) as usize
}

/// `Poll(fdarray, nfds, timeout)`: the number of ready descriptors.
pub fn Poll(fds: &mut [libc::pollfd], timeout: c_int) -> c_int {
    pre();
    unsafe { sys::Poll(fds.as_mut_ptr(), fds.len() as libc::c_ulong, timeout) }
}

/// `Select(nfds, readset, writeset, exceptset, timeout)` (`None` for NULL).
pub fn Select(
    nfds: c_int,
    readfds: Option<&mut libc::fd_set>,
    writefds: Option<&mut libc::fd_set>,
    exceptfds: Option<&mut libc::fd_set>,
    timeout: Option<&mut libc::timeval>,
) -> c_int {
    fn p<T>(o: Option<&mut T>) -> *mut T {
        o.map_or(std::ptr::null_mut(), |r| r as *mut T)
    }
    pre();
    unsafe { sys::Select(nfds, p(readfds), p(writefds), p(exceptfds), p(timeout)) }
}

/// `Sockatmark(fd)`: 1 at the out-of-band mark, else 0.
pub fn Sockatmark(fd: RawFd) -> c_int {
    pre();
    unsafe { sys::Sockatmark(fd) }
}

/// `sockfd_to_family(fd)`: the address family of the socket.
pub fn sockfd_to_family(fd: RawFd) -> io::Result<c_int> {
    cvt(sys::sockfd_to_family(fd))
}

/// `Sockfd_to_family(fd)`; exits with `sockfd_to_family error: ...`.
pub fn Sockfd_to_family(fd: RawFd) -> c_int {
    pre();
    sys::Sockfd_to_family(fd)
}

/// `family_to_level(family)`: `IPPROTO_IP` / `IPPROTO_IPV6`; an error
/// (EAFNOSUPPORT) for another family.
pub fn family_to_level(family: c_int) -> io::Result<c_int> {
    cvt(sys::family_to_level(family))
}

/// `Family_to_level(family)`; exits with `family_to_level error: ...`.
pub fn Family_to_level(family: c_int) -> c_int {
    pre();
    sys::Family_to_level(family)
}

/// `Sock_bind_wild(fd, family)`: binds the wildcard address with an
/// ephemeral port; returns the port **in network byte order**, as C.
pub fn Sock_bind_wild(fd: RawFd, family: c_int) -> c_int {
    pre();
    unsafe { sys::Sock_bind_wild(fd, family) }
}

/// `sock_bind_wild(fd, family)`, as [`Sock_bind_wild`] with an error.
pub fn sock_bind_wild(fd: RawFd, family: c_int) -> io::Result<c_int> {
    cvt(unsafe { sys::sock_bind_wild(fd, family) })
}

/// `Tcp_connect(host, serv)`: a connected TCP socket, any family.  Exits
/// with `tcp_connect error for HOST, SERV: ...` (the C `tcp_connect` exits
/// the same way, so there is no lowercase variant).
pub fn Tcp_connect<H: AsCStr + ?Sized, S: AsCStr + ?Sized>(host: &H, serv: &S) -> RawFd {
    pre();
    host.with_cstr(|h| serv.with_cstr(|s| unsafe { sys::Tcp_connect(h.as_ptr(), s.as_ptr()) }))
}

/// `Tcp_listen(host, serv, &addrlen)`: a listening TCP socket; `host`
/// [`NULL`](crate::NULL) for the wildcard; `addrlenp` receives the
/// address length (16 or 28).  Exits with `tcp_listen error for ...`.
pub fn Tcp_listen<H: AsCStr + ?Sized, S: AsCStr + ?Sized>(
    host: Option<&H>,
    serv: &S,
    addrlenp: Option<&mut socklen_t>,
) -> RawFd {
    let lp = addrlenp.map_or(std::ptr::null_mut(), |r| r as *mut socklen_t);
    pre();
    with_opt_cstr(host, |h| {
        serv.with_cstr(|s| unsafe { sys::Tcp_listen(h, s.as_ptr(), lp) })
    })
}

/// `Udp_client(host, serv, &sa, &salen)`: an unconnected UDP socket and the
/// server's address.  Exits with `udp_client error for ...`.
pub fn Udp_client<H: AsCStr + ?Sized, S: AsCStr + ?Sized>(host: &H, serv: &S) -> (RawFd, SockAddr) {
    let mut sa: *mut libc::sockaddr = std::ptr::null_mut();
    let mut len: socklen_t = 0;
    pre();
    let fd = host.with_cstr(|h| {
        serv.with_cstr(|s| unsafe { sys::Udp_client(h.as_ptr(), s.as_ptr(), &mut sa, &mut len) })
    });
    let addr = if sa.is_null() {
        SockAddr::new()
    } else {
        // SAFETY: the library's Malloc'd copy of `len` bytes, ours to free.
        let a = unsafe { SockAddr::from_raw(sa, len) };
        unsafe { libc::free(sa.cast()) };
        a
    };
    (fd, addr)
}

/// `Udp_connect(host, serv)`: a connected UDP socket.  Exits with
/// `udp_connect error for ...`.
pub fn Udp_connect<H: AsCStr + ?Sized, S: AsCStr + ?Sized>(host: &H, serv: &S) -> RawFd {
    pre();
    host.with_cstr(|h| serv.with_cstr(|s| unsafe { sys::Udp_connect(h.as_ptr(), s.as_ptr()) }))
}

/// `Udp_server(host, serv, &addrlen)`: a bound UDP socket (`host`
/// [`NULL`](crate::NULL) for the wildcard).  Exits with `udp_server error for ...`.
pub fn Udp_server<H: AsCStr + ?Sized, S: AsCStr + ?Sized>(
    host: Option<&H>,
    serv: &S,
    addrlenp: Option<&mut socklen_t>,
) -> RawFd {
    let lp = addrlenp.map_or(std::ptr::null_mut(), |r| r as *mut socklen_t);
    pre();
    with_opt_cstr(host, |h| {
        serv.with_cstr(|s| unsafe { sys::Udp_server(h, s.as_ptr(), lp) })
    })
}

/// `connect_timeo(fd, sa, salen, nsec)`: connect() bounded by a SIGALRM
/// after `nsec` seconds (ETIMEDOUT); the socket is closed on failure.
pub fn connect_timeo(fd: RawFd, sa: &SockAddr, nsec: c_int) -> io::Result<()> {
    cvt(unsafe { sys::connect_timeo(fd, sa.as_ptr(), sa.len(), nsec) }).map(drop)
}

/// `Connect_timeo(fd, sa, salen, nsec)`; exits with `connect_timeo error: ...`.
pub fn Connect_timeo(fd: RawFd, sa: &SockAddr, nsec: c_int) {
    pre();
    unsafe { sys::Connect_timeo(fd, sa.as_ptr(), sa.len(), nsec) }
}

/// `connect_nonb(fd, sa, salen, nsec)`: non-blocking connect bounded by
/// `nsec` seconds (0: no bound).
pub fn connect_nonb(fd: RawFd, sa: &SockAddr, nsec: c_int) -> io::Result<()> {
    cvt(unsafe { sys::connect_nonb(fd, sa.as_ptr(), sa.len(), nsec) }).map(drop)
}

/// `readable_timeo(fd, sec)`: positive when readable, 0 on timeout.
pub fn readable_timeo(fd: RawFd, sec: c_int) -> io::Result<c_int> {
    cvt(unsafe { sys::readable_timeo(fd, sec) })
}

/// `Readable_timeo(fd, sec)`; exits with `readable_timeo error: ...`.
pub fn Readable_timeo(fd: RawFd, sec: c_int) -> c_int {
    pre();
    unsafe { sys::Readable_timeo(fd, sec) }
}

/// `writable_timeo(fd, sec)`: positive when writable, 0 on timeout.
pub fn writable_timeo(fd: RawFd, sec: c_int) -> io::Result<c_int> {
    cvt(unsafe { sys::writable_timeo(fd, sec) })
}

/// `Writable_timeo(fd, sec)`; exits with `writable_timeo error: ...`.
pub fn Writable_timeo(fd: RawFd, sec: c_int) -> c_int {
    pre();
    unsafe { sys::Writable_timeo(fd, sec) }
}

/// `read_fd(fd, buf, len, &recvfd)`: the byte count (0 at end of file) and
/// the descriptor passed along, or -1 when none came.
pub fn read_fd(fd: RawFd, buf: &mut [u8]) -> io::Result<(usize, RawFd)> {
    let mut recvfd = -1;
    let n = cvt_size(unsafe { sys::read_fd(fd, buf.as_mut_ptr().cast(), buf.len(), &mut recvfd) })?;
    Ok((n, recvfd))
}

/// `Read_fd(fd, buf, len, &recvfd)`; exits with `read_fd error: ...`.
pub fn Read_fd(fd: RawFd, buf: &mut [u8]) -> (usize, RawFd) {
    let mut recvfd = -1;
    pre();
    let n = unsafe { sys::Read_fd(fd, buf.as_mut_ptr().cast(), buf.len(), &mut recvfd) };
    (n.max(0) as usize, recvfd)
}

/// `write_fd(fd, buf, len, sendfd)`: sends `buf` with the descriptor `sendfd`.
pub fn write_fd(fd: RawFd, buf: &[u8], sendfd: RawFd) -> io::Result<usize> {
    cvt_size(unsafe { sys::write_fd(fd, buf.as_ptr().cast_mut().cast(), buf.len(), sendfd) })
}

/// `Write_fd(fd, buf, len, sendfd)`; exits with `write_fd error: ...`.
pub fn Write_fd(fd: RawFd, buf: &[u8], sendfd: RawFd) -> usize {
    pre();
    unsafe { sys::Write_fd(fd, buf.as_ptr().cast_mut().cast(), buf.len(), sendfd) }.max(0) as usize
}
