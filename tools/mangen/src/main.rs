//! mangen -- writes libunp's section-3 man pages from the committed headers.
//!
//! usage: mangen MAN3_DIR HEADER...
//!
//! Every prototype (or `extern` variable) in the HEADER files that has a doc
//! comment right above it gets a page `MAN3_DIR/<name>.3`; `unp.3` describes
//! the headers.  The doc comments of the library's headers (`include/*.h`)
//! are the ones cbindgen copies from the Rust sources (or, for the variadic
//! `err_*` functions, the verbatim text of `cbindgen/unp.toml`), so the
//! headers and the pages have one source.  A header with a `book` directory
//! in its path (`book/include/thread.h`) is hand-written and comes with the
//! book-tree support (installed in `share/unp/include`): its pages say
//! `#include <NAME.h>` and where it is installed.  A prototype may span
//! several lines and end in `__attribute__((...))`; the SYNOPSIS shows it
//! without the attribute, and a `__noreturn__` function without a "Returns"
//! paragraph gets "Never returns." as its RETURN VALUE.  Other `*.3` files in
//! MAN3_DIR are removed.
//!
//! Conventions in the doc comments (paragraphs are separated by an empty
//! line; a paragraph of `* ` lines is a list):
//!
//! * a paragraph or sentence starting with "Returns" or "Never returns", or a
//!   paragraph starting with "Failures", goes to RETURN VALUE;
//! * a paragraph starting with "Exits" or "Diagnostics:" goes to DIAGNOSTICS,
//!   which also lists every `err_xxx("message")` the comment names, with the
//!   exit status that function implies;
//! * a paragraph starting with "Differs from the original:" goes to
//!   DIFFERENCES FROM THE ORIGINAL;
//! * a paragraph starting with "Declared only:" marks a function the header
//!   declares and the library does not define: its SYNOPSIS says so instead
//!   of "Link with -lunp";
//! * everything else is the DESCRIPTION, whose first sentence is the NAME
//!   line's summary;
//! * `code` is set in bold, and every backquoted name that has a page of its
//!   own is listed under SEE ALSO.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::ExitCode;

const TH_SOURCE: &str = "libunp";
const TH_MANUAL: &str = "libunp Manual";

/// One documented declaration of a header.
struct Item {
    header: String,
    name: String,
    /// The declaration as the header has it (its lines; no attributes).
    decl: String,
    is_var: bool,
    /// Declared `__attribute__((__noreturn__))`.
    noreturn: bool,
    doc: Vec<String>,
}

/// What one header contributes besides its items.
#[derive(Default)]
struct HeaderInfo {
    /// The header's first comment (what it is).
    about: Vec<String>,
    /// Struct definitions, rendered as C with trailing comments, by name.
    structs: BTreeMap<String, String>,
    /// Documented `#define`s and verbatim constant blocks, rendered as C.
    constants: Vec<String>,
    /// A hand-written header of the book-tree support (`book/include/`),
    /// with its path from the `book` directory on.
    book: Option<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: mangen MAN3_DIR HEADER...");
        return ExitCode::from(2);
    }
    let headers: Vec<&Path> = args[2..].iter().map(Path::new).collect();
    match run(Path::new(&args[1]), &headers) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mangen: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The book-tree path of a header (`book/include/thread.h`), if it has a
/// `book` directory in its path.
fn book_path(p: &Path) -> Option<String> {
    let parts: Vec<String> = p
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let k = parts.iter().rposition(|c| c == "book")?;
    (k + 1 < parts.len()).then(|| parts[k..].join("/"))
}

fn run(out: &Path, headers: &[&Path]) -> Result<(), String> {
    let mut items = Vec::new();
    let mut infos: Vec<(String, HeaderInfo)> = Vec::new();
    for p in headers {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| format!("{}: not a file name", p.display()))?;
        if infos.iter().any(|(h, _)| *h == name) {
            return Err(format!("{name} given twice"));
        }
        let text = fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
        let (mut it, mut info) = parse_header(&name, &text);
        info.book = book_path(p);
        items.append(&mut it);
        infos.push((name, info));
    }
    // The order of the arguments does not matter: the library's headers
    // (unp.h first), then the book-tree ones.
    infos.sort_by(|a, b| (a.1.book.is_some(), &a.0).cmp(&(b.1.book.is_some(), &b.0)));
    if items.is_empty() {
        return Err("no documented declaration found".into());
    }
    let names: BTreeSet<String> = items.iter().map(|i| i.name.clone()).collect();
    if names.len() != items.len() {
        return Err("a name is declared twice".into());
    }
    let docs: BTreeMap<String, Vec<String>> = items
        .iter()
        .map(|i| (i.name.clone(), i.doc.clone()))
        .collect();
    let mut pages: BTreeMap<String, String> = BTreeMap::new();
    for it in &items {
        let info = &infos.iter().find(|(h, _)| *h == it.header).unwrap().1;
        pages.insert(format!("{}.3", it.name), item_page(it, info, &names, &docs));
    }
    pages.insert("unp.3".into(), unp_page(&items, &infos));

    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let old = fs::read_dir(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for ent in old.flatten() {
        let f = ent.file_name().to_string_lossy().into_owned();
        if f.ends_with(".3") && !pages.contains_key(&f) {
            fs::remove_file(ent.path()).map_err(|e| format!("{f}: {e}"))?;
        }
    }
    for (f, text) in &pages {
        let p = out.join(f);
        if fs::read_to_string(&p).ok().as_deref() != Some(text.as_str()) {
            fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    Ok(())
}

// ---- parsing the headers ---------------------------------------------------

/// The identifier just before the first `(` of a prototype.
fn proto_name(line: &str) -> Option<String> {
    let open = line.find('(')?;
    let head = line[..open].trim_end();
    let start = head
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let name = &head[start..];
    (!name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit())).then(|| name.to_string())
}

/// The lines of a comment, without the `/*`, `*/` and cbindgen's one-space
/// indent.
fn comment_body(lines: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let mut s = l.trim_end();
        if k == 0 {
            s = s.trim_start().trim_start_matches("/*");
        }
        if k == lines.len() - 1 {
            s = s.trim_end_matches("*/").trim_end();
        }
        v.push(s.to_string());
    }
    // A C-style comment (" * text" on every inner line): drop the stars.
    let inner = &v[1..v.len().saturating_sub(1).max(1)];
    if !inner.is_empty()
        && inner
            .iter()
            .all(|l| l.starts_with(" * ") || l.trim() == "*")
    {
        for l in v.iter_mut() {
            let t = l
                .strip_prefix(" * ")
                .unwrap_or(if l.trim() == "*" { "" } else { l });
            *l = t.to_string();
        }
    }
    let ind = v
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut v: Vec<String> = v
        .into_iter()
        .map(|l| {
            if l.len() >= ind {
                l[ind..].to_string()
            } else {
                String::new()
            }
        })
        .collect();
    while v.first().is_some_and(|l| l.trim().is_empty()) {
        v.remove(0);
    }
    while v.last().is_some_and(|l| l.trim().is_empty()) {
        v.pop();
    }
    v
}

/// A declaration without a trailing `__attribute__((...))` or attribute
/// macro of the headers' own (`__unp_printf_like`, defined away for
/// compilers without attributes), and whether the attribute says
/// `__noreturn__`.
fn strip_attribute(decl: &str) -> (String, bool) {
    let body = decl.trim_end().trim_end_matches(';').trim_end();
    if let Some(k) = body.rfind(" __unp_") {
        let word = &body[k + 1..];
        if word.bytes().all(|b| b == b'_' || b.is_ascii_alphanumeric()) {
            return (format!("{};", body[..k].trim_end()), false);
        }
    }
    match body.rfind("__attribute__") {
        Some(k) if body.ends_with("))") => {
            let attr = &body[k..];
            let noreturn = attr.contains("__noreturn__") || attr.contains("(noreturn");
            (format!("{};", body[..k].trim_end()), noreturn)
        }
        _ => (decl.trim_end().to_string(), false),
    }
}

fn parse_header(header: &str, text: &str) -> (Vec<Item>, HeaderInfo) {
    let lines: Vec<&str> = text.lines().collect();
    let mut items = Vec::new();
    let mut info = HeaderInfo::default();
    let mut pending: Option<Vec<String>> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        if t.starts_with("/*") {
            let start = i;
            while !lines[i].trim_end().ends_with("*/") && i + 1 < lines.len() {
                i += 1;
            }
            let body = comment_body(&lines[start..=i]);
            if info.about.is_empty() && start == 0 {
                info.about = body;
                pending = None;
            } else if body.first().is_some_and(|l| l.starts_with("----")) {
                let title = body[0].trim_matches(|c| c == '-' || c == ' ').to_string();
                if title.starts_with("Constants") {
                    // The verbatim block of constants, macros and types.
                    let mut block = String::new();
                    i += 1;
                    while i < lines.len() && !lines[i].starts_with("#ifdef __cplusplus") {
                        block.push_str(lines[i]);
                        block.push('\n');
                        i += 1;
                    }
                    info.constants.push(block.trim_end().to_string());
                    continue;
                }
                pending = None;
            } else {
                pending = Some(body);
            }
            i += 1;
            continue;
        }
        if t.is_empty() {
            pending = None;
        } else if let Some(rest) = t.strip_prefix("#define ") {
            if let Some(doc) = pending.take() {
                let c = doc.join(" ");
                info.constants
                    .push(format!("#define {rest}  /* {} */", plain(&c)));
            }
        } else if t.starts_with("struct ") && t.ends_with('{') {
            let name = t.trim_end_matches('{').trim().to_string();
            let mut c = String::new();
            if let Some(doc) = pending.take() {
                let _ = writeln!(c, "/* {} */", plain(&doc.join(" ")));
            }
            let _ = writeln!(c, "{t}");
            let mut field_doc: Option<String> = None;
            i += 1;
            while i < lines.len() && lines[i].trim() != "};" {
                let f = lines[i].trim();
                if f.starts_with("/*") {
                    let s = i;
                    while !lines[i].trim_end().ends_with("*/") && i + 1 < lines.len() {
                        i += 1;
                    }
                    field_doc = Some(comment_body(&lines[s..=i]).join(" "));
                } else if !f.is_empty() {
                    match field_doc.take() {
                        Some(d) => {
                            let _ = writeln!(c, "    {f:<34}/* {} */", plain(&d));
                        }
                        None => {
                            let _ = writeln!(c, "    {f}");
                        }
                    }
                }
                i += 1;
            }
            c.push_str("};");
            info.structs.insert(name, c);
        } else if t.starts_with('#') || t.starts_with('}') {
            pending = None;
        } else if t.starts_with("extern ") && !t.starts_with("extern \"C\"") && t.ends_with(';') {
            if let Some(doc) = pending.take() {
                let name = t
                    .trim_end_matches(';')
                    .rsplit([' ', '*'])
                    .next()
                    .unwrap_or("")
                    .to_string();
                items.push(Item {
                    header: header.to_string(),
                    name,
                    decl: t.to_string(),
                    is_var: true,
                    noreturn: false,
                    doc,
                });
            }
        } else if t.contains('(') && (t.ends_with(';') || pending.is_some()) {
            // A prototype, possibly continued on the next lines (at most 8)
            // up to the one ending in ';'.
            let mut decl = t.to_string();
            let mut j = i;
            while !decl.ends_with(';') && j + 1 < lines.len() && j < i + 8 {
                j += 1;
                let l = lines[j].trim();
                if l.is_empty() || l.starts_with('#') || l.starts_with("/*") {
                    break;
                }
                decl.push('\n');
                decl.push_str(lines[j].trim_end());
            }
            let (decl, noreturn) = strip_attribute(&decl);
            if decl.ends_with(");") {
                i = j;
                if let (Some(doc), Some(name)) = (pending.take(), proto_name(&decl)) {
                    items.push(Item {
                        header: header.to_string(),
                        name,
                        decl,
                        is_var: false,
                        noreturn,
                        doc,
                    });
                }
            }
            pending = None;
        } else {
            pending = None;
        }
        i += 1;
    }
    (items, info)
}

// ---- the doc comment's structure ---------------------------------------------

enum Block {
    Text(String),
    List(Vec<String>),
}

/// Paragraphs of a doc comment; lines are joined, and a line that ends a
/// sentence is followed by two spaces (the comments' sentence spacing).
fn paragraphs(doc: &[String]) -> Vec<Block> {
    fn join(dst: &mut String, l: &str) {
        if !dst.is_empty() {
            dst.push_str(if dst.ends_with('.') { "  " } else { " " });
        }
        dst.push_str(l.trim());
    }
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut Vec<Block>| {
        if para.is_empty() {
            return;
        }
        if para[0].starts_with("* ") {
            let mut items: Vec<String> = Vec::new();
            for l in para.iter() {
                match l.strip_prefix("* ") {
                    Some(r) => items.push(r.trim().to_string()),
                    None => join(items.last_mut().unwrap(), l),
                }
            }
            out.push(Block::List(items));
        } else {
            let mut s = String::new();
            for l in para.iter() {
                join(&mut s, l);
            }
            out.push(Block::Text(s));
        }
        para.clear();
    };
    for l in doc {
        if l.trim().is_empty() {
            flush(&mut para, &mut out);
        } else {
            // A list item after a text line starts a new block.
            if l.starts_with("* ") && para.first().is_some_and(|p| !p.starts_with("* ")) {
                flush(&mut para, &mut out);
            }
            para.push(l);
        }
    }
    flush(&mut para, &mut out);
    out
}

/// Sentences of a joined paragraph (split after a period and two spaces).
fn sentences(s: &str) -> Vec<String> {
    s.split(".  ")
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .map(|x| if x.ends_with('.') { x } else { x + "." })
        .collect()
}

fn starts_return(s: &str) -> bool {
    s.starts_with("Returns") || s.starts_with("Never returns")
}

#[derive(Default)]
struct Sections {
    description: Vec<Block>,
    returns: Vec<Block>,
    diagnostics: Vec<Block>,
    differences: Vec<Block>,
}

fn first_text(b: &[Block]) -> &str {
    match b.first() {
        Some(Block::Text(t)) => t,
        Some(Block::List(v)) => v.first().map_or("", |s| s.as_str()),
        None => "",
    }
}

fn sections(doc: &[String]) -> Sections {
    let mut s = Sections::default();
    let paras = paragraphs(doc);
    let mut k = 0;
    while k < paras.len() {
        // A text paragraph ending in ':' belongs with the list after it.
        let mut group: Vec<&Block> = vec![&paras[k]];
        if let Block::Text(t) = &paras[k] {
            if t.ends_with(':') && matches!(paras.get(k + 1), Some(Block::List(_))) {
                group.push(&paras[k + 1]);
                k += 1;
            }
        }
        k += 1;
        let lead = match group[0] {
            Block::Text(t) => t.as_str(),
            Block::List(_) => "",
        };
        let dst = if lead.starts_with("Differs from the original") {
            &mut s.differences
        } else if lead.starts_with("Exits") || lead.starts_with("Diagnostics:") {
            &mut s.diagnostics
        } else if starts_return(lead) || lead.starts_with("Failures") {
            &mut s.returns
        } else if let (1, Block::Text(t)) = (group.len(), group[0]) {
            // Pull "Returns ..." sentences out of a description paragraph.
            let (mut keep, mut ret) = (Vec::new(), Vec::new());
            for sen in sentences(t) {
                if starts_return(&sen) {
                    ret.push(sen);
                } else {
                    keep.push(sen);
                }
            }
            if !ret.is_empty() {
                s.returns.push(Block::Text(ret.join("  ")));
            }
            if !keep.is_empty() {
                s.description.push(Block::Text(keep.join("  ")));
            }
            continue;
        } else {
            &mut s.description
        };
        for b in group {
            dst.push(match b {
                Block::Text(t) => Block::Text(t.clone()),
                Block::List(v) => Block::List(v.clone()),
            });
        }
    }
    if s.description.is_empty() {
        // The whole comment is about the result: say it in both places.
        s.description = paragraphs(doc);
        s.description
            .retain(|b| !first_text(std::slice::from_ref(b)).starts_with("Differs"));
    }
    s
}

/// Every `err_xxx("message"` the comment names, in order, without repeats.
fn err_calls(doc: &[String]) -> Vec<(String, String)> {
    let text = doc.join(" ");
    let mut out: Vec<(String, String)> = Vec::new();
    let mut rest = text.as_str();
    while let Some(p) = rest.find("err_") {
        let after = &rest[p + 4..];
        rest = after;
        let Some(paren) = after.find("(\"") else {
            break;
        };
        let func = &after[..paren];
        if !["sys", "quit", "dump", "msg", "ret"].contains(&func) {
            continue;
        }
        let msg_start = &after[paren + 2..];
        let Some(end) = msg_start.find('"') else {
            break;
        };
        let pair = (format!("err_{func}"), msg_start[..end].to_string());
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    out
}

fn err_consequence(func: &str) -> &'static str {
    match func {
        "err_sys" => "followed by \": \" and the text of errno; the process exits with status 1.",
        "err_quit" => "the process exits with status 1.",
        "err_dump" => {
            "followed by \": \" and the text of errno; the process aborts (SIGABRT, core dump)."
        }
        "err_ret" => "followed by \": \" and the text of errno; the function goes on.",
        _ => "the function goes on.",
    }
}

// ---- roff output -------------------------------------------------------------

/// Escapes plain text for roff (no formatting).
fn esc_plain(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\e"),
            '-' => o.push_str("\\-"),
            c if c.is_ascii() => o.push(c),
            c => {
                let _ = write!(o, "\\[u{:04X}]", c as u32);
            }
        }
    }
    o
}

/// Escapes doc-comment text: `code` and **strong** in bold.
fn esc_inline(s: &str) -> String {
    let mut o = String::new();
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('`') {
            if let Some(end) = r.find('`') {
                let _ = write!(o, "\\fB{}\\fR", esc_plain(&r[..end]));
                rest = &r[end + 1..];
                continue;
            }
            o.push_str("\\(ga");
            rest = r;
            continue;
        }
        if let Some(r) = rest.strip_prefix("**") {
            if let Some(end) = r.find("**") {
                let _ = write!(o, "\\fB{}\\fR", esc_inline(&r[..end]));
                rest = &r[end + 2..];
                continue;
            }
        }
        let n = rest.find(['`', '*']).map_or(rest.len(), |n| n.max(1));
        o.push_str(&esc_plain(&rest[..n]));
        rest = &rest[n..];
    }
    line_safe(o)
}

/// A text line must not start with a control character.
fn line_safe(s: String) -> String {
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

/// Text without the markdown marks (for the NAME line).
fn plain(s: &str) -> String {
    s.replace("**", "").replace('`', "")
}

fn blocks(out: &mut String, bs: &[Block]) {
    for (k, b) in bs.iter().enumerate() {
        if k > 0 {
            out.push_str(".PP\n");
        }
        match b {
            Block::Text(t) => {
                let _ = writeln!(out, "{}", esc_inline(t));
            }
            Block::List(v) => {
                for it in v {
                    let _ = writeln!(out, ".IP \\(bu 2\n{}", esc_inline(it));
                }
            }
        }
    }
}

fn code_block(out: &mut String, code: &str) {
    out.push_str(".PP\n.nf\n.RS 4\n");
    for l in code.lines() {
        let _ = writeln!(out, "{}", line_safe(esc_plain(l)));
    }
    out.push_str(".RE\n.fi\n");
}

/// `source`: what the page is generated from (`include/*.h`).
fn th(out: &mut String, name: &str, source: &str) {
    let _ = writeln!(
        out,
        ".\\\" Generated by tools/mangen from {source}: do not edit."
    );
    let _ = writeln!(out, ".\\\" Regenerate with `make man`.");
    let _ = writeln!(out, ".TH {} 3 \"\" \"{TH_SOURCE}\" \"{TH_MANUAL}\"", name);
    // Names and messages read better unhyphenated and ragged-right.
    out.push_str(".nh\n.ad l\n");
}

/// The function a wrapper wraps: its comment starts "`name()`;" or "name();".
/// A comment starting "Same as `name`" or "As `name`," also names the
/// function wrapped.
fn wrapped(sec: &Sections) -> Option<String> {
    let t = first_text(&sec.description);
    let ident = |n: &str| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    for lead in ["Same as `", "As `"] {
        if let Some(r) = t.strip_prefix(lead) {
            let n = r.split('`').next().unwrap_or("").trim_end_matches("()");
            return ident(n).then(|| n.to_string());
        }
    }
    let t = t.strip_prefix('`').unwrap_or(t);
    let end = t.find(['(', '`', ' '])?;
    let name = &t[..end];
    let rest = t[end..].trim_start_matches("()").trim_start_matches('`');
    let follows = [";", ".", " (", " with"]
        .iter()
        .any(|f| rest.starts_with(f));
    (follows && ident(name)).then(|| name.to_string())
}

/// The NAME line's summary: the description's first sentence, or for a
/// wrapper ("`name()`; ..."), what a wrapper is.
fn summary(sec: &Sections) -> String {
    if let Some(w) = wrapped(sec) {
        return format!("{w}(), exiting with a diagnostic on failure");
    }
    let t = first_text(&sec.description);
    let first = sentences(t).into_iter().next().unwrap_or_default();
    let mut s = plain(first.trim_end_matches('.'));
    // Only the first clause of a long sentence (outside parentheses).
    if s.len() > 60 {
        let mut depth = 0i32;
        let b = s.as_bytes();
        for k in 12..b.len().saturating_sub(1) {
            depth += match b[k - 1] {
                b'(' => 1,
                b')' => -1,
                _ => 0,
            };
            if depth == 0 && matches!(b[k], b',' | b';' | b':') && b[k + 1] == b' ' {
                s.truncate(k);
                break;
            }
        }
    }
    // "Reads one line" -> "reads one line"; "AF_INET ..." stays.
    let mut cs = s.chars();
    if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
        if a.is_ascii_uppercase() && (b.is_ascii_lowercase() || b == ' ') {
            s = a.to_ascii_lowercase().to_string() + &s[1..];
        }
    }
    if s.chars().count() > 100 {
        let cut: String = s.chars().take(96).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
        s = format!("{cut} ...");
    }
    s
}

/// Backquoted names in the comment that have a page.
fn see_also(it: &Item, names: &BTreeSet<String>) -> Vec<String> {
    let mut v: BTreeSet<String> = BTreeSet::new();
    let text = it.doc.join(" ");
    for (k, part) in text.split('`').enumerate() {
        if k % 2 == 1 {
            let n = part.trim_end_matches("()");
            if names.contains(n) && n != it.name {
                v.insert(n.to_string());
            }
        }
    }
    // The wrapper and the function it wraps point at each other.
    let mut cs = it.name.chars();
    if let Some(c0) = cs.next() {
        let rest: String = cs.collect();
        for alt in [
            format!("{}{rest}", c0.to_ascii_uppercase()),
            format!("{}{rest}", c0.to_ascii_lowercase()),
        ] {
            if alt != it.name && names.contains(&alt) {
                v.insert(alt);
            }
        }
    }
    // Its family: the names sharing its first `_` component (`rtt_*`,
    // `mcast_*`, `sock_*`, `err_*`, ...), when that is a small group.
    if let Some((head, _)) = it.name.split_once('_') {
        let fam: Vec<&String> = names
            .iter()
            .filter(|n| n.split_once('_').is_some_and(|(h, _)| h == head))
            .collect();
        if fam.len() <= 12 {
            v.extend(fam.into_iter().filter(|n| **n != it.name).cloned());
        }
    }
    let mut out: Vec<String> = v.into_iter().collect();
    out.push("unp".into());
    out
}

/// Whether a doc comment has a paragraph starting "Declared only:" (the
/// header declares the function, the library does not define it).
fn declared_only(doc: &[String]) -> bool {
    doc.iter()
        .enumerate()
        .any(|(k, l)| l.starts_with("Declared only:") && (k == 0 || doc[k - 1].trim().is_empty()))
}

fn item_page(
    it: &Item,
    info: &HeaderInfo,
    names: &BTreeSet<String>,
    docs: &BTreeMap<String, Vec<String>>,
) -> String {
    let sec = sections(&it.doc);
    let mut o = String::new();
    th(
        &mut o,
        &it.name,
        info.book.as_deref().unwrap_or("include/*.h"),
    );
    let _ = writeln!(
        o,
        ".SH NAME\n{} \\- {}",
        esc_plain(&it.name),
        esc_plain(&summary(&sec))
    );

    o.push_str(".SH SYNOPSIS\n.nf\n");
    let _ = writeln!(o, "\\fB{}\\fR\n.PP", include_line(&it.header, info));
    for (sname, def) in &info.structs {
        if it.decl.contains(sname.as_str()) {
            for l in def.lines() {
                let _ = writeln!(o, "{}", line_safe(esc_plain(l)));
            }
            o.push_str(".PP\n");
        }
    }
    for l in it.decl.lines() {
        let _ = writeln!(o, "\\fB{}\\fR", esc_plain(l));
    }
    if declared_only(&it.doc) {
        o.push_str(
            ".fi\n.PP\nDeclared only: \\fB\\-lunp\\fR does not define it (see DESCRIPTION).\n",
        );
    } else {
        o.push_str(
            ".fi\n.PP\nLink with \\fB\\-lunp \\-lpthread\\fR (\\fBpkg\\-config \\-\\-libs unp\\fR).\n",
        );
    }
    if info.book.is_some() {
        let _ = writeln!(o, ".PP\n{}", book_note(&it.header));
    }

    o.push_str(".SH DESCRIPTION\n");
    blocks(&mut o, &sec.description);

    o.push_str(".SH RETURN VALUE\n");
    if !sec.returns.is_empty() {
        blocks(&mut o, &sec.returns);
    } else if it.is_var {
        o.push_str("None (a variable).\n");
    } else if it.noreturn {
        o.push_str("Never returns.\n");
    } else if it.decl.starts_with("void ") && !it.decl.starts_with("void *") {
        o.push_str("None.\n");
    } else if let Some(w) = wrapped(&sec) {
        let _ = writeln!(
            o,
            "What \\fB{}\\fR() returns when it succeeds; a failure does not return.",
            esc_plain(&w)
        );
    } else {
        o.push_str("As described above.\n");
    }

    let mut calls = err_calls(&it.doc);
    // A wrapper also prints whatever the function it calls prints.
    if let Some(inner) = wrapped(&sec).and_then(|w| docs.get(&w)) {
        for c in err_calls(inner) {
            if !calls.contains(&c) {
                calls.push(c);
            }
        }
    }
    if !calls.is_empty() || !sec.diagnostics.is_empty() {
        o.push_str(".SH DIAGNOSTICS\n");
        blocks(&mut o, &sec.diagnostics);
        if !calls.is_empty() {
            if !sec.diagnostics.is_empty() {
                o.push_str(".PP\n");
            }
            o.push_str(
                "Messages go to standard error after standard output is flushed \
                 (to \\fBsyslog\\fR(3) in a daemon, see \\fBdaemon_init\\fR(3)), \
                 with a newline",
            );
            if calls.iter().any(|(_, m)| m.contains('%')) {
                o.push_str("; conversions such as %s are filled in as by \\fBprintf\\fR(3)");
            }
            o.push_str(":\n");
            for (func, msg) in &calls {
                let _ = writeln!(
                    o,
                    ".TP\n\\fB{}\\fR\n({}) {}",
                    esc_plain(msg),
                    func,
                    esc_plain(err_consequence(func))
                );
            }
        }
    }

    if !sec.differences.is_empty() {
        o.push_str(".SH DIFFERENCES FROM THE ORIGINAL\n");
        // Without the lead-in: the heading says it.
        let mut d: Vec<Block> = Vec::new();
        for (k, b) in sec.differences.iter().enumerate() {
            d.push(match b {
                Block::Text(t) if k == 0 || t.starts_with("Differs from the original") => {
                    let r = t
                        .trim_start_matches("Differs from the original")
                        .trim_start_matches(':');
                    let r = r.trim_start();
                    let mut c = r.chars();
                    let up = c
                        .next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str());
                    Block::Text(up.unwrap_or_default())
                }
                Block::Text(t) => Block::Text(t.clone()),
                Block::List(v) => Block::List(v.clone()),
            });
        }
        blocks(&mut o, &d);
    }

    o.push_str(".SH SEE ALSO\n");
    let sa = see_also(it, names);
    for (k, n) in sa.iter().enumerate() {
        let comma = if k + 1 < sa.len() { "," } else { "" };
        let _ = writeln!(o, ".BR {} (3){comma}", esc_plain(n));
    }
    o
}

/// The SYNOPSIS line that includes a header.
fn include_line(header: &str, info: &HeaderInfo) -> String {
    if info.book.is_some() {
        format!("#include <{header}>")
    } else {
        format!("#include \"{header}\"")
    }
}

/// Where a header of the book-tree support comes from.
fn book_note(header: &str) -> String {
    format!(
        "\\fB{}\\fR comes with libunp's support for the book's source tree: it is \
         installed as \\fIshare/unp/include/{}\\fR under the installation prefix, \
         not in the include directory of \\fBunp.h\\fR, and the installed \
         \\fIshare/unp/Make.defines\\fR puts that directory on the include path.",
        esc_plain(header),
        esc_plain(header)
    )
}

fn unp_page(items: &[Item], infos: &[(String, HeaderInfo)]) -> String {
    let mut o = String::new();
    th(&mut o, "unp", "the headers");
    o.push_str(
        ".SH NAME\nunp \\- the headers of libunp, the support library of \
         UNIX Network Programming, Vol. 1\n",
    );
    o.push_str(".SH SYNOPSIS\n.nf\n");
    for (h, info) in infos {
        let _ = writeln!(o, "\\fB{}\\fR", include_line(h, info));
    }
    o.push_str(".fi\n.PP\n");
    o.push_str(
        "\\fBcc\\fR \\fI...\\fR \\fB$(pkg\\-config \\-\\-cflags unp)\\fR \\fIprog.c\\fR \
         \\fB$(pkg\\-config \\-\\-libs unp) \\-lpthread\\fR\n",
    );
    o.push_str(".SH DESCRIPTION\n");
    o.push_str(
        "The programs of \\fIUNIX Network Programming, Vol. 1\\fR include \\fBunp.h\\fR \
         and call the functions of the book's support library.  libunp provides that \
         library as \\fBlibunp.a\\fR and \\fBlibunp.so\\fR.  \\fBunp.h\\fR includes the \
         system headers a network program needs and declares the library's functions; \
         \\fBunpthread.h\\fR, \\fBunpifi.h\\fR and \\fBunprtt.h\\fR include \\fBunp.h\\fR \
         and add the thread wrappers, the interface list and the retransmission timer.  \
         Each function has its own page, listed below.  Functions whose names start \
         with a capital letter are wrappers: they call the function of the same name \
         in lower case and exit through \\fBerr_sys\\fR(3) or \\fBerr_quit\\fR(3) with \
         the book's message when it fails.\n",
    );
    for (h, info) in infos.iter().filter(|(_, i)| i.book.is_some()) {
        let first = sentences(first_text(&paragraphs(&info.about)))
            .into_iter()
            .next()
            .unwrap_or_default();
        let what = first.split_once(" -- ").map_or(first.as_str(), |(_, w)| w);
        let _ = writeln!(
            o,
            ".PP\n\\fB<{}>\\fR, part of the support for the book's source tree: {}",
            esc_plain(h),
            esc_inline(what)
        );
    }
    for (h, info) in infos {
        let _ = writeln!(o, ".SS {h}");
        let about = paragraphs(&info.about);
        blocks(&mut o, &about);
        for c in &info.constants {
            code_block(&mut o, c);
        }
        for s in info.structs.values() {
            code_block(&mut o, s);
        }
        o.push_str(".PP\nFunctions and variables:\n");
        for it in items.iter().filter(|i| i.header == *h) {
            let sec = sections(&it.doc);
            let only = if declared_only(&it.doc) {
                " (declared only)"
            } else {
                ""
            };
            let _ = writeln!(
                o,
                ".TP\n.BR {} (3)\n{}{only}",
                esc_plain(&it.name),
                line_safe(esc_plain(&summary(&sec)))
            );
        }
    }
    o.push_str(".SH SEE ALSO\n");
    o.push_str(".BR err_sys (3),\n.BR Socket (3),\n.BR Readline (3),\n.BR Tcp_connect (3)\n");
    o
}
