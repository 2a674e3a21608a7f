//! `family_to_level` and `sockfd_to_family` with their wrappers (the
//! book's `lib/family_to_level.c` and `lib/sockfd_to_family.c`).

use core::ffi::c_int;

/// The socket option level of an address family.
///
/// Returns IPPROTO_IP (0) for AF_INET, IPPROTO_IPV6 (41) for AF_INET6, and
/// -1 for anything else (errno unchanged).
#[no_mangle]
pub extern "C" fn family_to_level(family: c_int) -> c_int {
    match family {
        libc::AF_INET => libc::IPPROTO_IP,
        libc::AF_INET6 => libc::IPPROTO_IPV6,
        _ => -1,
    }
}

/// `family_to_level()`; -1 exits through `err_sys("family_to_level error")`
/// (with whatever errno happens to hold, as in the original).
#[no_mangle]
pub extern "C" fn Family_to_level(family: c_int) -> c_int {
    wrap!(family_to_level(family), |n| n < 0, c"family_to_level error")
}

/// The address family of a socket, from getsockname().
///
/// Returns AF_INET, AF_INET6, AF_UNIX, ..., or -1 with errno set when
/// getsockname fails (e.g. EBADF, ENOTSOCK).
#[no_mangle]
pub extern "C" fn sockfd_to_family(sockfd: c_int) -> c_int {
    // SAFETY: sockaddr_storage is integers and bytes: all-zero is valid.
    let mut ss: libc::sockaddr_storage = unsafe { core::mem::zeroed() };
    let mut len = core::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    // SAFETY: getsockname writes at most len bytes, the size of the local
    // ss, and len itself.
    if unsafe {
        libc::getsockname(
            sockfd,
            (&mut ss as *mut libc::sockaddr_storage).cast(),
            &mut len,
        )
    } < 0
    {
        return -1;
    }
    ss.ss_family as c_int
}

/// `sockfd_to_family()`; -1 exits through `err_sys("sockfd_to_family error")`,
/// e.g. `sockfd_to_family error: Bad file descriptor`.
#[no_mangle]
pub extern "C" fn Sockfd_to_family(sockfd: c_int) -> c_int {
    wrap!(
        sockfd_to_family(sockfd),
        |n| n < 0,
        c"sockfd_to_family error"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(family_to_level(libc::AF_INET), 0);
        assert_eq!(family_to_level(libc::AF_INET6), 41);
        assert_eq!(family_to_level(libc::AF_UNIX), -1);
        assert_eq!(family_to_level(-7), -1);
    }
}
