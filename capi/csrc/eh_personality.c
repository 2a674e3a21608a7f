/*
 * rust_eh_personality: the unwind personality routine that precompiled
 * `core` objects name in their unwind tables.  libunp is built with
 * panic = "abort", so nothing ever unwinds through Rust frames and the
 * routine is never called; it exists so the shared library has no undefined
 * reference to it.  Hidden: it is not part of the library's interface.
 * Weak: the unit-test build (`cargo test`) links std, whose strong
 * definition must win instead of clashing ("duplicate symbol").
 */
#include <stdlib.h>

void rust_eh_personality(void);

__attribute__((weak)) void rust_eh_personality(void)
{
	abort();
}
