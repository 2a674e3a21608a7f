//! get_ifi_info / Get_ifi_info / free_ifi_info (unpifi.h), through the C
//! program tests/c/prifinfo.c, compared with what the kernel reports
//! (`ip -o addr`, /sys/class/net/*) — on the host's loopback, and inside a
//! network namespace of our own with veth and tun interfaces that carry
//! several IPv4 and IPv6 addresses, one of them down.

mod common;

use common::{Link, BOTH, T};
use std::collections::HashMap;
use std::process::Command;

/// What /sys/class/net/NAME says.
#[derive(Clone, Debug)]
struct SysIf {
    index: i32,
    mtu: i64,
    flags: u32,
    addr_len: usize,
    address: String,
}

/// One line of `ip -o addr`.
#[derive(Clone, Debug)]
struct IpAddr {
    name: String,
    v6: bool,
    addr: String,
    brd: Option<String>,
    peer: Option<String>,
}

fn parse_ip_addr(text: &str) -> Vec<IpAddr> {
    let mut v = Vec::new();
    for line in text.lines() {
        let line = line.split('\\').next().unwrap_or("");
        let t: Vec<&str> = line.split_whitespace().collect();
        if t.len() < 4 || (t[2] != "inet" && t[2] != "inet6") {
            continue;
        }
        let after = |key: &str| {
            t.iter()
                .position(|x| *x == key)
                .and_then(|i| t.get(i + 1))
                .map(|s| s.split('/').next().unwrap().to_string())
        };
        v.push(IpAddr {
            name: t[1].split('@').next().unwrap().to_string(),
            v6: t[2] == "inet6",
            addr: t[3].split('/').next().unwrap().to_string(),
            brd: after("brd"),
            peer: after("peer"),
        });
    }
    v
}

/// Lines "NAME IFINDEX MTU FLAGS ADDR_LEN [ADDRESS]".
fn parse_sys(text: &str) -> Vec<(String, SysIf)> {
    let mut v = Vec::new();
    for line in text.lines() {
        let t: Vec<&str> = line.split_whitespace().collect();
        if t.len() < 5 {
            continue;
        }
        v.push((
            t[0].to_string(),
            SysIf {
                index: t[1].parse().unwrap(),
                mtu: t[2].parse().unwrap(),
                flags: u32::from_str_radix(t[3].trim_start_matches("0x"), 16).unwrap(),
                addr_len: t[4].parse().unwrap(),
                address: t.get(5).unwrap_or(&"").to_string(),
            },
        ));
    }
    v.sort_by_key(|(_, s)| s.index);
    v
}

/// IFF_RUNNING is not in /sys/class/net/*/flags (it is derived from the
/// carrier, which changes asynchronously): compare without it.
const IFF_RUNNING: u32 = 0x40;

/// The lines prifinfo must print for a family filter and doaliases, derived
/// from the kernel's own reports.  Kernel interface order (ifindex), IPv4
/// before IPv6 within an interface, addresses in `ip -o addr` order, the
/// first of each family primary.
fn expected(
    sys: &[(String, SysIf)],
    addrs: &[IpAddr],
    v4: bool,
    v6: bool,
    aliases: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for (name, s) in sys {
        if s.flags & 1 == 0 {
            continue; // down
        }
        for fam6 in [false, true] {
            if (fam6 && !v6) || (!fam6 && !v4) {
                continue;
            }
            let mut first = true;
            for a in addrs.iter().filter(|a| &a.name == name && a.v6 == fam6) {
                let alias = !first;
                first = false;
                if alias && !aliases {
                    continue;
                }
                let brd = if s.flags & 0x2 != 0 {
                    a.brd.clone()
                } else {
                    None
                };
                let dst = if s.flags & 0x10 != 0 {
                    a.peer.clone()
                } else {
                    None
                };
                out.push(format!(
                    "{name} idx={} mtu={} flags=0x{:04x} alias={} hlen={} haddr={} addr={} brd={} dst={}",
                    s.index as i16,
                    s.mtu as i16,
                    s.flags & 0xffff & !IFF_RUNNING,
                    alias as i32,
                    s.addr_len.min(8),
                    if s.addr_len == 0 { "-".to_string() } else { s.address.clone() },
                    a.addr,
                    brd.as_deref().unwrap_or("-"),
                    dst.as_deref().unwrap_or("-"),
                ));
            }
        }
    }
    out
}

/// prifinfo's lines with IFF_RUNNING masked out of flags=.
fn normalise(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            l.split(' ')
                .map(|w| match w.strip_prefix("flags=0x") {
                    Some(h) => format!(
                        "flags=0x{:04x}",
                        u32::from_str_radix(h, 16).unwrap() & !IFF_RUNNING
                    ),
                    None => w.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn sections(text: &str) -> HashMap<String, String> {
    let mut m = HashMap::new();
    let mut cur = String::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            cur = h.to_string();
            m.insert(cur.clone(), String::new());
        } else if let Some(s) = m.get_mut(&cur) {
            s.push_str(line);
            s.push('\n');
        }
    }
    m
}

const MODES: [(&str, bool, bool, bool); 6] = [
    ("inet4 0", true, false, false),
    ("inet4 1", true, false, true),
    ("inet6 0", false, true, false),
    ("inet6 1", false, true, true),
    ("unspec 0", true, true, false),
    ("unspec 1", true, true, true),
];

const NS_SCRIPT: &str = r###"
set -e
mount -t sysfs sysfs /sys
ip link set lo up
ip link add v0 type veth peer name v1
ip link add v2 type veth peer name v3
ip tuntap add dev tun0 mode tun
for d in v0 v1 v2 v3; do ip link set $d addrgenmode none; done
ip link set v0 mtu 9000
ip link set v1 mtu 40000
ip addr add 10.1.0.1/24 brd + dev v0
ip addr add 10.1.0.2/24 brd + dev v0 label v0:1
ip addr add 10.2.0.1/16 dev v0
ip -6 addr add 2001:db8::1/64 dev v0 nodad
ip -6 addr add 2001:db8:1::1/64 dev v0 nodad
ip addr add 10.3.0.1/24 brd + dev v1
ip addr add 10.4.0.1/24 brd + dev v2
ip -6 addr add 2001:db8:4::1/64 dev v2 nodad
ip addr add 10.9.0.1 peer 10.9.0.2 dev tun0
ip -6 addr add 2001:db8:9::1 peer 2001:db8:9::2 dev tun0 nodad
ip link set v0 up
ip link set v1 up
ip link set tun0 up
echo '## addr'; ip -o addr show
echo '## sys'
for d in /sys/class/net/*; do
	echo "${d##*/} $(cat $d/ifindex) $(cat $d/mtu) $(cat $d/flags) $(cat $d/addr_len) $(cat $d/address)"
done
for mode in "inet4 0" "inet4 1" "inet6 0" "inet6 1" "unspec 0" "unspec 1"; do
	echo "## $mode"; "$PROG" $mode
done
echo '## book'; "$PROG" inet4 1 book
echo '## loop'; "$PROG" unspec 1 loop 50
echo '## valgrind'
if command -v valgrind >/dev/null 2>&1; then
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		"$PROG" unspec 1 loop 2 >/dev/null 2>"$VGLOG" && echo ok || { echo "failed: $?"; cat "$VGLOG"; }
else
	echo ok
fi
"###;

/// A private network and mount namespace (as root, or through a user
/// namespace), with `ip` and the tun device usable in it; or why not.
fn namespace() -> Result<common::Netns, String> {
    let ok = |c: &mut Command| c.output().map(|o| o.status.success()).unwrap_or(false);
    if !ok(Command::new("ip").arg("-V")) {
        return Err("the `ip` command (iproute2) is not installed".into());
    }
    let ns = common::Netns::with_mount_namespace().map_err(|e| e.to_string())?;
    // In a user namespace the programs are its root but the caller outside:
    // /dev/net/tun must be open to the caller (0666 on most systems).
    if ns.kind() == unp_testkit::NsKind::User {
        if let Err(e) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/net/tun")
        {
            return Err(format!(
                "/dev/net/tun cannot be opened by this user ({e}), and the test needs a tun device"
            ));
        }
    }
    Ok(ns)
}

#[test]
fn namespace_matches_kernel() {
    for link in BOTH {
        // A fresh namespace per link: the script creates its interfaces.
        let ns = match namespace() {
            Ok(ns) => ns,
            Err(why) => return common::skip("namespace_matches_kernel", &why),
        };
        let exe = common::build("prifinfo", link);
        let out = unp_testkit::run(
            ns.command("sh")
                .args(["-c", NS_SCRIPT])
                .env("PROG", &exe)
                .env("VGLOG", exe.with_extension("vglog")),
            None,
            common::T * 6,
        )
        .expect("run sh in the namespace");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status == common::Status::Exited(0),
            "namespace script failed ({link:?}, {}):\n{stdout}\n{stderr}",
            out.status
        );
        let s = sections(&stdout);
        let addrs = parse_ip_addr(&s["addr"]);
        let sys = parse_sys(&s["sys"]);
        let names: Vec<&str> = sys.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["lo", "v1", "v0", "v3", "v2", "tun0"],
            "interfaces: {sys:?}"
        );
        for (mode, v4, v6, al) in MODES {
            let want = expected(&sys, &addrs, v4, v6, al);
            let got = normalise(&s[mode]);
            assert_eq!(
                got, want,
                "prifinfo {mode} ({link:?})\nip -o addr:\n{}",
                s["addr"]
            );
            assert!(
                !s[mode].contains("v2 ") && !s[mode].contains("v3 "),
                "a down interface was listed"
            );
        }
        // Spot checks of what the derivation above must have produced.
        let all = &s["unspec 1"];
        assert!(
            all.contains(" mtu=0 "),
            "loopback's 65536 MTU truncates to 0 in a short:\n{all}"
        );
        assert!(
            all.contains("v1 ") && all.contains(" mtu=-25536 "),
            "MTU 40000 wraps:\n{all}"
        );
        assert!(all.contains("addr=10.1.0.2 brd=10.1.0.255 dst=-"), "{all}");
        assert!(all.contains("alias=1 hlen=6"), "{all}");
        assert!(
            all.contains("hlen=0 haddr=- addr=10.9.0.1 brd=- dst=10.9.0.2"),
            "{all}"
        );
        assert!(
            all.contains("addr=2001:db8:9::1 brd=- dst=2001:db8:9::2"),
            "{all}"
        );
        // The book's own output format.
        let (_, v0) = sys.iter().find(|(n, _)| n == "v0").unwrap();
        let mac: Vec<String> = v0
            .address
            .split(':')
            .map(|b| format!("{:x}", u8::from_str_radix(b, 16).unwrap()))
            .collect();
        // (The kernel lists 10.1.0.2, a secondary in 10.1.0.1's subnet, after 10.2.0.1.)
        let mac = mac.join(":");
        let book_v0 = format!(
            "v0: ({i}) <UP BCAST MCAST >\n  {mac}\n  MTU: 9000\n  IP addr: 10.1.0.1\n  broadcast addr: 10.1.0.255\n\
             v0: ({i}) <UP BCAST MCAST >\n  {mac}\n  MTU: 9000\n  IP addr: 10.2.0.1\n\
             v0: ({i}) <UP BCAST MCAST >\n  {mac}\n  MTU: 9000\n  IP addr: 10.1.0.2\n  broadcast addr: 10.1.0.255\n",
            i = v0.index
        );
        assert!(
            s["book"].contains(&book_v0),
            "book format:\n{}\nwanted:\n{book_v0}",
            s["book"]
        );
        assert!(
            s["book"].starts_with("lo: (1) <UP LOOP >\n  0:0:0:0:0:0\n  IP addr: 127.0.0.1\n"),
            "{}",
            s["book"]
        );
        // Every node (broadcast and P2P destination addresses included) is
        // freed by free_ifi_info (when valgrind is installed).
        assert_eq!(
            s["valgrind"], "ok\n",
            "valgrind in the namespace ({link:?})"
        );
        let n = expected(&sys, &addrs, true, true, true).len();
        assert_eq!(
            s["loop"],
            format!("nodes={n} fds=same\n"),
            "descriptor leak or count mismatch"
        );
    }
}

/// The host's loopback: index, flags, MTU (65536 → 0), 127.0.0.1 and ::1.
#[test]
fn host_loopback() {
    let sys = |f: &str| {
        std::fs::read_to_string(format!("/sys/class/net/lo/{f}")).map(|s| s.trim().to_string())
    };
    let (Ok(index), Ok(mtu), Ok(flags)) = (sys("ifindex"), sys("mtu"), sys("flags")) else {
        common::skip("host_loopback", "/sys/class/net/lo is not readable");
        return;
    };
    let flags = u32::from_str_radix(flags.trim_start_matches("0x"), 16).unwrap();
    assert!(flags & 1 != 0, "loopback is down on this host");
    let prefix = format!(
        "lo idx={index} mtu={} flags=0x{:04x} alias=0 hlen=6 haddr=00:00:00:00:00:00",
        mtu.parse::<i64>().unwrap() as i16,
        flags & 0xffff & !IFF_RUNNING
    );
    let has_v6 = std::fs::read_to_string("/proc/net/if_inet6")
        .unwrap_or_default()
        .lines()
        .any(|l| l.starts_with("00000000000000000000000000000001 "));
    for link in BOTH {
        let exe = common::build("prifinfo", link);
        let r = common::run(&exe, &["inet4", "0"], b"", T);
        assert_eq!(r.code, Some(0), "{r:?}");
        let lines = normalise(&r.stdout);
        let want = format!("{prefix} addr=127.0.0.1 brd=- dst=-");
        assert!(
            lines.contains(&want),
            "{link:?}: no `{want}` in\n{}",
            r.stdout
        );
        if has_v6 {
            let r = common::run(&exe, &["inet6", "1"], b"", T);
            let want = format!("{prefix} addr=::1 brd=- dst=-");
            assert!(
                normalise(&r.stdout).contains(&want),
                "{link:?}: no `{want}` in\n{}",
                r.stdout
            );
        }
        // Every interface listed is up according to the kernel.
        let r = common::run(&exe, &["unspec", "1"], b"", T);
        // Not vacuous: the run succeeded and listed at least the loopback.
        assert_eq!(r.code, Some(0), "{r:?}");
        assert!(
            r.stdout.lines().any(|l| l.starts_with("lo ")),
            "{link:?}: lo not listed by unspec 1:\n{}",
            r.stdout
        );
        for l in r.stdout.lines() {
            let name = l.split(' ').next().unwrap();
            let f =
                std::fs::read_to_string(format!("/sys/class/net/{name}/flags")).unwrap_or_default();
            let f = u32::from_str_radix(f.trim().trim_start_matches("0x"), 16).unwrap_or(0);
            assert!(f & 1 != 0, "{name} is listed but not up");
        }
        let r = common::run(&exe, &["unspec", "1", "loop", "20"], b"", T);
        assert!(r.stdout.ends_with(" fds=same\n"), "{r:?}");
    }
}

/// A family get_ifi_info does not handle: NULL, so Get_ifi_info dies with
/// the book's message.
#[test]
fn other_family_dies() {
    for link in BOTH {
        let exe = common::build("prifinfo", link);
        common::run(&exe, &["17", "1"], b"", T).expect("", "get_ifi_info error\n", 1);
    }
}

/// valgrind: free_ifi_info releases every block get_ifi_info allocated.
#[test]
fn valgrind_no_leaks() {
    if Command::new("valgrind").arg("--version").output().is_err() {
        common::skip("valgrind_no_leaks", "valgrind is not installed");
        return;
    }
    let exe = common::build("prifinfo", Link::Shared);
    for args in [
        &["unspec", "1", "loop", "3"][..],
        &["unspec", "1"][..],
        &["inet4", "1", "book"][..],
    ] {
        let out = Command::new("valgrind")
            .args([
                "-q",
                "--leak-check=full",
                "--show-leak-kinds=definite,indirect,possible",
                "--errors-for-leak-kinds=definite,indirect,possible",
                "--error-exitcode=99",
            ])
            .arg(&exe)
            .args(args)
            .output()
            .expect("run valgrind");
        assert_eq!(
            out.status.code(),
            Some(0),
            "valgrind {args:?}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
