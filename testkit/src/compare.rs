//! Comparing outcomes: masks for what may differ from run to run (process
//! IDs, times, addresses, anything a regular expression names), and a
//! readable line diff of what differs.

use std::fmt;
use std::time::Duration;

use regex::bytes::Regex;
use similar::{ChangeTag, TextDiff};

use crate::proc::Outcome;
use crate::session::SessionOutcome;

/// What is replaced before two outputs are compared.  None by default:
/// outputs are compared byte for byte.
///
/// ```
/// use unp_testkit::Masks;
///
/// let m = Masks::new().times().addresses().regex("seq=[0-9]+")?;
/// assert_eq!(
///     m.apply(b"Thu Dec  3 10:00:01 2026 from 127.0.0.1:40002 seq=7\n", &[]),
///     b"[time] from [addr] [masked]\n"
/// );
/// # Ok::<(), regex::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Masks {
    pids: bool,
    rules: Vec<(Regex, &'static str)>,
}

/// ctime's format (`Thu Dec  3 10:00:01 2026`), ISO 8601 date and time,
/// and a time of day (`10:00:01`, `10:00:01.123`).
const TIMES: &str = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?|\b[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?\b";

/// IPv4 addresses and IPv6 addresses (with `::`, or all eight groups;
/// IPv4-mapped included), each with an optional port after `:`, `.` or
/// `#`, and in brackets.
const ADDRESSES: &str = r"\[?(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?::(?:(?:[0-9A-Fa-f]{1,4}:)*(?:[0-9]{1,3}\.){3}[0-9]{1,3}|[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?|\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b)\]?(?:[:.#][0-9]{1,5}\b)?";

impl Masks {
    /// No masks.
    pub fn new() -> Masks {
        Masks::default()
    }

    /// Replaces the process IDs of the programs compared (as whole
    /// numbers) with `[pid]`.
    pub fn pids(mut self) -> Masks {
        self.pids = true;
        self
    }

    /// Replaces times with `[time]`: ctime's format, ISO 8601, and times
    /// of day.
    pub fn times(mut self) -> Masks {
        self.rules
            .push((Regex::new(TIMES).expect("the times pattern"), "[time]"));
        self
    }

    /// Replaces IPv4 and IPv6 addresses, with a port if one follows, with
    /// `[addr]`.
    pub fn addresses(mut self) -> Masks {
        self.rules.push((
            Regex::new(ADDRESSES).expect("the addresses pattern"),
            "[addr]",
        ));
        self
    }

    /// Replaces every match of the regular expression `re` (the `regex`
    /// crate's syntax, matched on bytes) with `[masked]`.
    pub fn regex(mut self, re: &str) -> Result<Masks, regex::Error> {
        self.rules.push((Regex::new(re)?, "[masked]"));
        Ok(self)
    }

    /// `text` with the masks applied, in the order they were added; the
    /// process IDs masked are `pids`.
    pub fn apply(&self, text: &[u8], pids: &[u32]) -> Vec<u8> {
        let mut t = text.to_vec();
        for (re, with) in &self.rules {
            t = re.replace_all(&t, with.as_bytes()).into_owned();
        }
        let pids: Vec<String> = pids
            .iter()
            .filter(|&&p| p != 0)
            .map(|p| p.to_string())
            .collect();
        if self.pids && !pids.is_empty() {
            let re = Regex::new(&format!(r"\b(?:{})\b", pids.join("|"))).expect("a pid pattern");
            t = re.replace_all(&t, &b"[pid]"[..]).into_owned();
        }
        t
    }
}

/// One part of two outcomes that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// `stdout`, `stderr`, `exit status`, with `client `/`server ` before
    /// them for sessions.
    pub what: String,
    /// A line diff (`-` the first outcome, `+` the second).
    pub diff: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        writeln!(f, "{} differs:", self.what)?;
        f.write_str(&self.diff)
    }
}

/// Compares `want` and `got` after masking (with the process IDs of both):
/// stdout, stderr and status.  Empty when they are the same.  `labels`
/// name the two in the diffs' headers.
pub fn compare(
    want: &Outcome,
    got: &Outcome,
    masks: &Masks,
    labels: (&str, &str),
) -> Vec<Difference> {
    let mut v = Vec::new();
    compare_into(&mut v, "", want, got, masks, &[want.pid, got.pid], labels);
    v
}

/// As [`compare`] for sessions: the client's stdout, stderr and status,
/// then the server's (process IDs of all four programs masked).
pub fn compare_sessions(
    want: &SessionOutcome,
    got: &SessionOutcome,
    masks: &Masks,
    labels: (&str, &str),
) -> Vec<Difference> {
    let pids = [
        want.client.pid,
        want.server.pid,
        got.client.pid,
        got.server.pid,
    ];
    let mut v = Vec::new();
    compare_into(
        &mut v,
        "client ",
        &want.client,
        &got.client,
        masks,
        &pids,
        labels,
    );
    compare_into(
        &mut v,
        "server ",
        &want.server,
        &got.server,
        masks,
        &pids,
        labels,
    );
    v
}

fn compare_into(
    v: &mut Vec<Difference>,
    prefix: &str,
    want: &Outcome,
    got: &Outcome,
    masks: &Masks,
    pids: &[u32],
    labels: (&str, &str),
) {
    for (name, a, b) in [
        ("stdout", &want.stdout, &got.stdout),
        ("stderr", &want.stderr, &got.stderr),
    ] {
        let (a, b) = (masks.apply(a, pids), masks.apply(b, pids));
        if a != b {
            v.push(Difference {
                what: format!("{prefix}{name}"),
                diff: diff(labels.0, labels.1, &a, &b),
            });
        }
    }
    if want.status != got.status {
        v.push(Difference {
            what: format!("{prefix}exit status"),
            diff: format!(
                "--- {}\n+++ {}\n-{}\n+{}\n",
                labels.0, labels.1, want.status, got.status
            ),
        });
    }
}

/// The most diff lines shown; the rest are counted.
const MAX_LINES: usize = 200;
/// The most characters of one line shown.
const MAX_LINE: usize = 240;

/// A unified diff of two byte strings by lines (3 lines of context), with
/// bytes that are not printable ASCII escaped (`\t`, `\r`, `\xff`), long
/// lines cut (`... (9000 bytes)`), and for a line changed into one other
/// line the byte where they first differ.  At most 200 lines.
pub fn diff(a_label: &str, b_label: &str, a: &[u8], b: &[u8]) -> String {
    let d = TextDiff::configure()
        .timeout(Duration::from_secs(2))
        .diff_lines(a, b);
    let mut out = format!("--- {a_label}\n+++ {b_label}\n");
    let mut shown = 0;
    let mut hidden = 0;
    for group in d.grouped_ops(3) {
        let (first, last) = (&group[0], &group[group.len() - 1]);
        let (o, n) = (first.old_range().start, first.new_range().start);
        let (ol, nl) = (last.old_range().end - o, last.new_range().end - n);
        // A range of no lines starts at the line before it.
        let at = |start: usize, len: usize| if len == 0 { start } else { start + 1 };
        if shown < MAX_LINES {
            out += &format!("@@ -{},{ol} +{},{nl} @@\n", at(o, ol), at(n, nl));
        }
        for op in &group {
            let changes: Vec<_> = d.iter_changes(op).collect();
            let dels: Vec<&[u8]> = changes
                .iter()
                .filter(|c| c.tag() == ChangeTag::Delete)
                .map(|c| c.value())
                .collect();
            let ins: Vec<&[u8]> = changes
                .iter()
                .filter(|c| c.tag() == ChangeTag::Insert)
                .map(|c| c.value())
                .collect();
            for c in &changes {
                if shown >= MAX_LINES {
                    hidden += 1;
                    continue;
                }
                let sign = match c.tag() {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                };
                out += &format!("{sign}{}\n", show_line(c.value()));
                shown += 1;
            }
            if let ([x], [y]) = (dels.as_slice(), ins.as_slice()) {
                if shown < MAX_LINES {
                    let at = x.iter().zip(*y).take_while(|(p, q)| p == q).count();
                    out += &format!("  (the lines differ first at byte {at})\n");
                }
            }
        }
    }
    if hidden > 0 {
        out += &format!("... and {hidden} more lines of diff\n");
    }
    out
}

/// One line for a diff: escaped, cut, its newline dropped, or a note that
/// it has none.
fn show_line(l: &[u8]) -> String {
    match l.strip_suffix(b"\n") {
        Some(body) => escape(body, MAX_LINE),
        None => format!("{}  (no newline at end)", escape(l, MAX_LINE)),
    }
}

/// `b` with C-like escapes for what is not printable ASCII (`\t`, `\r`,
/// `\n`, `\\`, `\xff`), at most `max` bytes of it (then the length).
pub fn escape(b: &[u8], max: usize) -> String {
    let mut s = String::new();
    for &c in b.iter().take(max) {
        match c {
            b'\\' => s += "\\\\",
            b'\t' => s += "\\t",
            b'\r' => s += "\\r",
            b'\n' => s += "\\n",
            0x20..=0x7e => s.push(c as char),
            _ => s += &format!("\\x{c:02x}"),
        }
    }
    if b.len() > max {
        s += &format!("... ({} bytes)", b.len());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proc::Status;

    #[test]
    fn masks_times_addresses_pids_and_regexes() {
        let m = Masks::new().times().addresses().pids();
        assert_eq!(m.apply(b"Thu Dec  3 10:00:01 2026\r\n", &[]), b"[time]\r\n");
        assert_eq!(
            m.apply(b"at 2026-12-03T10:00:01.5Z ok", &[]),
            b"at [time] ok"
        );
        assert_eq!(
            m.apply(
                b"connection from 127.0.0.1 (addrlen 16), ::ffff:127.0.0.1.4000",
                &[]
            ),
            b"connection from [addr] (addrlen 16), [addr]"
        );
        assert_eq!(
            m.apply(b"[::1]:9877 and fe80::1 and 2001:db8:0:0:0:0:0:1", &[]),
            b"[addr] and [addr] and [addr]"
        );
        assert_eq!(
            m.apply(b"child 4242 terminated, 42424", &[4242]),
            b"child [pid] terminated, 42424"
        );
        // Without masks, nothing changes; an address mask leaves a bad address.
        assert_eq!(
            Masks::new().apply(b"10:00:01 4242", &[4242]),
            b"10:00:01 4242"
        );
        assert_eq!(
            Masks::new()
                .addresses()
                .apply(b"inet_pton error for 300.1.2.3", &[]),
            b"inet_pton error for [addr]"
        );
        let r = Masks::new().regex("seq=[0-9]+").unwrap();
        assert_eq!(r.apply(b"seq=1 seq=22", &[]), b"[masked] [masked]");
        assert!(Masks::new().regex("(").is_err());
    }

    #[test]
    fn diff_shows_the_changed_line_and_where() {
        let d = diff("a", "b", b"one\ntwo\nthree\n", b"one\ntwo!\nthree\n");
        assert_eq!(
            d,
            "--- a\n+++ b\n@@ -1,3 +1,3 @@\n one\n-two\n+two!\n  (the lines differ first at byte 3)\n three\n"
        );
        let d = diff("a", "b", b"x\n", b"x\ny");
        assert!(d.ends_with("+y  (no newline at end)\n"), "{d}");
        let d = diff("a", "b", b"", b"new\n");
        assert_eq!(d, "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+new\n");
        assert_eq!(escape(b"a\\'\"\x00", 10), "a\\\\'\"\\x00");
        let d = diff("a", "b", b"\xff\t\n", b"\xfe\t\n");
        assert!(d.contains("-\\xff\\t\n+\\xfe\\t\n"), "{d}");
        let long = vec![b'z'; 5000];
        let d = diff("a", "b", &long, b"");
        assert!(d.contains("... (5000 bytes)"), "{d}");
    }

    #[test]
    fn diff_is_bounded() {
        let a: Vec<u8> = (0..1000)
            .flat_map(|i| format!("{i}\n").into_bytes())
            .collect();
        let b: Vec<u8> = (0..1000)
            .flat_map(|i| format!("{}\n", i * 7).into_bytes())
            .collect();
        let d = diff("a", "b", &a, &b);
        assert!(d.lines().count() < MAX_LINES + 10, "{}", d.lines().count());
        assert!(d.contains("more lines of diff"));
    }

    #[test]
    fn compare_names_each_part() {
        let a = Outcome::exited(0, "x\n", "");
        let mut b = Outcome::exited(3, "x\n", "warning\n");
        b.pid = 7;
        let d = compare(&a, &b, &Masks::new(), ("orig", "port"));
        let what: Vec<&str> = d.iter().map(|d| d.what.as_str()).collect();
        assert_eq!(what, ["stderr", "exit status"]);
        assert_eq!(d[1].diff, "--- orig\n+++ port\n-exit 0\n+exit 3\n");
        assert!(compare(&a, &a.clone(), &Masks::new(), ("", "")).is_empty());
        let s = Outcome {
            status: Status::Signaled(15),
            ..a.clone()
        };
        assert_eq!(format!("{}", s.status), "killed by SIGTERM");
    }
}
