//! The man pages: `man/man3/*.3` are generated from the headers' doc
//! comments by `tools/mangen` and committed.  They must match a fresh
//! generation, render without a single groff warning, cover every name the
//! shared library exports, install with `make install` (readable with
//! `man -M`) and go away with `make uninstall`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn has(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn page(name: &str) -> String {
    std::fs::read_to_string(common::root().join("man/man3").join(name))
        .unwrap_or_else(|e| panic!("man/man3/{name}: {e}"))
}

/// Compiles tools/mangen (one std-only file) with rustc into `dir`: no
/// cargo, so no lock shared with the cargo running this test.
fn build_mangen(dir: &Path) -> PathBuf {
    let exe = dir.join("mangen");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc)
        .args(["--edition", "2021", "-O", "-o"])
        .arg(&exe)
        .arg(common::root().join("tools/mangen/src/main.rs"))
        .output()
        .expect("run rustc");
    assert!(
        out.status.success(),
        "building tools/mangen failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    exe
}

#[test]
fn committed_pages_match_the_headers() {
    let root = common::root();
    let tmp = common::temp_dir("man-gen");
    let mangen = build_mangen(tmp.path());
    let out_dir = tmp.path().join("man3");
    // The library's headers and the book-tree support's thread.h, as
    // `make man` gives them.
    let out = Command::new(&mangen)
        .arg(&out_dir)
        .args(
            common::headers()
                .iter()
                .map(|h| root.join("include").join(h)),
        )
        .arg(root.join("book/include/thread.h"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mangen failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut fresh: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    fresh.sort();
    assert_eq!(
        fresh,
        common::man_pages(),
        "man/man3 has other pages than the headers give: run `make man` and commit man/"
    );
    for f in &fresh {
        let new = std::fs::read_to_string(out_dir.join(f)).unwrap();
        assert!(
            new == page(f),
            "man/man3/{f} differs from what the headers (include/*.h, book/include/thread.h) give: run `make man` and commit man/"
        );
    }
}

#[test]
fn every_page_renders_without_warnings() {
    if !has("groff") {
        common::skip(
            "every_page_renders_without_warnings",
            "groff is not installed",
        );
        return;
    }
    let pages = common::man_pages();
    assert!(pages.len() > 150, "only {} pages", pages.len());
    for p in &pages {
        let out = Command::new("groff")
            .args(["-ww", "-man", "-Tutf8", "-P-cbou"])
            .arg(common::root().join("man/man3").join(p))
            .output()
            .expect("run groff");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.is_empty(),
            "groff -ww on man/man3/{p}: {:?}\n{stderr}",
            out.status
        );
        let text = String::from_utf8_lossy(&out.stdout);
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "SEE ALSO"] {
            assert!(
                text.lines().any(|l| l == section),
                "{p} has no {section} section"
            );
        }
    }
}

#[test]
fn every_exported_name_has_a_page() {
    let names = common::shared_exports();
    assert!(names.len() > 150, "only {} exported names", names.len());
    let pages: BTreeSet<String> = common::man_pages().into_iter().collect();
    for n in &names {
        // Two exported names no UNP header declares (as in the original):
        // the pages of the functions that use them describe them.
        if n == "daemon_proc" {
            for p in ["err_sys.3", "err_msg.3", "daemon_init.3"] {
                assert!(page(p).contains("daemon_proc"), "{p} omits daemon_proc");
            }
            continue;
        }
        if n == "signal" {
            let t = page("Signal.3");
            assert!(
                t.contains("exports its own \\fBsignal\\fR") && t.contains("SA_RESTART"),
                "Signal.3 does not describe the library's signal:\n{t}"
            );
            continue;
        }
        assert!(pages.contains(&format!("{n}.3")), "{n} has no man page");
        let text = page(&format!("{n}.3"));
        assert!(
            text.contains(&format!(".SH NAME\n{} \\- ", n)),
            "{n}.3: NAME does not start with {n}"
        );
        assert!(
            text.contains(".SH RETURN VALUE\n"),
            "{n}.3 has no RETURN VALUE"
        );
    }
}

/// "Link with -lunp" is on the page of every function the library defines
/// (exports); a page of a function it only declares (`Sysctl`) says so
/// instead.
#[test]
fn link_line_only_for_defined_functions() {
    let names = common::shared_exports();
    let mut declared_only = Vec::new();
    for p in common::man_pages() {
        let name = p.trim_end_matches(".3");
        if name == "unp" {
            continue;
        }
        let text = page(&p);
        let link = text.contains("\nLink with \\fB\\-lunp");
        let only = text.contains("\nDeclared only: \\fB\\-lunp\\fR does not define it");
        if names.contains(name) {
            assert!(link && !only, "{p}: the library defines {name}:\n{text}");
        } else {
            assert!(
                !link && only,
                "{p}: the library does not define {name}:\n{text}"
            );
            declared_only.push(name.to_string());
        }
    }
    assert_eq!(declared_only, ["Sysctl"]);
}

/// The sections carry what the doc comments say: a wrapper lists the exact
/// messages of the function it wraps with their exit status, and a
/// deliberate difference is stated under its own heading.
#[test]
fn sections_carry_the_doc_comments() {
    let t = page("Tcp_connect.3");
    assert!(t.contains("#include \"unp.h\""), "{t}");
    assert!(
        t.contains("\\fBint Tcp_connect(const char *host, const char *serv);\\fR"),
        "{t}"
    );
    assert!(
        t.contains(
            ".TP\n\\fBtcp_connect error for %s, %s: %s\\fR\n(err_quit) the process exits with status 1."
        ),
        "{t}"
    );
    let t = page("readline.3");
    assert!(t.contains(".SH DIFFERENCES FROM THE ORIGINAL\n"), "{t}");
    assert!(
        t.contains(".SH RETURN VALUE\nReturns the number of bytes stored"),
        "{t}"
    );
    let t = page("Pthread_create.3");
    assert!(t.contains("#include \"unpthread.h\""), "{t}");
    let t = page("get_ifi_info.3");
    assert!(t.contains("struct ifi_info {"), "{t}");
    let t = page("err_sys.3");
    assert!(t.contains(".SH DIAGNOSTICS\nExits with status 1"), "{t}");
    // thread.h (book-tree support): its own include form and where it is;
    // a prototype over two lines; `__attribute__((__noreturn__))`.
    let t = page("thr_create.3");
    assert!(t.contains("\\fB#include <thread.h>\\fR\n"), "{t}");
    assert!(
        t.contains("installed as \\fIshare/unp/include/thread.h\\fR"),
        "{t}"
    );
    assert!(
        t.contains(
            "\\fBint thr_create(void *stack_base, size_t stack_size, \
             void *(*start_routine)(void *),\\fR\n\\fB               void *arg, \
             long flags, thread_t *new_thread);\\fR\n"
        ),
        "{t}"
    );
    assert!(
        t.contains(".SH RETURN VALUE\nReturns 0 or an error number: EINVAL"),
        "{t}"
    );
    let t = page("thr_exit.3");
    assert!(
        t.contains("\\fBvoid thr_exit(void *status);\\fR\n")
            && t.contains(".SH RETURN VALUE\nNever returns.\n"),
        "{t}"
    );
    let t = page("unp_thr_Pthread_join.3");
    assert!(
        t.contains(".TP\n\\fBpthread_join error\\fR\n(err_sys)"),
        "{t}"
    );
    let t = page("unp.3");
    for h in ["unp.h", "unpthread.h", "unpifi.h", "unprtt.h", "thread.h"] {
        assert!(t.contains(&format!(".SS {h}\n")), "unp.3 lacks {h}");
    }
    assert!(t.contains("\\fB#include <thread.h>\\fR\n"), "{t}");
    assert!(t.contains("#define THR_DETACHED"), "{t}");
    assert!(t.contains("#define MAXLINE 4096"), "{t}");
}

#[test]
fn make_install_installs_the_pages_and_make_uninstall_removes_everything() {
    let prefix = common::staged_prefix();

    if has("man") {
        let out = Command::new("man")
            .arg("-M")
            .arg(prefix.join("share/man"))
            .args(["3", "Tcp_connect"])
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("MANWIDTH", "200")
            .env("MAN_DISABLE_SECCOMP", "1")
            .output()
            .expect("run man");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success()
                && text
                    .contains("Tcp_connect - tcp_connect(), exiting with a diagnostic on failure"),
            "man -M {}/share/man 3 Tcp_connect: {:?}\n{text}\n{}",
            prefix.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    } else {
        common::skip(
            "make_install_installs_the_pages_and_make_uninstall_removes_everything (man -M)",
            "man is not installed",
        );
    }

    // `make check` also installed into build/unstage and ran `make uninstall`
    // there (the tests never run make themselves).
    let prefix = common::root().join("build/unstage");
    assert!(prefix.is_dir(), "make check did not stage build/unstage");
    // Nothing remains but the empty directory that was there before the
    // install (make check made build/unstage/include first, as /usr/local
    // has an empty include/): the directories the install created are gone.
    assert_eq!(
        common::entries_under(&prefix),
        [Path::new("include")],
        "make uninstall left more than the directory that was there before"
    );
}
