//! Name and address conversion helpers (the book's
//! `lib/tcp_connect.c`, `tcp_listen.c`, `udp_client.c`, `udp_connect.c`,
//! `udp_server.c` and `host_serv.c`).
//!
//! Each resolves with the system `getaddrinfo` (AF_UNSPEC; the list order is
//! glibc's, which /etc/gai.conf affects) and tries the entries in order.  A
//! resolver failure exits through `err_quit("<fn> error for %s, %s: %s",
//! host, serv, gai_strerror(n))`; no usable entry exits through
//! `err_sys("<fn> error for %s, %s", host, serv)` with the errno of the last
//! failed call.  A NULL host or service prints as `(null)`, as glibc's printf
//! does.
//!
//! Should a program's own `err_quit`/`err_sys` return (the book's `sock`
//! program defines them), the functions return -1 (after a resolver failure)
//! or the value the C code would have reached (see each function).

use core::ffi::{c_char, c_int, CStr};
use core::ptr;
use libc::{addrinfo, sockaddr, socklen_t};

use crate::ffi::{err_quit, err_sys};
use crate::sym::{Close, Listen, Malloc, Setsockopt};

/// The book's LISTENQ (unp.h), the backlog `tcp_listen` passes to `Listen`.
const LISTENQ: c_int = 1024;

/// Zeroed hints with the given flags, family and socket type.
fn hints(flags: c_int, family: c_int, socktype: c_int) -> addrinfo {
    addrinfo {
        ai_flags: flags,
        ai_family: family,
        ai_socktype: socktype,
        ai_protocol: 0,
        ai_addrlen: 0,
        ai_addr: ptr::null_mut(),
        ai_canonname: ptr::null_mut(),
        ai_next: ptr::null_mut(),
    }
}

/// What is done with each entry's socket before it counts as a success.
#[derive(Clone, Copy)]
enum Step {
    /// socket() alone (udp_client).
    Socket,
    /// connect(); `Close` on failure (tcp_connect, udp_connect).
    Connect,
    /// bind(), after `Setsockopt(SO_REUSEADDR)` when asked; `Close` on
    /// failure (tcp_listen, udp_server).
    Bind { reuseaddr: bool },
}

/// Walks the list from `res`: returns the descriptor and the entry that
/// succeeded, or the last descriptor tried (closed, or -1) and NULL.
///
/// # Safety
/// `res` is NULL or a list from getaddrinfo that is not freed meanwhile.
unsafe fn try_each(mut res: *mut addrinfo, step: Step) -> (c_int, *mut addrinfo) {
    let mut fd: c_int = -1;
    while !res.is_null() {
        // SAFETY: a node of the getaddrinfo list (this function's contract),
        // which getaddrinfo made and nothing writes until it is freed.
        let ai = unsafe { &*res };
        // SAFETY: socket() takes no pointer.
        fd = unsafe { libc::socket(ai.ai_family, ai.ai_socktype, ai.ai_protocol) };
        if fd >= 0 {
            let ok = match step {
                Step::Socket => true,
                Step::Connect => {
                    // SAFETY: getaddrinfo's entry: ai_addr points to
                    // ai_addrlen bytes of address.
                    let r = unsafe { libc::connect(fd, ai.ai_addr, ai.ai_addrlen) };
                    r == 0
                }
                Step::Bind { reuseaddr } => {
                    if reuseaddr {
                        let on: c_int = 1;
                        // SAFETY: the option value is the local int `on`, of
                        // the size passed (Setsockopt is setsockopt's
                        // wrapper, or a program's own with its prototype).
                        unsafe {
                            Setsockopt(
                                fd,
                                libc::SOL_SOCKET,
                                libc::SO_REUSEADDR,
                                (&on as *const c_int).cast(),
                                core::mem::size_of::<c_int>() as socklen_t,
                            )
                        };
                    }
                    // SAFETY: as for connect above.
                    let r = unsafe { libc::bind(fd, ai.ai_addr, ai.ai_addrlen) };
                    r == 0
                }
            };
            if ok {
                return (fd, res);
            }
            if !matches!(step, Step::Socket) {
                // SAFETY: closes the socket made above, which nothing else
                // holds (Close is close()'s wrapper, or a program's own).
                unsafe { Close(fd) };
            }
        }
        res = ai.ai_next;
    }
    (fd, ptr::null_mut())
}

/// One of the five functions: its diagnostics, its hints (AF_UNSPEC with
/// these flags and socket type) and what it does with each entry.
struct Call {
    /// `"<fn> error for %s, %s: %s"` (host, serv, gai_strerror).
    gai_fmt: &'static CStr,
    /// `"<fn> error for %s, %s"` (host, serv), errno appended.
    sys_fmt: &'static CStr,
    flags: c_int,
    socktype: c_int,
    step: Step,
}

/// What [`open`] found.
struct Opened {
    /// The getaddrinfo list (NULL when resolution failed).
    res: *mut addrinfo,
    /// The descriptor of the entry that succeeded, else the last one tried
    /// (closed) or -1.
    fd: c_int,
    /// The entry that succeeded, or NULL.
    hit: *mut addrinfo,
}

impl Opened {
    /// The length of the address that succeeded; None when none did.
    fn hit_len(&self) -> Option<socklen_t> {
        // SAFETY: `hit` is NULL or a node of the list `res`, which `open`
        // got from getaddrinfo and only `free` (which takes `self`) frees.
        unsafe { self.hit.as_ref() }.map(|ai| ai.ai_addrlen)
    }

    /// freeaddrinfo() on the list, if there is one; the descriptor.
    fn free(self) -> c_int {
        if !self.res.is_null() {
            // SAFETY: the list from getaddrinfo (see `open`), freed once:
            // this consumes the only `Opened` that holds it.
            unsafe { libc::freeaddrinfo(self.res) };
        }
        self.fd
    }
}

/// The common body: getaddrinfo (failure: `err_quit(gai_fmt, host, serv,
/// gai_strerror(n))`), then the entries in order (none succeeds:
/// `err_sys(sys_fmt, host, serv)`).  Should those return, the result says
/// what was reached.
///
/// # Safety
/// `host` and `serv` are NULL or NUL-terminated strings.
unsafe fn open(call: &Call, host: *const c_char, serv: *const c_char) -> Opened {
    let h = hints(call.flags, libc::AF_UNSPEC, call.socktype);
    let mut res: *mut addrinfo = ptr::null_mut();
    // SAFETY: host and serv are NULL or strings (this function's contract),
    // which getaddrinfo accepts; the hints and the result pointer are locals.
    let n = unsafe { libc::getaddrinfo(host, serv, &h, &mut res) };
    if n != 0 {
        // SAFETY: the format's three %s get host, serv (strings, or NULL,
        // which glibc's printf prints as "(null)") and gai_strerror's static
        // text, which it returns for any code.
        unsafe { err_quit(call.gai_fmt.as_ptr(), host, serv, libc::gai_strerror(n)) };
        return Opened {
            res: ptr::null_mut(),
            fd: -1,
            hit: ptr::null_mut(),
        };
    }
    // SAFETY: res is getaddrinfo's list, freed only by Opened::free.
    let (fd, hit) = unsafe { try_each(res, call.step) };
    if hit.is_null() {
        // SAFETY: two %s: host and serv, as above.
        unsafe { err_sys(call.sys_fmt.as_ptr(), host, serv) };
    }
    Opened { res, fd, hit }
}

const TCP_CONNECT: Call = Call {
    gai_fmt: c"tcp_connect error for %s, %s: %s",
    sys_fmt: c"tcp_connect error for %s, %s",
    flags: 0,
    socktype: libc::SOCK_STREAM,
    step: Step::Connect,
};
const TCP_LISTEN: Call = Call {
    gai_fmt: c"tcp_listen error for %s, %s: %s",
    sys_fmt: c"tcp_listen error for %s, %s",
    flags: libc::AI_PASSIVE,
    socktype: libc::SOCK_STREAM,
    step: Step::Bind { reuseaddr: true },
};
const UDP_CLIENT: Call = Call {
    gai_fmt: c"udp_client error for %s, %s: %s",
    sys_fmt: c"udp_client error for %s, %s",
    flags: 0,
    socktype: libc::SOCK_DGRAM,
    step: Step::Socket,
};
const UDP_CONNECT: Call = Call {
    gai_fmt: c"udp_connect error for %s, %s: %s",
    sys_fmt: c"udp_connect error for %s, %s",
    flags: 0,
    socktype: libc::SOCK_DGRAM,
    step: Step::Connect,
};
const UDP_SERVER: Call = Call {
    gai_fmt: c"udp_server error for %s, %s: %s",
    sys_fmt: c"udp_server error for %s, %s",
    flags: libc::AI_PASSIVE,
    socktype: libc::SOCK_DGRAM,
    step: Step::Bind { reuseaddr: false },
};

/// getaddrinfo with host_serv's hints: AI_CANONNAME, `family`, `socktype`.
/// Returns the getaddrinfo code and the list.
///
/// # Safety
/// `host` and `serv` are NULL or NUL-terminated strings.
unsafe fn host_serv_gai(
    host: *const c_char,
    serv: *const c_char,
    family: c_int,
    socktype: c_int,
) -> (c_int, *mut addrinfo) {
    let h = hints(libc::AI_CANONNAME, family, socktype);
    let mut res: *mut addrinfo = ptr::null_mut();
    // SAFETY: as in `open`.
    let n = unsafe { libc::getaddrinfo(host, serv, &h, &mut res) };
    (n, res)
}

/// Connects a TCP socket to `host`/`serv` (names or numeric strings), trying
/// every address getaddrinfo returns (AF_UNSPEC, SOCK_STREAM) in order and
/// closing the sockets that fail.  Returns the connected descriptor.
///
/// Failures: `err_quit("tcp_connect error for %s, %s: %s", host, serv,
/// gai_strerror(n))`, e.g. `tcp_connect error for (null), nosuchservice:
/// Servname not supported for ai_socktype`; when no address connects,
/// `err_sys("tcp_connect error for %s, %s", host, serv)` with the errno of the
/// last attempt, e.g. `tcp_connect error for 127.0.0.1, 1: Connection refused`.
#[no_mangle]
pub unsafe extern "C" fn tcp_connect(host: *const c_char, serv: *const c_char) -> c_int {
    // SAFETY: host and serv are NULL or strings (the C caller's contract).
    unsafe { open(&TCP_CONNECT, host, serv) }.free()
}

/// Same as `tcp_connect` (which exits by itself on failure).
#[no_mangle]
pub unsafe extern "C" fn Tcp_connect(host: *const c_char, serv: *const c_char) -> c_int {
    relay!(crate::sym::tcp_connect(host, serv))
}

/// Creates a listening TCP socket for `host`/`serv` (AI_PASSIVE, AF_UNSPEC,
/// SOCK_STREAM; a NULL host means the wildcard address, IPv4 first with
/// glibc): for each address in order, socket(), `Setsockopt(SO_REUSEADDR)`,
/// bind(), closing the socket when bind fails.  Then `Listen(fd, LISTENQ)`,
/// so the LISTENQ environment variable applies.  When `addrlenp` is not NULL
/// it receives the length of the bound address (16 for IPv4, 28 for IPv6).
/// Returns the listening descriptor.
///
/// Failures: `err_quit("tcp_listen error for %s, %s: %s", host, serv,
/// gai_strerror(n))`; when no address binds, `err_sys("tcp_listen error for
/// %s, %s", host, serv)`, e.g. `tcp_listen error for 127.0.0.1, 9877: Address
/// already in use`.  (Should that `err_sys` return, -1.)
#[no_mangle]
pub unsafe extern "C" fn tcp_listen(
    host: *const c_char,
    serv: *const c_char,
    addrlenp: *mut socklen_t,
) -> c_int {
    // SAFETY: host and serv are NULL or strings (the C caller's contract).
    let o = unsafe { open(&TCP_LISTEN, host, serv) };
    let Some(len) = o.hit_len() else {
        o.free();
        return -1;
    };
    // SAFETY: Listen takes ints (the library's wrapper, or a program's own).
    unsafe { Listen(o.fd, LISTENQ) };
    if !addrlenp.is_null() {
        // SAFETY: not NULL, so the caller's socklen_t (its contract).
        unsafe { *addrlenp = len };
    }
    o.free()
}

/// Same as `tcp_listen` (which exits by itself on failure).
#[no_mangle]
pub unsafe extern "C" fn Tcp_listen(
    host: *const c_char,
    serv: *const c_char,
    addrlenp: *mut socklen_t,
) -> c_int {
    relay!(crate::sym::tcp_listen(host, serv, addrlenp))
}

/// Creates an unconnected UDP socket for the first address of `host`/`serv`
/// (AF_UNSPEC, SOCK_DGRAM) whose socket() succeeds.  `*saptr` receives a
/// copy of that address in memory from `Malloc` (the caller frees it) and
/// `*lenp` its length.  A NULL `saptr` or `lenp` is skipped (the original
/// would crash).  Returns the descriptor.
///
/// Failures: `err_quit("udp_client error for %s, %s: %s", host, serv,
/// gai_strerror(n))`; when no socket can be created, `err_sys("udp_client
/// error for %s, %s", host, serv)`.  (Should that `err_sys` return, -1.)
#[no_mangle]
pub unsafe extern "C" fn udp_client(
    host: *const c_char,
    serv: *const c_char,
    saptr: *mut *mut sockaddr,
    lenp: *mut socklen_t,
) -> c_int {
    // SAFETY: host and serv are NULL or strings (the C caller's contract).
    let o = unsafe { open(&UDP_CLIENT, host, serv) };
    if o.hit.is_null() {
        o.free();
        return -1;
    }
    // SAFETY: the entry that succeeded, a node of o's list, not yet freed.
    let ai = unsafe { &*o.hit };
    if !saptr.is_null() {
        let len = ai.ai_addrlen as usize;
        // SAFETY: Malloc takes a size (malloc's wrapper, or a program's own
        // with its prototype and contract: NULL or len writable bytes).
        let p = unsafe { Malloc(len) }.cast::<sockaddr>();
        if !p.is_null() && !ai.ai_addr.is_null() {
            // SAFETY: len bytes from getaddrinfo's address (ai_addrlen of
            // them at ai_addr) into the fresh block of len bytes.
            unsafe { ptr::copy_nonoverlapping(ai.ai_addr.cast::<u8>(), p.cast::<u8>(), len) };
        }
        // SAFETY: not NULL, so the caller's pointer to fill (its contract).
        unsafe { *saptr = p };
    }
    if !lenp.is_null() {
        // SAFETY: not NULL, so the caller's socklen_t (its contract).
        unsafe { *lenp = ai.ai_addrlen };
    }
    o.free()
}

/// Same as `udp_client` (which exits by itself on failure).  Calls
/// `udp_client` through its global symbol, so a program that defines its own
/// `udp_client` changes what this runs, as with the original archive.
#[no_mangle]
pub unsafe extern "C" fn Udp_client(
    host: *const c_char,
    serv: *const c_char,
    saptr: *mut *mut sockaddr,
    lenp: *mut socklen_t,
) -> c_int {
    relay!(crate::sym::udp_client(host, serv, saptr, lenp))
}

/// Creates a connected UDP socket for `host`/`serv` (AF_UNSPEC, SOCK_DGRAM),
/// trying every address in order and closing the sockets whose connect()
/// fails.  Returns the descriptor.
///
/// Failures: `err_quit("udp_connect error for %s, %s: %s", host, serv,
/// gai_strerror(n))`; when no address connects, `err_sys("udp_connect error
/// for %s, %s", host, serv)` with the errno of the last attempt.  (Should that
/// `err_sys` return, the last descriptor tried, closed, or -1.)
#[no_mangle]
pub unsafe extern "C" fn udp_connect(host: *const c_char, serv: *const c_char) -> c_int {
    // SAFETY: host and serv are NULL or strings (the C caller's contract).
    unsafe { open(&UDP_CONNECT, host, serv) }.free()
}

/// Same as `udp_connect`.  A negative result (possible only when a
/// program's own `err_sys` returns) exits through `err_quit("udp_connect
/// error for %s, %s: %s", host, serv, gai_strerror(-n))`, as in the original.
#[no_mangle]
pub unsafe extern "C" fn Udp_connect(host: *const c_char, serv: *const c_char) -> c_int {
    let n = relay!(crate::sym::udp_connect(host, serv));
    if n < 0 {
        // SAFETY: three %s: the caller's host and serv (strings or NULL,
        // "(null)" in glibc's printf) and gai_strerror's static text.
        unsafe {
            err_quit(
                c"udp_connect error for %s, %s: %s".as_ptr(),
                host,
                serv,
                libc::gai_strerror(n.wrapping_neg()),
            )
        };
    }
    n
}

/// Creates a bound UDP socket for `host`/`serv` (AI_PASSIVE, AF_UNSPEC,
/// SOCK_DGRAM; a NULL host means the wildcard address): socket(), bind() (no
/// SO_REUSEADDR), closing the socket when bind fails.  When `addrlenp` is not
/// NULL it receives the length of the bound address.  Returns the descriptor.
///
/// Failures: `err_quit("udp_server error for %s, %s: %s", host, serv,
/// gai_strerror(n))`; when no address binds, `err_sys("udp_server error for
/// %s, %s", host, serv)`, e.g. `... : Address already in use`.  (Should that
/// `err_sys` return, -1.)
#[no_mangle]
pub unsafe extern "C" fn udp_server(
    host: *const c_char,
    serv: *const c_char,
    addrlenp: *mut socklen_t,
) -> c_int {
    // SAFETY: host and serv are NULL or strings (the C caller's contract).
    let o = unsafe { open(&UDP_SERVER, host, serv) };
    let Some(len) = o.hit_len() else {
        o.free();
        return -1;
    };
    if !addrlenp.is_null() {
        // SAFETY: not NULL, so the caller's socklen_t (its contract).
        unsafe { *addrlenp = len };
    }
    o.free()
}

/// Same as `udp_server` (which exits by itself on failure).
#[no_mangle]
pub unsafe extern "C" fn Udp_server(
    host: *const c_char,
    serv: *const c_char,
    addrlenp: *mut socklen_t,
) -> c_int {
    relay!(crate::sym::udp_server(host, serv, addrlenp))
}

/// getaddrinfo(host, serv) with hints AI_CANONNAME, `family` (AF_UNSPEC,
/// AF_INET, AF_INET6, ...) and `socktype` (0, SOCK_STREAM, SOCK_DGRAM, ...).
/// Returns the list, which the caller releases with freeaddrinfo(), or NULL
/// on any resolver failure (the getaddrinfo code is lost).
#[no_mangle]
pub unsafe extern "C" fn host_serv(
    host: *const c_char,
    serv: *const c_char,
    family: c_int,
    socktype: c_int,
) -> *mut addrinfo {
    // SAFETY: host and serv are NULL or strings (the C caller's contract).
    match unsafe { host_serv_gai(host, serv, family, socktype) } {
        (0, res) => res,
        _ => ptr::null_mut(),
    }
}

/// As `host_serv`, but a resolver failure exits through
/// `err_quit("host_serv error for %s, %s: %s", host, serv, gai_strerror(n))`
/// with a NULL host printed as `(no hostname)` and a NULL service as
/// `(no service name)`, e.g. `host_serv error for (no hostname), 13: Bad value
/// for ai_flags` (AI_CANONNAME needs a host).
#[no_mangle]
pub unsafe extern "C" fn Host_serv(
    host: *const c_char,
    serv: *const c_char,
    family: c_int,
    socktype: c_int,
) -> *mut addrinfo {
    // SAFETY: host and serv are NULL or strings (the C caller's contract).
    let (n, res) = unsafe { host_serv_gai(host, serv, family, socktype) };
    if n != 0 {
        let hs = if host.is_null() {
            c"(no hostname)".as_ptr()
        } else {
            host
        };
        let ss = if serv.is_null() {
            c"(no service name)".as_ptr()
        } else {
            serv
        };
        // SAFETY: three %s: two strings (the caller's, or the literals
        // standing for NULL) and gai_strerror's static text.
        unsafe {
            err_quit(
                c"host_serv error for %s, %s: %s".as_ptr(),
                hs,
                ss,
                libc::gai_strerror(n),
            )
        };
        return ptr::null_mut();
    }
    res
}
