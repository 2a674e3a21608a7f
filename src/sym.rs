//! Library-internal calls that go through a global symbol, and the list of
//! them.
//!
//! The original library is a C archive with one source file per function
//! family (`lib/tcp_connect.c`, `lib/wrapunix.c`, ...).  When a function of
//! one file calls a function of another (`tcp_connect` calls `Close`,
//! `str_cli` calls `Readline`), the call is a reference to the global
//! symbol, which the linker resolves: a program that defines its own `Close`
//! (or `readline`, `writen`, ...) changes what the library's functions run,
//! in a static link as in a shared one.  The rule here is the same: **every
//! call from one library function to another that the original has in a
//! different source file goes through the global symbol.**  Calls between
//! functions of one original file (`Sock_ntop` → `sock_ntop`) may stay
//! direct; the wrapper → function pairs listed below go through the symbol
//! anyway.
//!
//! Within one Rust crate the optimiser would inline such calls, so each goes
//! through a function pointer that holds a relocation against the symbol
//! and is read with a volatile load: the linker, not the compiler, decides
//! the target.  Each entry below is one callee, preceded by the library
//! functions that call it (`[caller, ...] fn callee(...)`); that is the
//! complete list, and `tests/overrides.rs` reads it from this file: for every
//! caller → callee pair, a program that defines the callee and calls the
//! caller must see its own definition run, static and shared.
//!
//! Not in the list, because they need no pointer:
//! * the error functions (`err_sys`, `err_quit`, `err_msg`, `err_ret`,
//!   `err_dump`), which nearly every function calls: they are declared
//!   `extern` in `ffi.rs` and defined by trampolines the compiler cannot see
//!   through, so every call is a call of the global symbol;
//! * `daemon_proc` (data: read by the error functions, set by `daemon_init`
//!   and `daemon_inetd` through its symbol).
//!
//! Calls of the original that have no counterpart here: `get_ifi_info`
//! (which reads `getifaddrs` instead of walking SIOCGIFCONF, see
//! `get_ifi_info.rs`) makes no `Socket`, `Ioctl` or `Malloc` call: its MTU
//! query is an optional `socket`/`ioctl` whose failure leaves the MTU 0
//! where the original's `Socket`/`Ioctl` would exit, and it has no
//! SIOCGIFCONF buffer to `Malloc`.  The nodes and addresses it returns come
//! from `Calloc`, as in the original.
#![allow(dead_code)]

//
// Each entry gets a module of its own, so that its pointer lands in a
// codegen unit (an archive member) of its own: a static link that uses
// `Udp_client` then pulls in `udp_client`'s pointer only, not every target
// named here (readline, writen, ...) with their dependencies.
macro_rules! global_symbols {
    ($( [$($caller:ident),+ $(,)?] fn $name:ident($($a:ident: $t:ty),* $(,)?) $(-> $r:ty)?; )*) => {$(
        #[allow(non_snake_case)]
        #[doc = concat!("`", stringify!($name), "` through its global symbol, for ",
                        $("`", stringify!($caller), "` ",)+ ".")]
        pub mod $name {
            #[allow(unused_imports)]
            use super::*;
            ///
            /// # Safety
            /// The callee's contract: its doc comment, and the C caller's
            /// contract of `ffi.rs`.
            #[inline]
            pub unsafe fn $name($($a: $t),*) $(-> $r)? {
                extern "C" {
                    #[link_name = stringify!($name)]
                    fn target($($a: $t),*) $(-> $r)?;
                }
                static PTR: unsafe extern "C" fn($($t),*) $(-> $r)? = target;
                // SAFETY: PTR is a valid static holding the address of the
                // global symbol, a function with this C prototype (the
                // library's, or a program's own of the header's prototype);
                // the arguments meet its contract (this function's contract).
                unsafe { (core::ptr::read_volatile(&PTR))($($a),*) }
            }
        }
        #[allow(unused_imports)]
        pub use self::$name::$name;
    )*};
}

/// Callees that the library does not define (libc's): a call is already a
/// reference to the global symbol, so a plain call does.  Listed for the
/// rule's sake (the original defines them in another source file).
macro_rules! libc_symbols {
    ($( [$($caller:ident),+ $(,)?] fn $name:ident($($a:ident: $t:ty),* $(,)?) $(-> $r:ty)?; )*) => {$(
        #[doc = concat!("libc's `", stringify!($name), "`, for ",
                        $("`", stringify!($caller), "` ",)+ ".")]
        ///
        /// # Safety
        /// The libc function's contract.
        #[inline]
        pub unsafe fn $name($($a: $t),*) $(-> $r)? {
            extern "C" {
                fn $name($($a: $t),*) $(-> $r)?;
            }
            // SAFETY: libc's function of this C prototype; the arguments meet
            // its contract (this function's contract).
            unsafe { $name($($a),*) }
        }
    )*};
}

use crate::signal::SigfuncPtr;
use core::ffi::{c_char, c_int, c_void};
use libc::{fd_set, pid_t, size_t, sockaddr, socklen_t, ssize_t, timeval, FILE};

global_symbols! {
    // ---- across source files of the original --------------------------------
    // lib/wrapunix.c
    [tcp_connect, tcp_listen, udp_connect, udp_server] fn Close(fd: c_int);
    [connect_nonb] fn Fcntl(fd: c_int, cmd: c_int, arg: c_int) -> c_int;
    [daemon_init] fn Fork() -> pid_t;
    [rtt_init, rtt_ts] fn Gettimeofday(tv: *mut timeval, tz: *mut c_void);
    [udp_client] fn Malloc(size: size_t) -> *mut c_void;
    [get_ifi_info] fn Calloc(n: size_t, size: size_t) -> *mut c_void;
    // lib/wrapsock.c
    [connect_nonb] fn Select(
        nfds: c_int,
        readfds: *mut fd_set,
        writefds: *mut fd_set,
        exceptfds: *mut fd_set,
        timeout: *mut timeval,
    ) -> c_int;
    [tcp_listen] fn Listen(fd: c_int, backlog: c_int);
    [tcp_listen] fn Setsockopt(
        fd: c_int,
        level: c_int,
        optname: c_int,
        optval: *const c_void,
        optlen: socklen_t,
    );
    [dg_cli, dg_echo] fn Recvfrom(
        fd: c_int,
        ptr: *mut c_void,
        nbytes: size_t,
        flags: c_int,
        sa: *mut sockaddr,
        salenptr: *mut socklen_t,
    ) -> ssize_t;
    [dg_cli, dg_echo] fn Sendto(
        fd: c_int,
        ptr: *const c_void,
        nbytes: size_t,
        flags: c_int,
        sa: *const sockaddr,
        salen: socklen_t,
    );
    // lib/wrapstdio.c
    [str_cli, dg_cli] fn Fgets(buf: *mut c_char, n: c_int, fp: *mut FILE) -> *mut c_char;
    [str_cli, dg_cli] fn Fputs(s: *const c_char, fp: *mut FILE);
    // lib/readline.c, lib/writen.c
    [str_cli] fn Readline(fd: c_int, buf: *mut c_void, maxlen: size_t) -> ssize_t;
    [str_cli, str_echo] fn Writen(fd: c_int, buf: *const c_void, n: size_t);
    // lib/signal.c
    [daemon_init, connect_timeo] fn Signal(signo: c_int, func: SigfuncPtr) -> SigfuncPtr;
    // lib/sockfd_to_family.c, lib/family_to_level.c
    [mcast_get_if, mcast_get_loop, mcast_get_ttl, mcast_set_if, mcast_set_loop, mcast_set_ttl]
    fn sockfd_to_family(sockfd: c_int) -> c_int;
    [mcast_join, mcast_join_source_group, mcast_block_source, mcast_unblock_source,
     mcast_leave, mcast_leave_source_group]
    fn family_to_level(family: c_int) -> c_int;
    // lib/sock_set_addr.c
    [sock_set_wild] fn sock_set_addr(sa: *mut sockaddr, salen: socklen_t, addr: *const c_void);

    // ---- within one source file: the wrapper calls its function -------------
    [Readline] fn readline(fd: c_int, buf: *mut c_void, maxlen: size_t) -> ssize_t;
    [Readn] fn readn(fd: c_int, buf: *mut c_void, n: size_t) -> ssize_t;
    [Writen] fn writen(fd: c_int, buf: *const c_void, n: size_t) -> ssize_t;
    [My_addrs] fn my_addrs(addrtype: *mut c_int) -> *mut *mut c_char;
    [Get_ifi_info] fn get_ifi_info(family: c_int, doaliases: c_int)
        -> *mut crate::get_ifi_info::ifi_info;
    [Udp_client] fn udp_client(
        host: *const c_char,
        serv: *const c_char,
        saptr: *mut *mut sockaddr,
        lenp: *mut socklen_t,
    ) -> c_int;
    [Tcp_connect] fn tcp_connect(host: *const c_char, serv: *const c_char) -> c_int;
    [Tcp_listen] fn tcp_listen(host: *const c_char, serv: *const c_char, addrlenp: *mut socklen_t)
        -> c_int;
    [Udp_connect] fn udp_connect(host: *const c_char, serv: *const c_char) -> c_int;
    [Udp_server] fn udp_server(host: *const c_char, serv: *const c_char, addrlenp: *mut socklen_t)
        -> c_int;
}

// The library's own `signal` (Signal calls it through the global symbol, as
// the original does).  Declared with libc's types to match the libc crate's
// declaration of the same symbol.
global_symbols! {
    [Signal] fn signal(signo: c_int, func: libc::sighandler_t) -> libc::sighandler_t;
}

libc_symbols! {
    // libfree/inet_pton.c in the original; libc's here.
    [Inet_pton] fn inet_pton(af: c_int, src: *const c_char, dst: *mut c_void) -> c_int;
}
