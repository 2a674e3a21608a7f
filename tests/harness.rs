//! The harness refuses to test a build older than the sources: after an
//! edit of `src/`, `cargo test --test X` without `make` must fail at once
//! with "run `make` first" instead of testing the old library.  Checked on a
//! copy of the checkout (sources and Makefile, build/ as empty files) whose
//! file times the test sets, so the real tree is never touched.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

fn set_mtime(path: &Path, t: SystemTime) {
    let f = std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    f.set_modified(t).unwrap();
}

/// Copies the checkout's sources from `from` to `to` (not target/, build/
/// or .git), every file with time `t`.
fn copy_sources(from: &Path, to: &Path, t: SystemTime, top: bool) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name == "target" || name == ".git" || (top && name == "build") {
            continue;
        }
        let ty = e.file_type().unwrap();
        if ty.is_dir() {
            copy_sources(&e.path(), &to.join(&*name), t, false);
        } else if ty.is_file() {
            std::fs::copy(e.path(), to.join(&*name)).unwrap();
            set_mtime(&to.join(&*name), t);
        }
    }
}

/// Recreates the names of `from` (the real build/) under `to` as empty
/// files with time `t`: make -q looks at times only.
fn empty_copy(from: &Path, to: &Path, t: SystemTime) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dst = to.join(e.file_name());
        if std::fs::metadata(e.path()).unwrap().is_dir() {
            empty_copy(&e.path(), &dst, t);
        } else {
            std::fs::write(&dst, b"").unwrap();
            set_mtime(&dst, t);
        }
    }
}

#[test]
fn a_build_older_than_the_sources_is_refused() {
    common::ensure_built();
    let real = common::root();
    let fake = real.join(format!("target/harness-test/{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fake);
    let now = SystemTime::now();
    let sources = now - Duration::from_secs(7200);
    let built = now - Duration::from_secs(3600);
    copy_sources(&real, &fake, sources, true);
    for d in ["build/lib", "build/include", "build/bin"] {
        empty_copy(&real.join(d), &fake.join(d), built);
    }
    // The stamp and whatever else make keeps at the top of build/.
    for e in std::fs::read_dir(real.join("build")).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            let dst = fake.join("build").join(e.file_name());
            std::fs::write(&dst, b"").unwrap();
            set_mtime(&dst, built);
        }
    }
    let staged = fake.join("build/stage/lib/libunp.a");
    std::fs::create_dir_all(staged.parent().unwrap()).unwrap();
    std::fs::write(&staged, b"").unwrap();
    set_mtime(&staged, built + Duration::from_secs(1));

    assert_eq!(common::stale_build(&fake), None, "a current build");

    // Edited library source: the libraries are stale.
    let rs = fake.join("src/writen.rs");
    set_mtime(&rs, now);
    let why = common::stale_build(&fake).expect("src/writen.rs is newer than the libraries");
    assert!(
        why.contains("libraries in build/lib are older than the sources")
            && why.contains("run `make` first"),
        "{why}"
    );
    set_mtime(&rs, sources);

    // An edited C example or header: its program or copy is stale.
    for f in ["c-examples/tcpcli01.c", "include/unp.h"] {
        set_mtime(&fake.join(f), now);
        let why = common::stale_build(&fake).unwrap_or_else(|| panic!("{f} is newer than build/"));
        assert!(
            why.contains("build/include or the example programs")
                && why.contains("run `make` first"),
            "{f}: {why}"
        );
        set_mtime(&fake.join(f), sources);
    }
    assert_eq!(common::stale_build(&fake), None, "current again");

    // The staged installation older than the libraries.
    set_mtime(&staged, built - Duration::from_secs(1));
    let why = common::stale_build(&fake).expect("build/stage older than build/lib");
    assert!(why.contains("run `make stage` first"), "{why}");

    std::fs::remove_dir_all(&fake).unwrap();
}
