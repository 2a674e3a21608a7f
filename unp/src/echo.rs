//! The book's client and server loops: `str_cli`, `str_echo`, `dg_cli`,
//! `dg_echo` — the C library's functions, so a Rust program's loop is byte
//! for byte the C program's.  They exit on failure, as in C.

use std::os::fd::AsFd;

use crate::addr::SockAddr;
use crate::stdio::CFile;
use crate::sys;
use crate::util::raw;

/// `str_cli(fp, sockfd)`: each line of `fp` is written to the socket and the
/// echoed line printed on C's `stdout`; returns at end of `fp`.  Exits with
/// `str_cli: server terminated prematurely` when the server closes first.
pub fn str_cli(fp: CFile, sockfd: impl AsFd) {
    // SAFETY: an open stream and a descriptor number.
    unsafe { sys::str_cli(fp.as_ptr(), raw(&sockfd)) }
}

/// `str_echo(sockfd)`: echoes everything read from the socket until end of
/// file; exits with `str_echo: read error` on a read error.
pub fn str_echo(sockfd: impl AsFd) {
    // SAFETY: a descriptor number.
    unsafe { sys::str_echo(raw(&sockfd)) }
}

/// `dg_cli(fp, sockfd, pservaddr, servlen)`: each line of `fp` sent as a
/// datagram to `servaddr`, each reply printed on C's `stdout`.
pub fn dg_cli(fp: CFile, sockfd: impl AsFd, servaddr: &SockAddr) {
    // SAFETY: an open stream, and the address readable for its length.
    unsafe { sys::dg_cli(fp.as_ptr(), raw(&sockfd), servaddr.as_ptr(), servaddr.len()) }
}

/// `dg_echo(sockfd, pcliaddr, clilen)`: echoes every datagram to its sender,
/// forever.  `cliaddr` is scratch space; its length is the `clilen` passed.
pub fn dg_echo(sockfd: impl AsFd, cliaddr: &mut SockAddr) -> ! {
    let len = cliaddr.len();
    // SAFETY: the address storage is writable for `len` (<= 128) bytes.
    unsafe { sys::dg_echo(raw(&sockfd), cliaddr.as_mut_ptr(), len) };
    // The C loop never returns.
    std::process::exit(0)
}
