#!/bin/sh
# Make a Rust staticlib behave like a C archive: in every member, weaken the
# C names that member defines, so that a program's own definition of any of
# them (the book's programs define str_cli, readline, err_sys, ...) wins
# without a "multiple definition" error.
#
# Only definitions are weakened.  `objcopy --weaken-symbols` over the whole
# archive would also weaken each member's undefined references, and the linker
# never pulls an archive member in for a weak reference: calls from one member
# to another would then resolve to address 0.
set -eu
archive=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
NM=${NM:-nm}
OBJCOPY=${OBJCOPY:-objcopy}
AR=${AR:-ar}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# member<TAB>symbol for every defined global C name (no leading underscore).
"$NM" -A -g --defined-only "$archive" 2>/dev/null |
	awk 'NF == 3 && $3 !~ /^_/ { n = split($1, p, ":"); print p[n-1] "\t" $3 }' > "$work/defs"
cut -f1 "$work/defs" | sort -u > "$work/members"
"$AR" t "$archive" > "$work/all"
cd "$work"
mkdir x
(cd x && "$AR" x "$archive") > ar.err 2>&1 || { cat ar.err >&2; exit 1; }
while read -r m; do
	awk -F '\t' -v m="$m" '$1 == m { print $2 }' defs > syms
	"$OBJCOPY" --weaken-symbols=syms "x/$m"
done < members
# core's and compiler_builtins' members carry embedded LLVM bitcode
# (.llvmbc).  binutils' LLVM plugin (bfd-plugins/LLVMgold.so), when installed,
# claims such members and hides their ELF symbols, so the index that `ar s`
# writes would lack core's panic and slice functions and a static link that
# pulls in readline (say) would fail with undefined references.  The bitcode
# is of no use to a C linker: drop it.
while read -r m; do
	"$OBJCOPY" --remove-section=.llvmbc --remove-section=.llvmcmd "x/$m"
done < all
# core is one member of about 200 KB of code; a C link pulls all of it in as
# soon as the library needs one of its functions (a bounds-check panic, say),
# which would make a static Readline program ~240 KB.  Replace it by the part
# reachable from the symbols the other members use (ld -r --gc-sections, with
# those symbols as roots): a few KB.
core=$(grep '^core-.*\.o$' all || true)
if [ -n "$core" ] && [ "$(printf '%s\n' "$core" | wc -l)" -eq 1 ]; then
	grep -v '^core-' all | (cd x && xargs "$NM" -u 2>/dev/null) | awk 'NF == 2 { print $2 }' | sort -u > undef
	"$NM" -g --defined-only "x/$core" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u > coredefs
	comm -12 undef coredefs | sed 's/^/-u /' > roots
	# shellcheck disable=SC2046
	${LD:-ld} -r --gc-sections $(cat roots) -o "x/$core.small" "x/$core"
	mv "x/$core.small" "x/$core"
fi
# (ar may still print LTO plugin noise while reading the old archive.)
rm -f "$archive"
(cd x && xargs "$AR" qS "$archive" < ../all) > ar.err 2>&1 || { cat ar.err >&2; exit 1; }
"$AR" s "$archive" > ar.err 2>&1 || { cat ar.err >&2; exit 1; }
