//! Waiting until a server is ready for its clients.
//!
//! [`wait_listening`] watches the server's own sockets, as its network
//! namespace shows them in `/proc/PID/net/{tcp,tcp6,udp,udp6,unix}`, and
//! which process holds them (`/proc/PID/fd`): it needs no connection (a
//! probe connection would show in the output of a server that logs its
//! clients, and count as one of them).  [`wait_accepting`] is the probe,
//! for when a connection does no harm.

use std::fmt;
use std::io;
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::proc::{Outcome, Running};

/// What a server must hold before its clients start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Listener {
    /// Any of the others: a listening TCP socket, a UDP socket bound to a
    /// port, a bound Unix-domain socket.  In a private network namespace,
    /// the server's first socket.
    Any,
    /// A listening TCP socket on this port (IPv4 or IPv6).
    Tcp(u16),
    /// A UDP socket bound to this port (IPv4 or IPv6).
    Udp(u16),
    /// A Unix-domain socket bound to this path (listening, if a stream).
    Unix(PathBuf),
}

impl std::str::FromStr for Listener {
    type Err = String;

    /// `any`, `tcp:PORT`, `udp:PORT` or `unix:PATH`.
    fn from_str(s: &str) -> Result<Listener, String> {
        let port = |p: &str| {
            p.parse::<u16>()
                .map_err(|_| format!("{s}: not a port number (0-65535)"))
        };
        match s.split_once(':') {
            None if s == "any" => Ok(Listener::Any),
            Some(("tcp", p)) => Ok(Listener::Tcp(port(p)?)),
            Some(("udp", p)) => Ok(Listener::Udp(port(p)?)),
            Some(("unix", p)) if !p.is_empty() => Ok(Listener::Unix(p.into())),
            _ => Err(format!(
                "{s}: expected any, tcp:PORT, udp:PORT or unix:PATH"
            )),
        }
    }
}

impl fmt::Display for Listener {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Listener::Any => write!(f, "a listening socket"),
            Listener::Tcp(p) => write!(f, "TCP port {p} listening"),
            Listener::Udp(p) => write!(f, "UDP port {p} bound"),
            Listener::Unix(p) => write!(f, "Unix socket {} bound", p.display()),
        }
    }
}

/// Why [`wait_listening`] gave up.
#[derive(Debug)]
pub enum NotReady {
    /// The server ended first; what it did.
    Exited(Outcome),
    /// Still running, but not ready within the limit.
    TimedOut(Duration),
}

impl fmt::Display for NotReady {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            NotReady::Exited(o) => write!(f, "the server ended before it was ready: {o:?}"),
            NotReady::TimedOut(d) => write!(f, "the server was not ready within {d:?}"),
        }
    }
}

/// The local port of a `/proc/net/{tcp,udp}[6]` address column
/// (`0100007F:2695`).
fn port_of(col: &str) -> Option<u16> {
    col.rsplit(':')
        .next()
        .and_then(|p| u16::from_str_radix(p, 16).ok())
}

/// The inodes of the sockets matching `what` that process `pid`'s network
/// namespace shows.
pub fn socket_inodes(pid: u32, what: &Listener) -> Vec<u64> {
    let mut v = Vec::new();
    let table = |file: &str, v: &mut Vec<u64>, pick: &dyn Fn(&[&str]) -> Option<u64>| {
        let text = std::fs::read_to_string(format!("/proc/{pid}/net/{file}")).unwrap_or_default();
        for l in text.lines().skip(1) {
            let cols: Vec<&str> = l.split_whitespace().collect();
            if let Some(i) = pick(&cols) {
                v.push(i);
            }
        }
    };
    let inode = |c: &[&str], i: usize| c.get(i).and_then(|s| s.parse().ok());
    let tcp = |port: Option<u16>| {
        move |c: &[&str]| {
            (c.len() > 9 && c[3] == "0A" && port.is_none_or(|p| port_of(c[1]) == Some(p)))
                .then(|| inode(c, 9))
                .flatten()
        }
    };
    let udp = |port: Option<u16>| {
        move |c: &[&str]| {
            let local = port_of(c.get(1).copied().unwrap_or(""));
            (c.len() > 9 && local.is_some_and(|l| port.map_or(l != 0, |p| l == p)))
                .then(|| inode(c, 9))
                .flatten()
        }
    };
    match what {
        Listener::Tcp(p) => {
            for f in ["tcp", "tcp6"] {
                table(f, &mut v, &tcp(Some(*p)));
            }
        }
        Listener::Udp(p) => {
            for f in ["udp", "udp6"] {
                table(f, &mut v, &udp(Some(*p)));
            }
        }
        Listener::Unix(path) => {
            let p = path.to_string_lossy();
            table("unix", &mut v, &|c| unix_socket(Some(&p), c));
        }
        Listener::Any => {
            for f in ["tcp", "tcp6"] {
                table(f, &mut v, &tcp(None));
            }
            for f in ["udp", "udp6"] {
                table(f, &mut v, &udp(None));
            }
            table("unix", &mut v, &|c| unix_socket(None, c));
        }
    }
    v
}

/// The inode of a `/proc/net/unix` line's socket if it is bound (to
/// `path`, when given) and, for a stream socket, listening.  Columns: Num
/// RefCount Protocol Flags Type St Inode [Path]; a stream socket listens
/// when Flags has __SO_ACCEPTCON (00010000).
fn unix_socket(path: Option<&str>, c: &[&str]) -> Option<u64> {
    let bound = c.len() > 7 && path.is_none_or(|p| c[7] == p);
    let stream = c.get(4).is_some_and(|t| *t == "0001" || *t == "0005");
    let listening = c.get(3).is_some_and(|f| *f == "00010000");
    (bound && (!stream || listening))
        .then(|| c.get(6).and_then(|s| s.parse().ok()))
        .flatten()
}

/// Whether process `pid` has one of the socket `inodes` open.
pub fn holds_socket(pid: u32, inodes: &[u64]) -> bool {
    if inodes.is_empty() {
        return false;
    }
    let Ok(dir) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return false;
    };
    dir.flatten().any(|e| {
        std::fs::read_link(e.path()).is_ok_and(|l| {
            let l = l.to_string_lossy();
            l.strip_prefix("socket:[")
                .and_then(|r| r.strip_suffix(']'))
                .and_then(|n| n.parse::<u64>().ok())
                .is_some_and(|n| inodes.contains(&n))
        })
    })
}

/// `(pid, ppid, pgid)` of every process, from /proc/PID/stat.
fn processes() -> Vec<(u32, u32, u32)> {
    let mut v = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return v;
    };
    for e in dir.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(st) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // pid (comm) state ppid pgrp ...: comm may hold spaces and parens.
        let rest = st.rfind(')').map_or("", |i| &st[i + 1..]);
        let f: Vec<&str> = rest.split_whitespace().collect();
        if let (Some(pp), Some(pg)) = (
            f.get(1).and_then(|x| x.parse().ok()),
            f.get(2).and_then(|x| x.parse().ok()),
        ) {
            v.push((pid, pp, pg));
        }
    }
    v
}

/// The processes of process group `pgid`.
pub fn group_members(pgid: u32) -> Vec<u32> {
    processes()
        .into_iter()
        .filter(|&(_, _, g)| g == pgid)
        .map(|(p, _, _)| p)
        .collect()
}

/// The children of `pid` (running or not yet reaped).
pub fn children_of(pid: u32) -> Vec<u32> {
    processes()
        .into_iter()
        .filter(|&(_, pp, _)| pp == pid)
        .map(|(p, _, _)| p)
        .collect()
}

/// The TCP ports on which process `pid` (or a process of its process
/// group) holds a listening socket, in its network namespace.
pub fn listening_ports(pid: u32) -> Vec<u16> {
    let mut holders = vec![pid];
    holders.extend(group_members(pid));
    let mut ports = Vec::new();
    for f in ["tcp", "tcp6"] {
        let text = std::fs::read_to_string(format!("/proc/{pid}/net/{f}")).unwrap_or_default();
        for l in text.lines().skip(1) {
            let c: Vec<&str> = l.split_whitespace().collect();
            if c.len() > 9 && c[3] == "0A" {
                if let (Some(port), Ok(inode)) = (port_of(c[1]), c[9].parse::<u64>()) {
                    if !ports.contains(&port) && holders.iter().any(|&h| holds_socket(h, &[inode]))
                    {
                        ports.push(port);
                    }
                }
            }
        }
    }
    ports
}

/// Whether the server `pid` (or a process of its process group, such as a
/// shell's child) holds a socket matching `what`, in the server's network
/// namespace.
pub fn is_listening(pid: u32, what: &Listener) -> bool {
    let inodes = socket_inodes(pid, what);
    if inodes.is_empty() {
        return false;
    }
    holds_socket(pid, &inodes) || group_members(pid).iter().any(|&p| holds_socket(p, &inodes))
}

/// Waits (at most `limit`) until `server` holds a socket matching `what`
/// (see [`is_listening`]).
pub fn wait_listening(
    server: &mut Running,
    what: &Listener,
    limit: Duration,
) -> Result<(), NotReady> {
    let start = Instant::now();
    loop {
        if is_listening(server.pid(), what) {
            return Ok(());
        }
        if server.has_exited() {
            return Err(NotReady::Exited(server.finish()));
        }
        if start.elapsed() > limit {
            return Err(NotReady::TimedOut(limit));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Waits (at most `limit`) until a TCP connection to `addr` succeeds, from
/// the caller's network namespace; the probe connection is closed at once.
pub fn wait_accepting(addr: SocketAddr, limit: Duration) -> io::Result<()> {
    let start = Instant::now();
    loop {
        let left = limit.saturating_sub(start.elapsed());
        match TcpStream::connect_timeout(&addr, left.max(Duration::from_millis(1))) {
            Ok(_) => return Ok(()),
            Err(e) if start.elapsed() >= limit => {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("{addr} did not accept a connection within {limit:?}: {e}"),
                ))
            }
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}
