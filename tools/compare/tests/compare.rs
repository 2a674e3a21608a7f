//! unp-compare on real programs: the C examples (`make check` builds them
//! into build/bin, linked with libunp.so, and build/bin/static, with
//! libunp.a) as the originals, the Rust ports of the `unp` crate
//! (`cargo test` builds them into target/<profile>/examples) as the ports,
//! with the book's own arguments (fixed port 9877, daytime port 13): each
//! session in a private network namespace, as root or not.  Then a client
//! that differs in one byte, in its exit status only, in its stderr only;
//! missing programs; no namespace possible; the daytime client's failures
//! with `run`.

#[path = "../../../tests/common/mod.rs"]
mod common;

use common::{Link, BOTH};
use std::path::PathBuf;
use std::process::Command;
use unp_testkit::{random_lines, Outcome};

/// The tool as cargo built it for this test.
const TOOL: &str = env!("CARGO_BIN_EXE_unp-compare");

/// Runs unp-compare with `args` (bounded).
fn tool(args: &[&str]) -> Outcome {
    tool_in(Command::new(TOOL).args(args))
}

fn tool_in(cmd: &mut Command) -> Outcome {
    cmd.current_dir(common::root());
    unp_testkit::run(cmd, None, std::time::Duration::from_secs(300)).expect("run unp-compare")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A C example, relative to the workspace root (where the tool runs).
fn c(name: &str, link: Link) -> String {
    common::ensure_built();
    let p = match link {
        Link::Shared => format!("build/bin/{name}"),
        Link::Static => format!("build/bin/static/{name}"),
    };
    assert!(
        common::root().join(&p).exists(),
        "{p} is missing: `make check` builds the examples"
    );
    p
}

/// A Rust port of the `unp` crate, built by `cargo test` (any package's
/// test run builds the workspace members' examples before the tests run).
fn rust(name: &str) -> String {
    let me = std::env::current_exe().expect("current_exe");
    let p: PathBuf = me
        .parent()
        .and_then(|d| d.parent())
        .expect("target/<profile>/deps")
        .join("examples")
        .join(name);
    assert!(
        p.exists(),
        "no Rust port at {} (`cargo test --release` in the workspace builds the \
         examples of the unp crate; `cargo build --release -p unp --examples` does too)",
        p.display()
    );
    // Quoted for the tool's shell-like splitting of a CMD (the checkout's
    // path may hold a space).
    shlex::try_quote(p.to_str().expect("a UTF-8 path"))
        .expect("a path without NUL")
        .into_owned()
}

/// The input file for the echo sessions: 1,200 random lines, some longer
/// than MAXLINE.
fn input_file(tag: &str) -> (PathBuf, Vec<u8>) {
    let data = random_lines(1501, 1200);
    let long = data
        .split(|&b| b == b'\n')
        .filter(|l| l.len() > 4096)
        .count();
    assert!(long >= 10, "only {long} lines longer than MAXLINE");
    let f = std::env::temp_dir().join(format!("unp-compare-{}-{tag}.txt", std::process::id()));
    std::fs::write(&f, &data).unwrap();
    (f, data)
}

/// A namespace is possible here, or the test is skipped (with the reason).
fn namespaces(test: &str) -> bool {
    match unp_testkit::Netns::new() {
        Ok(_) => true,
        Err(why) => {
            common::skip(test, &why.to_string());
            false
        }
    }
}

#[test]
fn echo_ports_are_identical_to_the_c_programs_in_every_pairing() {
    if !namespaces("echo_ports_are_identical_to_the_c_programs_in_every_pairing") {
        return;
    }
    let (f, data) = input_file("echo");
    for link in BOTH {
        let client = format!("{} 127.0.0.1", c("tcpcli01", link));
        let port_client = format!("{} 127.0.0.1", rust("tcpcli01"));
        let out = tool(&[
            "pair",
            "--stdin",
            f.to_str().unwrap(),
            "--server",
            &c("tcpserv01", link),
            "--client",
            &client,
            "--port-server",
            &rust("tcpserv01"),
            "--port-client",
            &port_client,
        ]);
        let o = text(&out.stdout);
        assert_eq!(
            (out.code(), text(&out.stderr).as_str()),
            (Some(0), ""),
            "{link:?}:\n{o}"
        );
        // The reference row: the client echoed every byte and exited 0; the
        // server (the book's runs until killed) was stopped with SIGTERM.
        let bytes = format!("{} bytes", data.len());
        let rows: Vec<Vec<&str>> = o
            .lines()
            .filter(|l| l.starts_with("  original ") || l.starts_with("  port "))
            .filter(|l| l.contains(" bytes "))
            .map(|l| l.split_whitespace().collect())
            .collect();
        let want = |s: &'static str, c: &'static str, result: &'static str| {
            let mut v = vec![s, c];
            v.extend(bytes.split(' '));
            v.extend(["exit", "0", "killed", "by", "SIGTERM", result]);
            v
        };
        assert_eq!(
            rows,
            [
                want("original", "original", "reference"),
                want("port", "original", "identical"),
                want("original", "port", "identical"),
                want("port", "port", "identical"),
            ],
            "{link:?}:\n{o}"
        );
        assert!(
            o.ends_with("\nidentical: all 3 pairings match the original pair\n"),
            "{o}"
        );
    }
    let _ = std::fs::remove_file(&f);
}

/// `pair` with the C echo pair as the original and `port_client` as the
/// client's port; the tool's outcome.
fn against_port_client(link: Link, port_client: &str, input: &std::path::Path) -> Outcome {
    tool(&[
        "pair",
        "--stdin",
        input.to_str().unwrap(),
        "--server",
        &c("tcpserv01", link),
        "--client",
        &format!("{} 127.0.0.1", c("tcpcli01", link)),
        "--port-client",
        port_client,
    ])
}

#[test]
fn a_client_that_differs_is_found_and_shown() {
    if !namespaces("a_client_that_differs_is_found_and_shown") {
        return;
    }
    let f = std::env::temp_dir().join(format!("unp-compare-{}-diff.txt", std::process::id()));
    let mut data = b"first line\nsecond line\n".to_vec();
    data.extend(random_lines(1601, 1000));
    std::fs::write(&f, &data).unwrap();
    for link in BOTH {
        let cli = c("tcpcli01", link);
        // One byte of output (the second line's first byte), the exit
        // status only, stderr only: each found, named, and shown.
        for (port_client, what, diff) in [
            (
                format!("sh -c '{cli} 127.0.0.1 | LC_ALL=C sed \"2s/^s/S/\"'"),
                "client stdout",
                "@@ -1,5 +1,5 @@\n first line\n-second line\n+Second line\n\
                 \x20 (the lines differ first at byte 0)\n",
            ),
            (
                format!("sh -c '{cli} 127.0.0.1; exit 3'"),
                "client exit status",
                "-exit 0\n+exit 3\n",
            ),
            (
                format!("sh -c '{cli} 127.0.0.1; echo warning: done >&2'"),
                "client stderr",
                "@@ -0,0 +1,1 @@\n+warning: done\n",
            ),
        ] {
            let out = against_port_client(link, &port_client, &f);
            let o = text(&out.stdout);
            assert_eq!(out.code(), Some(1), "{link:?} {what}:\n{o}");
            let shown = format!(
                "=== original server + port client: {what} differs from the original pair\n\
                 --- original pair\n+++ original server + port client\n{diff}"
            );
            assert!(o.contains(&shown), "{link:?} {what}:\n{o}");
            // That difference alone.
            assert!(o.contains(&format!("DIFFERS: {what}\n")), "{o}");
            assert!(o.contains("  original port     "), "{o}");
            assert!(
                o.ends_with(
                    "\nDIFFERENT: 1 of 1 pairings differ from the original pair: \
                     original server + port client\n"
                ),
                "{o}"
            );
        }

        // A server that differs: its port prints to stdout.
        let out = tool(&[
            "pair",
            "--server",
            &c("tcpserv01", link),
            "--client",
            &format!("{cli} 127.0.0.1"),
            "--port-server",
            &format!("sh -c 'echo started; exec {}'", c("tcpserv01", link)),
        ]);
        let o = text(&out.stdout);
        assert_eq!(out.code(), Some(1), "{o}");
        assert!(
            o.contains("=== port server + original client: server stdout differs"),
            "{o}"
        );
    }
    let _ = std::fs::remove_file(&f);
}

#[test]
fn setup_failures_exit_2_with_the_reason() {
    let cli = format!("{} 127.0.0.1", c("tcpcli01", Link::Shared));
    let srv = c("tcpserv01", Link::Shared);
    for (args, why) in [
        (
            vec!["pair", "--server", &srv, "--client", &cli, "--port-client", "./no/such/tcpcli01 127.0.0.1"],
            "unp-compare: port client: ./no/such/tcpcli01: No such file or directory (os error 2)\n",
        ),
        (
            vec!["pair", "--server", "no-such-server-program", "--client", &cli, "--port-server", &srv],
            "unp-compare: original server: no-such-server-program: not found in PATH\n",
        ),
        (
            vec!["pair", "--server", &srv, "--client", &cli],
            "unp-compare: pair: nothing to compare: give --port-server, --port-client or both\n",
        ),
        (
            vec!["run", "--orig", "'unbalanced", "--port", "true"],
            "unp-compare: original: unbalanced quotes in \"'unbalanced\"\n",
        ),
        (
            vec!["run", "--orig", "true", "--port", "true", "--stdin", "/no/such/file"],
            "unp-compare: --stdin /no/such/file: No such file or directory (os error 2)\n",
        ),
        (
            vec!["run", "--orig", "true", "--port", "true", "--mask", "("],
            "unp-compare: --mask \"(\": regex parse error:\n    (\n    ^\nerror: unclosed group\n",
        ),
    ] {
        let out = tool(&args);
        assert_eq!(
            (out.code(), text(&out.stderr).as_str(), out.stdout.as_slice()),
            (Some(2), why, &b""[..]),
            "{args:?}"
        );
    }
    // Bad usage: clap's message, status 2.
    let out = tool(&["pair", "--server", "x"]);
    assert_eq!(out.code(), Some(2));
    assert!(
        text(&out.stderr).contains("the following required arguments were not provided"),
        "{out:?}"
    );
    let out = tool(&["--help"]);
    assert_eq!(out.code(), Some(0));
    for w in ["pair", "run", "Exit status: 0 when everything is identical"] {
        assert!(text(&out.stdout).contains(w), "{out:?}");
    }
}

#[test]
fn no_namespace_possible_exits_2_with_the_reason() {
    // In a user namespace of our own whose limits allow no further network
    // or user namespace (user.max_*_namespaces are per user namespace).
    let probe = Command::new("unshare").args(["-U", "-r", "true"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return common::skip(
            "no_namespace_possible_exits_2_with_the_reason",
            "`unshare -U -r` (util-linux, user namespaces) is not available",
        );
    }
    let out = tool_in(Command::new("unshare").args([
        "-U",
        "-r",
        "sh",
        "-c",
        "echo 0 > /proc/sys/user/max_net_namespaces && \
         echo 0 > /proc/sys/user/max_user_namespaces && exec \"$0\" \"$@\"",
        TOOL,
        "run",
        "--orig",
        "true",
        "--port",
        "true",
    ]));
    let e = text(&out.stderr);
    assert_eq!(out.code(), Some(2), "{out:?}");
    assert!(
        e.starts_with("unp-compare: no private network namespace possible: as uid 0, unshare: ")
            && e.contains("through a user namespace (as `unshare -rn`), unshare: ")
            && e.ends_with("no AppArmor or seccomp rule against them)\n"),
        "{e}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn run_compares_the_daytime_clients_failures() {
    if !namespaces("run_compares_the_daytime_clients_failures") {
        return;
    }
    for link in BOTH {
        let orig = c("daytimetcpcli", link);
        let port = rust("daytimetcpcli");
        // The C program's own results, for the table's status column.
        for (args, status, stderr_bytes) in [
            ("", "exit 1", None),
            (
                " 300.1.2.3",
                "exit 1",
                Some("inet_pton error for 300.1.2.3\n".len()),
            ),
            // Nothing listens on port 13 in a fresh namespace.
            (
                " 127.0.0.1",
                "exit 1",
                Some("connect error: Connection refused\n".len()),
            ),
        ] {
            let out = tool(&[
                "run",
                "--orig",
                &format!("{orig}{args}"),
                "--port",
                &format!("{port}{args}"),
            ]);
            let o = text(&out.stdout);
            assert_eq!(
                out.code(),
                Some(0),
                "{link:?} {args:?}:\n{o}{}",
                text(&out.stderr)
            );
            let row = o
                .lines()
                .find(|l| l.starts_with("  original "))
                .unwrap_or_else(|| panic!("{o}"));
            assert!(row.contains(&format!(" {status} ")), "{row}");
            if let Some(n) = stderr_bytes {
                assert!(row.contains(&format!(" {n} bytes ")), "{row}");
            }
            assert!(
                o.ends_with("\nidentical: all 1 runs match the original\n"),
                "{o}"
            );
        }
        // A port that prints another message: the diff names it.
        let out = tool(&[
            "run",
            "--orig",
            &format!("{orig} 300.1.2.3"),
            "--port",
            "sh -c 'echo inet_pton error for 300.1.2.4 >&2; exit 1'",
        ]);
        let o = text(&out.stdout);
        assert_eq!(out.code(), Some(1), "{o}");
        assert!(
            o.contains(
                "=== port: stderr differs from the original\n--- original\n+++ port\n\
                 @@ -1,1 +1,1 @@\n-inet_pton error for 300.1.2.3\n+inet_pton error for 300.1.2.4\n\
                 \x20 (the lines differ first at byte 28)\n"
            ),
            "{o}"
        );
    }
}

#[test]
fn masks_hide_what_may_differ() {
    if !namespaces("masks_hide_what_may_differ") {
        return;
    }
    // Each prints its own pid and the time: different, unless masked.
    let prog = "sh -c 'echo pid $$ at $(date +%H:%M:%S.%N) from 127.0.0.$$'";
    for (masks, code) in [
        (&[][..], 1),
        (&["--mask-pids", "--mask-times", "--mask-addresses"][..], 0),
        (
            &[
                "--mask",
                "pid [0-9]+",
                "--mask",
                "at [0-9:.]+",
                "--mask",
                "from [0-9.]+",
            ][..],
            0,
        ),
    ] {
        let mut args = vec!["run", "--orig", prog, "--port", prog];
        args.extend(masks);
        let out = tool(&args);
        assert_eq!(out.code(), Some(code), "{masks:?}: {out:?}");
    }
}

#[test]
fn man_page_renders_without_warnings() {
    let out = Command::new(env!("CARGO_BIN_EXE_unp-compare-man"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = text(&out.stdout);
    assert!(
        page.contains(&format!(
            "\n.TH unp-compare 1  \"libunp {}\" libunp\n",
            env!("CARGO_PKG_VERSION")
        )),
        "{page}"
    );
    for s in [
        ".SH \"UNP-COMPARE PAIR\"",
        ".SH \"UNP-COMPARE RUN\"",
        ".SH \"EXIT STATUS\"",
        "\\-\\-port\\-client",
    ] {
        assert!(page.contains(s), "{s} missing:\n{page}");
    }
    // make installed the same page (make check staged the installation).
    let staged = common::staged_prefix().join("share/man/man1/unp-compare.1");
    assert_eq!(std::fs::read_to_string(&staged).unwrap(), page);
    let Ok(groff) = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        return common::skip(
            "man_page_renders_without_warnings",
            "groff is not installed",
        );
    };
    let mut groff = groff;
    use std::io::Write;
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let r = groff.wait_with_output().unwrap();
    assert!(
        r.status.success() && r.stderr.is_empty(),
        "groff: {}",
        text(&r.stderr)
    );
}
