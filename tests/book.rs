//! Building the book's source tree against an installed libunp: `make
//! install PREFIX=<tmp>`, then a miniature tree laid out like unpv13e
//! (tests/book/: program directories whose Makefiles include ../Make.defines,
//! with Make.defines and config.h copied from <tmp>/share/unp to the top)
//! built with `make` and run, exact output.  Also: book/config.h agrees with
//! unp.h token for token and defines exactly the reference's §2 set.

mod common;

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

/// `make install PREFIX=<dir>` into a fresh directory under target/; returns it.
fn install(tag: &str) -> PathBuf {
    let prefix = common::root().join(format!(
        "target/book-test/{tag}-{}/prefix",
        std::process::id()
    ));
    common::make_install(&prefix);
    prefix
}

/// The miniature tree, copied next to the prefix, with the installed
/// Make.defines and config.h at its top (the README's steps).
fn tree(prefix: &Path) -> PathBuf {
    let top = prefix.parent().unwrap().join("unpv13e");
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
    eprintln!("book tree built and ran ({how})");
}

#[test]
fn book_tree_static_and_shared() {
    let prefix = install("tree");
    let top = tree(&prefix);
    let defines = std::fs::read_to_string(top.join("Make.defines")).unwrap();
    let inc = prefix.join("include");
    let lib = prefix.join("lib");
    assert!(defines.contains(&format!(
        "CFLAGS = -I{} -g -O2 -D_REENTRANT -Wall -fcommon\n",
        inc.display()
    )));
    assert!(defines.contains(&format!("LIBS = {}/libunp.a -lpthread\n", lib.display())));
    assert!(
        !defines.contains('@'),
        "unsubstituted @VAR@ in Make.defines:\n{defines}"
    );

    // As installed: the static archive.
    for d in ["intro", "common", "key"] {
        let (ok, log) = make(&top.join(d), &[]);
        assert!(ok, "make in {d} failed:\n{log}");
        assert!(!log.contains("warning:"), "warnings in {d}:\n{log}");
    }
    check_programs(&top, "static archive");

    // The shared library, through the LIBS line Make.defines documents.
    let shared = format!("LIBS=-L{0} -Wl,-rpath,{0} -lunp -lpthread", lib.display());
    for d in ["intro", "common", "key"] {
        let (ok, log) = make(&top.join(d), &["clean".into()]);
        assert!(ok, "make clean in {d}:\n{log}");
        let (ok, log) = make(&top.join(d), std::slice::from_ref(&shared));
        assert!(ok, "make {shared} in {d} failed:\n{log}");
    }
    let ldd = sh(Command::new("ldd").arg(top.join("intro/hello")));
    assert!(
        ldd.1.contains("libunp.so.0"),
        "not linked with libunp.so:\n{}",
        ldd.1
    );
    check_programs(&top, "shared library");

    // -fcommon is what makes the tentative definitions in common/shared.h link
    // with GCC 10+ (which defaults to -fno-common).
    make(&top.join("common"), &["clean".into()]);
    let nocommon = format!(
        "CFLAGS=-I{} -g -O2 -D_REENTRANT -Wall -fno-common",
        inc.display()
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

/// The configure results of the reference's §2, exactly.
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
    let config = std::fs::read_to_string(root.join("book/config.h")).unwrap();
    let unp = std::fs::read_to_string(root.join("include/unp.h")).unwrap();
    let cdefs = defines(&config);
    let names: Vec<&str> = cdefs.iter().map(|(n, _)| n.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    let mut want = CONFIG_SET.to_vec();
    want.sort();
    assert_eq!(sorted, want, "book/config.h must define exactly the §2 set");
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
    std::fs::copy(root.join("book/config.h"), dir.join("config.h")).unwrap();
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
