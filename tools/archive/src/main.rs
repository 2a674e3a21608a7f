//! unp-archive: turns cargo's static library (`libunp_capi.a`) into the C
//! archive `libunp.a`.
//!
//! usage: unp-archive STATICLIB SHARED_LIB OUTPUT
//!
//! The C names are what SHARED_LIB (`libunp_capi.so`, built by the same
//! cargo run) exports.  The tools are `$NM`, `$LD`, `$OBJCOPY`, `$AR`
//! (default `nm`, `ld`, `objcopy`, `ar`).  Each step runs once:
//!
//! 1. **Bitcode out** (one `objcopy` over the archive).  The precompiled
//!    core/compiler_builtins members carry LLVM bitcode (`.llvmbc`), which is
//!    only for LTO; binutils' LLVM plugin, when installed, claims such members
//!    and hides their ELF symbols from the archive index.
//! 2. **One member per function** (one `ld -r --gc-sections -u ROOT` per
//!    root; GNU ld: its `--print-gc-sections` log is read).  rustc makes one object per module (codegen unit), so a program
//!    calling `Socket` would carry every socket wrapper.  But every function
//!    and static sits in a section of its own (`-ffunction-sections`), so the
//!    linker can cut a member down to the sections one root reaches.  The
//!    roots of a member are the C names it defines and the symbols other
//!    members use (for core: the few functions the library calls, instead
//!    of all of core).  Members nobody uses are dropped.  Two roots whose
//!    parts share writable data (a static, a TLS slot) stay in one member,
//!    so that no state is ever duplicated; read-only parts two roots share
//!    (a string table, a helper, core's panic path) are copied into both.
//! 3. **Symbol hygiene and weak definitions** (one `objcopy` per member).
//!    Every global that is not a C name (Rust's mangled internals, core's and
//!    compiler_builtins' functions, the C front end's `unp_c_*`) is renamed
//!    with the prefix `__unp_`, definitions and references alike, so that
//!    libunp.a links next to another Rust library (a Rust program, another
//!    Rust staticlib) without duplicate symbols.  An internal that a member
//!    holds only as a copy (not one of its roots) becomes local to it.
//!    Every remaining definition is made weak: a program's own `str_cli`,
//!    `err_sys`, `writen`, ... wins without a "multiple definition" error
//!    (the book's programs rely on it), and a C name copied into two members
//!    (`Connect_timeo` calls `connect_timeo` directly) is no conflict.
//!    References stay strong: the linker pulls a member in for a strong
//!    undefined reference only.  Unused undefined symbols, which `ld -r`
//!    keeps, are dropped (`--strip-unneeded`).
//! 4. **The archive** (one `ar qcs`), then a check: every global it defines
//!    is a C name or `__unp_`-prefixed.
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The prefix given to every global that is not a C name.
pub const PREFIX: &str = "__unp_";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: unp-archive STATICLIB SHARED_LIB OUTPUT");
        return ExitCode::from(2);
    }
    match build(
        Path::new(&args[1]),
        Path::new(&args[2]),
        Path::new(&args[3]),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("unp-archive: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Tools {
    nm: String,
    ld: String,
    objcopy: String,
    ar: String,
}

impl Tools {
    fn from_env() -> Tools {
        let get = |var: &str, default: &str| env::var(var).unwrap_or_else(|_| default.to_string());
        Tools {
            nm: get("NM", "nm"),
            ld: get("LD", "ld"),
            objcopy: get("OBJCOPY", "objcopy"),
            ar: get("AR", "ar"),
        }
    }
}

/// Runs `cmd`; its stdout, or an error with its stderr.
fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn build(staticlib: &Path, shared: &Path, output: &Path) -> Result<(), String> {
    let tools = Tools::from_env();
    let out_dir = output.parent().filter(|p| !p.as_os_str().is_empty());
    let out_dir = out_dir.unwrap_or(Path::new("."));
    let work = TempDir(out_dir.join(format!(".unp-archive.{}", std::process::id())));
    let _ = fs::remove_dir_all(&work.0);
    let input_dir = work.0.join("in");
    let member_dir = work.0.join("out");
    for d in [&input_dir, &member_dir] {
        fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }

    // The C names: what the shared library exports.
    let exports = run(Command::new(&tools.nm)
        .args(["-D", "--defined-only"])
        .arg(shared))?;
    let c_names: BTreeSet<String> = parse_nm(&exports, false)
        .into_iter()
        .filter(|s| s.kind != 'U')
        .map(|s| s.name)
        .collect();
    if c_names.is_empty() {
        return Err(format!("{} exports nothing", shared.display()));
    }

    // 1. Bitcode out, then the members.
    let stripped = work.0.join("in.a");
    run(Command::new(&tools.objcopy)
        .args(["--remove-section=.llvmbc", "--remove-section=.llvmcmd"])
        .arg(staticlib)
        .arg(&stripped))?;
    let names = run(Command::new(&tools.ar).arg("t").arg(&stripped))?;
    let members: Vec<String> = names.lines().map(str::to_string).collect();
    let unique: BTreeSet<&String> = members.iter().collect();
    if unique.len() != members.len() {
        return Err("two archive members share a name; `ar x` would lose one".into());
    }
    run(Command::new(&tools.ar)
        .arg("x")
        .arg(fs::canonicalize(&stripped).map_err(|e| e.to_string())?)
        .current_dir(&input_dir))?;

    // Who defines and who uses what.
    let listing = run(Command::new(&tools.nm)
        .args(["-A", "-g"])
        .args(members.iter().map(|m| input_dir.join(m))))?;
    let syms = parse_nm(&listing, true);
    let mut defined: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut used_by: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for s in &syms {
        let file = s.file.as_deref().unwrap_or_default();
        if s.kind == 'U' {
            used_by.entry(&s.name).or_default().insert(file);
        } else {
            defined.entry(file).or_default().push(&s.name);
        }
    }

    // 2. One member per root (or per group of roots sharing state).
    let mut jobs: Vec<(PathBuf, Vec<&str>)> = Vec::new();
    for m in &members {
        let path = input_dir.join(m);
        let file = path.to_string_lossy().into_owned();
        let roots: Vec<&str> = defined
            .get(file.as_str())
            .map(|d| {
                d.iter()
                    .copied()
                    .filter(|n| {
                        c_names.contains(*n)
                            || used_by.get(n).is_some_and(|u| u.iter().any(|f| *f != file))
                    })
                    .collect()
            })
            .unwrap_or_default();
        // A member nothing outside calls into is dead: dropped.
        if !roots.is_empty() {
            jobs.push((path, roots));
        }
    }
    let parts = parallel(&jobs, |i, (path, roots)| {
        split(&tools, path, roots, &member_dir.join(format!("{i:03}")))
    })?;
    // Each member with its own roots.  An internal global it defines that is
    // not one of them is a copy that came along with the code using it (a
    // string constant, a helper, core's panic path): it becomes local to the
    // member, so that the archive index lists each internal in its own
    // member only.
    let mut outputs: Vec<PathBuf> = Vec::new();
    let mut own_roots: HashMap<PathBuf, Vec<&str>> = HashMap::new();
    for (out, own) in parts.into_iter().flatten() {
        own_roots.insert(out.clone(), own);
        outputs.push(out);
    }

    // 3. Rename the internals, weaken every definition, localize copies.
    let listing = run(Command::new(&tools.nm)
        .args(["-A", "-g", "--defined-only"])
        .args(&outputs))?;
    let mut defs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in parse_nm(&listing, true) {
        defs.entry(s.file.unwrap_or_default())
            .or_default()
            .insert(s.name);
    }
    let internal: BTreeSet<&String> = defs
        .values()
        .flatten()
        .filter(|n| !c_names.contains(*n))
        .collect();
    let map_file = work.0.join("rename");
    let map: String = internal
        .iter()
        .map(|n| format!("{n} {}\n", renamed(n)))
        .collect();
    fs::write(&map_file, map).map_err(|e| e.to_string())?;
    parallel(&outputs, |_, out| {
        let mut cmd = Command::new(&tools.objcopy);
        // --strip-unneeded: `ld -r` keeps every undefined symbol of the
        // original member, used or not; an unused one would still pull
        // members (and libc functions) into a program.
        cmd.arg("--strip-unneeded");
        cmd.arg(format!("--redefine-syms={}", map_file.display()));
        for n in defs
            .get(out.to_string_lossy().as_ref())
            .into_iter()
            .flatten()
        {
            if c_names.contains(n) {
                cmd.arg(format!("--weaken-symbol={n}"));
            } else if own_roots.get(out).is_some_and(|o| o.contains(&n.as_str())) {
                cmd.arg(format!("--weaken-symbol={}", renamed(n)));
            } else {
                cmd.arg(format!("--localize-symbol={}", renamed(n)));
            }
        }
        run(cmd.arg(out)).map(drop)
    })?;

    // 4. The archive, and its check.
    let tmp = output.with_extension("a.tmp");
    let _ = fs::remove_file(&tmp);
    run(Command::new(&tools.ar).arg("qcs").arg(&tmp).args(&outputs))?;
    let listing = run(Command::new(&tools.nm)
        .args(["-g", "--defined-only"])
        .arg(&tmp))?;
    let stray: Vec<String> = parse_nm(&listing, false)
        .into_iter()
        .map(|s| s.name)
        .filter(|n| !c_names.contains(n) && !n.starts_with(PREFIX))
        .collect();
    if !stray.is_empty() {
        return Err(format!("globals left unrenamed: {stray:?}"));
    }
    fs::rename(&tmp, output).map_err(|e| format!("{}: {e}", output.display()))?;
    eprintln!(
        "unp-archive: {} members from {} ({} C names, {} internals renamed)",
        outputs.len(),
        members.len(),
        c_names.len(),
        internal.len()
    );
    Ok(())
}

/// Cuts the object `path` into members, one per root or group of roots
/// whose parts share state; writes them as `STEM-NNN-ROOT.o`.  Returns each
/// member with its roots.
fn split<'a>(
    tools: &Tools,
    path: &Path,
    roots: &[&'a str],
    stem: &Path,
) -> Result<Vec<(PathBuf, Vec<&'a str>)>, String> {
    let file = path.display();
    let data = fs::read(path).map_err(|e| format!("{file}: {e}"))?;
    let sections = elf_sections(&data).map_err(|e| format!("{file}: {e}"))?;
    let state: Vec<&str> = sections
        .iter()
        .filter(|s| s.is_state())
        .map(|s| s.name.as_str())
        .collect();
    let state_names: BTreeSet<&str> = state.iter().copied().collect();
    let name = |g: usize, root: &str| {
        PathBuf::from(format!("{}-{}", stem.display(), member_name(g, root)))
    };
    // The linker keeps constructor tables in every cut: they would run twice.
    let ctors = sections.iter().any(|s| s.is_ctor_table());
    if roots.len() == 1 || state_names.len() != state.len() || ctors {
        // One root, state sections that their names cannot tell apart, or
        // constructors: one member.
        let out = name(0, roots[0]);
        gc_link(tools, path, roots, &out)?;
        return Ok(vec![(out, roots.to_vec())]);
    }
    // Cut per root, noting which state each cut keeps.
    let mut cuts = Vec::new();
    let mut kept = Vec::new();
    for (i, r) in roots.iter().enumerate() {
        let out = name(i, r);
        let removed = parse_gc_log(&gc_link(tools, path, &[r], &out)?);
        kept.push(
            state_names
                .iter()
                .filter(|s| !removed.contains(**s))
                .copied()
                .collect::<BTreeSet<&str>>(),
        );
        cuts.push(out);
    }
    let groups = group_roots(roots, &kept);
    let mut outputs = Vec::new();
    for group in groups {
        let first = roots.iter().position(|r| *r == group[0]).unwrap_or(0);
        if group.len() > 1 {
            // The roots share state: one member for all of them.
            gc_link(tools, path, &group, &cuts[first])?;
            for r in &group[1..] {
                if let Some(i) = roots.iter().position(|x| x == r) {
                    fs::remove_file(&cuts[i]).map_err(|e| e.to_string())?;
                }
            }
        }
        outputs.push((cuts[first].clone(), group));
    }
    Ok(outputs)
}

/// `f(index, item)` for every item, on as many threads as there are CPUs;
/// the results in order, or the first error.
fn parallel<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(usize, &T) -> Result<R, String> + Sync,
) -> Result<Vec<R>, String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<R, String>>>> =
        Mutex::new((0..items.len()).map(|_| None).collect());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(items.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(i, item);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("a worker thread died".into())))
        .collect()
}

/// `ld -r --gc-sections` of `input` keeping what `roots` reach; returns the
/// linker's list of removed sections (stderr).
fn gc_link(tools: &Tools, input: &Path, roots: &[&str], out: &Path) -> Result<String, String> {
    let mut cmd = Command::new(&tools.ld);
    cmd.args(["-r", "--gc-sections", "--print-gc-sections"]);
    for r in roots {
        cmd.arg("-u").arg(r);
    }
    cmd.arg("-o").arg(out).arg(input);
    let res = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    let log = String::from_utf8_lossy(&res.stderr).into_owned();
    if !res.status.success() {
        return Err(format!("{cmd:?} failed:\n{log}"));
    }
    Ok(log)
}

/// The new name of an internal symbol.
pub fn renamed(name: &str) -> String {
    format!("{PREFIX}{name}")
}

/// An archive member's file name: its position and (a readable part of) its
/// first root.
pub fn member_name(index: usize, root: &str) -> String {
    let readable: String = root
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(40)
        .collect();
    format!("{index:03}-{readable}.o")
}

/// One line of `nm` output.
#[derive(Debug, PartialEq)]
pub struct Sym {
    pub file: Option<String>,
    pub kind: char,
    pub name: String,
}

/// Parses `nm` (with `-A` when `with_file`): `[FILE:]VALUE KIND NAME` or
/// `[FILE:] U NAME`.  Other lines (file headers, blanks) are skipped.
pub fn parse_nm(text: &str, with_file: bool) -> Vec<Sym> {
    let mut out = Vec::new();
    for line in text.lines() {
        let (file, rest) = if with_file {
            match line.split_once(':') {
                Some((f, r)) => (Some(f.to_string()), r),
                None => continue,
            }
        } else {
            (None, line)
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let (kind, name) = match fields.as_slice() {
            [_, k, n] | [k, n] if k.len() == 1 => (k.chars().next().unwrap_or('?'), *n),
            _ => continue,
        };
        out.push(Sym {
            file,
            kind,
            name: name.to_string(),
        });
    }
    out
}

/// The section names in ld's `--print-gc-sections` log.
pub fn parse_gc_log(log: &str) -> BTreeSet<String> {
    log.lines()
        .filter_map(|l| l.split_once("removing unused section '"))
        .filter_map(|(_, r)| r.split_once('\''))
        .map(|(name, _)| name.to_string())
        .collect()
}

/// Groups `roots` so that two roots whose parts share a state section
/// (`kept[i]` is what root `i` keeps) are in the same group.  Groups keep the
/// order of their first root; each group lists its roots in order.
pub fn group_roots<'a>(roots: &[&'a str], kept: &[BTreeSet<&str>]) -> Vec<Vec<&'a str>> {
    let n = roots.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (i, k) in kept.iter().enumerate() {
        for s in k {
            if let Some(&j) = owner.get(s) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            } else {
                owner.insert(s, i);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (i, r) in roots.iter().enumerate() {
        let g = find(&mut parent, i);
        groups.entry(g).or_default().push(r);
    }
    groups.into_values().collect()
}

/// One section header of an ELF file.
#[derive(Debug)]
pub struct Section {
    pub name: String,
    pub kind: u32,
    pub flags: u64,
    pub size: u64,
}

const SHF_WRITE: u64 = 0x1;
const SHF_ALLOC: u64 = 0x2;
const SHF_GROUP: u64 = 0x200;
const SHF_TLS: u64 = 0x400;

impl Section {
    /// A table of functions run at start-up or exit.
    pub fn is_ctor_table(&self) -> bool {
        [
            ".init_array",
            ".fini_array",
            ".preinit_array",
            ".ctors",
            ".dtors",
        ]
        .iter()
        .any(|t| self.name == *t || self.name.starts_with(&format!("{t}.")))
    }

    /// Memory a program writes: a static, a TLS slot.  Never to be copied.
    /// Not state: an empty `.data` or `.bss` (every C object has them);
    /// `.data.rel.ro*`, written only by the dynamic linker's relocation and
    /// read-only afterwards (vtables, panic locations); a COMDAT group's
    /// section, of which the linker keeps one copy anyway.
    pub fn is_state(&self) -> bool {
        self.flags & SHF_ALLOC != 0
            && self.flags & (SHF_WRITE | SHF_TLS) != 0
            && self.flags & SHF_GROUP == 0
            && self.size != 0
            && !self.name.starts_with(".data.rel.ro")
    }
}

/// The section headers of a 64-bit little-endian ELF object.
pub fn elf_sections(data: &[u8]) -> Result<Vec<Section>, String> {
    let bad = || "not a 64-bit little-endian ELF file".to_string();
    if data.len() < 64 || &data[..4] != b"\x7fELF" || data[4] != 2 || data[5] != 1 {
        return Err(bad());
    }
    let u16_at = |o: usize| -> Result<u64, String> {
        let b = data.get(o..o + 2).ok_or_else(bad)?;
        Ok(u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |o: usize| -> Result<u64, String> {
        let b = data.get(o..o + 4).ok_or_else(bad)?;
        Ok(u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
    };
    let u64_at = |o: usize| -> Result<u64, String> {
        let b = data.get(o..o + 8).ok_or_else(bad)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    };
    let idx = |v: u64| usize::try_from(v).map_err(|_| bad());
    let shoff = idx(u64_at(0x28)?)?;
    let shentsize = idx(u16_at(0x3a)?)?;
    let mut shnum = idx(u16_at(0x3c)?)?;
    let mut shstrndx = idx(u16_at(0x3e)?)?;
    if shentsize < 64 {
        return Err(bad());
    }
    if shnum == 0 && shoff != 0 {
        shnum = idx(u64_at(shoff + 0x20)?)?; // the count is in section 0
    }
    if shstrndx == 0xffff {
        shstrndx = idx(u32_at(shoff + 0x28)?)?;
    }
    let header = |i: usize| shoff + i * shentsize;
    let strtab = idx(u64_at(header(shstrndx) + 0x18)?)?;
    let mut out = Vec::with_capacity(shnum);
    for i in 0..shnum {
        let h = header(i);
        let name_off = strtab + idx(u32_at(h)?)?;
        let tail = data.get(name_off..).ok_or_else(bad)?;
        let end = tail.iter().position(|&b| b == 0).ok_or_else(bad)?;
        out.push(Section {
            name: String::from_utf8_lossy(&tail[..end]).into_owned(),
            kind: u32::try_from(u32_at(h + 4)?).map_err(|_| bad())?,
            flags: u64_at(h + 8)?,
            size: u64_at(h + 0x20)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nm_lines() {
        let text = "x/a.o:0000000000000000 T Socket\n\
                    x/a.o:                 U err_sys\n\
                    \n\
                    x/b.o:0000000000000010 W rust_eh_personality\n";
        let s = parse_nm(text, true);
        assert_eq!(s.len(), 3);
        assert_eq!(
            s[1],
            Sym {
                file: Some("x/a.o".into()),
                kind: 'U',
                name: "err_sys".into()
            }
        );
        assert_eq!(s[2].kind, 'W');
        let plain = parse_nm("0000000000014038 B daemon_proc\nlib.a:\n", false);
        assert_eq!(plain.len(), 1);
        assert_eq!(plain[0].name, "daemon_proc");
    }

    #[test]
    fn gc_log() {
        let log = "ld: removing unused section '.text.Bind' in file 'x.o'\n\
                   ld: removing unused section '.bss._ZN3foo3BAR17h0E' in file 'x.o'\n\
                   ld: warning: something else\n";
        let r = parse_gc_log(log);
        assert_eq!(
            r.into_iter().collect::<Vec<_>>(),
            [".bss._ZN3foo3BAR17h0E", ".text.Bind"]
        );
    }

    #[test]
    fn roots_sharing_state_stay_together() {
        let roots = ["a", "b", "c", "d"];
        let kept: Vec<BTreeSet<&str>> = vec![
            [".bss.x"].into(),
            [].into(),
            [".bss.y", ".bss.x"].into(),
            [".data.z"].into(),
        ];
        assert_eq!(
            group_roots(&roots, &kept),
            vec![vec!["a", "c"], vec!["b"], vec!["d"]]
        );
        let chain: Vec<BTreeSet<&str>> = vec![
            [".bss.x"].into(),
            [".bss.y"].into(),
            [".bss.y", ".bss.x"].into(),
            [].into(),
        ];
        assert_eq!(
            group_roots(&roots, &chain),
            vec![vec!["a", "b", "c"], vec!["d"]]
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            renamed("_ZN4core9panicking9panic_fmt17hE"),
            "__unp__ZN4core9panicking9panic_fmt17hE"
        );
        assert_eq!(member_name(7, "Socket"), "007-Socket.o");
        assert_eq!(
            member_name(12, "anon.5e.15.llvm.39"),
            "012-anon5e15llvm39.o"
        );
    }

    /// `split` on a real object: functions sharing a static stay in one
    /// member, the others get one each.
    #[test]
    fn split_keeps_shared_state_in_one_member() {
        let dir = env::temp_dir().join(format!("unp-archive-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let _cleanup = TempDir(dir.clone());
        let src = dir.join("t.c");
        fs::write(
            &src,
            "static int counter;\n\
             int next_value(void) { return ++counter; }\n\
             void reset(void) { counter = 0; }\n\
             int twice(int x) { return 2 * x; }\n\
             static int own;\n\
             int solo(void) { return ++own; }\n",
        )
        .unwrap();
        let obj = dir.join("t.o");
        run(Command::new("cc")
            .args([
                "-O2",
                "-fPIC",
                "-ffunction-sections",
                "-fdata-sections",
                "-c",
                "-o",
            ])
            .arg(&obj)
            .arg(&src))
        .unwrap();
        let tools = Tools::from_env();
        let roots = ["next_value", "twice", "reset", "solo"];
        let parts = split(&tools, &obj, &roots, &dir.join("m")).unwrap();
        let own: Vec<&Vec<&str>> = parts.iter().map(|(_, r)| r).collect();
        assert_eq!(
            own,
            [&vec!["next_value", "reset"], &vec!["twice"], &vec!["solo"]]
        );
        let parts: Vec<PathBuf> = parts.into_iter().map(|(p, _)| p).collect();
        let defined: Vec<Vec<String>> = parts
            .iter()
            .map(|p| {
                let nm = run(Command::new(&tools.nm)
                    .args(["-g", "--defined-only"])
                    .arg(p))
                .unwrap();
                parse_nm(&nm, false).into_iter().map(|s| s.name).collect()
            })
            .collect();
        assert_eq!(
            defined,
            [vec!["next_value", "reset"], vec!["twice"], vec!["solo"]],
            "{parts:?}"
        );
        let names: Vec<String> = parts
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["m-000-next_value.o", "m-001-twice.o", "m-003-solo.o"]
        );
    }

    #[test]
    fn reads_its_own_section_headers() {
        // This test binary is an ELF file with a .text section.
        let exe = std::env::current_exe().unwrap();
        let data = fs::read(exe).unwrap();
        let s = elf_sections(&data).unwrap();
        let text = s.iter().find(|s| s.name == ".text").unwrap();
        assert_eq!(text.kind, 1); // SHT_PROGBITS
        assert!(!text.is_state());
        assert!(s.iter().any(|s| s.name == ".bss" && s.is_state()));
        let empty = Section {
            name: ".data".into(),
            kind: 1,
            flags: SHF_ALLOC | SHF_WRITE,
            size: 0,
        };
        assert!(!empty.is_state());
        let data = |name: &str, flags: u64| Section {
            name: name.into(),
            kind: 1,
            flags: SHF_ALLOC | flags,
            size: 8,
        };
        assert!(data(".bss.counter", SHF_WRITE).is_state());
        assert!(data(".tbss.slot", SHF_WRITE | SHF_TLS).is_state());
        assert!(!data(".data.rel.ro..Lanon.1", SHF_WRITE).is_state());
        assert!(!data(".data.DW.ref.x", SHF_WRITE | SHF_GROUP).is_state());
        assert!(!data(".rodata.x", 0).is_state());
        let ctor = |name: &str| Section {
            name: name.into(),
            kind: 14,
            flags: SHF_ALLOC | SHF_WRITE,
            size: 8,
        };
        assert!(ctor(".init_array").is_ctor_table());
        assert!(ctor(".init_array.00100").is_ctor_table());
        assert!(!ctor(".init_arrayx").is_ctor_table());
        assert!(!ctor(".data").is_ctor_table());
        assert!(elf_sections(b"not an elf file").is_err());
    }
}
