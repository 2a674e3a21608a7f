//! udpserv01: UDP/IPv4 echo server.  dg_echo sends every datagram back to
//! where it came from and never returns; stop the server with a signal.
//! usage: udpserv01 [port]      (port SERV_PORT unless given)
//!
//! The Rust port of c-examples/udpserv01.c, on the same library.

use std::net::{Ipv4Addr, SocketAddrV4};

use unp::*;

fn main() {
    // Rust's runtime starts with SIGPIPE ignored; a C program dies of it.
    Signal(SIGPIPE, SIG_DFL);

    let argv: Vec<_> = std::env::args_os().collect();
    let fd = Socket(AF_INET, SOCK_DGRAM, 0);

    // htons(atoi(port)): the low 16 bits, as in C.
    let port = if argv.len() > 1 {
        atoi(&argv[1]) as u16
    } else {
        SERV_PORT
    };
    let me = SockAddr::from(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, port));
    Bind(&fd, &me);

    // peer: scratch space, the size of a sockaddr_in as in the C program.
    let mut peer = SockAddr::from(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0));
    dg_echo(&fd, &mut peer);
}
