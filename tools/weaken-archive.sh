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
cd "$work"
while read -r m; do
	"$AR" x "$archive" "$m" > ar.err 2>&1 || { cat ar.err >&2; exit 1; }
	awk -F '\t' -v m="$m" '$1 == m { print $2 }' defs > syms
	"$OBJCOPY" --weaken-symbols=syms "$m"
done < members
# core's and compiler_builtins' members carry embedded LLVM bitcode
# (.llvmbc).  binutils' LTO plugin (an older LLVM) fails to read it, and the
# archive index that `ar s` writes then lacks every symbol those members
# define: a static link of anything that keeps a panic path (e.g. a bounds
# check) fails with "undefined reference to core::panicking::...".  The
# machine code is all there; drop the bitcode so the index is complete.
mkdir bc && cd bc
"$AR" t "$archive" | sort -u > ../all
# shellcheck disable=SC2046
"$AR" x "$archive" $(cat ../all) > ../ar.err 2>&1 || { cat ../ar.err >&2; exit 1; }
: > ../bitcode
while read -r m; do
	if "${OBJDUMP:-objdump}" -h "$m" 2>/dev/null | grep -q '[.]llvmbc'; then
		"$OBJCOPY" --remove-section=.llvmbc --remove-section=.llvmcmd "$m"
		echo "$m" >> ../bitcode
	fi
done < ../all
if [ -s ../bitcode ]; then
	# shellcheck disable=SC2046
	"$AR" r "$archive" $(cat ../bitcode) > ../ar.err 2>&1 || { cat ../ar.err >&2; exit 1; }
fi
cd ..
# (ar's LTO plugin complains about the bitcode in core's members: noise.)
# shellcheck disable=SC2046
"$AR" r "$archive" $(cat members) > ar.err 2>&1 || { cat ar.err >&2; exit 1; }
"$AR" s "$archive" > ar.err 2>&1 || { cat ar.err >&2; exit 1; }
