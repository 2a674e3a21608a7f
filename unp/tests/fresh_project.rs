//! A new Rust project that adds `unp = { path = "…/unp" }` and nothing else
//! builds with cargo's default (dev) profile — std, unwinding panics — and
//! runs: the crate needs none of the C libraries' settings (`panic =
//! "abort"`, a panic handler), and its functions are the library's (the
//! book's diagnostic and exit status through the C error functions).
//!
//! The project is written into target/ by the test and built `--offline`
//! with its own target directory (the workspace build has already fetched
//! the one crate it needs, libc).

use std::path::{Path, PathBuf};

#[path = "../../tests/common/mod.rs"]
mod common;

const MAIN: &str = r#"use std::net::{Ipv4Addr, SocketAddrV4};
use unp::*;

fn main() {
    // Unwinding works in this profile: a caught panic.
    let caught = std::panic::catch_unwind(|| {
        let v: Vec<u8> = Vec::new();
        v[1]
    })
    .is_err();
    println!("panic caught: {caught}");
    let fd = Socket(AF_INET, SOCK_STREAM, 0);
    println!("socket: {}", fd.as_raw_fd() >= 0);
    let sa = SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 9877));
    println!("Sock_ntop: {}", Sock_ntop(&sa));
    let mut ip = Ipv4Addr::UNSPECIFIED;
    Inet_pton(AF_INET, "300.1.2.3", &mut ip);
    println!("not reached");
}
"#;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn fresh_project_builds_with_the_default_profile_and_runs() {
    let root = common::root();
    let dir: PathBuf = root.join("target/fresh-project");
    let _ = std::fs::remove_dir_all(dir.join("src"));
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"fresh\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nunp = {{ path = \"{}\" }}\n\n[workspace]\n",
            root.join("unp").display()
        ),
    );
    write(&dir.join("src/main.rs"), MAIN);
    let out = common::cargo()
        .args(["build", "--offline", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", dir.join("target"))
        // Not the workspace's settings, whatever ran this test.
        .env_remove("CARGO_PROFILE_DEV_PANIC")
        .output()
        .expect("run cargo build");
    assert!(
        out.status.success(),
        "cargo build of a fresh project failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exe = dir.join("target/debug/fresh");
    let ran = common::run(&exe, &[], b"", common::T);
    // The panic message goes to stderr first; then the library's diagnostic.
    assert_eq!(
        (ran.stdout.as_str(), ran.code),
        (
            "panic caught: true\nsocket: true\nSock_ntop: 127.0.0.1:9877\n",
            Some(1)
        ),
        "{ran:?}"
    );
    assert!(
        ran.stderr.ends_with("inet_pton error for 300.1.2.3\n"),
        "{ran:?}"
    );
    assert!(ran.stderr.contains("panicked"), "{ran:?}");
}
