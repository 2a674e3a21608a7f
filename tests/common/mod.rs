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

/// The workspace root (the directory with the Makefile): this harness is
/// also used by the tests of the `unp` crate in `unp/`.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|d| d.join("Makefile").exists())
        .expect("a Makefile above CARGO_MANIFEST_DIR")
        .to_path_buf()
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

/// A `make` command that does not inherit the state of a make the tests may
/// run under (`make -j2 check`): MAKEFLAGS would name a jobserver whose
/// descriptors this process does not have (make then warns "jobserver
/// unavailable"), and MAKELEVEL changes make's messages (`make[2]:`).
pub fn make() -> Command {
    without_make_state(Command::new("make"))
}

/// A `cargo` command (the one running the tests, `$CARGO`) for a nested
/// build, without the state of a make or cargo the tests may run under: no
/// jobserver it cannot reach (MAKEFLAGS, CARGO_MAKEFLAGS).
pub fn cargo() -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = without_make_state(Command::new(cargo));
    cmd.env_remove("CARGO_MAKEFLAGS");
    cmd
}

fn without_make_state(mut cmd: Command) -> Command {
    for v in [
        "MAKEFLAGS",
        "MFLAGS",
        "GNUMAKEFLAGS",
        "MAKELEVEL",
        "MAKEOVERRIDES",
    ] {
        cmd.env_remove(v);
    }
    cmd
}

/// Makes `cmd`'s program start with descriptors 0, 1 and 2 only, whatever
/// this process inherited (`make check 3>/dev/null`, a jobserver's pipe,
/// `/usr/bin/time -o FILE`): the programs print descriptor numbers
/// (`fd 3`), and a stray descriptor would also keep pipes open.
pub fn only_stdio(cmd: &mut Command) -> &mut Command {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs in the child between fork and exec and only
    // makes system calls (async-signal-safe).
    unsafe {
        cmd.pre_exec(|| {
            close_from(3);
            Ok(())
        })
    }
}

/// Closes every descriptor >= `lo` (close_range, or one close per
/// descriptor up to the limit where close_range is missing).
fn close_from(lo: i32) {
    // SAFETY: plain system calls on descriptor numbers.
    unsafe {
        if libc::syscall(
            libc::SYS_close_range,
            lo as libc::c_uint,
            libc::c_uint::MAX,
            0,
        ) == 0
        {
            return;
        }
        let max = libc::sysconf(libc::_SC_OPEN_MAX).clamp(1024, 1 << 20) as i32;
        for fd in lo..max {
            libc::close(fd);
        }
    }
}

/// The tests use what `make check` built before running them: the
/// libraries and headers in build/, the example programs in build/bin and the
/// staged installation in build/stage.  They never run make themselves (the
/// build goes one way: make calls cargo, never the reverse); run alone,
/// `cargo test` needs a `make check`-built tree and says so.
pub fn ensure_built() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        for f in [
            "build/lib/libunp.a",
            "build/lib/libunp.so",
            "build/include/unp.h",
            "build/stage/lib/libunp.a",
        ] {
            assert!(
                root().join(f).exists(),
                "{f} is missing: the tests use what `make check` builds \
                 (run `make check`, or `make lib examples stage` before `cargo test`)"
            );
        }
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

/// A compiled program's identity: source name, link mode (None: no libunp),
/// extra flags.
type BuildKey = (String, Option<Link>, Vec<String>);

/// As [`build`], with extra compiler flags (which become part of the cache key).
pub fn build_with(name: &str, link: Link, extra: &[&str]) -> PathBuf {
    compile(name, Some(link), extra)
}

/// As [`build_with`], but not linked with libunp at all (for programs that
/// load `build/lib/libunp.so` themselves with dlopen).
pub fn build_without_lib(name: &str, extra: &[&str]) -> PathBuf {
    compile(name, None, extra)
}

/// The sanitizer the C programs are built with, from `UNP_SANITIZE` (see
/// `make check-sanitizers`): `address` (or `1`) for AddressSanitizer and
/// UndefinedBehaviorSanitizer, `thread` for ThreadSanitizer.  With one set,
/// the compiler is clang (clang++ for C++) and the programs go to their own
/// directory.
pub fn sanitizer() -> Option<&'static str> {
    static S: OnceLock<Option<&'static str>> = OnceLock::new();
    *S.get_or_init(|| match std::env::var("UNP_SANITIZE").ok().as_deref() {
        None | Some("") | Some("0") => None,
        Some("1") | Some("address") => Some("address"),
        Some("thread") => Some("thread"),
        Some(other) => panic!("UNP_SANITIZE={other}: expected address (or 1) or thread"),
    })
}

fn compile(name: &str, link: Option<Link>, extra: &[&str]) -> PathBuf {
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
    let san = sanitizer();
    let top = match san {
        None => "target/ctest".to_string(),
        Some(s) => format!("target/ctest-{s}"),
    };
    let dir = root().join(top).join(link.map_or("nolib", |l| l.name()));
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join(format!("{name}{tag}"));
    let tmp = dir.join(format!(".{name}{tag}.{}", std::process::id()));
    let compiler = match (san.is_some(), cpp) {
        (false, false) => "cc",
        (false, true) => "c++",
        (true, false) => "clang",
        (true, true) => "clang++",
    };
    let mut cmd = Command::new(compiler);
    if cpp {
        cmd.arg("-std=c++17");
    } else {
        cmd.arg("-std=gnu11");
    }
    cmd.args(["-O2", "-g", "-Wall", "-Wextra", "-Werror", "-D_REENTRANT"]);
    match san {
        None => {}
        Some("thread") => {
            cmd.args(["-fsanitize=thread", "-fno-omit-frame-pointer"]);
        }
        Some(_) => {
            cmd.args([
                "-fsanitize=address,undefined",
                "-fno-sanitize-recover=all",
                "-fno-omit-frame-pointer",
            ]);
        }
    }
    cmd.arg("-I")
        .arg(root().join("include"))
        .args(extra)
        .arg("-o")
        .arg(&tmp)
        .arg(&src);
    let lib = root().join("build/lib");
    match link {
        Some(Link::Static) => {
            cmd.arg(lib.join("libunp.a"));
        }
        Some(Link::Shared) => {
            cmd.arg(format!("-L{}", lib.display()))
                .arg(format!("-Wl,-rpath,{}", lib.display()))
                .arg("-lunp");
        }
        None => {
            cmd.arg("-ldl");
        }
    }
    cmd.arg("-lpthread");
    let out = cmd.output().expect("run the C compiler");
    assert!(
        out.status.success(),
        "compiling {} ({}) failed:\n{}",
        src.display(),
        link.map_or("without libunp", |l| l.name()),
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
            stderr: without_asan_notice(String::from_utf8_lossy(&out.stderr).into_owned()),
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

/// Under AddressSanitizer (`UNP_SANITIZE`), an allocation of an impossible
/// size returns NULL (`allocator_may_return_null=1`, as libc's allocator
/// does) but first prints one line,
/// `==PID==WARNING: AddressSanitizer failed to allocate 0x... bytes`, that
/// no option turns off.  That line alone is removed, so the tests of
/// `Malloc`'s and `Calloc`'s diagnostics still compare stderr exactly; any
/// real sanitizer report is kept.
fn without_asan_notice(stderr: String) -> String {
    if sanitizer() != Some("address") {
        return stderr;
    }
    let notice = |l: &str| {
        l.starts_with("==")
            && l.contains("==WARNING: AddressSanitizer failed to allocate 0x")
            && l.ends_with(" bytes")
    };
    if !stderr.lines().any(notice) {
        return stderr;
    }
    stderr
        .split_inclusive('\n')
        .filter(|l| !notice(l.trim_end_matches('\n')))
        .collect()
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
    only_stdio(&mut cmd);
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
        only_stdio(&mut cmd);
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

/// A loopback TCP port on which connections are refused, held for as long as
/// the returned guard lives: a socket bound to it that never listens (so no
/// other test can take the port meanwhile, and a SYN gets a RST).
pub struct RefusedPort {
    fds: Vec<i32>,
    pub port: u16,
}

/// Binds a TCP socket (never listening) to loopback of `family` on `port`
/// (0: any); the fd and the port, or None when the port is taken.
fn bind_loopback(family: i32, port: u16) -> Option<(i32, u16)> {
    unsafe {
        let fd = libc::socket(family, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
        assert!(fd >= 0, "socket: {}", std::io::Error::last_os_error());
        let mut ss: libc::sockaddr_storage = std::mem::zeroed();
        let len = if family == libc::AF_INET {
            let sa = &mut *(&mut ss as *mut _ as *mut libc::sockaddr_in);
            sa.sin_family = libc::AF_INET as libc::sa_family_t;
            sa.sin_addr.s_addr = u32::from_ne_bytes([127, 0, 0, 1]);
            sa.sin_port = port.to_be();
            std::mem::size_of::<libc::sockaddr_in>()
        } else {
            let on: libc::c_int = 1;
            libc::setsockopt(
                fd,
                libc::IPPROTO_IPV6,
                libc::IPV6_V6ONLY,
                &on as *const _ as *const libc::c_void,
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
            let sa = &mut *(&mut ss as *mut _ as *mut libc::sockaddr_in6);
            sa.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sa.sin6_addr.s6_addr[15] = 1;
            sa.sin6_port = port.to_be();
            std::mem::size_of::<libc::sockaddr_in6>()
        } as libc::socklen_t;
        if libc::bind(fd, &ss as *const _ as *const libc::sockaddr, len) != 0 {
            let e = std::io::Error::last_os_error();
            libc::close(fd);
            assert!(port != 0, "bind: {e}");
            return None;
        }
        let mut got: libc::sockaddr_storage = std::mem::zeroed();
        let mut glen = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        libc::getsockname(fd, &mut got as *mut _ as *mut libc::sockaddr, &mut glen);
        let p = if family == libc::AF_INET {
            (*(&got as *const _ as *const libc::sockaddr_in)).sin_port
        } else {
            (*(&got as *const _ as *const libc::sockaddr_in6)).sin6_port
        };
        Some((fd, u16::from_be(p)))
    }
}

impl RefusedPort {
    /// On 127.0.0.1.
    pub fn new() -> RefusedPort {
        let (fd, port) = bind_loopback(libc::AF_INET, 0).unwrap();
        RefusedPort {
            fds: vec![fd],
            port,
        }
    }

    /// On ::1.
    pub fn v6() -> RefusedPort {
        let (fd, port) = bind_loopback(libc::AF_INET6, 0).unwrap();
        RefusedPort {
            fds: vec![fd],
            port,
        }
    }

    /// `port` on ::1, None when something holds it there.
    pub fn v6_at(port: u16) -> Option<RefusedPort> {
        let (fd, port) = bind_loopback(libc::AF_INET6, port)?;
        Some(RefusedPort {
            fds: vec![fd],
            port,
        })
    }

    /// The same port refused on both 127.0.0.1 and ::1 (bounded retries
    /// while the v6 side of a fresh v4 port happens to be taken).
    pub fn both() -> RefusedPort {
        for _ in 0..50 {
            let (fd4, port) = bind_loopback(libc::AF_INET, 0).unwrap();
            if let Some((fd6, _)) = bind_loopback(libc::AF_INET6, port) {
                return RefusedPort {
                    fds: vec![fd4, fd6],
                    port,
                };
            }
            unsafe { libc::close(fd4) };
        }
        panic!("no port free on both 127.0.0.1 and ::1 in 50 tries");
    }
}

impl Drop for RefusedPort {
    fn drop(&mut self) {
        for &fd in &self.fds {
            unsafe { libc::close(fd) };
        }
    }
}

/// Inodes of the sockets in `files` (/proc/net/tcp, udp, ...) whose local
/// port is `port` and, when `state` is given, whose state column matches.
fn socket_inodes(files: &[&str], port: u16, state: Option<&str>) -> Vec<u64> {
    let mut v = Vec::new();
    for f in files {
        for l in std::fs::read_to_string(f)
            .unwrap_or_default()
            .lines()
            .skip(1)
        {
            let cols: Vec<&str> = l.split_whitespace().collect();
            if cols.len() > 9
                && state.is_none_or(|s| cols[3] == s)
                && cols[1]
                    .rsplit(':')
                    .next()
                    .and_then(|p| u16::from_str_radix(p, 16).ok())
                    == Some(port)
            {
                if let Ok(i) = cols[9].parse() {
                    v.push(i);
                }
            }
        }
    }
    v
}

/// Whether process `pid` holds one of the socket `inodes` open (false when
/// `inodes` is empty).
pub fn holds_socket(pid: i32, inodes: &[u64]) -> bool {
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

/// What a server bound: a listening TCP socket or a UDP socket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proto {
    Tcp,
    Udp,
}

impl Server {
    /// Waits (bounded by `limit`) until this server process itself holds a
    /// listening TCP (or bound UDP) socket on `port` -- not some other
    /// process that happens to use the port.  Err(output) when the server
    /// exited first.
    pub fn wait_bound(&mut self, proto: Proto, port: u16, limit: Duration) -> Result<(), Ran> {
        let start = Instant::now();
        loop {
            let inodes = match proto {
                Proto::Tcp => socket_inodes(&["/proc/net/tcp", "/proc/net/tcp6"], port, Some("0A")),
                Proto::Udp => socket_inodes(&["/proc/net/udp", "/proc/net/udp6"], port, None),
            };
            if holds_socket(self.pid(), &inodes) {
                return Ok(());
            }
            let exited = self.child.as_mut().unwrap().try_wait().unwrap().is_some();
            if exited {
                let child = self.child.take().unwrap();
                return Err(Ran::from(wait_bounded(child, limit, &self.exe)));
            }
            assert!(
                start.elapsed() < limit,
                "{} did not bind {proto:?} port {port} within {limit:?}",
                self.exe.display()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Starts `exe` on a free loopback port and waits until the server itself
/// listens (TCP) or is bound (UDP) there.  `args` gets the port as text.
///
/// A port from [`free_tcp_port`] is only free "a moment ago": a parallel
/// test (a client's ephemeral port, another server) can take it before the
/// server binds.  The server then dies with "Address already in use"; this
/// retries with another port (at most 8 times, each bounded by [`T`]).
pub fn start_server_on_free_port(
    exe: &Path,
    proto: Proto,
    args: &dyn Fn(&str) -> Vec<String>,
    env: &[(&str, &str)],
) -> (Server, u16) {
    let mut last = None;
    for _ in 0..8 {
        let port = match proto {
            Proto::Tcp => free_tcp_port(),
            Proto::Udp => free_udp_port(),
        };
        let a = args(&port.to_string());
        let a: Vec<&str> = a.iter().map(|s| s.as_str()).collect();
        let mut srv = Server::start_env(exe, &a, env);
        match srv.wait_bound(proto, port, T) {
            Ok(()) => return (srv, port),
            Err(r) if r.stderr.contains("Address already in use") => last = Some(r),
            Err(r) => panic!(
                "{} exited before binding port {port}: {r:#?}",
                exe.display()
            ),
        }
    }
    panic!(
        "{}: every port tried was taken meanwhile; last: {last:#?}",
        exe.display()
    );
}

/// Reports a test that cannot run here.  The reason goes to stderr (shown
/// with `--nocapture`); with `UNP_NO_SKIP=1` in the environment a skip is a
/// failure, so that a CI machine that should run everything can insist.
pub fn skip(test: &str, why: &str) {
    eprintln!("SKIPPED {test}: {why}");
    assert!(
        std::env::var_os("UNP_NO_SKIP").is_none_or(|v| v != "1"),
        "{test} skipped but UNP_NO_SKIP=1: {why}"
    );
}

/// Local ports of the listening TCP sockets (IPv4 and IPv6) and their inodes.
fn listening_sockets() -> Vec<(u16, u64)> {
    let mut v = Vec::new();
    for f in ["/proc/net/tcp", "/proc/net/tcp6"] {
        for l in std::fs::read_to_string(f)
            .unwrap_or_default()
            .lines()
            .skip(1)
        {
            let cols: Vec<&str> = l.split_whitespace().collect();
            if cols.len() > 9 && cols[3] == "0A" {
                let port = cols[1]
                    .rsplit(':')
                    .next()
                    .and_then(|p| u16::from_str_radix(p, 16).ok());
                if let (Some(p), Ok(i)) = (port, cols[9].parse()) {
                    v.push((p, i));
                }
            }
        }
    }
    v
}

/// Waits (bounded by `limit`) until a process running `exe` listens on some
/// TCP port; returns its pid and that port.  For servers started with port
/// 0 (the kernel picks a free port: no race with parallel tests) whose pid
/// the test does not know, such as a daemon.
pub fn wait_exe_listening(exe: &Path, limit: Duration) -> (i32, u16) {
    let exe = exe.canonicalize().unwrap();
    let start = Instant::now();
    loop {
        let socks = listening_sockets();
        for e in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            if std::fs::read_link(format!("/proc/{pid}/exe"))
                .ok()
                .as_deref()
                != Some(&exe)
            {
                continue;
            }
            for &(port, inode) in &socks {
                if holds_socket(pid, &[inode]) {
                    return (pid, port);
                }
            }
        }
        assert!(
            start.elapsed() < limit,
            "no {} process listened within {limit:?}",
            exe.display()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Whether process `pid` holds a listening TCP socket on `port`.
pub fn pid_listens(pid: i32, port: u16) -> bool {
    holds_socket(
        pid,
        &socket_inodes(&["/proc/net/tcp", "/proc/net/tcp6"], port, Some("0A")),
    )
}

/// Every file `make install` must produce, relative to PREFIX, besides the
/// headers (`include/<each of headers()>`).
pub const INSTALLED_FILES: &[&str] = &[
    "lib/libunp.a",
    "lib/libunp.so",
    "lib/pkgconfig/unp.pc",
    "share/unp/Make.defines",
    "share/unp/config.h",
    "share/unp/include/thread.h",
    "share/man/man3/unp.3",
    "share/man/man3/Tcp_connect.3",
    "bin/unp-compare",
    "share/man/man1/unp-compare.1",
];

/// The shared library's soname, `libunp.so.<major>`, derived from the
/// package version (defined once, in the workspace's Cargo.toml).
pub fn soname() -> String {
    format!("libunp.so.{}", env!("CARGO_PKG_VERSION_MAJOR"))
}

/// The committed man pages (`man/man3/*.3`), by file name, sorted.
pub fn man_pages() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("man/man3"))
        .expect("read man/man3")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".3"))
        .collect();
    v.sort();
    v
}

/// The library's headers (`unp.h`, `unpthread.h`, ...): the list is defined
/// once, by the cbindgen configurations (one `cbindgen/<name>.toml` each).
pub fn headers() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("cbindgen"))
        .expect("cbindgen/")
        .map(|e| e.expect("cbindgen entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| format!("{}.h", p.file_stem().unwrap().to_string_lossy()))
        .collect();
    v.sort();
    v
}

/// The installation `make check` stages with `make install
/// PREFIX=<root>/build/stage` before running the tests; asserts that it holds
/// every file of [`INSTALLED_FILES`], every header and every man page of
/// [`man_pages`] under `share/man/man3`, and returns its prefix.  Tests only
/// read it.
pub fn staged_prefix() -> PathBuf {
    ensure_built();
    let prefix = root().join("build/stage");
    let headers = headers().into_iter().map(|h| format!("include/{h}"));
    let pages = man_pages()
        .into_iter()
        .map(|p| format!("share/man/man3/{p}"));
    // The versioned names derive from the one version, Cargo.toml's.
    let versioned = [
        format!("lib/{}", soname()),
        format!("lib/libunp.so.{}", env!("CARGO_PKG_VERSION")),
    ];
    let all = INSTALLED_FILES.iter().map(|f| f.to_string());
    for f in all.chain(headers).chain(pages).chain(versioned) {
        assert!(prefix.join(&f).exists(), "make install did not install {f}");
    }
    prefix
}
