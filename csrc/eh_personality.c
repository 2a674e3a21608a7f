/*
 * rust_eh_personality: the unwind personality routine that precompiled
 * `core` objects name in their unwind tables.  libunp is built with
 * panic = "abort", so nothing ever unwinds through Rust frames and the
 * routine is never called; it exists so the shared library has no undefined
 * reference to it.  Hidden: it is not part of the library's interface.
 * Weak: in `cargo test --lib` std links its own, which must win (a strong
 * definition here made that link fail with a duplicate symbol).
 */
#include <stdlib.h>

void rust_eh_personality(void);

__attribute__((weak)) void rust_eh_personality(void)
{
	abort();
}
