//! Descriptor passing over a Unix-domain socket (the
//! book's `lib/read_fd.c` and `lib/write_fd.c`): `read_fd`, `Read_fd`,
//! `write_fd`, `Write_fd`.

use core::ffi::{c_int, c_void};
use libc::{cmsghdr, iovec, msghdr, size_t, ssize_t};

/// The control buffer: room for one cmsghdr carrying one int
/// (`CMSG_SPACE(sizeof(int))`, 24 bytes on Linux), aligned for cmsghdr.
#[repr(C)]
union Control {
    cm: cmsghdr,
    buf: [u8; CONTROL_LEN],
}

const CONTROL_LEN: usize = 24;
// SAFETY: CMSG_SPACE is arithmetic on its argument, no memory is touched.
const _: () = assert!(CONTROL_LEN == unsafe { libc::CMSG_SPACE(4) } as usize);

/// The int-carrying cmsg length, `CMSG_LEN(sizeof(int))` (20).
fn cmsg_len_int() -> usize {
    // SAFETY: pure arithmetic.
    unsafe { libc::CMSG_LEN(core::mem::size_of::<c_int>() as u32) as usize }
}

/// A msghdr with no name, the one buffer `iov`, and `control` as its
/// control buffer -- the shape both directions use.
fn one_buffer_msg(iov: &mut iovec, control: &mut Control) -> msghdr {
    // SAFETY: all-zero is valid for msghdr (null pointers, zero lengths).
    let mut msg: msghdr = unsafe { core::mem::zeroed() };
    msg.msg_control = (control as *mut Control).cast();
    msg.msg_controllen = CONTROL_LEN;
    msg.msg_iov = iov;
    msg.msg_iovlen = 1;
    msg
}

/// Receives up to `nbytes` bytes into `ptr` with recvmsg() on the Unix-domain
/// socket `fd`, and with them a descriptor, if one was passed.
///
/// Returns recvmsg's value: the byte count, 0 at end of file, or -1 with
/// errno set; for 0 and -1 `*recvfd` is left untouched.  Otherwise `*recvfd`
/// gets the passed descriptor, or -1 when none came.  A first control message
/// of an int's size that is not SOL_SOCKET / SCM_RIGHTS exits through
/// `err_quit("control level != SOL_SOCKET")` or
/// `err_quit("control type != SCM_RIGHTS")`.  A NULL `recvfd` is not written
/// through.
#[no_mangle]
pub unsafe extern "C" fn read_fd(
    fd: c_int,
    ptr: *mut c_void,
    nbytes: size_t,
    recvfd: *mut c_int,
) -> ssize_t {
    // SAFETY: all-zero is valid for these plain C structures.
    let mut control: Control = unsafe { core::mem::zeroed() };
    let mut iov = iovec {
        iov_base: ptr,
        iov_len: nbytes,
    };
    let mut msg = one_buffer_msg(&mut iov, &mut control);

    // SAFETY: msg's one iovec is the caller's nbytes at ptr (its contract:
    // writable, or NULL, which the kernel checks); its control buffer is
    // the local `control`, CONTROL_LEN bytes.
    let n = unsafe { libc::recvmsg(fd, &mut msg, 0) };
    if n <= 0 {
        return n;
    }

    // SAFETY: msg describes `control`; CMSG_FIRSTHDR checks the length.
    let cmptr = unsafe { libc::CMSG_FIRSTHDR(&msg) };
    let first = if cmptr.is_null() {
        None
    } else {
        // SAFETY: not NULL, so CMSG_FIRSTHDR found a whole cmsghdr inside
        // `control` (msg_controllen, as recvmsg set it, covers it); aligned.
        let c = unsafe { &*cmptr };
        let len = c.cmsg_len;
        let data = if len == cmsg_len_int() {
            // SAFETY: a message of CMSG_LEN(4) lies inside the 24-byte buffer.
            unsafe { core::ptr::read_unaligned(libc::CMSG_DATA(cmptr) as *const c_int) }
        } else {
            -1
        };
        Some((len, c.cmsg_level, c.cmsg_type, data))
    };
    match first {
        Some((len, level, ty, data)) if len == cmsg_len_int() => {
            // As in the original, a program's own err_quit that returns lets
            // the descriptor through.
            if level != libc::SOL_SOCKET {
                crate::ffi::quit(msg!(c"control level != SOL_SOCKET"));
            }
            if ty != libc::SCM_RIGHTS {
                crate::ffi::quit(msg!(c"control type != SCM_RIGHTS"));
            }
            // SAFETY: recvfd is NULL or the caller's int (its contract).
            unsafe { store(recvfd, data) };
        }
        // SAFETY: as above.
        _ => unsafe { store(recvfd, -1) },
    }
    n
}

/// `*recvfd = v`, skipped for a NULL `recvfd` (where the original crashes).
///
/// # Safety
/// `recvfd` is NULL or a writable int.
unsafe fn store(recvfd: *mut c_int, v: c_int) {
    if !recvfd.is_null() {
        // SAFETY: not NULL, so a writable int (this function's contract).
        unsafe { *recvfd = v };
    }
}

/// `read_fd()`; a result < 0 exits through `err_sys("read_fd error")`.
/// Returns the byte count (0 at end of file).
#[no_mangle]
pub unsafe extern "C" fn Read_fd(
    fd: c_int,
    ptr: *mut c_void,
    nbytes: size_t,
    recvfd: *mut c_int,
) -> ssize_t {
    wrap!(
        relay!(read_fd(fd, ptr, nbytes, recvfd)),
        |n| n < 0,
        c"read_fd error"
    )
}

/// Sends the `nbytes` bytes at `ptr` with sendmsg() on the Unix-domain socket
/// `fd`, passing the descriptor `sendfd` along (one SOL_SOCKET / SCM_RIGHTS
/// control message).  Returns sendmsg's value: the bytes sent, or -1 with
/// errno set.
///
/// Differs from the original: `ptr` is `const void *` (the original's is
/// `void *`): the buffer is only read, so `const` data passes without a cast.
#[no_mangle]
pub unsafe extern "C" fn write_fd(
    fd: c_int,
    ptr: *const c_void,
    nbytes: size_t,
    sendfd: c_int,
) -> ssize_t {
    // SAFETY: all-zero is valid for these plain C structures.
    let mut control: Control = unsafe { core::mem::zeroed() };
    // iovec has one pointer type for both directions; sendmsg() only reads
    // through it, so the caller's const buffer is never written.
    let mut iov = iovec {
        iov_base: ptr.cast_mut(),
        iov_len: nbytes,
    };
    let msg = one_buffer_msg(&mut iov, &mut control);

    // SAFETY: msg's control buffer is `control`, CONTROL_LEN =
    // CMSG_SPACE(sizeof(int)) bytes aligned for a cmsghdr, so the first
    // header is inside it (not NULL) with room for one int of data.
    unsafe {
        let cmptr = libc::CMSG_FIRSTHDR(&msg);
        (*cmptr).cmsg_len = cmsg_len_int();
        (*cmptr).cmsg_level = libc::SOL_SOCKET;
        (*cmptr).cmsg_type = libc::SCM_RIGHTS;
        core::ptr::write_unaligned(libc::CMSG_DATA(cmptr) as *mut c_int, sendfd);
    }

    // SAFETY: msg's one iovec is the caller's nbytes at ptr (its contract:
    // readable, or NULL, which the kernel checks), which sendmsg only
    // reads; its control buffer is the local `control`, filled above.
    unsafe { libc::sendmsg(fd, &msg, 0) }
}

/// `write_fd()`; a result < 0 exits through `err_sys("write_fd error")`.
/// Returns the bytes sent.
///
/// Differs from the original: `ptr` is `const void *` (the original's is
/// `void *`): the buffer is only read, so `const` data passes without a cast.
#[no_mangle]
pub unsafe extern "C" fn Write_fd(
    fd: c_int,
    ptr: *const c_void,
    nbytes: size_t,
    sendfd: c_int,
) -> ssize_t {
    wrap!(
        relay!(write_fd(fd, ptr, nbytes, sendfd)),
        |n| n < 0,
        c"write_fd error"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sizes_match_linux() {
        assert_eq!(cmsg_len_int(), 20);
        assert_eq!(CONTROL_LEN, 24);
    }
}
