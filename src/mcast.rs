//! The multicast functions (the book's
//! `lib/mcast_*.c`), Linux paths.
//!
//! Group operations use the protocol-independent `group_req` /
//! `group_source_req` options at level `family_to_level(group family)`; the
//! socket's family is not consulted.  Per-socket options switch on
//! `sockfd_to_family(fd)` and fail with EAFNOSUPPORT for anything but AF_INET
//! and AF_INET6.  Each `Mcast_*` wrapper exits through `err_sys` with the
//! book's message when its function returns < 0.

use core::ffi::{c_char, c_int, c_uint, c_void};
use libc::{sockaddr, sockaddr_storage, socklen_t};

use crate::ffi::set_errno;
use crate::sym::{family_to_level, sockfd_to_family};

const SS_LEN: usize = core::mem::size_of::<sockaddr_storage>();

/// The interface for a join: `ifindex` if > 0, else `if_nametoindex(ifname)`
/// (0 → ENXIO), else 0.
///
/// # Safety
/// `ifname` is NULL or a NUL-terminated string.
unsafe fn join_interface(ifname: *const c_char, ifindex: c_uint) -> Option<u32> {
    if ifindex > 0 {
        Some(ifindex)
    } else if !ifname.is_null() {
        // SAFETY: not NULL, so a NUL-terminated string (this function's
        // contract), which if_nametoindex only reads.
        match unsafe { libc::if_nametoindex(ifname) } {
            0 => {
                set_errno(libc::ENXIO);
                None
            }
            i => Some(i),
        }
    } else {
        Some(0)
    }
}

/// Copies `len` bytes of `sa` into a zeroed sockaddr_storage; EINVAL when
/// `len` exceeds its 128 bytes (or `sa` is NULL with a nonzero length).
///
/// # Safety
/// `sa` is NULL or points to `len` readable bytes.
unsafe fn storage(sa: *const sockaddr, len: socklen_t) -> Option<sockaddr_storage> {
    // SAFETY: sockaddr_storage is plain integers and bytes: all-zero is a
    // valid value (family AF_UNSPEC).
    let mut ss: sockaddr_storage = unsafe { core::mem::zeroed() };
    let len = len as usize;
    if len > SS_LEN || (sa.is_null() && len > 0) {
        set_errno(libc::EINVAL);
        return None;
    }
    if len > 0 {
        // SAFETY: sa is not NULL here, so it has len readable bytes (this
        // function's contract); ss has SS_LEN >= len; a local cannot overlap
        // the caller's memory.
        unsafe {
            core::ptr::copy_nonoverlapping(
                sa as *const u8,
                (&mut ss as *mut sockaddr_storage).cast(),
                len,
            )
        };
    }
    Some(ss)
}

/// The level of a group address: `family_to_level` of its family, taken
/// from the bytes of the caller's address that `storage` copied (so a
/// `grplen` too short to hold the family reads no further: the missing
/// bytes are 0); -1 for a NULL address, so setsockopt fails.
fn level_of(grp: *const sockaddr, g: &sockaddr_storage) -> c_int {
    if grp.is_null() {
        return -1;
    }
    // SAFETY: family_to_level takes an int and has no precondition (the
    // library's, or a program's own with the header's prototype).
    unsafe { family_to_level(c_int::from(g.ss_family)) }
}

/// setsockopt() with the option value `v`.
fn setopt<T>(fd: c_int, level: c_int, name: c_int, v: &T) -> c_int {
    // SAFETY: the option value is `v`, a live T of the size passed, which
    // setsockopt only reads.
    unsafe {
        libc::setsockopt(
            fd,
            level,
            name,
            (v as *const T).cast::<c_void>(),
            core::mem::size_of::<T>() as socklen_t,
        )
    }
}

/// The integer types an option is read as: every bit pattern the kernel can
/// write into one is a valid value.
trait OptInt: Default {}
impl OptInt for u8 {}
impl OptInt for c_int {}
impl OptInt for c_uint {}

/// getsockopt() into a T.
fn getopt<T: OptInt>(fd: c_int, level: c_int, name: c_int) -> Option<T> {
    let mut v = T::default();
    let mut len = core::mem::size_of::<T>() as socklen_t;
    // SAFETY: v is a live T and len its size, so the kernel writes at most
    // those bytes of it, and any bytes make a valid T (an `OptInt`).
    let n = unsafe {
        libc::getsockopt(
            fd,
            level,
            name,
            (&mut v as *mut T).cast::<c_void>(),
            &mut len,
        )
    };
    if n < 0 {
        None
    } else {
        Some(v)
    }
}

/// Runs `v4` or `v6` according to the socket's own family (getsockname);
/// any other family, or a socket getsockname fails on, gives -1 with
/// EAFNOSUPPORT, as every per-socket mcast function of the original does.
fn by_socket_family(
    sockfd: c_int,
    v4: impl FnOnce() -> c_int,
    v6: impl FnOnce() -> c_int,
) -> c_int {
    // SAFETY: sockfd_to_family takes a descriptor number and has no
    // precondition (the library's, or a program's own).
    match unsafe { sockfd_to_family(sockfd) } {
        libc::AF_INET => v4(),
        libc::AF_INET6 => v6(),
        _ => {
            set_errno(libc::EAFNOSUPPORT);
            -1
        }
    }
}

/// MCAST_JOIN_GROUP or MCAST_LEAVE_GROUP on the group `grp`.
///
/// # Safety
/// `grp` is NULL or points to `grplen` readable bytes.
unsafe fn group_op(
    fd: c_int,
    grp: *const sockaddr,
    grplen: socklen_t,
    interface: u32,
    opt: c_int,
) -> c_int {
    // SAFETY: this function's contract is storage's.
    let Some(g) = (unsafe { storage(grp, grplen) }) else {
        return -1;
    };
    let level = level_of(grp, &g);
    let req = libc::group_req {
        gr_interface: interface,
        gr_group: g,
    };
    setopt(fd, level, opt, &req)
}

/// One of the MCAST_*_SOURCE* options on the source `src` in the group `grp`.
///
/// # Safety
/// `src` and `grp` are NULL or point to `srclen` and `grplen` readable bytes.
#[allow(clippy::too_many_arguments)]
unsafe fn source_op(
    fd: c_int,
    src: *const sockaddr,
    srclen: socklen_t,
    grp: *const sockaddr,
    grplen: socklen_t,
    interface: u32,
    opt: c_int,
) -> c_int {
    if grplen as usize > SS_LEN || srclen as usize > SS_LEN {
        set_errno(libc::EINVAL);
        return -1;
    }
    // SAFETY: this function's contract is storage's, for each address.
    let Some(g) = (unsafe { storage(grp, grplen) }) else {
        return -1;
    };
    // SAFETY: as above.
    let Some(s) = (unsafe { storage(src, srclen) }) else {
        return -1;
    };
    let level = level_of(grp, &g);
    let req = libc::group_source_req {
        gsr_interface: interface,
        gsr_group: g,
        gsr_source: s,
    };
    setopt(fd, level, opt, &req)
}

/// Joins the group `grp` (any family) with MCAST_JOIN_GROUP on the interface
/// `ifindex` if > 0, else the one named `ifname` if non-NULL (unknown name →
/// -1, errno ENXIO), else 0 (the kernel chooses).  `grplen` > 128 → -1, errno
/// EINVAL.  Returns setsockopt's result otherwise (0, or -1 with errno).
///
/// The option level comes from the family of `grp`; nothing past `grplen`
/// bytes of `grp` is read (bytes of the family that `grplen` does not cover
/// count as 0, and the call fails).
#[no_mangle]
pub unsafe extern "C" fn mcast_join(
    sockfd: c_int,
    grp: *const sockaddr,
    grplen: socklen_t,
    ifname: *const c_char,
    ifindex: c_uint,
) -> c_int {
    // SAFETY: ifname is NULL or a string, grp NULL or grplen bytes (the C
    // caller's contract).
    unsafe {
        let Some(i) = join_interface(ifname, ifindex) else {
            return -1;
        };
        group_op(sockfd, grp, grplen, i, libc::MCAST_JOIN_GROUP)
    }
}

/// Leaves the group with MCAST_LEAVE_GROUP (interface 0).  `grplen` > 128 →
/// -1, errno EINVAL.  Returns setsockopt's result (0, or -1 with errno).
/// `grp` is read as in `mcast_join`.
#[no_mangle]
pub unsafe extern "C" fn mcast_leave(
    sockfd: c_int,
    grp: *const sockaddr,
    grplen: socklen_t,
) -> c_int {
    // SAFETY: grp is NULL or grplen bytes (the C caller's contract).
    unsafe { group_op(sockfd, grp, grplen, 0, libc::MCAST_LEAVE_GROUP) }
}

/// Joins the source-specific group (`src`, `grp`) with MCAST_JOIN_SOURCE_GROUP;
/// the interface is chosen as in `mcast_join` (ENXIO for an unknown name).
/// `grplen` or `srclen` > 128 → -1, errno EINVAL.  Returns setsockopt's
/// result (0, or -1 with errno).  `grp` is read as in `mcast_join`, `src`
/// up to `srclen` bytes.
#[no_mangle]
pub unsafe extern "C" fn mcast_join_source_group(
    sockfd: c_int,
    src: *const sockaddr,
    srclen: socklen_t,
    grp: *const sockaddr,
    grplen: socklen_t,
    ifname: *const c_char,
    ifindex: c_uint,
) -> c_int {
    // SAFETY: ifname is NULL or a string, src and grp NULL or srclen and
    // grplen bytes (the C caller's contract).
    unsafe {
        let Some(i) = join_interface(ifname, ifindex) else {
            return -1;
        };
        source_op(
            sockfd,
            src,
            srclen,
            grp,
            grplen,
            i,
            libc::MCAST_JOIN_SOURCE_GROUP,
        )
    }
}

/// Leaves the source-specific group with MCAST_LEAVE_SOURCE_GROUP (interface
/// 0).  Lengths > 128 → -1, errno EINVAL.  Returns setsockopt's result (0,
/// or -1 with errno).
/// `src` and `grp` are read as in `mcast_join_source_group`.
#[no_mangle]
pub unsafe extern "C" fn mcast_leave_source_group(
    sockfd: c_int,
    src: *const sockaddr,
    srclen: socklen_t,
    grp: *const sockaddr,
    grplen: socklen_t,
) -> c_int {
    // SAFETY: src and grp are NULL or srclen and grplen bytes (the C
    // caller's contract).
    unsafe {
        source_op(
            sockfd,
            src,
            srclen,
            grp,
            grplen,
            0,
            libc::MCAST_LEAVE_SOURCE_GROUP,
        )
    }
}

/// Blocks the source `src` in the joined group `grp` with MCAST_BLOCK_SOURCE
/// (interface 0).  Lengths > 128 → -1, errno EINVAL.  Returns setsockopt's
/// result (0, or -1 with errno).
/// `src` and `grp` are read as in `mcast_join_source_group`.
#[no_mangle]
pub unsafe extern "C" fn mcast_block_source(
    sockfd: c_int,
    src: *const sockaddr,
    srclen: socklen_t,
    grp: *const sockaddr,
    grplen: socklen_t,
) -> c_int {
    // SAFETY: src and grp are NULL or srclen and grplen bytes (the C
    // caller's contract).
    unsafe {
        source_op(
            sockfd,
            src,
            srclen,
            grp,
            grplen,
            0,
            libc::MCAST_BLOCK_SOURCE,
        )
    }
}

/// Unblocks a blocked source with MCAST_UNBLOCK_SOURCE (interface 0).
/// Lengths > 128 → -1, errno EINVAL.  Returns setsockopt's result (0, or -1
/// with errno).
/// `src` and `grp` are read as in `mcast_join_source_group`.
#[no_mangle]
pub unsafe extern "C" fn mcast_unblock_source(
    sockfd: c_int,
    src: *const sockaddr,
    srclen: socklen_t,
    grp: *const sockaddr,
    grplen: socklen_t,
) -> c_int {
    // SAFETY: src and grp are NULL or srclen and grplen bytes (the C
    // caller's contract).
    unsafe {
        source_op(
            sockfd,
            src,
            srclen,
            grp,
            grplen,
            0,
            libc::MCAST_UNBLOCK_SOURCE,
        )
    }
}

/// The outgoing multicast interface.
///
/// Returns, for an IPv6 socket, the IPV6_MULTICAST_IF index (0 = none set),
/// or -1 with errno.  IPv4 socket: **always -1 without setting
/// errno** (not implemented in the original).  Other families: -1, errno
/// EAFNOSUPPORT.
#[no_mangle]
pub unsafe extern "C" fn mcast_get_if(sockfd: c_int) -> c_int {
    by_socket_family(
        sockfd,
        || -1,
        || {
            getopt::<c_uint>(sockfd, libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_IF)
                .map_or(-1, |v| v as c_int)
        },
    )
}

/// Whether multicast loopback is on: IP_MULTICAST_LOOP read as a u_char (IPv4)
/// or IPV6_MULTICAST_LOOP as a u_int (IPv6).  Returns that value; -1 with
/// errno on failure, EAFNOSUPPORT for other families.
#[no_mangle]
pub unsafe extern "C" fn mcast_get_loop(sockfd: c_int) -> c_int {
    by_socket_family(
        sockfd,
        || getopt::<u8>(sockfd, libc::IPPROTO_IP, libc::IP_MULTICAST_LOOP).map_or(-1, c_int::from),
        || {
            getopt::<c_uint>(sockfd, libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_LOOP)
                .map_or(-1, |v| v as c_int)
        },
    )
}

/// The multicast TTL / hop limit: IP_MULTICAST_TTL read as a u_char (IPv4) or
/// IPV6_MULTICAST_HOPS as an int (IPv6).  Returns that value; -1 with errno
/// on failure, EAFNOSUPPORT for other families.
#[no_mangle]
pub unsafe extern "C" fn mcast_get_ttl(sockfd: c_int) -> c_int {
    by_socket_family(
        sockfd,
        || getopt::<u8>(sockfd, libc::IPPROTO_IP, libc::IP_MULTICAST_TTL).map_or(-1, c_int::from),
        || getopt::<c_int>(sockfd, libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_HOPS).unwrap_or(-1),
    )
}

/// mcast_set_if for an IPv4 socket (see below).
///
/// # Safety
/// `ifname` is NULL or a NUL-terminated string.
unsafe fn set_if_v4(sockfd: c_int, ifname: *const c_char, ifindex: c_uint) -> c_int {
    // SAFETY: ifreq is a name and a union of plain C data: all-zero is a
    // valid value.
    let mut ifr: libc::ifreq = unsafe { core::mem::zeroed() };
    let have_name = if ifindex > 0 {
        // SAFETY: ifr_name is IFNAMSIZ (IF_NAMESIZE) bytes, what
        // if_indextoname may write.
        if unsafe { libc::if_indextoname(ifindex, ifr.ifr_name.as_mut_ptr()) }.is_null() {
            set_errno(libc::ENXIO);
            return -1;
        }
        true
    } else if !ifname.is_null() {
        // strncpy(ifr_name, ifname, IFNAMSIZ)
        // SAFETY: strncpy writes exactly IFNAMSIZ bytes into ifr_name, its
        // size, and reads ifname, a string (this function's contract), up to
        // its NUL or IFNAMSIZ bytes.
        unsafe { libc::strncpy(ifr.ifr_name.as_mut_ptr(), ifname, libc::IFNAMSIZ) };
        true
    } else {
        false
    };
    let mut addr = libc::in_addr { s_addr: 0 }; // INADDR_ANY
    if have_name {
        // SAFETY: SIOCGIFADDR reads and writes one struct ifreq, the local
        // ifr (an unterminated name is the kernel's to cut, not read past).
        if unsafe { libc::ioctl(sockfd, libc::SIOCGIFADDR, &mut ifr as *mut libc::ifreq) } < 0 {
            return -1;
        }
        // SAFETY: SIOCGIFADDR filled ifr_addr with a sockaddr_in; ifr_ifru
        // is 24 bytes at an 8-aligned offset, room and alignment enough for
        // its 16 bytes.
        let sin = unsafe { &*(core::ptr::addr_of!(ifr.ifr_ifru) as *const libc::sockaddr_in) };
        addr = sin.sin_addr;
    }
    setopt(sockfd, libc::IPPROTO_IP, libc::IP_MULTICAST_IF, &addr)
}

/// mcast_set_if for an IPv6 socket (see below).
///
/// # Safety
/// `ifname` is NULL or a NUL-terminated string.
unsafe fn set_if_v6(sockfd: c_int, ifname: *const c_char, ifindex: c_uint) -> c_int {
    let mut idx: c_uint = ifindex;
    if idx == 0 {
        if ifname.is_null() {
            set_errno(libc::EINVAL);
            return -1;
        }
        // SAFETY: not NULL, so a string (this function's contract).
        idx = unsafe { libc::if_nametoindex(ifname) };
        if idx == 0 {
            set_errno(libc::ENXIO);
            return -1;
        }
    }
    setopt(sockfd, libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_IF, &idx)
}

/// Sets the outgoing multicast interface.  IPv4: `ifindex` > 0 is turned into
/// a name (unknown → -1, ENXIO), else `ifname` is used; the interface's
/// address comes from ioctl SIOCGIFADDR (failure → -1 with its errno); with
/// neither, INADDR_ANY (the default again); then IP_MULTICAST_IF.  IPv6: the
/// index `ifindex`, or `if_nametoindex(ifname)` when it is 0 (NULL name →
/// EINVAL, unknown name → ENXIO); then IPV6_MULTICAST_IF.  Other families:
/// -1, errno EAFNOSUPPORT.  Returns setsockopt's result (0, or -1 with errno).
#[no_mangle]
pub unsafe extern "C" fn mcast_set_if(
    sockfd: c_int,
    ifname: *const c_char,
    ifindex: c_uint,
) -> c_int {
    by_socket_family(
        sockfd,
        // SAFETY: ifname is NULL or a string (the C caller's contract).
        || unsafe { set_if_v4(sockfd, ifname, ifindex) },
        // SAFETY: as above.
        || unsafe { set_if_v6(sockfd, ifname, ifindex) },
    )
}

/// Sets multicast loopback: IP_MULTICAST_LOOP with a u_char (IPv4, `onoff`
/// truncated) or IPV6_MULTICAST_LOOP with a u_int (IPv6; the kernel rejects
/// values other than 0 and 1 with EINVAL).  Other families: EAFNOSUPPORT.
/// Returns setsockopt's result (0, or -1 with errno).
#[no_mangle]
pub unsafe extern "C" fn mcast_set_loop(sockfd: c_int, onoff: c_int) -> c_int {
    by_socket_family(
        sockfd,
        || {
            setopt(
                sockfd,
                libc::IPPROTO_IP,
                libc::IP_MULTICAST_LOOP,
                &(onoff as u8),
            )
        },
        || {
            setopt(
                sockfd,
                libc::IPPROTO_IPV6,
                libc::IPV6_MULTICAST_LOOP,
                &(onoff as c_uint),
            )
        },
    )
}

/// Sets the multicast TTL / hop limit: IP_MULTICAST_TTL with a u_char (IPv4,
/// `val` truncated to 8 bits) or IPV6_MULTICAST_HOPS with an int (IPv6,
/// -1..255).  Other families: EAFNOSUPPORT.  Returns setsockopt's result (0,
/// or -1 with errno).
#[no_mangle]
pub unsafe extern "C" fn mcast_set_ttl(sockfd: c_int, val: c_int) -> c_int {
    by_socket_family(
        sockfd,
        || {
            setopt(
                sockfd,
                libc::IPPROTO_IP,
                libc::IP_MULTICAST_TTL,
                &(val as u8),
            )
        },
        || setopt(sockfd, libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_HOPS, &val),
    )
}

/// `mcast_join()`; < 0 exits through `err_sys("mcast_join error")`.
#[no_mangle]
pub unsafe extern "C" fn Mcast_join(
    sockfd: c_int,
    grp: *const sockaddr,
    grplen: socklen_t,
    ifname: *const c_char,
    ifindex: c_uint,
) {
    wrap!(
        relay!(mcast_join(sockfd, grp, grplen, ifname, ifindex)),
        |n| n < 0,
        c"mcast_join error"
    );
}

/// `mcast_leave()`; < 0 exits through `err_sys("mcast_leave error")`.
#[no_mangle]
pub unsafe extern "C" fn Mcast_leave(sockfd: c_int, grp: *const sockaddr, grplen: socklen_t) {
    wrap!(
        relay!(mcast_leave(sockfd, grp, grplen)),
        |n| n < 0,
        c"mcast_leave error"
    );
}

/// `mcast_join_source_group()`; < 0 exits through
/// `err_sys("mcast_join_source_group error")`.
#[no_mangle]
pub unsafe extern "C" fn Mcast_join_source_group(
    sockfd: c_int,
    src: *const sockaddr,
    srclen: socklen_t,
    grp: *const sockaddr,
    grplen: socklen_t,
    ifname: *const c_char,
    ifindex: c_uint,
) {
    wrap!(
        relay!(mcast_join_source_group(
            sockfd, src, srclen, grp, grplen, ifname, ifindex
        )),
        |n| n < 0,
        c"mcast_join_source_group error"
    );
}

/// `mcast_leave_source_group()`; < 0 exits through
/// `err_sys("mcast_leave_source_group error")`.
#[no_mangle]
pub unsafe extern "C" fn Mcast_leave_source_group(
    sockfd: c_int,
    src: *const sockaddr,
    srclen: socklen_t,
    grp: *const sockaddr,
    grplen: socklen_t,
) {
    wrap!(
        relay!(mcast_leave_source_group(sockfd, src, srclen, grp, grplen)),
        |n| n < 0,
        c"mcast_leave_source_group error"
    );
}

/// `mcast_block_source()`; < 0 exits through `err_sys("mcast_block_source error")`.
#[no_mangle]
pub unsafe extern "C" fn Mcast_block_source(
    sockfd: c_int,
    src: *const sockaddr,
    srclen: socklen_t,
    grp: *const sockaddr,
    grplen: socklen_t,
) {
    wrap!(
        relay!(mcast_block_source(sockfd, src, srclen, grp, grplen)),
        |n| n < 0,
        c"mcast_block_source error"
    );
}

/// `mcast_unblock_source()`; < 0 exits through
/// `err_sys("mcast_unblock_source error")`.
#[no_mangle]
pub unsafe extern "C" fn Mcast_unblock_source(
    sockfd: c_int,
    src: *const sockaddr,
    srclen: socklen_t,
    grp: *const sockaddr,
    grplen: socklen_t,
) {
    wrap!(
        relay!(mcast_unblock_source(sockfd, src, srclen, grp, grplen)),
        |n| n < 0,
        c"mcast_unblock_source error"
    );
}

/// `mcast_get_if()`; < 0 exits through `err_sys("mcast_get_if error")`, which
/// on an IPv4 socket always happens (with a stale errno).  Returns the index.
#[no_mangle]
pub unsafe extern "C" fn Mcast_get_if(sockfd: c_int) -> c_int {
    wrap!(
        relay!(mcast_get_if(sockfd)),
        |n| n < 0,
        c"mcast_get_if error"
    )
}

/// `mcast_get_loop()`; < 0 exits through `err_sys("mcast_get_loop error")`.
#[no_mangle]
pub unsafe extern "C" fn Mcast_get_loop(sockfd: c_int) -> c_int {
    wrap!(
        relay!(mcast_get_loop(sockfd)),
        |n| n < 0,
        c"mcast_get_loop error"
    )
}

/// `mcast_get_ttl()`; < 0 exits through `err_sys("mcast_get_ttl error")`.
#[no_mangle]
pub unsafe extern "C" fn Mcast_get_ttl(sockfd: c_int) -> c_int {
    wrap!(
        relay!(mcast_get_ttl(sockfd)),
        |n| n < 0,
        c"mcast_get_ttl error"
    )
}

/// `mcast_set_if()`; < 0 exits through `err_sys("mcast_set_if error")`.
#[no_mangle]
pub unsafe extern "C" fn Mcast_set_if(sockfd: c_int, ifname: *const c_char, ifindex: c_uint) {
    wrap!(
        relay!(mcast_set_if(sockfd, ifname, ifindex)),
        |n| n < 0,
        c"mcast_set_if error"
    );
}

/// `mcast_set_loop()`; < 0 exits through `err_sys("mcast_set_loop error")`.
#[no_mangle]
pub unsafe extern "C" fn Mcast_set_loop(sockfd: c_int, onoff: c_int) {
    wrap!(
        relay!(mcast_set_loop(sockfd, onoff)),
        |n| n < 0,
        c"mcast_set_loop error"
    );
}

/// `mcast_set_ttl()`; < 0 exits through `err_sys("mcast_set_ttl error")`.
#[no_mangle]
pub unsafe extern "C" fn Mcast_set_ttl(sockfd: c_int, val: c_int) {
    wrap!(
        relay!(mcast_set_ttl(sockfd, val)),
        |n| n < 0,
        c"mcast_set_ttl error"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A readable page followed by an inaccessible one: the returned
    /// pointer is the first byte past the readable page.
    fn guarded_end() -> *const u8 {
        // SAFETY: a fresh anonymous mapping of two pages, private to the
        // test (never unmapped), whose second page is made inaccessible.
        unsafe {
            let p = libc::mmap(
                core::ptr::null_mut(),
                8192,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            assert_ne!(p, libc::MAP_FAILED);
            assert_eq!(
                libc::mprotect(p.cast::<u8>().add(4096).cast(), 4096, libc::PROT_NONE),
                0
            );
            p.cast::<u8>().add(4096)
        }
    }

    #[test]
    fn group_read_stops_at_grplen() {
        let end = guarded_end();
        // SAFETY: a plain socket() call.
        let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM, 0) };
        assert!(fd >= 0);
        for len in 0..2usize {
            // SAFETY: `len` readable bytes (0 or 1) end where the readable
            // page does: the address is valid for exactly the length passed.
            unsafe {
                let grp = end.sub(len) as *const sockaddr;
                if len == 1 {
                    *(grp as *mut u8) = libc::AF_INET as u8;
                }
                let l = len as socklen_t;
                assert_eq!(mcast_join(fd, grp, l, core::ptr::null(), 0), -1);
                assert_eq!(mcast_leave(fd, grp, l), -1);
                assert_eq!(mcast_block_source(fd, grp, l, grp, l), -1);
            }
        }
        // SAFETY: the descriptor opened above.
        unsafe { libc::close(fd) };
    }
}
