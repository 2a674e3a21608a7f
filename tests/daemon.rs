//! daemon_init, observed from inside the daemon (tests/c/daemontest.c, which
//! replaces syslog/openlog to record what the library logs), and the daytime
//! daemon example daytimetcpsrv2: the parent exits 0 at once with nothing on
//! stdout or stderr, the daemon serves clients and logs through syslog.
mod common;
use common::{BOTH, T};
use std::time::{Duration, Instant};

fn tmpdir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("unp-daemon-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Waits (bounded) until `path` contains `last`, then returns its content.
fn wait_for(path: &std::path::Path, last: &str) -> String {
    let start = Instant::now();
    loop {
        let s = std::fs::read_to_string(path).unwrap_or_default();
        if s.contains(last) {
            return s;
        }
        assert!(
            start.elapsed() < T,
            "{} never got {last:?}; has {s:?}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn daemon_init_detaches_and_logs_through_syslog() {
    for link in BOTH {
        let dir = tmpdir(link.name());
        let exe = common::build("daemontest", link);
        // The parent returns at once; stdout/stderr reach EOF only because the
        // daemon closed every inherited descriptor.
        common::run(&exe, &[dir.to_str().unwrap()], b"", T).expect("", "", 0);
        let log = wait_for(&dir.join("log"), "close error");
        // LOG_PID = 1, LOG_LOCAL3 = 19 << 3 = 152; LOG_INFO 6, LOG_ERR 3.
        let want = "\
openlog daemontest 1 152
returned 0
new pid 1, session leader 0, pgrp leader 0
daemon_proc 1
cwd /
0 1 2 /dev/null 1 1 1, 0 readonly 1
extra closed 1
SIGHUP ignored 1
umask 022
syslog 6 hello syslog, 100%
syslog 6 err_ret: Connection refused
syslog 3 close error: Bad file descriptor
";
        assert_eq!(log, want, "{}", link.name());
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn the_daytime_daemon_serves_and_is_silent() {
    for link in BOTH {
        let srv = common::build("daytimetcpsrv2", link);
        let cli = common::build("daytimetcpcli", link);
        // Port 0: the kernel picks a free one when the daemon binds, so no
        // parallel test can take it first (the daemon's failure would only
        // show in syslog).  The parent exits at once; the daemon then binds
        // and listens, and is found through /proc by its executable.
        common::run(&srv, &["0", "2"], b"", T).expect("", "", 0);
        let (daemon, port) = common::wait_exe_listening(&srv, T);
        let port = port.to_string();
        for _ in 0..2 {
            let r = common::run(&cli, &["127.0.0.1", &port], b"", T);
            assert_eq!((r.stderr.as_str(), r.code), ("", Some(0)), "{r:?}");
            // "Tue Nov 24 21:32:14 2026\r\n"
            assert_eq!(r.stdout.len(), 26, "{r:?}");
            assert!(r.stdout.ends_with("\r\n"), "{r:?}");
        }
        // After its two clients the daemon exits: it no longer listens.
        let start = Instant::now();
        while common::pid_listens(daemon, port.parse().unwrap()) {
            assert!(start.elapsed() < T, "daemon still listening");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

#[test]
fn daemon_inetd_only_switches_err_to_syslog() {
    for link in BOTH {
        let dir = tmpdir(&format!("inetd-{}", link.name()));
        let exe = common::build("daemontest", link);
        common::run(&exe, &[dir.to_str().unwrap(), "inetd"], b"", T).expect(
            "",
            "stderr still works\n",
            0,
        );
        // LOG_DAEMON = 3 << 3 = 24.
        let log = std::fs::read_to_string(dir.join("log")).unwrap();
        assert_eq!(
            log,
            "openlog inetdtest 1 24\ndaemon_proc 1, same pid 1\nsyslog 6 from inetd\n"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
