//! String arguments: whatever a Rust program holds (`&str`, `String`,
//! `&CStr`, `OsString` from `std::env::args_os()`, `Path`, bytes) is handed
//! to the C functions as the NUL-terminated string C would see.

use std::ffi::{CStr, CString, OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// A value that can be passed where the C prototype has `const char *`.
///
/// The string ends at its first NUL byte, exactly as C would read it (a
/// `&str` with an interior NUL is cut there, never rejected).  Bytes without
/// a NUL are copied once into a temporary `CString`; a `&CStr` is used as is.
pub trait AsCStr {
    /// Calls `f` with the C view of the string.
    fn with_cstr<R>(&self, f: impl FnOnce(&CStr) -> R) -> R;
}

fn bytes_with_cstr<R>(b: &[u8], f: impl FnOnce(&CStr) -> R) -> R {
    match CStr::from_bytes_until_nul(b) {
        Ok(c) => f(c),
        // No NUL inside: the copy cannot fail.
        Err(_) => f(&CString::new(b).unwrap_or_default()),
    }
}

impl AsCStr for CStr {
    fn with_cstr<R>(&self, f: impl FnOnce(&CStr) -> R) -> R {
        f(self)
    }
}

impl AsCStr for CString {
    fn with_cstr<R>(&self, f: impl FnOnce(&CStr) -> R) -> R {
        f(self)
    }
}

macro_rules! via_bytes {
    ($($t:ty => |$s:ident| $bytes:expr;)*) => {$(
        impl AsCStr for $t {
            fn with_cstr<R>(&self, f: impl FnOnce(&CStr) -> R) -> R {
                let $s = self;
                bytes_with_cstr($bytes, f)
            }
        }
    )*};
}

via_bytes! {
    str => |s| s.as_bytes();
    String => |s| s.as_bytes();
    [u8] => |s| s;
    Vec<u8> => |s| s.as_slice();
    OsStr => |s| s.as_bytes();
    OsString => |s| s.as_bytes();
    Path => |s| s.as_os_str().as_bytes();
    PathBuf => |s| s.as_os_str().as_bytes();
}

impl<T: AsCStr + ?Sized> AsCStr for &T {
    fn with_cstr<R>(&self, f: impl FnOnce(&CStr) -> R) -> R {
        (**self).with_cstr(f)
    }
}

/// A `const char *` argument that may be NULL (the `host` of `Tcp_listen`
/// and `Udp_server`, the `ifname` of the multicast functions): a string
/// (anything [`AsCStr`], passed by reference) or `None` for NULL.
///
/// `None` needs no type annotation (`Tcp_listen(None, "9877", None)`): the
/// only `Option` accepted is `Option<&str>`, so `Some("host")` works too;
/// other strings are passed as they are, without `Some`
/// (`Tcp_listen(&argv[1], &argv[2], None)`).
pub trait AsOptCStr {
    /// Calls `f` with the C view of the string, `None` for NULL.
    fn with_opt_cstr<R>(&self, f: impl FnOnce(Option<&CStr>) -> R) -> R;
}

impl<T: AsCStr + ?Sized> AsOptCStr for &T {
    fn with_opt_cstr<R>(&self, f: impl FnOnce(Option<&CStr>) -> R) -> R {
        self.with_cstr(|c| f(Some(c)))
    }
}

impl AsOptCStr for Option<&str> {
    fn with_opt_cstr<R>(&self, f: impl FnOnce(Option<&CStr>) -> R) -> R {
        match self {
            None => f(None),
            Some(s) => s.with_cstr(|c| f(Some(c))),
        }
    }
}

/// `NULL` for the optional string arguments (`Tcp_listen(NULL, "9877",
/// None)`), as the C programs write it; the same as `None`.
pub const NULL: Option<&'static str> = None;

/// Runs `f` with a C string pointer for an optional string: NULL for `None`.
pub(crate) fn with_opt_ptr<S: AsOptCStr + ?Sized, R>(
    s: &S,
    f: impl FnOnce(*const std::ffi::c_char) -> R,
) -> R {
    s.with_opt_cstr(|c| f(c.map_or(std::ptr::null(), CStr::as_ptr)))
}

/// C's `atoi` (leading blanks, a sign, digits; 0 when there are none), as the
/// book's programs parse ports and counts.
pub fn atoi<S: AsCStr + ?Sized>(s: &S) -> std::ffi::c_int {
    // SAFETY: atoi reads a NUL-terminated string, which `c` is.
    s.with_cstr(|c| unsafe { libc::atoi(c.as_ptr()) })
}

/// C's `atol`, as [`atoi`].
pub fn atol<S: AsCStr + ?Sized>(s: &S) -> std::ffi::c_long {
    // SAFETY: as in `atoi`.
    s.with_cstr(|c| unsafe { libc::atol(c.as_ptr()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen<S: AsCStr + ?Sized>(s: &S) -> Vec<u8> {
        s.with_cstr(|c| c.to_bytes().to_vec())
    }

    #[test]
    fn strings_end_at_the_first_nul() {
        assert_eq!(seen("9877"), b"9877");
        assert_eq!(seen("ab\0cd"), b"ab");
        assert_eq!(seen(&b"x\0"[..]), b"x");
        assert_eq!(seen(c"/tmp/unix.str"), b"/tmp/unix.str");
        assert_eq!(seen(OsStr::new("")), b"");
        assert_eq!(seen(Path::new("/tmp/x")), b"/tmp/x");
    }

    #[test]
    fn atoi_is_c_atoi() {
        assert_eq!(atoi("9877"), 9877);
        assert_eq!(atoi("  -12x"), -12);
        assert_eq!(atoi("abc"), 0);
        assert_eq!(atol("5000000000"), 5_000_000_000);
    }

    fn opt<S: AsOptCStr>(s: S) -> Option<Vec<u8>> {
        s.with_opt_cstr(|c| c.map(|c| c.to_bytes().to_vec()))
    }

    #[test]
    fn optional_strings_infer_none() {
        assert_eq!(opt(None), None);
        assert_eq!(opt(NULL), None);
        assert_eq!(opt(Some("h")), Some(b"h".to_vec()));
        assert_eq!(opt(&OsString::from("x")), Some(b"x".to_vec()));
        assert_eq!(opt("::1"), Some(b"::1".to_vec()));
    }
}
