//! libunp: the support library of *UNIX Network Programming, Vol. 1*, written
//! in Rust and exported as a C library (`libunp.a`, `libunp.so`, and the
//! headers `unp.h`, `unpthread.h`, `unpifi.h`, `unprtt.h`).
//!
//! Layout: one module per function family, named after the book's `lib/`
//! file.  Pure logic is safe Rust over slices and values, unit-tested here;
//! the `extern "C"` edge turns pointers into slices, calls libc and maps
//! failure to the book's `err_*` call (see `ffi`).
//!
//! The crate is `no_std` (core + `libc`): a static C program linked against it
//! carries no Rust runtime.  It has no panic handler of its own: the C
//! libraries (`capi/`) add one that aborts, and a Rust program uses std's.
//! The code avoids panicking operations; an `extern "C"` function that
//! panicked anyway aborts instead of unwinding into C.
#![cfg_attr(not(test), no_std)]
// The exported names are the book's C names (`Socket`, `Inet_pton`, ...).
#![allow(non_snake_case)]
// Every exported function is `unsafe extern "C"`: its safety contract is the C
// caller's contract written down once in `ffi.rs`, plus what its doc comment
// (its man page) states, not a `# Safety` section per function.
#![allow(clippy::missing_safety_doc)]
// Every `unsafe` block says why it is sound (`// SAFETY:`).  What the
// exported functions assume of their C callers is written down once, in
// `ffi.rs` ("The C caller's contract"), and the wrappers' calls of the
// function they stand for go through `relay!` there, which carries their
// common argument.
#![deny(clippy::undocumented_unsafe_blocks)]

#[macro_use]
mod ffi;
mod sym;
mod tls;

pub mod connect_nonb;
pub mod connect_timeo;
pub mod daemon;
pub mod dg_cli;
pub mod dg_echo;
pub mod error;
pub mod family;
pub mod fd_pass;
pub mod get_ifi_info;
pub mod gf_time;
pub mod in_cksum;
pub mod mcast;
pub mod misc;
pub mod names;
pub mod readline;
pub mod readn;
pub mod rtt;
pub mod signal;
pub mod sock_ntop;
pub mod sockaddr;
pub mod str_cli;
pub mod str_echo;
pub mod thr_compat;
pub mod timeo;
pub mod wraplib;
pub mod wrappthread;
pub mod wrapsock;
pub mod wrapstdio;
pub mod wrapunix;
pub mod writen;
