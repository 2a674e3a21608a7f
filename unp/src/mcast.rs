//! Multicast (`mcast_*.c`), the retransmission timer (`rtt.c`) and the
//! interface-name wrappers.  Lowercase multicast functions return
//! `io::Result`; the capitalised ones exit with the book's diagnostic.

use std::ffi::{c_int, c_uint, CStr};
use std::io;
use std::os::fd::AsFd;

use crate::addr::SockAddr;
use crate::cstr::{with_opt_ptr, AsCStr, AsOptCStr};
use crate::sys;
use crate::util::{checked, int_call, raw};

pub use unp_sys::rtt::rtt_info;

/// The C multicast functions fail with -1 and errno; they set
/// `EAFNOSUPPORT` themselves for a family they do not handle, which is also
/// the fallback should one not.
fn mcast(call: impl FnOnce() -> c_int) -> io::Result<c_int> {
    int_call(libc::EAFNOSUPPORT, call)
}

/// `mcast_join(fd, grp, grplen, ifname, ifindex)`: joins the group on the
/// interface named `ifname` (`None` for NULL), else number `ifindex`, else
/// the kernel's choice.
pub fn mcast_join<N: AsOptCStr>(
    fd: impl AsFd,
    grp: &SockAddr,
    ifname: N,
    ifindex: c_uint,
) -> io::Result<()> {
    mcast(|| {
        // SAFETY: the group readable for its length; NULL or a
        // NUL-terminated name.
        with_opt_ptr(&ifname, |n| unsafe {
            sys::mcast_join(raw(&fd), grp.as_ptr(), grp.len(), n, ifindex)
        })
    })
    .map(drop)
}

/// `Mcast_join`: as [`mcast_join`]; exits with `mcast_join error: ...`.
pub fn Mcast_join<N: AsOptCStr>(fd: impl AsFd, grp: &SockAddr, ifname: N, ifindex: c_uint) {
    // SAFETY: as in `mcast_join`.
    with_opt_ptr(&ifname, |n| unsafe {
        sys::Mcast_join(raw(&fd), grp.as_ptr(), grp.len(), n, ifindex)
    })
}

/// `mcast_leave(fd, grp, grplen)`.
pub fn mcast_leave(fd: impl AsFd, grp: &SockAddr) -> io::Result<()> {
    // SAFETY: the group readable for its length.
    mcast(|| unsafe { sys::mcast_leave(raw(&fd), grp.as_ptr(), grp.len()) }).map(drop)
}

/// `Mcast_leave(fd, grp, grplen)`; exits with `mcast_leave error: ...`.
pub fn Mcast_leave(fd: impl AsFd, grp: &SockAddr) {
    // SAFETY: as in `mcast_leave`.
    unsafe { sys::Mcast_leave(raw(&fd), grp.as_ptr(), grp.len()) }
}

/// The prototype of `mcast_join_source_group` and its capitalised form.
type JoinSourceFn<R> = unsafe extern "C" fn(
    c_int,
    *const libc::sockaddr,
    libc::socklen_t,
    *const libc::sockaddr,
    libc::socklen_t,
    *const std::ffi::c_char,
    c_uint,
) -> R;

/// `f(fd, src, srclen, grp, grplen, ifname, ifindex)`.
fn join_source<R, N: AsOptCStr>(
    f: JoinSourceFn<R>,
    fd: impl AsFd,
    src: &SockAddr,
    grp: &SockAddr,
    ifname: N,
    ifindex: c_uint,
) -> R {
    with_opt_ptr(&ifname, |n| {
        // SAFETY: both addresses readable for their lengths; NULL or a
        // NUL-terminated name.
        unsafe {
            f(
                raw(&fd),
                src.as_ptr(),
                src.len(),
                grp.as_ptr(),
                grp.len(),
                n,
                ifindex,
            )
        }
    })
}

/// `mcast_join_source_group(fd, src, srclen, grp, grplen, ifname, ifindex)`.
pub fn mcast_join_source_group<N: AsOptCStr>(
    fd: impl AsFd,
    src: &SockAddr,
    grp: &SockAddr,
    ifname: N,
    ifindex: c_uint,
) -> io::Result<()> {
    let f = sys::mcast_join_source_group;
    mcast(|| join_source(f, fd, src, grp, ifname, ifindex)).map(drop)
}

/// `Mcast_join_source_group`; exits on failure.
pub fn Mcast_join_source_group<N: AsOptCStr>(
    fd: impl AsFd,
    src: &SockAddr,
    grp: &SockAddr,
    ifname: N,
    ifindex: c_uint,
) {
    join_source(sys::Mcast_join_source_group, fd, src, grp, ifname, ifindex)
}

macro_rules! source_ops {
    ($($lower:ident / $upper:ident;)*) => {$(
        #[doc = concat!("`", stringify!($lower), "(fd, src, srclen, grp, grplen)`.")]
        pub fn $lower(fd: impl AsFd, src: &SockAddr, grp: &SockAddr) -> io::Result<()> {
            // SAFETY: both addresses readable for their lengths.
            mcast(|| unsafe { sys::$lower(raw(&fd), src.as_ptr(), src.len(), grp.as_ptr(), grp.len()) }).map(drop)
        }

        #[doc = concat!("`", stringify!($upper), "(fd, src, srclen, grp, grplen)`; exits on failure.")]
        pub fn $upper(fd: impl AsFd, src: &SockAddr, grp: &SockAddr) {
            // SAFETY: as above.
            unsafe { sys::$upper(raw(&fd), src.as_ptr(), src.len(), grp.as_ptr(), grp.len()) }
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
        pub fn $lower(fd: impl AsFd) -> io::Result<c_int> {
            // SAFETY: a descriptor number.
            mcast(|| unsafe { sys::$lower(raw(&fd)) })
        }

        #[doc = concat!("`", stringify!($upper), "(fd)`: ", $what, "; exits on failure.")]
        pub fn $upper(fd: impl AsFd) -> c_int {
            // SAFETY: a descriptor number.
            unsafe { sys::$upper(raw(&fd)) }
        }
    )*};
}

getters! {
    mcast_get_if / Mcast_get_if: "the outgoing interface index";
    mcast_get_loop / Mcast_get_loop: "the loopback flag";
    mcast_get_ttl / Mcast_get_ttl: "the TTL (IPv4) or hop limit (IPv6)";
}

/// `mcast_set_if(fd, ifname, ifindex)`.
pub fn mcast_set_if<N: AsOptCStr>(fd: impl AsFd, ifname: N, ifindex: c_uint) -> io::Result<()> {
    mcast(|| {
        // SAFETY: NULL or a NUL-terminated name.
        with_opt_ptr(&ifname, |n| unsafe {
            sys::mcast_set_if(raw(&fd), n, ifindex)
        })
    })
    .map(drop)
}

/// `Mcast_set_if(fd, ifname, ifindex)`; exits on failure.
pub fn Mcast_set_if<N: AsOptCStr>(fd: impl AsFd, ifname: N, ifindex: c_uint) {
    // SAFETY: as in `mcast_set_if`.
    with_opt_ptr(&ifname, |n| unsafe {
        sys::Mcast_set_if(raw(&fd), n, ifindex)
    })
}

macro_rules! setters {
    ($($lower:ident / $upper:ident ($arg:ident);)*) => {$(
        #[doc = concat!("`", stringify!($lower), "(fd, ", stringify!($arg), ")`.")]
        pub fn $lower(fd: impl AsFd, $arg: c_int) -> io::Result<()> {
            // SAFETY: plain integers.
            mcast(|| unsafe { sys::$lower(raw(&fd), $arg) }).map(drop)
        }

        #[doc = concat!("`", stringify!($upper), "(fd, ", stringify!($arg), ")`; exits on failure.")]
        pub fn $upper(fd: impl AsFd, $arg: c_int) {
            // SAFETY: plain integers.
            unsafe { sys::$upper(raw(&fd), $arg) }
        }
    )*};
}

setters! {
    mcast_set_loop / Mcast_set_loop (onoff);
    mcast_set_ttl / Mcast_set_ttl (val);
}

/// `If_nametoindex(name)`: the interface index; exits with
/// `if_nametoindex error for NAME: ...` when there is none.
pub fn If_nametoindex<N: AsCStr + ?Sized>(name: &N) -> c_uint {
    // SAFETY: a NUL-terminated name.
    name.with_cstr(|n| unsafe { sys::If_nametoindex(n.as_ptr()) })
}

/// `if_nametoindex(name)`: the index; an error (`ENODEV`) when there is no
/// such interface.
pub fn if_nametoindex<N: AsCStr + ?Sized>(name: &N) -> io::Result<c_uint> {
    name.with_cstr(|n| {
        // SAFETY: as in `If_nametoindex`.
        let call = || unsafe { libc::if_nametoindex(n.as_ptr()) };
        checked(libc::ENODEV, call, |&i| i == 0)
    })
}

/// Calls `f(index, buf)` with an `IF_NAMESIZE` buffer; the name when it
/// returns non-NULL.
fn name_of(
    index: c_uint,
    f: impl FnOnce(c_uint, *mut libc::c_char) -> *mut libc::c_char,
) -> Option<String> {
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    if f(index, buf.as_mut_ptr()).is_null() {
        return None;
    }
    // SAFETY: if_indextoname NUL-terminated the buffer (it returned non-NULL).
    Some(
        unsafe { CStr::from_ptr(buf.as_ptr()) }
            .to_string_lossy()
            .into_owned(),
    )
}

/// `If_indextoname(index, buf)`: the interface name; exits with
/// `if_indextoname error for INDEX: ...` when there is none.
pub fn If_indextoname(index: c_uint) -> String {
    // SAFETY: an IF_NAMESIZE buffer, as the C function requires.
    name_of(index, |i, b| unsafe { sys::If_indextoname(i, b) }).unwrap_or_default()
}

/// `if_indextoname(index, buf)`: the name; an error (`ENXIO`) when there is
/// no such interface.
pub fn if_indextoname(index: c_uint) -> io::Result<String> {
    crate::util::set_errno(0);
    // SAFETY: as in `If_indextoname`.
    name_of(index, |i, b| unsafe { libc::if_indextoname(i, b) })
        .ok_or_else(|| crate::util::last_error(libc::ENXIO))
}

macro_rules! rtt_fns {
    ($($name:ident($($a:ident: $t:ty),*) $(-> $r:ty)?: $doc:literal;)*) => {$(
        #[doc = $doc]
        pub fn $name(ptr: &mut rtt_info $(, $a: $t)*) $(-> $r)? {
            // SAFETY: a live rtt_info, read and written in place.
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
        mcast_set_ttl(&fd, 7).unwrap();
        assert_eq!(mcast_get_ttl(&fd).unwrap(), 7);
        mcast_set_loop(&fd, 0).unwrap();
        assert_eq!(Mcast_get_loop(&fd), 0);
        let unix = crate::Socket(libc::AF_UNIX, libc::SOCK_DGRAM, 0);
        assert_eq!(
            mcast_get_ttl(&unix).unwrap_err().raw_os_error(),
            Some(libc::EAFNOSUPPORT)
        );
        crate::Close(fd);
    }

    #[test]
    fn interface_twins() {
        assert!(if_nametoindex("lo").unwrap() > 0);
        assert_eq!(
            if_nametoindex("no-such-if0").unwrap_err().raw_os_error(),
            Some(libc::ENODEV)
        );
        assert!(if_indextoname(0).is_err());
    }
}
