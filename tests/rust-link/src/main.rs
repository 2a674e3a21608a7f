//! Calls libunp's C functions from Rust, through the C ABI of libunp.a:
//! a socket, an address formatted by Sock_ntop, lines through a pipe with
//! Writen and Readline (which use the library's copy of Rust's core), a
//! panic caught by this program's own std, and the exit through err_quit.
use std::ffi::{c_char, c_int, c_void, CStr};

#[repr(C)]
struct SockaddrIn {
    sin_family: u16,
    sin_port: u16,
    sin_addr: [u8; 4],
    sin_zero: [u8; 8],
}

extern "C" {
    fn Socket(family: c_int, ty: c_int, protocol: c_int) -> c_int;
    fn Close(fd: c_int);
    fn Inet_pton(family: c_int, src: *const c_char, dst: *mut c_void);
    fn Sock_ntop(sa: *const c_void, salen: u32) -> *mut c_char;
    fn Pipe(fds: *mut c_int);
    fn Writen(fd: c_int, buf: *const c_void, n: usize);
    fn Readline(fd: c_int, buf: *mut c_void, maxlen: usize) -> isize;
    fn err_quit(fmt: *const c_char, ...) -> !;
}

const AF_INET: c_int = 2;
const SOCK_STREAM: c_int = 1;

fn main() {
    unsafe {
        let fd = Socket(AF_INET, SOCK_STREAM, 0);
        println!("socket: {}", if fd >= 0 { "ok" } else { "failed" });
        Close(fd);

        let mut sa = SockaddrIn {
            sin_family: AF_INET as u16,
            sin_port: 9877u16.to_be(),
            sin_addr: [0; 4],
            sin_zero: [0; 8],
        };
        Inet_pton(
            AF_INET,
            c"127.0.0.1".as_ptr(),
            sa.sin_addr.as_mut_ptr().cast(),
        );
        let text = Sock_ntop((&raw const sa).cast(), size_of::<SockaddrIn>() as u32);
        println!("Sock_ntop: {}", CStr::from_ptr(text).to_str().unwrap());

        let mut fds = [0 as c_int; 2];
        Pipe(fds.as_mut_ptr());
        let data = b"first line\nsecond\n";
        Writen(fds[1], data.as_ptr().cast(), data.len());
        Close(fds[1]);
        let mut buf = [0u8; 64];
        loop {
            let n = Readline(fds[0], buf.as_mut_ptr().cast(), buf.len());
            if n <= 0 {
                break;
            }
            print!("Readline: {}", String::from_utf8_lossy(&buf[..n as usize]));
        }
    }
    // This program's own core panics and std unwinds as usual.
    let index = std::env::args().count() + 7;
    std::panic::set_hook(Box::new(|_| {}));
    let caught = std::panic::catch_unwind(|| [1u8, 2, 3][index]);
    println!("panic caught: {}", caught.is_err());
    unsafe { err_quit(c"done: %d lines".as_ptr(), 2 as c_int) }
}
