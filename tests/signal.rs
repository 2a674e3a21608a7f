//! signal / Signal / signal_intr / Signal_intr, observed from a C program
//! (tests/c/sigtest.c), static and shared: SIGALRM interrupts a blocking
//! read under the library's `signal` (libc's would restart it), other
//! signals restart, `signal_intr` never restarts, old handlers come back,
//! failures give SIG_ERR or the book's diagnostics.
mod common;
use common::{Link, BOTH, T};

fn sigtest(link: Link, mode: &str) -> common::Ran {
    let exe = common::build("sigtest", link);
    common::run(&exe, &[mode], b"", T)
}

#[test]
fn sigalrm_interrupts_under_the_librarys_signal() {
    for link in BOTH {
        sigtest(link, "alarm").expect("read: -1 Interrupted system call, caught 1\n", "", 0);
    }
}

#[test]
fn other_signals_restart() {
    for link in BOTH {
        sigtest(link, "usr1").expect("read: 1 'x', caught 1\n", "", 0);
    }
}

#[test]
fn signal_intr_never_restarts() {
    for link in BOTH {
        sigtest(link, "intr").expect("read: -1 Interrupted system call, caught 1\n", "", 0);
        sigtest(link, "alarm_intr").expect("read: -1 Interrupted system call, caught 1\n", "", 0);
    }
}

#[test]
fn flags_mask_and_old_handlers() {
    let want = "\
signal SIGALRM: restart 0, resethand 0, nodefer 0, mask empty 1
Signal SIGUSR1: restart 1, resethand 0, nodefer 0, mask empty 1
signal_intr SIGUSR2: restart 0, resethand 0, nodefer 0, mask empty 1
Signal_intr SIGALRM: restart 0, resethand 0, nodefer 0, mask empty 1
old is handler 1
old is other 1
old is SIG_IGN 1
old is SIG_DFL 1
signal(SIGKILL) is SIG_ERR 1, Invalid argument
signal_intr(0) is SIG_ERR 1, Invalid argument
";
    for link in BOTH {
        sigtest(link, "flags").expect(want, "", 0);
    }
}

#[test]
fn wrappers_die_with_the_books_messages() {
    for link in BOTH {
        sigtest(link, "bad").expect("", "signal error: Invalid argument\n", 1);
        sigtest(link, "bad_intr").expect("", "signal_intr error: Invalid argument\n", 1);
    }
}
