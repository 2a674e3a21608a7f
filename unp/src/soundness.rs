//! # Soundness: the audit
//!
//! **The rule.**  No function of this crate that is not an `unsafe fn` can,
//! for any argument values,
//!
//! 1. cause undefined behaviour,
//! 2. make the C library or the kernel write outside a Rust object it was
//!    given (or read outside one),
//! 3. leave the C library or the kernel holding a pointer after the call
//!    returns, or
//! 4. close, or replace with `dup2`, a descriptor its caller does not own
//!    (I/O safety, as `std` defines it: `OwnedFd` owns, `BorrowedFd` /
//!    `AsFd` borrows, a `RawFd` is just a number).
//!
//! A process ending is not a violation: capitalised functions exit on
//! failure, as in C, and a few functions panic on misuse (each documents
//! it).  Like `std` (which can open `/proc/self/mem`), the audit does not
//! count what a privileged process can make the kernel do to its own
//! memory through interfaces that exist for that (mapping hardware or
//! kernel rings), beyond the options listed under `Setsockopt` below.
//!
//! Every `unsafe` block of the crate carries a `// SAFETY:` comment
//! (`#![deny(clippy::undocumented_unsafe_blocks)]`); the table gives the
//! reason at the level of each public function.  Where several functions
//! share a reason they share a row.  A test (`every_safe_function_is_audited`)
//! fails when a safe public function is missing from this table.
//!
//! ## Shared facts
//!
//! - **Descriptor arguments** are `impl AsFd`: the argument (an `OwnedFd`
//!   passed by value included) lives until the function returns, so the
//!   number handed to C is open and the caller's to use for the whole call.
//!   Using a descriptor (read, write, connect, `setsockopt`, `fcntl`
//!   `F_SETFL`, `shutdown`, ...) is what borrowing allows, as with `std`'s
//!   `&TcpStream`; closing and `dup2` onto it are not, and no safe function
//!   does either to a borrowed descriptor.
//! - **Descriptors returned** (`OwnedFd`) come only from calls that create a
//!   new descriptor (`socket`, `accept`, `pipe`, `open`, `getaddrinfo` +
//!   `socket`, the `SCM_RIGHTS` message of `read_fd`), checked `>= 0`
//!   first; a capitalised call that returns a failure value (possible only
//!   if a program's own `err_sys` returns) ends the process instead.
//! - **Buffers** are slices: the C function gets `(ptr, len)` of the slice
//!   and writes at most `len` bytes (`readline`: `len - 1` and a NUL;
//!   `Fgets` likewise); reads stay within the slice.
//! - **Strings** become a NUL-terminated `CStr` (a copy when needed) that
//!   lives for the call; only `daemon_inetd`/`daemon_init` hand one to C
//!   for longer, and they copy it into memory never freed.
//! - **Addresses** are [`SockAddr`](crate::SockAddr): 128 bytes of
//!   `sockaddr_storage` and a length that is never above 128 (every setter
//!   clamps; there is no other way to change it), so `(as_ptr(), len())`
//!   is always inside the value; the C functions that read more than `len`
//!   (AF_INET6 with `len` 16..23 reads 24 bytes) still read inside it.
//! - **Per-thread library buffers** (`sock_ntop`, `gf_time`, `readline`) are copied
//!   into a `String`/`Vec` before the function returns; nothing of them is
//!   lent out.
//! - **Process-wide state**: the flush hook is an atomic pointer written
//!   once; `daemon_proc` is read and written atomically by the library;
//!   no `static mut` is read
//!   or written by safe code (C's `stdin`/`stdout`/`stderr` pointers are
//!   only read, and only C or `unsafe` code assigns them).
//! - **The environment** is read through libc by some C functions (`Listen`
//!   reads `LISTENQ`, `getaddrinfo` and `tzset` read theirs), as by any
//!   libc call; changing it while other threads run is the `unsafe` side
//!   (`std::env::set_var` is `unsafe` from edition 2024 for that reason).
//!
//! ## Safe functions
//!
//! | functions | why they are sound |
//! |---|---|
//! | `Socket`, `socket`, `Socketpair`, `socketpair`, `Pipe`, `pipe`, `Open`, `open`, `Accept`, `accept` | new descriptors, returned owned (shared facts); the address out-parameter is `Option<&mut SockAddr>`, passed with length 128 |
//! | `Bind`, `bind`, `Connect`, `connect`, `Sendto`, `sendto`, `dg_cli` | the address is read for `len() <= 128` bytes of a `SockAddr`; buffers are slices |
//! | `Getsockname`, `getsockname`, `Getpeername`, `getpeername`, `Recvfrom`, `recvfrom`, `dg_echo` | the kernel writes at most the length passed (128, or `len()`) into a `SockAddr`, whose length is then clamped to 128 |
//! | `Listen`, `listen`, `Shutdown`, `shutdown`, `Sockatmark`, `sockatmark`, `sockfd_to_family`, `Sockfd_to_family`, `Sock_bind_wild`, `sock_bind_wild`, `Readable_timeo`, `readable_timeo`, `Writable_timeo`, `writable_timeo`, `str_echo` | a borrowed descriptor and integers; the C functions write only their own locals (`readable_timeo` refuses a descriptor that does not fit an `fd_set`) |
//! | `Read`, `read`, `Readn`, `readn`, `Recv`, `recv` | the kernel writes at most `buf.len()` bytes; with `MSG_TRUNC` `Recv` returns a count larger than the slice but stores no more (documented) |
//! | `Write`, `write`, `Writen`, `writen`, `Send`, `send` | `buf.len()` bytes read during the call; `MSG_ZEROCOPY`, which would let the kernel read the buffer after the call, is refused with `EINVAL` |
//! | `readline`, `Readline`, `readlinebuf` | the library writes at most `buf.len() - 1` bytes and a NUL (`EINVAL` below 2); its read-ahead buffer is the calling thread's and `readlinebuf` copies from it |
//! | `Read_fd`, `read_fd` | the kernel writes at most `buf.len()` bytes; a received descriptor is new and returned owned (`None` when none came) |
//! | `Write_fd`, `write_fd` | the passed descriptor is borrowed: the kernel gives the receiver its own copy, the caller's stays open and theirs |
//! | `Close`, `close` | take `impl Into<OwnedFd>`: only a descriptor the caller owns, consumed, so it cannot be used again; a borrowed or raw descriptor does not compile |
//! | `Dup2`, `dup2` | the target is `&mut OwnedFd`: the caller's own descriptor, which stays open under its number; any other number takes the `unsafe` `Dup2_raw` |
//! | `Fdopen`, `fdopen` | take the descriptor (`impl Into<OwnedFd>`): the stream owns it afterwards (`fdopen` closes it on failure) |
//! | `connect_timeo`, `Connect_timeo`, `connect_nonb` | take the descriptor (`OwnedFd`), since the C functions close it on failure; it is handed back only on success.  `connect_nonb`'s C code leaves it open on two failure paths: it is closed then only if its number still names the same socket (`fstat` device and inode), which no one else can have put there without breaking I/O safety themselves |
//! | `Fcntl`, `fcntl` | only commands that take an integer and touch no memory and make no descriptor (`F_GETFL`, `F_SETFL`, `F_GETFD`, `F_SETFD`, `F_GETOWN`, `F_SETOWN`, `F_GETSIG`, `F_SETSIG`, `F_GETLEASE`, `F_SETLEASE`, `F_NOTIFY`, `F_GETPIPE_SZ`, `F_SETPIPE_SZ`, `F_ADD_SEALS`, `F_GET_SEALS`); any other is refused with `EINVAL` (`fcntl error: Invalid argument`) before the kernel sees it |
//! | `Setsockopt`, `setsockopt`, `Getsockopt`, `getsockopt` | the value is a `T: SockOpt` (an `unsafe` trait: plain data without pointers, valid for any bytes), passed with `size_of::<T>()`, so the kernel reads or writes inside it; only the book's levels, minus the options whose structures carry a pointer the kernel writes through (netfilter table requests, `TCP_ZEROCOPY_RECEIVE`), refused with `EINVAL` |
//! | `FdSet::new`, `FdSet::zero`, `FdSet::set`, `FdSet::clear`, `FdSet::is_set`, `FdSet::nfds` | a descriptor `>= FD_SETSIZE` is refused by `set` (`FdSetFull`) and ignored by `clear` / `is_set`, so `FD_SET` & co. index inside the set |
//! | `Select`, `select` | there is no `nfds` argument: it is the largest `FdSet::nfds` of the sets given, at most `FD_SETSIZE`, so the kernel reads and writes inside them |
//! | `Poll`, `poll` | the slice's own length is `nfds`; any descriptor number in a `pollfd` is harmless (`POLLNVAL`) |
//! | `Signal`, `signal`, `Signal_intr`, `signal_intr` | install a [`Sigfunc`](crate::Sigfunc): safely only `SIG_DFL` or `SIG_IGN`, which run no code; a handler needs the `unsafe` `Sigfunc::handler`.  The previous disposition comes back as the raw C value, which takes `unsafe` to call or reinstall |
//! | `Sigfunc::as_raw` | gives an `Option<unsafe extern "C" fn>`, which takes `unsafe` to call |
//! | `Sigemptyset`, `sigemptyset`, `Sigfillset`, `sigfillset`, `Sigaddset`, `sigaddset`, `Sigdelset`, `sigdelset`, `Sigismember`, `sigismember`, `Sigpending`, `sigpending`, `Sigprocmask`, `sigprocmask` | a `&mut sigset_t` (or `Option` of references) written in place; blocking signals is not unsound |
//! | `Wait`, `wait`, `Waitpid`, `waitpid` | an `int` status written in a local; reaping a child another part of the program waits for only makes its wait fail (`ECHILD`) |
//! | `Sysconf`, `sysconf`, `Gettimeofday`, `gettimeofday`, `tv_sub`, `family_to_level`, `Family_to_level`, `atoi`, `atol`, `htons`, `ntohs`, `htonl`, `ntohl` | integers, or a `timeval` written in place |
//! | `gf_time` | the C function's result is the calling thread's own buffer (thread-local storage, never shared, never NULL), copied into a `String` before returning |
//! | `Unlink`, `unlink`, `If_nametoindex`, `if_nametoindex` | a NUL-terminated string for the call |
//! | `If_indextoname`, `if_indextoname` | a local buffer of `IF_NAMESIZE` bytes, as the C function requires, copied into a `String` |
//! | `Inet_pton`, `inet_pton` | the C function writes 4 or 16 bytes into a local 16-byte buffer, then converted into the caller's type; a family that does not match the type panics before the call |
//! | `Inet_ntop`, `inet_ntop` | the address is copied into 16 bytes read by the call; the text goes into a local `INET6_ADDRSTRLEN` buffer |
//! | `sock_ntop`, `Sock_ntop`, `sock_ntop_host`, `Sock_ntop_host`, `sock_get_port`, `sock_cmp_addr`, `sock_cmp_port` | read inside `SockAddr`s (shared facts); the per-thread result is copied |
//! | `sock_set_port`, `sock_set_wild` | write a port or address field, inside the 128-byte storage |
//! | `SockAddr::new`, `SockAddr::unix`, `SockAddr::as_ptr`, `SockAddr::as_mut_ptr`, `SockAddr::len`, `SockAddr::set_len`, `SockAddr::family`, `SockAddr::as_bytes`, `SockAddr::to_socket_addr`, `SockAddr::unix_path` | safe Rust over the storage; `set_len` clamps to 128; `unix` refuses a path of 108 bytes or more; the raw pointers take `unsafe` to use.  The `From` conversions copy whole structures; `Display` prints through `sock_ntop` |
//! | `Tcp_connect`, `tcp_connect`, `Tcp_listen`, `tcp_listen`, `Udp_client`, `udp_client`, `Udp_connect`, `udp_connect`, `Udp_server`, `udp_server` | strings for the call (NULL for `None`); `Udp_client`'s `Malloc`'d address is copied and freed once; the twins' `getaddrinfo` list is freed once, on drop |
//! | `str_cli` | a `CFile` (an open stream, see below) and a borrowed descriptor |
//! | `CFile::stdin`, `CFile::stdout`, `CFile::stderr`, `CFile::as_ptr`, `CFile::flush` | read C's stream pointers (only C or `unsafe` code assigns them); a `CFile` is an open stream until the `unsafe` `Fclose` |
//! | `CFile::fileno` | a `BorrowedFd` of the stream's own descriptor, valid until the `unsafe` `Fclose`, whose contract forbids using it afterwards |
//! | `Fgets`, `fgets`, `Fputs`, `fputs`, `Fopen`, `fopen` | a slice (at most `len - 1` bytes and a NUL written) or a NUL-terminated string, and an open stream |
//! | `daemon_inetd` | the name is copied into memory that is never freed, since `openlog` keeps the pointer for every later `syslog`; `daemon_proc` is set atomically |
//! | `Mcast_join`, `mcast_join`, `Mcast_leave`, `mcast_leave`, `Mcast_join_source_group`, `mcast_join_source_group`, `Mcast_leave_source_group`, `mcast_leave_source_group`, `Mcast_block_source`, `mcast_block_source`, `Mcast_unblock_source`, `mcast_unblock_source`, `Mcast_set_if`, `mcast_set_if`, `Mcast_set_loop`, `mcast_set_loop`, `Mcast_set_ttl`, `mcast_set_ttl`, `Mcast_get_if`, `mcast_get_if`, `Mcast_get_loop`, `mcast_get_loop`, `Mcast_get_ttl`, `mcast_get_ttl` | `SockAddr`s read inside their storage and an optional name for the call; the C functions build their request structures in locals |
//! | `rtt_init`, `rtt_ts`, `rtt_newpack`, `rtt_start`, `rtt_stop`, `rtt_timeout`, `rtt_debug` | a `&mut rtt_info` written in place (`rtt_debug` reads `rtt_d_flag`, which only `unsafe` code writes) |
//! | the `err_*` macros (`__err`, `__fatal`, hidden, are their bodies), `ErrorCode` | format into a `CString` and call the C function with `"%s"`: the message is data, never a format |
//! | `AsCStr::with_cstr`, `AsOptCStr::with_opt_cstr` | lend a `CStr` (the caller's, or a copy) for the closure's duration |
//! | `GaiError`, `FdSetFull` (their `Display`) | `gai_strerror` returns a static string for any code |
//!
//! ## `unsafe` functions, and what their callers promise
//!
//! | function | the caller's promise |
//! |---|---|
//! | `Fork`, `fork` | as `fork()` in Rust: with several threads, the child calls only async-signal-safe functions until it execs or exits |
//! | `daemon_init` | as `Fork`; and no descriptor below 64 that another part of the program owns is used or dropped afterwards (it closes 0 to 63) |
//! | `Sigfunc::handler`, `Sigfunc::from_raw` | the handler is async-signal-safe (and takes one argument) |
//! | `Dup2_raw`, `dup2_raw` | no one else owns the target number |
//! | `Fclose`, `fclose` | the stream, its copies and its `fileno` are not used afterwards |
//! | `CFile::from_ptr` | an open stream that stays open while used |
//! | `SockAddr::from_raw` | `len` readable bytes at the pointer |
//! | `sys::*` | the C prototypes, exactly as in C |
//!
//! ## What does not compile
//!
//! Closing a borrowed descriptor:
//!
//! ```compile_fail,E0277
//! use std::os::fd::AsFd;
//! let file = std::fs::File::open("/dev/null").unwrap();
//! unp::Close(file.as_fd());
//! ```
//!
//! Closing a raw descriptor number:
//!
//! ```compile_fail,E0277
//! use std::os::fd::AsRawFd;
//! let file = std::fs::File::open("/dev/null").unwrap();
//! unp::Close(file.as_raw_fd());
//! ```
//!
//! Closing through a reference:
//!
//! ```compile_fail,E0277
//! let fd = unp::Socket(unp::AF_INET, unp::SOCK_STREAM, 0);
//! unp::Close(&fd);
//! ```
//!
//! Using a descriptor after `Close`:
//!
//! ```compile_fail,E0382
//! use unp::*;
//! let sockfd = Socket(AF_INET, SOCK_STREAM, 0);
//! Close(sockfd);
//! Listen(&sockfd, LISTENQ);
//! ```
//!
//! `dup2` onto a descriptor number the caller does not own, in safe code:
//!
//! ```compile_fail,E0308
//! use std::os::fd::AsRawFd;
//! let file = std::fs::File::open("/dev/null").unwrap();
//! let fd = unp::Socket(unp::AF_INET, unp::SOCK_STREAM, 0);
//! unp::Dup2(&fd, file.as_raw_fd());
//! ```
//!
//! `Select` with an `nfds` beyond its sets (there is no `nfds`):
//!
//! ```compile_fail,E0061
//! use unp::*;
//! let mut set = FdSet::new();
//! Select(4096, Some(&mut set), None, None, None);
//! ```
//!
//! A raw `fd_set` in `Select`:
//!
//! ```compile_fail,E0308
//! use unp::*;
//! let mut set: libc::fd_set = unsafe { std::mem::zeroed() };
//! Select(Some(&mut set), None, None, None);
//! ```
//!
//! A socket option that holds a pointer:
//!
//! ```compile_fail,E0277
//! use unp::*;
//! let fd = Socket(AF_INET, SOCK_STREAM, 0);
//! let filter = libc::sock_fprog { len: 0, filter: std::ptr::null_mut() };
//! Setsockopt(&fd, SOL_SOCKET, libc::SO_ATTACH_FILTER, &filter);
//! ```
//!
//! A signal handler of your own without `unsafe`:
//!
//! ```compile_fail,E0308
//! extern "C" fn handler(_: std::ffi::c_int) {}
//! unp::Signal(unp::SIGCHLD, Some(handler));
//! ```
//!
//! And the safe forms of the same lines compile:
//!
//! ```no_run
//! use std::os::fd::OwnedFd;
//! use unp::*;
//! let file = std::fs::File::open("/dev/null").unwrap();
//! let sockfd = Socket(AF_INET, SOCK_STREAM, 0);
//! let mut copy: OwnedFd = file.try_clone().unwrap().into();
//! Dup2(&sockfd, &mut copy);
//! let mut set = FdSet::new();
//! set.set(&sockfd).unwrap();
//! Select(Some(&mut set), None, None, Some(&mut libc::timeval { tv_sec: 0, tv_usec: 0 }));
//! Setsockopt(&sockfd, SOL_SOCKET, SO_REUSEADDR, &1);
//! Signal(SIGPIPE, SIG_DFL);
//! Close(file);
//! Close(copy);
//! Close(sockfd);
//! ```
