//! The error functions (the book's `lib/error.c`): `err_sys`, `err_quit`, `err_ret`,
//! `err_msg`, `err_dump`, and the global `daemon_proc`.
//!
//! The variadic bodies are C (`csrc/error.c`); the exported symbols are naked
//! trampolines here, so that they are part of the Rust library's export list
//! (rustc hides C objects' symbols in a cdylib) and can be weakened in the
//! static archive like every other exported name.  A tail jump preserves every
//! argument register, the stack arguments and `%al`, as a variadic call needs.
//!
//! Their prototypes are written into `unp.h` from `cbindgen/unp.toml`.

use core::ffi::c_int;

/// Nonzero once `daemon_init` or `daemon_inetd` ran: the `err_*` functions then
/// send their messages to syslog instead of stderr.  Not declared in any
/// header, as in the original; a program that wants it writes
/// `extern int daemon_proc;`.
#[no_mangle]
pub static mut daemon_proc: c_int = 0;

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
compile_error!("err_* trampolines are written for x86_64 and aarch64 only");

macro_rules! trampoline {
    ($name:ident => $target:ident) => {
        extern "C" {
            fn $target();
        }
        #[unsafe(naked)]
        #[no_mangle]
        pub unsafe extern "C" fn $name() {
            #[cfg(target_arch = "x86_64")]
            core::arch::naked_asm!("jmp {t}", t = sym $target);
            #[cfg(target_arch = "aarch64")]
            core::arch::naked_asm!("b {t}", t = sym $target);
        }
    };
}

/// Registers `hook`, which the error functions call before they print or log
/// a message (before C's `stdout` is flushed): the Rust crate `unp` flushes the
/// Rust program's own stdout buffer there, which C's `exit()` would lose.
/// Not exported to C (the hook pointer is the C front end's hidden
/// `unp_c_flush_hook`); C programs never set it and see no change.
pub fn set_flush_hook(hook: extern "C" fn()) {
    // SAFETY: the C front end's pointer, alive for the whole program; the C
    // side reads it with an acquire load.
    unsafe { &crate::ffi::unp_c_flush_hook }.store(
        hook as *mut core::ffi::c_void,
        core::sync::atomic::Ordering::Release,
    );
}

trampoline!(err_sys => unp_c_err_sys);
trampoline!(err_quit => unp_c_err_quit);
trampoline!(err_ret => unp_c_err_ret);
trampoline!(err_msg => unp_c_err_msg);
trampoline!(err_dump => unp_c_err_dump);
