//! tcpcli01: TCP/IPv4 echo client.  str_cli sends each line of stdin to the
//! server and copies the echo to stdout.
//! usage: tcpcli01 <IPaddress> [port]      (port SERV_PORT unless given)
//! A wrong argument count prints the book's usage line (tcpcliserv/tcpcli01.c).
//!
//! The Rust port of c-examples/tcpcli01.c, on the same library.

use std::ffi::OsStr;
use std::net::{Ipv4Addr, SocketAddrV4};

use unp::*;

fn dial(ip: &OsStr, port: u16) -> OwnedFd {
    let fd = Socket(AF_INET, SOCK_STREAM, 0);

    let mut addr = Ipv4Addr::UNSPECIFIED;
    Inet_pton(AF_INET, ip, &mut addr);
    let to = SockAddr::from(SocketAddrV4::new(addr, port));
    Connect(&fd, &to);
    fd
}

fn main() {
    // Rust's runtime starts with SIGPIPE ignored; a C program dies of it.
    Signal(SIGPIPE, SIG_DFL);

    let argv: Vec<_> = std::env::args_os().collect();

    if argv.len() < 2 || argv.len() > 3 {
        err_quit!("usage: tcpcli <IPaddress>");
    }

    // htons(atoi(port)): the low 16 bits, as in C.
    let port = if argv.len() > 2 {
        atoi(&argv[2]) as u16
    } else {
        SERV_PORT
    };
    str_cli(CFile::stdin(), dial(&argv[1], port));
}
