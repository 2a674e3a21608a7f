//! Shared harness for the integration tests: builds the libraries once,
//! compiles C programs against them (static and shared), runs them with
//! bounded time, and finds free loopback ports.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Read;
use std::net::{TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// How a program is linked against libunp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Link {
    /// `build/lib/libunp.a` on the command line (libc stays shared).
    Static,
    /// `-lunp` against `build/lib/libunp.so`, with an rpath.
    Shared,
}

pub const BOTH: [Link; 2] = [Link::Static, Link::Shared];

impl Link {
    pub fn name(self) -> &'static str {
        match self {
            Link::Static => "static",
            Link::Shared => "shared",
        }
    }
}

/// Runs `make lib` once per test binary (a no-op when up to date).
pub fn ensure_built() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let out = Command::new("make")
            .args(["-s", "lib"])
            .current_dir(root())
            .output()
            .expect("run make lib");
        assert!(
            out.status.success(),
            "make lib failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    });
}

fn source_of(name: &str) -> PathBuf {
    for dir in ["c-examples", "tests/c"] {
        for ext in ["c", "cpp"] {
            let p = root().join(dir).join(format!("{name}.{ext}"));
            if p.exists() {
                return p;
            }
        }
    }
    panic!("no C source named {name} in c-examples/ or tests/c/");
}

/// Compiles a program from `c-examples/NAME.c` or `tests/c/NAME.c` with
/// `-Wall -Wextra -Werror` and links it as asked.  Cached per process.
pub fn build(name: &str, link: Link) -> PathBuf {
    build_with(name, link, &[])
}

/// A compiled program's identity: source name, link mode, extra flags.
type BuildKey = (String, Link, Vec<String>);

/// As [`build`], with extra compiler flags (which become part of the cache key).
pub fn build_with(name: &str, link: Link, extra: &[&str]) -> PathBuf {
    ensure_built();
    static CACHE: OnceLock<Mutex<HashMap<BuildKey, PathBuf>>> = OnceLock::new();
    let key = (
        name.to_string(),
        link,
        extra.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    );
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut guard = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = guard.get(&key) {
        return p.clone();
    }
    let src = source_of(name);
    let cpp = src.extension().is_some_and(|e| e == "cpp");
    let tag = if extra.is_empty() {
        String::new()
    } else {
        format!("-{:x}", hash(&key.2))
    };
    let dir = root().join("target/ctest").join(link.name());
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join(format!("{name}{tag}"));
    let tmp = dir.join(format!(".{name}{tag}.{}", std::process::id()));
    let mut cmd = Command::new(if cpp { "c++" } else { "cc" });
    if cpp {
        cmd.arg("-std=c++17");
    } else {
        cmd.arg("-std=gnu11");
    }
    cmd.args(["-O2", "-g", "-Wall", "-Wextra", "-Werror", "-D_REENTRANT"])
        .arg("-I")
        .arg(root().join("include"))
        .args(extra)
        .arg("-o")
        .arg(&tmp)
        .arg(&src);
    let lib = root().join("build/lib");
    match link {
        Link::Static => {
            cmd.arg(lib.join("libunp.a"));
        }
        Link::Shared => {
            cmd.arg(format!("-L{}", lib.display()))
                .arg(format!("-Wl,-rpath,{}", lib.display()))
                .arg("-lunp");
        }
    }
    cmd.arg("-lpthread");
    let out = cmd.output().expect("run the C compiler");
    assert!(
        out.status.success(),
        "compiling {} ({}) failed:\n{}",
        src.display(),
        link.name(),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::rename(&tmp, &exe).unwrap();
    guard.insert(key, exe.clone());
    exe
}

fn hash(v: &[String]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// The result of a finished program.
#[derive(Debug)]
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
    /// Exit code, or None when killed by a signal.
    pub code: Option<i32>,
    /// Terminating signal, if any.
    pub signal: Option<i32>,
}

impl Ran {
    fn from(out: Output) -> Ran {
        use std::os::unix::process::ExitStatusExt;
        Ran {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code(),
            signal: out.status.signal(),
        }
    }

    /// Asserts exact stdout, stderr and exit code.
    pub fn expect(&self, stdout: &str, stderr: &str, code: i32) {
        assert_eq!(
            (self.stdout.as_str(), self.stderr.as_str(), self.code),
            (stdout, stderr, Some(code)),
            "unexpected result: {self:#?}"
        );
    }
}

/// Runs a program to completion with `stdin` as input, killing it (and
/// failing the test) after `limit`.
pub fn run(exe: &Path, args: &[&str], stdin: &[u8], limit: Duration) -> Ran {
    run_env(exe, args, stdin, limit, &[])
}

pub fn run_env(
    exe: &Path,
    args: &[&str],
    stdin: &[u8],
    limit: Duration,
    env: &[(&str, &str)],
) -> Ran {
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {}: {e}", exe.display()));
    let input = stdin.to_vec();
    let mut sin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let _ = sin.write_all(&input);
    });
    let out = wait_bounded(child, limit, exe);
    let _ = writer.join();
    Ran::from(out)
}

/// Waits for a child, collecting its output; kills it and panics after `limit`.
pub fn wait_bounded(mut child: Child, limit: Duration, what: &Path) -> Output {
    let mut so = child.stdout.take();
    let mut se = child.stderr.take();
    let r1 = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(s) = so.as_mut() {
            let _ = s.read_to_end(&mut v);
        }
        v
    });
    let r2 = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(s) = se.as_mut() {
            let _ = s.read_to_end(&mut v);
        }
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{} did not finish within {:?}", what.display(), limit);
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Output {
        status,
        stdout: r1.join().unwrap(),
        stderr: r2.join().unwrap(),
    }
}

/// A background server process, killed (SIGTERM) when dropped.
pub struct Server {
    pub child: Option<Child>,
    exe: PathBuf,
}

impl Server {
    /// Starts `exe args` with piped output.
    pub fn start(exe: &Path, args: &[&str]) -> Server {
        Self::start_env(exe, args, &[])
    }

    pub fn start_env(exe: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut cmd = Command::new(exe);
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {}: {e}", exe.display()));
        Server {
            child: Some(child),
            exe: exe.to_path_buf(),
        }
    }

    pub fn pid(&self) -> i32 {
        self.child.as_ref().unwrap().id() as i32
    }

    /// Sends `sig`, then collects the output (bounded by 10 s).
    pub fn stop_with(mut self, sig: i32) -> Ran {
        let child = self.child.take().unwrap();
        unsafe { libc_kill(child.id() as i32, sig) };
        Ran::from(wait_bounded(child, Duration::from_secs(10), &self.exe))
    }

    /// Waits for the server to exit by itself (bounded).
    pub fn wait(mut self, limit: Duration) -> Ran {
        let child = self.child.take().unwrap();
        Ran::from(wait_bounded(child, limit, &self.exe))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

extern "C" {
    #[link_name = "kill"]
    fn libc_kill(pid: i32, sig: i32) -> i32;
}

pub const SIGTERM: i32 = 15;
pub const SIGKILL: i32 = 9;
pub const SIGINT: i32 = 2;

/// A TCP port on 127.0.0.1 that was free a moment ago.
pub fn free_tcp_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A UDP port on 127.0.0.1 that was free a moment ago.
pub fn free_udp_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits (bounded) until some socket listens on TCP `port`, without
/// connecting to it (a probe connection would show in the server's output).
pub fn wait_listening(port: u16, limit: Duration) {
    let start = Instant::now();
    loop {
        if tcp_listening(port) {
            return;
        }
        assert!(
            start.elapsed() < limit,
            "nothing listened on port {port} within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Whether a TCP socket in LISTEN state has local port `port` (IPv4 or IPv6).
pub fn tcp_listening(port: u16) -> bool {
    ["/proc/net/tcp", "/proc/net/tcp6"].iter().any(|f| {
        std::fs::read_to_string(f)
            .unwrap_or_default()
            .lines()
            .skip(1)
            .any(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                cols.len() > 3
                    && cols[3] == "0A"
                    && cols[1]
                        .rsplit(':')
                        .next()
                        .and_then(|p| u16::from_str_radix(p, 16).ok())
                        == Some(port)
            })
    })
}

/// Waits (bounded) until a UDP socket is bound to `port`.
pub fn wait_udp_bound(port: u16, limit: Duration) {
    let start = Instant::now();
    loop {
        let bound = ["/proc/net/udp", "/proc/net/udp6"].iter().any(|f| {
            std::fs::read_to_string(f)
                .unwrap_or_default()
                .lines()
                .skip(1)
                .any(|l| {
                    let cols: Vec<&str> = l.split_whitespace().collect();
                    cols.len() > 1
                        && cols[1]
                            .rsplit(':')
                            .next()
                            .and_then(|p| u16::from_str_radix(p, 16).ok())
                            == Some(port)
                })
        });
        if bound {
            return;
        }
        assert!(
            start.elapsed() < limit,
            "nothing bound UDP port {port} within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

pub const T: Duration = Duration::from_secs(20);
