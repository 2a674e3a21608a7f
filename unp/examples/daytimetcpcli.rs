//! daytimetcpcli: fetch the time of day from a daytime server over TCP/IPv4
//! and print whatever it sends until it closes the connection.
//! usage: daytimetcpcli <IPaddress> [port]      (port 13 unless given)
//! A wrong argument count prints the book's usage line (intro/daytimetcpcli.c).
//!
//! The Rust port of c-examples/daytimetcpcli.c, on the same library.

use std::ffi::OsStr;
use std::net::{Ipv4Addr, SocketAddrV4};

use unp::*;

/// A TCP socket connected to the dotted-quad address ip, port port.
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
    let mut text = [0u8; MAXLINE + 1];

    if argv.len() < 2 || argv.len() > 3 {
        err_quit!("usage: a.out <IPaddress>");
    }
    // htons(atoi(port)): the low 16 bits, as in C.
    let fd = dial(
        &argv[1],
        if argv.len() > 2 {
            atoi(&argv[2]) as u16
        } else {
            13
        },
    );

    // TCP keeps no record boundaries: the answer may come in pieces.
    loop {
        let got = Read(&fd, &mut text[..MAXLINE]);
        if got == 0 {
            break;
        }
        Fputs(&text[..got], CFile::stdout());
    }
}
