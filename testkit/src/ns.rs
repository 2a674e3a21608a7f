//! Private network namespaces: a loopback interface (up) and nothing else,
//! so that programs with fixed ports (the book's 9877, 13) can run side by
//! side, and nothing outside can reach them.
//!
//! Two ways to get one, tried in this order:
//!
//! * **privileged** (root, or `CAP_SYS_ADMIN`): `unshare(CLONE_NEWNET)`,
//!   the programs keep their user (root stays the real root);
//! * **unprivileged**: a user namespace with a network namespace in it,
//!   as `unshare -rn` does: inside, the programs run as root of that user
//!   namespace (uid 0 mapped to the caller's uid), which may bind ports
//!   below 1024 there and nothing more outside.
//!
//! When the kernel allows neither, [`Netns::new`] says why for both.
//!
//! The namespace is created by a short-lived helper process (a process
//! with threads, such as a test binary, may not enter a new user
//! namespace itself); the [`Netns`] keeps it alive through descriptors,
//! and every program started through [`Netns::command`] or
//! [`Netns::enter`] joins it between fork and exec.

use std::ffi::CStr;
use std::fmt;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::Command;
use std::time::Duration;

use rustix::fs::{Mode, OFlags};
use rustix::thread::{LinkNameSpaceType, UnshareFlags};

/// How a namespace was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NsKind {
    /// `unshare(CLONE_NEWNET)` by a privileged caller: programs run as the
    /// caller's own user.
    Privileged,
    /// A user namespace owning the network namespace: programs run as root
    /// of that user namespace (the caller's uid outside).
    User,
}

/// Why no private network namespace could be made: the reason of each way
/// tried.
#[derive(Debug)]
pub struct NsError {
    /// `unshare(CLONE_NEWNET)` as the caller.
    pub privileged: io::Error,
    /// `unshare(CLONE_NEWUSER | CLONE_NEWNET)` with a uid map.
    pub unprivileged: io::Error,
}

impl fmt::Display for NsError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "no private network namespace possible: as uid {}, {}; \
             through a user namespace (as `unshare -rn`), {}.  The first needs root \
             (CAP_SYS_ADMIN); the second needs unprivileged user namespaces \
             (sysctl user.max_user_namespaces > 0, kernel.unprivileged_userns_clone = 1 \
             where it exists, no AppArmor or seccomp rule against them)",
            rustix::process::getuid().as_raw(),
            self.privileged,
            self.unprivileged
        )
    }
}

impl std::error::Error for NsError {}

/// A private network namespace with its loopback interface up (and,
/// optionally, a private mount namespace), alive for as long as this value
/// and the programs in it.
///
/// ```no_run
/// use unp_testkit::{run, Netns};
/// use std::time::Duration;
///
/// let ns = Netns::new()?;
/// // `ip -o link` sees only the namespace's own loopback.
/// let out = run(ns.command("ip").args(["-o", "link"]), None, Duration::from_secs(10))?;
/// assert!(String::from_utf8_lossy(&out.stdout).contains("lo: <LOOPBACK,UP"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Netns {
    kind: NsKind,
    net: OwnedFd,
    user: Option<OwnedFd>,
    mnt: Option<OwnedFd>,
}

impl Netns {
    /// A fresh network namespace, loopback up: privileged if the caller
    /// may, else through a user namespace.
    pub fn new() -> Result<Netns, NsError> {
        Self::create(false)
    }

    /// As [`new`](Self::new), with a private mount namespace too (mount
    /// propagation off), so that a program in it may mount, say, a sysfs
    /// that shows the namespace's interfaces (`mount -t sysfs sysfs /sys`)
    /// without touching the rest of the machine.
    pub fn with_mount_namespace() -> Result<Netns, NsError> {
        Self::create(true)
    }

    fn create(mounts: bool) -> Result<Netns, NsError> {
        let privileged = match make(NsKind::Privileged, mounts) {
            Ok(ns) => return Ok(ns),
            Err(e) => e,
        };
        match make(NsKind::User, mounts) {
            Ok(ns) => Ok(ns),
            Err(unprivileged) => Err(NsError {
                privileged,
                unprivileged,
            }),
        }
    }

    /// How this namespace was made.
    pub fn kind(&self) -> NsKind {
        self.kind
    }

    /// `Command::new(program)`, to be started in this namespace.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        self.enter(&mut cmd);
        cmd
    }

    /// Makes `cmd` start in this namespace: between fork and exec, the
    /// child joins the user namespace (if any), the network namespace and
    /// the mount namespace (if any; the working directory is kept).  The
    /// namespace must outlive the spawn (it does when `cmd` is spawned
    /// while `self` is borrowed, as in `run(ns.command(..), ..)`).
    pub fn enter<'c>(&self, cmd: &'c mut Command) -> &'c mut Command {
        let user = self.user.as_ref().map(|f| f.as_raw_fd());
        let net = self.net.as_raw_fd();
        let mnt = self.mnt.as_ref().map(|f| f.as_raw_fd());
        // SAFETY: the closure runs in the child between fork and exec and
        // only makes system calls (rustix's are raw syscalls: no locks, no
        // allocation); the descriptors are the namespace's, open in the
        // parent when it forks (the child has copies of them).
        unsafe {
            cmd.pre_exec(move || {
                if let Some(u) = user {
                    join(u, LinkNameSpaceType::User)?;
                }
                join(net, LinkNameSpaceType::Network)?;
                if let Some(m) = mnt {
                    // setns(CLONE_NEWNS) moves to the namespace's root
                    // directory; come back to the directory we were in.
                    let cwd = rustix::fs::open(
                        c".",
                        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                        Mode::empty(),
                    )?;
                    join(m, LinkNameSpaceType::Mount)?;
                    rustix::process::fchdir(&cwd)?;
                }
                Ok(())
            })
        };
        cmd
    }
}

/// setns(fd, kind) on a descriptor number owned by a [`Netns`].
fn join(fd: i32, kind: LinkNameSpaceType) -> io::Result<()> {
    // SAFETY: `fd` is one of the Netns's descriptors, open for as long as
    // the spawn that runs this lasts (see `Netns::enter`).
    let fd = unsafe { BorrowedFd::borrow_raw(fd) };
    rustix::thread::move_into_link_name_space(fd, Some(kind))?;
    Ok(())
}

/// Runs `f` with a fresh private network namespace ([`Netns::new`]); the
/// programs `f` starts through the namespace ([`Netns::command`]) run in
/// it.  The namespace goes away when they and `f` are done.
///
/// `f` itself runs on the calling thread, in the caller's network
/// namespace: a thread of a process that has threads cannot join a user
/// namespace, so only what is started through `ns` is inside.
pub fn in_netns<R>(f: impl FnOnce(&Netns) -> R) -> Result<R, NsError> {
    let ns = Netns::new()?;
    Ok(f(&ns))
}

/// What the helper process reports: the step that failed (0: none) and its
/// errno.
fn report(step: u8, err: Option<rustix::io::Errno>) -> [u8; 5] {
    let e = err.map_or(0, |e| e.raw_os_error()).to_ne_bytes();
    [step, e[0], e[1], e[2], e[3]]
}

const STEPS: [&str; 8] = [
    "",
    "unshare",
    "write /proc/self/setgroups",
    "write /proc/self/uid_map",
    "write /proc/self/gid_map",
    "make mounts private",
    "bring lo up",
    "report to the parent",
];

/// Makes the namespaces in a helper child, then opens them from
/// /proc/CHILD/ns while the child waits, and lets it go.
fn make(kind: NsKind, mounts: bool) -> io::Result<Netns> {
    // Everything the child needs is prepared here: after fork, a child of
    // a process with threads may only make system calls.
    let uid = rustix::process::getuid().as_raw();
    let gid = rustix::process::getgid().as_raw();
    let uid_map = format!("0 {uid} 1\n");
    let gid_map = format!("0 {gid} 1\n");
    let mut flags = UnshareFlags::NEWNET;
    if kind == NsKind::User {
        flags |= UnshareFlags::NEWUSER;
    }
    if mounts {
        flags |= UnshareFlags::NEWNS;
    }
    let (ready_r, ready_w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC)?;
    let (go_r, go_w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC)?;

    // SAFETY: fork in a process that may have threads; the child only
    // makes system calls (`child` below: rustix's raw syscalls and an
    // ioctl) and leaves with _exit, running no destructor and no atexit
    // handler of the parent's.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(io::Error::last_os_error());
    }
    if pid == 0 {
        // Copies of descriptors that other threads opened meanwhile (the
        // pipes of programs being started, another helper's pipes) must
        // not stay open here while this child waits.
        close_all_but([ready_w.as_raw_fd(), go_r.as_raw_fd()]);
        let (step, err) = child(kind, flags, mounts, &uid_map, &gid_map);
        let msg = report(step, err);
        let ok = rustix::io::write(&ready_w, &msg).is_ok() && step == 0;
        if ok {
            // Wait for the parent to have opened our namespaces: end of
            // file when it closes its end.
            let mut b = [0u8; 1];
            let _ = rustix::io::read(&go_r, &mut b);
        }
        // SAFETY: _exit ends the child without running anything else.
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    drop(ready_w);
    drop(go_r);
    let pid_t = rustix::process::Pid::from_raw(pid).expect("fork returned a positive pid");
    let result = (|| {
        let mut msg = [0u8; 5];
        read_bounded(&ready_r, &mut msg, Duration::from_secs(30))?;
        let (step, errno) = (msg[0], i32::from_ne_bytes([msg[1], msg[2], msg[3], msg[4]]));
        if step != 0 {
            let e = io::Error::from_raw_os_error(errno);
            let what = STEPS.get(step as usize).copied().unwrap_or("setup");
            return Err(io::Error::new(e.kind(), format!("{what}: {e}")));
        }
        let open = |name: &CStr| -> io::Result<OwnedFd> {
            let path = format!("/proc/{pid}/ns/{}", name.to_str().unwrap());
            Ok(rustix::fs::open(
                path.as_str(),
                OFlags::RDONLY | OFlags::CLOEXEC,
                Mode::empty(),
            )?)
        };
        Ok(Netns {
            kind,
            net: open(c"net")?,
            user: if kind == NsKind::User {
                Some(open(c"user")?)
            } else {
                None
            },
            mnt: if mounts { Some(open(c"mnt")?) } else { None },
        })
    })();
    drop(go_w);
    let _ = rustix::process::waitpid(Some(pid_t), rustix::process::WaitOptions::empty());
    result
}

/// Closes every descriptor from 3 on except `keep` (close_range, or one
/// close per descriptor up to the limit where that is missing).  System
/// calls only.
fn close_all_but(mut keep: [i32; 2]) {
    keep.sort_unstable();
    let mut from = 3u32;
    for k in keep.iter().map(|&k| k as u32).chain([u32::MAX]) {
        if k > from {
            close_range(from, k - 1);
        }
        from = k.saturating_add(1);
    }
}

/// close_range(lo, hi, 0), or close() each.
fn close_range(lo: u32, hi: u32) {
    // SAFETY: closing descriptors of this (child) process's own table,
    // which nothing in it uses any more.
    unsafe {
        if libc::syscall(libc::SYS_close_range, lo, hi, 0) == 0 {
            return;
        }
        let max = libc::sysconf(libc::_SC_OPEN_MAX).clamp(1024, 1 << 20) as u32;
        for fd in lo..hi.min(max) {
            libc::close(fd as i32);
        }
    }
}

/// Reads exactly `buf.len()` bytes, waiting at most `limit` in all.
fn read_bounded(fd: &OwnedFd, buf: &mut [u8], limit: Duration) -> io::Result<()> {
    let deadline = std::time::Instant::now() + limit;
    let mut got = 0;
    while got < buf.len() {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the namespace helper did not answer",
            ));
        }
        let mut pfd = [rustix::event::PollFd::new(fd, rustix::event::PollFlags::IN)];
        let ts = rustix::event::Timespec {
            tv_sec: left.as_secs() as _,
            tv_nsec: left.subsec_nanos() as _,
        };
        match rustix::event::poll(&mut pfd, Some(&ts)) {
            Ok(0) => continue,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        }
        match rustix::io::read(fd.as_fd(), &mut buf[got..]) {
            Ok(0) => {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the namespace helper died",
                ))
            }
            Ok(n) => got += n,
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// The helper child's work: system calls only.  Returns the failed step
/// (an index into STEPS; 0 when all went well) and its errno.
fn child(
    kind: NsKind,
    flags: UnshareFlags,
    mounts: bool,
    uid_map: &str,
    gid_map: &str,
) -> (u8, Option<rustix::io::Errno>) {
    // SAFETY: no CLONE_FILES: the descriptor table is not affected.
    if let Err(e) = unsafe { rustix::thread::unshare_unsafe(flags) } {
        return (1, Some(e));
    }
    if kind == NsKind::User {
        for (step, file, text) in [
            (2, c"/proc/self/setgroups", "deny"),
            (3, c"/proc/self/uid_map", uid_map),
            (4, c"/proc/self/gid_map", gid_map),
        ] {
            let r = rustix::fs::open(file, OFlags::WRONLY | OFlags::CLOEXEC, Mode::empty())
                .and_then(|fd| rustix::io::write(&fd, text.as_bytes()));
            if let Err(e) = r {
                return (step, Some(e));
            }
        }
    }
    if mounts {
        // A new mount namespace starts with the parent's propagation: a
        // mount in it would appear outside.  Make every mount private.
        let r = rustix::mount::mount_change(
            c"/",
            rustix::mount::MountPropagationFlags::PRIVATE
                | rustix::mount::MountPropagationFlags::REC,
        );
        if let Err(e) = r {
            return (5, Some(e));
        }
    }
    if let Err(e) = loopback_up() {
        return (6, Some(e));
    }
    (0, None)
}

/// `ip link set lo up` for the calling process's network namespace
/// (SIOCGIFFLAGS, then SIOCSIFFLAGS with IFF_UP).
fn loopback_up() -> Result<(), rustix::io::Errno> {
    let sock = rustix::net::socket_with(
        rustix::net::AddressFamily::INET,
        rustix::net::SocketType::DGRAM,
        rustix::net::SocketFlags::CLOEXEC,
        None,
    )?;
    // SAFETY: ifreq is plain data; the name "lo" and its NUL fit in
    // ifr_name; both ioctls read and write only the ifreq given.
    unsafe {
        let mut ifr: libc::ifreq = std::mem::zeroed();
        ifr.ifr_name[0] = b'l' as libc::c_char;
        ifr.ifr_name[1] = b'o' as libc::c_char;
        if libc::ioctl(sock.as_raw_fd(), libc::SIOCGIFFLAGS, &mut ifr) < 0 {
            return Err(rustix::io::Errno::from_raw_os_error(errno()));
        }
        ifr.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
        if libc::ioctl(sock.as_raw_fd(), libc::SIOCSIFFLAGS, &ifr) < 0 {
            return Err(rustix::io::Errno::from_raw_os_error(errno()));
        }
    }
    Ok(())
}

/// errno of the last failed libc call.
fn errno() -> i32 {
    // SAFETY: __errno_location returns the calling thread's errno.
    unsafe { *libc::__errno_location() }
}
