//! A checkout in a directory whose path has spaces: `make`'s libraries,
//! `make install` and `make uninstall` with a PREFIX with a space, the
//! staged installations `make check` makes, and `make book` on a book tree
//! whose path has a space.  (`make check` itself from such a path: CI runs
//! it, as an ordinary user, with .ci/user-check.)
//!
//! The copy lives at a fixed place, target/space test/lib unp, and keeps its
//! own cargo target directory between runs: the sources are copied with
//! their times, so cargo rebuilds only what changed; build/ starts empty.

mod common;

use std::path::Path;
use std::process::Command;

/// The sources of the checkout (everything but build products and git's
/// metadata) copied, with their times, into `dst`, which keeps its target/.
fn copy_checkout(dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(dst).unwrap() {
        let e = e.unwrap();
        if e.file_name() != "target" {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                std::fs::remove_dir_all(&p).unwrap();
            } else {
                std::fs::remove_file(&p).unwrap();
            }
        }
    }
    let root = common::root();
    let mut cp = Command::new("cp");
    cp.arg("-a");
    for e in std::fs::read_dir(&root).unwrap() {
        let name = e.unwrap().file_name();
        if !["target", "build", ".git"].iter().any(|n| name == *n) {
            cp.arg(root.join(&name));
        }
    }
    let out = cp.arg(dst).output().expect("run cp -a");
    assert!(
        out.status.success(),
        "cp -a: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A nested workspace's build products, if any, are not sources either.
    let _ = std::fs::remove_dir_all(dst.join("tools/mangen/target"));
}

/// `make ARGS` in `dir`: (success, output).
fn make(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = common::make()
        .arg("-C")
        .arg(dir)
        .args(args)
        // The Makefile's own default, cargo from PATH, as for a user: not
        // the CARGO that cargo test sets (make would take it from the
        // environment, and its path may have a space too).
        .env_remove("CARGO")
        // The crates are there: `make check` fetched them.
        .env("CARGO_NET_OFFLINE", "true")
        .output()
        .expect("run make");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn make_install_and_book_from_a_path_with_spaces() {
    common::ensure_built();
    let src = common::root().join("target/space test/lib unp");
    copy_checkout(&src);

    let (ok, log) = make(&src, &["lib", "stage"]);
    assert!(ok, "make lib stage in {}:\n{log}", src.display());
    for f in [
        "build/lib/libunp.a",
        "build/lib/libunp.so",
        "build/stage/lib/libunp.a",
    ] {
        assert!(src.join(f).is_file(), "make lib stage made no {f}:\n{log}");
    }

    // make install with a PREFIX with a space; the files as make check's
    // staged installation has them, and the two generated ones spell the
    // path as their readers need it.
    let prefix = src.join("build/pre fix");
    let p = format!("PREFIX={}", prefix.display());
    let (ok, log) = make(&src, &["install", &p]);
    assert!(ok, "make install {p}:\n{log}");
    assert_eq!(
        common::entries_under(&prefix),
        common::entries_under(&src.join("build/stage")),
        "make install {p} and the staged installation differ"
    );
    let pc = std::fs::read_to_string(prefix.join("lib/pkgconfig/unp.pc")).unwrap();
    let escaped = prefix.display().to_string().replace(' ', "\\ ");
    assert!(pc.starts_with(&format!("prefix={escaped}\n")), "{pc}");
    let defines = std::fs::read_to_string(prefix.join("share/unp/Make.defines")).unwrap();
    assert!(
        defines.contains(&format!(
            "\nLIBS = \"{}/lib\"/libunp.a -lpthread\n",
            prefix.display()
        )),
        "{defines}"
    );
    // A program built with the installed Make.defines's flags, as a
    // program directory's Makefile does, runs.
    let (ok, log) = {
        let dir = src.join("build/a program");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(
            prefix.join("share/unp/Make.defines"),
            dir.join("Make.defines"),
        )
        .unwrap();
        std::fs::write(
            dir.join("Makefile"),
            "include Make.defines\n\nhello: hello.c\n\t${CC} ${CFLAGS} -o $@ hello.c ${LIBS}\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("hello.c"),
            "#include \"unp.h\"\nint main(void) { err_msg(\"hello from %s\", \"libunp\"); return 0; }\n",
        )
        .unwrap();
        make(&dir, &["hello"])
    };
    assert!(ok, "make hello with the installed Make.defines:\n{log}");
    common::run(&src.join("build/a program/hello"), &[], b"", common::T).expect(
        "",
        "hello from libunp\n",
        0,
    );
    let (ok, log) = make(&src, &["uninstall", &p]);
    assert!(ok, "make uninstall {p}:\n{log}");
    assert!(
        !prefix.exists(),
        "make uninstall left the prefix it created: {:?}",
        common::entries_under(&prefix)
    );

    // make book on a book tree in a directory with a space.
    let book = src.join("build/the book/unpv13e");
    std::fs::create_dir_all(book.parent().unwrap()).unwrap();
    let cp = Command::new("cp")
        .arg("-a")
        .arg(common::root().join("tests/book"))
        .arg(&book)
        .status()
        .unwrap();
    assert!(cp.success());
    let b = format!("BOOK={}", book.display());
    let (ok, log) = make(&src, &["book", &b]);
    assert!(ok, "make book {b}:\n{log}");
    // (tests/book.rs checks the whole summary.)
    assert!(
        log.contains("\n  common: twofiles\n")
            && log.contains("\nresult: the library side worked; the "),
        "make book {b}:\n{log}"
    );
    let r = common::run(&book.join("common/twofiles"), &[], b"", common::T);
    r.expect("shared counter = 2\n", "", 0);
}
