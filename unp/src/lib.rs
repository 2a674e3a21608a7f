//! The support library of *UNIX Network Programming, Vol. 1* for Rust
//! programs, on the very same code as the C library `libunp`.
//!
//! Every function here calls the C-ABI function of the same name in
//! [`sys`] (the crate `unp-sys`, which `libunp.a` / `libunp.so` are built
//! from): same `readline` read-ahead buffer, same formatting, same
//! diagnostics, same exit statuses.  A Rust port of a book program therefore
//! differs from the C original only where the *program* differs.
//!
//! - **Capitalised functions keep the C semantics**: on failure they print the
//!   book's diagnostic (`connect error: Connection refused`) and exit with
//!   status 1, through the library's C error functions (C's `stdout` is
//!   flushed first, syslog is used when `daemon_proc` is set).  Before each
//!   call, Rust's own `std::io::stdout()` buffer is flushed too, since a C
//!   `exit()` would lose it.
//! - **Lowercase functions return `io::Result`** (errno as the error) or
//!   `Option`, where the C function reports failure to its caller.
//! - Rust types replace pointer + length pairs: descriptors are [`RawFd`],
//!   buffers are byte slices, strings are anything [`AsCStr`] (`&str`,
//!   `&CStr`, `OsString` from `std::env::args_os()`, `Path`, ...), socket
//!   addresses are [`SockAddr`] (`SA *` + `socklen_t`, any family, built from
//!   `std::net::SocketAddr`, `libc::sockaddr_in`, a Unix path, ...), C
//!   streams are [`CFile`] ([`stdin()`], [`stdout()`]).
//! - The variadic `err_*` functions are the macros [`err_sys!`],
//!   [`err_quit!`], [`err_msg!`], [`err_ret!`], [`err_dump!`] with
//!   `format!` syntax.
//!
//! ```no_run
//! // The daytime client (the book's Figure 1.5), line for line.
//! use unp::*;
//!
//! let argv: Vec<_> = std::env::args_os().collect();
//! if argv.len() != 2 {
//!     err_quit!("usage: a.out <IPaddress>");
//! }
//! let sockfd = Socket(AF_INET, SOCK_STREAM, 0);
//! let mut servaddr = SockAddr::from(std::net::SocketAddrV4::new(
//!     std::net::Ipv4Addr::UNSPECIFIED, 13));
//! let mut ip = std::net::Ipv4Addr::UNSPECIFIED;
//! Inet_pton(AF_INET, &argv[1], &mut ip); // "inet_pton error for 300.1.2.3"
//! servaddr = SockAddr::from(std::net::SocketAddrV4::new(ip, 13));
//! Connect(sockfd, &servaddr);           // "connect error: Connection refused"
//! let mut recvline = [0u8; MAXLINE + 1];
//! loop {
//!     let n = Read(sockfd, &mut recvline[..MAXLINE]);
//!     if n == 0 { break; }
//!     Fputs(&recvline[..n], stdout());
//! }
//! ```
//!
//! # A Rust process is not quite a C process
//!
//! - Rust's runtime sets SIGPIPE to "ignore" before `main`: a write to a
//!   closed socket then fails with EPIPE (`writen error: Broken pipe`)
//!   where the C program is killed by the signal.  A port that must behave
//!   like C starts with `unsafe { Signal(SIGPIPE, SIG_DFL) }` (the examples
//!   do).
//! - `print!` output sits in Rust's own buffer, `Fputs(.., stdout())` and
//!   `str_cli` / `dg_cli` in C's.  Every function here that may exit flushes
//!   Rust's buffer first, and the C error functions flush C's; a program
//!   that writes to both should flush one before using the other.  That
//!   flush takes Rust's stdout lock: in a signal handler that may interrupt
//!   a `print!`, call the C function through [`sys`] instead (as C code
//!   there must avoid `printf`).
//! - Rust's runtime opens `/dev/null` on descriptors 0-2 when they are
//!   closed at start-up; a C program sees them closed.
//!
//! # Mixing with C in one process
//!
//! Rust and C calls of this library in one program share its state:
//! `Readline` from Rust and `Readline` from C code linked into the same
//! binary use the same per-thread read-ahead buffer, so reading one socket
//! in turn from both loses no bytes.  Do not also link `libunp.a` into a
//! Rust binary that uses this crate: the crate already carries the library.
//!
//! # The C API and its Rust form
//!
//! Every function of the four headers.  "sys" means: no wrapper with Rust
//! types, call the C prototype through [`sys`] (`unsafe`, exactly as in C).
//!
//! ## `unp.h`: errors, sockets, I/O
//!
//! | C | Rust (`unp::…`) |
//! |---|---|
//! | `err_sys`, `err_quit`, `err_dump`, `err_msg`, `err_ret` (variadic) | macros [`err_sys!`]`("fmt", args…) -> !`, [`err_quit!`], [`err_dump!`], [`err_msg!`], [`err_ret!`]; raw: `sys::err_sys(fmt, ...)` |
//! | `Socket(family, type, proto)` | [`Socket`]`(c_int, c_int, c_int) -> RawFd` |
//! | `Socketpair(f, t, p, fd[2])` | [`Socketpair`]`(c_int, c_int, c_int) -> [RawFd; 2]` |
//! | `Bind`, `Connect (fd, const SA *, socklen_t)` | [`Bind`]`(RawFd, &SockAddr)`, [`Connect`]`(RawFd, &SockAddr)` |
//! | `Listen(fd, backlog)` | [`Listen`]`(RawFd, c_int)` |
//! | `Accept(fd, SA *, socklen_t *)` | [`Accept`]`(RawFd, Option<&mut SockAddr>) -> RawFd`; libc's `accept`: [`accept`]` -> io::Result<RawFd>` |
//! | `Getsockname`, `Getpeername` | [`Getsockname`]`(RawFd) -> SockAddr`, [`Getpeername`]`(RawFd) -> SockAddr` |
//! | `Setsockopt`, `Getsockopt` | [`Setsockopt`]`<T>(RawFd, level, name, &T)`, `unsafe` [`Getsockopt`]`<T>(RawFd, level, name, &mut T) -> socklen_t` |
//! | `Shutdown(fd, how)` | [`Shutdown`]`(RawFd, c_int)` |
//! | `Send`, `Recv` | [`Send`](fn@Send)`(RawFd, &[u8], flags)`, [`Recv`]`(RawFd, &mut [u8], flags) -> usize` |
//! | `Sendto`, `Recvfrom` | [`Sendto`]`(RawFd, &[u8], flags, &SockAddr)`, [`Recvfrom`]`(RawFd, &mut [u8], flags, Option<&mut SockAddr>) -> usize` |
//! | `Sendmsg`, `Recvmsg` (`struct msghdr`) | sys |
//! | `Select(nfds, fd_set *×3, timeval *)` | [`Select`]`(c_int, Option<&mut fd_set>×3, Option<&mut timeval>) -> c_int` |
//! | `Poll(pollfd *, nfds, timeout)` | [`Poll`]`(&mut [pollfd], c_int) -> c_int` |
//! | `Sockatmark(fd)` | [`Sockatmark`]`(RawFd) -> c_int` |
//! | `Inet_pton(family, str, void *)` | [`Inet_pton`]`(c_int, &impl AsCStr, &mut impl InetAddr)` (`in_addr`, `in6_addr`, `Ipv4Addr`, `Ipv6Addr`) |
//! | `Inet_ntop(family, void *, char *, len)` | [`Inet_ntop`]`(c_int, &impl InetAddr) -> String` |
//! | `Inet6_rth_*` (routing header buffers) | sys |
//! | `If_nametoindex`, `If_indextoname`, `If_nameindex` | [`If_nametoindex`]`(&impl AsCStr) -> c_uint`, [`If_indextoname`]`(c_uint) -> String`; `If_nameindex`: sys (a list to free with `libc::if_freenameindex`) |
//! | `sock_ntop`, `Sock_ntop (const SA *, socklen_t) -> char *` | [`sock_ntop`]`(&SockAddr) -> io::Result<String>`, [`Sock_ntop`]`(&SockAddr) -> String` |
//! | `sock_ntop_host`, `Sock_ntop_host` | [`sock_ntop_host`]` -> io::Result<String>`, [`Sock_ntop_host`]` -> String` |
//! | `sock_bind_wild`, `Sock_bind_wild (fd, family)` | [`sock_bind_wild`]` -> io::Result<c_int>`, [`Sock_bind_wild`]` -> c_int` (port in network order, as C) |
//! | `sock_cmp_addr`, `sock_cmp_port (sa1, sa2, len)` | [`sock_cmp_addr`]`(&SockAddr, &SockAddr) -> c_int`, [`sock_cmp_port`] |
//! | `sock_get_port(sa, len)` | [`sock_get_port`]`(&SockAddr) -> io::Result<c_int>` (network order) |
//! | `sock_set_port`, `sock_set_wild` | [`sock_set_port`]`(&mut SockAddr, c_int)`, [`sock_set_wild`]`(&mut SockAddr)` |
//! | `sock_set_addr(sa, len, void *)` | sys (untyped address pointer; build a new [`SockAddr`] instead) |
//! | `sockfd_to_family`, `Sockfd_to_family` | [`sockfd_to_family`]`(RawFd) -> io::Result<c_int>`, [`Sockfd_to_family`]`(RawFd) -> c_int` |
//! | `family_to_level`, `Family_to_level` | [`family_to_level`]` -> io::Result<c_int>`, [`Family_to_level`]` -> c_int` |
//! | `tcp_connect`, `Tcp_connect (host, serv)` | [`Tcp_connect`]`(&impl AsCStr, &impl AsCStr) -> RawFd` (C's `tcp_connect` exits on failure too: no lowercase form) |
//! | `tcp_listen`, `Tcp_listen (host, serv, socklen_t *)` | [`Tcp_listen`]`(Option<&impl AsCStr>, &impl AsCStr, Option<&mut socklen_t>) -> RawFd` ([`NULL`] for no host) |
//! | `udp_client`, `Udp_client (host, serv, SA **, socklen_t *)` | [`Udp_client`]`(host, serv) -> (RawFd, SockAddr)` |
//! | `udp_connect`, `Udp_connect` | [`Udp_connect`]`(host, serv) -> RawFd` |
//! | `udp_server`, `Udp_server` | [`Udp_server`]`(Option<host>, serv, Option<&mut socklen_t>) -> RawFd` |
//! | `host_serv`, `Host_serv` (`struct addrinfo *` list) | sys (free with `libc::freeaddrinfo`); `std::net::ToSocketAddrs` for Rust code |
//! | `connect_timeo`, `Connect_timeo` | [`connect_timeo`]`(RawFd, &SockAddr, nsec) -> io::Result<()>`, [`Connect_timeo`] |
//! | `connect_nonb` | [`connect_nonb`]`(RawFd, &SockAddr, nsec) -> io::Result<()>` |
//! | `readable_timeo`, `Readable_timeo`, `writable_timeo`, `Writable_timeo` | [`readable_timeo`]`(RawFd, sec) -> io::Result<c_int>`, [`Readable_timeo`]` -> c_int`, [`writable_timeo`], [`Writable_timeo`] |
//! | `read_fd`, `Read_fd (fd, buf, n, int *recvfd)` | [`read_fd`]`(RawFd, &mut [u8]) -> io::Result<(usize, RawFd)>`, [`Read_fd`]` -> (usize, RawFd)` |
//! | `write_fd`, `Write_fd (fd, buf, n, sendfd)` | [`write_fd`]`(RawFd, &[u8], RawFd) -> io::Result<usize>`, [`Write_fd`]` -> usize` |
//! | `readline`, `Readline (fd, buf, maxlen)` | [`readline`]`(RawFd, &mut [u8]) -> io::Result<usize>`, [`Readline`]`(RawFd, &mut [u8]) -> usize` (the same per-thread buffer as C) |
//! | `readlinebuf(void **)` | [`readlinebuf`]`() -> Vec<u8>` (a copy) |
//! | `readn`, `Readn`, `writen`, `Writen` | [`readn`]`(RawFd, &mut [u8]) -> io::Result<usize>`, [`Readn`]` -> usize`, [`writen`]`(RawFd, &[u8]) -> io::Result<usize>`, [`Writen`]`(RawFd, &[u8])` |
//! | `str_cli(FILE *, fd)`, `str_echo(fd)` | [`str_cli`]`(CFile, RawFd)`, [`str_echo`]`(RawFd)` |
//! | `dg_cli(FILE *, fd, const SA *, len)`, `dg_echo(fd, SA *, len)` | [`dg_cli`]`(CFile, RawFd, &SockAddr)`, [`dg_echo`]`(RawFd, &mut SockAddr) -> !` |
//! | `Signal`, `Signal_intr`, `signal_intr (signo, Sigfunc *)` | `unsafe` [`Signal`]`(c_int, Sigfunc) -> Sigfunc`, `unsafe` [`Signal_intr`]; `signal_intr`: sys |
//! | `mcast_join`, `Mcast_join (fd, grp, grplen, ifname, ifindex)` | [`mcast_join`]`(RawFd, &SockAddr, Option<&impl AsCStr>, c_uint) -> io::Result<()>`, [`Mcast_join`] |
//! | `mcast_leave`, `Mcast_leave` | [`mcast_leave`]`(RawFd, &SockAddr) -> io::Result<()>`, [`Mcast_leave`] |
//! | `mcast_join_source_group`, `Mcast_join_source_group` | [`mcast_join_source_group`]`(RawFd, src: &SockAddr, grp: &SockAddr, ifname, ifindex) -> io::Result<()>`, [`Mcast_join_source_group`] |
//! | `mcast_leave_source_group`, `mcast_block_source`, `mcast_unblock_source` and their capitalised forms | [`mcast_leave_source_group`]`(RawFd, src: &SockAddr, grp: &SockAddr) -> io::Result<()>`, [`mcast_block_source`], [`mcast_unblock_source`], [`Mcast_leave_source_group`], [`Mcast_block_source`], [`Mcast_unblock_source`] |
//! | `mcast_get_if`, `mcast_get_loop`, `mcast_get_ttl` and capitalised | [`mcast_get_if`]`(RawFd) -> io::Result<c_int>`, [`mcast_get_loop`], [`mcast_get_ttl`], [`Mcast_get_if`]`(RawFd) -> c_int`, [`Mcast_get_loop`], [`Mcast_get_ttl`] |
//! | `mcast_set_if`, `mcast_set_loop`, `mcast_set_ttl` and capitalised | [`mcast_set_if`]`(RawFd, Option<&impl AsCStr>, c_uint) -> io::Result<()>`, [`mcast_set_loop`]`(RawFd, c_int)`, [`mcast_set_ttl`]`(RawFd, c_int)`, [`Mcast_set_if`], [`Mcast_set_loop`], [`Mcast_set_ttl`] |
//! | `daemon_init(pname, facility)`, `daemon_inetd` | `unsafe` [`daemon_init`]`(&impl AsCStr, c_int) -> io::Result<()>`, [`daemon_inetd`]; the flag: `sys::daemon_proc` |
//! | `gf_time()` | [`gf_time`]`() -> String` |
//! | `tv_sub(out, in)` | [`tv_sub`]`(&mut timeval, &timeval)` |
//! | `in_cksum(uint16_t *, len)` | sys |
//! | `my_addrs`, `My_addrs` (`char **` list) | sys |
//! | `heartbeat_cli`, `heartbeat_serv`, `inet_srcrt_*`, `inet6_srcrt_print`, `recvfrom_flags`, `Recvfrom_flags`, `Sysctl` | none: declared in `unp.h` for the book's programs, which define them; not in the library |
//!
//! ## `unp.h`: Unix and stdio wrappers
//!
//! | C | Rust (`unp::…`) |
//! |---|---|
//! | `Read(fd, buf, n)`, `Write(fd, buf, n)` | [`Read`]`(RawFd, &mut [u8]) -> usize`, [`Write`]`(RawFd, &[u8])` |
//! | `Close`, `Dup2`, `Fcntl` | [`Close`]`(RawFd)`, [`Dup2`]`(RawFd, RawFd)`, [`Fcntl`]`(RawFd, cmd, c_int) -> c_int` |
//! | `Fork()` | `unsafe` [`Fork`]`() -> pid_t` |
//! | `Pipe(fds[2])` | [`Pipe`]`() -> [RawFd; 2]` |
//! | `Open(path, flags, mode)`, `Unlink(path)` | [`Open`]`(&impl AsCStr, c_int, mode_t) -> RawFd`, [`Unlink`]`(&impl AsCStr)` |
//! | `Wait(int *)`, `Waitpid(pid, int *, opt)` | [`Wait`]`() -> (pid_t, c_int)`, [`Waitpid`]`(pid_t, c_int) -> (pid_t, c_int)`; libc's: [`wait`], [`waitpid`]` -> io::Result<(pid_t, c_int)>` |
//! | `Sigemptyset`, `Sigfillset`, `Sigaddset`, `Sigdelset`, `Sigismember`, `Sigpending`, `Sigprocmask` | [`Sigemptyset`]`(&mut sigset_t)`, … [`Sigprocmask`]`(how, Option<&sigset_t>, Option<&mut sigset_t>)` |
//! | `Sysconf(name)`, `Gettimeofday(tv, tz)` | [`Sysconf`]`(c_int) -> c_long`, [`Gettimeofday`]`() -> timeval` |
//! | `Ioctl(fd, req, void *)`, `Mmap` | sys (untyped pointers) |
//! | `Malloc`, `Calloc`, `Strdup`, `Mkstemp` | sys (memory for C callers; Rust code uses its own allocation and `std::fs`) |
//! | `Fgets(buf, n, FILE *)`, `Fputs(str, FILE *)` | [`Fgets`]`(&mut [u8], CFile) -> Option<&[u8]>`, [`Fputs`]`(&impl AsCStr, CFile)` |
//! | `Fopen`, `Fdopen`, `Fclose` | [`Fopen`]`(path, mode) -> CFile`, [`Fdopen`]`(RawFd, mode) -> CFile`, `unsafe` [`Fclose`]`(CFile)` |
//!
//! ## `unpthread.h`, `unpifi.h`, `unprtt.h`
//!
//! | C | Rust |
//! |---|---|
//! | `Pthread_*` (create, join, detach, kill, mutex, cond, key, once) | sys (Rust programs use `std::thread` and `std::sync`) |
//! | `get_ifi_info`, `Get_ifi_info`, `free_ifi_info` (`struct ifi_info` list) | sys (`sys::ifi_info`) |
//! | `rtt_init`, `rtt_ts`, `rtt_newpack`, `rtt_start`, `rtt_stop`, `rtt_timeout`, `rtt_debug` (`struct rtt_info *`) | [`rtt_init`]`(&mut rtt_info)`, [`rtt_ts`]`(&mut rtt_info) -> u32`, [`rtt_newpack`], [`rtt_start`]` -> c_int`, [`rtt_stop`]`(&mut rtt_info, u32)`, [`rtt_timeout`]` -> c_int`, [`rtt_debug`]; the flag: `sys::rtt_d_flag` |
//!
//! Constants of `unp.h`: [`MAXLINE`], [`BUFFSIZE`], [`LISTENQ`],
//! [`SERV_PORT`], [`SERV_PORT_STR`], [`UNIXSTR_PATH`], [`UNIXDG_PATH`]; the
//! usual libc constants (`AF_INET`, `SOCK_STREAM`, `SIGCHLD`, …) are
//! re-exported, and all of [`libc`] is reachable as `unp::libc`.
#![allow(non_snake_case)]
#![deny(clippy::undocumented_unsafe_blocks)]

use std::ffi::c_int;

mod addr;
mod cstr;
mod echo;
#[doc(hidden)]
pub mod error;
mod mcast;
mod names;
mod select;
mod signal;
mod sock;
pub mod soundness;
mod stdio;
mod unix;
mod util;

pub use addr::*;
pub use cstr::{atoi, atol, AsCStr, AsOptCStr, NULL};
pub use echo::*;
pub use error::ErrorCode;
pub use mcast::*;
pub use names::*;
pub use select::*;
pub use signal::*;
pub use sock::*;
pub use stdio::*;
pub use unix::*;

/// The descriptor types and traits of `std::os::fd`, for `use unp::*`.
pub use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};

/// The libc crate, for the types and constants of the C prototypes.
pub use libc;

pub use libc::{
    in6_addr, in_addr, pid_t, sockaddr, sockaddr_in, sockaddr_in6, sockaddr_storage, sockaddr_un,
    socklen_t, AF_INET, AF_INET6, AF_LOCAL, AF_UNIX, AF_UNSPEC, EINTR, INADDR_ANY, IPPROTO_IP,
    IPPROTO_IPV6, IPPROTO_TCP, IPPROTO_UDP, SHUT_RD, SHUT_RDWR, SHUT_WR, SIGALRM, SIGCHLD, SIGINT,
    SIGPIPE, SIGTERM, SOCK_DGRAM, SOCK_RAW, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, WNOHANG,
};

/// `INET_ADDRSTRLEN`: room for an IPv4 address string with its NUL.
pub const INET_ADDRSTRLEN: usize = 16;
/// `INET6_ADDRSTRLEN`: room for an IPv6 address string with its NUL.
pub const INET6_ADDRSTRLEN: usize = 46;

/// The book's `SA`: `struct sockaddr`.
pub type SA = libc::sockaddr;

/// Second argument to `listen()` (the `LISTENQ` environment variable
/// overrides it in [`Listen`]).
pub const LISTENQ: c_int = 1024;
/// Maximum text line length.
pub const MAXLINE: usize = 4096;
/// Buffer size for reads and writes.
pub const BUFFSIZE: usize = 8192;
/// The TCP and UDP echo servers' port, a `u16` as `std::net` takes it
/// (`SocketAddrV4::new(ip, SERV_PORT)`).
pub const SERV_PORT: u16 = 9877;
/// [`SERV_PORT`] as a service string.
pub const SERV_PORT_STR: &str = "9877";
/// The Unix-domain stream examples' pathname.
pub const UNIXSTR_PATH: &str = "/tmp/unix.str";
/// The Unix-domain datagram examples' pathname.
pub const UNIXDG_PATH: &str = "/tmp/unix.dg";

/// The raw C ABI with the exact C prototypes of the four headers (all of
/// `unp-sys`'s exported functions in one namespace), for code that wants C
/// semantics to the letter.  Everything here is `unsafe` as in C.
pub mod sys {
    pub use unp_sys::{
        connect_nonb::*, connect_timeo::*, daemon::*, dg_cli::*, dg_echo::*, family::*, fd_pass::*,
        get_ifi_info::*, gf_time::*, in_cksum::*, mcast::*, misc::*, names::*, readline::*,
        readn::*, rtt::*, signal::*, sock_ntop::*, sockaddr::*, str_cli::*, str_echo::*, timeo::*,
        wraplib::*, wrappthread::*, wrapsock::*, wrapstdio::*, wrapunix::*, writen::*,
    };

    /// Nonzero once `daemon_init` / `daemon_inetd` ran: the `err_*`
    /// functions then log to syslog.
    pub use unp_sys::error::daemon_proc;

    use std::ffi::c_char;

    extern "C" {
        /// `void err_sys(const char *fmt, ...)`: message, `": strerror(errno)"`, exit(1).
        pub fn err_sys(fmt: *const c_char, ...);
        /// `void err_quit(const char *fmt, ...)`: message, exit(1).
        pub fn err_quit(fmt: *const c_char, ...);
        /// `void err_dump(const char *fmt, ...)`: message, `": strerror(errno)"`, abort().
        pub fn err_dump(fmt: *const c_char, ...);
        /// `void err_ret(const char *fmt, ...)`: message, `": strerror(errno)"`, return.
        pub fn err_ret(fmt: *const c_char, ...);
        /// `void err_msg(const char *fmt, ...)`: message, return.
        pub fn err_msg(fmt: *const c_char, ...);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn constants_match_the_header() {
        let h = include_str!("../../include/unp.h");
        for (name, v) in [
            ("LISTENQ", super::LISTENQ.to_string()),
            ("MAXLINE", super::MAXLINE.to_string()),
            ("BUFFSIZE", super::BUFFSIZE.to_string()),
            ("SERV_PORT", super::SERV_PORT.to_string()),
            ("SERV_PORT_STR", format!("\"{}\"", super::SERV_PORT_STR)),
            ("UNIXSTR_PATH", format!("\"{}\"", super::UNIXSTR_PATH)),
            ("UNIXDG_PATH", format!("\"{}\"", super::UNIXDG_PATH)),
        ] {
            let line = format!("#define {name} {v}");
            assert!(h.lines().any(|l| l.starts_with(&line)), "{line}");
        }
    }

    /// Every function the library defines is reachable as `sys::NAME` with
    /// its C prototype (a compile-time check: one missing name fails the
    /// build of the tests).
    #[test]
    fn every_library_function_is_in_sys() {
        macro_rules! in_sys {
            ($($n:ident),* $(,)?) => { $(let _ = &super::sys::$n;)* };
        }
        in_sys!(
            Accept,
            Bind,
            Calloc,
            Close,
            Connect,
            Connect_timeo,
            Dup2,
            Family_to_level,
            Fclose,
            Fcntl,
            Fdopen,
            Fgets,
            Fopen,
            Fork,
            Fputs,
            Get_ifi_info,
            Getpeername,
            Getsockname,
            Getsockopt,
            Gettimeofday,
            Host_serv,
            If_indextoname,
            If_nameindex,
            If_nametoindex,
            Inet6_rth_add,
            Inet6_rth_getaddr,
            Inet6_rth_init,
            Inet6_rth_reverse,
            Inet6_rth_segments,
            Inet6_rth_space,
            Inet_ntop,
            Inet_pton,
            Ioctl,
            Listen,
            Malloc,
            Mcast_block_source,
            Mcast_get_if,
            Mcast_get_loop,
            Mcast_get_ttl,
            Mcast_join,
            Mcast_join_source_group,
            Mcast_leave,
            Mcast_leave_source_group,
            Mcast_set_if,
            Mcast_set_loop,
            Mcast_set_ttl,
            Mcast_unblock_source,
            Mkstemp,
            Mmap,
            My_addrs,
            Open,
            Pipe,
            Poll,
            Pthread_cond_broadcast,
            Pthread_cond_signal,
            Pthread_cond_timedwait,
            Pthread_cond_wait,
            Pthread_create,
            Pthread_detach,
            Pthread_join,
            Pthread_key_create,
            Pthread_kill,
            Pthread_mutex_init,
            Pthread_mutex_lock,
            Pthread_mutex_unlock,
            Pthread_mutexattr_init,
            Pthread_mutexattr_setpshared,
            Pthread_once,
            Pthread_setspecific,
            Read,
            Read_fd,
            Readable_timeo,
            Readline,
            Readn,
            Recv,
            Recvfrom,
            Recvmsg,
            Select,
            Send,
            Sendmsg,
            Sendto,
            Setsockopt,
            Shutdown,
            Sigaddset,
            Sigdelset,
            Sigemptyset,
            Sigfillset,
            Sigismember,
            Signal,
            Signal_intr,
            Sigpending,
            Sigprocmask,
            Sock_bind_wild,
            Sock_ntop,
            Sock_ntop_host,
            Sockatmark,
            Socket,
            Socketpair,
            Sockfd_to_family,
            Strdup,
            Sysconf,
            Tcp_connect,
            Tcp_listen,
            Udp_client,
            Udp_connect,
            Udp_server,
            Unlink,
            Wait,
            Waitpid,
            Writable_timeo,
            Write,
            Write_fd,
            Writen,
            connect_nonb,
            connect_timeo,
            daemon_inetd,
            daemon_init,
            dg_cli,
            dg_echo,
            err_dump,
            err_msg,
            err_quit,
            err_ret,
            err_sys,
            family_to_level,
            free_ifi_info,
            get_ifi_info,
            gf_time,
            host_serv,
            in_cksum,
            mcast_block_source,
            mcast_get_if,
            mcast_get_loop,
            mcast_get_ttl,
            mcast_join,
            mcast_join_source_group,
            mcast_leave,
            mcast_leave_source_group,
            mcast_set_if,
            mcast_set_loop,
            mcast_set_ttl,
            mcast_unblock_source,
            my_addrs,
            read_fd,
            readable_timeo,
            readline,
            readlinebuf,
            readn,
            rtt_debug,
            rtt_init,
            rtt_newpack,
            rtt_start,
            rtt_stop,
            rtt_timeout,
            rtt_ts,
            signal_intr,
            sock_bind_wild,
            sock_cmp_addr,
            sock_cmp_port,
            sock_get_port,
            sock_ntop,
            sock_ntop_host,
            sock_set_addr,
            sock_set_port,
            sock_set_wild,
            sockfd_to_family,
            str_cli,
            str_echo,
            tcp_connect,
            tcp_listen,
            tv_sub,
            udp_client,
            udp_connect,
            udp_server,
            writable_timeo,
            write_fd,
            writen
        );
    }

    /// Every function declared in the four headers has a row in the crate
    /// documentation's table: its name in backquotes, or a family written
    /// `prefix_*`.
    #[test]
    fn the_table_covers_every_header_function() {
        let doc = include_str!("lib.rs");
        let table: Vec<&str> = doc.lines().filter(|l| l.starts_with("//! | `")).collect();
        let families: Vec<&str> = table
            .iter()
            .flat_map(|l| l.split('`'))
            .filter_map(|w| w.strip_suffix('*'))
            .filter(|f| f.len() > 1 && f.ends_with('_'))
            .collect();
        let headers = [
            include_str!("../../include/unp.h"),
            include_str!("../../include/unpthread.h"),
            include_str!("../../include/unpifi.h"),
            include_str!("../../include/unprtt.h"),
        ];
        let mut missing = Vec::new();
        let mut seen = 0;
        for h in headers {
            // A prototype: one line ending in ");", not a macro, comment,
            // typedef or continuation.
            for line in h.lines() {
                // A trailing comment is not part of the prototype.
                let line = match line.find("/*") {
                    Some(c) if c > 0 => line[..c].trim_end(),
                    _ => line,
                };
                if !line.ends_with(");")
                    || line.starts_with([' ', '#', '/', '*'])
                    || line.starts_with("typedef")
                {
                    continue;
                }
                let Some(open) = line.find('(') else { continue };
                let name = line[..open].rsplit([' ', '*']).next().unwrap_or("");
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    continue;
                }
                seen += 1;
                let quoted = format!("`{name}`");
                let in_table = table
                    .iter()
                    .any(|l| l.contains(&quoted) || l.contains(&format!("`{name}(")))
                    || families.iter().any(|f| name.starts_with(f));
                if !in_table {
                    missing.push(name.to_string());
                }
            }
        }
        assert_eq!(seen, 186, "prototypes found in the headers");
        assert!(missing.is_empty(), "not in the table: {missing:?}");
    }
}
