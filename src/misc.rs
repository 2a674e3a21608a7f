//! `tv_sub` and `my_addrs`/`My_addrs` (the book's
//! `lib/tv_sub.c` and `lib/my_addrs.c`).

use core::ffi::{c_char, c_int};

/// `out -= in` on normalised values: microseconds first, borrowing exactly one
/// second when they go negative, then seconds.
fn sub(out: &mut (i64, i64), inp: (i64, i64)) {
    out.1 = out.1.wrapping_sub(inp.1);
    if out.1 < 0 {
        out.0 = out.0.wrapping_sub(1);
        out.1 = out.1.wrapping_add(1_000_000);
    }
    out.0 = out.0.wrapping_sub(inp.0);
}

/// `*out -= *in`: subtracts the microseconds first and borrows exactly one
/// second if they go negative, then subtracts the seconds.  Assumes normalised
/// inputs; the result goes into `out`.  If either pointer is NULL, nothing
/// happens.
#[no_mangle]
pub unsafe extern "C" fn tv_sub(out: *mut libc::timeval, inp: *mut libc::timeval) {
    if inp.is_null() {
        return;
    }
    // SAFETY: inp is not NULL, so the caller's timeval (its contract; it
    // may be `out` itself: it is read, by value, before `out` is borrowed).
    let i = unsafe { ((*inp).tv_sec, (*inp).tv_usec) };
    // SAFETY: out is NULL or the caller's writable timeval (its contract).
    let Some(o) = (unsafe { out.as_mut() }) else {
        return;
    };
    let mut v = (o.tv_sec, o.tv_usec);
    sub(&mut v, i);
    o.tv_sec = v.0;
    o.tv_usec = v.1;
}

/// The addresses of this host: uname()'s nodename looked up with
/// gethostbyname(), whose address family is stored in `*addrtype` (not
/// stored when `addrtype` is NULL).
///
/// Returns the NULL-terminated `h_addr_list`, which lives in gethostbyname's
/// static storage, or NULL (and `*addrtype` untouched) if uname or the
/// lookup fails.
#[no_mangle]
pub unsafe extern "C" fn my_addrs(addrtype: *mut c_int) -> *mut *mut c_char {
    // SAFETY: utsname is arrays of chars: all-zero is valid.
    let mut u: libc::utsname = unsafe { core::mem::zeroed() };
    // SAFETY: uname fills the local utsname.
    if unsafe { libc::uname(&mut u) } < 0 {
        return core::ptr::null_mut();
    }
    // SAFETY: uname NUL-terminates nodename.
    let h = unsafe { crate::ffi::gethostbyname(u.nodename.as_ptr()) };
    if h.is_null() {
        return core::ptr::null_mut();
    }
    // SAFETY: h is not NULL: gethostbyname's static hostent, filled by the
    // call above; addrtype is NULL or the caller's int (its contract).
    unsafe {
        if !addrtype.is_null() {
            *addrtype = (*h).h_addrtype;
        }
        (*h).h_addr_list
    }
}

/// `my_addrs()` (through its global symbol: a program's own `my_addrs` wins);
/// NULL exits through `err_sys("my_addrs error")` (errno is whatever the
/// failed lookup left: gethostbyname reports through h_errno).
#[no_mangle]
pub unsafe extern "C" fn My_addrs(pfamily: *mut c_int) -> *mut *mut c_char {
    wrap!(
        relay!(crate::sym::my_addrs(pfamily)),
        |p| p.is_null(),
        c"my_addrs error"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors() {
        let cases = [
            ((10, 500_000), (3, 200_000), (7, 300_000)),
            ((10, 200_000), (3, 500_000), (6, 700_000)),
            ((10, 0), (10, 0), (0, 0)),
            ((10, 0), (9, 999_999), (0, 1)),
            ((3, 0), (5, 1), (-3, 999_999)),
            ((0, 0), (0, 0), (0, 0)),
        ];
        for (a, b, want) in cases {
            let mut v = a;
            sub(&mut v, b);
            assert_eq!(v, want, "{a:?} - {b:?}");
        }
    }
}
