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

macro_rules! global_symbols {
    ($( fn $name:ident($($a:ident: $t:ty),* $(,)?) $(-> $r:ty)?; )*) => {$(
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
    )*};
}

use core::ffi::{c_char, c_int, c_void};
use libc::{size_t, ssize_t, FILE};

global_symbols! {
    fn readline(fd: c_int, buf: *mut c_void, maxlen: size_t) -> ssize_t;
    fn Readline(fd: c_int, buf: *mut c_void, maxlen: size_t) -> ssize_t;
    fn readn(fd: c_int, buf: *mut c_void, n: size_t) -> ssize_t;
    fn writen(fd: c_int, buf: *const c_void, n: size_t) -> ssize_t;
    fn Writen(fd: c_int, buf: *mut c_void, n: size_t);
    fn Fgets(buf: *mut c_char, n: c_int, fp: *mut FILE) -> *mut c_char;
    fn Fputs(s: *const c_char, fp: *mut FILE);
    fn my_addrs(addrtype: *mut c_int) -> *mut *mut c_char;
    fn get_ifi_info(family: c_int, doaliases: c_int) -> *mut crate::get_ifi_info::ifi_info;
}
