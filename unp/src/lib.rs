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
//!   flushed first, syslog is used when `daemon_proc` is set).  Rust's own
//!   `std::io::stdout()` buffer is flushed on that path too, by a hook this
//!   crate gives the library once at start-up: a call that succeeds costs
//!   what the C call costs.
//! - **Every capitalised function has a lowercase twin** with the same
//!   arguments returning `io::Result` (`Socket` / [`socket`], `Bind` /
//!   [`bind`], `Tcp_connect` / [`tcp_connect`], `Readline` / [`readline`],
//!   …), whether or not the C library has the lowercase name: code that
//!   must survive an error never leaves the crate.  Their errors always
//!   carry an errno (`EINVAL`, `EAFNOSUPPORT`, … where the C function sets
//!   none, each documented), or, for name resolution, a [`GaiError`].
//! - **Descriptors are I/O-safe, the `std` way**: the functions that create
//!   one return an [`OwnedFd`] (`.into()` makes it a `TcpStream`,
//!   `UnixStream`, `File`, …), descriptor arguments are `impl` [`AsFd`]
//!   (`&OwnedFd`, `&TcpStream`, `BorrowedFd`, …), and [`Close`] consumes
//!   the descriptor, so closing one you do not own, or using one after
//!   `Close`, does not compile.
//! - Rust types replace pointer + length pairs: buffers are byte slices,
//!   strings are anything [`AsCStr`] (`&str`, `&CStr`, `OsString` from
//!   `std::env::args_os()`, `Path`, ...), socket addresses are [`SockAddr`]
//!   (`SA *` + `socklen_t`, any family, built from `std::net::SocketAddr`,
//!   `libc::sockaddr_in`, a Unix path, ...; it prints with `{}` as
//!   `sock_ntop` does), `fd_set` is [`FdSet`], C streams are [`CFile`]
//!   ([`CFile::stdin`], [`CFile::stdout`]).
//! - The variadic `err_*` functions are the macros [`err_sys!`],
//!   [`err_quit!`], [`err_msg!`], [`err_ret!`], [`err_dump!`] with
//!   `format!` syntax; `err_sys!`, `err_ret!` and `err_dump!` also take an
//!   `io::Error` (or an errno) first: `err_sys!(e, "accept error")`.
//! - Nothing here that is not `unsafe fn` can cause undefined behaviour,
//!   write outside what it was given, keep a pointer past its call, or close
//!   or replace a descriptor its caller does not own: the [`soundness`]
//!   module has the audit, function by function.
//!
//! ```no_run
//! // The daytime client (the book's Figure 1.5), line for line.
//! use std::net::{Ipv4Addr, SocketAddrV4};
//! use unp::*;
//!
//! let argv: Vec<_> = std::env::args_os().collect();
//! if argv.len() != 2 {
//!     err_quit!("usage: a.out <IPaddress>");
//! }
//! let sockfd = Socket(AF_INET, SOCK_STREAM, 0);
//! let mut ip = Ipv4Addr::UNSPECIFIED;
//! Inet_pton(AF_INET, &argv[1], &mut ip); // "inet_pton error for 300.1.2.3"
//! let servaddr = SockAddr::from(SocketAddrV4::new(ip, 13));
//! Connect(&sockfd, &servaddr);          // "connect error: Connection refused"
//! let mut recvline = [0u8; MAXLINE + 1];
//! loop {
//!     let n = Read(&sockfd, &mut recvline[..MAXLINE]);
//!     if n == 0 { break; }
//!     Fputs(&recvline[..n], CFile::stdout());
//! }
//! ```
//!
//! The book's forking server keeps its shape: the child gives up the
//! listening socket, the parent the connected one, and neither can touch
//! what it gave up (the descriptors are `OwnedFd`s):
//!
//! ```no_run
//! # use unp::*;
//! # let listenfd = Socket(AF_INET, SOCK_STREAM, 0);
//! loop {
//!     let connfd = Accept(&listenfd, None);
//!     // SAFETY: one thread.
//!     if unsafe { Fork() } == 0 {
//!         Close(listenfd);  // child closes listening socket
//!         str_echo(&connfd); // process the request
//!         std::process::exit(0);
//!     }
//!     Close(connfd);        // parent closes connected socket
//! }
//! ```
//!
//! # Testing
//!
//! **A capitalised call that fails ends the process** (the book's
//! `exit(1)`, through the C error functions; `err_dump!` aborts).  In
//! `cargo test` that is the whole test binary: the tests still running or
//! not yet run are never reported, and destructors do not run (drop guards,
//! temporary directories, child processes to kill are left behind).  Tests,
//! and any code that must survive an error (a retry loop, a library), call
//! the lowercase twins, which return the error:
//!
//! ```
//! use unp::*;
//! // A bound socket that never listens: connecting to it is refused.
//! let quiet = socket(AF_INET, SOCK_STREAM, 0).unwrap();
//! bind(&quiet, &SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap())).unwrap();
//! let fd = socket(AF_INET, SOCK_STREAM, 0).unwrap();
//! let e = connect(&fd, &getsockname(&quiet).unwrap()).unwrap_err();
//! assert_eq!(e.raw_os_error(), Some(libc::ECONNREFUSED));
//! ```
//!
//! To check that a capitalised call prints the book's diagnostic and exit
//! status, run it in a child process: a test can run its own test binary
//! again (`std::env::current_exe()`, `--exact NAME`) with an environment
//! variable naming what that child should do, as this crate's
//! `tests/die.rs` does.
//!
//! # A Rust process is not quite a C process
//!
//! - Rust's runtime sets SIGPIPE to "ignore" before `main`: a write to a
//!   closed socket then fails with EPIPE (`writen error: Broken pipe`)
//!   where the C program is killed by the signal.  A port that must behave
//!   like C starts with `Signal(SIGPIPE, SIG_DFL)` (the examples do; no
//!   `unsafe`: only installing a handler of your own is).
//! - `print!` output sits in Rust's own buffer, `Fputs(.., CFile::stdout())`
//!   and `str_cli` / `dg_cli` in C's.  The library's error path flushes
//!   both (Rust's first) and `Fork`/`daemon_init` flush Rust's; a program
//!   that writes to both should flush one before using the other
//!   ([`CFile::flush`] for C's).  The error path's flush takes Rust's stdout
//!   lock: an error reported from a signal handler that interrupted a
//!   `print!` skips it (as C code there must avoid `printf`).
//! - Rust's runtime opens `/dev/null` on descriptors 0-2 when they are
//!   closed at start-up; a C program sees them closed.
//!
//! # Mixing with C in one process
//!
//! Rust and C calls of this library in one program share its state:
//! `Readline` from Rust and `Readline` from C code linked into the same
//! binary use the same per-thread read-ahead buffer, so reading one socket
//! in turn from both loses no bytes.  (That buffer is per *thread*, not per
//! descriptor: see [`readline`].)  Do not also link `libunp.a` into a Rust
//! binary that uses this crate: the crate already carries the library.
//!
//! # The C API and its Rust form
//!
//! Every function of the four headers.  A descriptor argument (`fd`) is
//! `impl AsFd`; a descriptor returned is an `OwnedFd`.  Each capitalised
//! function has the lowercase twin named in its row, with the same
//! arguments, returning `io::Result` of what it returns.  "sys" means: no
//! wrapper with Rust types, call the C prototype through [`sys`] (`unsafe`,
//! exactly as in C).
//!
//! ## `unp.h`: errors, sockets, I/O
//!
//! | C | Rust (`unp::…`) |
//! |---|---|
//! | `err_sys`, `err_quit`, `err_dump`, `err_msg`, `err_ret` (variadic) | macros [`err_sys!`]`([err,] "fmt", args…) -> !`, [`err_quit!`], [`err_dump!`], [`err_msg!`], [`err_ret!`]; raw: `sys::err_sys(fmt, ...)` |
//! | `Socket(family, type, proto)` | [`Socket`]`(c_int, c_int, c_int) -> OwnedFd`; [`socket`] |
//! | `Socketpair(f, t, p, fd[2])` | [`Socketpair`]`(c_int, c_int, c_int) -> [OwnedFd; 2]`; [`socketpair`] |
//! | `Bind`, `Connect (fd, const SA *, socklen_t)` | [`Bind`]`(fd, &SockAddr)`, [`Connect`]`(fd, &SockAddr)`; [`bind`], [`connect`] |
//! | `Listen(fd, backlog)` | [`Listen`]`(fd, c_int)`; [`listen`] (same `LISTENQ` override) |
//! | `Accept(fd, SA *, socklen_t *)` | [`Accept`]`(fd, Option<&mut SockAddr>) -> OwnedFd`; [`accept`] (libc's: EINTR, ECONNABORTED are errors) |
//! | `Getsockname`, `Getpeername` | [`Getsockname`]`(fd) -> SockAddr`, [`Getpeername`]`(fd) -> SockAddr`; [`getsockname`], [`getpeername`] |
//! | `Setsockopt`, `Getsockopt` | [`Setsockopt`]`<T: SockOpt>(fd, level, name, &T)`, [`Getsockopt`]`<T: SockOpt>(fd, level, name, &mut T) -> socklen_t`; [`setsockopt`], [`getsockopt`] (pointer-free option types, the book's levels: see [`SockOpt`]; others: sys) |
//! | `Shutdown(fd, how)` | [`Shutdown`]`(fd, c_int)`; [`shutdown`] |
//! | `Send`, `Recv` | [`Send`](fn@Send)`(fd, &[u8], flags)`, [`Recv`]`(fd, &mut [u8], flags) -> usize` (with `MSG_TRUNC` the count may exceed the slice); [`send`], [`recv`] |
//! | `Sendto`, `Recvfrom` | [`Sendto`]`(fd, &[u8], flags, &SockAddr)`, [`Recvfrom`]`(fd, &mut [u8], flags, Option<&mut SockAddr>) -> usize`; [`sendto`], [`recvfrom`] |
//! | `Sendmsg`, `Recvmsg` (`struct msghdr`) | sys |
//! | `Select(nfds, fd_set *×3, timeval *)` | [`Select`]`(Option<&mut FdSet>×3, Option<&mut timeval>) -> c_int` (`nfds` from the sets); [`select`]; [`FdSet`] for `FD_ZERO`, `FD_SET`, `FD_CLR`, `FD_ISSET` |
//! | `Poll(pollfd *, nfds, timeout)` | [`Poll`]`(&mut [pollfd], c_int) -> c_int`; [`poll`] |
//! | `Sockatmark(fd)` | [`Sockatmark`]`(fd) -> c_int`; [`sockatmark`] |
//! | `Inet_pton(family, str, void *)` | [`Inet_pton`]`(c_int, &impl AsCStr, &mut impl InetAddr)` (`in_addr`, `in6_addr`, `Ipv4Addr`, `Ipv6Addr`); [`inet_pton`] |
//! | `Inet_ntop(family, void *, char *, len)` | [`Inet_ntop`]`(c_int, &impl InetAddr) -> String`; [`inet_ntop`] |
//! | `Inet6_rth_*` (routing header buffers) | sys |
//! | `If_nametoindex`, `If_indextoname`, `If_nameindex` | [`If_nametoindex`]`(&impl AsCStr) -> c_uint`, [`If_indextoname`]`(c_uint) -> String`; [`if_nametoindex`], [`if_indextoname`]; `If_nameindex`: sys (a list to free with `libc::if_freenameindex`) |
//! | `sock_ntop`, `Sock_ntop (const SA *, socklen_t) -> char *` | [`sock_ntop`]`(&SockAddr) -> io::Result<String>`, [`Sock_ntop`]`(&SockAddr) -> String`; also `format!("{}", sa)` |
//! | `sock_ntop_host`, `Sock_ntop_host` | [`sock_ntop_host`]` -> io::Result<String>`, [`Sock_ntop_host`]` -> String` |
//! | `sock_bind_wild`, `Sock_bind_wild (fd, family)` | [`sock_bind_wild`]` -> io::Result<c_int>`, [`Sock_bind_wild`]` -> c_int` (port in network order, as C) |
//! | `sock_cmp_addr`, `sock_cmp_port (sa1, sa2, len)` | [`sock_cmp_addr`]`(&SockAddr, &SockAddr) -> c_int`, [`sock_cmp_port`] |
//! | `sock_get_port(sa, len)` | [`sock_get_port`]`(&SockAddr) -> io::Result<c_int>` (network order) |
//! | `sock_set_port`, `sock_set_wild` | [`sock_set_port`]`(&mut SockAddr, c_int)`, [`sock_set_wild`]`(&mut SockAddr)` |
//! | `sock_set_addr(sa, len, void *)` | sys (untyped address pointer; build a new [`SockAddr`] instead) |
//! | `sockfd_to_family`, `Sockfd_to_family` | [`sockfd_to_family`]`(fd) -> io::Result<c_int>`, [`Sockfd_to_family`]`(fd) -> c_int` |
//! | `family_to_level`, `Family_to_level` | [`family_to_level`]` -> io::Result<c_int>`, [`Family_to_level`]` -> c_int` |
//! | `tcp_connect`, `Tcp_connect (host, serv)` | [`Tcp_connect`]`(&impl AsCStr, &impl AsCStr) -> OwnedFd`; [`tcp_connect`] (C's exits; this one returns the error) |
//! | `tcp_listen`, `Tcp_listen (host, serv, socklen_t *)` | [`Tcp_listen`]`(impl AsOptCStr, &impl AsCStr, Option<&mut socklen_t>) -> OwnedFd` (`None` for no host); [`tcp_listen`] |
//! | `udp_client`, `Udp_client (host, serv, SA **, socklen_t *)` | [`Udp_client`]`(host, serv) -> (OwnedFd, SockAddr)`; [`udp_client`] |
//! | `udp_connect`, `Udp_connect` | [`Udp_connect`]`(host, serv) -> OwnedFd`; [`udp_connect`] |
//! | `udp_server`, `Udp_server` | [`Udp_server`]`(impl AsOptCStr, serv, Option<&mut socklen_t>) -> OwnedFd`; [`udp_server`] |
//! | `host_serv`, `Host_serv` (`struct addrinfo *` list) | sys (free with `libc::freeaddrinfo`); `std::net::ToSocketAddrs` for Rust code |
//! | `connect_timeo`, `Connect_timeo` | [`connect_timeo`]`(OwnedFd, &SockAddr, nsec) -> io::Result<OwnedFd>`, [`Connect_timeo`]` -> OwnedFd` (they take the descriptor: C closes it on failure) |
//! | `connect_nonb` | [`connect_nonb`]`(OwnedFd, &SockAddr, nsec) -> io::Result<OwnedFd>` (closed on failure) |
//! | `readable_timeo`, `Readable_timeo`, `writable_timeo`, `Writable_timeo` | [`readable_timeo`]`(fd, sec) -> io::Result<c_int>`, [`Readable_timeo`]` -> c_int`, [`writable_timeo`], [`Writable_timeo`] |
//! | `read_fd`, `Read_fd (fd, buf, n, int *recvfd)` | [`read_fd`]`(fd, &mut [u8]) -> io::Result<(usize, Option<OwnedFd>)>`, [`Read_fd`]` -> (usize, Option<OwnedFd>)` |
//! | `write_fd`, `Write_fd (fd, buf, n, sendfd)` | [`write_fd`]`(fd, &[u8], sendfd: impl AsFd) -> io::Result<usize>`, [`Write_fd`]` -> usize` |
//! | `readline`, `Readline (fd, buf, maxlen)` | [`readline`]`(fd, &mut [u8]) -> io::Result<usize>`, [`Readline`]`(fd, &mut [u8]) -> usize` (the same per-thread buffer as C: per thread, not per descriptor) |
//! | `readlinebuf(void **)` | [`readlinebuf`]`() -> Vec<u8>` (a copy) |
//! | `readn`, `Readn`, `writen`, `Writen` | [`readn`]`(fd, &mut [u8]) -> io::Result<usize>`, [`Readn`]` -> usize`, [`writen`]`(fd, &[u8]) -> io::Result<usize>`, [`Writen`]`(fd, &[u8])` |
//! | `str_cli(FILE *, fd)`, `str_echo(fd)` | [`str_cli`]`(CFile, fd)`, [`str_echo`]`(fd)` (they exit on failure, as in C) |
//! | `dg_cli(FILE *, fd, const SA *, len)`, `dg_echo(fd, SA *, len)` | [`dg_cli`]`(CFile, fd, &SockAddr)`, [`dg_echo`]`(fd, &mut SockAddr) -> !` |
//! | `Signal`, `Signal_intr`, `signal_intr (signo, Sigfunc *)` | [`Signal`]`(c_int, Sigfunc) -> SigfuncPtr`, [`Signal_intr`]; [`signal`], [`signal_intr`]; [`SIG_DFL`], [`SIG_IGN`] safe, a handler through `unsafe` [`Sigfunc::handler`] |
//! | `mcast_join`, `Mcast_join (fd, grp, grplen, ifname, ifindex)` | [`mcast_join`]`(fd, &SockAddr, impl AsOptCStr, c_uint) -> io::Result<()>`, [`Mcast_join`] |
//! | `mcast_leave`, `Mcast_leave` | [`mcast_leave`]`(fd, &SockAddr) -> io::Result<()>`, [`Mcast_leave`] |
//! | `mcast_join_source_group`, `Mcast_join_source_group` | [`mcast_join_source_group`]`(fd, src: &SockAddr, grp: &SockAddr, ifname, ifindex) -> io::Result<()>`, [`Mcast_join_source_group`] |
//! | `mcast_leave_source_group`, `mcast_block_source`, `mcast_unblock_source` and their capitalised forms | [`mcast_leave_source_group`]`(fd, src: &SockAddr, grp: &SockAddr) -> io::Result<()>`, [`mcast_block_source`], [`mcast_unblock_source`], [`Mcast_leave_source_group`], [`Mcast_block_source`], [`Mcast_unblock_source`] |
//! | `mcast_get_if`, `mcast_get_loop`, `mcast_get_ttl` and capitalised | [`mcast_get_if`]`(fd) -> io::Result<c_int>`, [`mcast_get_loop`], [`mcast_get_ttl`], [`Mcast_get_if`]`(fd) -> c_int`, [`Mcast_get_loop`], [`Mcast_get_ttl`] |
//! | `mcast_set_if`, `mcast_set_loop`, `mcast_set_ttl` and capitalised | [`mcast_set_if`]`(fd, impl AsOptCStr, c_uint) -> io::Result<()>`, [`mcast_set_loop`]`(fd, c_int)`, [`mcast_set_ttl`]`(fd, c_int)`, [`Mcast_set_if`], [`Mcast_set_loop`], [`Mcast_set_ttl`] |
//! | `daemon_init(pname, facility)`, `daemon_inetd` | `unsafe` [`daemon_init`]`(&impl AsCStr, c_int) -> io::Result<()>`, [`daemon_inetd`] (the name is kept alive for syslog); the flag: `sys::daemon_proc` |
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
//! | `Read(fd, buf, n)`, `Write(fd, buf, n)` | [`Read`]`(fd, &mut [u8]) -> usize`, [`Write`]`(fd, &[u8])`; [`read`], [`write`](fn@write) |
//! | `Close`, `Dup2`, `Fcntl` | [`Close`]`(impl Into<OwnedFd>)`, [`Dup2`]`(fd, &mut OwnedFd)` (`unsafe` [`Dup2_raw`]`(fd, RawFd)` onto any number), [`Fcntl`]`(fd, cmd, c_int) -> c_int` (integer commands only); [`close`], [`dup2`], [`fcntl`] |
//! | `Fork()` | `unsafe` [`Fork`]`() -> pid_t`; `unsafe` [`fork`] |
//! | `Pipe(fds[2])` | [`Pipe`]`() -> [OwnedFd; 2]`; [`pipe`] |
//! | `Open(path, flags, mode)`, `Unlink(path)` | [`Open`]`(&impl AsCStr, c_int, mode_t) -> OwnedFd`, [`Unlink`]`(&impl AsCStr)`; [`open`], [`unlink`] |
//! | `Wait(int *)`, `Waitpid(pid, int *, opt)` | [`Wait`]`() -> (pid_t, c_int)`, [`Waitpid`]`(pid_t, c_int) -> (pid_t, c_int)`; [`wait`], [`waitpid`] |
//! | `Sigemptyset`, `Sigfillset`, `Sigaddset`, `Sigdelset`, `Sigismember`, `Sigpending`, `Sigprocmask` | [`Sigemptyset`]`(&mut sigset_t)`, … [`Sigprocmask`]`(how, Option<&sigset_t>, Option<&mut sigset_t>)`; [`sigemptyset`], … [`sigprocmask`] |
//! | `Sysconf(name)`, `Gettimeofday(tv, tz)` | [`Sysconf`]`(c_int) -> c_long`, [`Gettimeofday`]`() -> timeval`; [`sysconf`], [`gettimeofday`] |
//! | `Ioctl(fd, req, void *)`, `Mmap` | sys (untyped pointers) |
//! | `Malloc`, `Calloc`, `Strdup`, `Mkstemp` | sys (memory for C callers; Rust code uses its own allocation and `std::fs`) |
//! | `Fgets(buf, n, FILE *)`, `Fputs(str, FILE *)` | [`Fgets`]`(&mut [u8], CFile) -> Option<&[u8]>`, [`Fputs`]`(&impl AsCStr, CFile)`; [`fgets`], [`fputs`]; `fflush`, `fileno`: [`CFile::flush`], [`CFile::fileno`] |
//! | `Fopen`, `Fdopen`, `Fclose` | [`Fopen`]`(path, mode) -> CFile`, [`Fdopen`]`(impl Into<OwnedFd>, mode) -> CFile`, `unsafe` [`Fclose`]`(CFile)`; [`fopen`], [`fdopen`], `unsafe` [`fclose`] |
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
//! [`SERV_PORT`] (a `u16`, as `std::net` takes a port), [`SERV_PORT_STR`],
//! [`UNIXSTR_PATH`], [`UNIXDG_PATH`]; the usual libc constants (`AF_INET`,
//! `SOCK_STREAM`, `SIGCHLD`, …) are re-exported, and all of [`libc`] is
//! reachable as `unp::libc`.  The names do not collide with `std::io`'s:
//! `use std::io::*; use unp::*;` leaves `stdout()` to `std`.
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
    /// The crate's public functions, from its sources: (name, unsafe),
    /// methods as `Type::name`, with the ones the macros of `mcast.rs` and
    /// `unix.rs` generate (read from their invocations: `lower / Upper`
    /// pairs, `rtt_*(...)` lines).
    fn public_functions() -> Vec<(String, bool)> {
        let files = [
            include_str!("addr.rs"),
            include_str!("cstr.rs"),
            include_str!("echo.rs"),
            include_str!("error.rs"),
            include_str!("mcast.rs"),
            include_str!("names.rs"),
            include_str!("select.rs"),
            include_str!("signal.rs"),
            include_str!("sock.rs"),
            include_str!("stdio.rs"),
            include_str!("unix.rs"),
        ];
        let ident = |s: &str| -> String {
            s.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        };
        let mut out = Vec::new();
        for f in files {
            let mut inherent: Option<String> = None;
            let mut in_macro_call = false;
            for line in f.lines() {
                if line.starts_with("#[cfg(test)]") {
                    break;
                }
                if line.starts_with("impl ") && line.ends_with('{') {
                    // `impl Type {`: an inherent impl; a trait impl has no
                    // `pub fn`.
                    inherent = (!line.contains(" for ")).then(|| ident(&line[5..]));
                    continue;
                }
                // `name! {` at the start of a line: a macro invocation.
                if line.ends_with("! {") && ident(line).len() + 3 == line.len() {
                    in_macro_call = true;
                    continue;
                }
                if line == "}" {
                    inherent = None;
                    in_macro_call = false;
                    continue;
                }
                let t = line.trim_start();
                if in_macro_call {
                    if let Some((a, b)) = t.split_once(" / ") {
                        out.push((ident(a), false));
                        out.push((ident(b), false));
                    } else if t.starts_with("rtt_") {
                        out.push((ident(t), false));
                    }
                    continue;
                }
                for (prefix, is_unsafe) in [("pub fn ", false), ("pub unsafe fn ", true)] {
                    if let Some(rest) = t.strip_prefix(prefix) {
                        let name = ident(rest);
                        if name.is_empty() {
                            continue; // `pub fn $name(` in a macro definition
                        }
                        let name = match (&inherent, line.starts_with("    ")) {
                            (Some(ty), true) => format!("{ty}::{name}"),
                            _ => name,
                        };
                        out.push((name, is_unsafe));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn the_source_scan_sees_the_api() {
        let fns = public_functions();
        let has = |n: &str, u: bool| fns.iter().any(|(m, v)| m == n && *v == u);
        for n in [
            "Socket",
            "FdSet::set",
            "Mcast_block_source",
            "mcast_get_ttl",
            "sigaddset",
            "rtt_debug",
            "CFile::fileno",
            "Sigfunc::as_raw",
        ] {
            assert!(has(n, false), "{n}");
        }
        for n in [
            "Fork",
            "Fclose",
            "Dup2_raw",
            "Sigfunc::handler",
            "SockAddr::from_raw",
        ] {
            assert!(has(n, true), "{n}");
        }
        assert!(fns.len() > 200, "{} functions", fns.len());
    }

    /// The soundness audit names every safe public function.
    #[test]
    fn every_safe_function_is_audited() {
        let audit = include_str!("soundness.rs");
        let table: String = audit
            .lines()
            .filter(|l| l.starts_with("//! | "))
            .collect::<Vec<_>>()
            .join("\n");
        let missing: Vec<String> = public_functions()
            .into_iter()
            .filter(|(n, _)| !table.contains(&format!("`{n}`")))
            .map(|(n, u)| if u { format!("unsafe {n}") } else { n })
            .collect();
        assert!(
            missing.is_empty(),
            "not in the soundness audit: {missing:?}"
        );
    }

    /// Every capitalised function has its lowercase twin.
    #[test]
    fn every_capitalised_function_has_a_twin() {
        let fns = public_functions();
        let names: Vec<&str> = fns.iter().map(|(n, _)| n.as_str()).collect();
        let missing: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| !n.contains("::") && n.starts_with(|c: char| c.is_ascii_uppercase()))
            .filter(|n| !names.contains(&n.to_lowercase().as_str()))
            .collect();
        assert!(missing.is_empty(), "no lowercase twin: {missing:?}");
    }

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
        // What the count below is checked against, derived rather than
        // counted by hand: every top-level declaration line with a
        // parameter list.
        let mut declarations = 0;
        for h in headers {
            // A prototype: one line ending in ");", not a macro, comment,
            // typedef or continuation.
            for line in h.lines() {
                // A trailing comment is not part of the prototype.
                let line = match line.find("/*") {
                    Some(c) if c > 0 => line[..c].trim_end(),
                    _ => line,
                };
                if line.starts_with([' ', '#', '/', '*']) || line.starts_with("typedef") {
                    continue;
                }
                if line.ends_with(';') && line.contains('(') {
                    declarations += 1;
                }
                // Nor a trailing attribute macro (`err_sys(...) __unp_printf_like;`).
                let line = match line.rsplit_once(" __unp_") {
                    Some((proto, _)) if line.ends_with(';') => proto,
                    _ => line.strip_suffix(';').unwrap_or(""),
                };
                if !line.ends_with(')') {
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
        assert_eq!(seen, declarations, "prototypes found in the headers");
        assert!(seen > 150, "{seen} prototypes found in the headers");
        assert!(missing.is_empty(), "not in the table: {missing:?}");
    }
}
