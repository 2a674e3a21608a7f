//! Links the C archive named by UNP_LIBUNP_A (a path ending in libunp.a), the
//! way a Rust project links any C library.
use std::path::Path;

fn main() {
    let lib = std::env::var("UNP_LIBUNP_A").expect("UNP_LIBUNP_A: the path of libunp.a");
    let lib = Path::new(&lib);
    assert_eq!(lib.file_name().and_then(|n| n.to_str()), Some("libunp.a"));
    let dir = lib.parent().expect("a directory");
    println!("cargo:rerun-if-env-changed=UNP_LIBUNP_A");
    println!("cargo:rerun-if-changed={}", lib.display());
    println!("cargo:rustc-link-search=native={}", dir.display());
    println!("cargo:rustc-link-lib=static=unp");
}
