//! Solaris threads on Linux (book/include/thread.h over src/thr_compat.rs),
//! beyond the book-style programs of tests/book/threads: error numbers for
//! bad arguments, detached threads, every way a thread ends, fork, and the
//! book's diagnostic from a mapped Pthread_join; static and shared links.

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
