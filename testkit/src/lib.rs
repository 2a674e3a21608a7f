//! # unp-testkit: compare a program with its original, from `cargo test`
//!
//! Test support for mixed-language work on the programs of *UNIX Network
//! Programming*: a C original and its port (to Rust, or another C) must
//! print the same bytes, fail with the same diagnostics and exit with the
//! same status, over the network, in every pairing of client and server.
//! This crate runs them and says where they differ:
//!
//! * [`Netns`]: a private network namespace with its loopback up, as root
//!   or, unprivileged, through a user namespace (`unshare -rn`); the book's
//!   fixed ports (9877, 13) are then private to one session;
//! * [`start`] / [`run`]: programs with captured stdout and stderr, a time
//!   limit, in a process group of their own that is killed when their
//!   handle is dropped (children included);
//! * [`wait_listening`] (from `/proc`, no probe connection) and
//!   [`wait_accepting`] (a probe): when a server is ready;
//! * [`Session`]: a server, a client with its input, and what both did;
//! * [`compare`], [`compare_sessions`], [`Masks`]: what differs, masked
//!   for process IDs, times, addresses or any regular expression, as a
//!   readable line diff;
//! * [`random_lines`]: input that is the same on every run, with lines
//!   longer than the book's MAXLINE.
//!
//! It is std-only Rust with no tie to libunp: any programs can be
//! compared.  The command-line tool `unp-compare` (in the same
//! repository) is built on it.
//!
//! ```toml
//! [dev-dependencies]
//! unp-testkit = { path = "/path/to/libunp/testkit" }   # or { git = "..." }
//! ```
//!
//! ## Test a C program from `cargo test`
//!
//! The book's echo server and client (`tcpcliserv/tcpserv01`, `tcpcli01`,
//! built with `make book`), on the book's own port, in a namespace of their
//! own, checked against what they must do:
//!
//! ```no_run
//! use std::process::Command;
//! use unp_testkit::{Netns, Session, Status};
//!
//! #[test]
//! fn book_echo_pair() {
//!     let ns = match Netns::new() {
//!         Ok(ns) => ns,
//!         Err(why) => return eprintln!("skipped: {why}"),
//!     };
//!     let book = std::path::Path::new("/path/to/unpv13e/tcpcliserv");
//!     let mut client = Command::new(book.join("tcpcli01"));
//!     client.arg("127.0.0.1");
//!     let input = b"hello\nworld\n".to_vec();
//!     let out = Session::new(Command::new(book.join("tcpserv01")), client)
//!         .stdin(input.clone())
//!         .run_in(&ns)
//!         .expect("session");
//!     assert_eq!(out.client.stdout, input);
//!     assert_eq!(out.client.status, Status::Exited(0));
//!     assert_eq!(out.server.status, Status::Signaled(libc::SIGTERM)); // stopped after the client
//!     // The same namespace, no server any more: the book's diagnostic.
//!     let refused = unp_testkit::run(
//!         ns.command(book.join("tcpcli01")).arg("127.0.0.1"),
//!         None,
//!         std::time::Duration::from_secs(10),
//!     )
//!     .unwrap();
//!     assert_eq!(refused.stderr, b"connect error: Connection refused\n");
//!     assert_eq!(refused.status, Status::Exited(1));
//! }
//! ```
//!
//! ## Compare a port with the original
//!
//! ```no_run
//! use std::process::Command;
//! use unp_testkit::{compare_sessions, Masks, Session};
//!
//! let pair = |server: &str, client: &str| {
//!     let mut c = Command::new(client);
//!     c.arg("127.0.0.1");
//!     Session::new(Command::new(server), c)
//!         .stdin(b"one\ntwo\n".to_vec())
//!         .run_isolated() // each session in a namespace of its own
//!         .expect("session")
//! };
//! let original = pair("./tcpserv01", "./tcpcli01");
//! let crossed = pair("./target/release/examples/tcpserv01", "./tcpcli01");
//! let diffs = compare_sessions(&original, &crossed, &Masks::new(), ("original", "port server"));
//! assert!(diffs.is_empty(), "{}", diffs.iter().map(|d| d.to_string()).collect::<String>());
//! ```

mod compare;
mod data;
mod ns;
mod proc;
mod session;
mod wait;

pub use compare::{compare, compare_sessions, diff, escape, Difference, Masks};
pub use data::{random_lines, Rng};
pub use ns::{in_netns, Netns, NsError, NsKind};
pub use proc::{only_stdio, run, signal_name, start, start_with_stdout, Outcome, Running, Status};
pub use session::{Session, SessionError, SessionOutcome, Stop};
pub use wait::{
    children_of, group_members, holds_socket, is_listening, listening_ports, socket_inodes,
    wait_accepting, wait_listening, Listener, NotReady,
};
