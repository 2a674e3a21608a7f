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

/// What `make book` says when a C library the udpcksum programs need is
/// missing (tools/book.sh's reasons).
const PCAP_MISSING: &str = "libpcap is not installed (Debian: libpcap-dev)";
const LIBNET_MISSING: &str = "libnet is not installed (Debian: libnet1-dev)";

/// Whether the C compiler finds `header` (and `config`, a library's
/// `*-config` program, runs): libpcap-dev and libnet1-dev, which the
/// udpcksum programs need, may be missing from a developer's machine (CI
/// installs both).
fn installed(header: &str, config: Option<&str>) -> bool {
    let found = Command::new("sh")
        .args([
            "-c",
            &format!("printf '#include <{header}>\\n' | cc -E -x c - >/dev/null 2>&1"),
        ])
        .status()
        .is_ok_and(|s| s.success());
    found
        && config.is_none_or(|c| {
            Command::new(c)
                .arg("--libs")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn have_pcap() -> bool {
    static HAVE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *HAVE.get_or_init(|| installed("pcap.h", None))
}

fn have_libnet() -> bool {
    static HAVE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *HAVE.get_or_init(|| installed("libnet.h", Some("libnet-config")))
}

/// The platform reasons tools/book.sh prints for the miniature tree's
/// failures (its reason table has the same texts).
const ROUTE: &str = "BSD routing sockets: <net/if_dl.h> and sa_len do not exist on Linux";
const STREAMS: &str = "STREAMS: <stropts.h> does not exist on Linux (glibc dropped it in 2.30)";
const XTI: &str = "XTI: <xti.h>, the X/Open Transport Interface, does not exist on Linux";
const UNKNOWN: &str = "NO KNOWN PLATFORM REASON";

/// tests/book/udpcksum in `make book`'s summary: the programs built and
/// the failures (DIR/PROG, reason), which depend on what is installed.
/// udpck-libnet's files are main.c and capture.c (libpcap), then netsend.c
/// (libnet): its reasons come in that order.
fn udpcksum_summary() -> (Vec<&'static str>, Vec<(String, String)>) {
    let fail = |p: &str, why: &str| (format!("udpcksum/{p}"), why.to_string());
    match (have_pcap(), have_libnet()) {
        (true, true) => (vec!["udpck", "udpck-libnet"], vec![]),
        (true, false) => (vec!["udpck"], vec![fail("udpck-libnet", LIBNET_MISSING)]),
        (false, true) => (
            vec![],
            vec![
                fail("udpck", PCAP_MISSING),
                fail("udpck-libnet", PCAP_MISSING),
            ],
        ),
        (false, false) => (
            vec![],
            vec![
                fail("udpck", PCAP_MISSING),
                fail("udpck-libnet", &format!("{PCAP_MISSING}; {LIBNET_MISSING}")),
            ],
        ),
    }
}

/// `make book`'s summary of the miniature tree from "built:" to "failures
/// by reason:" and its lines, each failure's error line as "    <error>";
/// `extra`: failures (DIR/PROG, reason) of directories listed before
/// route/.  The number of failures comes second.
fn tree_summary(extra: &[(&str, &str)]) -> (String, usize) {
    let (ck_built, ck_failed) = udpcksum_summary();
    let mut built = vec![
        "common: twofiles".to_string(),
        "intro: hello ownstrcli ifilist".into(),
        "key: config".into(),
        "threads: webthr thrserv tidtype".into(),
    ];
    let nbuilt = 8 + ck_built.len();
    if !ck_built.is_empty() {
        built.push(format!("udpcksum: {}", ck_built.join(" ")));
    }
    let mut failed: Vec<(String, String)> = extra
        .iter()
        .map(|(p, w)| (p.to_string(), w.to_string()))
        .collect();
    failed.push(("route/salen".into(), ROUTE.into()));
    failed.push(("streams/strlist".into(), STREAMS.into()));
    failed.extend(ck_failed);
    failed.push(("xti/daytimexti".into(), XTI.into()));
    // Counted by reason, in the order the reasons first come, with their
    // directories.
    let mut by: Vec<(String, usize, Vec<String>)> = Vec::new();
    for (p, w) in &failed {
        let d = format!("{}/", p.split('/').next().unwrap());
        match by.iter_mut().find(|(r, _, _)| r == w) {
            Some((_, n, dirs)) => {
                *n += 1;
                if !dirs.contains(&d) {
                    dirs.push(d);
                }
            }
            None => by.push((w.clone(), 1, vec![d])),
        }
    }
    let text = format!(
        "built: {nbuilt} programs in {} directories\n{}failed: {} programs\n{}failures by reason:\n{}",
        built.len(),
        built.iter().map(|b| format!("  {b}\n")).collect::<String>(),
        failed.len(),
        failed
            .iter()
            .map(|(p, w)| format!("  {p}: {w}\n    <error>\n"))
            .collect::<String>(),
        by.iter()
            .map(|(w, n, dirs)| format!("  {n} in {} -- {w}\n", dirs.join(" ")))
            .collect::<String>()
    );
    (text, failed.len())
}

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
    let (summary, nfailed) = tree_summary(&[]);
    let tail = format!(
        "{summary}full output of each build: {}/DIR/PROG.log\n",
        logs.display()
    );
    let ok_result =
        format!("result: the library side worked; the {nfailed} failures are platform code\n");

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
    for e in [
        "has no member named 'sa_len'",
        "stropts.h: No such file or directory",
        "xti.h: No such file or directory",
    ] {
        assert!(errors.iter().any(|l| l.contains(e)), "{e}: {errors:?}");
    }
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
    let (summary, _) = tree_summary(&[
        ("broken/undecl", UNKNOWN),
        ("halfplatform/twoerrs", UNKNOWN),
    ]);
    let want = format!(
        "make book: {}\nMake.defines: already in place\nconfig.h: already in place\n\
         {summary}full output of each build: {}/DIR/PROG.log\n\
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
/// that says why, and where the tree is when it is right below or above;
/// so is a tree make book cannot write into.
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

    // A read-only copy of the tree (`cp -r` of a read-only one): refused
    // with what to do.  Root may write anywhere, so this part runs as an
    // ordinary user (CI's .ci/user-check).
    if unsafe { libc::geteuid() } != 0 {
        use std::os::unix::fs::PermissionsExt;
        let intro = top.join("intro");
        std::fs::set_permissions(&intro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let (code, out, err) = make_book(&top, &[]);
        std::fs::set_permissions(&intro, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (
                Some(1),
                "",
                format!(
                    "make book: {} is not writable: make book writes Make.defines and config.h \
                     at the top of the tree and builds in each program directory (a copy of a \
                     read-only tree? chmod -R u+w it)\n",
                    intro.display()
                )
                .as_str()
            )
        );
        assert!(!top.join("Make.defines").exists());
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

/// The BSD headers of share/unp/include, <netinet/ip_var.h> and
/// <netinet/udp_var.h>, compile as a program's only include in strict C and
/// C++ without a diagnostic, and lay struct udpiphdr out as BSD does: the
/// pseudo-header over the 20 bytes of the IPv4 header (protocol where ip_p
/// is, length where ip_sum is, then the addresses), then the UDP header.
/// The compatibility libnet.h takes libnet_build_dnsv4() with libnet
/// 1.1.0's ten arguments and with the current eleven.
#[test]
fn bsd_compat_headers() {
    let root = common::root();
    let dir = root.join(format!("target/book-test/compat-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let layout = "#include <netinet/udp_var.h>\n#include <stddef.h>\n#include <string.h>\n\
        #define AT(name, member, off) typedef char name[offsetof(struct udpiphdr, member) == (off) ? 1 : -1]\n\
        AT(at_x1, ui_x1, 0); AT(at_pr, ui_pr, 9); AT(at_len, ui_len, 10); AT(at_src, ui_src, 12);\n\
        AT(at_dst, ui_dst, 16); AT(at_sport, ui_sport, 20); AT(at_dport, ui_dport, 22);\n\
        AT(at_ulen, ui_ulen, 24); AT(at_sum, ui_sum, 26);\n\
        typedef char size_28[sizeof(struct udpiphdr) == 28 ? 1 : -1];\n\
        typedef char ovly_20[sizeof(struct ipovly) == 20 ? 1 : -1];\n\
        int main(void) {\n  struct udpiphdr ui;\n  memset(&ui, 0, sizeof(ui));\n  ui.ui_pr = IPPROTO_UDP;\n\
        ui.ui_len = ui.ui_ulen = htons(8);\n  ui.ui_src.s_addr = ui.ui_dst.s_addr = htonl(INADDR_LOOPBACK);\n\
        ui.ui_sport = ui.ui_dport = htons(53);\n  ui.ui_sum = 0;\n  return ui.ui_x1[0] + ui.ui_sum;\n}\n";
    let mut cases: Vec<(&str, &str, Vec<&str>, &str)> = ["-std=c99", "-std=c11", "-std=gnu11"]
        .into_iter()
        .map(|std| ("layout", layout, vec![std, "-pedantic"], "c"))
        .collect();
    cases.push(("layout", layout, vec!["-std=c++11", "-pedantic"], "cpp"));
    if have_libnet() {
        let net = "#include <libnet.h>\nint main(void) {\n  libnet_t *l = NULL;\n  uint8_t q[4] = { 0 };\n\
            return (l != NULL && (libnet_build_dnsv4(1234, 0x0100, 1, 0, 0, 0, q, 4, l, 0) < 0\n\
            || libnet_build_dnsv4(LIBNET_UDP_DNSV4_H, 1234, 0x0100, 1, 0, 0, 0, q, 4, l, 0) < 0))\n\
            + LIBNET_DNSV4_H - 12;\n}\n";
        cases.push(("libnet", net, vec!["-std=gnu11"], "c"));
    } else {
        common::skip("bsd_compat_headers (libnet.h)", LIBNET_MISSING);
    }
    for (name, src, flags, ext) in cases {
        let file = dir.join(format!("{name}.{ext}"));
        std::fs::write(&file, src).unwrap();
        let cc = if ext == "cpp" { "c++" } else { "cc" };
        let (ok, o, e) = sh(Command::new(cc)
            .args(&flags)
            .args(["-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-I"])
            .arg(root.join("book/include"))
            .arg(&file));
        assert!(ok, "{cc} {flags:?} {name}:\n{o}{e}\n{src}");
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

/// Run in a private network namespace: tests/c/dnsresp answers one query on
/// 127.0.0.1 port 53 ($RESPFLAGS -n: replies without a UDP checksum), then
/// $PROG $ARGS -i lo 127.0.0.1 53 runs; prints the program's output, its
/// exit status, the responder's, and the responder's output.
const UDPCK_SCRIPT: &str = r###"
"$RESP" $RESPFLAGS 53 1 >"$RESPOUT" 2>&1 &
resp=$!
i=0
until grep -q ' 0100007F:0035 ' /proc/net/udp; do
	i=$((i + 1))
	if [ $i -gt 250 ] || ! kill -0 $resp 2>/dev/null; then
		echo "dnsresp did not bind 127.0.0.1 port 53" >&2
		cat "$RESPOUT" >&2
		exit 3
	fi
	sleep 0.02
done
"$PROG" $ARGS -i lo 127.0.0.1 53
echo "## exit $?"
wait $resp
echo "## dnsresp exit $?"
cat "$RESPOUT"
"###;

/// The book's udpcksum (chapter 29), in miniature: tests/book/udpcksum
/// builds udpck (raw socket) and udpck-libnet (libnet's 1.1.0 interface,
/// through the installed share/unp/include/libnet.h) with the installed
/// Make.defines, BSD's <netinet/ip_var.h> and <netinet/udp_var.h> coming
/// from share/unp/include, statically and with the shared library.  Each
/// sends a DNS query it builds whole (IP header, then UDP header with the
/// checksum computed over struct udpiphdr, or 0 with -0) to a responder in
/// a private network namespace, captures the reply with libpcap on lo and
/// reads its checksum through struct udpiphdr: "UDP checksums on", or
/// "off" when the responder sends without checksums.  The responder's
/// answer also shows the query's checksum was right: the kernel drops a
/// UDP datagram whose checksum is wrong.  The raw socket is the book's
/// `Socket(AF_INET, SOCK_RAW, 0)`.  As root and as any other user (a user
/// namespace).
#[test]
fn udpcksum_in_private_namespace() {
    let name = "udpcksum_in_private_namespace";
    if !have_pcap() {
        return common::skip(name, PCAP_MISSING);
    }
    let prefix = common::staged_prefix();
    let top = tree(&prefix, "udpcksum");
    let dir = top.join("udpcksum");
    let mut progs = vec!["udpck"];
    if have_libnet() {
        progs.push("udpck-libnet");
    } else {
        common::skip(&format!("{name} (udpck-libnet)"), LIBNET_MISSING);
    }
    let lib = prefix.join("lib");
    let shared = format!("LIBS=-L{0} -Wl,-rpath,{0} -lunp -lpthread", mk_path(&lib));
    for link in common::BOTH {
        let mut args: Vec<String> = match link {
            common::Link::Static => vec![],
            common::Link::Shared => vec![shared.clone()],
        };
        args.extend(progs.iter().map(|p| p.to_string()));
        let (ok, log) = make(&dir, &["clean".into()]);
        assert!(ok, "make clean in udpcksum:\n{log}");
        let (ok, log) = make(&dir, &args);
        assert!(
            ok && !log.contains("warning:"),
            "make {args:?} in udpcksum:\n{log}"
        );
        let resp = common::build("dnsresp", link);
        for prog in &progs {
            let exe = dir.join(prog);
            let ldd = sh(Command::new("ldd").arg(&exe)).1;
            assert_eq!(
                ldd.contains(&common::soname()),
                link == common::Link::Shared,
                "{prog} ({link:?}):\n{ldd}"
            );
            for (zero, nocheck) in [(false, false), (true, false), (false, true), (true, true)] {
                let what = format!("{prog} zero={zero} nocheck={nocheck} ({link:?})");
                let ns = match common::netns() {
                    Ok(ns) => ns,
                    Err(why) => return common::skip(name, &why),
                };
                let respout = top.with_file_name(format!(
                    "dnsresp-{}-{prog}-{zero}-{nocheck}.out",
                    link.name()
                ));
                let mut cmd = ns.command("sh");
                cmd.args(["-c", UDPCK_SCRIPT])
                    .env("RESP", &resp)
                    .env("RESPFLAGS", if nocheck { "-n" } else { "" })
                    .env("RESPOUT", &respout)
                    .env("PROG", &exe)
                    .env("ARGS", if zero { "-0" } else { "" });
                let out = common::run_outcome(&mut cmd, b"", common::T);
                let want = format!(
                    "device = lo\nsent 36 bytes of query, {}\n\
                     reply from 127.0.0.1.53: 60 bytes of UDP\nUDP checksums {}\n\
                     ## exit 0\n## dnsresp exit 0\n\
                     query 4321 for a.root-servers.net type 1 class 1, 36 bytes\n",
                    if zero {
                        "no UDP checksum"
                    } else {
                        "with a UDP checksum"
                    },
                    if nocheck { "off" } else { "on" }
                );
                assert_eq!(
                    (
                        String::from_utf8_lossy(&out.stdout).as_ref(),
                        String::from_utf8_lossy(&out.stderr).as_ref(),
                        out.code()
                    ),
                    (want.as_str(), "", Some(0)),
                    "{what}"
                );
            }
        }
    }
}

/// README's table "What cannot build on Linux" gives the reasons as `make
/// book` prints them: every reason a row gives is one of tools/book.sh's
/// reason table, and every reason of that table is in README.md (in the
/// table, or for a missing library of udpcksum/, in its section; backquotes
/// aside).
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
    let all = readme
        .replace('`', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for r in &reasons {
        assert!(
            all.contains(r),
            "README does not say tools/book.sh's reason: {r}"
        );
    }
    let rows: Vec<&str> = plain
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| directory"))
        .collect();
    assert!(!rows.is_empty(), "no table rows:\n{section}");
    for row in rows {
        // | programs | count | why, as make book prints it | what that means |
        let why = row
            .split(" | ")
            .nth(2)
            .unwrap_or_else(|| panic!("a row without its third column: {row}"));
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
