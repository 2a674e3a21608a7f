//! Build script of the C libraries: the soname (derived from the package
//! version's major number), the C library as a needed library, and the
//! aborting `rust_eh_personality` stub.

fn main() {
    println!("cargo:rerun-if-changed=csrc");
    cc::Build::new()
        .file("csrc/eh_personality.c")
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        .flag("-fvisibility=hidden")
        .compile("unp_capi_c");
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("CARGO_PKG_VERSION_MAJOR");
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libunp.so.{major}");
    // Never unmapped by dlclose (DF_1_NODELETE).  The per-thread buffers
    // (src/tls.rs) live behind a pthread key whose destructor is library
    // code: a thread that used the library and exits after dlclose would
    // call into an unmapped page, and every load/unload cycle would leak a
    // key (1024 per process) and the thread's block.  With the library kept
    // mapped, a second dlopen finds the same copy, key and blocks.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-z,nodelete");
    // libc.so.6, named here rather than left to the `libc` crate: that crate
    // links libc only while its `std` feature is off (with std, std links
    // it), and features are unified over a build, so one crate of the same
    // `cargo build` asking for libc's std gave a libunp_capi.so (no_std:
    // nothing else links libc) without DT_NEEDED libc.so.6.
    println!("cargo:rustc-link-lib=dylib=c");
}
