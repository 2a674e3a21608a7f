//! Build script: compiles the small C front end (the variadic `err_*`
//! functions, which stable Rust cannot define) and generates the four C
//! headers with cbindgen.
//!
//! The headers are generated into `$OUT_DIR/include`.  The committed copies in
//! `include/` are refreshed with `make headers` (which sets
//! `UNP_WRITE_HEADERS=1`); `tests/headers.rs` fails when they drift.

use std::path::{Path, PathBuf};

/// Which Rust sources feed which header.  Every other file under `src/`
/// (except the crate root and the internal helpers) feeds `unp.h`.
const SPECIAL: &[(&str, &str)] = &[
    ("unpthread.h", "src/wrappthread.rs"),
    ("unpifi.h", "src/get_ifi_info.rs"),
    ("unprtt.h", "src/rtt.rs"),
];
const INTERNAL: &[&str] = &["src/lib.rs", "src/ffi.rs", "src/sym.rs", "src/tls.rs"];

fn main() {
    println!("cargo:rerun-if-changed=csrc");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen");
    println!("cargo:rerun-if-env-changed=UNP_WRITE_HEADERS");

    let mut c_files: Vec<PathBuf> = std::fs::read_dir("csrc")
        .expect("csrc/")
        .map(|e| e.expect("csrc entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "c"))
        .collect();
    c_files.sort();
    cc::Build::new()
        .files(&c_files)
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        .flag("-fvisibility=hidden")
        .compile("unp_c");

    // The shared library's soname; `make` installs the versioned file and links.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libunp.so.0");
    // Never unmapped by dlclose (DF_1_NODELETE).  The per-thread buffers
    // (src/tls.rs) live behind a pthread key whose destructor is library
    // code: a thread that used the library and exits after dlclose would
    // call into an unmapped page, and every load/unload cycle would leak a
    // key (1024 per process) and the thread's block.  With the library kept
    // mapped, a second dlopen finds the same copy, key and blocks.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-z,nodelete");

    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("include");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/include");
    let write_committed = std::env::var_os("UNP_WRITE_HEADERS").is_some_and(|v| v == "1");

    let mut rest: Vec<PathBuf> = std::fs::read_dir("src")
        .expect("src/")
        .map(|e| e.expect("src entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter(|p| {
            let s = p.to_string_lossy();
            !INTERNAL.iter().any(|i| s == *i) && !SPECIAL.iter().any(|(_, f)| s == *f)
        })
        .collect();
    rest.sort();

    let mut jobs: Vec<(&str, Vec<PathBuf>)> = vec![("unp.h", rest)];
    for (h, f) in SPECIAL {
        if Path::new(f).exists() {
            jobs.push((h, vec![PathBuf::from(f)]));
        }
    }
    for (header, srcs) in jobs {
        let stem = header.trim_end_matches(".h");
        let config = cbindgen::Config::from_file(format!("cbindgen/{stem}.toml"))
            .unwrap_or_else(|e| panic!("cbindgen/{stem}.toml: {e}"));
        let mut b = cbindgen::Builder::new().with_config(config);
        for s in &srcs {
            b = b.with_src(s);
        }
        let bindings = b
            .generate()
            .unwrap_or_else(|e| panic!("cbindgen failed for {header}: {e}"));
        // cbindgen prints a renamed pointer type as `Sigfunc * f`; C style
        // (and the book's header) is `Sigfunc *f`.
        let mut text = Vec::new();
        bindings.write(&mut text);
        let text = String::from_utf8(text)
            .expect("UTF-8 header")
            .replace("Sigfunc * ", "Sigfunc *");
        write_if_changed(&out.join(header), &text);
        if write_committed {
            write_if_changed(&Path::new("include").join(header), &text);
        }
    }
}

/// Writes `text` to `path` unless the file already holds exactly that (as
/// cbindgen's own `write_to_file` does, to keep timestamps stable).
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}
