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

/// A new project `name` in target/`dir` (a workspace of its own), with
/// `unp = { path }` and the manifest lines `more`, its `src/main.rs` being
/// `main`; what an earlier run left of its sources and lock file is gone.
fn fresh_project(dir: &str, name: &str, more: &str, main: &str) -> PathBuf {
    let root = common::root();
    let dir = root.join("target").join(dir);
    let _ = std::fs::remove_dir_all(dir.join("src"));
    let _ = std::fs::remove_file(dir.join("Cargo.lock"));
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nunp = {{ path = \"{}\" }}\n{more}\n[workspace]\n",
            root.join("unp").display()
        ),
    );
    write(&dir.join("src/main.rs"), main);
    dir
}

#[test]
fn fresh_project_builds_with_the_default_profile_and_runs() {
    let dir = fresh_project("fresh-project", "fresh", "", MAIN);
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

/// Runs `cargo ARGS` for the project at `dir` (its own target directory),
/// offline first (the crates are often in cargo's cache already), then
/// online when something is missing there.  None when cargo cannot reach
/// crates.io either (the caller skips).
fn cargo_in(dir: &Path, args: &[&str]) -> Option<std::process::Output> {
    let attempt = |offline: bool| {
        let mut cmd = common::cargo();
        cmd.args(args)
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env_remove("CARGO_PROFILE_DEV_PANIC");
        if offline {
            cmd.arg("--offline");
        }
        cmd.output().expect("run cargo")
    };
    let out = attempt(true);
    if out.status.success() {
        return Some(out);
    }
    let out = attempt(false);
    let err = String::from_utf8_lossy(&out.stderr);
    if !out.status.success()
        && (err.contains("failed to download")
            || err.contains("failed to query replaced source")
            || err.contains("Couldn't resolve host")
            || err.contains("failed to get successful HTTP response")
            || err.contains("download of config.json failed"))
    {
        return None;
    }
    Some(out)
}

fn ok(what: &str, out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{what} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The versions of `name` in a Cargo.lock.
fn locked(lock: &str, name: &str) -> Vec<String> {
    let mut v = Vec::new();
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l == format!("name = \"{name}\"") {
            if let Some(ver) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                v.push(ver.trim_end_matches('"').to_string());
            }
        }
    }
    v
}

fn version_at_least(v: &str, min: [u64; 3]) -> bool {
    let parts: Vec<u64> = v.split('.').filter_map(|p| p.parse().ok()).collect();
    parts.len() == 3 && [parts[0], parts[1], parts[2]] >= min
}

/// A project that needs a newer `cc` than the workspace's lock (1.2.46 or
/// later, as many build scripts do) and uses `unp`: the requirements of
/// unp-sys are ranges, so there is one `cc` in the graph, the project's, and
/// the project builds (its own build script compiles C with that cc) and runs.
#[test]
fn fresh_project_with_a_newer_cc_resolves_and_builds() {
    let dir = fresh_project(
        "fresh-project-cc",
        "fresh-cc",
        "\n[build-dependencies]\ncc = \"1.2.46\"\n",
        "use std::net::{Ipv4Addr, SocketAddrV4};\n\
         extern \"C\" {\n    fn fresh_answer() -> i32;\n}\n\
         fn main() {\n    \
         let sa = unp::SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 9877));\n    \
         // SAFETY: a C function without arguments, compiled by build.rs.\n    \
         let n = unsafe { fresh_answer() };\n    \
         println!(\"{} {n}\", unp::Sock_ntop(&sa));\n}\n",
    );
    write(
        &dir.join("build.rs"),
        "fn main() {\n    println!(\"cargo:rerun-if-changed=hello.c\");\n    \
         cc::Build::new().file(\"hello.c\").compile(\"hello\");\n}\n",
    );
    write(
        &dir.join("hello.c"),
        "int fresh_answer(void) { return 42; }\n",
    );
    let Some(out) = cargo_in(&dir, &["build", "--quiet"]) else {
        common::skip(
            "fresh_project_with_a_newer_cc_resolves_and_builds",
            "crates.io unreachable and cc >= 1.2.46 not in cargo's cache",
        );
        return;
    };
    ok(
        "cargo build of a project with cc = \"1.2.46\" and unp",
        &out,
    );
    let lock = std::fs::read_to_string(dir.join("Cargo.lock")).unwrap();
    let cc = locked(&lock, "cc");
    assert!(
        cc.len() == 1 && version_at_least(&cc[0], [1, 2, 46]),
        "one cc >= 1.2.46 in the graph, got {cc:?}"
    );
    let ran = common::run(&dir.join("target/debug/fresh-cc"), &[], b"", common::T);
    ran.expect("127.0.0.1:9877 42\n", "", 0);
}

/// The oldest versions the workspace declares for its dependencies
/// ([workspace.dependencies] in Cargo.toml: `libc` and `cc`) are enough:
/// a project using `unp`, resolved to exactly those versions, builds.
/// (Stable cargo's equivalent of `-Z minimal-versions` for the two crates
/// that matter.)  Using a libc item newer than the declared minimum fails
/// here.
#[test]
fn declared_minimum_versions_build() {
    let root = common::root();
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let section = manifest
        .split("[workspace.dependencies]")
        .nth(1)
        .expect("[workspace.dependencies] in Cargo.toml");
    let minimum = |name: &str| -> String {
        let line = section
            .lines()
            .find(|l| l.starts_with(&format!("{name} =")))
            .unwrap_or_else(|| panic!("{name} in [workspace.dependencies]"));
        let req = line.split('"').nth(1).expect("a quoted version");
        // "1.2" means 1.2.0 and later.
        match req.matches('.').count() {
            0 => format!("{req}.0.0"),
            1 => format!("{req}.0"),
            _ => req.to_string(),
        }
    };
    let (libc, cc) = (minimum("libc"), minimum("cc"));
    let dir = fresh_project(
        "fresh-project-minimal",
        "fresh-minimal",
        "",
        "fn main() {\n    println!(\"{}\", unp::MAXLINE);\n}\n",
    );
    for args in [
        vec!["generate-lockfile"],
        vec!["update", "-p", "libc", "--precise", &libc],
        vec!["update", "-p", "cc", "--precise", &cc],
        vec!["build", "--quiet"],
    ] {
        let Some(out) = cargo_in(&dir, &args) else {
            common::skip(
                "declared_minimum_versions_build",
                &format!("crates.io unreachable and libc {libc} / cc {cc} not in cargo's cache"),
            );
            return;
        };
        ok(&format!("cargo {}", args.join(" ")), &out);
    }
    let lock = std::fs::read_to_string(dir.join("Cargo.lock")).unwrap();
    assert_eq!(locked(&lock, "libc"), [libc.as_str()]);
    assert_eq!(locked(&lock, "cc"), [cc.as_str()]);
    let ran = common::run(&dir.join("target/debug/fresh-minimal"), &[], b"", common::T);
    ran.expect("4096\n", "", 0);
}
