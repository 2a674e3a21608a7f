//! unp-compare: compares a port of a program with its original (a C
//! program of the book and its Rust port, say) on the test kit
//! (`unp-testkit`): single runs, and client/server pairs crossed, each in
//! a private network namespace of its own.  See `unp-compare --help` and
//! unp-compare(1), which `man_page` renders from the same definitions.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use clap::{Args, CommandFactory, Parser, Subcommand};
use unp_testkit::{
    compare, compare_sessions, run, Difference, Listener, Masks, Netns, Outcome, Session, Stop,
};

const ABOUT: &str = "Compare a port of a program with its original: same output, same \
diagnostics, same exit status, alone and in every pairing of client and server";

const LONG_ABOUT: &str = "Compare a port of a program with its original: same output, same \
diagnostics, same exit status, alone and in every pairing of client and server.

Each program is given as one argument, a command line split as a shell would split it \
('../tcpcliserv/tcpcli01 127.0.0.1'); no shell runs it.  Each run or session takes place in a \
private network namespace of its own, with only a loopback interface (up), so that programs \
with the book's fixed ports (SERV_PORT 9877, daytime 13) never meet each other or anything \
else: as root, or unprivileged through a user namespace (as `unshare -rn`).  The outputs are \
compared byte for byte, unless masks say what may differ.

Prints a table of what ran and whether it matched the original, then, for each difference, \
a line diff (`-` the original, `+` the pairing that differs) on standard output.";

const AFTER: &str = "Exit status: 0 when everything is identical, 1 when something differs, \
2 for bad usage or a setup failure (a missing program, no network namespace possible).";

#[derive(Parser, Debug)]
#[command(name = "unp-compare", version, about = ABOUT, long_about = LONG_ABOUT, after_help = AFTER)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Run the original client/server pair, then each pairing with a port,
    /// and compare each with the original pair
    #[command(
        long_about = "Run the original client/server pair, then every pairing with a port that \
was given: the port server with the original client (--port-server), the original server with \
the port client (--port-client), and with both, the port server with the port client; each \
session in a network namespace of its own, each compared with the original pair.

A session: the server starts; once it holds its socket (--ready) the client runs with its input \
(--stdin) to the end; then the server is stopped (--stop).  Compared: the client's standard \
output, standard error and exit status, and the server's.",
        after_help = AFTER
    )]
    Pair(PairArgs),
    /// Run the original program and its port alone, and compare
    #[command(
        long_about = "Run the original program and its port alone, each in a network namespace \
of its own, and compare their standard output, standard error and exit status: the usage \
line, a bad address (300.1.2.3), a refused connection, ...",
        after_help = AFTER
    )]
    Run(RunArgs),
}

#[derive(Args, Debug)]
struct PairArgs {
    /// The original server
    #[arg(long, value_name = "CMD")]
    server: String,
    /// The original client
    #[arg(long, value_name = "CMD")]
    client: String,
    /// The port of the server
    #[arg(long, value_name = "CMD")]
    port_server: Option<String>,
    /// The port of the client
    #[arg(long, value_name = "CMD")]
    port_client: Option<String>,
    /// When the server is ready for its client: `any` (it holds a listening
    /// TCP socket, a bound UDP or Unix-domain socket), `tcp:PORT`,
    /// `udp:PORT` or `unix:PATH`
    #[arg(long, value_name = "WHAT", default_value = "any")]
    ready: Listener,
    /// How the server ends once the client has: a signal sent to its
    /// process group (TERM, INT, HUP, KILL, ... or a number), or `exit` to
    /// wait for it to end by itself
    #[arg(long, value_name = "SIGNAL", default_value = "TERM")]
    stop: String,
    #[command(flatten)]
    common: Common,
}

#[derive(Args, Debug)]
struct RunArgs {
    /// The original program
    #[arg(long, value_name = "CMD")]
    orig: String,
    /// Its port
    #[arg(long, value_name = "CMD")]
    port: String,
    #[command(flatten)]
    common: Common,
}

#[derive(Args, Debug)]
struct Common {
    /// The input of the client (of the program, for `run`): the bytes of
    /// FILE (default: none, end of file at once)
    #[arg(long, value_name = "FILE")]
    stdin: Option<PathBuf>,
    /// Before comparing, replace each match of REGEX (Rust regex syntax,
    /// on bytes) with `[masked]`; may be repeated
    #[arg(long, value_name = "REGEX")]
    mask: Vec<String>,
    /// Replace times (ctime's `Thu Dec  3 10:00:01 2026`, ISO 8601,
    /// `10:00:01`) with `[time]` before comparing
    #[arg(long)]
    mask_times: bool,
    /// Replace the process IDs of the programs compared with `[pid]`
    #[arg(long)]
    mask_pids: bool,
    /// Replace IPv4 and IPv6 addresses (and a port after one) with
    /// `[addr]`
    #[arg(long)]
    mask_addresses: bool,
    /// The time limit of each step (the server getting ready, the client,
    /// the server's end), in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
    /// Run on the host's network, without private namespaces (the runs
    /// still one after another)
    #[arg(long)]
    host_network: bool,
}

/// A setup failure: the reason, for standard error (exit status 2).
struct Setup(String);

impl<E: std::fmt::Display> From<E> for Setup {
    fn from(e: E) -> Setup {
        Setup(e.to_string())
    }
}

/// Runs the tool with `args` (the program name first); its exit status.
pub fn main_with(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let out = std::io::stdout();
    let mut out = out.lock();
    let r = match &cli.cmd {
        Cmd::Pair(a) => pair(a, &mut out),
        Cmd::Run(a) => single(a, &mut out),
    };
    let _ = out.flush();
    match r {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(Setup(why)) => {
            eprintln!("unp-compare: {why}");
            2
        }
    }
}

/// The clap definition (for the man page).
pub fn command() -> clap::Command {
    Cli::command()
}

/// A command line split as a shell would, its program checked.
fn command_line(what: &str, line: &str) -> Result<Command, Setup> {
    let words = shlex::split(line)
        .ok_or_else(|| Setup(format!("{what}: unbalanced quotes in {line:?}")))?;
    let Some((prog, args)) = words.split_first() else {
        return Err(Setup(format!("{what}: empty command")));
    };
    check_program(prog).map_err(|e| Setup(format!("{what}: {prog}: {e}")))?;
    let mut c = Command::new(prog);
    c.args(args);
    Ok(c)
}

/// Whether `prog` names an executable file (itself when it has a `/`,
/// else in PATH), and why not.
fn check_program(prog: &str) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let executable =
        |p: &Path| std::fs::metadata(p).map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0);
    if prog.contains('/') {
        return match executable(Path::new(prog)) {
            Ok(true) => Ok(()),
            Ok(false) => Err("not an executable file".into()),
            Err(e) => Err(e.to_string()),
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    if std::env::split_paths(&path).any(|d| executable(&d.join(prog)).unwrap_or(false)) {
        Ok(())
    } else {
        Err("not found in PATH".into())
    }
}

fn masks(c: &Common) -> Result<Masks, Setup> {
    let mut m = Masks::new();
    if c.mask_times {
        m = m.times();
    }
    if c.mask_addresses {
        m = m.addresses();
    }
    for re in &c.mask {
        m = m
            .regex(re)
            .map_err(|e| Setup(format!("--mask {re:?}: {e}")))?;
    }
    if c.mask_pids {
        m = m.pids();
    }
    Ok(m)
}

fn input(c: &Common) -> Result<Vec<u8>, Setup> {
    match &c.stdin {
        None => Ok(Vec::new()),
        Some(f) => std::fs::read(f).map_err(|e| Setup(format!("--stdin {}: {e}", f.display()))),
    }
}

/// The signal named by `--stop` (TERM, SIGTERM, 15), or Exit.
fn parse_stop(s: &str) -> Result<Stop, Setup> {
    if s == "exit" {
        return Ok(Stop::Exit);
    }
    let name = s.strip_prefix("SIG").unwrap_or(s);
    let sig = match name {
        "TERM" => libc::SIGTERM,
        "INT" => libc::SIGINT,
        "HUP" => libc::SIGHUP,
        "KILL" => libc::SIGKILL,
        "QUIT" => libc::SIGQUIT,
        "USR1" => libc::SIGUSR1,
        "USR2" => libc::SIGUSR2,
        n => match n.parse::<i32>() {
            Ok(v) if (1..=64).contains(&v) => v,
            _ => {
                return Err(Setup(format!(
                    "--stop {s}: expected a signal (TERM, INT, HUP, KILL, QUIT, USR1, USR2, \
                     a number) or exit"
                )))
            }
        },
    };
    Ok(Stop::Signal(sig))
}

/// A fresh namespace, or none with --host-network.
fn namespace(c: &Common) -> Result<Option<Netns>, Setup> {
    if c.host_network {
        Ok(None)
    } else {
        Ok(Some(Netns::new()?))
    }
}

/// How the runs were isolated, for the header.
fn isolation(ns: &Option<Netns>) -> &'static str {
    match ns.as_ref().map(Netns::kind) {
        None => "on the host's network",
        Some(unp_testkit::NsKind::Privileged) => "each in a private network namespace",
        Some(unp_testkit::NsKind::User) => {
            "each in a private network namespace (in a user namespace)"
        }
    }
}

fn pair(a: &PairArgs, out: &mut dyn Write) -> Result<bool, Setup> {
    let mut pairings = vec![("original", "original", &a.server, &a.client)];
    if let Some(ps) = &a.port_server {
        pairings.push(("port", "original", ps, &a.client));
    }
    if let Some(pc) = &a.port_client {
        pairings.push(("original", "port", &a.server, pc));
    }
    if let (Some(ps), Some(pc)) = (&a.port_server, &a.port_client) {
        pairings.push(("port", "port", ps, pc));
    }
    if pairings.len() == 1 {
        return Err(Setup(
            "pair: nothing to compare: give --port-server, --port-client or both".into(),
        ));
    }
    let stop = parse_stop(&a.stop)?;
    let masks = masks(&a.common)?;
    let stdin = input(&a.common)?;
    let limit = Duration::from_secs(a.common.timeout.max(1));
    // Every command is checked before anything runs.
    for (s, c, sc, cc) in &pairings {
        command_line(&format!("{s} server"), sc)?;
        command_line(&format!("{c} client"), cc)?;
    }
    let mut results = Vec::new();
    let mut how = "";
    for (s, c, sc, cc) in &pairings {
        let label = format!("{s} server + {c} client");
        let session = Session::new(
            command_line(&format!("{s} server"), sc)?,
            command_line(&format!("{c} client"), cc)?,
        )
        .stdin(stdin.clone())
        .ready(a.ready.clone())
        .stop(stop)
        .limit(limit);
        let ns = namespace(&a.common)?;
        how = isolation(&ns);
        let r = match &ns {
            Some(ns) => session.run_in(ns),
            None => session.run(),
        }
        .map_err(|e| Setup(format!("{label}: {e}")))?;
        results.push((label, *s, *c, r));
    }
    let reference = &results[0].3;
    let mut rows = Vec::new();
    let mut differing = Vec::new();
    for (label, s, c, r) in &results {
        let diffs = if rows.is_empty() {
            None
        } else {
            Some(compare_sessions(
                reference,
                r,
                &masks,
                ("original pair", label.as_str()),
            ))
        };
        let verdict = match &diffs {
            None => "reference".to_string(),
            Some(d) if d.is_empty() => "identical".to_string(),
            Some(d) => format!("DIFFERS: {}", whats(d)),
        };
        rows.push([
            s.to_string(),
            c.to_string(),
            format!("{} bytes", r.client.stdout.len()),
            r.client.status.to_string(),
            r.server.status.to_string(),
            verdict,
        ]);
        if let Some(d) = diffs.filter(|d| !d.is_empty()) {
            differing.push((label.clone(), d));
        }
    }
    writeln!(out, "unp-compare pair: {} sessions, {how}", results.len())?;
    writeln!(out, "  original server: {}", a.server)?;
    writeln!(out, "  original client: {}", a.client)?;
    if let Some(ps) = &a.port_server {
        writeln!(out, "  port server:     {ps}")?;
    }
    if let Some(pc) = &a.port_client {
        writeln!(out, "  port client:     {pc}")?;
    }
    writeln!(out, "  client input:    {} bytes", stdin.len())?;
    writeln!(out)?;
    table(
        out,
        &[
            "server",
            "client",
            "client stdout",
            "client status",
            "server status",
            "result",
        ],
        &rows,
    )?;
    report(
        out,
        results.len() - 1,
        "pairings",
        &differing,
        "the original pair",
    )
}

fn single(a: &RunArgs, out: &mut dyn Write) -> Result<bool, Setup> {
    let masks = masks(&a.common)?;
    let stdin = input(&a.common)?;
    let limit = Duration::from_secs(a.common.timeout.max(1));
    let mut orig = command_line("original", &a.orig)?;
    let mut port = command_line("port", &a.port)?;
    let mut how = "";
    let mut go = |cmd: &mut Command| -> Result<Outcome, Setup> {
        let ns = namespace(&a.common)?;
        how = isolation(&ns);
        if let Some(ns) = &ns {
            ns.enter(cmd);
        }
        Ok(run(cmd, Some(&stdin), limit)?)
    };
    let o = go(&mut orig)?;
    let p = go(&mut port)?;
    let d = compare(&o, &p, &masks, ("original", "port"));
    writeln!(out, "unp-compare run: 2 runs, {how}")?;
    writeln!(out, "  original: {}", a.orig)?;
    writeln!(out, "  port:     {}", a.port)?;
    writeln!(out, "  input:    {} bytes", stdin.len())?;
    writeln!(out)?;
    let verdict = if d.is_empty() {
        "identical".to_string()
    } else {
        format!("DIFFERS: {}", whats(&d))
    };
    table(
        out,
        &["program", "status", "stdout", "stderr", "result"],
        &[
            [
                "original".into(),
                o.status.to_string(),
                format!("{} bytes", o.stdout.len()),
                format!("{} bytes", o.stderr.len()),
                "reference".into(),
            ],
            [
                "port".into(),
                p.status.to_string(),
                format!("{} bytes", p.stdout.len()),
                format!("{} bytes", p.stderr.len()),
                verdict,
            ],
        ],
    )?;
    let differing: Vec<_> = if d.is_empty() {
        vec![]
    } else {
        vec![("port".to_string(), d)]
    };
    report(out, 1, "runs", &differing, "the original")
}

/// `client stdout, server exit status`.
fn whats(d: &[Difference]) -> String {
    d.iter()
        .map(|d| d.what.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Columns padded to their widest cell.
fn table<const N: usize>(
    out: &mut dyn Write,
    head: &[&str; N],
    rows: &[[String; N]],
) -> std::io::Result<()> {
    let mut w = head.map(str::len);
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.len());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::from(" ");
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == N {
                s += &format!(" {c}");
            } else {
                s += &format!(" {c:<width$}", width = w[i]);
            }
        }
        s
    };
    writeln!(out, "{}", line(head.to_vec()))?;
    for r in rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

/// The diffs and the closing line; whether all was identical.
fn report(
    out: &mut dyn Write,
    compared: usize,
    what: &str,
    differing: &[(String, Vec<Difference>)],
    against: &str,
) -> Result<bool, Setup> {
    for (label, diffs) in differing {
        for d in diffs {
            writeln!(out, "\n=== {label}: {} differs from {against}", d.what)?;
            write!(out, "{}", d.diff)?;
        }
    }
    writeln!(out)?;
    if differing.is_empty() {
        writeln!(out, "identical: all {compared} {what} match {against}")?;
        Ok(true)
    } else {
        let names: Vec<&str> = differing.iter().map(|(l, _)| l.as_str()).collect();
        writeln!(
            out,
            "DIFFERENT: {} of {compared} {what} differ from {against}: {}",
            differing.len(),
            names.join("; ")
        )?;
        Ok(false)
    }
}

/// unp-compare(1): the clap definitions (synopsis, description and options
/// of the tool and of each subcommand) with an exit-status section and
/// examples.
pub fn man_page() -> Vec<u8> {
    let cmd = command();
    let man = clap_mangen::Man::new(cmd.clone())
        .section("1")
        .manual("libunp")
        .source(format!("libunp {}", env!("CARGO_PKG_VERSION")));
    let mut page = Vec::new();
    let render = |f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut v = Vec::new();
        f(&mut v).expect("render to memory");
        String::from_utf8(v).expect("roff is text")
    };
    page.extend(render(&|w| man.render_title(w)).into_bytes());
    page.extend(render(&|w| man.render_name_section(w)).into_bytes());
    page.extend(render(&|w| man.render_synopsis_section(w)).into_bytes());
    page.extend(render(&|w| man.render_description_section(w)).into_bytes());
    for sub in cmd.get_subcommands() {
        // The generator runs once: the leaked name lives as long as it.
        let name: &'static str = format!("unp-compare {}", sub.get_name()).leak();
        let sub = sub.clone().name(name).bin_name(name);
        let m = clap_mangen::Man::new(sub);
        page.extend(format!(".SH \"{}\"\n", name.to_uppercase()).into_bytes());
        for (section, text) in [
            ("SYNOPSIS", render(&|w| m.render_synopsis_section(w))),
            ("DESCRIPTION", render(&|w| m.render_description_section(w))),
            ("OPTIONS", render(&|w| m.render_options_section(w))),
        ] {
            let heading = format!(".SH {section}\n");
            let title = format!("{}{}", &section[..1], section[1..].to_lowercase());
            page.extend(
                text.replacen(&heading, &format!(".SS {title}\n"), 1)
                    .into_bytes(),
            );
        }
    }
    page.extend(MAN_TAIL.as_bytes());
    page
}

/// The sections of unp-compare(1) that clap does not describe.
const MAN_TAIL: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Everything compared is identical.
.TP
\fB1\fR
Something differs; the differences are on standard output.
.TP
\fB2\fR
Bad usage, or a setup failure: a program that does not exist or cannot be
executed, an unreadable \fB\-\-stdin\fR file, no private network namespace
possible (the reason is on standard error), a server that never became ready.
.SH EXAMPLES
The book's echo server and client (built by \fBmake book\fR) against the
Rust ports of libunp's \fBunp\fR crate, with a thousand lines of input:
.PP
.nf
.RS
unp\-compare pair \-\-stdin lines.txt \e
    \-\-server  unpv13e/tcpcliserv/tcpserv01 \e
    \-\-client 'unpv13e/tcpcliserv/tcpcli01 127.0.0.1' \e
    \-\-port\-server target/release/examples/tcpserv01 \e
    \-\-port\-client 'target/release/examples/tcpcli01 127.0.0.1'
.RE
.fi
.PP
The daytime client's failures, alone:
.PP
.nf
.RS
unp\-compare run \-\-orig 'unpv13e/intro/daytimetcpcli 300.1.2.3' \e
    \-\-port 'target/release/examples/daytimetcpcli 300.1.2.3'
unp\-compare run \-\-orig 'unpv13e/intro/daytimetcpcli 127.0.0.1' \e
    \-\-port 'target/release/examples/daytimetcpcli 127.0.0.1'
.RE
.fi
.PP
A daytime pair, whose answers carry the time of day:
.PP
.nf
.RS
unp\-compare pair \-\-mask\-times \-\-server 'unpv13e/intro/daytimetcpsrv1 13' \e
    \-\-client 'unpv13e/intro/daytimetcpcli 127.0.0.1' \e
    \-\-port\-client 'target/release/examples/daytimetcpcli 127.0.0.1'
.RE
.fi
.SH NOTES
In a user namespace (when not run as root) the programs run as its root,
the caller's user outside: they may bind ports below 1024 inside, and see
their own user as uid 0.
Process IDs differ from run to run: a program that prints them needs
\fB\-\-mask\-pids\fR (which knows only the IDs of the programs it started)
or a \fB\-\-mask\fR.
Unix-domain socket pathnames are not private to a network namespace:
sessions run one after another, but other programs on the machine share
the same files.
.SH "SEE ALSO"
.BR unshare (1),
.BR network_namespaces (7),
.BR user_namespaces (7),
.BR unp (3)
"#;
