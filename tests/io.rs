//! readline, Readline, readlinebuf, readn, Readn, writen, Writen from C,
//! static and shared: exact output of `tests/c/io.c`, the wrappers'
//! diagnostics, and `tests/c/io_threads.c` (8 threads reading lines at once).
mod common;
use common::{build, run, BOTH, T};

/// Includes the deliberate differences: a line that fills the buffer returns
/// the bytes stored (`maxlen 4` on "abcdefgh\n" gives 3 and "abc"; the
/// original returns 4), and `maxlen` below 2 is -1 with EINVAL.
const EXPECTED: &str = r#"
lines (maxlen 64): 4 "one\n" 4 "two\n" 1 "\n" 6 "three\n" 0 ""
partial last line (maxlen 64): 4 "one\n" 3 "two" 0 ""
empty input (maxlen 64): 0 ""
maxlen 4 (maxlen 4): 3 "abc" 3 "def" 3 "gh\n" 0 ""
maxlen 2 (maxlen 2): 1 "a" 1 "b" 1 "\n" 1 "c" 0 ""
maxlen 3 (maxlen 3): 2 "ab" 1 "\n" 2 "c\n" 0 ""
maxlen 1 (maxlen 1): -1 errno=Invalid argument buf[0]=NUL
maxlen 0 (maxlen 0): -1 errno=Invalid argument buf[0]=untouched
NUL bytes (maxlen 64): 4 "a\0b\n" 2 "c\n" 0 ""
long line (maxlen 4096): 4095 4095 1811 5 0 total=10006 intact=1
readlinebuf before: 0
Readline: 6 "first\n", readlinebuf: 12 "second\nthird"
Readline(4): 3 "sec", readlinebuf: 9 "ond\nthird"
Readline: 4 "ond\n"
Readline: 5 "third"
at EOF: 0 p=untouched
fd a: 3 "a1\n", then fd b: 3 "a2\n", then fd b: 3 "b1\n"
Readline across SIGALRM (1): 10 "slow line\n", then 0
readn(10) of 5 then EOF: 5 "hello", again: 0
readn(15) over 4 writes, SIGALRM in between (2): 15 "0123456789abcde", rest: 5 "fghij"
readn(0): 0
readn(bad fd): -1 Bad file descriptor
writen(1 MiB) to a slow pipe, SIGALRM in between (3): 1048576, reader got 1048576
Writen 3 + 0: read 3
writen to a closed pipe: -1 Broken pipe
"#;

#[test]
fn every_case_prints_exactly() {
    for link in BOTH {
        let exe = build("io", link);
        run(&exe, &[], b"", T).expect(&EXPECTED[1..], "", 0);
    }
}

#[test]
fn wrapper_failures_die_with_the_book_message() {
    let cases = [
        ("readline-badf", "readline error: Bad file descriptor\n"),
        ("readline-maxlen", "readline error: Invalid argument\n"),
        ("readn-badf", "readn error: Bad file descriptor\n"),
        ("writen-badf", "writen error: Bad file descriptor\n"),
        ("writen-epipe", "writen error: Broken pipe\n"),
    ];
    for link in BOTH {
        let exe = build("io", link);
        for (arg, msg) in cases {
            run(&exe, &[arg], b"", T).expect("", msg, 1);
        }
    }
}

#[test]
fn readline_from_eight_threads_at_once() {
    let mut want = String::new();
    for i in 0..8 {
        let kind = if i % 2 == 1 { "pipe" } else { "socketpair" };
        want += &format!("thread {i} ({kind}): 4000 lines intact\n");
    }
    for link in BOTH {
        let exe = build("io_threads", link);
        let r = run(&exe, &[], b"", T);
        assert_eq!(
            (r.stdout.as_str(), r.code),
            (want.as_str(), Some(0)),
            "{r:#?}"
        );
    }
}

/// writen and str_echo retry a call that a signal interrupted before it
/// transferred anything (EINTR); tests/c/io_eintr.c.
#[test]
fn writen_and_str_echo_retry_after_eintr() {
    for link in BOTH {
        let exe = build("io_eintr", link);
        run(&exe, &["writen"], b"", T).expect(
            "writen(1000) to a full pipe, SIGALRM while blocked (>= 1): 1000, reader got 1000 more\n",
            "",
            0,
        );
        run(&exe, &["str_echo"], b"", T).expect(
            "str_echo across SIGALRM (>= 1): peer got ping\n",
            "",
            0,
        );
    }
}
