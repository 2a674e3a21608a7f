//! Per-thread state: the buffers that the original keeps in process-wide
//! statics (readline's read-ahead, sock_ntop's and sock_ntop_host's results;
//! gf_time's result is in csrc/tls.c).  One block per thread, allocated with
//! libc's `calloc` on first use and freed by a pthread key destructor when
//! the thread exits.  `no_std` has no `thread_local!`, so this is the book's
//! own chapter-26 technique.

use core::sync::atomic::{AtomicU8, Ordering};

/// Largest line buffer: MAXLINE.
pub const MAXLINE: usize = 4096;

/// readline's read-ahead state for one thread.
#[repr(C)]
pub struct LineBuf {
    /// Index of the first unconsumed byte in `buf`.
    pub pos: usize,
    /// Index one past the last valid byte in `buf`.
    pub end: usize,
    pub buf: [u8; MAXLINE],
}

/// Everything one thread owns.
#[repr(C)]
pub struct ThreadState {
    pub line: LineBuf,
    pub ntop: [u8; 128],
    pub ntop_host: [u8; 128],
}

const UNINIT: u8 = 0;
const BUSY: u8 = 1;
const READY: u8 = 2;
const FAILED: u8 = 3;

static STATE: AtomicU8 = AtomicU8::new(UNINIT);
static mut KEY: libc::pthread_key_t = 0;

unsafe extern "C" fn release(p: *mut libc::c_void) {
    // Runs in the exiting thread: its cache must not keep the freed block
    // (a later key destructor may still call readline).
    // SAFETY: p is the key's value, this thread's block from calloc (see
    // state_slow), which nothing uses once the cache is cleared: freed once.
    unsafe {
        crate::ffi::unp_c_tls_set(core::ptr::null_mut());
        libc::free(p)
    }
}

/// Monotonic time in nanoseconds.
fn now_ns() -> i128 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: ts is a local out timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    i128::from(ts.tv_sec) * 1_000_000_000 + i128::from(ts.tv_nsec)
}

/// How long a thread waits for another one that is creating the key.  The
/// creation takes microseconds; the bound only matters in a child forked
/// while another thread of the parent was half-way through it (that thread
/// does not exist in the child): the caller then gets the documented
/// ENOMEM failure instead of hanging.
const KEY_WAIT_NS: i128 = 1_000_000_000;

fn key() -> Option<libc::pthread_key_t> {
    let mut waiting_since: Option<i128> = None;
    loop {
        match STATE.load(Ordering::Acquire) {
            // SAFETY: KEY is written once, before READY is published with
            // Release (read here with Acquire), and never again.
            READY => return Some(unsafe { KEY }),
            FAILED => return None,
            UNINIT => {
                if STATE
                    .compare_exchange(UNINIT, BUSY, Ordering::Acquire, Ordering::Relaxed)
                    .is_ok()
                {
                    let mut k: libc::pthread_key_t = 0;
                    // SAFETY: k is a local out key; release frees the
                    // values this key gets (calloc blocks, see state_slow).
                    let ok = unsafe { libc::pthread_key_create(&mut k, Some(release)) } == 0;
                    if ok {
                        // SAFETY: only the thread that won the UNINIT ->
                        // BUSY exchange writes KEY, before publishing READY;
                        // no thread reads it before READY.
                        unsafe { KEY = k };
                    }
                    STATE.store(if ok { READY } else { FAILED }, Ordering::Release);
                }
            }
            // Another thread is creating the key: a few instructions away.
            _ => {
                let start = *waiting_since.get_or_insert_with(now_ns);
                if now_ns() - start > KEY_WAIT_NS {
                    return None;
                }
                // SAFETY: sched_yield takes nothing.
                unsafe { libc::sched_yield() };
            }
        }
    }
}

/// This thread's state block, allocating it on first use.  NULL when the key or
/// the block cannot be allocated (errno is then ENOMEM or as calloc set it).
///
/// The pointer is valid until the thread exits.  Callers take short-lived
/// references to one field at a time.
#[inline]
pub fn state() -> *mut ThreadState {
    // SAFETY: csrc/tls.c's getter of this thread's cache slot, no argument.
    let p = unsafe { crate::ffi::unp_c_tls_get() } as *mut ThreadState;
    if !p.is_null() {
        return p;
    }
    state_slow()
}

/// `state()` when this thread's cache is empty: the pthread key's value, or a
/// new block.
#[cold]
fn state_slow() -> *mut ThreadState {
    let Some(k) = key() else {
        crate::ffi::set_errno(libc::ENOMEM);
        return core::ptr::null_mut();
    };
    // SAFETY: k is a live key (never deleted).
    let p = unsafe { libc::pthread_getspecific(k) } as *mut ThreadState;
    if !p.is_null() {
        // SAFETY: caches this thread's block in its own slot (csrc/tls.c).
        unsafe { crate::ffi::unp_c_tls_set(p as *mut libc::c_void) };
        return p;
    }
    // SAFETY: calloc takes sizes; zeroed memory is a valid ThreadState
    // (integers and bytes).
    let p = unsafe { libc::calloc(1, core::mem::size_of::<ThreadState>()) } as *mut ThreadState;
    if p.is_null() {
        return p;
    }
    // SAFETY: k is a live key; the value is the fresh block.
    if unsafe { libc::pthread_setspecific(k, p as *const libc::c_void) } != 0 {
        // SAFETY: the block just allocated, never handed out.
        unsafe { libc::free(p as *mut libc::c_void) };
        crate::ffi::set_errno(libc::ENOMEM);
        return core::ptr::null_mut();
    }
    // SAFETY: as above, this thread's own slot.
    unsafe { crate::ffi::unp_c_tls_set(p as *mut libc::c_void) };
    p
}
