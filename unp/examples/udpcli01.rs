//! udpcli01: UDP/IPv4 echo client.  dg_cli sends each line of stdin as a
//! datagram and prints the datagrams that come back.
//! usage: udpcli01 <IPaddress> [port]      (port SERV_PORT unless given)
//! A wrong argument count prints the book's usage line (udpcliserv/udpcli01.c).
//!
//! The Rust port of c-examples/udpcli01.c, on the same library.

use std::net::{Ipv4Addr, SocketAddrV4};

use unp::*;

fn main() {
    // Rust's runtime starts with SIGPIPE ignored; a C program dies of it.
    Signal(SIGPIPE, SIG_DFL);

    let argv: Vec<_> = std::env::args_os().collect();

    if argv.len() < 2 || argv.len() > 3 {
        err_quit!("usage: udpcli <IPaddress>");
    }

    // htons(atoi(port)): the low 16 bits, as in C.
    let port = if argv.len() > 2 {
        atoi(&argv[2]) as u16
    } else {
        SERV_PORT
    };
    let mut addr = Ipv4Addr::UNSPECIFIED;
    Inet_pton(AF_INET, &argv[1], &mut addr);
    let server = SockAddr::from(SocketAddrV4::new(addr, port));

    dg_cli(CFile::stdin(), Socket(AF_INET, SOCK_DGRAM, 0), &server);
}
