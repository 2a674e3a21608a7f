//! `make demo` (tests/demo.sh): every pair runs and prints what it should.
mod common;
use std::process::Command;

#[test]
fn demo_runs_the_daytime_and_echo_pairs() {
    common::ensure_built();
    let mut demo = Command::new("timeout");
    common::only_stdio(&mut demo);
    let out = demo
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
    assert!(
        so.contains("\ndatagram one\ndatagram two\n--- udpserv01 exited silently\n"),
        "{so}"
    );
    assert!(
        so.contains("\nover a unix socket\n--- unixstrserv01 exited silently\n"),
        "{so}"
    );
    // One line of daytime: "Tue Nov 24 21:43:35 2026".
    let day = so.lines().nth(2).unwrap_or("");
    assert_eq!(day.len(), 24, "{so}");
}
