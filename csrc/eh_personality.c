/*
 * rust_eh_personality: the unwind personality routine that precompiled
 * `core` objects name in their unwind tables.  libunp is built with
 * panic = "abort", so nothing ever unwinds through Rust frames and the
 * routine is never called; it exists so the libraries have no undefined
 * reference to it.  Hidden: it is not part of the library's interface.
 * Weak: in `cargo test --lib` builds, std's own definition wins instead of
 * clashing with this one.
 */
#include <stdlib.h>

void rust_eh_personality(void);

__attribute__((weak, visibility("hidden"))) void rust_eh_personality(void)
{
	abort();
}
