//! sock_ntop, sock_ntop_host and the sockaddr helpers, from C, static and
//! shared: exact output of `tests/c/addr.c`, and the `err_sys` diagnostics of
//! the wrappers.
mod common;
use common::{build, run, BOTH, T};

const EXPECTED: &str = r#"
v4 port 80: ntop=10.1.2.3:80 host=10.1.2.3
v4 port 0: ntop=10.1.2.3 host=10.1.2.3
v4 max: ntop=255.255.255.255:65535 host=255.255.255.255
v4 any: ntop=0.0.0.0:1 host=0.0.0.0
v4 len 8: ntop=127.0.0.1:9877 host=127.0.0.1
v6 port 443: ntop=[2001:db8::1]:443 host=2001:db8::1
v6 port 0: ntop=2001:db8::1 host=2001:db8::1
v6 max: ntop=[fe80::1]:65535 host=fe80::1
v6 any: ntop=:: host=::
v6 loopback: ntop=[::1]:9877 host=::1
v6 mapped: ntop=[::ffff:192.0.2.1]:53 host=::ffff:192.0.2.1
v6 compat: ntop=[::192.0.2.1]:53 host=::192.0.2.1
v6 ffff:0: ntop=[::ffff:0:c000:201]:53 host=::ffff:0:c000:201
v6 longest run: ntop=[1:0:0:2::3]:1 host=1:0:0:2::3
v6 first of equal runs: ntop=[1::2:0:0:3:4]:1 host=1::2:0:0:3:4
v6 single zero group: ntop=[1:0:2:3:4:5:6:7]:1 host=1:0:2:3:4:5:6:7
v6 full: ntop=[2001:db8:abcd:ef01:2345:6789:abcd:ef01]:8080 host=2001:db8:abcd:ef01:2345:6789:abcd:ef01
v6 scope and flowinfo not shown: ntop=[fe80::1]:22 host=fe80::1
v6 len sizeof(struct sockaddr): ntop=[fe80::1]:22 host=fe80::1
v6 no port: p[-1]=[
unix path: ntop=/tmp/unix.str host=/tmp/unix.str
unix path len 0: ntop=(no pathname bound) host=(no pathname bound)
unix unbound: ntop=(no pathname bound) host=(no pathname bound)
unix abstract: ntop=(no pathname bound) host=(no pathname bound)
unix no NUL: len=108 Y=0
unix no NUL host: len=108 Y=0
family 99: ntop=sock_ntop: unknown AF_xxx: 99, len 16 host=sock_ntop_host: unknown AF_xxx: 99, len 16
AF_UNSPEC: ntop=sock_ntop: unknown AF_xxx: 0, len 0 host=sock_ntop_host: unknown AF_xxx: 0, len 0
AF_PACKET: ntop=sock_ntop: unknown AF_xxx: 17, len 128 host=sock_ntop_host: unknown AF_xxx: 17, len 128
family 65535: ntop=sock_ntop: unknown AF_xxx: 65535, len -1 host=sock_ntop_host: unknown AF_xxx: 65535, len -1
sock_ntop(NULL): (nil) errno=Invalid argument
sock_ntop_host(NULL): (nil) errno=Invalid argument
sock_ntop(v4, 7): (nil) errno=Invalid argument
sock_ntop_host(v6, 15): (nil) errno=Invalid argument
sock_ntop(v6, 16): [::1]:80 errno=Success
cmp_addr v4 equal: 0
cmp_addr v4 differ: -5 5
cmp_addr v6 equal: 0
cmp_addr v6 differ: -1
cmp_addr unix: 0 -2 2
cmp_addr family mismatch: -1
cmp_addr unknown family: -1
cmp_addr NULL: -1
cmp_port v4 equal: 1
cmp_port v4 differ: 0
cmp_port v6: 1 0
cmp_port mismatch: -1 unix: -1
get_port v4: 20480 (htons(80) = 20480)
get_port v6: 47873 (htons(443) = 47873)
get_port unix: -1 NULL: -1
set_port: 10.0.0.1:9999 /tmp/a [2001:db8::1]:8888
set_port truncates: 22136
set_addr: 192.0.2.5:30806 [2001:db8::5]:8888 /tmp/a
set_wild: 0.0.0.0:30806 [::]:8888 /tmp/a
bind_wild v4: port matches=1 nonzero=1 addr=0.0.0.0
bind_wild again: -1 Invalid argument
bind_wild v6: port matches=1 addr=::
bind_wild unix: -1 errno=0
threads: mine=10.9.8.7:99 host=10.9.8.7 theirs=192.0.2.77:7777 distinct=1
random compare with inet_ntop: 0 mismatches
"#;

#[test]
fn every_case_prints_exactly() {
    for link in BOTH {
        let exe = build("addr", link);
        run(&exe, &[], b"", T).expect(&EXPECTED[1..], "", 0);
    }
}

#[test]
fn wrapper_failures_die_with_the_book_message() {
    let cases = [
        ("ntop-null", "sock_ntop error: Invalid argument\n"),
        ("ntop-host-null", "sock_ntop_host error: Invalid argument\n"),
        ("ntop-short", "sock_ntop error: Invalid argument\n"),
        (
            "ntop-host-short",
            "sock_ntop_host error: Invalid argument\n",
        ),
        (
            "bind-wild-badf",
            "sock_bind_wild error: Bad file descriptor\n",
        ),
        // Any other family: -1 with errno untouched (the program set it to 0).
        ("bind-wild-family", "sock_bind_wild error: Success\n"),
    ];
    for link in BOTH {
        let exe = build("addr", link);
        for (arg, msg) in cases {
            run(&exe, &[arg], b"", T).expect("", msg, 1);
        }
    }
}

/// `tests/c/ntop_guard.c`: each socket address object ends where a
/// PROT_NONE page begins, so a read past it is a SIGSEGV.  Nothing is read
/// past `salen` (and the 2-byte family), except that AF_INET6 with `salen`
/// 16 to 23 reads the 24 bytes through `sin6_addr` (documented: the book's
/// `prifinfo` passes `sizeof(struct sockaddr)`).  An unnamed AF_LOCAL peer
/// from accept (addrlen 2) has no path: `(no pathname bound)`, whatever the
/// rest of the caller's buffer holds.
#[test]
fn never_reads_past_salen() {
    let want = "\
accept unnamed: addrlen 2 peer: ntop=(no pathname bound) host=(no pathname bound)
inet, 8 bytes: ntop=10.1.2.3:80 host=10.1.2.3
inet, 7 bytes: ntop=NULL (Invalid argument) host=NULL (Invalid argument)
inet6, 28 bytes: ntop=[2001:db8::1]:443 host=2001:db8::1
inet6, 24 bytes: ntop=[2001:db8::1]:443 host=2001:db8::1
inet6, 24 bytes, salen 16: ntop=[2001:db8::1]:443 host=2001:db8::1
inet6, 15 bytes: ntop=NULL (Invalid argument) host=NULL (Invalid argument)
local, family only: ntop=(no pathname bound) host=(no pathname bound)
local, salen 0: ntop=(no pathname bound) host=(no pathname bound)
local, 16 bytes, no NUL: ntop=abcdefghijklmn host=abcdefghijklmn
local, salen 9: ntop=abcdefg host=abcdefg
local, 108 bytes, no NUL: len=108
local, path and NUL: ntop=/tmp/x.sock host=/tmp/x.sock
local, salen cuts the path: ntop=/tmp/x host=/tmp/x
local, salen 128, no NUL: len=108
";
    for link in BOTH {
        let exe = build("ntop_guard", link);
        run(&exe, &[], b"", T).expect(want, "", 0);
    }
}
