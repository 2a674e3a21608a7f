//! Multicast (`mcast_*.c`), the retransmission timer (`rtt.c`) and the
//! interface-name wrappers.  Lowercase multicast functions return
//! `io::Result`; the capitalised ones exit with the book's diagnostic.

use std::ffi::{c_int, c_uint, CStr};
use std::io;
use std::os::fd::RawFd;

use crate::addr::SockAddr;
use crate::cstr::{with_opt_cstr, AsCStr};
use crate::error::flush_rust_stdout as pre;
use crate::sys;

pub use unp_sys::rtt::rtt_info;

fn cvt(n: c_int) -> io::Result<c_int> {
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n)
    }
}

/// `mcast_join(fd, grp, grplen, ifname, ifindex)`: joins the group on the
/// interface named `ifname` (`None` for NULL), else number `ifindex`, else
/// the kernel's choice.
pub fn mcast_join<N: AsCStr + ?Sized>(
    fd: RawFd,
    grp: &SockAddr,
    ifname: Option<&N>,
    ifindex: c_uint,
) -> io::Result<()> {
    cvt(with_opt_cstr(ifname, |n| unsafe {
        sys::mcast_join(fd, grp.as_ptr(), grp.len(), n, ifindex)
    }))
    .map(drop)
}

/// `Mcast_join`: as [`mcast_join`]; exits with `mcast_join error: ...`.
pub fn Mcast_join<N: AsCStr + ?Sized>(
    fd: RawFd,
    grp: &SockAddr,
    ifname: Option<&N>,
    ifindex: c_uint,
) {
    pre();
    with_opt_cstr(ifname, |n| unsafe {
        sys::Mcast_join(fd, grp.as_ptr(), grp.len(), n, ifindex)
    })
}

/// `mcast_leave(fd, grp, grplen)`.
pub fn mcast_leave(fd: RawFd, grp: &SockAddr) -> io::Result<()> {
    cvt(unsafe { sys::mcast_leave(fd, grp.as_ptr(), grp.len()) }).map(drop)
}

/// `Mcast_leave(fd, grp, grplen)`; exits with `mcast_leave error: ...`.
pub fn Mcast_leave(fd: RawFd, grp: &SockAddr) {
    pre();
    unsafe { sys::Mcast_leave(fd, grp.as_ptr(), grp.len()) }
}

/// `mcast_join_source_group(fd, src, srclen, grp, grplen, ifname, ifindex)`.
pub fn mcast_join_source_group<N: AsCStr + ?Sized>(
    fd: RawFd,
    src: &SockAddr,
    grp: &SockAddr,
    ifname: Option<&N>,
    ifindex: c_uint,
) -> io::Result<()> {
    cvt(with_opt_cstr(ifname, |n| unsafe {
        sys::mcast_join_source_group(
            fd,
            src.as_ptr(),
            src.len(),
            grp.as_ptr(),
            grp.len(),
            n,
            ifindex,
        )
    }))
    .map(drop)
}

/// `Mcast_join_source_group`; exits on failure.
pub fn Mcast_join_source_group<N: AsCStr + ?Sized>(
    fd: RawFd,
    src: &SockAddr,
    grp: &SockAddr,
    ifname: Option<&N>,
    ifindex: c_uint,
) {
    pre();
    with_opt_cstr(ifname, |n| unsafe {
        sys::Mcast_join_source_group(
            fd,
            src.as_ptr(),
            src.len(),
            grp.as_ptr(),
            grp.len(),
            n,
            ifindex,
        )
    })
}

macro_rules! source_ops {
    ($($lower:ident / $upper:ident;)*) => {$(
        #[doc = concat!("`", stringify!($lower), "(fd, src, srclen, grp, grplen)`.")]
        pub fn $lower(fd: RawFd, src: &SockAddr, grp: &SockAddr) -> io::Result<()> {
            cvt(unsafe { sys::$lower(fd, src.as_ptr(), src.len(), grp.as_ptr(), grp.len()) }).map(drop)
        }

        #[doc = concat!("`", stringify!($upper), "(fd, src, srclen, grp, grplen)`; exits on failure.")]
        pub fn $upper(fd: RawFd, src: &SockAddr, grp: &SockAddr) {
            pre();
            unsafe { sys::$upper(fd, src.as_ptr(), src.len(), grp.as_ptr(), grp.len()) }
        }
    )*};
}

source_ops! {
    mcast_leave_source_group / Mcast_leave_source_group;
    mcast_block_source / Mcast_block_source;
    mcast_unblock_source / Mcast_unblock_source;
}

macro_rules! getters {
    ($($lower:ident / $upper:ident: $what:literal;)*) => {$(
        #[doc = concat!("`", stringify!($lower), "(fd)`: ", $what, ".")]
        pub fn $lower(fd: RawFd) -> io::Result<c_int> {
            cvt(unsafe { sys::$lower(fd) })
        }

        #[doc = concat!("`", stringify!($upper), "(fd)`: ", $what, "; exits on failure.")]
        pub fn $upper(fd: RawFd) -> c_int {
            pre();
            unsafe { sys::$upper(fd) }
        }
    )*};
}

getters! {
    mcast_get_if / Mcast_get_if: "the outgoing interface index";
    mcast_get_loop / Mcast_get_loop: "the loopback flag";
    mcast_get_ttl / Mcast_get_ttl: "the TTL (IPv4) or hop limit (IPv6)";
}

/// `mcast_set_if(fd, ifname, ifindex)`.
pub fn mcast_set_if<N: AsCStr + ?Sized>(
    fd: RawFd,
    ifname: Option<&N>,
    ifindex: c_uint,
) -> io::Result<()> {
    cvt(with_opt_cstr(ifname, |n| unsafe {
        sys::mcast_set_if(fd, n, ifindex)
    }))
    .map(drop)
}

/// `Mcast_set_if(fd, ifname, ifindex)`; exits on failure.
pub fn Mcast_set_if<N: AsCStr + ?Sized>(fd: RawFd, ifname: Option<&N>, ifindex: c_uint) {
    pre();
    with_opt_cstr(ifname, |n| unsafe { sys::Mcast_set_if(fd, n, ifindex) })
}

/// `mcast_set_loop(fd, onoff)`.
pub fn mcast_set_loop(fd: RawFd, onoff: c_int) -> io::Result<()> {
    cvt(unsafe { sys::mcast_set_loop(fd, onoff) }).map(drop)
}

/// `Mcast_set_loop(fd, onoff)`; exits on failure.
pub fn Mcast_set_loop(fd: RawFd, onoff: c_int) {
    pre();
    unsafe { sys::Mcast_set_loop(fd, onoff) }
}

/// `mcast_set_ttl(fd, val)`.
pub fn mcast_set_ttl(fd: RawFd, val: c_int) -> io::Result<()> {
    cvt(unsafe { sys::mcast_set_ttl(fd, val) }).map(drop)
}

/// `Mcast_set_ttl(fd, val)`; exits on failure.
pub fn Mcast_set_ttl(fd: RawFd, val: c_int) {
    pre();
    unsafe { sys::Mcast_set_ttl(fd, val) }
}

/// `If_nametoindex(name)`: the interface index; exits with
/// `if_nametoindex error for NAME: ...` when there is none.
pub fn If_nametoindex<N: AsCStr + ?Sized>(name: &N) -> c_uint {
    pre();
    name.with_cstr(|n| unsafe { sys::If_nametoindex(n.as_ptr()) })
}

/// `If_indextoname(index, buf)`: the interface name; exits with
/// `if_indextoname error for INDEX: ...` when there is none.
pub fn If_indextoname(index: c_uint) -> String {
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    pre();
    let p = unsafe { sys::If_indextoname(index, buf.as_mut_ptr()) };
    if p.is_null() {
        return String::new();
    }
    // SAFETY: if_indextoname NUL-terminated the buffer.
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

macro_rules! rtt_fns {
    ($($name:ident($($a:ident: $t:ty),*) $(-> $r:ty)?: $doc:literal;)*) => {$(
        #[doc = $doc]
        pub fn $name(ptr: &mut rtt_info $(, $a: $t)*) $(-> $r)? {
            unsafe { sys::$name(ptr $(, $a)*) }
        }
    )*};
}

rtt_fns! {
    rtt_init(): "`rtt_init(&rtt)`: initial estimators, the base time from `Gettimeofday`.";
    rtt_ts() -> u32: "`rtt_ts(&rtt)`: milliseconds since `rtt_init`.";
    rtt_newpack(): "`rtt_newpack(&rtt)`: a new packet: retransmission count 0.";
    rtt_start() -> c_int: "`rtt_start(&rtt)`: the timeout in seconds (rounded RTO).";
    rtt_stop(ms: u32): "`rtt_stop(&rtt, ms)`: a measured RTT; updates the estimators and RTO.";
    rtt_timeout() -> c_int: "`rtt_timeout(&rtt)`: doubles the RTO; -1 after too many retransmissions.";
    rtt_debug(): "`rtt_debug(&rtt)`: the estimators on stderr when `rtt_d_flag` is set.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtt_through_the_library() {
        // SAFETY: all-zero is a valid rtt_info.
        let mut r: rtt_info = unsafe { std::mem::zeroed() };
        rtt_init(&mut r);
        rtt_newpack(&mut r);
        assert_eq!(rtt_start(&mut r), 3); // RTO 0 + 4 * 0.75 s
        rtt_stop(&mut r, 100);
        assert!(r.rtt_rto >= 2.0, "RTT_RXTMIN is 2 s: {}", r.rtt_rto);
        assert_eq!(rtt_timeout(&mut r), 0);
    }

    #[test]
    fn loopback_interface_names() {
        let i = If_nametoindex("lo");
        assert!(i > 0);
        assert_eq!(If_indextoname(i), "lo");
    }

    #[test]
    fn mcast_on_udp() {
        let fd = crate::Socket(libc::AF_INET, libc::SOCK_DGRAM, 0);
        mcast_set_ttl(fd, 7).unwrap();
        assert_eq!(mcast_get_ttl(fd).unwrap(), 7);
        mcast_set_loop(fd, 0).unwrap();
        assert_eq!(Mcast_get_loop(fd), 0);
        let tcp = crate::Socket(libc::AF_INET, libc::SOCK_STREAM, 0);
        crate::Close(tcp);
        assert!(mcast_get_ttl(tcp).is_err());
        crate::Close(fd);
    }
}
