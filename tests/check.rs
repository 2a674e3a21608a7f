//! `make check`'s last line, `N passed, N failed, N skipped`
//! (tests/check.sh): libtest reports a test that called `common::skip` as
//! `ok`, so the skips are counted from the log `common::skip` writes.

mod common;

use std::path::Path;
use std::process::Command;

/// Runs `sh tests/check.sh LOG command...` without the caller's skip
/// settings; (exit code, output lines after the command's own).
fn check_sh(dir: &Path, command: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> (i32, Vec<String>) {
    let log = dir.join("check.log");
    let out = Command::new("sh")
        .arg(common::root().join("tests/check.sh"))
        .arg(&log)
        .args(command)
        .env_remove("UNP_NO_SKIP")
        .env_remove("UNP_SKIP_LOG")
        .envs(env.iter().copied())
        .output()
        .expect("run tests/check.sh");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // The command's output is shown and kept in LOG; the summary follows.
    let logged = std::fs::read_to_string(&log).unwrap();
    let rest = text
        .strip_prefix(logged.as_str())
        .unwrap_or_else(|| panic!("the command's output is not shown first:\n{text}"));
    (
        out.status.code().unwrap(),
        rest.lines().map(String::from).collect(),
    )
}

/// Runs a fake `cargo test` (a shell script printing `output` and writing
/// `skips` to $UNP_SKIP_LOG, exit `code`) through tests/check.sh.
fn fake(tag: &str, output: &str, skips: &str, code: i32) -> (i32, Vec<String>) {
    let dir = common::temp_dir(&format!("check-{tag}"));
    let script = dir.path().join("fake-cargo-test.sh");
    std::fs::write(
        &script,
        format!(
            "cat <<'EOF'\n{output}EOF\nprintf '%s' '{skips}' >>\"$UNP_SKIP_LOG\"\nexit {code}\n"
        ),
    )
    .unwrap();
    check_sh(dir.path(), &["sh".as_ref(), script.as_os_str()], &[])
}

#[test]
fn summary_counts_passed_failed_and_skipped() {
    let out = "     Running tests/a.rs (target/release/deps/a-0123456789abcdef)\n\
               running 3 tests\ntest one ... ok\ntest two ... ok\ntest three ... ok\n\
               test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
               \x20    Running tests/b.rs (target/release/deps/b-fedcba9876543210)\n\
               running 3 tests\ntest four ... ok\ntest five ... FAILED\ntest six ... ok\n\
               failures:\n\n---- five stdout ----\npanicked\n\nfailures:\n    five\n\n\
               test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n\
               \x20  Doc-tests unp\nrunning 1 test\ntest x.rs - f (line 1) ... ok\n\
               test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n";
    // `one` skipped twice (two parts), `five` skipped a part and then failed.
    let skips = "a-0123456789abcdef\tone\tone (gcc)\tgcc is not installed\n\
                 a-0123456789abcdef\tone\tone (clang)\tclang is not installed\n\
                 a-0123456789abcdef\tthree\tthree\tno namespaces\n\
                 b-fedcba9876543210\tfive\tfive\tpart of it\n";
    let (code, lines) = fake("counts", out, skips, 101);
    assert_eq!(
        (code, lines),
        (
            101,
            vec![
                "skipped: one (a): one (gcc): gcc is not installed".to_string(),
                "skipped: three (a): no namespaces".to_string(),
                "4 passed, 1 failed, 2 skipped".to_string(),
            ]
        )
    );
}

#[test]
fn summary_counts_a_crashed_binary_and_a_failed_build() {
    let out = "     Running tests/a.rs (target/release/deps/a-0123456789abcdef)\n\
               running 2 tests\ntest one ... ok\n\
               \x20    Running tests/b.rs (target/release/deps/b-fedcba9876543210)\n\
               running 1 test\ntest two ... ok\n\
               test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n";
    let (code, lines) = fake("crash", out, "", 101);
    assert_eq!(
        (code, lines),
        (
            101,
            vec![
                "failed: test binary a-0123456789abcdef ended without a result".to_string(),
                "1 passed, 1 failed, 0 skipped".to_string(),
            ]
        )
    );
    // cargo test could not build the tests: nothing ran, yet it failed.
    let (code, lines) = fake("nobuild", "error[E0425]: cannot find value\n", "", 101);
    assert_eq!(
        (code, lines),
        (
            101,
            vec![
                "failed: the test command exited with status 101 (see above)".to_string(),
                "0 passed, 1 failed, 0 skipped".to_string(),
            ]
        )
    );
    let (code, lines) = fake(
        "clean",
        "test result: ok. 7 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n",
        "",
        0,
    );
    assert_eq!(
        (code, lines),
        (0, vec!["7 passed, 0 failed, 0 skipped".to_string()])
    );
}

/// The whole path, with a real libtest binary (this one) running
/// `fixture_skips_when_asked`: common::skip's record reaches the summary,
/// which counts the test as skipped, not passed; a test that skipped a part
/// and then failed counts as failed.
#[test]
fn a_real_skip_is_counted_as_skipped() {
    let exe = std::env::current_exe().unwrap();
    // cargo names the binary on a `Running` line; here a shell does.
    let command = |dir: &Path| {
        let script = dir.join("run.sh");
        std::fs::write(
            &script,
            "echo \"     Running tests/check.rs (target/release/deps/$(basename \"$1\"))\"\n\
             exec \"$@\" --exact fixture_skips_when_asked --test-threads 1\n",
        )
        .unwrap();
        script
    };
    let dir = common::temp_dir("check-real");
    let script = command(dir.path());
    let (code, lines) = check_sh(
        dir.path(),
        &["sh".as_ref(), script.as_os_str(), exe.as_os_str()],
        &[("UNP_CHECK_FIXTURE", "skip")],
    );
    let bin = exe.file_name().unwrap().to_string_lossy().into_owned();
    let bin = bin.rsplit_once('-').map_or(bin.as_str(), |(b, _)| b);
    assert_eq!(
        (code, lines),
        (
            0,
            vec![
                format!("skipped: fixture_skips_when_asked ({bin}): UNP_CHECK_FIXTURE=skip"),
                "0 passed, 0 failed, 1 skipped".to_string(),
            ]
        )
    );
    let (code, lines) = check_sh(
        dir.path(),
        &["sh".as_ref(), script.as_os_str(), exe.as_os_str()],
        &[("UNP_CHECK_FIXTURE", "skip-then-fail")],
    );
    assert_eq!(
        (code, lines),
        (101, vec!["0 passed, 1 failed, 0 skipped".to_string()])
    );
}

/// The test binary `a_real_skip_is_counted_as_skipped` runs: with
/// UNP_CHECK_FIXTURE=skip it skips, with `skip-then-fail` it skips a part
/// and then fails; without it (an ordinary `make check`) it has nothing to
/// do.
#[test]
fn fixture_skips_when_asked() {
    match std::env::var("UNP_CHECK_FIXTURE").as_deref() {
        Ok("skip") => common::skip("fixture_skips_when_asked", "UNP_CHECK_FIXTURE=skip"),
        Ok("skip-then-fail") => {
            common::skip("a part", "UNP_CHECK_FIXTURE=skip-then-fail");
            panic!("UNP_CHECK_FIXTURE=skip-then-fail");
        }
        _ => {}
    }
}
