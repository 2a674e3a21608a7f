//! A program's own definition of a library function is what the library's
//! other functions call, as with the original archive: for every edge of
//! src/sym.rs (`[caller, ...] fn callee(...)`, the library's calls that go
//! through the global symbol), a generated C program defines `callee`
//! itself (it prints `own callee` and exits 0) and calls `caller` with
//! arguments that reach the call.  Static and shared links.  The callee's
//! prototype comes from the generated headers (or, for the two libc
//! functions, from the table below); what each caller needs to reach its
//! callees is the one hand-written part, `DRIVERS`.

mod common;

use common::{Link, BOTH, T};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The edges of src/sym.rs: callee → its callers, in file order.
fn edges() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(common::root().join("src/sym.rs")).unwrap();
    // The code only: comments describe the notation too.
    let text: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let mut rest = text.as_str();
    // `[a, b, c] fn name(`: the callers in brackets, then the callee.
    while let Some(open) = rest.find('[') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find(']') else { break };
        let inside = &rest[..close];
        let after = rest[close + 1..].trim_start();
        let Some(sig) = after.strip_prefix("fn ") else {
            continue;
        };
        let name: String = sig
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let callers: Vec<String> = inside
            .split(',')
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        // Skip the macros' own patterns (`[$($caller:ident),+ ...] fn $name`).
        if name.is_empty() || callers.iter().any(|c| c.contains('$')) {
            continue;
        }
        assert!(
            callers
                .iter()
                .all(|c| c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_')),
            "src/sym.rs: unexpected caller list [{inside}] for {name}"
        );
        out.push((name, callers));
    }
    out
}

/// Prototypes of the callees the library does not declare (libc's).
const LIBC_PROTOTYPES: &str = "int inet_pton(int af, const char *src, void *dst);\n\
                               Sigfunc *signal(int signo, Sigfunc *func);\n";

/// The prototype of `name` in include/*.h (or LIBC_PROTOTYPES).
fn prototype(name: &str) -> common::Prototype {
    let mut found = common::prototypes_of(LIBC_PROTOTYPES);
    let include = common::root().join("include");
    for h in common::headers() {
        found.extend(common::prototypes(&include, &h));
    }
    found.retain(|p| p.name == name);
    assert_eq!(found.len(), 1, "prototype of {name}: {found:?}");
    found.remove(0)
}

/// Code shared by every generated program: sockets on 127.0.0.1 with ports
/// the kernel picks, made with libc's functions (never the library's, whose
/// definitions a program replaces).
const HELPERS: &str = r#"
/* A socket of `type` bound to 127.0.0.1 on a port the kernel picks; the
 * port, in decimal, in port[8]; the address in *sin. */
static __attribute__((unused)) int bound(int type, char *port, struct sockaddr_in *sin)
{
	socklen_t n = sizeof *sin;
	int fd = socket(AF_INET, type, 0);

	memset(sin, 0, sizeof *sin);
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (SA *) sin, sizeof *sin) < 0 || getsockname(fd, (SA *) sin, &n) < 0) {
		perror("test setup");
		exit(2);
	}
	snprintf(port, 8, "%d", ntohs(sin->sin_port));
	return fd;
}
"#;

/// For each caller: code at file scope (may be empty) and the statements that
/// call it so that every callee of its edges is reached (the callee exits
/// there).  `OWN_<callee>` is defined in each program, for drivers whose
/// path depends on the callee.
const DRIVERS: &[(&str, &str, &str)] = &[
    // lib/wrapunix.c's Close: each caller closes a socket that failed.
    (
        "tcp_connect",
        "",
        r#"char port[8]; struct sockaddr_in sin;
	bound(SOCK_STREAM, port, &sin);		/* bound, not listening: refused */
	tcp_connect("127.0.0.1", port);"#,
    ),
    (
        "tcp_listen",
        "",
        r#"char port[8]; struct sockaddr_in sin;
#ifdef OWN_Close
	bound(SOCK_STREAM, port, &sin);		/* taken: bind fails, Close */
#else
	strcpy(port, "0");			/* Setsockopt, bind, Listen */
	(void) sin;
#endif
	tcp_listen("127.0.0.1", port, NULL);"#,
    ),
    (
        "udp_connect",
        // A UDP connect() on the loopback does not fail: this program's own
        // connect() fails once asked to (and is the system call otherwise).
        r#"#include <sys/syscall.h>
static int refuse_connect;
int connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	if (refuse_connect) {
		errno = ECONNREFUSED;
		return -1;
	}
	return syscall(SYS_connect, fd, sa, len);
}"#,
        r#"refuse_connect = 1;
	udp_connect("127.0.0.1", "7");"#,
    ),
    (
        "udp_server",
        "",
        r#"char port[8]; struct sockaddr_in sin;
	bound(SOCK_DGRAM, port, &sin);		/* taken: bind fails, Close */
	udp_server("127.0.0.1", port, NULL);"#,
    ),
    (
        "udp_client",
        "",
        r#"SA *sa; socklen_t len;
	udp_client("127.0.0.1", "7", &sa, &len);"#,
    ),
    (
        "connect_nonb",
        "",
        r#"char port[8]; struct sockaddr_in sin;
	int l = bound(SOCK_STREAM, port, &sin), fd = socket(AF_INET, SOCK_STREAM, 0);
	listen(l, 5);		/* a non-blocking connect is then in progress: Select */
	connect_nonb(fd, (SA *) &sin, sizeof sin, 5);"#,
    ),
    (
        "connect_timeo",
        "",
        r#"char port[8]; struct sockaddr_in sin;
	int l = bound(SOCK_STREAM, port, &sin), fd = socket(AF_INET, SOCK_STREAM, 0);
	listen(l, 5);
	connect_timeo(fd, (SA *) &sin, sizeof sin, 5);"#,
    ),
    (
        "daemon_init",
        "",
        // Fork first; Signal in the first child (the parent has _exit(0)ed).
        r#"daemon_init("overrides", LOG_USER);"#,
    ),
    (
        "rtt_init",
        "",
        r#"struct rtt_info ri;
	rtt_init(&ri);"#,
    ),
    (
        "rtt_ts",
        "",
        r#"struct rtt_info ri;
	memset(&ri, 0, sizeof ri);
	rtt_ts(&ri);"#,
    ),
    (
        "get_ifi_info",
        "",
        // Calloc for the first node: loopback at least is up.
        r#"get_ifi_info(AF_UNSPEC, 1);"#,
    ),
    (
        "dg_cli",
        "",
        // stdin: one line.  A reply is waiting before the request is sent.
        r#"char port[8], cport[8]; struct sockaddr_in srv, cli;
	int s = bound(SOCK_DGRAM, port, &srv), c = bound(SOCK_DGRAM, cport, &cli);
	sendto(s, "reply\n", 6, 0, (SA *) &cli, sizeof cli);
	dg_cli(stdin, c, (SA *) &srv, sizeof srv);"#,
    ),
    (
        "dg_echo",
        "",
        r#"char port[8]; struct sockaddr_in srv, from;
	int s = bound(SOCK_DGRAM, port, &srv), c = socket(AF_INET, SOCK_DGRAM, 0);
	struct timeval tv = { 2, 0 };	/* the library's loop ends: recvfrom error */
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	sendto(c, "ping\n", 5, 0, (SA *) &srv, sizeof srv);
	dg_echo(s, (SA *) &from, sizeof from);"#,
    ),
    (
        "str_cli",
        "",
        // stdin: one line.  The reply is waiting in the socket.
        r#"int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[1], "reply\n", 6);
	str_cli(stdin, sv[0]);"#,
    ),
    (
        "str_echo",
        "",
        r#"int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[1], "ping\n", 5);
	shutdown(sv[1], SHUT_WR);
	str_echo(sv[0]);"#,
    ),
    (
        "sock_set_wild",
        "",
        r#"struct sockaddr_in sin;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sock_set_wild((SA *) &sin, sizeof sin);"#,
    ),
    // The multicast functions: sockfd_to_family or family_to_level first.
    (
        "mcast_get_if",
        "",
        "mcast_get_if(socket(AF_INET, SOCK_DGRAM, 0));",
    ),
    (
        "mcast_get_loop",
        "",
        "mcast_get_loop(socket(AF_INET, SOCK_DGRAM, 0));",
    ),
    (
        "mcast_get_ttl",
        "",
        "mcast_get_ttl(socket(AF_INET, SOCK_DGRAM, 0));",
    ),
    (
        "mcast_set_if",
        "",
        "mcast_set_if(socket(AF_INET, SOCK_DGRAM, 0), NULL, 0);",
    ),
    (
        "mcast_set_loop",
        "",
        "mcast_set_loop(socket(AF_INET, SOCK_DGRAM, 0), 1);",
    ),
    (
        "mcast_set_ttl",
        "",
        "mcast_set_ttl(socket(AF_INET, SOCK_DGRAM, 0), 1);",
    ),
    (
        "mcast_join",
        "",
        r#"char port[8]; struct sockaddr_in g;
	mcast_join(bound(SOCK_DGRAM, port, &g), (SA *) &g, sizeof g, NULL, 0);"#,
    ),
    (
        "mcast_leave",
        "",
        r#"char port[8]; struct sockaddr_in g;
	mcast_leave(bound(SOCK_DGRAM, port, &g), (SA *) &g, sizeof g);"#,
    ),
    (
        "mcast_join_source_group",
        "",
        r#"char port[8]; struct sockaddr_in g;
	mcast_join_source_group(bound(SOCK_DGRAM, port, &g), (SA *) &g, sizeof g, (SA *) &g,
				sizeof g, NULL, 0);"#,
    ),
    (
        "mcast_leave_source_group",
        "",
        r#"char port[8]; struct sockaddr_in g;
	mcast_leave_source_group(bound(SOCK_DGRAM, port, &g), (SA *) &g, sizeof g, (SA *) &g,
				 sizeof g);"#,
    ),
    (
        "mcast_block_source",
        "",
        r#"char port[8]; struct sockaddr_in g;
	mcast_block_source(bound(SOCK_DGRAM, port, &g), (SA *) &g, sizeof g, (SA *) &g, sizeof g);"#,
    ),
    (
        "mcast_unblock_source",
        "",
        r#"char port[8]; struct sockaddr_in g;
	mcast_unblock_source(bound(SOCK_DGRAM, port, &g), (SA *) &g, sizeof g, (SA *) &g, sizeof g);"#,
    ),
    (
        "Inet_pton",
        "",
        r#"struct in_addr a;
	Inet_pton(AF_INET, "127.0.0.1", &a);"#,
    ),
    // Within one source file: the wrapper calls its function.
    (
        "Readline",
        "",
        r#"char buf[16]; int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	shutdown(sv[1], SHUT_WR);
	Readline(sv[0], buf, sizeof buf);"#,
    ),
    (
        "Readn",
        "",
        r#"char buf[16]; int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	shutdown(sv[1], SHUT_WR);
	Readn(sv[0], buf, sizeof buf);"#,
    ),
    (
        "Writen",
        "",
        r#"char buf[1] = "x"; int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	Writen(sv[0], buf, 1);"#,
    ),
    (
        "My_addrs",
        "",
        r#"int family;
	My_addrs(&family);"#,
    ),
    ("Get_ifi_info", "", "Get_ifi_info(AF_INET, 0);"),
    (
        "Udp_client",
        "",
        r#"SA *sa; socklen_t len;
	Udp_client("127.0.0.1", "7", &sa, &len);"#,
    ),
    ("Tcp_connect", "", r#"Tcp_connect("127.0.0.1", "7");"#),
    ("Tcp_listen", "", r#"Tcp_listen("127.0.0.1", "0", NULL);"#),
    ("Udp_connect", "", r#"Udp_connect("127.0.0.1", "7");"#),
    ("Udp_server", "", r#"Udp_server("127.0.0.1", "0", NULL);"#),
    ("Signal", "", "Signal(SIGUSR1, SIG_IGN);"),
];

/// The program for one callee: its own definition, and one driver per
/// caller, chosen by argv[1].
fn program(callee: &str, callers: &[String]) -> String {
    let proto = prototype(callee);
    let voids: String = proto
        .params
        .iter()
        .map(|p| format!("\t(void) {};\n", p.name))
        .collect();
    let mut c = format!(
        "/* Generated by tests/overrides.rs: a program's own {callee}. */\n\
         #include \"unp.h\"\n#include \"unpifi.h\"\n#include \"unprtt.h\"\n#include <syslog.h>\n\n\
         #define OWN_{callee} 1\n{HELPERS}\n\
         {}\n{{\n{voids}\tprintf(\"own {callee}\\n\");\n\texit(0);\n}}\n",
        proto.decl()
    );
    let drivers: BTreeMap<&str, (&str, &str)> = DRIVERS
        .iter()
        .map(|(caller, pre, body)| (*caller, (*pre, *body)))
        .collect();
    let mut dispatch = String::new();
    for caller in callers {
        let (pre, body) = drivers[caller.as_str()];
        c += &format!("\n{pre}\nstatic void drive_{caller}(void)\n{{\n\t{body}\n}}\n");
        dispatch += &format!("\tif (strcmp(argv[1], \"{caller}\") == 0)\n\t\tdrive_{caller}();\n");
    }
    c += &format!(
        "\nint main(int argc, char **argv)\n{{\n\tif (argc != 2)\n\t\texit(2);\n{dispatch}\
         \tprintf(\"%s returned without calling {callee}\\n\", argv[1]);\n\texit(1);\n}}\n"
    );
    c
}

/// The list itself: every caller has a driver and every driver a caller;
/// every name is the library's (the callees also libc's two).
#[test]
fn every_edge_has_a_driver() {
    let edges = edges();
    let callers: BTreeSet<&str> = edges
        .iter()
        .flat_map(|(_, cs)| cs.iter().map(String::as_str))
        .collect();
    let drivers: BTreeSet<&str> = DRIVERS.iter().map(|d| d.0).collect();
    assert_eq!(callers, drivers, "callers in src/sym.rs vs DRIVERS");
    let lib = common::shared_exports();
    for (callee, cs) in &edges {
        for name in cs.iter().chain([callee]) {
            assert!(
                lib.contains(name) || ["inet_pton"].contains(&name.as_str()),
                "{name} (src/sym.rs) is not exported by libunp.so"
            );
        }
    }
    let n: usize = edges.iter().map(|(_, cs)| cs.len()).sum();
    eprintln!("src/sym.rs: {n} edges, {} callees", edges.len());
    assert!(n >= 51, "{n} edges: src/sym.rs lost some");
}

#[test]
fn a_programs_own_callee_is_what_the_library_calls() {
    let dir: PathBuf = common::root()
        .join("target/overrides")
        .join(std::process::id().to_string());
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    let mut ran = 0;
    for (callee, callers) in edges() {
        let name = format!("ovr_{callee}");
        let src = dir.join(format!("{name}.c"));
        std::fs::write(&src, program(&callee, &callers)).unwrap();
        for link in BOTH {
            let exe = common::build_source(&src, &name, link);
            for caller in &callers {
                let r = common::run(&exe, &[caller], b"hello\n", T);
                ran += 1;
                let want = (format!("own {callee}\n"), String::new(), Some(0));
                if (r.stdout.clone(), r.stderr.clone(), r.code) != want {
                    failures.push(format!(
                        "{caller} -> {callee} ({}): {r:?}",
                        Link::name(link)
                    ));
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        failures.is_empty(),
        "{} of {ran} runs did not run the program's own callee:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{ran} runs: every caller ran the program's own callee");
}
