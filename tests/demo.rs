//! `make demo` (tests/demo.sh): both pairs run and print what they should.
mod common;
use std::process::Command;

#[test]
fn demo_runs_the_daytime_and_echo_pairs() {
    common::ensure_built();
    let out = Command::new("timeout")
        .args(["60", "sh", "tests/demo.sh", "build/bin"])
        .current_dir(common::root())
        .output()
        .unwrap();
    let so = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "demo failed: {so}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        so.contains("--- daytimetcpsrv said:\nconnection from 127.0.0.1, port "),
        "{so}"
    );
    assert!(
        so.contains("\nhello, world\nsecond line\n--- tcpserv01 exited silently\n"),
        "{so}"
    );
    // One line of daytime: "Tue Nov 24 21:43:35 2026".
    let day = so.lines().nth(2).unwrap_or("");
    assert_eq!(day.len(), 24, "{so}");
}
