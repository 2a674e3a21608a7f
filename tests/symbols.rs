//! The libraries' exports against the headers: every function (and extern
//! variable) the four generated headers declare is defined and exported by
//! both libunp.a and libunp.so, except the names the book's programs define
//! themselves; and neither library exports a C name the headers do not
//! declare, except the original's undeclared `signal`, `daemon_proc` and
//! `readlinebuf`, and the Solaris-threads compatibility functions.
//!
//! Those (`thr_*` and the `unp_thr_*` that its macros call) are declared by
//! book/include/thread.h only, which is installed with the book-tree
//! support (share/unp/include), not with the four headers: a program sees
//! them only when it includes `<thread.h>`.  The rule for them is the same,
//! with thread.h as their header: each name it declares is exported by both
//! libraries, each exported name is declared by one of the five headers, and
//! none of them is declared by the four ordinary headers.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

/// Declared, but defined by the book's programs (e.g. `recvfrom_flags`), or
/// (`Sysctl`) by nothing on Linux.
const NOT_IN_LIBRARY: &[&str] = &[
    "recvfrom_flags",
    "Recvfrom_flags",
    "heartbeat_cli",
    "heartbeat_serv",
    "inet_srcrt_add",
    "inet_srcrt_init",
    "inet_srcrt_print",
    "inet6_srcrt_print",
    "Sysctl",
];

/// Exported by the original library without a declaration in any header.
const UNDECLARED_EXPORTS: &[&str] = &["signal", "daemon_proc", "readlinebuf"];

/// The text of `header` after preprocessing (see `common::header_text`).
fn own_text(header: &str) -> String {
    common::header_text(&common::root().join("include"), header)
}

/// Names declared at file scope: functions (`... name(...);`) and extern
/// variables (`extern T name;`).  Typedefs and struct bodies are skipped.
fn declared_names(text: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> Option<String> {
        let s = s.trim_end();
        let start = s
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let id = &s[start..];
        (!id.is_empty() && !id.starts_with(|c: char| c.is_ascii_digit())).then(|| id.to_string())
    };
    let mut names = BTreeSet::new();
    for stmt in common::statements(text) {
        if stmt.starts_with("typedef") || stmt.starts_with("struct ") && !stmt.contains('(') {
            continue;
        }
        if let Some(p) = stmt.find('(') {
            if let Some(id) = ident(&stmt[..p]) {
                names.insert(id);
            }
        } else if stmt.starts_with("extern ") {
            if let Some(id) = ident(&stmt) {
                names.insert(id);
            }
        }
    }
    names
}

fn declared() -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for h in common::headers() {
        let h = h.as_str();
        let names = declared_names(&own_text(h));
        eprintln!("{h}: {} declarations", names.len());
        all.extend(names);
    }
    assert!(
        all.contains("Socket") && all.contains("err_sys") && all.contains("get_ifi_info"),
        "{all:?}"
    );
    all
}

/// The names book/include/thread.h declares (the Solaris-threads
/// compatibility functions); none of them is declared by the four headers.
fn compat_declared() -> BTreeSet<String> {
    let names = declared_names(&common::header_text(
        &common::root().join("book/include"),
        "thread.h",
    ));
    eprintln!("thread.h: {} declarations", names.len());
    assert!(
        names.contains("thr_join") && names.contains("unp_thr_Pthread_create"),
        "{names:?}"
    );
    for n in &names {
        assert!(
            n.starts_with("thr_") || n.starts_with("unp_thr_"),
            "thread.h declares {n}: only thr_* and unp_thr_* names belong there"
        );
    }
    let ordinary = declared();
    let both: Vec<&String> = names.intersection(&ordinary).collect();
    assert!(
        both.is_empty(),
        "declared by the ordinary headers too: {both:?}"
    );
    names
}

/// Default-visibility global definitions of C names (not starting with `_`)
/// in the static archive.
fn archive_exports() -> BTreeSet<String> {
    let set: BTreeSet<String> = archive_definitions()
        .into_iter()
        .filter(|d| {
            (d.vis == "DEFAULT" || d.vis == "PROTECTED")
                && matches!(
                    d.ty.as_str(),
                    "FUNC" | "OBJECT" | "NOTYPE" | "IFUNC" | "TLS"
                )
                && !d.name.starts_with('_')
        })
        .map(|d| d.name)
        .collect();
    assert!(!set.is_empty(), "no C names read from build/lib/libunp.a");
    set
}

/// A global or weak symbol a member of the static archive defines.
struct Definition {
    ty: String,
    vis: String,
    name: String,
}

/// Every global or weak definition in build/lib/libunp.a (`readelf -sW`).
fn archive_definitions() -> Vec<Definition> {
    let a = common::root().join("build/lib/libunp.a");
    let out = Command::new("readelf")
        .arg("-sW")
        .arg(&a)
        .output()
        .expect("run readelf");
    let mut defs = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        // Num: Value Size Type Bind Vis Ndx Name
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 8 || !f[0].ends_with(':') {
            continue;
        }
        let (ty, bind, vis, ndx, name) = (f[3], f[4], f[5], f[6], f[7]);
        if ndx != "UND" && (bind == "GLOBAL" || bind == "WEAK") {
            defs.push(Definition {
                ty: ty.to_string(),
                vis: vis.to_string(),
                name: name.to_string(),
            });
        }
    }
    assert!(!defs.is_empty(), "no symbols read from {}", a.display());
    defs
}

/// Every global the static archive defines is a C name (declared, or one of
/// the undeclared exports) or a library internal renamed `__unp_*`: no Rust
/// or core symbol that another Rust library in the same link also defines.
#[test]
fn archive_defines_no_other_global() {
    common::ensure_built();
    // The C names: the four headers' and the Solaris-threads compatibility
    // functions' of book/include/thread.h.
    let mut decl = declared();
    decl.extend(compat_declared());
    let (mut internal, mut stray) = (0, BTreeSet::new());
    for d in archive_definitions() {
        if d.name.starts_with("__unp_") {
            internal += 1;
        } else if !decl.contains(&d.name) && !UNDECLARED_EXPORTS.contains(&d.name.as_str()) {
            stray.insert(d.name);
        }
    }
    assert!(
        stray.is_empty(),
        "libunp.a defines {} global(s) that are neither C names nor __unp_*: {stray:?}",
        stray.len()
    );
    assert!(
        internal > 0,
        "no __unp_ internal read from build/lib/libunp.a"
    );
}

#[test]
fn declared_are_exported() {
    common::ensure_built();
    let mut decl = declared();
    decl.extend(compat_declared());
    let mut report = Vec::new();
    for (what, exp) in [
        ("libunp.a", archive_exports()),
        ("libunp.so", common::shared_exports()),
    ] {
        let missing: Vec<&String> = decl
            .iter()
            .filter(|n| !NOT_IN_LIBRARY.contains(&n.as_str()) && !exp.contains(*n))
            .collect();
        if !missing.is_empty() {
            report.push(format!(
                "{what} does not define {} declared name(s): {}",
                missing.len(),
                missing
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        // The program-defined names must not be in the library either.
        for n in NOT_IN_LIBRARY {
            if exp.contains(*n) {
                report.push(format!(
                    "{what} defines {n}, which the book's programs define themselves"
                ));
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn exported_are_declared() {
    common::ensure_built();
    let mut decl = declared();
    decl.extend(compat_declared());
    let mut report = Vec::new();
    for (what, exp) in [
        ("libunp.a", archive_exports()),
        ("libunp.so", common::shared_exports()),
    ] {
        let extra: Vec<&String> = exp
            .iter()
            .filter(|n| !decl.contains(*n) && !UNDECLARED_EXPORTS.contains(&n.as_str()))
            .collect();
        if !extra.is_empty() {
            report.push(format!(
                "{what} exports {} C name(s) no header declares: {}",
                extra.len(),
                extra
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

/// Everything the original Linux headers declare (159 in unp.h,
/// 16 in unpthread.h, 3 in unpifi.h, 7 in unprtt.h, and unprtt.h's
/// `extern int rtt_d_flag`), without the compiled-out fallbacks (`inet_aton`, `getaddrinfo`, … for systems
/// that lack them) and
/// Kqueue/Kevent.  A fixed list: the original's interface does not change
/// (a function this library adds goes in [`BEYOND_THE_ORIGINAL`]).
const REFERENCE_DECLARED: &[&str] = &[
    "connect_nonb",
    "connect_timeo",
    "daemon_init",
    "daemon_inetd",
    "dg_cli",
    "dg_echo",
    "family_to_level",
    "gf_time",
    "heartbeat_cli",
    "heartbeat_serv",
    "host_serv",
    "inet_srcrt_add",
    "inet_srcrt_init",
    "inet_srcrt_print",
    "inet6_srcrt_print",
    "my_addrs",
    "readable_timeo",
    "readline",
    "readn",
    "read_fd",
    "recvfrom_flags",
    "signal_intr",
    "sock_bind_wild",
    "sock_cmp_addr",
    "sock_cmp_port",
    "sock_get_port",
    "sock_set_addr",
    "sock_set_port",
    "sock_set_wild",
    "sock_ntop",
    "sock_ntop_host",
    "sockfd_to_family",
    "str_echo",
    "str_cli",
    "tcp_connect",
    "tcp_listen",
    "tv_sub",
    "udp_client",
    "udp_connect",
    "udp_server",
    "writable_timeo",
    "writen",
    "write_fd",
    "mcast_leave",
    "mcast_join",
    "mcast_leave_source_group",
    "mcast_join_source_group",
    "mcast_block_source",
    "mcast_unblock_source",
    "mcast_get_if",
    "mcast_get_loop",
    "mcast_get_ttl",
    "mcast_set_if",
    "mcast_set_loop",
    "mcast_set_ttl",
    "Mcast_leave",
    "Mcast_join",
    "Mcast_leave_source_group",
    "Mcast_join_source_group",
    "Mcast_block_source",
    "Mcast_unblock_source",
    "Mcast_get_if",
    "Mcast_get_loop",
    "Mcast_get_ttl",
    "Mcast_set_if",
    "Mcast_set_loop",
    "Mcast_set_ttl",
    "in_cksum",
    "Connect_timeo",
    "Family_to_level",
    "Host_serv",
    "Inet_ntop",
    "Inet_pton",
    "If_indextoname",
    "If_nametoindex",
    "If_nameindex",
    "My_addrs",
    "Read_fd",
    "Readable_timeo",
    "Recvfrom_flags",
    "Signal",
    "Signal_intr",
    "Sock_bind_wild",
    "Sock_ntop",
    "Sock_ntop_host",
    "Sockfd_to_family",
    "Tcp_connect",
    "Tcp_listen",
    "Udp_client",
    "Udp_connect",
    "Udp_server",
    "Write_fd",
    "Writable_timeo",
    "Calloc",
    "Close",
    "Dup2",
    "Fcntl",
    "Gettimeofday",
    "Ioctl",
    "Fork",
    "Malloc",
    "Mkstemp",
    "Mmap",
    "Open",
    "Pipe",
    "Read",
    "Sigaddset",
    "Sigdelset",
    "Sigemptyset",
    "Sigfillset",
    "Sigismember",
    "Sigpending",
    "Sigprocmask",
    "Strdup",
    "Sysconf",
    "Sysctl",
    "Unlink",
    "Wait",
    "Waitpid",
    "Write",
    "Fclose",
    "Fdopen",
    "Fgets",
    "Fopen",
    "Fputs",
    "Accept",
    "Bind",
    "Connect",
    "Getpeername",
    "Getsockname",
    "Getsockopt",
    "Inet6_rth_space",
    "Inet6_rth_init",
    "Inet6_rth_add",
    "Inet6_rth_reverse",
    "Inet6_rth_segments",
    "Inet6_rth_getaddr",
    "Listen",
    "Poll",
    "Readline",
    "Readn",
    "Recv",
    "Recvfrom",
    "Recvmsg",
    "Select",
    "Send",
    "Sendto",
    "Sendmsg",
    "Setsockopt",
    "Shutdown",
    "Sockatmark",
    "Socket",
    "Socketpair",
    "Writen",
    "err_dump",
    "err_msg",
    "err_quit",
    "err_ret",
    "err_sys",
    "Pthread_create",
    "Pthread_join",
    "Pthread_detach",
    "Pthread_kill",
    "Pthread_mutexattr_init",
    "Pthread_mutexattr_setpshared",
    "Pthread_mutex_init",
    "Pthread_mutex_lock",
    "Pthread_mutex_unlock",
    "Pthread_cond_broadcast",
    "Pthread_cond_signal",
    "Pthread_cond_wait",
    "Pthread_cond_timedwait",
    "Pthread_key_create",
    "Pthread_setspecific",
    "Pthread_once",
    "get_ifi_info",
    "Get_ifi_info",
    "free_ifi_info",
    "rtt_debug",
    "rtt_init",
    "rtt_newpack",
    "rtt_start",
    "rtt_stop",
    "rtt_timeout",
    "rtt_ts",
    "rtt_d_flag",
];

/// What the four headers declare beyond the original's set, each with its
/// reason.  A new exported function is added here (see HACKING.md, "Adding
/// a function").
const BEYOND_THE_ORIGINAL: &[&str] = &[
    // Exported by the original without a declaration; declared in unp.h so
    // that a C caller needs no prototype of its own.
    "readlinebuf",
];

/// The headers declare exactly the original's set of names and the
/// additions of [`BEYOND_THE_ORIGINAL`].  (The message lists the
/// differences.)
#[test]
fn headers_declare_the_reference_set() {
    let decl = declared();
    let original: BTreeSet<String> = REFERENCE_DECLARED.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        original.len(),
        186,
        "REFERENCE_DECLARED is the original's set"
    );
    let mut want = original.clone();
    for name in BEYOND_THE_ORIGINAL {
        assert!(
            want.insert(name.to_string()),
            "{name} is in both REFERENCE_DECLARED and BEYOND_THE_ORIGINAL"
        );
    }
    let missing: Vec<&str> = want.difference(&decl).map(|s| s.as_str()).collect();
    let extra: Vec<&str> = decl.difference(&want).map(|s| s.as_str()).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "the headers lack {} of the original's declarations and BEYOND_THE_ORIGINAL: {}\n\
         and declare {} that neither lists (a new function: add it to BEYOND_THE_ORIGINAL \
         in tests/symbols.rs): {}",
        missing.len(),
        missing.join(" "),
        extra.len(),
        extra.join(" ")
    );
}

#[test]
fn parser_sees_the_shapes_of_the_headers() {
    let text = "struct s { int a; int (*f)(int); };\ntypedef void Sigfunc(int);\n\
                Sigfunc *Signal(int signo, Sigfunc *func);\nextern int rtt_d_flag;\n\
                struct ifi_info *get_ifi_info(int, int);\nvoid err_sys(const char *, ...);\n\
                u_char *inet_srcrt_init(int);\n";
    let got: Vec<String> = declared_names(text).into_iter().collect();
    assert_eq!(
        got,
        [
            "Signal",
            "err_sys",
            "get_ifi_info",
            "inet_srcrt_init",
            "rtt_d_flag"
        ]
    );
}
