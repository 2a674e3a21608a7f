//! The C libraries `libunp.a` and `libunp.so`: every `#[no_mangle]` function
//! of `unp-sys` (the book's C names), plus what a `no_std` staticlib/cdylib
//! needs of its own — the panic handler.  No code of the library lives here:
//! a Rust program using the `unp` crate runs the same functions.
#![cfg_attr(not(test), no_std)]
#![deny(clippy::undocumented_unsafe_blocks)]

#[cfg(all(not(test), not(panic = "abort")))]
compile_error!(
    "the C libraries must be built with panic = \"abort\" (no unwinding across the C ABI)"
);

// Linked in whole: the exported C functions are its `#[no_mangle]` items.
pub use unp_sys;

#[cfg(not(test))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    // Unreachable by design: the code avoids panicking operations.  Should one
    // happen anyway, dying like a C library's assert is the only safe option.
    // SAFETY: abort takes nothing and never returns.
    unsafe { libc::abort() }
}
