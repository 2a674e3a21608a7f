//! Socket wrappers (the book's `lib/wrapsock.c`): each calls
//! the libc function and, on failure, `err_sys` with the book's message, so
//! the process exits 1 after printing e.g. `bind error: Address already in use`.

use core::ffi::{c_int, c_void};
use libc::{msghdr, pollfd, size_t, sockaddr, socklen_t, ssize_t, timeval};

use crate::ffi::{
    errno, inet6_rth_add, inet6_rth_getaddr, inet6_rth_init, inet6_rth_reverse, inet6_rth_segments,
    inet6_rth_space, quit, sockatmark,
};

/// accept(); retried when it fails with EPROTO or ECONNABORTED.  Any other
/// failure, EINTR included, exits through `err_sys("accept error")`.  Returns
/// the connected descriptor.
#[no_mangle]
pub unsafe extern "C" fn Accept(fd: c_int, sa: *mut sockaddr, salenptr: *mut socklen_t) -> c_int {
    loop {
        let n = relay!(libc::accept(fd, sa, salenptr));
        if n >= 0 {
            return n;
        }
        match errno() {
            libc::EPROTO | libc::ECONNABORTED => continue,
            _ => {
                crate::ffi::sys(msg!(c"accept error"));
                return n;
            }
        }
    }
}

/// bind(); failure exits through `err_sys("bind error")`.
#[no_mangle]
pub unsafe extern "C" fn Bind(fd: c_int, sa: *const sockaddr, salen: socklen_t) {
    wrap!(relay!(libc::bind(fd, sa, salen)), |n| n < 0, c"bind error");
}

/// connect(); failure exits through `err_sys("connect error")`, e.g.
/// `connect error: Connection refused`.
#[no_mangle]
pub unsafe extern "C" fn Connect(fd: c_int, sa: *const sockaddr, salen: socklen_t) {
    wrap!(
        relay!(libc::connect(fd, sa, salen)),
        |n| n < 0,
        c"connect error"
    );
}

/// getpeername(); failure exits through `err_sys("getpeername error")`.
#[no_mangle]
pub unsafe extern "C" fn Getpeername(fd: c_int, sa: *mut sockaddr, salenptr: *mut socklen_t) {
    wrap!(
        relay!(libc::getpeername(fd, sa, salenptr)),
        |n| n < 0,
        c"getpeername error"
    );
}

/// getsockname(); failure exits through `err_sys("getsockname error")`.
#[no_mangle]
pub unsafe extern "C" fn Getsockname(fd: c_int, sa: *mut sockaddr, salenptr: *mut socklen_t) {
    wrap!(
        relay!(libc::getsockname(fd, sa, salenptr)),
        |n| n < 0,
        c"getsockname error"
    );
}

/// getsockopt(); failure exits through `err_sys("getsockopt error")`.
#[no_mangle]
pub unsafe extern "C" fn Getsockopt(
    fd: c_int,
    level: c_int,
    optname: c_int,
    optval: *mut c_void,
    optlenptr: *mut socklen_t,
) {
    wrap!(
        relay!(libc::getsockopt(fd, level, optname, optval, optlenptr)),
        |n| n < 0,
        c"getsockopt error"
    );
}

/// inet6_rth_space().  As in the original, the unsigned result is returned as
/// an int and never treated as a failure: bad arguments give 0.
#[no_mangle]
pub unsafe extern "C" fn Inet6_rth_space(ty: c_int, segments: c_int) -> c_int {
    relay!(inet6_rth_space(ty, segments)) as c_int
}

/// inet6_rth_init(); NULL exits through `err_quit("inet6_rth_init error")`,
/// as does a NULL `rthbuf` (glibc would write through it).
#[no_mangle]
pub unsafe extern "C" fn Inet6_rth_init(
    rthbuf: *mut c_void,
    rthlen: socklen_t,
    ty: c_int,
    segments: c_int,
) -> *mut c_void {
    let p = nonnull!(
        [rthbuf],
        relay!(inet6_rth_init(rthbuf, rthlen, ty, segments)),
        core::ptr::null_mut()
    );
    if p.is_null() {
        quit(msg!(c"inet6_rth_init error"));
    }
    p
}

/// inet6_rth_add(); failure exits through `err_quit("inet6_rth_add error")`,
/// as does a NULL `rthbuf` or `addr`.
#[no_mangle]
pub unsafe extern "C" fn Inet6_rth_add(rthbuf: *mut c_void, addr: *const libc::in6_addr) {
    if nonnull!([rthbuf, addr], relay!(inet6_rth_add(rthbuf, addr)), -1) < 0 {
        quit(msg!(c"inet6_rth_add error"));
    }
}

/// inet6_rth_reverse(); failure exits through `err_quit("inet6_rth_reverse error")`,
/// as does a NULL `input` or `output`.
#[no_mangle]
pub unsafe extern "C" fn Inet6_rth_reverse(input: *const c_void, output: *mut c_void) {
    if nonnull!(
        [input, output],
        relay!(inet6_rth_reverse(input, output)),
        -1
    ) < 0
    {
        quit(msg!(c"inet6_rth_reverse error"));
    }
}

/// inet6_rth_segments(); failure exits through `err_quit("inet6_rth_segments error")`,
/// as does a NULL `rthbuf`.
#[no_mangle]
pub unsafe extern "C" fn Inet6_rth_segments(rthbuf: *const c_void) -> c_int {
    let n = nonnull!([rthbuf], relay!(inet6_rth_segments(rthbuf)), -1);
    if n < 0 {
        quit(msg!(c"inet6_rth_segments error"));
    }
    n
}

/// inet6_rth_getaddr(); NULL exits through `err_quit("inet6_rth_getaddr error")`,
/// as does a NULL `rthbuf`.
#[no_mangle]
pub unsafe extern "C" fn Inet6_rth_getaddr(
    rthbuf: *const c_void,
    idx: c_int,
) -> *mut libc::in6_addr {
    let p = nonnull!(
        [rthbuf],
        relay!(inet6_rth_getaddr(rthbuf, idx)),
        core::ptr::null_mut()
    );
    if p.is_null() {
        quit(msg!(c"inet6_rth_getaddr error"));
    }
    p
}

/// The backlog `Listen` really uses: the `LISTENQ` environment variable's
/// `atoi` value when it is set (a non-numeric value gives 0), else `backlog`.
fn listen_backlog(backlog: c_int, env: Option<&[u8]>) -> c_int {
    match env {
        Some(s) => atoi(s),
        None => backlog,
    }
}

/// C `atoi` over a byte string: leading blanks, an optional sign, digits; the
/// value wraps like glibc's (which truncates `strtol`'s long to int).
pub(crate) fn atoi(s: &[u8]) -> c_int {
    let mut it = s
        .iter()
        .copied()
        .skip_while(|b| matches!(b, b' ' | b'\t'..=b'\r'))
        .peekable();
    let neg = match it.peek() {
        Some(b'-') => {
            it.next();
            true
        }
        Some(b'+') => {
            it.next();
            false
        }
        _ => false,
    };
    // strtol saturates at LONG_MAX or LONG_MIN: accumulate towards the sign.
    let mut v: i64 = 0;
    for b in it {
        if !b.is_ascii_digit() {
            break;
        }
        let d = i64::from(b - b'0');
        v = v.saturating_mul(10);
        v = if neg {
            v.saturating_sub(d)
        } else {
            v.saturating_add(d)
        };
    }
    v as c_int
}

/// listen(); the backlog is replaced by the `LISTENQ` environment variable
/// when set.  Failure exits through `err_sys("listen error")`.
#[no_mangle]
pub unsafe extern "C" fn Listen(fd: c_int, backlog: c_int) {
    // SAFETY: getenv reads the NUL-terminated literal and returns NULL or
    // the variable's value in the environment, a NUL-terminated string that
    // stays in place while it is read here (the environment is not changed
    // during the call: setenv is not thread-safe in C either).
    let env = unsafe { crate::ffi::opt_cstr(libc::getenv(c"LISTENQ".as_ptr())) };
    let env = env.map(|s| s.to_bytes());
    let backlog = listen_backlog(backlog, env);
    wrap!(
        relay!(libc::listen(fd, backlog)),
        |n| n < 0,
        c"listen error"
    );
}

/// poll(); failure (EINTR included) exits through `err_sys("poll error")`.
/// Returns the number of ready descriptors.
#[no_mangle]
pub unsafe extern "C" fn Poll(
    fdarray: *mut pollfd,
    nfds: core::ffi::c_ulong,
    timeout: c_int,
) -> c_int {
    let nfds = nfds as libc::nfds_t;
    wrap!(
        relay!(libc::poll(fdarray, nfds, timeout)),
        |n| n < 0,
        c"poll error"
    )
}

/// recv(); failure exits through `err_sys("recv error")`.
#[no_mangle]
pub unsafe extern "C" fn Recv(
    fd: c_int,
    ptr: *mut c_void,
    nbytes: size_t,
    flags: c_int,
) -> ssize_t {
    wrap!(
        relay!(libc::recv(fd, ptr, nbytes, flags)),
        |n| n < 0,
        c"recv error"
    )
}

/// recvfrom(); failure (EINTR included) exits through `err_sys("recvfrom error")`.
#[no_mangle]
pub unsafe extern "C" fn Recvfrom(
    fd: c_int,
    ptr: *mut c_void,
    nbytes: size_t,
    flags: c_int,
    sa: *mut sockaddr,
    salenptr: *mut socklen_t,
) -> ssize_t {
    wrap!(
        relay!(libc::recvfrom(fd, ptr, nbytes, flags, sa, salenptr)),
        |n| n < 0,
        c"recvfrom error"
    )
}

/// recvmsg(); failure exits through `err_sys("recvmsg error")`.
#[no_mangle]
pub unsafe extern "C" fn Recvmsg(fd: c_int, msg: *mut msghdr, flags: c_int) -> ssize_t {
    wrap!(
        relay!(libc::recvmsg(fd, msg, flags)),
        |n| n < 0,
        c"recvmsg error"
    )
}

/// select(); failure (EINTR included) exits through `err_sys("select error")`.
/// Returns 0 on timeout.
#[no_mangle]
pub unsafe extern "C" fn Select(
    nfds: c_int,
    readfds: *mut libc::fd_set,
    writefds: *mut libc::fd_set,
    exceptfds: *mut libc::fd_set,
    timeout: *mut timeval,
) -> c_int {
    wrap!(
        relay!(libc::select(nfds, readfds, writefds, exceptfds, timeout)),
        |n| n < 0,
        c"select error"
    )
}

/// send(); a result other than `nbytes` (a short send too) exits through
/// `err_sys("send error")`.
#[no_mangle]
pub unsafe extern "C" fn Send(fd: c_int, ptr: *const c_void, nbytes: size_t, flags: c_int) {
    wrap!(
        relay!(libc::send(fd, ptr, nbytes, flags)),
        |n| n != nbytes as ssize_t,
        c"send error"
    );
}

/// sendto(); a result other than `nbytes` exits through `err_sys("sendto error")`.
#[no_mangle]
pub unsafe extern "C" fn Sendto(
    fd: c_int,
    ptr: *const c_void,
    nbytes: size_t,
    flags: c_int,
    sa: *const sockaddr,
    salen: socklen_t,
) {
    wrap!(
        relay!(libc::sendto(fd, ptr, nbytes, flags, sa, salen)),
        |n| n != nbytes as ssize_t,
        c"sendto error"
    );
}

/// sendmsg(); a result other than the sum of the `iov_len`s exits through
/// `err_sys("sendmsg error")`.
#[no_mangle]
pub unsafe extern "C" fn Sendmsg(fd: c_int, msg: *const msghdr, flags: c_int) {
    let mut total: usize = 0;
    if !msg.is_null() {
        // SAFETY: not NULL, so the caller's msghdr, whose `msg_iov`, when not
        // NULL, has `msg_iovlen` entries (the C caller's contract: what
        // sendmsg itself reads).
        let m = unsafe { &*msg };
        if !m.msg_iov.is_null() {
            for i in 0..m.msg_iovlen {
                // SAFETY: entry i < msg_iovlen of that array.
                total = total.wrapping_add(unsafe { (*m.msg_iov.add(i)).iov_len });
            }
        }
    }
    wrap!(
        relay!(libc::sendmsg(fd, msg, flags)),
        |n| n != total as ssize_t,
        c"sendmsg error"
    );
}

/// setsockopt(); failure exits through `err_sys("setsockopt error")`.
#[no_mangle]
pub unsafe extern "C" fn Setsockopt(
    fd: c_int,
    level: c_int,
    optname: c_int,
    optval: *const c_void,
    optlen: socklen_t,
) {
    wrap!(
        relay!(libc::setsockopt(fd, level, optname, optval, optlen)),
        |n| n < 0,
        c"setsockopt error"
    );
}

/// shutdown(); failure exits through `err_sys("shutdown error")`.
#[no_mangle]
pub unsafe extern "C" fn Shutdown(fd: c_int, how: c_int) {
    wrap!(
        relay!(libc::shutdown(fd, how)),
        |n| n < 0,
        c"shutdown error"
    );
}

/// sockatmark(); returns 1 at the out-of-band mark, 0 otherwise.  Failure
/// exits through `err_sys("sockatmark error")`.
#[no_mangle]
pub unsafe extern "C" fn Sockatmark(fd: c_int) -> c_int {
    wrap!(relay!(sockatmark(fd)), |n| n < 0, c"sockatmark error")
}

/// socket(); failure exits through `err_sys("socket error")`, e.g.
/// `socket error: Address family not supported by protocol`.  Returns the
/// descriptor.
///
/// `Socket(AF_INET, SOCK_RAW, 0)`, which BSD systems open as a raw socket
/// for writing whole IPv4 datagrams of any protocol (with `IP_HDRINCL`) and
/// Linux refuses with EPROTONOSUPPORT, is then opened as Linux's socket for
/// that, `socket(AF_INET, SOCK_RAW, IPPROTO_RAW)`: it sends every IPv4
/// datagram written to it, header included, and receives none.  Without
/// the privilege for raw sockets that fails with
/// `socket error: Operation not permitted`.
///
/// Differs from the original: the original exits on
/// `Socket(AF_INET, SOCK_RAW, 0)` with `socket error: Protocol not
/// supported`, so the book's udpcksum (udpcksum/udpwrite.c opens its
/// output socket so) cannot run on Linux.
#[no_mangle]
pub unsafe extern "C" fn Socket(family: c_int, ty: c_int, protocol: c_int) -> c_int {
    let mut fd = relay!(libc::socket(family, ty, protocol));
    if fd < 0 && errno() == libc::EPROTONOSUPPORT && is_bsd_raw_ipv4(family, ty, protocol) {
        // SAFETY: socket() takes no pointer; it returns a new descriptor or -1.
        fd = unsafe { libc::socket(family, ty, libc::IPPROTO_RAW) };
    }
    wrap!(fd, |n| n < 0, c"socket error")
}

/// Whether socket(family, ty, protocol) asks for BSD's IPv4 raw socket of
/// any protocol (the type may carry SOCK_NONBLOCK and SOCK_CLOEXEC).
fn is_bsd_raw_ipv4(family: c_int, ty: c_int, protocol: c_int) -> bool {
    family == libc::AF_INET
        && ty & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC) == libc::SOCK_RAW
        && protocol == 0
}

/// socketpair(); failure exits through `err_sys("socketpair error")`.
#[no_mangle]
pub unsafe extern "C" fn Socketpair(family: c_int, ty: c_int, protocol: c_int, fd: *mut c_int) {
    wrap!(
        relay!(libc::socketpair(family, ty, protocol, fd)),
        |n| n < 0,
        c"socketpair error"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_backlog_uses_env_like_atoi() {
        assert_eq!(listen_backlog(5, None), 5);
        assert_eq!(listen_backlog(5, Some(b"17")), 17);
        assert_eq!(listen_backlog(5, Some(b"  -3x")), -3);
        assert_eq!(listen_backlog(5, Some(b"abc")), 0);
        assert_eq!(listen_backlog(5, Some(b"")), 0);
        assert_eq!(atoi(b"+42"), 42);
        assert_eq!(atoi(b"4294967297"), 1);
        // strtol's LONG_MAX / LONG_MIN, truncated to int: -1 and 0.
        assert_eq!(atoi(b"99999999999999999999"), -1);
        assert_eq!(atoi(b"-99999999999999999999"), 0);
        assert_eq!(atoi(b"-9223372036854775808"), 0);
        assert_eq!(atoi(b"-2147483649"), 2147483647);
    }

    #[test]
    fn bsd_raw_ipv4_is_protocol_0_raw_inet_only() {
        use libc::{AF_INET, AF_INET6, IPPROTO_ICMP, IPPROTO_RAW, SOCK_CLOEXEC, SOCK_DGRAM};
        use libc::{SOCK_NONBLOCK, SOCK_RAW};
        assert!(is_bsd_raw_ipv4(AF_INET, SOCK_RAW, 0));
        assert!(is_bsd_raw_ipv4(AF_INET, SOCK_RAW | SOCK_CLOEXEC, 0));
        assert!(is_bsd_raw_ipv4(AF_INET, SOCK_RAW | SOCK_NONBLOCK, 0));
        assert!(!is_bsd_raw_ipv4(AF_INET, SOCK_RAW, IPPROTO_ICMP));
        assert!(!is_bsd_raw_ipv4(AF_INET, SOCK_RAW, IPPROTO_RAW));
        assert!(!is_bsd_raw_ipv4(AF_INET6, SOCK_RAW, 0));
        assert!(!is_bsd_raw_ipv4(AF_INET, SOCK_DGRAM, 0));
        assert!(!is_bsd_raw_ipv4(libc::AF_PACKET, SOCK_RAW, 0));
    }
}
