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
# (ar's LTO plugin complains about the bitcode in core's members: noise.)
# shellcheck disable=SC2046
"$AR" r "$archive" $(cat members) > ar.err 2>&1 || { cat ar.err >&2; exit 1; }
# Rebuild the symbol index with no LTO plugin: GNU ar otherwise hands the
# members with embedded bitcode (core, compiler_builtins) to the system's
# older LLVMgold plugin, which rejects them, and their symbols drop out of the
# index -- a static link then fails with "undefined reference to
# core::panicking::...".  (Falls back to a plain `ar s` for an ar without
# --plugin.)
"$AR" --plugin /dev/null s "$archive" > ar.err 2>&1 ||
	"$AR" s "$archive" > ar.err 2>&1 || { cat ar.err >&2; exit 1; }
