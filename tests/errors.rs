//! The error functions (the book's `lib/error.c`), byte for byte: errno text, newline,
//! the MAXLINE budget, fflush(stdout) before stderr, exit(1) with atexit
//! handlers, abort() for err_dump, and daemon mode (syslog, `%` as data).
//! Every case runs statically and dynamically linked.

mod common;

use common::{Link, Ran, BOTH, T};
use std::path::PathBuf;

fn prog(link: Link) -> PathBuf {
    common::build("e_errors", link)
}

fn run(link: Link, mode: &str) -> Ran {
    common::run(&prog(link), &[mode], b"", T)
}

/// Runs the program with stderr sent into the same pipe as stdout.
fn run_merged(link: Link, mode: &str) -> Ran {
    let exe = prog(link);
    let cmd = format!("exec '{}' {mode} 2>&1", exe.display());
    common::run(std::path::Path::new("/bin/sh"), &["-c", &cmd], b"", T)
}

#[test]
fn err_sys_appends_errno_text_and_exits_1() {
    for link in BOTH {
        run(link, "sys").expect("beforeatexit ran\n", "sys 42 text: Connection refused\n", 1);
        run(link, "sys0").expect("beforeatexit ran\n", "sys zero: Success\n", 1);
    }
}

#[test]
fn err_quit_has_no_errno_text_and_exits_1() {
    for link in BOTH {
        run(link, "quit").expect("beforeatexit ran\n", "quit now\n", 1);
    }
}

#[test]
fn err_ret_and_err_msg_return() {
    for link in BOTH {
        // err_ret leaves errno as it found it (the original saves it first
        // and never sets it).
        run(link, "ret").expect(
            "beforeafter ret errno=2\natexit ran\n",
            "ret 1: No such file or directory\n",
            0,
        );
        run(link, "msg").expect("beforeafter msg\natexit ran\n", "msg z%\n", 0);
    }
}

#[test]
fn err_dump_aborts_with_sigabrt() {
    for link in BOTH {
        let r = run(link, "dump");
        // stdout was flushed before the message; abort() skips atexit.
        assert_eq!(
            (r.stdout.as_str(), r.stderr.as_str(), r.code, r.signal),
            ("before", "dump 7: Broken pipe\n", None, Some(6)),
            "{link:?}: {r:#?}"
        );
    }
}

#[test]
fn stdout_is_flushed_before_stderr() {
    for link in BOTH {
        run_merged(link, "sys").expect(
            "beforesys 42 text: Connection refused\natexit ran\n",
            "",
            1,
        );
        run_merged(link, "quit").expect("beforequit now\natexit ran\n", "", 1);
        run_merged(link, "ret").expect(
            "beforeret 1: No such file or directory\nafter ret errno=2\natexit ran\n",
            "",
            0,
        );
        run_merged(link, "msg").expect("beforemsg z%\nafter msg\natexit ran\n", "", 0);
        let r = run_merged(link, "dump");
        assert_eq!(
            (r.stdout.as_str(), r.signal),
            ("beforedump 7: Broken pipe\n", Some(6)),
            "{link:?}: {r:#?}"
        );
    }
}

#[test]
fn maxline_budget() {
    let x = |n: usize| "x".repeat(n);
    for link in BOTH {
        // vsnprintf(buf, MAXLINE, ...) keeps 4095 characters; the errno
        // suffix then has a budget of 1 byte (only its NUL): nothing of it.
        run(link, "long").expect("beforeatexit ran\n", &format!("{}\n", x(4095)), 0);
        run(link, "long_msg").expect("beforeatexit ran\n", &format!("{}\n", x(4095)), 0);
        run(link, "exact").expect("beforeatexit ran\n", &format!("{}\n", x(4095)), 0);
        // 4090 characters leave snprintf 6 bytes: ": Con" and the NUL.
        run(link, "near").expect("beforeatexit ran\n", &format!("{}: Con\n", x(4090)), 0);
    }
}

#[test]
fn daemon_mode_writes_nothing_to_stdout_or_stderr() {
    // There is no /dev/log in the test environment (or there is one: either
    // way nothing may reach stderr).  The `%` directives in the arguments must
    // not be interpreted again: with the original, "%n%s" reaching syslog as
    // the format would crash or print garbage.
    for link in BOTH {
        run(link, "daemon_sys").expect("beforeatexit ran\n", "", 1);
        run(link, "daemon_quit").expect("beforeatexit ran\n", "", 1);
        run(link, "daemon_ret").expect("before returned\natexit ran\n", "", 0);
        run(link, "daemon_msg").expect("before returned\natexit ran\n", "", 0);
        let r = run(link, "daemon_dump");
        assert_eq!(
            (r.stdout.as_str(), r.stderr.as_str(), r.signal),
            ("", "", Some(6)),
            "{link:?}: {r:#?}"
        );
    }
}

#[test]
fn usage_message() {
    for link in BOTH {
        common::run(&prog(link), &[], b"", T).expect("", "usage: e_errors MODE\n", 1);
    }
}

#[test]
fn daemon_mode_passes_the_message_to_syslog_as_data() {
    // e_syslog defines syslog itself and prints what it was given: the
    // level (LOG_ERR 3 for sys/quit/dump, LOG_INFO 6 for ret/msg), the format
    // "%s" and the finished message, newline included.
    let line =
        |pri: i32, msg: &str| format!("syslog priority={pri} format=[%s] message=[{msg}\n]\n");
    for link in BOTH {
        let exe = common::build("e_syslog", link);
        let run = |mode: &str| common::run(&exe, &[mode], b"", T);
        run("sys").expect(&line(3, "sys 100%s%n 5%: Connection refused"), "", 1);
        run("quit").expect(&line(3, "quit %n"), "", 1);
        run("ret").expect(
            &format!("{}returned\n", line(6, "ret %x: Connection refused")),
            "",
            0,
        );
        run("msg").expect(&format!("{}returned\n", line(6, "msg %p")), "", 0);
        let r = run("dump");
        assert_eq!(
            (r.stdout.as_str(), r.stderr.as_str(), r.signal),
            (line(3, "dump: Connection refused").as_str(), "", Some(6)),
            "{link:?}: {r:#?}"
        );
    }
}

/// NULL pointers where a `timeval` or an address buffer belongs
/// (`tests/c/null_args.c`): `tv_sub` with either pointer NULL does nothing;
/// `Inet_pton` with a NULL result buffer and `Inet_ntop` with a NULL
/// address exit through `err_quit` with the book's style of message for
/// `Inet_ntop`'s NULL buffer.
#[test]
fn null_pointer_arguments_get_a_diagnostic_or_do_nothing() {
    let cases: [(&str, &str, &str, i32); 7] = [
        ("tv_sub-in", "5.250000\n", "", 0),
        ("tv_sub-out", "1.500000\n", "", 0),
        ("tv_sub-both", "3.750000\n", "", 0),
        ("pton-addr", "", "NULL 3rd argument to inet_pton\n", 1),
        ("pton-addr6", "", "NULL 3rd argument to inet_pton\n", 1),
        ("ntop-addr", "", "NULL 2nd argument to inet_ntop\n", 1),
        ("ntop-addr6", "", "NULL 2nd argument to inet_ntop\n", 1),
    ];
    for link in common::BOTH {
        let exe = common::build("null_args", link);
        for (arg, out, err, code) in cases {
            common::run(&exe, &[arg], b"", common::T).expect(out, err, code);
        }
    }
}
