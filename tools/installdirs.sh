#!/bin/sh
# tools/installdirs.sh -- the directories `make install` creates, so that
# `make uninstall` removes those again, and no directory that was there
# before (an empty /usr/local/include stays).
#
#   sh tools/installdirs.sh create DESTDIR LIST DIR...
#       creates each DESTDIR/DIR (install -d) and adds to the file
#       DESTDIR/LIST each of them, and each of their parents, that did not
#       exist before; LIST's directory must be one of the DIRs' or under one.
#   sh tools/installdirs.sh remove DESTDIR LIST
#       removes the file DESTDIR/LIST, then each directory it lists (under
#       DESTDIR) that is empty, the deepest first.
#
# The listed paths are without DESTDIR, one per line.

usage() {
	echo "usage: sh tools/installdirs.sh create DESTDIR LIST DIR... | remove DESTDIR LIST" >&2
	exit 2
}
[ $# -ge 3 ] || usage
mode=$1
destdir=$2
list=$3
shift 3

case $mode in
create)
	[ $# -ge 1 ] || usage
	new=$(for d in "$@"; do
		while [ "$d" != / ] && [ "$d" != . ] && [ ! -d "$destdir$d" ]; do
			echo "$d"
			d=$(dirname "$d")
		done
	done)
	for d in "$@"; do
		install -d "$destdir$d" || exit 1
	done
	{
		cat "$destdir$list" 2>/dev/null
		[ -z "$new" ] || printf '%s\n' "$new"
	} | sort -u >"$destdir$list.new" && mv "$destdir$list.new" "$destdir$list"
	;;
remove)
	[ $# -eq 0 ] || usage
	[ -f "$destdir$list" ] || exit 0
	dirs=$(cat "$destdir$list")
	rm -f "$destdir$list" || exit 1
	# Reverse order: a directory comes after everything under it.
	printf '%s\n' "$dirs" | sort -r | while IFS= read -r d; do
		[ -n "$d" ] && [ -d "$destdir$d" ] || continue
		rmdir "$destdir$d" 2>/dev/null || true
	done
	;;
*)
	usage
	;;
esac
