//! `get_ifi_info`, `Get_ifi_info`, `free_ifi_info` and `struct ifi_info`
//! (the book's `lib/get_ifi_info.c`, chapter 17).
//!
//! The original walks `SIOCGIFCONF` with a stride that does not match Linux's
//! `struct ifreq`, so on x86_64 it loses interfaces, never returns IPv6, and
//! always leaves the index and hardware address zero.  This one
//! asks `getifaddrs()` and really works:
//!
//! * every interface that is up (`IFF_UP`), in the kernel's interface order
//!   (the order of its link list, i.e. of `ip link`); for each interface its
//!   IPv4 addresses first, then its IPv6 addresses, each in the kernel's order
//!   (the order of `ip -o addr`);
//! * `family` AF_INET or AF_INET6 selects one family; AF_UNSPEC (0) returns
//!   both (the original returned nothing for 0); any other family gives NULL
//!   with errno EAFNOSUPPORT;
//! * the first address of a family on an interface is its primary address;
//!   the others are secondary: flagged `IFI_ALIAS` in `ifi_myflags` and
//!   returned only when `doaliases` is nonzero;
//! * `ifi_index` is the real interface index, `ifi_haddr`/`ifi_hlen` the
//!   link-layer address and its length (from the `AF_PACKET` entries; 6 zero
//!   bytes on loopback, length 0 for interfaces without one such as tun);
//! * `ifi_mtu` is the MTU from `ioctl(SIOCGIFMTU)`, stored in the struct's
//!   `short` as the original does: MTUs above 32767 wrap (loopback's 65536
//!   becomes 0).  `ifi_index` and `ifi_flags` are `short`s too: only the low
//!   16 bits of the flags are kept (`IFF_LOWER_UP` and above are lost, as with
//!   `ifr_flags`), and an index above 32767 wraps;
//! * `ifi_name` is the interface name (an IPv4 label such as `eth0:1` is cut at
//!   the colon, as the original does);
//! * `ifi_brdaddr` is set for `IFF_BROADCAST` interfaces whose address has a
//!   broadcast address (`ip addr ... brd`), `ifi_dstaddr` for
//!   `IFF_POINTOPOINT` interfaces whose address has a peer (IPv4 or IPv6);
//!   both NULL otherwise;
//! * "primary" means first in the kernel's address order: for IPv4 the order
//!   the addresses were added in (the kernel's own secondaries in a subnet
//!   after its primary), for IPv6 the kernel lists the newest first;
//! * every node and every address is its own `Calloc` block (`sockaddr_in` or
//!   `sockaddr_in6` sized), so `free_ifi_info` or a C caller's own `free`s
//!   release it; the one descriptor used for the MTU ioctl is closed (the
//!   original leaked one per call).

use core::ffi::{c_char, c_int, c_short, c_uchar, c_uint, c_ushort, c_void};
use core::mem::size_of;
use core::ptr;

/// Size of `ifi_name` (IFNAMSIZ).
pub const IFI_NAME: usize = 16;
/// Size of `ifi_haddr`.
pub const IFI_HADDR: usize = 8;
/// `ifi_myflags` bit: the address is a secondary address (an alias).
pub const IFI_ALIAS: c_int = 1;

/// One address of one interface; `get_ifi_info` returns a list of them.
#[repr(C)]
pub struct ifi_info {
    /// interface name, NUL terminated
    pub ifi_name: [c_char; IFI_NAME],
    /// interface index
    pub ifi_index: c_short,
    /// interface MTU
    pub ifi_mtu: c_short,
    /// hardware address (the book spells the type `u_char`, the same type)
    pub ifi_haddr: [c_uchar; IFI_HADDR],
    /// # bytes in hardware address: 0, 6, 8 (the book's `u_short`)
    pub ifi_hlen: c_ushort,
    /// IFF_xxx constants from <net/if.h>
    pub ifi_flags: c_short,
    /// our own IFI_xxx flags
    pub ifi_myflags: c_short,
    /// primary address
    pub ifi_addr: *mut libc::sockaddr,
    /// broadcast address, if any
    pub ifi_brdaddr: *mut libc::sockaddr,
    /// destination address, if any
    pub ifi_dstaddr: *mut libc::sockaddr,
    /// next of these structures
    pub ifi_next: *mut ifi_info,
}

const _: () = assert!(size_of::<ifi_info>() == 72);

/// What the ordering logic needs to know about one `getifaddrs` entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Item {
    /// Interface name, label cut at ':', NUL padded.
    pub name: [u8; IFI_NAME],
    /// AF_PACKET (the link entry), AF_INET, AF_INET6, or anything else.
    pub fam: c_int,
    /// Interface flags.
    pub flags: c_uint,
}

impl Item {
    pub(crate) fn new(name: &[u8], fam: c_int, flags: c_uint) -> Item {
        Item {
            name: base_name(name),
            fam,
            flags,
        }
    }
}

/// The interface name of an entry name: up to the first ':' (an IPv4 label),
/// the first NUL, or IFI_NAME - 1 bytes, NUL padded.
pub(crate) fn base_name(raw: &[u8]) -> [u8; IFI_NAME] {
    let mut out = [0u8; IFI_NAME];
    for (o, &c) in out.iter_mut().take(IFI_NAME - 1).zip(raw.iter()) {
        if c == 0 || c == b':' {
            break;
        }
        *o = c;
    }
    out
}

/// The families a `family` argument selects, in output order, or None for a
/// family `get_ifi_info` does not handle.
pub(crate) fn families(family: c_int) -> Option<&'static [c_int]> {
    match family {
        libc::AF_INET => Some(&[libc::AF_INET]),
        libc::AF_INET6 => Some(&[libc::AF_INET6]),
        libc::AF_UNSPEC => Some(&[libc::AF_INET, libc::AF_INET6]),
        _ => None,
    }
}

/// Decides which entries become list nodes, in which order, and with which
/// `ifi_myflags`: calls `emit(index into items, myflags)` for each.
///
/// Interfaces come in the order of their AF_PACKET entries (the kernel's link
/// order), then any interface that has addresses but no link entry, in order
/// of first appearance.  Within an interface: the selected families in the
/// order of [`families`], each family's addresses in entry order; the first
/// is the primary, the others get IFI_ALIAS and are emitted only when
/// `doaliases` is set.  Interfaces without IFF_UP are skipped.
pub(crate) fn plan(
    items: &[Item],
    fams: &[c_int],
    doaliases: bool,
    mut emit: impl FnMut(usize, c_short),
) {
    for (g, grp) in items.iter().enumerate() {
        // `grp` starts a group when it is the first link entry of its name, or
        // (for names without a link entry) the first address entry of its name.
        let has_link = items
            .iter()
            .any(|e| e.fam == libc::AF_PACKET && e.name == grp.name);
        let first_of_kind = if has_link {
            grp.fam == libc::AF_PACKET
                && !items[..g]
                    .iter()
                    .any(|e| e.fam == libc::AF_PACKET && e.name == grp.name)
        } else {
            !items[..g].iter().any(|e| e.name == grp.name)
        };
        if !first_of_kind {
            continue;
        }
        for &fam in fams {
            let mut primary = true;
            for (i, e) in items.iter().enumerate() {
                if e.fam != fam || e.name != grp.name || e.flags & libc::IFF_UP as c_uint == 0 {
                    continue;
                }
                let alias = !primary;
                primary = false;
                if alias && !doaliases {
                    continue;
                }
                emit(i, if alias { IFI_ALIAS as c_short } else { 0 });
            }
        }
    }
}

/// A copy of a socket address of family `fam` (sockaddr_in or sockaddr_in6
/// sized) in memory from `Calloc`; NULL when `sa` is NULL or of another
/// family, or when `Calloc` returns NULL (`*oom` is then set).
///
/// # Safety
/// `sa` is NULL or a socket address from getifaddrs: a whole structure of
/// its family (glibc stores each in a `sockaddr_in6`-sized union at least),
/// alive during the call.
unsafe fn copy_sa(sa: *const libc::sockaddr, fam: c_int, oom: &mut bool) -> *mut libc::sockaddr {
    // SAFETY: not NULL, so an address of getifaddrs (this function's
    // contract), whose family field is aligned.
    if sa.is_null() || c_int::from(unsafe { (*sa).sa_family }) != fam {
        return ptr::null_mut();
    }
    let len = if fam == libc::AF_INET6 {
        size_of::<libc::sockaddr_in6>()
    } else {
        size_of::<libc::sockaddr_in>()
    };
    // SAFETY: Calloc takes sizes (calloc's wrapper, or a program's own with
    // calloc's prototype and contract: NULL or len zeroed bytes, suitably
    // aligned, from malloc's heap).
    let p = unsafe { crate::sym::Calloc(1, len) } as *mut libc::sockaddr;
    if p.is_null() {
        *oom = true;
        return p;
    }
    // SAFETY: the family is `fam` (AF_INET or AF_INET6, which `plan` selects),
    // so `sa` is a whole structure of len bytes (this function's contract);
    // p is a fresh block of len bytes.
    unsafe { ptr::copy_nonoverlapping(sa as *const u8, p as *mut u8, len) };
    p
}

/// Whether two socket addresses of family `fam` hold the same address.
/// glibc's getifaddrs fills `ifa_broadaddr` with the local address itself
/// when the kernel reports no broadcast (or peer) address: such a copy is
/// not a broadcast or destination address.
///
/// # Safety
/// As `copy_sa`, for `a` and `b`.
unsafe fn same_addr(a: *const libc::sockaddr, b: *const libc::sockaddr, fam: c_int) -> bool {
    if a.is_null() || b.is_null() {
        return false;
    }
    // SAFETY: neither is NULL, so both are whole addresses of their family
    // from getifaddrs (this function's contract), aligned for it; they are
    // read as sockaddr_in6 or sockaddr_in only when both are of that family.
    unsafe {
        if c_int::from((*a).sa_family) != fam || (*a).sa_family != (*b).sa_family {
            return false;
        }
        if fam == libc::AF_INET6 {
            let (a, b) = (
                &*(a as *const libc::sockaddr_in6),
                &*(b as *const libc::sockaddr_in6),
            );
            a.sin6_addr.s6_addr == b.sin6_addr.s6_addr
        } else if fam == libc::AF_INET {
            let (a, b) = (
                &*(a as *const libc::sockaddr_in),
                &*(b as *const libc::sockaddr_in),
            );
            a.sin_addr.s_addr == b.sin_addr.s_addr
        } else {
            false
        }
    }
}

/// `struct ifreq` as SIOCGIFMTU uses it.
#[repr(C)]
struct IfreqMtu {
    name: [c_char; IFI_NAME],
    mtu: c_int,
    _pad: [u8; 20],
}

/// The MTU of interface `name` through SIOCGIFMTU on `fd`; 0 when unknown.
fn mtu_of(fd: c_int, name: &[u8; IFI_NAME]) -> c_int {
    if fd < 0 {
        return 0;
    }
    let mut req = IfreqMtu {
        name: [0; IFI_NAME],
        mtu: 0,
        _pad: [0; 20],
    };
    for (d, &s) in req.name.iter_mut().zip(name.iter()) {
        *d = s as c_char;
    }
    // SAFETY: SIOCGIFMTU reads and writes one struct ifreq: req has its
    // layout and size (40 bytes, see the layout test).
    if unsafe { libc::ioctl(fd, libc::SIOCGIFMTU as _, &mut req as *mut IfreqMtu) } < 0 {
        return 0;
    }
    req.mtu
}

/// Frees a list built so far and returns NULL.
///
/// # Safety
/// `head` is NULL or a list as `free_ifi_info` takes it, `ifap` getifaddrs'
/// list, `items` NULL or from calloc; none of them used afterwards; `fd` is
/// -1 or the descriptor `get_ifi_info` opened.
unsafe fn fail(
    head: *mut ifi_info,
    ifap: *mut libc::ifaddrs,
    items: *mut Item,
    fd: c_int,
) -> *mut ifi_info {
    let e = crate::ffi::errno();
    // SAFETY: each freed once, by its own function (this function's
    // contract); the descriptor is the call's own.
    unsafe {
        free_ifi_info(head);
        libc::freeifaddrs(ifap);
        libc::free(items.cast());
        if fd >= 0 {
            libc::close(fd);
        }
    }
    crate::ffi::set_errno(e);
    ptr::null_mut()
}

/// The addresses of the host's network interfaces.
///
/// Returns a linked list of `struct ifi_info`, one per address of `family`
/// (AF_INET, AF_INET6, or AF_UNSPEC for both) on every interface that is up,
/// in the kernel's interface order; secondary addresses of an interface
/// (flagged IFI_ALIAS) are included only when `doaliases` is nonzero.
///
/// Returns NULL when no address matched, with errno EAFNOSUPPORT for another
/// family, or with getifaddrs' errno when it fails.  Each node and each
/// address comes from `Calloc` (whose failure exits through
/// `err_sys("calloc error")`), as in the original, so a program's own
/// `Calloc` allocates them; the scratch arrays come from calloc (failure:
/// `err_sys("calloc error")` too).  Release the list with `free_ifi_info`;
/// every node and address is its own malloc block.
///
/// Differs from the original: the original walks SIOCGIFCONF with a stride
/// that does not match Linux's `struct ifreq`, so it loses interfaces, never
/// returns IPv6 addresses, leaves the index and hardware address 0 and leaks
/// a descriptor; AF_UNSPEC returned nothing and a failure exited.  This one
/// asks getifaddrs() and returns every interface that is up.
#[no_mangle]
pub unsafe extern "C" fn get_ifi_info(family: c_int, doaliases: c_int) -> *mut ifi_info {
    let Some(fams) = families(family) else {
        crate::ffi::set_errno(libc::EAFNOSUPPORT);
        return ptr::null_mut();
    };
    let mut ifap: *mut libc::ifaddrs = ptr::null_mut();
    // SAFETY: getifaddrs stores its list's head into the local out pointer.
    if unsafe { libc::getifaddrs(&mut ifap) } < 0 {
        return ptr::null_mut();
    }
    // Below, `ifap` is getifaddrs' list: NULL-terminated, its nodes and what
    // they point to (NUL-terminated names, addresses that are whole
    // structures of their family) alive and unchanged until freeifaddrs,
    // which is the last use of it.
    //
    // items[i] describes the i-th entry and ents[i] points to it: two
    // calloc'ed arrays (no Rust allocator here), filled in one walk.
    let mut n = 0usize;
    let mut p = ifap;
    while !p.is_null() {
        n += 1;
        // SAFETY: a node of getifaddrs' list (see above).
        p = unsafe { (*p).ifa_next };
    }
    // SAFETY: calloc takes sizes; it checks the product for overflow.
    let (items, ents) = unsafe {
        (
            libc::calloc(n.max(1), size_of::<Item>()) as *mut Item,
            libc::calloc(n.max(1), size_of::<*const libc::ifaddrs>()) as *mut *const libc::ifaddrs,
        )
    };
    if items.is_null() || ents.is_null() {
        // SAFETY: NULL or the block just allocated, freed once.
        unsafe { libc::free(ents.cast()) };
        crate::ffi::sys(msg!(c"calloc error"));
        // SAFETY: no list yet; getifaddrs' list and `items` (NULL or from
        // calloc), neither used again; no descriptor.
        return unsafe { fail(ptr::null_mut(), ifap, items, -1) };
    }
    let mut p = ifap;
    let mut i = 0usize;
    while !p.is_null() && i < n {
        // SAFETY: a node of getifaddrs' list (see above).
        let e = unsafe { &*p };
        let name: &[u8] = if e.ifa_name.is_null() {
            &[]
        } else {
            // SAFETY: not NULL: the node's NUL-terminated name, alive as
            // long as the list.
            unsafe { core::ffi::CStr::from_ptr(e.ifa_name) }.to_bytes()
        };
        let fam = if e.ifa_addr.is_null() {
            -1
        } else {
            // SAFETY: not NULL: the node's address, aligned, at least its
            // family field.
            c_int::from(unsafe { (*e.ifa_addr).sa_family })
        };
        // SAFETY: i < n, the element count of both calloc'ed arrays.
        unsafe {
            items.add(i).write(Item::new(name, fam, e.ifa_flags));
            ents.add(i).write(p);
        }
        p = e.ifa_next;
        i += 1;
    }
    // SAFETY: the first i elements of each array were written just above;
    // calloc's blocks are aligned for any type; nothing else refers to
    // them until they are freed after the last use of these slices.
    let (items_sl, ents_sl) = unsafe {
        (
            core::slice::from_raw_parts(items, i),
            core::slice::from_raw_parts(ents, i),
        )
    };

    // SAFETY: socket() takes no pointer.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
    let fd = if fd < 0 {
        // SAFETY: as above.
        unsafe { libc::socket(libc::AF_UNIX, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) }
    } else {
        fd
    };

    let mut head: *mut ifi_info = ptr::null_mut();
    // Where the next node goes: `head`, then the `ifi_next` of the last node.
    let mut tail: *mut *mut ifi_info = &mut head;
    let mut oom = false;
    plan(items_sl, fams, doaliases != 0, |idx, myflags| {
        if oom {
            return;
        }
        let (Some(item), Some(&ent)) = (items_sl.get(idx), ents_sl.get(idx)) else {
            return;
        };
        // SAFETY: Calloc takes sizes (calloc's wrapper, or a program's own
        // with calloc's prototype and contract: NULL, or that many bytes
        // aligned for any type, from malloc's heap).
        let node = unsafe { crate::sym::Calloc(1, size_of::<ifi_info>()) } as *mut ifi_info;
        if node.is_null() {
            oom = true;
            return;
        }
        // The node is filled here and then written whole: nothing depends
        // on Calloc having zeroed it.
        let mut ifi = ifi_info {
            ifi_name: [0; IFI_NAME],
            ifi_index: 0,
            ifi_mtu: 0,
            ifi_haddr: [0; IFI_HADDR],
            ifi_hlen: 0,
            ifi_flags: 0,
            ifi_myflags: 0,
            ifi_addr: ptr::null_mut(),
            ifi_brdaddr: ptr::null_mut(),
            ifi_dstaddr: ptr::null_mut(),
            ifi_next: ptr::null_mut(),
        };
        for (d, &s) in ifi.ifi_name.iter_mut().zip(item.name.iter()) {
            *d = s as c_char;
        }
        // The link entry of this interface: index and hardware address.
        let link = items_sl
            .iter()
            .zip(ents_sl.iter())
            .find(|(e, _)| e.fam == libc::AF_PACKET && e.name == item.name)
            .map(|(_, &ent)| ent);
        let mut index: c_int = 0;
        if let Some(l) = link {
            // SAFETY: a node of the list whose address has the family
            // AF_PACKET (so it is not NULL): a whole sockaddr_ll (glibc's
            // storage for one is larger still), aligned for it.
            let sll = unsafe { &*((*l).ifa_addr as *const libc::sockaddr_ll) };
            index = sll.sll_ifindex;
            let hlen = usize::from(sll.sll_halen).min(IFI_HADDR);
            ifi.ifi_haddr[..hlen].copy_from_slice(&sll.sll_addr[..hlen]);
            ifi.ifi_hlen = hlen as c_ushort;
        }
        if index == 0 {
            // SAFETY: ifi_name is NUL-terminated: base_name leaves its
            // last byte 0.
            index = unsafe { libc::if_nametoindex(ifi.ifi_name.as_ptr()) } as c_int;
        }
        ifi.ifi_index = index as c_short;
        ifi.ifi_mtu = mtu_of(fd, &item.name) as c_short;
        ifi.ifi_flags = item.flags as c_short;
        ifi.ifi_myflags = myflags;
        // SAFETY: a node of the list (see above), and its two addresses are
        // NULL or whole addresses of their family: copy_sa's and same_addr's
        // contract.
        unsafe {
            let e = &*ent;
            ifi.ifi_addr = copy_sa(e.ifa_addr, item.fam, &mut oom);
            let other = !same_addr(e.ifa_addr, e.ifa_ifu, item.fam);
            if other && item.flags & libc::IFF_BROADCAST as c_uint != 0 {
                ifi.ifi_brdaddr = copy_sa(e.ifa_ifu, item.fam, &mut oom);
            }
            if other && item.flags & libc::IFF_POINTOPOINT as c_uint != 0 {
                ifi.ifi_dstaddr = copy_sa(e.ifa_ifu, item.fam, &mut oom);
            }
        }
        // SAFETY: node is Calloc's block, room and alignment for an
        // ifi_info; `tail` points to `head` or to the `ifi_next` of the
        // previous node, written whole the same way, which only this
        // closure reaches until `plan` returns.
        unsafe {
            node.write(ifi);
            *tail = node;
            tail = &raw mut (*node).ifi_next;
        }
    });
    // SAFETY: the block from calloc above, whose slice is not used again.
    unsafe { libc::free(ents.cast()) };
    if oom {
        // Calloc has reported it (its err_sys, or a program's own Calloc,
        // returned).
        crate::ffi::set_errno(libc::ENOMEM);
        // SAFETY: the list built so far (every node written whole), the
        // getifaddrs list and `items`, none used again; the descriptor
        // opened above.
        return unsafe { fail(head, ifap, items, fd) };
    }
    // SAFETY: each freed once and not used again; the descriptor is the
    // one opened above.
    unsafe {
        libc::freeifaddrs(ifap);
        libc::free(items.cast());
        if fd >= 0 {
            libc::close(fd);
        }
    }
    head
}

/// `get_ifi_info()`; NULL exits through `err_quit("get_ifi_info error")`.
#[no_mangle]
pub unsafe extern "C" fn Get_ifi_info(family: c_int, doaliases: c_int) -> *mut ifi_info {
    let ifi = relay!(crate::sym::get_ifi_info(family, doaliases));
    if ifi.is_null() {
        crate::ffi::quit(msg!(c"get_ifi_info error"));
    }
    ifi
}

/// Frees a list returned by `get_ifi_info`: each node and its `ifi_addr`,
/// `ifi_brdaddr` and `ifi_dstaddr`.  NULL is accepted.
#[no_mangle]
pub unsafe extern "C" fn free_ifi_info(ifihead: *mut ifi_info) {
    let mut ifi = ifihead;
    while !ifi.is_null() {
        // SAFETY: a node of a list from get_ifi_info (the C caller's
        // contract, stated above): readable, and it and its addresses are
        // malloc blocks (from Calloc, NULL when absent), each freed once.
        unsafe {
            let next = (*ifi).ifi_next;
            libc::free((*ifi).ifi_addr as *mut c_void);
            libc::free((*ifi).ifi_brdaddr as *mut c_void);
            libc::free((*ifi).ifi_dstaddr as *mut c_void);
            libc::free(ifi as *mut c_void);
            ifi = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UP: c_uint = libc::IFF_UP as c_uint;

    fn it(name: &str, fam: c_int, flags: c_uint) -> Item {
        Item::new(name.as_bytes(), fam, flags)
    }

    fn run(items: &[Item], family: c_int, doaliases: bool) -> Vec<(usize, c_short)> {
        let mut v = Vec::new();
        plan(items, families(family).unwrap(), doaliases, |i, f| {
            v.push((i, f))
        });
        v
    }

    #[test]
    fn base_names() {
        assert_eq!(&base_name(b"eth0:1")[..5], b"eth0\0");
        assert_eq!(base_name(b"lo"), *b"lo\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        let long = base_name(b"abcdefghijklmnopqrstuvwxyz");
        assert_eq!(&long[..15], b"abcdefghijklmno");
        assert_eq!(long[15], 0);
        assert_eq!(base_name(b""), [0; 16]);
    }

    #[test]
    fn families_map() {
        assert_eq!(families(libc::AF_INET), Some(&[libc::AF_INET][..]));
        assert_eq!(families(0), Some(&[libc::AF_INET, libc::AF_INET6][..]));
        assert_eq!(families(libc::AF_PACKET), None);
    }

    // getifaddrs order: links, then IPv4 addresses, then IPv6 addresses.
    fn sample() -> Vec<Item> {
        vec![
            it("lo", libc::AF_PACKET, UP),   // 0
            it("eth0", libc::AF_PACKET, UP), // 1
            it("eth1", libc::AF_PACKET, 0),  // 2 down
            it("lo", libc::AF_INET, UP),     // 3
            it("eth0", libc::AF_INET, UP),   // 4
            it("eth0:1", libc::AF_INET, UP), // 5 (labelled secondary)
            it("eth0", libc::AF_INET, UP),   // 6
            it("eth1", libc::AF_INET, 0),    // 7 down
            it("lo", libc::AF_INET6, UP),    // 8
            it("eth0", libc::AF_INET6, UP),  // 9
            it("eth0", libc::AF_INET6, UP),  // 10
            it("eth0", -1, UP),              // 11 no address
        ]
    }

    #[test]
    fn v4_primary_only() {
        assert_eq!(run(&sample(), libc::AF_INET, false), vec![(3, 0), (4, 0)]);
    }

    #[test]
    fn v4_with_aliases() {
        assert_eq!(
            run(&sample(), libc::AF_INET, true),
            vec![(3, 0), (4, 0), (5, 1), (6, 1)]
        );
    }

    #[test]
    fn v6() {
        assert_eq!(run(&sample(), libc::AF_INET6, false), vec![(8, 0), (9, 0)]);
        assert_eq!(
            run(&sample(), libc::AF_INET6, true),
            vec![(8, 0), (9, 0), (10, 1)]
        );
    }

    #[test]
    fn unspec_groups_by_interface() {
        assert_eq!(
            run(&sample(), 0, true),
            vec![(3, 0), (8, 0), (4, 0), (5, 1), (6, 1), (9, 0), (10, 1)]
        );
    }

    #[test]
    fn link_order_wins_and_orphans_follow() {
        let items = vec![
            it("b", libc::AF_PACKET, UP),
            it("a", libc::AF_PACKET, UP),
            it("a", libc::AF_INET, UP),
            it("x", libc::AF_INET, UP),
            it("b", libc::AF_INET, UP),
            it("x", libc::AF_INET, UP),
        ];
        assert_eq!(
            run(&items, libc::AF_INET, true),
            vec![(4, 0), (2, 0), (3, 0), (5, 1)]
        );
        assert_eq!(
            run(&items, libc::AF_INET, false),
            vec![(4, 0), (2, 0), (3, 0)]
        );
    }

    #[test]
    fn nothing() {
        assert!(run(&[], 0, true).is_empty());
        assert!(run(&[it("lo", libc::AF_PACKET, UP)], 0, true).is_empty());
    }

    #[test]
    fn layout() {
        use core::mem::offset_of;
        assert_eq!(size_of::<ifi_info>(), 72);
        assert_eq!(offset_of!(ifi_info, ifi_index), 16);
        assert_eq!(offset_of!(ifi_info, ifi_mtu), 18);
        assert_eq!(offset_of!(ifi_info, ifi_haddr), 20);
        assert_eq!(offset_of!(ifi_info, ifi_hlen), 28);
        assert_eq!(offset_of!(ifi_info, ifi_flags), 30);
        assert_eq!(offset_of!(ifi_info, ifi_myflags), 32);
        assert_eq!(offset_of!(ifi_info, ifi_addr), 40);
        assert_eq!(offset_of!(ifi_info, ifi_brdaddr), 48);
        assert_eq!(offset_of!(ifi_info, ifi_dstaddr), 56);
        assert_eq!(offset_of!(ifi_info, ifi_next), 64);
        assert_eq!(size_of::<IfreqMtu>(), 40);
    }
}
