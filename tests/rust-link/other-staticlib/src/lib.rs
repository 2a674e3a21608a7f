//! A std static library with a C function that uses core's slice indexing
//! and panics (caught): it carries core's panic and slice functions, as
//! libunp.a's own copy of core does.
use std::ffi::c_int;

/// The sum of `values[..n]`; -1 when `n` is out of bounds (the panic of the
/// slice index is caught).
///
/// # Safety
/// `values` points to `len` readable ints.
#[no_mangle]
pub unsafe extern "C" fn other_sum(values: *const c_int, len: usize, n: usize) -> c_int {
    std::panic::set_hook(Box::new(|_| {}));
    let all = unsafe { std::slice::from_raw_parts(values, len) };
    std::panic::catch_unwind(|| all[..n].iter().sum()).unwrap_or(-1)
}
