//! Non-blocking connect with a timeout (the book's
//! `lib/connect_nonb.c`).

use core::ffi::c_int;
use libc::{fd_set, sockaddr, socklen_t, timeval};

use crate::ffi::{errno, quit, set_errno};
use crate::sym::{Fcntl, Select};
use crate::timeo::{fd_set_errno, fits_fd_set};

/// connect() bounded by `nsec` seconds (0: wait as long as the connection
/// takes).  The socket is made non-blocking with `Fcntl`, connect() is
/// started, and `Select` waits for it to become readable or writable; the
/// pending error comes from `getsockopt(SO_ERROR)`.  Returns 0 when
/// connected, with the original file status flags restored.
///
/// Failures (-1 with errno):
/// * connect() fails at once with anything but EINPROGRESS: that errno; the
///   socket is left open and non-blocking;
/// * the timeout expires: the socket is closed, errno ETIMEDOUT;
/// * the connection fails (e.g. ECONNREFUSED): flags restored, socket
///   closed, errno the pending error;
/// * getsockopt() fails: its errno (socket open, still non-blocking).
///
/// `Fcntl` and `Select` failures exit (`err_sys("fcntl error")`,
/// `err_sys("select error")`; EINTR
/// is fatal); a descriptor that cannot go into an fd_set exits through
/// `select error: Invalid argument` (or `Bad file descriptor` when
/// negative); select() reporting neither set exits through
/// `err_quit("select error: sockfd not set")`.
#[no_mangle]
pub unsafe extern "C" fn connect_nonb(
    sockfd: c_int,
    saptr: *const sockaddr,
    salen: socklen_t,
    nsec: c_int,
) -> c_int {
    // SAFETY: F_GETFL and F_SETFL take an int argument, the prototype of
    // Fcntl (the library's wrapper, or a program's own).
    let flags = unsafe { Fcntl(sockfd, libc::F_GETFL, 0) };
    // SAFETY: as above.
    unsafe { Fcntl(sockfd, libc::F_SETFL, flags | libc::O_NONBLOCK) };

    let mut error: c_int = 0;
    // SAFETY: saptr is NULL or salen bytes of address (the C caller's
    // contract); connect is a system call, which checks it.
    let n = unsafe { libc::connect(sockfd, saptr, salen) };
    if n < 0 && errno() != libc::EINPROGRESS {
        return -1;
    }

    if n != 0 {
        let fits = fits_fd_set(sockfd);
        // SAFETY: fd_set is an array of integers: all-zero is the empty set.
        let mut rset: fd_set = unsafe { core::mem::zeroed() };
        if fits {
            // SAFETY: 0 <= sockfd < FD_SETSIZE, a bit of the local set.
            unsafe { libc::FD_SET(sockfd, &mut rset) };
        }
        let mut wset = rset;
        let mut tval = timeval {
            tv_sec: nsec.into(),
            tv_usec: 0,
        };
        let tp: *mut timeval = if nsec != 0 {
            &mut tval
        } else {
            core::ptr::null_mut()
        };
        let ready = if fits {
            // SAFETY: nfds = sockfd + 1 <= FD_SETSIZE: the kernel uses only
            // bits of the two local sets; tp is NULL or the local timeval
            // (Select is select's wrapper, or a program's own).
            unsafe { Select(sockfd + 1, &mut rset, &mut wset, core::ptr::null_mut(), tp) }
        } else {
            // FD_SET would write outside the set: fail as select would.
            set_errno(fd_set_errno(sockfd));
            crate::ffi::sys(msg!(c"select error"));
            -1
        };
        if ready == 0 {
            // SAFETY: close takes a number; the socket is the caller's,
            // closed as documented.
            unsafe { libc::close(sockfd) };
            set_errno(libc::ETIMEDOUT);
            return -1;
        }
        // SAFETY: only when 0 <= sockfd < FD_SETSIZE: a bit of the local sets.
        let set = fits && unsafe { libc::FD_ISSET(sockfd, &rset) || libc::FD_ISSET(sockfd, &wset) };
        if set {
            let mut len = core::mem::size_of::<c_int>() as socklen_t;
            // SAFETY: SO_ERROR writes at most len bytes, an int, into the
            // local `error`.
            let r = unsafe {
                libc::getsockopt(
                    sockfd,
                    libc::SOL_SOCKET,
                    libc::SO_ERROR,
                    (&mut error as *mut c_int).cast(),
                    &mut len,
                )
            };
            if r < 0 {
                return -1;
            }
        } else {
            quit(msg!(c"select error: sockfd not set"));
        }
    }

    // SAFETY: as for the first Fcntl.
    unsafe { Fcntl(sockfd, libc::F_SETFL, flags) };
    if error != 0 {
        // SAFETY: as for the close above.
        unsafe { libc::close(sockfd) };
        set_errno(error);
        return -1;
    }
    0
}
