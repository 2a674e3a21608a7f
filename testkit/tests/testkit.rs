//! The test kit on ordinary programs (sh, cat, sleep): output, status,
//! time limits, process groups killed, namespaces.  Client/server sessions
//! of real network programs are tested by the tool built on it
//! (tools/compare/tests) and by the project's mixed tests.

use std::process::Command;
use std::time::{Duration, Instant};

use unp_testkit::{run, start, Netns, NsKind, Outcome, Status};

const T: Duration = Duration::from_secs(20);

fn sh(script: &str) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c").arg(script);
    c
}

/// A namespace, or None after saying why (a failure with UNP_NO_SKIP=1).
fn netns(test: &str) -> Option<Netns> {
    match Netns::new() {
        Ok(ns) => Some(ns),
        Err(why) => {
            eprintln!("SKIPPED {test}: {why}");
            assert!(
                std::env::var_os("UNP_NO_SKIP").is_none_or(|v| v != "1"),
                "{test} skipped but UNP_NO_SKIP=1: {why}"
            );
            None
        }
    }
}

fn alive(pid: u32) -> bool {
    // A zombie is dead: its stat's state is Z.
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        s.rsplit(')')
            .next()
            .is_some_and(|r| !r.trim_start().starts_with('Z'))
    })
}

#[test]
fn output_input_and_status() {
    let out = run(&mut sh("cat; echo err >&2; exit 3"), Some(b"in\0put\n"), T).unwrap();
    assert_eq!(out, Outcome::exited(3, "in\0put\n", "err\n"));
    let out = run(&mut sh("kill -TERM $$"), None, T).unwrap();
    assert_eq!(out.status, Status::Signaled(libc::SIGTERM));
    assert_eq!(format!("{}", out.status), "killed by SIGTERM");
    // No input: /dev/null, end of file at once.
    let out = run(&mut sh("wc -c"), None, T).unwrap();
    assert_eq!(out.stdout, b"0\n");
}

#[test]
fn only_stdio_is_inherited() {
    let out = run(&mut sh("ls /proc/self/fd"), None, T).unwrap();
    // 0, 1, 2 and ls's own directory descriptor (3).
    let fds: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(fds, ["0", "1", "2", "3"], "{out:?}");
}

#[test]
fn missing_program_is_named() {
    let e = start(&mut Command::new("./no/such/program"), None, T).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
    assert!(e.to_string().starts_with("./no/such/program: "), "{e}");
}

#[test]
fn time_limit_kills_the_group() {
    let t0 = Instant::now();
    let out = run(
        &mut sh("sleep 60 & echo $!; wait"),
        None,
        Duration::from_millis(500),
    )
    .unwrap();
    assert_eq!(out.status, Status::TimedOut);
    assert!(t0.elapsed() < Duration::from_secs(10), "{:?}", t0.elapsed());
    let child: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let t0 = Instant::now();
    while alive(child) {
        assert!(t0.elapsed() < T, "the group's sleep {child} survived");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn drop_kills_the_group_and_stop_signals_it() {
    // The child writes its pid to a file (its stdout is the group's pipe).
    let dir = std::env::temp_dir().join(format!("testkit-drop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("pid");
    let script = format!("sleep 60 & echo $! > '{}'; wait", f.display());
    let r = start(&mut sh(&script), None, T).unwrap();
    let t0 = Instant::now();
    let child = loop {
        if let Some(p) = std::fs::read_to_string(&f)
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok())
        {
            break p;
        }
        assert!(t0.elapsed() < T);
        std::thread::sleep(Duration::from_millis(5));
    };
    assert!(alive(child));
    drop(r);
    let t0 = Instant::now();
    while alive(child) {
        assert!(t0.elapsed() < T, "sleep {child} survived the drop");
        std::thread::sleep(Duration::from_millis(10));
    }
    // stop: the signal reaches the group; the shell dies of it.
    let r = start(&mut sh("sleep 60 & wait"), None, T).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    let out = r.stop(libc::SIGTERM);
    assert_eq!(out.status, Status::Signaled(libc::SIGTERM), "{out:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn namespace_has_only_loopback_and_it_is_up() {
    let Some(ns) = netns("namespace_has_only_loopback_and_it_is_up") else {
        return;
    };
    let out = run(ns.command("cat").arg("/proc/net/dev"), None, T).unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let names: Vec<&str> = text
        .lines()
        .skip(2)
        .filter_map(|l| l.split(':').next())
        .map(str::trim)
        .collect();
    assert_eq!(names, ["lo"], "{text}");
    // 127.0.0.1 is a local address only once lo is up.
    let out = run(ns.command("cat").arg("/proc/net/fib_trie"), None, T).unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("127.0.0.1"),
        "{out:?}"
    );
    // Unprivileged, the programs are root of the user namespace.
    let out = run(ns.command("id").arg("-u"), None, T).unwrap();
    let uid = rustix::process::getuid().as_raw();
    let want = if ns.kind() == NsKind::User || uid == 0 {
        "0\n"
    } else {
        ""
    };
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    // Two namespaces are two loopbacks: each has its own socket table.
    let other = Netns::new().unwrap();
    let a = run(ns.command("readlink").arg("/proc/self/ns/net"), None, T).unwrap();
    let b = run(other.command("readlink").arg("/proc/self/ns/net"), None, T).unwrap();
    let host = std::fs::read_link("/proc/self/ns/net").unwrap();
    assert_ne!(a.stdout, b.stdout);
    assert_ne!(
        String::from_utf8_lossy(&a.stdout).trim(),
        host.to_string_lossy()
    );
}

#[test]
fn mount_namespace_keeps_the_working_directory_and_its_mounts() {
    let Some(_) = netns("mount_namespace_keeps_the_working_directory_and_its_mounts") else {
        return;
    };
    let ls = || {
        let mut v: Vec<_> = std::fs::read_dir("/sys/class/net")
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let before = ls();
    let ns = Netns::with_mount_namespace().unwrap();
    let dir = std::env::temp_dir();
    let mut cmd = ns.command("sh");
    cmd.args(["-c", "pwd; mount -t sysfs sysfs /sys && ls /sys/class/net"])
        .current_dir(&dir);
    let out = run(&mut cmd, None, T).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{}\nlo\n", dir.canonicalize().unwrap().display()),
        "{out:?}"
    );
    // The host's /sys did not change.
    assert_eq!(ls(), before);
}

#[test]
fn wait_accepting_sees_a_listener_and_gives_up_on_none() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    unp_testkit::wait_accepting(addr, T).unwrap();
    // A port bound but never listening (held for the test) refuses; the
    // wait ends at its limit.
    let sock = rustix::net::socket(
        rustix::net::AddressFamily::INET,
        rustix::net::SocketType::STREAM,
        None,
    )
    .unwrap();
    let lo = std::net::SocketAddrV4::new(std::net::Ipv4Addr::LOCALHOST, 0);
    rustix::net::bind(&sock, &lo).unwrap();
    let bound = rustix::net::getsockname(&sock).unwrap();
    let refused = std::net::SocketAddr::V4(std::net::SocketAddrV4::try_from(bound).unwrap());
    let t0 = Instant::now();
    let e = unp_testkit::wait_accepting(refused, Duration::from_millis(300)).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::TimedOut, "{e}");
    assert!(t0.elapsed() < Duration::from_secs(10));
}
