//! tcpcli01: TCP/IPv4 echo client.  str_cli sends each line of stdin to the
//! server and copies the echo to stdout.
//! usage: tcpcli01 <IPaddress> [port]      (port SERV_PORT unless given)
//!
//! The Rust port of c-examples/tcpcli01.c, on the same library.

use std::ffi::OsStr;
use std::net::{Ipv4Addr, SocketAddrV4};

use unp::*;

fn dial(ip: &OsStr, port: i32) -> RawFd {
    let fd = Socket(AF_INET, SOCK_STREAM, 0);

    let mut addr = Ipv4Addr::UNSPECIFIED;
    Inet_pton(AF_INET, ip, &mut addr);
    let to = SockAddr::from(SocketAddrV4::new(addr, port as u16));
    Connect(fd, &to);
    fd
}

fn main() {
    // Rust's runtime starts with SIGPIPE ignored; a C program dies of it.
    // SAFETY: SIG_DFL runs no code of ours.
    unsafe { Signal(SIGPIPE, SIG_DFL) };

    let argv: Vec<_> = std::env::args_os().collect();

    if argv.len() < 2 || argv.len() > 3 {
        err_quit!("usage: tcpcli01 <IPaddress> [port]");
    }

    str_cli(
        stdin(),
        dial(
            &argv[1],
            if argv.len() > 2 {
                atoi(&argv[2])
            } else {
                SERV_PORT
            },
        ),
    );
}
