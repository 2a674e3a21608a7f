//! The name helpers (`tcp_connect.c`, `tcp_listen.c`, `udp_client.c`,
//! `udp_connect.c`, `udp_server.c`).  The capitalised functions are the
//! library's; the C library's lowercase ones exit on failure too, so their
//! Rust twins here do the same work (getaddrinfo, then each address in
//! order) and return the error instead.

use std::ffi::{c_char, c_int, CStr};
use std::fmt;
use std::io;
use std::os::fd::OwnedFd;

use libc::socklen_t;

use crate::addr::SockAddr;
use crate::cstr::{with_opt_ptr, AsCStr, AsOptCStr};
use crate::sock::{bind, connect, listen, setsockopt, socket};
use crate::sys;
use crate::util::new_fd;

/// A resolver failure: getaddrinfo's code, printed with `gai_strerror` as
/// the C functions print it (`Name or service not known`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GaiError(pub c_int);

impl fmt::Display for GaiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: gai_strerror returns a static NUL-terminated string for
        // any code.
        let s = unsafe { CStr::from_ptr(libc::gai_strerror(self.0)) };
        f.write_str(&s.to_string_lossy())
    }
}

impl std::error::Error for GaiError {}

impl From<GaiError> for io::Error {
    fn from(e: GaiError) -> io::Error {
        io::Error::other(e)
    }
}

/// A getaddrinfo list, freed on drop.
struct AddrList(*mut libc::addrinfo);

impl AddrList {
    /// getaddrinfo(host, serv) with AF_UNSPEC, `flags` and `socktype`.
    fn resolve(
        host: *const c_char,
        serv: *const c_char,
        flags: c_int,
        socktype: c_int,
    ) -> Result<AddrList, GaiError> {
        // SAFETY: all-zero is a valid addrinfo (null pointers, AF_UNSPEC).
        let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
        hints.ai_flags = flags;
        hints.ai_family = libc::AF_UNSPEC;
        hints.ai_socktype = socktype;
        let mut res = std::ptr::null_mut();
        // SAFETY: host and serv are NULL or NUL-terminated; res receives a
        // list this value frees.
        match unsafe { libc::getaddrinfo(host, serv, &hints, &mut res) } {
            0 => Ok(AddrList(res)),
            n => Err(GaiError(n)),
        }
    }

    /// The entries: (family, socktype, protocol, address).
    fn entries(&self) -> Vec<(c_int, c_int, c_int, SockAddr)> {
        let mut out = Vec::new();
        let mut p = self.0;
        while !p.is_null() {
            // SAFETY: an entry of the live list.
            let ai = unsafe { &*p };
            let sa = if ai.ai_addr.is_null() {
                SockAddr::new()
            } else {
                // SAFETY: ai_addr holds ai_addrlen bytes.
                unsafe { SockAddr::from_raw(ai.ai_addr, ai.ai_addrlen) }
            };
            out.push((ai.ai_family, ai.ai_socktype, ai.ai_protocol, sa));
            p = ai.ai_next;
        }
        out
    }
}

impl Drop for AddrList {
    fn drop(&mut self) {
        // SAFETY: the list getaddrinfo returned, freed once.
        unsafe { libc::freeaddrinfo(self.0) }
    }
}

/// What is done with each entry's socket.
#[derive(Clone, Copy)]
enum Step {
    Socket,
    Connect,
    Bind { reuseaddr: bool },
}

/// The common body of the twins: resolve, then each entry in order; the
/// first that succeeds, or the last error (`EINVAL` if none was tried).
fn open_first<H: AsOptCStr + ?Sized, S: AsCStr + ?Sized>(
    host: &H,
    serv: &S,
    flags: c_int,
    socktype: c_int,
    step: Step,
) -> io::Result<(OwnedFd, SockAddr)> {
    let list = with_opt_ptr(host, |h| {
        serv.with_cstr(|s| AddrList::resolve(h, s.as_ptr(), flags, socktype))
    })?;
    let mut last = io::Error::from_raw_os_error(libc::EINVAL);
    for (family, ty, proto, sa) in list.entries() {
        let fd = match socket(family, ty, proto) {
            Ok(fd) => fd,
            Err(e) => {
                last = e;
                continue;
            }
        };
        let done = match step {
            Step::Socket => Ok(()),
            Step::Connect => connect(&fd, &sa),
            Step::Bind { reuseaddr } => {
                if reuseaddr {
                    setsockopt(&fd, libc::SOL_SOCKET, libc::SO_REUSEADDR, &(1 as c_int))?;
                }
                bind(&fd, &sa)
            }
        };
        match done {
            Ok(()) => return Ok((fd, sa)),
            Err(e) => last = e, // fd is closed here
        }
    }
    Err(last)
}

/// `Tcp_connect(host, serv)`: a connected TCP socket, any family.  Exits
/// with `tcp_connect error for HOST, SERV: ...`.
pub fn Tcp_connect<H: AsCStr + ?Sized, S: AsCStr + ?Sized>(host: &H, serv: &S) -> OwnedFd {
    // SAFETY: two NUL-terminated strings, read during the call.
    new_fd(
        host.with_cstr(|h| serv.with_cstr(|s| unsafe { sys::Tcp_connect(h.as_ptr(), s.as_ptr()) })),
    )
}

/// `tcp_connect(host, serv)`, returning the error where C's `tcp_connect`
/// exits: a [`GaiError`] (inside the `io::Error`) when the names do not
/// resolve, else the error of the last address tried.
pub fn tcp_connect<H: AsCStr + ?Sized, S: AsCStr + ?Sized>(
    host: &H,
    serv: &S,
) -> io::Result<OwnedFd> {
    open_first(&host, serv, 0, libc::SOCK_STREAM, Step::Connect).map(|(fd, _)| fd)
}

/// The C prototype of `Tcp_listen` and `Udp_server`.
type PassiveFn = unsafe extern "C" fn(*const c_char, *const c_char, *mut socklen_t) -> c_int;

/// `f(host, serv, &addrlen)` for `Tcp_listen` and `Udp_server`.
fn passive<H: AsOptCStr, S: AsCStr + ?Sized>(
    f: PassiveFn,
    host: H,
    serv: &S,
    addrlenp: Option<&mut socklen_t>,
) -> OwnedFd {
    let lp = addrlenp.map_or(std::ptr::null_mut(), |r| r as *mut socklen_t);
    new_fd(with_opt_ptr(&host, |h| {
        // SAFETY: NULL or NUL-terminated strings, and NULL or a live
        // socklen_t.
        serv.with_cstr(|s| unsafe { f(h, s.as_ptr(), lp) })
    }))
}

/// The bound socket of `tcp_listen` (then listening) and `udp_server`,
/// with the address length in `addrlenp`.
fn bound<H: AsOptCStr, S: AsCStr + ?Sized>(
    host: H,
    serv: &S,
    addrlenp: Option<&mut socklen_t>,
    socktype: c_int,
) -> io::Result<OwnedFd> {
    let tcp = socktype == libc::SOCK_STREAM;
    let step = Step::Bind { reuseaddr: tcp };
    let (fd, sa) = open_first(&host, serv, libc::AI_PASSIVE, socktype, step)?;
    if tcp {
        listen(&fd, crate::LISTENQ)?;
    }
    if let Some(l) = addrlenp {
        *l = sa.len();
    }
    Ok(fd)
}

/// `Tcp_listen(host, serv, &addrlen)`: a listening TCP socket; `host`
/// `None` (or [`NULL`](crate::NULL)) for the wildcard; `addrlenp` receives
/// the address length (16 or 28).  Exits with `tcp_listen error for ...`.
pub fn Tcp_listen<H: AsOptCStr, S: AsCStr + ?Sized>(
    host: H,
    serv: &S,
    addrlenp: Option<&mut socklen_t>,
) -> OwnedFd {
    passive(sys::Tcp_listen, host, serv, addrlenp)
}

/// `tcp_listen(host, serv, &addrlen)`: socket, `SO_REUSEADDR`, bind for each
/// address in order, then `listen` (with `LISTENQ`'s override); the error
/// where C's `tcp_listen` exits (see [`tcp_connect`]).
pub fn tcp_listen<H: AsOptCStr, S: AsCStr + ?Sized>(
    host: H,
    serv: &S,
    addrlenp: Option<&mut socklen_t>,
) -> io::Result<OwnedFd> {
    bound(host, serv, addrlenp, libc::SOCK_STREAM)
}

/// `Udp_client(host, serv, &sa, &salen)`: an unconnected UDP socket and the
/// server's address.  Exits with `udp_client error for ...`.
pub fn Udp_client<H: AsCStr + ?Sized, S: AsCStr + ?Sized>(
    host: &H,
    serv: &S,
) -> (OwnedFd, SockAddr) {
    let mut sa: *mut libc::sockaddr = std::ptr::null_mut();
    let mut len: socklen_t = 0;
    let fd = host.with_cstr(|h| {
        // SAFETY: two NUL-terminated strings, and live out-parameters.
        serv.with_cstr(|s| unsafe { sys::Udp_client(h.as_ptr(), s.as_ptr(), &mut sa, &mut len) })
    });
    let addr = if sa.is_null() {
        SockAddr::new()
    } else {
        // SAFETY: the library's Malloc'd copy of `len` bytes, ours to free.
        let a = unsafe { SockAddr::from_raw(sa, len) };
        // SAFETY: as above, freed once.
        unsafe { libc::free(sa.cast()) };
        a
    };
    (new_fd(fd), addr)
}

/// `udp_client(host, serv, &sa, &salen)`: the error where C's
/// `udp_client` exits (see [`tcp_connect`]).
pub fn udp_client<H: AsCStr + ?Sized, S: AsCStr + ?Sized>(
    host: &H,
    serv: &S,
) -> io::Result<(OwnedFd, SockAddr)> {
    open_first(&host, serv, 0, libc::SOCK_DGRAM, Step::Socket)
}

/// `Udp_connect(host, serv)`: a connected UDP socket.  Exits with
/// `udp_connect error for ...`.
pub fn Udp_connect<H: AsCStr + ?Sized, S: AsCStr + ?Sized>(host: &H, serv: &S) -> OwnedFd {
    // SAFETY: two NUL-terminated strings.
    new_fd(
        host.with_cstr(|h| serv.with_cstr(|s| unsafe { sys::Udp_connect(h.as_ptr(), s.as_ptr()) })),
    )
}

/// `udp_connect(host, serv)`: the error where C's `udp_connect` exits
/// (see [`tcp_connect`]).
pub fn udp_connect<H: AsCStr + ?Sized, S: AsCStr + ?Sized>(
    host: &H,
    serv: &S,
) -> io::Result<OwnedFd> {
    open_first(&host, serv, 0, libc::SOCK_DGRAM, Step::Connect).map(|(fd, _)| fd)
}

/// `Udp_server(host, serv, &addrlen)`: a bound UDP socket (`host` `None`
/// for the wildcard).  Exits with `udp_server error for ...`.
pub fn Udp_server<H: AsOptCStr, S: AsCStr + ?Sized>(
    host: H,
    serv: &S,
    addrlenp: Option<&mut socklen_t>,
) -> OwnedFd {
    passive(sys::Udp_server, host, serv, addrlenp)
}

/// `udp_server(host, serv, &addrlen)`: socket and bind (no `SO_REUSEADDR`)
/// for each address in order; the error where C's `udp_server` exits (see
/// [`tcp_connect`]).
pub fn udp_server<H: AsOptCStr, S: AsCStr + ?Sized>(
    host: H,
    serv: &S,
    addrlenp: Option<&mut socklen_t>,
) -> io::Result<OwnedFd> {
    bound(host, serv, addrlenp, libc::SOCK_DGRAM)
}
