//! read_fd / write_fd / Read_fd / Write_fd (tests/c/fdpass.c) and the book's
//! descriptor-passing pair mycat + openfile, static and shared.
mod common;
use common::{BOTH, T};

fn tmpdir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("unp-fdpass-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn a_passed_descriptor_reads_the_file() {
    let dir = tmpdir("pass");
    let file = dir.join("data");
    let body = "first line\nsecond line\n".repeat(500);
    std::fs::write(&file, &body).unwrap();
    for link in BOTH {
        let exe = common::build("fdpass", link);
        let r = common::run(&exe, &["pass", file.to_str().unwrap()], b"", T);
        let want =
            format!("write_fd: 1\nread_fd: 1 'p', got a descriptor 1\nRead_fd: 1 'q'\n{body}");
        r.expect(&want, "", 0);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_descriptor_end_of_file_and_errors() {
    for link in BOTH {
        let exe = common::build("fdpass", link);
        let run = |m: &str| common::run(&exe, &[m], b"", T);
        run("nofd").expect("read_fd: 1 'y', recvfd -1\n", "", 0);
        // At end of file *recvfd is left alone.
        run("eof").expect("read_fd: 0, recvfd 77\n", "", 0);
        // A control message that is not int-sized (SCM_CREDENTIALS, 28 bytes).
        run("creds").expect("read_fd: 1 'z', recvfd -1\n", "", 0);
        run("badfd").expect(
            "read_fd: -1 Bad file descriptor, recvfd 77\nwrite_fd: -1 Bad file descriptor\n",
            "",
            0,
        );
        run("Read_fd").expect("", "read_fd error: Bad file descriptor\n", 1);
        run("Write_fd").expect("", "write_fd error: Bad file descriptor\n", 1);
    }
}

#[test]
fn foreign_int_sized_control_messages_are_fatal() {
    for link in BOTH {
        let exe = common::build("fdpass", link);
        // IP_TTL on a UDP socket: level IPPROTO_IP.
        common::run(&exe, &["level"], b"", T).expect("", "control level != SOL_SOCKET\n", 1);
        // SCM_PIDFD on a Unix socket: SOL_SOCKET, type 4 (Linux 6.5+).
        common::run(&exe, &["type"], b"", T).expect("", "control type != SCM_RIGHTS\n", 1);
    }
}

#[test]
fn mycat_gets_its_descriptor_from_openfile() {
    let dir = tmpdir("mycat");
    let file = dir.join("cat me");
    let body: String = (0..3000)
        .map(|i| format!("line {i} of the file\n"))
        .collect();
    std::fs::write(&file, &body).unwrap();
    for link in BOTH {
        // openfile must sit next to mycat: build both into the same directory.
        let _ = common::build("openfile", link);
        let mycat = common::build("mycat", link);
        common::run(&mycat, &[file.to_str().unwrap()], b"", T).expect(&body, "", 0);
        let missing = dir.join("missing");
        let m = missing.to_str().unwrap();
        common::run(&mycat, &[m], b"", T).expect(
            "",
            &format!("cannot open {m}: No such file or directory\n"),
            1,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
