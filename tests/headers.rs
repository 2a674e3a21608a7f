//! The four generated headers: (a) the committed include/*.h are what the
//! build generates; (b) each compiles as the first include with no `-D`
//! option and no diagnostic under `-Wall -Wextra -Werror -pedantic`, with gcc
//! and clang in C99, C11, C17 and GNU11 and with g++ and clang++ in C++11,
//! C++17 and C++20; a program including unp.h first gets the BSD names the
//! book uses in every dialect; their macros, types and layouts are the
//! book's; (c) unp.h pulls in no header the original does not.

mod common;

use std::path::PathBuf;
use std::process::Command;

/// The book's four headers, no more and no fewer (the list itself is defined
/// by cbindgen/*.toml; see `common::headers`).
#[test]
fn the_library_has_the_four_book_headers() {
    assert_eq!(
        common::headers(),
        ["unp.h", "unpifi.h", "unprtt.h", "unpthread.h"]
    );
}

#[test]
fn committed_headers_match_generated() {
    // Regenerate with the header tool (the only place cbindgen runs) into a
    // scratch directory and compare byte for byte with the committed copies.
    let generated = scratch("generated-include");
    let out = common::cargo()
        .args(["run", "--quiet", "--release", "-p", "unp-headers", "--"])
        .arg(&generated)
        .current_dir(common::root())
        .output()
        .expect("run cargo run -p unp-headers");
    assert!(
        out.status.success(),
        "unp-headers failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for h in common::headers() {
        let h = h.as_str();
        let ours = std::fs::read(common::root().join("include").join(h)).unwrap();
        let gen = std::fs::read(generated.join(h))
            .unwrap_or_else(|e| panic!("{}: {e}", generated.join(h).display()));
        assert!(
            ours == gen,
            "include/{h} differs from the header generated from the Rust sources \
             ({}): run `make headers` and commit include/",
            generated.join(h).display()
        );
    }
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A fresh path under target/header-test/PID/.  Tests run in parallel in
/// one process: a serial number keeps two of them (or two calls with the same
/// name) from writing the same file while the other compiles it.
fn scratch(name: &str) -> PathBuf {
    static SERIAL: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = SERIAL.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let d = common::root().join(format!("target/header-test/{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(format!("{n}-{name}"))
}

/// Compiles `src` (written to a scratch file with extension `ext`); returns
/// (success, diagnostics).
fn compile(cc: &str, args: &[&str], src: &str, ext: &str, name: &str) -> (bool, String) {
    let file = scratch(&format!("{name}.{ext}"));
    std::fs::write(&file, src).unwrap();
    let out = Command::new(cc)
        .args(args)
        .arg("-I")
        .arg(common::root().join("include"))
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("{cc}: {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const STRICT: &[&str] = &["-Wall", "-Wextra", "-Werror", "-pedantic", "-fsyntax-only"];

/// The dialects every header must compile in with no `-D` option and no
/// diagnostic at all: the ISO C modes (where glibc declares no BSD name
/// unless a feature-test macro asks for it: unp.h defines `_DEFAULT_SOURCE`
/// itself), the GNU default, and C++.
const C_STDS: [&str; 4] = ["-std=c99", "-std=c11", "-std=c17", "-std=gnu11"];
const CXX_STDS: [&str; 3] = ["-std=c++11", "-std=c++17", "-std=c++20"];

/// One compiler invocation of a matrix.
struct Job {
    cc: &'static str,
    args: Vec<&'static str>,
    src: String,
    ext: &'static str,
    name: String,
}

/// The C and C++ compilers that are installed (a missing one is a skip).
fn compilers(test: &str) -> (Vec<&'static str>, Vec<&'static str>) {
    let found = |list: [&'static str; 2]| -> Vec<&'static str> {
        list.into_iter()
            .filter(|cc| {
                let ok = have(cc);
                if !ok {
                    common::skip(&format!("{test} ({cc})"), "not installed");
                }
                ok
            })
            .collect()
    };
    (found(["gcc", "clang"]), found(["g++", "clang++"]))
}

/// `src` compiled (syntax only) in every C dialect with gcc and clang, with
/// `extra` arguments; and, when `cxx`, in every C++ dialect with g++ and
/// clang++.
fn matrix(test: &str, src: &str, name: &str, extra: &[&'static str], cxx: bool) -> Vec<Job> {
    let (ccs, cxxs) = compilers(test);
    let mut jobs = Vec::new();
    for cc in ccs {
        for std in C_STDS {
            let mut args = vec![std];
            args.extend_from_slice(extra);
            args.extend_from_slice(STRICT);
            jobs.push(Job {
                cc,
                args,
                src: src.to_string(),
                ext: "c",
                name: name.to_string(),
            });
        }
    }
    if cxx {
        for cc in cxxs {
            for std in CXX_STDS {
                let mut args = vec!["-x", "c++", std];
                args.extend_from_slice(extra);
                args.extend_from_slice(STRICT);
                jobs.push(Job {
                    cc,
                    args,
                    src: src.to_string(),
                    ext: "cpp",
                    name: name.to_string(),
                });
            }
        }
    }
    jobs
}

/// Runs the jobs on a few threads; each must succeed with an empty stderr.
/// Returns the failures, one description each.
fn run_jobs(jobs: Vec<Job>) -> Vec<String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(job) = jobs.get(i) else { break };
                let (ok, diag) = compile(job.cc, &job.args, &job.src, job.ext, &job.name);
                if !ok || !diag.is_empty() {
                    failures.lock().unwrap().push(format!(
                        "{} with {} {} ({}):\n{diag}",
                        job.name,
                        job.cc,
                        job.args.join(" "),
                        if ok { "diagnostics" } else { "failed" }
                    ));
                }
            });
        }
    });
    failures.into_inner().unwrap()
}

/// Each header as the first (and only) include of a C or C++ file: no `-D`
/// option, no diagnostic in any dialect.
#[test]
fn each_header_first_every_dialect_no_flags() {
    let mut jobs = Vec::new();
    for h in common::headers() {
        let src = format!("#include \"{h}\"\n");
        let name = format!("alone-{}", h.replace('.', "_"));
        jobs.extend(matrix("headers alone", &src, &name, &[], true));
    }
    let n = jobs.len();
    let failures = run_jobs(jobs);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(n > 0, "no compiler ran");
}

/// What a program including unp.h first gets in every C dialect: the BSD
/// names the book's programs use (_DEFAULT_SOURCE), and not the GNU ones:
/// strerror_r stays the POSIX one returning int, in6_pktinfo stays hidden
/// (_GNU_SOURCE is not defined by unp.h).
const BSD_NAMES: &str = r#"
#include "unp.h"
#include "unpifi.h"
#ifdef _GNU_SOURCE
#error "unp.h must not define _GNU_SOURCE"
#endif
#if !defined(_POSIX_C_SOURCE) || _POSIX_C_SOURCE != 200809L
#error "the default POSIX level"
#endif
typedef char u_types_are_the_bsd_ones[sizeof(u_char) == 1 && sizeof(u_short) == 2 && sizeof(u_int) == 4 && sizeof(u_long) == sizeof(long) ? 1 : -1];
int main(void) {
    char err[64];
    struct ip_mreq_source ms;
    struct ip_mreqn mn;
    struct group_source_req gs;
    char buf[8];
    u_char *p = inet_srcrt_init(0);
    bzero(&ms, sizeof ms);
    bzero(&mn, sizeof mn);
    bzero(&gs, sizeof gs);
    bcopy("abc", buf, 4);
    typedef char strerror_r_is_posix[sizeof(strerror_r(0, err, sizeof err)) == sizeof(int) ? 1 : -1];
    (void)p;
    (void)sizeof(strerror_r_is_posix);
    return IFF_UP + IFF_MULTICAST + (int)ms.imr_interface.s_addr + buf[0];
}
"#;

#[test]
fn bsd_names_visible_gnu_names_not() {
    let failures = run_jobs(matrix("bsd names", BSD_NAMES, "bsd", &[], false));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The headers' own declarations need no feature-test macro: they compile
/// after a system header under a strict -std (the macro unp.h defines then
/// comes too late), and when the program chose its own feature-test macro,
/// even a pure ISO one.  (The BSD names themselves are then missing: the
/// README says to include unp.h first.)
#[test]
fn headers_after_a_system_header_or_own_feature_macro() {
    let all = "#include \"unp.h\"\n#include \"unpthread.h\"\n#include \"unpifi.h\"\n#include \"unprtt.h\"\n";
    let mut jobs = matrix(
        "after a system header",
        &format!("#include <stdio.h>\n{all}"),
        "late",
        &[],
        true,
    );
    for d in [
        "-D_POSIX_C_SOURCE=200809L",
        "-D_XOPEN_SOURCE=700",
        "-D_GNU_SOURCE",
        "-D_ISOC11_SOURCE",
    ] {
        jobs.extend(matrix("own feature macro", all, "own-macro", &[d], false));
    }
    let failures = run_jobs(jobs);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The documented limit: under an ISO -std, a program that includes a
/// system header before unp.h gets no BSD names; it does with unp.h first.
#[test]
fn late_unp_h_documented_limit() {
    if !have("gcc") {
        common::skip("late_unp_h_documented_limit", "gcc not installed");
        return;
    }
    let body = "int main(void) { u_char c = 0; return c; }\n";
    let args = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"];
    let (ok, diag) = compile(
        "gcc",
        &args,
        &format!("#include <stdio.h>\n#include \"unp.h\"\n{body}"),
        "c",
        "late-limit",
    );
    assert!(
        !ok && diag.contains("u_char"),
        "expected u_char to be unknown:\n{diag}"
    );
    let (ok, diag) = compile(
        "gcc",
        &args,
        &format!("#include \"unp.h\"\n#include <stdio.h>\n{body}"),
        "c",
        "first-ok",
    );
    assert!(ok && diag.is_empty(), "{diag}");
}

/// Macro values, types and layouts, as compile-time assertions.
const CHECKS_C: &str = r#"
#include "unp.h"
#include "unpthread.h"
#include "unpifi.h"
#include <stddef.h>

#define STR(x) #x
#define XSTR(x) STR(x)
#define SAME(a, b) __builtin_types_compatible_p(a, b)

_Static_assert(MAXLINE == 4096, "MAXLINE");
_Static_assert(BUFFSIZE == 8192, "BUFFSIZE");
_Static_assert(LISTENQ == 1024, "LISTENQ");
_Static_assert(SERV_PORT == 9877, "SERV_PORT");
_Static_assert(sizeof(SERV_PORT_STR) == 5, "SERV_PORT_STR");
_Static_assert(sizeof(UNIXSTR_PATH) == sizeof("/tmp/unix.str"), "UNIXSTR_PATH");
_Static_assert(sizeof(UNIXDG_PATH) == sizeof("/tmp/unix.dg"), "UNIXDG_PATH");
_Static_assert(FILE_MODE == 0644, "FILE_MODE");
_Static_assert(DIR_MODE == 0755, "DIR_MODE");
_Static_assert(INFTIM == -1, "INFTIM");
_Static_assert(min(3, 4) == 3 && max(3, 4) == 4, "min/max");
_Static_assert(sizeof(XSTR(SA)) == sizeof("struct sockaddr"), "SA is a macro for struct sockaddr");
_Static_assert(SAME(SA, struct sockaddr), "SA");
_Static_assert(SAME(Sigfunc, void (int)), "Sigfunc is a function type");
_Static_assert(SAME(Sigfunc *, void (*)(int)), "Sigfunc *");
_Static_assert(sizeof(struct unp_in_pktinfo) == 8, "unp_in_pktinfo size");
_Static_assert(offsetof(struct unp_in_pktinfo, ipi_addr) == 0, "ipi_addr");
_Static_assert(offsetof(struct unp_in_pktinfo, ipi_ifindex) == 4, "ipi_ifindex");
_Static_assert(SAME(t_scalar_t, int32_t) && SAME(t_uscalar_t, uint32_t), "t_scalar_t");

_Static_assert(IFI_NAME == 16 && IFI_HADDR == 8 && IFI_ALIAS == 1, "IFI_*");
_Static_assert(sizeof(struct ifi_info) == 72 && _Alignof(struct ifi_info) == 8, "ifi_info");
_Static_assert(offsetof(struct ifi_info, ifi_name) == 0, "ifi_name");
_Static_assert(offsetof(struct ifi_info, ifi_index) == 16, "ifi_index");
_Static_assert(offsetof(struct ifi_info, ifi_mtu) == 18, "ifi_mtu");
_Static_assert(offsetof(struct ifi_info, ifi_haddr) == 20, "ifi_haddr");
_Static_assert(offsetof(struct ifi_info, ifi_hlen) == 28, "ifi_hlen");
_Static_assert(offsetof(struct ifi_info, ifi_flags) == 30, "ifi_flags");
_Static_assert(offsetof(struct ifi_info, ifi_myflags) == 32, "ifi_myflags");
_Static_assert(offsetof(struct ifi_info, ifi_addr) == 40, "ifi_addr");
_Static_assert(offsetof(struct ifi_info, ifi_brdaddr) == 48, "ifi_brdaddr");
_Static_assert(offsetof(struct ifi_info, ifi_dstaddr) == 56, "ifi_dstaddr");
_Static_assert(offsetof(struct ifi_info, ifi_next) == 64, "ifi_next");
_Static_assert(SAME(__typeof__(((struct ifi_info *)0)->ifi_name), char[16]), "ifi_name type");
_Static_assert(SAME(__typeof__(((struct ifi_info *)0)->ifi_index), short), "ifi_index type");
_Static_assert(SAME(__typeof__(((struct ifi_info *)0)->ifi_mtu), short), "ifi_mtu type");
_Static_assert(SAME(__typeof__(((struct ifi_info *)0)->ifi_haddr), u_char[8]), "ifi_haddr type");
_Static_assert(SAME(__typeof__(((struct ifi_info *)0)->ifi_hlen), u_short), "ifi_hlen type");
_Static_assert(SAME(__typeof__(((struct ifi_info *)0)->ifi_flags), short), "ifi_flags type");
_Static_assert(SAME(__typeof__(((struct ifi_info *)0)->ifi_myflags), short), "ifi_myflags type");
_Static_assert(SAME(__typeof__(((struct ifi_info *)0)->ifi_addr), struct sockaddr *), "ifi_addr type");
_Static_assert(SAME(__typeof__(((struct ifi_info *)0)->ifi_next), struct ifi_info *), "ifi_next type");
_Static_assert(SAME(__typeof__(get_ifi_info(0, 0)), struct ifi_info *), "get_ifi_info");

#if !defined(IPV4) || !defined(IPv4) || !defined(IPV6) || !defined(IPv6)
#error "IPV4/IPv4/IPV6/IPv6 must be defined"
#endif
#if !defined(UNIXDOMAIN) || !defined(UNIXdomain) || !defined(MCAST) || !defined(CPU_VENDOR_OS)
#error "UNIXDOMAIN/UNIXdomain/MCAST/CPU_VENDOR_OS must be defined"
#endif
#if !defined(INFTIM_UNPH) || !defined(HAVE_MSGHDR_MSG_CONTROL) || !defined(HAVE_GETRUSAGE_PROTO)
#error "INFTIM_UNPH, HAVE_MSGHDR_MSG_CONTROL, HAVE_GETRUSAGE_PROTO must be defined"
#endif
#if defined(HAVE_SOCKADDR_SA_LEN) || defined(HAVE_SOCKADDR_DL_STRUCT) || defined(HAVE_SYS_SYSCTL_H)
#error "HAVE_SOCKADDR_SA_LEN / HAVE_SOCKADDR_DL_STRUCT / HAVE_SYS_SYSCTL_H must stay undefined"
#endif
#if defined(HAVE_KQUEUE) || defined(HAVE_NET_IF_DL_H) || defined(socklen_t) || defined(ssize_t)
#error "configure fallbacks must stay undefined"
#endif
#if !defined(IFF_UP)
#error "unpifi.h includes <net/if.h>"
#endif

int main(void) { return 0; }
"#;

/// The RTT estimator's layout (unprtt.h).
const CHECKS_RTT: &str = r#"
#include "unprtt.h"
#include <stddef.h>
_Static_assert(sizeof(struct rtt_info) == 24, "rtt_info size");
_Static_assert(offsetof(struct rtt_info, rtt_rtt) == 0, "rtt_rtt");
_Static_assert(offsetof(struct rtt_info, rtt_srtt) == 4, "rtt_srtt");
_Static_assert(offsetof(struct rtt_info, rtt_rttvar) == 8, "rtt_rttvar");
_Static_assert(offsetof(struct rtt_info, rtt_rto) == 12, "rtt_rto");
_Static_assert(offsetof(struct rtt_info, rtt_nrexmt) == 16, "rtt_nrexmt");
_Static_assert(offsetof(struct rtt_info, rtt_base) == 20, "rtt_base");
_Static_assert(__builtin_types_compatible_p(__typeof__(rtt_d_flag), int), "rtt_d_flag");
_Static_assert(RTT_RXTMIN == 2 && RTT_RXTMAX == 60 && RTT_MAXNREXMT == 3, "RTT_*");
int main(void) { return 0; }
"#;

fn assert_compiles_everywhere(src: &str, name: &str) {
    let mut failures = Vec::new();
    for cc in ["gcc", "clang"] {
        if !have(cc) {
            common::skip(cc, "not installed");
            continue;
        }
        for std in ["-std=c11", "-std=c17", "-std=gnu11"] {
            let mut args = vec![std];
            args.extend_from_slice(&["-Wall", "-Wextra", "-Werror", "-fsyntax-only"]);
            let (ok, diag) = compile(cc, &args, src, "c", name);
            if !ok {
                failures.push(format!("{cc} {std}:\n{diag}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn macros_types_layouts() {
    assert_compiles_everywhere(CHECKS_C, "checks");
}

#[test]
fn unprtt_layout() {
    assert_compiles_everywhere(CHECKS_RTT, "checks_rtt");
}

/// String-valued macros, checked at run time.
#[test]
fn string_macros() {
    let src = r#"
#include "unp.h"
#define STR(x) #x
#define XSTR(x) STR(x)
int main(void) {
    printf("%s|%s|%s|%s|%s|%d\n", SERV_PORT_STR, UNIXSTR_PATH, UNIXDG_PATH, CPU_VENDOR_OS, XSTR(SA), PACKAGE_NAME[0]);
    return 0;
}
"#;
    let exe = scratch("strings");
    let file = scratch("strings.c");
    std::fs::write(&file, src).unwrap();
    let st = Command::new("cc")
        .args(["-Wall", "-Wextra", "-Werror", "-I"])
        .arg(common::root().join("include"))
        .arg("-o")
        .arg(&exe)
        .arg(&file)
        .status()
        .unwrap();
    assert!(st.success());
    let r = common::run(&exe, &[], b"", common::T);
    r.expect(
        "9877|/tmp/unix.str|/tmp/unix.dg|x86_64-pc-linux-gnu|struct sockaddr|0\n",
        "",
        0,
    );
}

/// C++: extern "C" linkage (a C++ program links against the C library and
/// runs), no min/max macros (std::min/std::max from <algorithm> work).
#[test]
fn usable_from_cxx() {
    common::ensure_built();
    let src = r#"
#include "unp.h"
#include "unpthread.h"
#include "unpifi.h"
#include "unprtt.h"
#include <algorithm>
#ifdef min
#error "min must not be a macro in C++"
#endif
#ifdef max
#error "max must not be a macro in C++"
#endif
int main() {
    struct ifi_info *ifi = get_ifi_info(AF_INET, 1);
    int n = 0;
    for (struct ifi_info *p = ifi; p != nullptr; p = p->ifi_next)
        n++;
    free_ifi_info(ifi);
    err_msg("c++ %d %d", std::min(3, 4), std::max(3, 4));
    return n > 0 ? 0 : 1;
}
"#;
    for cxx in ["g++", "clang++"] {
        if !have(cxx) {
            common::skip(cxx, "not installed");
            continue;
        }
        let file = scratch("cxx.cpp");
        std::fs::write(&file, src).unwrap();
        let exe = scratch(&format!("cxx-{cxx}"));
        let out = Command::new(cxx)
            .args([
                "-std=c++17",
                "-Wall",
                "-Wextra",
                "-Werror",
                "-pedantic",
                "-I",
            ])
            .arg(common::root().join("include"))
            .arg("-o")
            .arg(&exe)
            .arg(&file)
            .arg(common::root().join("build/lib/libunp.a"))
            .arg("-lpthread")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{cxx}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        common::run(&exe, &[], b"", common::T).expect("", "c++ 3 4\n", 0);
    }
}

/// The headers unp.h includes directly, as in the original Linux `unp.h`.
const ALLOWED_DIRECT: &[&str] = &[
    "sys/types.h",
    "sys/socket.h",
    "sys/time.h",
    "time.h",
    "netinet/in.h",
    "arpa/inet.h",
    "errno.h",
    "fcntl.h",
    "netdb.h",
    "signal.h",
    "stdio.h",
    "stdlib.h",
    "string.h",
    "sys/stat.h",
    "sys/uio.h",
    "unistd.h",
    "sys/wait.h",
    "sys/un.h",
    "sys/select.h",
    "poll.h",
    "strings.h",
    "sys/ioctl.h",
    "pthread.h",
];

/// unp.h includes only the original's headers: never <net/if.h> (it clashes
/// with <linux/if.h>), <syslog.h>, <stdarg.h>, <netinet/ip.h>,
/// <netinet/in_systm.h>, <sys/param.h>, <sys/utsname.h>, <sys/mman.h>.
#[test]
fn unp_h_has_no_extra_includes() {
    // 1. What the preprocessor opens directly from unp.h (depth 2 under -H).
    let (ok, diag) = compile(
        "gcc",
        &["-H", "-fsyntax-only"],
        "#include \"unp.h\"\n",
        "c",
        "direct",
    );
    assert!(ok, "{diag}");
    let direct: Vec<&str> = diag
        .lines()
        .filter_map(|l| l.strip_prefix(".. "))
        .filter(|l| !l.starts_with('.'))
        .collect();
    assert!(!direct.is_empty(), "no -H output:\n{diag}");
    for path in &direct {
        assert!(
            ALLOWED_DIRECT
                .iter()
                .any(|a| path.ends_with(&format!("/{a}"))),
            "unp.h includes {path}, which the original does not"
        );
    }
    // 2. Semantically: none of their definitions are visible, and a program
    // may include <linux/if.h> after unp.h.
    let src = r#"
#include "unp.h"
#if defined(_NET_IF_H) || defined(IFF_UP) || defined(IF_NAMESIZE)
#error "<net/if.h> is included"
#endif
#if defined(_SYS_SYSLOG_H) || defined(LOG_ERR)
#error "<syslog.h> is included"
#endif
/* (clang 14's <stdio.h> pulls in all of its <stdarg.h>; glibc + gcc only
   the va_list type.  The -H check above covers clang's direct includes.) */
#if !defined(__clang__) && (defined(va_start) || defined(va_arg))
#error "<stdarg.h> is included"
#endif
#if defined(__NETINET_IP_H) || defined(_NETINET_IN_SYSTM_H)
#error "<netinet/ip.h> or <netinet/in_systm.h> is included"
#endif
#if defined(_SYS_PARAM_H) || defined(_SYS_UTSNAME_H) || defined(_SYS_MMAN_H)
#error "<sys/param.h>, <sys/utsname.h> or <sys/mman.h> is included"
#endif
#include <linux/if.h>
int main(void) { return IFF_UP == 1 ? 0 : 1; }
"#;
    for cc in ["gcc", "clang"] {
        if !have(cc) {
            continue;
        }
        let (ok, diag) = compile(
            cc,
            &["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"],
            src,
            "c",
            "noextra",
        );
        assert!(ok, "{cc}:\n{diag}");
    }
}

/// The wrappers that only read their buffer take `const` pointers, like the
/// C library's own functions: `const` data passes without a cast in every C
/// and C++ dialect (in C++ a `const void *` to a `void *` parameter is an
/// error; in C a warning, an error under -Werror).  Also: the helper macro
/// behind the format attribute does not leak into the program.
const CONST_BUFFERS: &str = r#"
#include "unp.h"
#include "unpthread.h"
#ifdef __unp_printf_like
#error "unp.h leaks its attribute macro"
#endif
static const char msg[] = "hello\n";
void send_all(int fd, const char *text, const struct sockaddr_in *to, const pthread_mutexattr_t *attr,
              pthread_mutex_t *m) {
    const void *raw = text;
    Write(fd, text, strlen(text));
    Write(fd, msg, sizeof msg - 1);
    Writen(fd, text, strlen(text));
    Writen(fd, raw, 1);
    (void)writen(fd, msg, sizeof msg - 1);
    (void)write_fd(fd, text, 1, fd);
    (void)Write_fd(fd, raw, 1, fd);
    Send(fd, text, 1, 0);
    Sendto(fd, raw, 1, 0, (const SA *)to, sizeof *to);
    Pthread_mutex_init(m, attr);
    err_msg("%s: %d bytes, %zu", text, 1, sizeof msg);
}
int main(void) { return 0; }
"#;

#[test]
fn read_only_buffers_are_const_in_c_and_cxx() {
    let jobs = matrix("const buffers", CONST_BUFFERS, "const", &[], true);
    let n = jobs.len();
    let failures = run_jobs(jobs);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(n > 0, "no compiler ran");
}

/// The five `err_*` functions are declared printf-like for gcc and clang:
/// a mismatched argument warns under -Wall (-Wformat), in C and in C++, on
/// the line of each call, and the program still compiles (a warning, not
/// an error, without -Werror).  (Correct calls are silent: see
/// `read_only_buffers_are_const_in_c_and_cxx`, compiled with -Werror.)
#[test]
fn err_functions_check_their_format() {
    let src = "#include \"unp.h\"\n\
               void f(int fd, const char *s, long n) {\n\
               err_ret(\"%d\", s);\n\
               err_sys(\"%s\", fd);\n\
               err_dump(\"%d\", n);\n\
               err_msg(\"%s %s\", s);\n\
               err_quit(\"%d\", fd, fd);\n\
               }\n\
               int main(void) { return 0; }\n";
    let mut ran = 0;
    let mut failures = Vec::new();
    for (cc, std, ext) in [
        ("gcc", "-std=c11", "c"),
        ("gcc", "-std=gnu11", "c"),
        ("clang", "-std=c11", "c"),
        ("clang", "-std=gnu11", "c"),
        ("g++", "-std=c++17", "cpp"),
        ("clang++", "-std=c++17", "cpp"),
    ] {
        if !have(cc) {
            common::skip(
                &format!("err_functions_check_their_format ({cc})"),
                "not installed",
            );
            continue;
        }
        ran += 1;
        let (ok, diag) = compile(cc, &[std, "-Wall", "-fsyntax-only"], src, ext, "format");
        // One -Wformat warning (at least) on each of the lines 3 to 7, the
        // five calls; nothing else.
        let mut lines: Vec<u32> = diag
            .lines()
            .filter(|l| l.contains("warning:") && l.contains("[-Wformat"))
            .filter_map(|l| l.split(':').nth(1)?.parse().ok())
            .collect();
        lines.dedup();
        let others = diag
            .lines()
            .filter(|l| l.contains("warning:") || l.contains("error:"))
            .any(|l| !l.contains("[-Wformat"));
        if !ok || lines != [3, 4, 5, 6, 7] || others {
            failures.push(format!(
                "{cc} {std}: expected one -Wformat warning per err_* call (lines 3-7), \
                 got lines {lines:?}, ok={ok}:\n{diag}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(ran > 0, "no compiler ran");
}
