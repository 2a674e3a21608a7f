//! Library-internal calls that must go through a global symbol.
//!
//! In the original archive, `str_cli` calls `Readline` and `Writen`, `Writen`
//! calls `writen`, `My_addrs` calls `my_addrs`, and so on, through the global
//! symbols; a program that defines its own `writen` (the book's `sock`
//! program does) therefore changes what the library's `Writen` runs.  Within
//! one Rust crate the optimiser would inline such calls, so each goes through
//! a function pointer that holds a relocation against the symbol and is read
//! with a volatile load: the linker, not the compiler, decides the target.
#![allow(dead_code)]

//
// Each entry gets a module of its own, so that its pointer lands in a
// codegen unit (an archive member) of its own: a static link that uses
// `Udp_client` then pulls in `udp_client`'s pointer only, not every target
// named here (readline, writen, ...) with their dependencies.
macro_rules! global_symbols {
    ($( fn $name:ident($($a:ident: $t:ty),* $(,)?) $(-> $r:ty)?; )*) => {$(
        #[allow(non_snake_case)]
        pub mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[inline]
            pub unsafe fn $name($($a: $t),*) $(-> $r)? {
                extern "C" {
                    #[link_name = stringify!($name)]
                    fn target($($a: $t),*) $(-> $r)?;
                }
                static PTR: unsafe extern "C" fn($($t),*) $(-> $r)? = target;
                // SAFETY: PTR is a valid function pointer with the C prototype.
                unsafe { (core::ptr::read_volatile(&PTR))($($a),*) }
            }
        }
        #[allow(unused_imports)]
        pub use self::$name::$name;
    )*};
}

use core::ffi::{c_char, c_int, c_void};
use libc::{size_t, ssize_t, FILE};

global_symbols! {
    fn readline(fd: c_int, buf: *mut c_void, maxlen: size_t) -> ssize_t;
    fn Readline(fd: c_int, buf: *mut c_void, maxlen: size_t) -> ssize_t;
    fn readn(fd: c_int, buf: *mut c_void, n: size_t) -> ssize_t;
    fn writen(fd: c_int, buf: *const c_void, n: size_t) -> ssize_t;
    fn Writen(fd: c_int, buf: *const c_void, n: size_t);
    fn Fgets(buf: *mut c_char, n: c_int, fp: *mut FILE) -> *mut c_char;
    fn Fputs(s: *const c_char, fp: *mut FILE);
    fn my_addrs(addrtype: *mut c_int) -> *mut *mut c_char;
    fn get_ifi_info(family: c_int, doaliases: c_int) -> *mut crate::get_ifi_info::ifi_info;
    fn udp_client(
        host: *const c_char,
        serv: *const c_char,
        saptr: *mut *mut libc::sockaddr,
        lenp: *mut libc::socklen_t,
    ) -> c_int;
    fn tcp_connect(host: *const c_char, serv: *const c_char) -> c_int;
    fn tcp_listen(host: *const c_char, serv: *const c_char, addrlenp: *mut libc::socklen_t) -> c_int;
    fn udp_connect(host: *const c_char, serv: *const c_char) -> c_int;
    fn udp_server(host: *const c_char, serv: *const c_char, addrlenp: *mut libc::socklen_t) -> c_int;
}

// The library's own `signal` (Signal calls it through the global symbol, as
// the original does).  Declared with libc's types to match the libc crate's
// declaration of the same symbol.
global_symbols! {
    fn signal(signo: c_int, func: libc::sighandler_t) -> libc::sighandler_t;
}
