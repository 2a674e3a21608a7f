//! Compiles cmix.c (C code calling libunp's C API) against the committed
//! headers; its libunp calls are resolved by the unp-sys dependency.

fn main() {
    println!("cargo:rerun-if-changed=cmix.c");
    cc::Build::new()
        .file("cmix.c")
        .include("../../../include")
        .flag("-std=gnu11")
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        .compile("unp_cmix");
}
