//! `unp-headers [OUTDIR]`: generates libunp's four C headers with cbindgen
//! from the Rust sources in `src/` and the per-header configurations in
//! `cbindgen/`, writing them into OUTDIR (default: the committed `include/`).
//!
//! Run by `make headers`, and by the drift test (tests/headers.rs), which
//! generates into a scratch directory and compares with `include/`.  A normal
//! build never compiles this tool or cbindgen.

use std::path::{Path, PathBuf};

/// Which Rust sources feed which header (the headers themselves are the
/// configurations in `cbindgen/`).  Every other file under `src/` (except the
/// crate root and the internal helpers) feeds `unp.h`.
const SPECIAL: &[(&str, &str)] = &[
    ("unpthread.h", "src/wrappthread.rs"),
    ("unpifi.h", "src/get_ifi_info.rs"),
    ("unprtt.h", "src/rtt.rs"),
];
/// Not in any generated header: the crate root, the internal helpers, and
/// the Solaris-threads compatibility functions, declared only by the
/// hand-written book/include/thread.h (installed under share/unp/include).
const INTERNAL: &[&str] = &[
    "src/lib.rs",
    "src/ffi.rs",
    "src/sym.rs",
    "src/tls.rs",
    "src/thr_compat.rs",
];

fn main() {
    // The repository root: two levels above this tool's manifest.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("include"));
    std::env::set_current_dir(&root).expect("cd to the repository root");
    std::fs::create_dir_all(&out).expect("create the output directory");

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

    // The header list is defined once: one cbindgen/<header>.toml per header.
    let mut stems: Vec<String> = std::fs::read_dir("cbindgen")
        .expect("cbindgen/")
        .map(|e| e.expect("cbindgen entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.file_stem().expect("stem").to_string_lossy().into_owned())
        .collect();
    stems.sort();
    for stem in stems {
        let header = format!("{stem}.h");
        let srcs = match SPECIAL.iter().find(|(h, _)| *h == header) {
            Some((_, f)) => vec![PathBuf::from(f)],
            None if header == "unp.h" => rest.clone(),
            None => panic!("cbindgen/{stem}.toml: no source files are assigned to {header}"),
        };
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
    }
}

/// Writes `text` to `path` unless the file already holds exactly that (as
/// cbindgen's own `write_to_file` does, to keep timestamps stable).
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}
