//! Solaris threads on Linux: the library side of the compatibility header
//! `thread.h` (installed under `share/unp/include`, not with the four
//! headers).  The book's chapter-26 web clients reap their threads with
//! Solaris's `thr_join(0, &tid, &status)`, "wait for *any* thread", which
//! POSIX threads lack.
//!
//! `thread.h` turns `Pthread_create`/`pthread_create` (and the join and
//! detach calls) of the program that includes it into the `unp_thr_*`
//! functions below.  They start the thread through a small trampoline that
//! records it in a registry: a list of joinable threads under one mutex,
//! with a condition variable signalled when one of them finishes.  A thread
//! counts as finished when its pthread key destructor runs, which happens
//! whether it returns, calls `thr_exit`/`pthread_exit` or is cancelled;
//! `thr_join` then collects the exit status with `pthread_join` itself.
//!
//! Programs that do not include `thread.h` never reach this module:
//! `Pthread_create` in `wrappthread` is unchanged, and with the static
//! archive this module is not even linked in.  These names are declared only
//! in `thread.h` (src/thr_compat.rs is kept out of the generated headers by
//! build.rs).
//!
//! The registry holds one entry (a few words, from `malloc`) per thread that
//! is still joinable, so it is bounded by the threads the process has not
//! joined or detached, like the threads' own resources.  Limits: a thread
//! created in a file that does not include `thread.h` is invisible to
//! `thr_join(0, ...)`; a registered thread detached with a `pthread_detach`
//! the header did not map stays listed and `thr_join` reports the error
//! `pthread_join` gives for it.  After fork() the child's list is empty
//! (its threads are not there).
//!
//! One pthread_join per thread: a `thr_join` claims its thread's entry
//! before calling pthread_join and keeps it listed until that returns, so a
//! second `thr_join` of the same thread meanwhile gets ESRCH (as on
//! Solaris) instead of a second pthread_join, which glibc does not allow.
//! Once the join has returned the thread is gone and, as with pthread_join,
//! its ID must not be used again.  Every change that can leave a waiting
//! `thr_join(0)` with nothing to wait for (a thread ends, a creation fails,
//! a thread is claimed, detached, or comes back after a failed join) wakes
//! it to look again.

use core::ffi::{c_int, c_long, c_void};
use core::ptr;
use libc::{pthread_attr_t, pthread_t, size_t};

use crate::wrappthread::check;

type StartFn = extern "C" fn(*mut c_void) -> *mut c_void;

/// One registered thread.
struct Entry {
    next: *mut Entry,
    func: StartFn,
    arg: *mut c_void,
    /// Valid once `started`.
    tid: pthread_t,
    /// The thread's ID is known (stored by the creator or by the thread).
    started: bool,
    /// 0 while running; afterwards the order in which it finished (1, 2, ...).
    done: u64,
    /// Taken out of the list by a detach: the thread frees it when it ends.
    detached: bool,
    /// A `thr_join` has chosen this thread and is in (or about to call)
    /// pthread_join on it: the entry stays listed, so that no second
    /// pthread_join of the same thread can start (another `thr_join` of it
    /// gets ESRCH, a detach EINVAL), until the join ends: then the entry is
    /// freed, or unclaimed again when pthread_join failed.
    claimed: bool,
}

/// The registry: a mutex and a condition variable, which every thread uses
/// through raw pointers only (they are changed by the threads that wait
/// for them), and the data they protect, which is reached by reference
/// only with the mutex held (`Locked::reg`).
struct Registry {
    lock: libc::pthread_mutex_t,
    cond: libc::pthread_cond_t,
    data: Data,
}

/// What the registry's mutex protects.
struct Data {
    head: *mut Entry,
    seq: u64,
    key: libc::pthread_key_t,
    have_key: bool,
}

static mut REG: Registry = Registry {
    lock: libc::PTHREAD_MUTEX_INITIALIZER,
    cond: libc::PTHREAD_COND_INITIALIZER,
    data: Data {
        head: ptr::null_mut(),
        seq: 0,
        key: 0,
        have_key: false,
    },
};

/// The registry, locked until the guard is dropped.  Only the guard reaches
/// the protected data, and it is not Send: the thread that locked is the
/// one that unlocks.
struct Locked(*mut Registry);

impl Locked {
    fn new() -> Locked {
        let r = &raw mut REG;
        // SAFETY: a statically initialised default mutex, used through a raw
        // pointer only; locking cannot fail for a mutex this thread does
        // not already hold (no function here locks it twice).
        unsafe { libc::pthread_mutex_lock(&raw mut (*r).lock) };
        Locked(r)
    }
    /// The protected data: a reference to that field only, never to the
    /// mutex and condition variable, which other threads use meanwhile.
    fn reg(&mut self) -> &mut Data {
        // SAFETY: REG lives for the whole program; the mutex is held for
        // the guard's lifetime, and the reference borrows the guard, so no
        // other reference to the data exists while it is used.
        unsafe { &mut (*self.0).data }
    }
    fn wait(&mut self) {
        // SAFETY: REG's condition variable and mutex, through raw pointers;
        // the mutex is held by this thread (the guard), as the wait needs.
        unsafe { libc::pthread_cond_wait(&raw mut (*self.0).cond, &raw mut (*self.0).lock) };
    }
    fn broadcast(&mut self) {
        // SAFETY: REG's statically initialised condition variable, through
        // a raw pointer.
        unsafe { libc::pthread_cond_broadcast(&raw mut (*self.0).cond) };
    }
    /// Unlinks `e` from the list (it must be in it).
    fn unlink(&mut self, e: *mut Entry) {
        let reg = self.reg();
        let mut p: *mut *mut Entry = &mut reg.head;
        // SAFETY: list nodes are live entries while the mutex is held (an
        // entry is freed only after it is unlinked, see `Entry`).
        unsafe {
            while !(*p).is_null() {
                if *p == e {
                    *p = (*e).next;
                    return;
                }
                p = &mut (**p).next;
            }
        }
    }
    /// Whether `e` is in the list.
    fn contains(&mut self, e: *mut Entry) -> bool {
        let mut p = self.reg().head;
        // SAFETY: list nodes are valid while the mutex is held.
        unsafe {
            while !p.is_null() {
                if p == e {
                    return true;
                }
                p = (*p).next;
            }
        }
        false
    }
    /// The listed entry of thread `tid`, or null.
    fn find(&mut self, tid: pthread_t) -> *mut Entry {
        let mut e = self.reg().head;
        // SAFETY: list nodes are valid while the mutex is held.
        unsafe {
            while !e.is_null() {
                if (*e).started && libc::pthread_equal((*e).tid, tid) != 0 {
                    return e;
                }
                e = (*e).next;
            }
        }
        e
    }
}

impl Drop for Locked {
    fn drop(&mut self) {
        // SAFETY: REG's mutex, held by this thread since `new`.
        unsafe { libc::pthread_mutex_unlock(&raw mut (*self.0).lock) };
    }
}

/// Runs in the ending thread (its key destructor): marks its entry finished
/// and wakes `thr_join`, or frees it when the thread was detached.
unsafe extern "C" fn finished(p: *mut c_void) {
    let e = p as *mut Entry;
    let mut g = Locked::new();
    // SAFETY: p is the key's value, this thread's entry (set by the
    // trampoline); it lives until the joiner frees it, which needs `done`,
    // or, when detached, until this function frees it; its fields are
    // used with the mutex held.
    unsafe {
        if (*e).detached {
            drop(g);
            libc::free(e as *mut c_void);
            return;
        }
        let reg = g.reg();
        reg.seq += 1;
        (*e).done = reg.seq;
    }
    g.broadcast();
}

/// fork(): the registry is locked across it, so that the child's copy is
/// consistent; in the child, where only the forking thread exists, the list
/// is emptied (no listed thread can be joined there) and the lock and
/// condition variable start afresh.
unsafe extern "C" fn before_fork() {
    // SAFETY: REG's statically initialised mutex, through a raw pointer;
    // unlocked by one of the two below.
    unsafe { libc::pthread_mutex_lock(&raw mut REG.lock) };
}

unsafe extern "C" fn after_fork_parent() {
    // SAFETY: REG's mutex, locked by before_fork in this thread.
    unsafe { libc::pthread_mutex_unlock(&raw mut REG.lock) };
}

unsafe extern "C" fn after_fork_child() {
    // SAFETY: the child has one thread, this one, which holds the mutex
    // (before_fork): nothing else touches the registry.  The entries are
    // left allocated: the forking thread's own, if any, is still used by
    // its key destructor.
    unsafe {
        let r = &raw mut REG;
        (*r).data.head = ptr::null_mut();
        (*r).lock = libc::PTHREAD_MUTEX_INITIALIZER;
        (*r).cond = libc::PTHREAD_COND_INITIALIZER;
    }
}

/// The start routine of a registered thread.
extern "C" fn trampoline(p: *mut c_void) -> *mut c_void {
    let e = p as *mut Entry;
    let (func, arg) = {
        let mut g = Locked::new();
        // SAFETY: p is this thread's entry, made by unp_thr_pthread_create
        // and alive until `finished` has run for this thread; its fields
        // are written with the mutex held; the key was created before the
        // thread was.
        unsafe {
            (*e).tid = libc::pthread_self();
            (*e).started = true;
            libc::pthread_setspecific(g.reg().key, e as *const c_void);
            ((*e).func, (*e).arg)
        }
    };
    func(arg)
}

/// pthread_create() that registers the thread for `thr_join` (unless `attr`
/// makes it detached).  Returns 0 or an error number, like pthread_create.
///
/// # Safety
/// As pthread_create(); `tid` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn unp_thr_pthread_create(
    tid: *mut pthread_t,
    attr: *const pthread_attr_t,
    func: Option<StartFn>,
    arg: *mut c_void,
) -> c_int {
    let Some(func) = func else {
        return libc::EINVAL;
    };
    let mut t: pthread_t = 0;
    let mut state: c_int = 0;
    // SAFETY: attr is not NULL, so an initialised attribute object (the C
    // caller's contract, as for pthread_create); state is a local out int.
    let detached = !attr.is_null()
        && unsafe { crate::ffi::pthread_attr_getdetachstate(attr, &mut state) } == 0
        && state == libc::PTHREAD_CREATE_DETACHED;
    if detached {
        // SAFETY: a detached thread running the caller's func(arg), as the
        // caller asked; the ID goes to a local.
        let n = unsafe { libc::pthread_create(&mut t, attr, func, arg) };
        if n == 0 && !tid.is_null() {
            // SAFETY: not NULL, so the caller's pthread_t (its contract).
            unsafe { *tid = t };
        }
        return n;
    }
    // SAFETY: malloc takes a size; the block is written whole before use.
    let e = unsafe { libc::malloc(core::mem::size_of::<Entry>()) } as *mut Entry;
    if e.is_null() {
        return libc::EAGAIN;
    }
    {
        let mut g = Locked::new();
        let reg = g.reg();
        if !reg.have_key {
            // SAFETY: the key goes into the locked registry's data;
            // `finished` is the destructor the key's values need.
            if unsafe { libc::pthread_key_create(&mut reg.key, Some(finished)) } != 0 {
                drop(g);
                // SAFETY: the block malloc'ed above, never used.
                unsafe { libc::free(e as *mut c_void) };
                return libc::EAGAIN;
            }
            // SAFETY: registers three functions of this module that take no
            // argument and touch only REG.
            if unsafe {
                crate::ffi::pthread_atfork(
                    Some(before_fork),
                    Some(after_fork_parent),
                    Some(after_fork_child),
                )
            } != 0
            {
                // SAFETY: the key just created, with no value set yet.
                unsafe { libc::pthread_key_delete(reg.key) };
                drop(g);
                // SAFETY: the block malloc'ed above, never used.
                unsafe { libc::free(e as *mut c_void) };
                return libc::EAGAIN;
            }
            reg.have_key = true;
        }
        // SAFETY: e is malloc's fresh block of an Entry's size, aligned for
        // any type, written whole.
        unsafe {
            e.write(Entry {
                next: reg.head,
                func,
                arg,
                tid: 0,
                started: false,
                done: 0,
                detached: false,
                claimed: false,
            })
        };
        reg.head = e;
    }
    // SAFETY: attr is NULL or the caller's initialised object (its
    // contract); the thread runs `trampoline` with e, which stays valid for
    // the thread's lifetime (see `finished`).
    let n = unsafe { libc::pthread_create(&mut t, attr, trampoline, e as *mut c_void) };
    let mut g = Locked::new();
    if n != 0 {
        // No thread: a thr_join(0) that saw the entry while pthread_create
        // ran may be waiting for it; wake it to look again.
        g.unlink(e);
        g.broadcast();
        drop(g);
        // SAFETY: no thread has it and it is no longer listed: ours alone.
        unsafe { libc::free(e as *mut c_void) };
        return n;
    }
    // The thread may already have started, ended and been joined or
    // detached (which needs `started`, set by the thread itself): then the
    // entry is no longer listed and must not be touched.
    if g.contains(e) {
        // SAFETY: listed entries are valid while the mutex is held.
        unsafe {
            (*e).tid = t;
            (*e).started = true;
        }
    }
    g.broadcast();
    drop(g);
    if !tid.is_null() {
        // SAFETY: the caller's out pointer.
        unsafe { *tid = t };
    }
    0
}

/// thr_join(): waits for thread `wait_for` to end, or with 0 for any thread
/// created through `thread.h` (the one that ended first); stores the ended
/// thread's ID in `*departed` and its exit status in `*status` (either may
/// be NULL).  Returns 0, ESRCH when no such thread is left to join (with 0:
/// none but the caller and those another `thr_join` is already joining;
/// with a thread ID: that thread is already being joined by another
/// `thr_join`, as Solaris answers the second of two joins), EDEADLK for the
/// caller itself, or pthread_join's error.
///
/// # Safety
/// `departed` and `status` are NULL or valid out pointers.
#[no_mangle]
pub unsafe extern "C" fn thr_join(
    wait_for: pthread_t,
    departed: *mut pthread_t,
    status: *mut *mut c_void,
) -> c_int {
    // SAFETY: pthread_self and pthread_equal have no precondition (IDs are
    // compared as values).
    let me = unsafe { libc::pthread_self() };
    let (t, e) = if wait_for != 0 {
        // SAFETY: as above.
        if unsafe { libc::pthread_equal(wait_for, me) } != 0 {
            return libc::EDEADLK;
        }
        let mut g = Locked::new();
        let e = g.find(wait_for);
        if !e.is_null() {
            // SAFETY: listed entries are valid while the mutex is held.
            unsafe {
                if (*e).claimed {
                    return libc::ESRCH;
                }
                (*e).claimed = true;
            }
            // A thr_join(0) waiting only for this thread must now see ESRCH.
            g.broadcast();
        }
        (wait_for, e)
    } else {
        let mut g = Locked::new();
        loop {
            // The entry that finished first, and whether any other is left
            // (not the caller's own, nor one another thr_join is joining).
            let mut best: *mut Entry = ptr::null_mut();
            let mut others = false;
            let mut e = g.reg().head;
            // SAFETY: list nodes are valid while the mutex is held.
            unsafe {
                while !e.is_null() {
                    let own = (*e).started && libc::pthread_equal((*e).tid, me) != 0;
                    if !own && !(*e).claimed {
                        others = true;
                        if (*e).started
                            && (*e).done != 0
                            && (best.is_null() || (*e).done < (*best).done)
                        {
                            best = e;
                        }
                    }
                    e = (*e).next;
                }
            }
            if !best.is_null() {
                // SAFETY: a listed entry (found above), with the mutex held.
                let tid = unsafe {
                    (*best).claimed = true;
                    (*best).tid
                };
                break (tid, best);
            }
            if !others {
                return libc::ESRCH;
            }
            g.wait();
        }
    };
    // SAFETY: status is NULL or the caller's out pointer (its contract).
    // t is a listed, started thread that this call claimed, so no other
    // pthread_join of it runs (see `Entry::claimed`); or, not listed, the
    // caller's own thread ID, under pthread_join's contract.
    let n = unsafe { libc::pthread_join(t, status) };
    if !e.is_null() {
        let mut g = Locked::new();
        if n == 0 {
            // The thread has ended: its destructor no longer touches e.
            g.unlink(e);
            drop(g);
            // SAFETY: joined and unlinked: ours alone.
            unsafe { libc::free(e as *mut c_void) };
        } else {
            // Not joinable after all (detached behind our back): it stays
            // listed, so that the memory stays valid for its destructor, and
            // can be chosen again; a thr_join(0) that passed it over while
            // it was claimed may be waiting: wake it to look again.
            // SAFETY: listed entries are valid while the mutex is held.
            unsafe { (*e).claimed = false };
            g.broadcast();
        }
    }
    if n == 0 && !departed.is_null() {
        // SAFETY: not NULL, so the caller's out pointer (its contract).
        unsafe { *departed = t };
    }
    n
}

/// pthread_join() for programs that include `thread.h`: also takes the
/// thread out of `thr_join`'s registry.
///
/// # Safety
/// As pthread_join().
#[no_mangle]
pub unsafe extern "C" fn unp_thr_pthread_join(tid: pthread_t, status: *mut *mut c_void) -> c_int {
    // SAFETY: no preconditions: IDs are compared as values.
    if unsafe { libc::pthread_equal(tid, libc::pthread_self()) } != 0 {
        return libc::EDEADLK;
    }
    // SAFETY: status is NULL or an out pointer (the C caller's contract,
    // pthread_join's), which is thr_join's.
    unsafe { thr_join(tid, ptr::null_mut(), status) }
}

/// pthread_detach() for programs that include `thread.h`: also takes the
/// thread out of `thr_join`'s registry.  EINVAL when a `thr_join` is
/// joining the thread.
///
/// # Safety
/// As pthread_detach().
#[no_mangle]
pub unsafe extern "C" fn unp_thr_pthread_detach(tid: pthread_t) -> c_int {
    {
        let mut g = Locked::new();
        let e = g.find(tid);
        // SAFETY: listed entries are valid while the mutex is held.
        if !e.is_null() && unsafe { (*e).claimed } {
            // A thr_join is joining it: not joinable any more, as glibc
            // answers for a thread being joined (and no pthread_detach may
            // slip in before that join starts).
            return libc::EINVAL;
        }
        if !e.is_null() {
            g.unlink(e);
            // SAFETY: valid while listed; now ours.
            unsafe {
                if (*e).done != 0 {
                    libc::free(e as *mut c_void);
                } else {
                    (*e).detached = true;
                }
            }
            // A thr_join(0) waiting only for this thread must now see ESRCH.
            g.broadcast();
        }
    }
    // SAFETY: the caller's thread ID, under pthread_detach's contract.
    unsafe { libc::pthread_detach(tid) }
}

/// The book's wrapper over [`unp_thr_pthread_create`]: failure exits through
/// `err_sys("pthread_create error")`, as `Pthread_create` does.
///
/// # Safety
/// As pthread_create().
#[no_mangle]
pub unsafe extern "C" fn unp_thr_Pthread_create(
    tid: *mut pthread_t,
    attr: *const pthread_attr_t,
    func: Option<StartFn>,
    arg: *mut c_void,
) {
    check(
        relay!(unp_thr_pthread_create(tid, attr, func, arg)),
        msg!(c"pthread_create error"),
    );
}

/// The book's wrapper over [`unp_thr_pthread_join`]: failure exits through
/// `err_sys("pthread_join error")`.
///
/// # Safety
/// As pthread_join().
#[no_mangle]
pub unsafe extern "C" fn unp_thr_Pthread_join(tid: pthread_t, status: *mut *mut c_void) {
    check(
        relay!(unp_thr_pthread_join(tid, status)),
        msg!(c"pthread_join error"),
    );
}

/// The book's wrapper over [`unp_thr_pthread_detach`]: failure exits through
/// `err_sys("pthread_detach error")`.
///
/// # Safety
/// As pthread_detach().
#[no_mangle]
pub unsafe extern "C" fn unp_thr_Pthread_detach(tid: pthread_t) {
    check(
        relay!(unp_thr_pthread_detach(tid)),
        msg!(c"pthread_detach error"),
    );
}

/// Solaris's thread-creation flags (the values of its `<thread.h>`).
pub const THR_BOUND: c_long = 0x01;
pub const THR_NEW_LWP: c_long = 0x02;
pub const THR_DETACHED: c_long = 0x40;
pub const THR_SUSPENDED: c_long = 0x80;
pub const THR_DAEMON: c_long = 0x100;

/// thr_create(): a thread running `start(arg)`, on the caller's stack
/// `stack_base` of `stack_size` bytes when given, else on one of
/// `stack_size` bytes (0: the default); `THR_DETACHED` makes it detached
/// (not joinable), `THR_BOUND`, `THR_NEW_LWP` and `THR_DAEMON` are accepted
/// and change nothing (every Linux thread is bound to its own kernel
/// thread); `THR_SUSPENDED` is not supported (ENOTSUP).  Stores the new
/// thread's ID in `*new_thread` unless NULL.  Returns 0 or an error number
/// (EINVAL for a NULL start routine, a stack below PTHREAD_STACK_MIN or an
/// unknown flag).
///
/// # Safety
/// `stack_base` is NULL or `stack_size` bytes the thread may use;
/// `new_thread` is NULL or a valid out pointer.
#[no_mangle]
pub unsafe extern "C" fn thr_create(
    stack_base: *mut c_void,
    stack_size: size_t,
    start: Option<StartFn>,
    arg: *mut c_void,
    flags: c_long,
    new_thread: *mut pthread_t,
) -> c_int {
    if flags & !(THR_BOUND | THR_NEW_LWP | THR_DETACHED | THR_SUSPENDED | THR_DAEMON) != 0
        || start.is_none()
    {
        return libc::EINVAL;
    }
    if flags & THR_SUSPENDED != 0 {
        return libc::ENOTSUP;
    }
    let mut attr = core::mem::MaybeUninit::<pthread_attr_t>::uninit();
    let a = attr.as_mut_ptr();
    // SAFETY: a points to storage for one attribute object, initialised
    // first and destroyed last; stack_base, when not NULL, is stack_size
    // bytes the thread may use and new_thread NULL or an out pointer (this
    // function's contract).
    unsafe {
        let mut n = libc::pthread_attr_init(a);
        if n != 0 {
            return n;
        }
        if !stack_base.is_null() {
            n = libc::pthread_attr_setstack(a, stack_base, stack_size);
        } else if stack_size != 0 {
            n = libc::pthread_attr_setstacksize(a, stack_size);
        }
        if n == 0 && flags & THR_DETACHED != 0 {
            n = libc::pthread_attr_setdetachstate(a, libc::PTHREAD_CREATE_DETACHED);
        }
        if n == 0 {
            n = unp_thr_pthread_create(new_thread, a, start, arg);
        }
        libc::pthread_attr_destroy(a);
        n
    }
}

/// thr_self(): the calling thread's ID (pthread_self()).
#[no_mangle]
pub extern "C" fn thr_self() -> pthread_t {
    // SAFETY: no preconditions.
    unsafe { libc::pthread_self() }
}

/// thr_yield(): gives up the processor (sched_yield()).
#[no_mangle]
pub extern "C" fn thr_yield() {
    // SAFETY: no preconditions.
    unsafe { libc::sched_yield() };
}

/// thr_exit(): ends the calling thread with exit status `status`
/// (pthread_exit()); a `thr_join` of it gets `status`.
///
/// # Safety
/// As pthread_exit().
#[no_mangle]
pub unsafe extern "C" fn thr_exit(status: *mut c_void) -> ! {
    // SAFETY: pthread_exit's contract is the caller's (this function's).
    unsafe { libc::pthread_exit(status) }
}
