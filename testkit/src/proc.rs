//! Running programs: captured output, a time limit, and no leftovers.
//!
//! Every program started here runs in a process group of its own, with
//! descriptors 0, 1 and 2 only (whatever the caller inherited).  When its
//! [`Running`] is dropped, or its time limit passes, the whole group is
//! killed (SIGKILL): the program and the children it forked.  The same
//! happens when the calling process ends through `exit()` (a book
//! program's capitalised call that fails, in a Rust test, exits the test
//! process without unwinding: an `atexit` handler kills the groups still
//! registered), and the program gets SIGKILL if the thread that started it
//! ends first (`PR_SET_PDEATHSIG`), which covers a test process killed by a
//! signal.

use std::fmt;
use std::io::{self, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, Once};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal};

/// How a program ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// It called `exit(code)` (or returned from `main`).
    Exited(i32),
    /// A signal ended it.
    Signaled(i32),
    /// Still running when its time limit passed: killed (SIGKILL).
    TimedOut,
}

impl Status {
    fn from_exit(st: ExitStatus) -> Status {
        match (st.code(), st.signal()) {
            (Some(c), _) => Status::Exited(c),
            (None, Some(s)) => Status::Signaled(s),
            (None, None) => Status::Signaled(0),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match *self {
            Status::Exited(c) => write!(f, "exit {c}"),
            Status::Signaled(s) => write!(f, "killed by {}", signal_name(s)),
            Status::TimedOut => write!(f, "timed out (killed)"),
        }
    }
}

/// `SIGTERM` for 15, and so on; `signal N` for others.
pub fn signal_name(sig: i32) -> String {
    let name = match sig {
        libc::SIGHUP => "SIGHUP",
        libc::SIGINT => "SIGINT",
        libc::SIGQUIT => "SIGQUIT",
        libc::SIGILL => "SIGILL",
        libc::SIGTRAP => "SIGTRAP",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGUSR1 => "SIGUSR1",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGUSR2 => "SIGUSR2",
        libc::SIGPIPE => "SIGPIPE",
        libc::SIGALRM => "SIGALRM",
        libc::SIGTERM => "SIGTERM",
        libc::SIGCHLD => "SIGCHLD",
        libc::SIGXCPU => "SIGXCPU",
        libc::SIGSYS => "SIGSYS",
        _ => return format!("signal {sig}"),
    };
    name.to_string()
}

/// What a finished program did: its output, byte for byte, and how it
/// ended.  Two outcomes are equal when their output and status are (the
/// process IDs are not compared).
#[derive(Clone)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status: Status,
    /// The program's process ID while it ran (for masking it in output).
    pub pid: u32,
}

impl PartialEq for Outcome {
    fn eq(&self, o: &Outcome) -> bool {
        (&self.stdout, &self.stderr, self.status) == (&o.stdout, &o.stderr, o.status)
    }
}

impl Eq for Outcome {}

impl Outcome {
    /// An outcome that exited with `code` after printing `stdout` and
    /// `stderr` (for writing down what a test expects).
    pub fn exited(code: i32, stdout: impl Into<Vec<u8>>, stderr: impl Into<Vec<u8>>) -> Outcome {
        Outcome {
            stdout: stdout.into(),
            stderr: stderr.into(),
            status: Status::Exited(code),
            pid: 0,
        }
    }

    /// An outcome ended by signal `sig` with nothing printed.
    pub fn signaled(sig: i32) -> Outcome {
        Outcome {
            stdout: Vec::new(),
            stderr: Vec::new(),
            status: Status::Signaled(sig),
            pid: 0,
        }
    }

    /// The exit code, None when a signal or the time limit ended it.
    pub fn code(&self) -> Option<i32> {
        match self.status {
            Status::Exited(c) => Some(c),
            _ => None,
        }
    }

    /// The signal that ended it, if one did.
    pub fn signal(&self) -> Option<i32> {
        match self.status {
            Status::Signaled(s) => Some(s),
            _ => None,
        }
    }
}

impl fmt::Debug for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}\n  stdout \"{}\"\n  stderr \"{}\"",
            self.status,
            crate::compare::escape(&self.stdout, 300),
            crate::compare::escape(&self.stderr, 300)
        )
    }
}

// --- the process groups to kill when this process exits ---------------------

const SLOTS: usize = 256;
static GROUPS: [AtomicI32; SLOTS] = [const { AtomicI32::new(0) }; SLOTS];
static ATEXIT: Once = Once::new();

extern "C" fn kill_registered_groups() {
    for slot in &GROUPS {
        let pg = slot.swap(0, Ordering::SeqCst);
        if let Some(pg) = Pid::from_raw(pg) {
            let _ = rustix::process::kill_process_group(pg, Signal::KILL);
        }
    }
}

/// Records a process group to kill at exit; the slot index, if one was free.
fn register(pgid: i32) -> Option<usize> {
    ATEXIT.call_once(|| {
        // SAFETY: registering a function that only makes system calls.
        unsafe { libc::atexit(kill_registered_groups) };
    });
    GROUPS.iter().position(|s| {
        s.compare_exchange(0, pgid, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    })
}

fn unregister(slot: Option<usize>, pgid: i32) {
    if let Some(i) = slot {
        let _ = GROUPS[i].compare_exchange(pgid, 0, Ordering::SeqCst, Ordering::SeqCst);
    }
}

// --- running ---------------------------------------------------------------------

/// A program started by [`start`]: its process group is killed when this
/// is dropped.
pub struct Running {
    child: Option<Child>,
    pid: i32,
    name: String,
    deadline: Instant,
    slot: Option<usize>,
    /// The program has ended (it is not reaped before its group is killed:
    /// until then its pid, the group's id, cannot be reused).
    exited: bool,
    stdout: Collector,
    stderr: Collector,
    writer: Option<JoinHandle<()>>,
}

/// A reader thread's output so far, and a channel that says it is done.
struct Collector {
    buf: Arc<Mutex<Vec<u8>>>,
    done: Option<mpsc::Receiver<()>>,
}

impl Collector {
    fn start(r: Option<impl Read + Send + 'static>) -> Collector {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        if let Some(mut r) = r {
            let b = buf.clone();
            std::thread::spawn(move || {
                let mut chunk = [0u8; 16384];
                loop {
                    match r.read(&mut chunk) {
                        Ok(0) => break,
                        Ok(n) => b
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .extend_from_slice(&chunk[..n]),
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
                let _ = tx.send(());
            });
        } else {
            let _ = tx.send(());
        }
        Collector {
            buf,
            done: Some(rx),
        }
    }

    /// Waits until end of file, at most until `deadline`; whether it came.
    fn wait(&mut self, deadline: Instant) -> bool {
        let Some(rx) = &self.done else { return true };
        let left = deadline.saturating_duration_since(Instant::now());
        let eof = !matches!(rx.recv_timeout(left), Err(mpsc::RecvTimeoutError::Timeout));
        if eof {
            self.done = None;
        }
        eof
    }

    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.buf.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Starts `cmd` with `stdin` as its input (None: /dev/null; the bytes are
/// written from a thread, and the pipe closed after them), its stdout and
/// stderr captured, in a process group of its own, for at most `limit`
/// (from now on; see [`Running::wait`]).
///
/// The error of a program that cannot be started names it:
/// `./tcpcli01: No such file or directory (os error 2)`.
pub fn start(cmd: &mut Command, stdin: Option<&[u8]>, limit: Duration) -> io::Result<Running> {
    start_with_stdout(cmd, stdin, None, limit)
}

/// As [`start`], with the program's stdout going to `stdout` (not
/// captured: the outcome's is empty) when given; for instance a pipe whose
/// reading end is closed, to see a program die of SIGPIPE.
pub fn start_with_stdout(
    cmd: &mut Command,
    stdin: Option<&[u8]>,
    stdout: Option<Stdio>,
    limit: Duration,
) -> io::Result<Running> {
    let name = cmd.get_program().to_string_lossy().into_owned();
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(stdout.unwrap_or_else(Stdio::piped))
    .stderr(Stdio::piped())
    .process_group(0);
    // SAFETY: system calls only, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            rustix::process::set_parent_process_death_signal(Some(Signal::KILL))?;
            Ok(())
        })
    };
    only_stdio(cmd);
    let mut child = cmd
        .spawn()
        .map_err(|e| io::Error::new(e.kind(), format!("{name}: {e}")))?;
    let pid = child.id() as i32;
    let slot = register(pid);
    let writer = match (stdin, child.stdin.take()) {
        (Some(bytes), Some(mut pipe)) => {
            let bytes = bytes.to_vec();
            Some(std::thread::spawn(move || {
                // A program that stops reading makes this fail: fine.
                let _ = pipe.write_all(&bytes);
            }))
        }
        _ => None,
    };
    Ok(Running {
        stdout: Collector::start(child.stdout.take()),
        stderr: Collector::start(child.stderr.take()),
        child: Some(child),
        pid,
        name,
        deadline: Instant::now() + limit,
        slot,
        exited: false,
        writer,
    })
}

/// Runs `cmd` to the end (see [`start`]): its outcome, with
/// [`Status::TimedOut`] if `limit` passed first.
///
/// ```no_run
/// use unp_testkit::{run, Status};
/// use std::process::Command;
/// use std::time::Duration;
///
/// let out = run(Command::new("tr").arg("a-z").arg("A-Z"), Some(b"abc\n"), Duration::from_secs(10))?;
/// assert_eq!((out.stdout.as_slice(), out.status), (&b"ABC\n"[..], Status::Exited(0)));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn run(cmd: &mut Command, stdin: Option<&[u8]>, limit: Duration) -> io::Result<Outcome> {
    Ok(start(cmd, stdin, limit)?.wait())
}

/// Makes `cmd`'s program start with descriptors 0, 1 and 2 only, whatever
/// this process inherited (`make check 3>/dev/null`, a jobserver's pipe):
/// a stray descriptor would keep pipes open, and programs that print
/// descriptor numbers would print others.  [`start`] does this; this is for
/// programs started otherwise.
pub fn only_stdio(cmd: &mut Command) -> &mut Command {
    // SAFETY: the closure runs in the child between fork and exec and only
    // makes system calls (async-signal-safe).
    unsafe {
        cmd.pre_exec(|| {
            cloexec_from(3);
            Ok(())
        })
    }
}

/// Marks every descriptor from `lo` on close-on-exec (close_range with
/// CLOSE_RANGE_CLOEXEC; one fcntl per descriptor up to the limit where
/// that is missing).  System calls only.
fn cloexec_from(lo: u32) {
    // SAFETY: plain system calls on descriptor numbers; none is closed.
    unsafe {
        if libc::syscall(
            libc::SYS_close_range,
            lo,
            libc::c_uint::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        ) == 0
        {
            return;
        }
        let max = libc::sysconf(libc::_SC_OPEN_MAX).clamp(1024, 1 << 20) as i32;
        for fd in lo as i32..max {
            let f = libc::fcntl(fd, libc::F_GETFD);
            if f >= 0 && f & libc::FD_CLOEXEC == 0 {
                libc::fcntl(fd, libc::F_SETFD, f | libc::FD_CLOEXEC);
            }
        }
    }
}

impl Running {
    /// The program's process ID (also its process group's).
    pub fn pid(&self) -> u32 {
        self.pid as u32
    }

    /// What was started (the program as given).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Sends `sig` to the program alone (an ended program is not reaped
    /// before the handle is done: the signal cannot reach another process).
    pub fn signal(&self, sig: i32) -> io::Result<()> {
        let sig = Signal::from_named_raw(sig).ok_or(io::ErrorKind::InvalidInput)?;
        rustix::process::kill_process(Pid::from_raw(self.pid).unwrap(), sig)?;
        Ok(())
    }

    /// Sends `sig` to the program's process group: the program and the
    /// children it forked (that did not leave the group).
    pub fn signal_group(&self, sig: i32) -> io::Result<()> {
        let sig = Signal::from_named_raw(sig).ok_or(io::ErrorKind::InvalidInput)?;
        match rustix::process::kill_process_group(Pid::from_raw(self.pid).unwrap(), sig) {
            Ok(()) | Err(rustix::io::Errno::SRCH) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Whether the program (the process started, not its children) has
    /// ended.
    pub fn has_exited(&mut self) -> bool {
        if !self.exited && self.child.is_some() {
            // WNOWAIT: the program stays a zombie, not reaped.
            let id = rustix::process::WaitId::Pid(Pid::from_raw(self.pid).unwrap());
            let opts = rustix::process::WaitIdOptions::EXITED
                | rustix::process::WaitIdOptions::NOHANG
                | rustix::process::WaitIdOptions::NOWAIT;
            self.exited = matches!(rustix::process::waitid(id, opts), Ok(Some(_)));
        }
        self.exited || self.child.is_none()
    }

    /// Waits for the program to end and for its output to end (end of
    /// file on stdout and stderr: its children may still hold them), at
    /// most until its time limit; then kills its process group.  Past the
    /// limit, the status is [`Status::TimedOut`] and the output what came
    /// until then.
    pub fn wait(mut self) -> Outcome {
        self.finish()
    }

    /// As [`wait`](Self::wait), but waits at most `limit` from now on (or
    /// until the time limit, if that comes first).
    pub fn wait_within(mut self, limit: Duration) -> Outcome {
        self.deadline = self.deadline.min(Instant::now() + limit);
        self.finish()
    }

    /// Sends `sig` to the program's process group (if the program is
    /// still running), then [`wait`](Self::wait)s.
    pub fn stop(self, sig: i32) -> Outcome {
        self.stop_within(sig, None)
    }

    /// As [`stop`](Self::stop), but waits at most `limit` from now on (or
    /// until the time limit, if that comes first).
    pub fn stop_within(mut self, sig: i32, limit: Option<Duration>) -> Outcome {
        if !self.has_exited() {
            let _ = self.signal_group(sig);
        }
        if let Some(l) = limit {
            self.deadline = self.deadline.min(Instant::now() + l);
        }
        self.finish()
    }

    /// Collects the outcome (see [`wait`](Self::wait)); the handle is
    /// spent afterwards (a second call reports no output).
    pub(crate) fn finish(&mut self) -> Outcome {
        let mut timed_out = false;
        // The program itself.
        while !self.has_exited() {
            if Instant::now() >= self.deadline {
                timed_out = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        // Its output: children that are still running may hold it.
        if !timed_out {
            let eof = self.stdout.wait(self.deadline) && self.stderr.wait(self.deadline);
            timed_out = !eof;
        }
        // Nothing of the group may outlive this; then the program is
        // reaped.
        let _ = self.signal_group(libc::SIGKILL);
        let status = self.child.take().and_then(|mut c| c.wait().ok());
        unregister(self.slot.take(), self.pid);
        // After SIGKILL the pipes close within moments, unless a process
        // that left the group (a daemon) holds them: then what came is
        // what is reported.
        let grace = Instant::now() + Duration::from_secs(2);
        self.stdout.wait(grace);
        self.stderr.wait(grace);
        if let Some(w) = self.writer.take() {
            // The writer ends when the pipe's reader is gone.
            let _ = w.join();
        }
        Outcome {
            stdout: self.stdout.take(),
            stderr: self.stderr.take(),
            status: match status {
                _ if timed_out => Status::TimedOut,
                Some(st) => Status::from_exit(st),
                // Already collected (a second call): nothing to report.
                None => Status::Exited(0),
            },
            pid: self.pid as u32,
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ =
                rustix::process::kill_process_group(Pid::from_raw(self.pid).unwrap(), Signal::KILL);
            let _ = c.kill();
            let _ = c.wait();
            unregister(self.slot.take(), self.pid);
        }
    }
}

impl fmt::Debug for Running {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Running({} pid {})", self.name, self.pid)
    }
}
