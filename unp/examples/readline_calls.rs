//! readline_calls: not a port of a book program but the driver of
//! bench/readline_calls.sh, which counts with callgrind the instructions one
//! `Readline` call costs through this crate (`unp::Readline`) and through
//! the raw C prototype (`unp::sys::Readline`).
//! usage: readline_calls rust|sys <lines>
//!
//! The lines (40 bytes each) come from a file written first; each variant
//! reads them all in its own function, `bench_loop_rust` or
//! `bench_loop_sys`, which callgrind counts alone (--toggle-collect).

use std::io::{Seek, Write as _};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};

use unp::*;

/// Reads `lines` lines with `unp::Readline`; returns the bytes read.
#[no_mangle]
#[inline(never)]
pub extern "C" fn bench_loop_rust(
    fd: BorrowedFd<'_>,
    lines: usize,
    buf: &mut [u8; MAXLINE],
) -> usize {
    let mut total = 0;
    for _ in 0..lines {
        let n = Readline(fd, buf);
        if n == 0 {
            break;
        }
        total += n;
    }
    total
}

/// Reads `lines` lines with `unp::sys::Readline`; returns the bytes read.
#[no_mangle]
#[inline(never)]
pub extern "C" fn bench_loop_sys(
    fd: BorrowedFd<'_>,
    lines: usize,
    buf: &mut [u8; MAXLINE],
) -> usize {
    let mut total = 0;
    for _ in 0..lines {
        // SAFETY: buf has MAXLINE writable bytes.
        let n = unsafe { sys::Readline(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            break;
        }
        total += n as usize;
    }
    total
}

fn main() {
    let argv: Vec<String> = std::env::args().collect();
    if argv.len() != 3 {
        err_quit!("usage: readline_calls rust|sys <lines>");
    }
    let lines: usize = argv[2].parse().unwrap_or(0);
    let path = std::env::temp_dir().join(format!("unp-readline-calls-{}", std::process::id()));
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)
        .unwrap_or_else(|e| err_sys!(e, "open error for {}", path.display()));
    let _ = std::fs::remove_file(&path);
    let line = b"0123456789012345678901234567890123456789\n";
    let mut text = Vec::with_capacity(line.len() * lines);
    for _ in 0..lines {
        text.extend_from_slice(&line[..40]);
        text.push(b'\n');
    }
    file.write_all(&text)
        .unwrap_or_else(|e| err_sys!(e, "write error"));
    file.rewind().unwrap_or_else(|e| err_sys!(e, "lseek error"));
    let mut buf = [0u8; MAXLINE];
    let got = match argv[1].as_str() {
        "rust" => bench_loop_rust(file.as_fd(), lines, &mut buf),
        "sys" => bench_loop_sys(file.as_fd(), lines, &mut buf),
        _ => err_quit!("usage: readline_calls rust|sys <lines>"),
    };
    if got != text.len() {
        err_quit!("read {got} bytes of {}", text.len());
    }
    println!("{} lines, {got} bytes", lines);
}
