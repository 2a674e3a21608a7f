//! `select` and `poll`: a safe descriptor set ([`FdSet`]) and a `Select`
//! whose `nfds` comes from its sets, so the kernel never looks past them.

use std::ffi::c_int;
use std::fmt;
use std::io;
use std::os::fd::AsFd;

use crate::sys;
use crate::util::{int_call, raw};

/// `FD_SETSIZE`: descriptors `0..FD_SETSIZE` fit an `fd_set`.
pub const FD_SETSIZE: usize = libc::FD_SETSIZE;

/// An `fd_set` that only holds descriptors below [`FD_SETSIZE`] and
/// remembers the highest one, so [`Select`] computes `nfds` (the book's
/// `maxfdp1`) itself.
///
/// ```
/// use unp::*;
/// let [r, w] = Pipe();
/// Write(&w, b"x");
/// let mut rset = FdSet::new();
/// rset.set(&r).unwrap();               // FD_SET(fd, &rset)
/// assert_eq!(Select(Some(&mut rset), None, None, None), 1);
/// assert!(rset.is_set(&r));             // FD_ISSET(fd, &rset)
/// ```
#[derive(Clone, Copy)]
pub struct FdSet {
    set: libc::fd_set,
    /// One more than the highest descriptor ever set since the last zero.
    nfds: c_int,
}

impl FdSet {
    /// An empty set (`FD_ZERO`).
    pub fn new() -> FdSet {
        FdSet {
            // SAFETY: all-zero is the empty fd_set.
            set: unsafe { std::mem::zeroed() },
            nfds: 0,
        }
    }

    /// `FD_ZERO(&set)`.
    pub fn zero(&mut self) {
        *self = FdSet::new();
    }

    /// The descriptor as an index into the set, if it fits.
    fn index(fd: impl AsFd) -> Option<c_int> {
        let n = raw(&fd);
        (0..FD_SETSIZE as c_int).contains(&n).then_some(n)
    }

    /// `FD_SET(fd, &set)`.  A descriptor `>= FD_SETSIZE` (C's `FD_SET` would
    /// write past the set) is refused with [`FdSetFull`] (inside an
    /// `io::Error` of kind `InvalidInput`), the set unchanged.
    pub fn set(&mut self, fd: impl AsFd) -> io::Result<()> {
        let n = raw(&fd);
        let Some(i) = FdSet::index(fd) else {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, FdSetFull(n)));
        };
        // SAFETY: i is in 0..FD_SETSIZE, inside the set.
        unsafe { libc::FD_SET(i, &mut self.set) };
        self.nfds = self.nfds.max(i + 1);
        Ok(())
    }

    /// `FD_CLR(fd, &set)`; nothing for a descriptor that cannot be in it.
    pub fn clear(&mut self, fd: impl AsFd) {
        if let Some(i) = FdSet::index(fd) {
            // SAFETY: as in `set`.
            unsafe { libc::FD_CLR(i, &mut self.set) };
        }
    }

    /// `FD_ISSET(fd, &set)`; `false` for a descriptor that cannot be in it.
    pub fn is_set(&self, fd: impl AsFd) -> bool {
        match FdSet::index(fd) {
            // SAFETY: as in `set`.
            Some(i) => unsafe { libc::FD_ISSET(i, &self.set) },
            None => false,
        }
    }

    /// One more than the highest descriptor set since the set was emptied
    /// (the `nfds` [`Select`] passes for it); at most `FD_SETSIZE`.
    pub fn nfds(&self) -> c_int {
        self.nfds
    }
}

impl Default for FdSet {
    fn default() -> Self {
        FdSet::new()
    }
}

impl fmt::Debug for FdSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fds: Vec<c_int> = (0..self.nfds)
            // SAFETY: i < nfds <= FD_SETSIZE.
            .filter(|&i| unsafe { libc::FD_ISSET(i, &self.set) })
            .collect();
        f.debug_set().entries(fds).finish()
    }
}

/// The error of [`FdSet::set`]: the descriptor does not fit an `fd_set`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FdSetFull(pub c_int);

impl fmt::Display for FdSetFull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "descriptor {} does not fit an fd_set (FD_SETSIZE {FD_SETSIZE}): use poll",
            self.0
        )
    }
}

impl std::error::Error for FdSetFull {}

/// `(nfds, fd_set *...)` for the optional sets: nfds the largest of theirs.
type Sets = (c_int, [*mut libc::fd_set; 3]);

fn sets(r: Option<&mut FdSet>, w: Option<&mut FdSet>, e: Option<&mut FdSet>) -> Sets {
    let mut nfds = 0;
    let mut p = |s: Option<&mut FdSet>| match s {
        None => std::ptr::null_mut(),
        Some(s) => {
            nfds = nfds.max(s.nfds);
            &mut s.set as *mut libc::fd_set
        }
    };
    let ptrs = [p(r), p(w), p(e)];
    (nfds, ptrs)
}

fn tv(t: Option<&mut libc::timeval>) -> *mut libc::timeval {
    t.map_or(std::ptr::null_mut(), |t| t as *mut libc::timeval)
}

/// `Select(maxfdp1, readset, writeset, exceptset, timeout)` (`None` for
/// NULL): the number of ready descriptors, 0 on timeout; the sets keep the
/// ready ones.  `maxfdp1` is not an argument: it is the largest
/// [`FdSet::nfds`] of the sets, so the kernel reads and writes inside them.
/// Exits with `select error: ...` (EINTR too).
pub fn Select(
    readfds: Option<&mut FdSet>,
    writefds: Option<&mut FdSet>,
    exceptfds: Option<&mut FdSet>,
    timeout: Option<&mut libc::timeval>,
) -> c_int {
    let (nfds, [r, w, e]) = sets(readfds, writefds, exceptfds);
    // SAFETY: each set pointer is NULL or a whole fd_set, and nfds is at
    // most FD_SETSIZE, so the kernel stays inside them.
    unsafe { sys::Select(nfds, r, w, e, tv(timeout)) }
}

/// `select(maxfdp1, readset, writeset, exceptset, timeout)`, as [`Select`]
/// with an error (EINTR among them).
pub fn select(
    readfds: Option<&mut FdSet>,
    writefds: Option<&mut FdSet>,
    exceptfds: Option<&mut FdSet>,
    timeout: Option<&mut libc::timeval>,
) -> io::Result<c_int> {
    let (nfds, [r, w, e]) = sets(readfds, writefds, exceptfds);
    let t = tv(timeout);
    // SAFETY: as in `Select`.
    int_call(libc::EINVAL, || unsafe { libc::select(nfds, r, w, e, t) })
}

/// `Poll(fdarray, nfds, timeout)`: the number of ready descriptors; exits
/// with `poll error: ...`.  Any descriptor number may be in the array (the
/// kernel reports `POLLNVAL` for one that is not open).
pub fn Poll(fds: &mut [libc::pollfd], timeout: c_int) -> c_int {
    // SAFETY: fds.len() pollfd structures, read and written in place.
    unsafe { sys::Poll(fds.as_mut_ptr(), fds.len() as libc::c_ulong, timeout) }
}

/// `poll(fdarray, nfds, timeout)`: the number of ready descriptors.
pub fn poll(fds: &mut [libc::pollfd], timeout: c_int) -> io::Result<c_int> {
    // SAFETY: as in `Poll`.
    int_call(libc::EINVAL, || unsafe {
        libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout)
    })
}
