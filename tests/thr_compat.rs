//! Solaris threads on Linux (book/include/thread.h over src/thr_compat.rs),
//! beyond the book-style programs of tests/book/threads: error numbers for
//! bad arguments, detached threads, every way a thread ends, fork, and the
//! book's diagnostic from a mapped Pthread_join; thr_join(0) while
//! creations fail, and the windows of thr_join forced open; static and
//! shared links.

mod common;

use common::BOTH;

const EXPECTED: &str = "thr_create NULL start: EINVAL\n\
thr_create unknown flag: EINVAL\n\
thr_create THR_SUSPENDED: ENOTSUP\n\
thr_create tiny stack: EINVAL\n\
pthread_create NULL start: EINVAL\n\
thr_join with none: ESRCH\n\
thr_create detached: 0; thr_join: ESRCH\n\
detached by attribute: thr_join: ESRCH\n\
0: sized stack, same ID 1\n\
0: own stack, same ID 1\n\
0: via pthread_exit\n\
joined by Pthread_join; then thr_join: ESRCH\n\
child: thr_join: ESRCH\n\
parent: 0, parent's thread\n\
thr_join after Pthread_detach: ESRCH\n";

#[test]
fn thr_misc() {
    let inc = common::root().join("book/include");
    let inc = inc.to_str().unwrap();
    for link in BOTH {
        let exe = common::build_with("thr_misc", link, &["-I", inc]);
        let r = common::run(&exe, &[], b"", common::T);
        eprintln!("thr_misc, {} link", link.name());
        r.expect(EXPECTED, "pthread_join error: Invalid argument\n", 1);
    }
}

/// The joiner of tests/c/thr_stress.c loops on thr_join(0) while the main
/// thread makes 20000 registered creations that fail with EAGAIN (a stack
/// larger than the address space): every call must give ESRCH, and none
/// may stay asleep on a creation that failed (the program gives up after
/// 5 s).  Before the fix, about one run in three hung.
#[test]
fn thr_join_zero_while_creations_fail() {
    let inc = common::root().join("book/include");
    let inc = inc.to_str().unwrap();
    for link in BOTH {
        let exe = common::build_with("thr_stress", link, &["-I", inc]);
        for _ in 0..3 {
            let r = common::run(&exe, &["20000"], b"", common::T);
            let (head, figures) = r.stdout.rsplit_once("calls ").unwrap_or((&r.stdout, ""));
            assert_eq!(
                (head, r.stderr.as_str(), r.code),
                (
                    "creations: 20000, EAGAIN: 20000, other error: 0, made: 0\n\
                     thr_join(0): not ESRCH: 0\n\
                     main's thr_join(0): ESRCH\n",
                    "",
                    Some(0)
                ),
                "{} link: {r:#?}",
                link.name()
            );
            // `calls C slowest S us`: how often the joiner asked, and its
            // slowest answer (scheduling delays included), for the record.
            let f: Vec<u64> = figures
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            assert!(f.len() == 2 && f[0] > 0, "figures: {figures:?}");
            eprintln!(
                "thr_stress, {} link: {} thr_join(0) calls, slowest {} us",
                link.name(),
                f[0],
                f[1]
            );
        }
    }
}

/// tests/c/thr_windows.c holds each window of thr_join open (its own
/// pthread_create and pthread_join, which the library's calls reach, wait
/// until another thread stands in it) and reports a thread left asleep.
/// Before the fixes: `create` and `joinfail` left thr_join(0) asleep, and
/// `claimed` called pthread_join twice on one thread.
#[test]
fn thr_join_windows_forced_open() {
    let inc = common::root().join("book/include");
    let inc = inc.to_str().unwrap();
    let cases = [
        ("create", "creation: EAGAIN\nthr_join(0): ESRCH\n"),
        (
            "joinfail",
            "thr_join(E): EINVAL\nthr_join(0): EINVAL\nthr_join(F): 0\n",
        ),
        (
            "claimed",
            "thr_join(T): ESRCH\nthr_join(0): 0\npthread_join(T) calls: 1\n",
        ),
        (
            "claimed0",
            "thr_join(0): ESRCH\nthr_join(T): 0\npthread_join(T) calls: 1\n",
        ),
    ];
    for link in BOTH {
        let exe = common::build_with("thr_windows", link, &["-I", inc, "-ldl"]);
        for (mode, out) in cases {
            eprintln!("thr_windows {mode}, {} link", link.name());
            common::run(&exe, &[mode], b"", common::T).expect(out, "", 0);
        }
    }
}
