//! The two library crates are publishable as they stand: `cargo package`
//! of unp-sys and unp together (unp needs the unp-sys it is packaged with:
//! cargo verifies it against a local registry holding that package)
//! succeeds, offline, verification build included; each package holds what
//! its build needs and no build output, test or repository tooling; and the
//! manifests carry what a crates.io page shows.
//!
//! Offline: the crates the verification builds (libc, cc and cc's
//! dependencies, at Cargo.lock's versions) are those the workspace's own
//! build fetched.  Its own target directory (target/package-test), so it
//! never waits for or disturbs the workspace's; about 10 s the first time.

mod common;

use std::path::Path;

fn files_of(pkg: &str, out: &str) -> Vec<String> {
    let prefix = format!("{pkg}-{}/", env!("CARGO_PKG_VERSION"));
    out.lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(str::to_string)
        .collect()
}

fn read_crate(dir: &Path, pkg: &str) -> (Vec<String>, String) {
    let file = dir.join(format!("{pkg}-{}.crate", env!("CARGO_PKG_VERSION")));
    let list = std::process::Command::new("tar")
        .arg("-tzf")
        .arg(&file)
        .output()
        .expect("run tar");
    assert!(list.status.success(), "tar -tzf {}", file.display());
    let manifest = std::process::Command::new("tar")
        .arg("-xzOf")
        .arg(&file)
        .arg(format!("{pkg}-{}/Cargo.toml", env!("CARGO_PKG_VERSION")))
        .output()
        .expect("run tar");
    (
        files_of(pkg, &String::from_utf8_lossy(&list.stdout)),
        String::from_utf8_lossy(&manifest.stdout).into_owned(),
    )
}

/// A cargo home of the test's own that shares the real one's registry
/// index and downloaded crates (so offline works) but not its extracted
/// sources: cargo unpacks the verification registry's `unp-sys-0.1.0` into
/// `registry/src/<hash of that registry's path>/` and never unpacks it again
/// while that directory exists, so with the real home every later run
/// verified `unp` against the first run's `unp-sys` sources.
fn private_cargo_home(target: &Path) -> std::path::PathBuf {
    let real = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(&std::env::var_os("HOME").expect("HOME")).join(".cargo"));
    let home = target.join("cargo-home");
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(home.join("registry")).unwrap();
    for part in ["index", "cache"] {
        std::os::unix::fs::symlink(
            real.join("registry").join(part),
            home.join("registry").join(part),
        )
        .unwrap();
    }
    home
}

#[test]
fn both_crates_package_and_verify_offline() {
    let root = common::root();
    let target = root.join("target/package-test");
    let cargo_home = private_cargo_home(&target);
    let out = common::cargo()
        .args([
            "package",
            "-p",
            "unp-sys",
            "-p",
            "unp",
            "--allow-dirty",
            "--offline",
        ])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_HOME", &cargo_home)
        .env_remove("CARGO_PROFILE_DEV_PANIC")
        .output()
        .expect("run cargo package");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cargo package failed:\n{stderr}");
    assert!(
        stderr.contains("Verifying unp-sys") && stderr.contains("Verifying unp "),
        "both packages verified:\n{stderr}"
    );
    // No warning but the expected one: the repository's tests (which run
    // against what make builds) are left out of the packages on purpose.
    for w in stderr.lines().filter(|l| l.starts_with("warning:")) {
        assert!(
            w.contains("ignoring test") && w.contains("is not included in the published package"),
            "unexpected warning: {w}\n{stderr}"
        );
    }

    let dir = target.join("package");
    let (sys_files, sys_manifest) = read_crate(&dir, "unp-sys");
    let (unp_files, unp_manifest) = read_crate(&dir, "unp");

    // What the builds need, and nothing from build/, target/ or the
    // repository's tests, C programs, headers, man pages and tools.
    for f in [
        "Cargo.toml",
        "README.md",
        "LICENSE",
        "build.rs",
        "src/lib.rs",
        "src/ffi.rs",
        "csrc/error.c",
    ] {
        assert!(
            sys_files.iter().any(|x| x == f),
            "unp-sys lacks {f}: {sys_files:?}"
        );
    }
    for f in [
        "Cargo.toml",
        "README.md",
        "src/lib.rs",
        "examples/tcpcli01.rs",
    ] {
        assert!(
            unp_files.iter().any(|x| x == f),
            "unp lacks {f}: {unp_files:?}"
        );
    }
    let allowed = |f: &str| {
        [
            "Cargo.toml",
            "Cargo.toml.orig",
            "Cargo.lock",
            ".cargo_vcs_info.json",
            "README.md",
            "LICENSE",
            "build.rs",
        ]
        .contains(&f)
            || (f.starts_with("src/") && f.ends_with(".rs"))
            || (f.starts_with("csrc/") && f.ends_with(".c"))
            || (f.starts_with("examples/") && f.ends_with(".rs"))
    };
    for f in sys_files.iter().chain(&unp_files) {
        assert!(
            allowed(f),
            "packaged file {f} is not part of a crate's build"
        );
    }
    // Every C source build.rs compiles is in the package.
    for e in std::fs::read_dir(root.join("csrc")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".c") {
            let f = format!("csrc/{name}");
            assert!(sys_files.contains(&f), "unp-sys lacks {f}");
        }
    }

    // The page's metadata, as published (cargo's normalized manifests).
    for (pkg, m) in [("unp-sys", &sys_manifest), ("unp", &unp_manifest)] {
        for key in [
            "description = ",
            "license = \"MIT\"",
            "readme = \"README.md\"",
            "keywords = [",
            "categories = [",
            &format!("documentation = \"https://docs.rs/{pkg}\""),
            "rust-version = ",
            "[package.metadata.docs.rs]",
        ] {
            assert!(m.contains(key), "{pkg}'s manifest lacks {key}:\n{m}");
        }
    }
    // unp requires the unp-sys of its own version from the registry.
    let dep = unp_manifest
        .split("[dependencies.unp-sys]")
        .nth(1)
        .expect("unp depends on unp-sys");
    let dep = dep.split("\n[").next().unwrap();
    assert!(
        dep.contains(&format!("version = \"{}\"", env!("CARGO_PKG_VERSION")))
            && !dep.contains("path ="),
        "unp's unp-sys dependency: {dep}"
    );
    // As a library, ranges: no exact pin of a dependency.
    for (pkg, m) in [("unp-sys", &sys_manifest), ("unp", &unp_manifest)] {
        assert!(
            !m.contains("version = \"="),
            "{pkg} pins a dependency:\n{m}"
        );
    }
}
