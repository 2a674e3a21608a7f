//! libunp.so loaded with dlopen and unloaded with dlclose (`tests/c/dl_unload.c`):
//! a thread that used the library may outlive the unload, and any number of
//! load/unload cycles works (no pthread key or per-thread block is lost per
//! cycle; there are only 1024 keys in a process).
mod common;
use common::T;

fn dl_unload(args: &[&str]) -> common::Ran {
    let exe = common::build_without_lib("dl_unload", &[]);
    let so = common::root().join("build/lib/libunp.so");
    let so = so.to_str().unwrap();
    let mut a = vec![so];
    a.extend_from_slice(args);
    common::run(&exe, &a, b"", T)
}

#[test]
fn thread_exits_after_dlclose() {
    dl_unload(&["1", "threads"]).expect(
        "1 cycles (threads): every result right\nheap growth after the first cycle: under 64 KiB\n",
        "",
        0,
    );
}

#[test]
fn two_thousand_dlopen_dlclose_cycles_main_thread() {
    dl_unload(&["2000", "main"]).expect(
        "2000 cycles (main): every result right\nheap growth after the first cycle: under 64 KiB\n",
        "",
        0,
    );
}

#[test]
fn two_thousand_dlopen_dlclose_cycles_with_threads_outliving_the_unload() {
    dl_unload(&["2000", "threads"]).expect(
        "2000 cycles (threads): every result right\nheap growth after the first cycle: under 64 KiB\n",
        "",
        0,
    );
}
