//! Building the book's source tree against an installed libunp: `make
//! install PREFIX=<tmp>`, then a miniature tree laid out like unpv13e
//! (tests/book/: program directories whose Makefiles include ../Make.defines,
//! with Make.defines and config.h copied from <tmp>/share/unp to the top)
//! built with `make` and run, exact output.  Also: the generated config.h
//! agrees with unp.h token for token and defines exactly the macros the
//! original's `configure` defines on Linux.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

fn sh(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dst = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &dst);
        } else {
            std::fs::copy(e.path(), dst).unwrap();
        }
    }
}

/// The miniature tree, copied into a fresh directory under target/, with
/// the installed Make.defines and config.h (of `make check`'s staged
/// installation, `prefix`) at its top (the README's steps).
fn tree(prefix: &Path, tag: &str) -> PathBuf {
    let top = common::root().join(format!(
        "target/book-test/{tag}-{}/unpv13e",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&top);
    copy_tree(&common::root().join("tests/book"), &top);
    for f in ["Make.defines", "config.h"] {
        std::fs::copy(prefix.join("share/unp").join(f), top.join(f)).unwrap();
    }
    top
}

fn make(dir: &Path, extra: &[String]) -> (bool, String) {
    let (ok, o, e) = sh(common::make().args(extra).current_dir(dir));
    (ok, format!("{o}{e}"))
}

fn check_programs(top: &Path, how: &str) {
    let t = common::T;
    let r = common::run(&top.join("intro/hello"), &[], b"", t);
    r.expect(
        "MAXLINE 4096, SERV_PORT 9877, x86_64-pc-linux-gnu\nover the pair\n",
        "err_ret 1: Connection refused\n",
        0,
    );
    let r = common::run(&top.join("intro/ownstrcli"), &[], b"one\ntwo\n", t);
    r.expect(
        "[own writen 4 bytes]\nown str_cli: one\n[own writen 4 bytes]\nown str_cli: two\n",
        "",
        0,
    );
    let r = common::run(&top.join("intro/ifilist"), &[], b"", t);
    r.expect(
        "lo 127.0.0.1\nsizeof(struct ifi_info) = 72, loopback addresses: 1\n",
        "",
        0,
    );
    let r = common::run(&top.join("common/twofiles"), &[], b"", t);
    r.expect("shared counter = 2\n", "", 0);
    let r = common::run(&top.join("key/config"), &[], b"", t);
    r.expect(
        "CPU_VENDOR_OS=x86_64-pc-linux-gnu\nIPv4 and IPv6\nUnix domain and multicast\n\
         t_scalar_t is 4 bytes, MAXSOCKADDR 128\n",
        "err_msg from libunp\n",
        0,
    );
    check_threads(top);
    eprintln!("book tree built and ran ({how})");
}

/// The Solaris-threads programs of tests/book/threads: `thr_join(0, ...)`
/// reaps threads in the order they end; `thread_t` with only unpthread.h;
/// a threaded echo server whose thread IDs are `thread_t`s.
fn check_threads(top: &Path) {
    let t = common::T;
    let r = common::run(&top.join("threads/webthr"), &[], b"", t);
    r.expect(
        "thread for logo.gif done\nthread for menu.js done\nthread for style.css done\n\
         thread for index.html done\nthread for photo.jpg done\nnothing left: ESRCH\n\
         joining itself: EDEADLK\njoined extra.txt by its ID\n",
        "",
        0,
    );
    let r = common::run(&top.join("threads/tidtype"), &[], b"", t);
    r.expect("thread_t from unp.h, 8 bytes like pthread_t\n", "", 0);

    let exe = top.join("threads/thrserv");
    let (srv, port) = common::start_server_on_free_port(
        &exe,
        common::Proto::Tcp,
        &|p| vec!["127.0.0.1".into(), p.into(), "4".into()],
        &[],
    );
    for k in 1..=4 {
        let mut c = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        c.set_read_timeout(Some(t)).unwrap();
        let line = format!("line {k} to the echo server\n");
        c.write_all(line.as_bytes()).unwrap();
        let mut got = vec![0u8; line.len()];
        c.read_exact(&mut got).unwrap();
        assert_eq!(String::from_utf8_lossy(&got), line, "echo of client {k}");
    }
    srv.wait(t).expect(
        "4 clients, 2 threads joined: 2 4\nthen thr_join: ESRCH\n",
        "",
        0,
    );
}

#[test]
fn book_tree_static_and_shared() {
    let prefix = common::staged_prefix();
    let top = tree(&prefix, "tree");
    let defines = std::fs::read_to_string(top.join("Make.defines")).unwrap();
    let inc = prefix.join("include");
    let lib = prefix.join("lib");
    assert!(
        defines.contains(&format!(
            "CFLAGS = -I{} -I{} -g -O2 -D_REENTRANT -Wall -fcommon\n",
            mk_path(&inc),
            mk_path(&prefix.join("share/unp/include"))
        )),
        "{defines}"
    );
    // thread.h is installed with the book-tree support only.
    assert!(prefix.join("share/unp/include/thread.h").exists());
    assert!(!inc.join("thread.h").exists());
    assert!(defines.contains(&format!("LIBS = {}/libunp.a -lpthread\n", mk_path(&lib))));
    assert!(
        !defines.contains('@'),
        "unsubstituted @VAR@ in Make.defines:\n{defines}"
    );

    // As installed: the static archive.
    for d in ["intro", "common", "key", "threads"] {
        let (ok, log) = make(&top.join(d), &[]);
        assert!(ok, "make in {d} failed:\n{log}");
        assert!(!log.contains("warning:"), "warnings in {d}:\n{log}");
    }
    check_programs(&top, "static archive");
    // The compatibility code is linked only into programs that include
    // <thread.h>: Pthread_create without it stays the plain wrapper.
    for (prog, want) in [
        ("threads/webthr", true),
        ("threads/tidtype", false),
        ("intro/hello", false),
    ] {
        let (ok, syms, e) = sh(Command::new("nm").arg(top.join(prog)));
        assert!(ok, "nm {prog}: {e}");
        assert_eq!(
            (
                syms.contains("unp_thr_Pthread_create"),
                syms.contains("thr_join")
            ),
            (want, want),
            "{prog}: compatibility code linked in: {}",
            !want
        );
    }

    // The shared library, through the LIBS line Make.defines documents.
    let shared = format!("LIBS=-L{0} -Wl,-rpath,{0} -lunp -lpthread", mk_path(&lib));
    for d in ["intro", "common", "key", "threads"] {
        let (ok, log) = make(&top.join(d), &["clean".into()]);
        assert!(ok, "make clean in {d}:\n{log}");
        let (ok, log) = make(&top.join(d), std::slice::from_ref(&shared));
        assert!(ok, "make {shared} in {d} failed:\n{log}");
    }
    let ldd = sh(Command::new("ldd").arg(top.join("intro/hello")));
    assert!(
        ldd.1.contains(&common::soname()),
        "not linked with libunp.so:\n{}",
        ldd.1
    );
    check_programs(&top, "shared library");

    // -fcommon is what makes the tentative definitions in common/shared.h link
    // with GCC 10+ (which defaults to -fno-common).
    make(&top.join("common"), &["clean".into()]);
    let nocommon = format!(
        "CFLAGS=-I{} -g -O2 -D_REENTRANT -Wall -fno-common",
        mk_path(&inc)
    );
    let (ok, log) = make(&top.join("common"), &[nocommon]);
    assert!(
        !ok && log.contains("multiple definition"),
        "expected a -fno-common link failure:\n{log}"
    );
}

/// `#define NAME BODY` lines of a header, in order.
fn defines(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.trim_start().strip_prefix("#define "))
        .map(|rest| {
            let rest = rest.trim();
            let (name, body) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            (
                name.to_string(),
                body.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect()
}

/// The original `configure`'s results on Linux, exactly.
const CONFIG_SET: &[&str] = &[
    "CPU_VENDOR_OS",
    "PACKAGE_BUGREPORT",
    "PACKAGE_NAME",
    "PACKAGE_STRING",
    "PACKAGE_TARNAME",
    "PACKAGE_VERSION",
    "STDC_HEADERS",
    "TIME_WITH_SYS_TIME",
    "HAVE_ARPA_INET_H",
    "HAVE_ERRNO_H",
    "HAVE_FCNTL_H",
    "HAVE_NETDB_H",
    "HAVE_NETINET_IN_H",
    "HAVE_POLL_H",
    "HAVE_PTHREAD_H",
    "HAVE_SIGNAL_H",
    "HAVE_STDIO_H",
    "HAVE_STDLIB_H",
    "HAVE_STRINGS_H",
    "HAVE_STRING_H",
    "HAVE_SYS_IOCTL_H",
    "HAVE_SYS_PARAM_H",
    "HAVE_SYS_SELECT_H",
    "HAVE_SYS_SOCKET_H",
    "HAVE_SYS_STAT_H",
    "HAVE_SYS_TIME_H",
    "HAVE_SYS_TYPES_H",
    "HAVE_SYS_UIO_H",
    "HAVE_SYS_UN_H",
    "HAVE_SYS_WAIT_H",
    "HAVE_TIME_H",
    "HAVE_UNISTD_H",
    "HAVE_BZERO",
    "HAVE_GETADDRINFO",
    "HAVE_GETHOSTBYNAME2",
    "HAVE_GETHOSTBYNAME_R",
    "HAVE_GETHOSTNAME",
    "HAVE_GETNAMEINFO",
    "HAVE_HSTRERROR",
    "HAVE_IF_NAMETOINDEX",
    "HAVE_INET6_RTH_INIT",
    "HAVE_INET_ATON",
    "HAVE_INET_PTON",
    "HAVE_MKSTEMP",
    "HAVE_POLL",
    "HAVE_PSELECT",
    "HAVE_SNPRINTF",
    "HAVE_SOCKATMARK",
    "HAVE_VSNPRINTF",
    "HAVE_LIBPTHREAD",
    "HAVE_GETADDRINFO_PROTO",
    "HAVE_GETHOSTNAME_PROTO",
    "HAVE_GETNAMEINFO_PROTO",
    "HAVE_GETRUSAGE_PROTO",
    "HAVE_HSTRERROR_PROTO",
    "HAVE_IF_NAMETOINDEX_PROTO",
    "HAVE_INET_ATON_PROTO",
    "HAVE_INET_PTON_PROTO",
    "HAVE_PSELECT_PROTO",
    "HAVE_SNPRINTF_PROTO",
    "HAVE_SOCKATMARK_PROTO",
    "HAVE_ADDRINFO_STRUCT",
    "HAVE_IF_NAMEINDEX_STRUCT",
    "HAVE_MSGHDR_MSG_CONTROL",
    "HAVE_STRUCT_IFREQ_IFR_MTU",
    "HAVE_STRUCT_SOCKADDR_STORAGE",
    "HAVE_TIMESPEC_STRUCT",
    "IPV4",
    "IPV6",
    "IPv4",
    "IPv6",
    "UNIXDOMAIN",
    "UNIXdomain",
    "MCAST",
    "t_scalar_t",
    "t_uscalar_t",
];

#[test]
fn config_h_matches_reference_and_unp_h() {
    let root = common::root();
    common::ensure_built();
    // Generated by make from unp.h's configure block (book/config.h.head + sed).
    let config_path = root.join("build/share/unp/config.h");
    let config = std::fs::read_to_string(&config_path).unwrap();
    let unp = std::fs::read_to_string(root.join("include/unp.h")).unwrap();
    let cdefs = defines(&config);
    let names: Vec<&str> = cdefs.iter().map(|(n, _)| n.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    let mut want = CONFIG_SET.to_vec();
    want.sort();
    assert_eq!(sorted, want, "book/config.h must define exactly that set");
    let udefs = defines(&unp);
    for (n, body) in &cdefs {
        let u = udefs.iter().find(|(un, _)| un == n);
        assert_eq!(
            u.map(|(_, b)| b),
            Some(body),
            "{n}: config.h and unp.h must define it identically"
        );
    }
    for bad in [
        "HAVE_SOCKADDR_SA_LEN",
        "HAVE_SOCKADDR_DL_STRUCT",
        "HAVE_SYS_SYSCTL_H",
        "HAVE_KQUEUE",
    ] {
        assert!(
            !names.contains(&bad) && !udefs.iter().any(|(n, _)| n == bad),
            "{bad} must stay undefined"
        );
    }
    assert!(
        !config.contains("#ifndef"),
        "config.h has no include guard, like the original"
    );

    // Both orders, twice each (no guard), with -Werror: no redefinition warning.
    let dir = root.join(format!("target/book-test/config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&config_path, dir.join("config.h")).unwrap();
    let src = dir.join("both.c");
    std::fs::write(
        &src,
        "#include \"config.h\"\n#include \"config.h\"\n#include \"unp.h\"\n#include \"unpifi.h\"\n\
         #include \"config.h\"\nint main(void) { return IPV6 - 1; }\n",
    )
    .unwrap();
    for cc in ["gcc", "clang"] {
        if Command::new(cc).arg("--version").output().is_err() {
            common::skip(cc, "not installed");
            continue;
        }
        let (ok, o, e) = sh(Command::new(cc)
            .args(["-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-I"])
            .arg(&dir)
            .arg("-I")
            .arg(root.join("include"))
            .arg(&src));
        assert!(ok, "{cc}: config.h + unp.h:\n{o}{e}");
    }
}

/// Runs what `make book BOOK=top` runs — tools/book.sh with the
/// Make.defines and config.h that `make check` prepared in build/book (the
/// tests never run make) — with `env` added to a clean environment (no
/// MAKEFLAGS of a calling make); (exit code, stdout, stderr).
fn make_book(top: &Path, env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    common::ensure_built();
    let mut cmd = Command::new("sh");
    cmd.arg("tools/book.sh")
        .arg(top)
        .arg("build/book/Make.defines")
        .arg("build/book/config.h")
        .current_dir(common::root());
    for v in ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "GNUMAKEFLAGS"] {
        cmd.env_remove(v);
    }
    cmd.envs(env.iter().copied());
    let out = cmd.output().expect("run make book");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The summary's lines, with each failure's first error line (the
/// compiler's words, checked separately) replaced by "    <error>".
fn summary_shape(out: &str) -> (String, Vec<String>) {
    let mut shape = String::new();
    let mut errors = Vec::new();
    for l in out.lines() {
        if let Some(e) = l.strip_prefix("    ") {
            errors.push(e.to_string());
            shape.push_str("    <error>\n");
        } else {
            shape.push_str(l);
            shape.push('\n');
        }
    }
    (shape, errors)
}

/// The platform reasons tools/book.sh prints for the miniature tree's
/// failures (its reason table has the same texts).
const ROUTE: &str = "BSD routing sockets: <net/if_dl.h> and sa_len do not exist on Linux";
const STREAMS: &str = "STREAMS: <stropts.h> does not exist on Linux (glibc dropped it in 2.30)";
const XTI: &str = "XTI: <xti.h>, the X/Open Transport Interface, does not exist on Linux";

/// `make book BOOK=<copy of tests/book>`: puts Make.defines and config.h in
/// place (an existing Make.defines is kept as Make.defines.orig), builds
/// every program directory but lib/ against build/ (nothing installed),
/// prints the summary with each failure's platform reason and the failures
/// counted by reason, and exits 0 since every failure is platform code;
/// again, with the same summary (run twice; with MAKEFLAGS of a parallel
/// make); then with a directory whose program calls an undeclared function,
/// and one whose program fails in one file for a platform reason and in
/// another for none: exit 1, both failures without a platform reason.  The
/// programs it built run.
#[test]
fn make_book_builds_and_summarises() {
    common::ensure_built();
    let base = common::root().join(format!("target/book-test/make-book-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let top = base.join("unpv13e");
    copy_tree(&common::root().join("tests/book"), &top);
    std::fs::write(top.join("Make.defines"), "# the tree's own Make.defines\n").unwrap();

    let logs = common::root().join("build/book/logs");
    let built = "built: 8 programs in 4 directories\n  common: twofiles\n  \
                 intro: hello ownstrcli ifilist\n  key: config\n  threads: webthr thrserv tidtype\n";
    let tail = format!(
        "{built}failed: 3 programs\n  \
         route/salen: {ROUTE}\n    <error>\n  \
         streams/strlist: {STREAMS}\n    <error>\n  \
         xti/daytimexti: {XTI}\n    <error>\n\
         failures by reason:\n  \
         1 in route/ -- {ROUTE}\n  \
         1 in streams/ -- {STREAMS}\n  \
         1 in xti/ -- {XTI}\n\
         full output of each build: {}/DIR/PROG.log\n",
        logs.display()
    );
    let ok_result = "result: the library side worked; the 3 failures are platform code\n";

    let (code, out, err) = make_book(&top, &[("MAKEFLAGS", "-j2")]);
    let (shape, errors) = summary_shape(&out);
    assert_eq!(
        (code, shape.as_str(), err.as_str()),
        (
            Some(0),
            format!(
                "make book: {}\nMake.defines: written (the one that was there is now \
                 Make.defines.orig)\nconfig.h: written\n{tail}{ok_result}",
                top.display()
            )
            .as_str(),
            ""
        ),
        "make book:\n{out}"
    );
    assert!(
        errors[0].contains("has no member named 'sa_len'"),
        "{errors:?}"
    );
    assert!(
        errors[1].contains("stropts.h: No such file or directory"),
        "{errors:?}"
    );
    assert!(
        errors[2].contains("xti.h: No such file or directory"),
        "{errors:?}"
    );
    assert_eq!(
        std::fs::read_to_string(top.join("Make.defines.orig")).unwrap(),
        "# the tree's own Make.defines\n"
    );
    let defines = std::fs::read_to_string(top.join("Make.defines")).unwrap();
    let build = common::root().join("build");
    assert!(
        defines.contains(&format!(
            "CFLAGS = -I{0} -I{1} -g -O2 -D_REENTRANT -Wall -fcommon\n",
            mk_path(&build.join("include")),
            mk_path(&build.join("book/include"))
        )) && defines.contains(&format!(
            "LIBS = {}/libunp.a -lpthread\n",
            mk_path(&build.join("lib"))
        )),
        "{defines}"
    );
    assert!(!top.join("lib/notme").exists());

    // Again: nothing to put in place, nothing to rebuild, the same summary.
    let (code, out, err) = make_book(&top, &[]);
    let (shape, _) = summary_shape(&out);
    assert_eq!(
        (code, shape.as_str(), err.as_str()),
        (
            Some(0),
            format!(
                "make book: {}\nMake.defines: already in place\nconfig.h: already in place\n\
                 {tail}{ok_result}",
                top.display()
            )
            .as_str(),
            ""
        ),
        "make book, second run:\n{out}"
    );
    check_programs(&top, "make book");

    // Failures that are not platform code: exit 1.  A program one of whose
    // files fails for a platform reason is still one when another fails for
    // none: each error line needs its reason.
    for d in ["broken", "halfplatform"] {
        copy_tree(
            &common::root().join("tests/book-libfail").join(d),
            &top.join(d),
        );
    }
    let (code, out, err) = make_book(&top, &[]);
    let (shape, errors) = summary_shape(&out);
    let unknown = "NO KNOWN PLATFORM REASON";
    let want = format!(
        "make book: {}\nMake.defines: already in place\nconfig.h: already in place\n\
         {built}failed: 5 programs\n  \
         broken/undecl: {unknown}\n    <error>\n  \
         halfplatform/twoerrs: {unknown}\n    <error>\n  \
         route/salen: {ROUTE}\n    <error>\n  \
         streams/strlist: {STREAMS}\n    <error>\n  \
         xti/daytimexti: {XTI}\n    <error>\n\
         failures by reason:\n  \
         2 in broken/ halfplatform/ -- {unknown}\n  \
         1 in route/ -- {ROUTE}\n  \
         1 in streams/ -- {STREAMS}\n  \
         1 in xti/ -- {XTI}\n\
         full output of each build: {}/DIR/PROG.log\n\
         result: 2 of the failures have no known platform reason: a problem for libunp?\n",
        top.display(),
        logs.display()
    );
    assert_eq!(
        (code, shape.as_str()),
        (Some(1), want.as_str()),
        "make book with library failures:\n{out}\n{err}"
    );
    assert_eq!(err, "", "make book with library failures");
    assert!(errors[0].contains("Tcp_frobnicate"), "{errors:?}");
    // The line shown is the one no reason explains, not the XTI one.
    assert!(errors[1].contains("UNP_NO_SUCH_CONSTANT"), "{errors:?}");
}

/// A path as the Make.defines of `make book` and `make install` spell it:
/// in double quotes when it has a space (the Makefile's mk-path).
fn mk_path(p: &Path) -> String {
    let p = p.display().to_string();
    if p.contains(' ') {
        format!("\"{p}\"")
    } else {
        p
    }
}

/// A BOOK= that is not the book's tree (no lib/unp.h, or no program
/// directory) is refused before anything is written: exit 1 and a message
/// that says why, and where the tree is when it is right below or above.
#[test]
fn make_book_refuses_what_is_not_the_books_tree() {
    common::ensure_built();
    let base = common::root().join(format!("target/book-test/not-book-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let top = base.join("unpv13e");
    copy_tree(&common::root().join("tests/book"), &top);
    let empty = base.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let nolib = base.join("nolib");
    copy_tree(
        &common::root().join("tests/book/intro"),
        &nolib.join("intro"),
    );
    let noprogs = base.join("noprogs");
    copy_tree(&common::root().join("tests/book/lib"), &noprogs.join("lib"));
    let missing = base.join("missing");

    let tail = "make book: BOOK= names the directory that holds lib/, intro/, tcpcliserv/, ...\n";
    let not = |d: &Path, why: &str| {
        format!(
            "make book: {} is not the book's source tree (unpv13e): {why}\n",
            d.display()
        )
    };
    let hint = format!("make book: did you mean BOOK={}?\n", top.display());
    for (dir, want) in [
        (
            &base,
            format!("{}{hint}{tail}", not(&base, "it has no lib/unp.h")),
        ),
        (
            &top.join("intro"),
            format!(
                "{}{hint}{tail}",
                not(&top.join("intro"), "it has no lib/unp.h")
            ),
        ),
        (
            &empty,
            format!("{}{tail}", not(&empty, "it has no lib/unp.h")),
        ),
        (
            &nolib,
            format!("{}{tail}", not(&nolib, "it has no lib/unp.h")),
        ),
        (
            &noprogs,
            format!(
                "{}{tail}",
                not(
                    &noprogs,
                    "it has no program directory (one whose Makefile includes ../Make.defines)"
                )
            ),
        ),
        (
            &missing,
            format!("{}{tail}", not(&missing, "no such directory")),
        ),
    ] {
        let (code, out, err) = make_book(dir, &[]);
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (Some(1), "", want.as_str()),
            "make book BOOK={}",
            dir.display()
        );
        for f in ["Make.defines", "config.h"] {
            assert!(!dir.join(f).exists(), "{f} written into {}", dir.display());
        }
    }
}

/// tools/book.sh without its three arguments says how to call it, exit 2.
#[test]
fn book_script_needs_its_arguments() {
    let out = Command::new("sh")
        .arg("tools/book.sh")
        .current_dir(common::root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        (out.status.code(), err.as_ref()),
        (Some(2), "usage: sh tools/book.sh BOOK DEFINES CONFIG\n")
    );
}

/// thread.h compiles warning-free with unpthread.h in either order (the
/// thread_t typedef once), in C and C++, and its macros send the pthread
/// calls of the including file to the registering functions.
#[test]
fn thread_h_compiles_in_either_order() {
    let root = common::root();
    let dir = root.join(format!("target/book-test/thread-h-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let body = "static void *f(void *a) { return a; }\n\
                int main(void) {\n  thread_t t, d;\n  void *st;\n\
                Pthread_create(&t, NULL, f, NULL);\n  pthread_create(&t, NULL, f, NULL);\n\
                (void) thr_join(0, &d, &st);\n  (void) thr_join(t, &d, &st);\n\
                (void) thr_create(NULL, 0, f, NULL, THR_DETACHED, &t);\n\
                thr_yield();\n  return thr_self() == 0;\n}\n";
    for (name, incs) in [
        ("after", "#include \"unpthread.h\"\n#include <thread.h>\n"),
        ("before", "#include <thread.h>\n#include \"unpthread.h\"\n"),
    ] {
        for (cc, std, ext) in [
            ("cc", "-std=c99 -D_DEFAULT_SOURCE", "c"),
            ("cc", "-std=gnu11", "c"),
            ("c++", "-std=c++17", "cpp"),
        ] {
            let src = dir.join(format!("{name}.{ext}"));
            std::fs::write(&src, format!("{incs}{body}")).unwrap();
            let (ok, o, e) = sh(Command::new(cc)
                .args(std.split(' '))
                .args(["-Wall", "-Wextra", "-Werror", "-D_REENTRANT", "-E", "-P"])
                .arg("-I")
                .arg(root.join("include"))
                .arg("-I")
                .arg(root.join("book/include"))
                .arg(&src));
            assert!(ok, "{cc} {std} -E ({name}): {e}");
            let main = &o[o.rfind("int main").unwrap()..];
            assert!(
                main.contains("unp_thr_Pthread_create(&t")
                    && main.contains("unp_thr_pthread_create(&t"),
                "{main}"
            );
            let (ok, o, e) = sh(Command::new(cc)
                .args(std.split(' '))
                .args([
                    "-Wall",
                    "-Wextra",
                    "-Werror",
                    "-pedantic",
                    "-D_REENTRANT",
                    "-fsyntax-only",
                ])
                .arg("-I")
                .arg(root.join("include"))
                .arg("-I")
                .arg(root.join("book/include"))
                .arg(&src));
            assert!(ok, "{cc} {std} ({name}):\n{o}{e}");
        }
    }
}

/// `make uninstall` removes what `make install` put there, thread.h with
/// the rest of share/unp (`make check` installed into build/unstage and
/// uninstalled again; build/stage keeps its installation).
#[test]
fn uninstall_removes_thread_h() {
    assert!(common::staged_prefix()
        .join("share/unp/include/thread.h")
        .is_file());
    let prefix = common::root().join("build/unstage");
    assert!(prefix.is_dir(), "make check did not stage build/unstage");
    for f in common::INSTALLED_FILES {
        assert!(!prefix.join(f).exists(), "make uninstall left {f}");
    }
    assert!(!prefix.join("share/unp").exists());
}

/// README's table "What cannot build on Linux" gives the reasons as `make
/// book` prints them: every row of tools/book.sh's reason table is in it
/// (backquotes aside), and every reason a row of the README gives is one of
/// the script's.
#[test]
fn readme_table_has_the_reasons_of_book_sh() {
    let root = common::root();
    let script = std::fs::read_to_string(root.join("tools/book.sh")).unwrap();
    // A row: `reason 'ERE' \` and, on the next line, `\t'TEXT'`.
    let lines: Vec<&str> = script.lines().collect();
    let reasons: Vec<&str> = lines
        .windows(2)
        .filter(|w| w[0].starts_with("reason '"))
        .map(|w| {
            w[1].trim()
                .strip_prefix('\'')
                .and_then(|t| t.strip_suffix('\''))
                .unwrap_or_else(|| panic!("a reason row's text: {}", w[1]))
        })
        .collect();
    assert!(reasons.len() >= 5, "{reasons:?}");

    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme
        .find("### What cannot build on Linux")
        .expect("README: ### What cannot build on Linux");
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n#").map_or(section.len(), |e| e + 3)];
    let plain = section.replace('`', "");
    for r in &reasons {
        assert!(
            plain.contains(r),
            "README's table lacks tools/book.sh's reason: {r}"
        );
    }
    let rows: Vec<&str> = plain
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| directory"))
        .collect();
    assert!(!rows.is_empty(), "no table rows:\n{section}");
    for row in rows {
        let why = row.trim_end_matches(" |").rsplit(" | ").next().unwrap();
        for part in why
            .split(" — with it, the next error: ")
            .flat_map(|p| p.split("; "))
        {
            assert!(
                reasons.contains(&part),
                "README's row gives a reason tools/book.sh does not print: {part}"
            );
        }
    }
}
