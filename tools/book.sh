#!/bin/sh
# tools/book.sh BOOK DEFINES CONFIG -- builds the book's source tree
# (unpv13e) at BOOK against libunp, as `make book BOOK=...` asks.
#
#  1. Checks that BOOK is the book's tree: it has lib/unp.h and at least one
#     program directory (a top-level directory whose Makefile includes
#     ../Make.defines), and that all of them can be written into.  Anything
#     else is refused before a file is written.
#  2. Puts DEFINES and CONFIG in place as BOOK/Make.defines and BOOK/config.h
#     (a different file already there is kept as NAME.orig, NAME.orig.1, ...).
#  3. In every program directory (not lib, libfree, libgai, libroute), asks
#     make for the directory's PROGS and builds each program as its own
#     target with `make -k`, its output in LOGS/DIR/PROG.log (LOGS is the
#     directory of DEFINES plus /logs).
#  4. Prints what was built, per directory, and every failure with its
#     platform reason and the line of the build's output that shows it, then
#     the failures counted by reason.
#
# A failure is platform code (the book's code for another system) when every
# error line of its build output (the compiler's `error:`, the linker's
# `undefined reference`, make's `No rule to make target`, ...) is explained
# by a row of the reason table below.  One error line that no row explains
# makes the failure one with NO KNOWN PLATFORM REASON: worth a look, a
# problem on libunp's side.
#
# Exit status: 0 when every failure is platform code, 1 when some failure is
# not or when BOOK is not the book's tree, 2 for bad arguments.  No program
# of the tree is edited.  Running it again rebuilds nothing that is up to
# date and prints the same summary.

if [ $# -ne 3 ]; then
	echo "usage: sh tools/book.sh BOOK DEFINES CONFIG" >&2
	exit 2
fi
book=$1
defines=$2
config=$3

# ---- The reason table ---------------------------------------------------------
# One row per platform reason: reason ERE TEXT.  An error line matching the
# extended regular expression ERE (awk's syntax, found anywhere in the line)
# is explained by TEXT; the first matching row wins, so a more specific row
# goes above a more general one.  A missing header shows as gcc's
# `fatal error: H: No such file ...` or clang's `fatal error: 'H' file not
# found`, so its row matches both.  README.md's table "What cannot build on
# Linux" lists the reasons with the programs they stop, and README.md has
# every reason (tests/book.rs checks both): change them together.
reasons=""
reason() {
	reasons="$reasons$1	$2
"
}
reason 'error: .?xti(_inet)?\.h.?(:| file not found)' \
	'XTI: <xti.h>, the X/Open Transport Interface, does not exist on Linux'
reason 'error: .?stropts\.h.?(:| file not found)' \
	'STREAMS: <stropts.h> does not exist on Linux (glibc dropped it in 2.30)'
reason 'error: .?net/if_dl\.h.?(:| file not found)|no member named .sa_len.|sockaddr_dl' \
	'BSD routing sockets: <net/if_dl.h> and sa_len do not exist on Linux'
reason 'error: .?net/pfkeyv2\.h.?(:| file not found)' \
	'PF_KEY: <net/pfkeyv2.h> does not exist on Linux'
reason 'redefinition of .struct in_pktinfo.' \
	'an old unp.h of its own redefines struct in_pktinfo, which glibc now defines'
reason 'error: .?netinet/sctp\.h.?(:| file not found)' \
	'SCTP: <netinet/sctp.h> is not installed (Debian: libsctp-dev)'
# udpcksum/ builds through libunp's <netinet/ip_var.h> and <libnet.h> when
# the C libraries it uses are installed.
reason 'error: .?pcap\.h.?(:| file not found)|cannot find -lpcap' \
	'libpcap is not installed (Debian: libpcap-dev)'
reason 'libnet is not installed|error: .?libnet\.h.?(:| file not found)|cannot find -lnet' \
	'libnet is not installed (Debian: libnet1-dev)'

# The inner makes are independent builds: no jobserver, flags or level
# inherited from a make that called this script.
unset MAKEFLAGS MFLAGS MAKELEVEL GNUMAKEFLAGS MAKEFILES MAKEOVERRIDES
# Stable directory order and tool messages.
LC_ALL=C
export LC_ALL
MAKE=${BOOK_MAKE:-make}

# program_dirs DIR: DIR's program directories, one per line.
program_dirs() {
	for mf in "$1"/*/Makefile; do
		[ -f "$mf" ] || continue
		d=$(dirname "$mf")
		case $(basename "$d") in
		lib | libfree | libgai | libroute) continue ;;
		esac
		grep -Eq '^[[:space:]]*-?include[[:space:]]+\.\./Make\.defines' "$mf" || continue
		echo "$d"
	done
}

# not_book WHY: refuses BOOK (exit 1) before anything is written, and names
# the book's tree when it is right above or below.
not_book() {
	echo "make book: $book is not the book's source tree (unpv13e): $1" >&2
	for hint in "$book/.." "$book"/*/; do
		[ -f "$hint/lib/unp.h" ] && [ -n "$(program_dirs "$hint")" ] || continue
		echo "make book: did you mean BOOK=$(cd "$hint" && pwd)?" >&2
		break
	done
	echo "make book: BOOK= names the directory that holds lib/, intro/, tcpcliserv/, ..." >&2
	exit 1
}

if [ ! -d "$book" ]; then
	not_book "no such directory"
fi
book=$(cd "$book" && pwd) || exit 1
[ -f "$book/lib/unp.h" ] || not_book "it has no lib/unp.h"
dirs=$(program_dirs "$book")
[ -n "$dirs" ] ||
	not_book "it has no program directory (one whose Makefile includes ../Make.defines)"

# Written into: the top (Make.defines, config.h) and every program
# directory (the objects and programs).
unwritable=$(printf '%s\n%s\n' "$book" "$dirs" | while IFS= read -r d; do
	[ -w "$d" ] || {
		echo "$d"
		break
	}
done)
if [ -n "$unwritable" ]; then
	echo "make book: $unwritable is not writable: make book writes Make.defines and config.h at the top of the tree and builds in each program directory (a copy of a read-only tree? chmod -R u+w it)" >&2
	exit 1
fi

logs=$(cd "$(dirname "$defines")" && pwd)/logs

# place SRC NAME: copies SRC to $book/NAME; reports what it did.
place() {
	dst=$book/$2
	if [ -f "$dst" ] && cmp -s "$1" "$dst"; then
		echo "$2: already in place"
		return 0
	fi
	if [ -e "$dst" ] || [ -L "$dst" ]; then
		bak=$dst.orig
		n=1
		while [ -e "$bak" ] || [ -L "$bak" ]; do
			if [ $n -gt 100 ]; then
				echo "make book: too many $dst.orig.N files; remove some" >&2
				exit 2
			fi
			bak=$dst.orig.$n
			n=$((n + 1))
		done
		mv "$dst" "$bak" || exit 2
		cp "$1" "$dst" || exit 2
		echo "$2: written (the one that was there is now $(basename "$bak"))"
	else
		cp "$1" "$dst" || exit 2
		echo "$2: written"
	fi
}

# classify LOG: two lines about a failed build's output.  The first is its
# platform reasons, in the order their error lines come, joined by "; " --
# or empty when an error line has no reason or there is no error line; the
# second is the line to show: the first error line no row explains, else
# the first error line, else the first line.
classify() {
	awk -v table="$logs/reasons.txt" '
	BEGIN {
		while ((getline row < table) > 0) {
			t = index(row, "\t")
			n++
			pat[n] = substr(row, 1, t - 1)
			txt[n] = substr(row, t + 1)
		}
	}
	NR == 1 { first = $0 }
	/error:|undefined reference to|multiple definition of|cannot find -l|No rule to make target|\*\*\*.*Stop\./ {
		# Consequences of the errors above them, not errors of their own.
		if ($0 ~ /collect2: error: ld returned|error: linker command failed/)
			next
		if (firsterr == "")
			firsterr = $0
		for (i = 1; i <= n; i++)
			if ($0 ~ pat[i])
				break
		if (i > n) {
			if (unexplained == "")
				unexplained = $0
			next
		}
		if (!(i in seen)) {
			seen[i] = 1
			why = why (why == "" ? "" : "; ") txt[i]
		}
	}
	END {
		if (unexplained != "" || firsterr == "")
			why = ""
		print why
		print (unexplained != "" ? unexplained : firsterr != "" ? firsterr : first)
	}' "$1"
}

echo "make book: $book"
place "$defines" Make.defines
place "$config" config.h

rm -rf "$logs"
mkdir -p "$logs" || exit 2
printf '%s' "$reasons" >"$logs/reasons.txt"
built=$logs/built.txt
failed=$logs/failed.txt
# One line per failure: its reason (or the unknown marker), TAB, DIR/PROG.
whys=$logs/whys.txt
: >"$built"
: >"$failed"
: >"$whys"
nbuilt=0
ndirs=0
nfailed=0
nunknown=0
unknown="NO KNOWN PLATFORM REASON"

# fail WHAT REASON LINE: records one failure.
fail() {
	nfailed=$((nfailed + 1))
	why=$2
	if [ -z "$why" ]; then
		why=$unknown
		nunknown=$((nunknown + 1))
	fi
	printf '  %s: %s\n    %s\n' "$1" "$why" "$3" >>"$failed"
	printf '%s\t%s\n' "$why" "$1" >>"$whys"
}

printf '%s\n' "$dirs" >"$logs/dirs.txt"
while IFS= read -r dir <&3; do
	name=$(basename "$dir")
	progs=$(printf 'unp-book-progs:\n\t@echo $(PROGS)\n' |
		"$MAKE" -s -C "$dir" -f Makefile -f - unp-book-progs 2>"$logs/$name.progs.log")
	if [ $? -ne 0 ]; then
		fail "$name" "" "its Makefile cannot be read: $(grep -m1 . "$logs/$name.progs.log")"
		continue
	fi
	[ -n "$progs" ] || continue
	mkdir -p "$logs/$name"
	ok=""
	for p in $progs; do
		log=$logs/$name/$p.log
		if "$MAKE" -k -C "$dir" "$p" >"$log" 2>&1 </dev/null; then
			if [ -f "$dir/$p" ] && [ -x "$dir/$p" ]; then
				ok="$ok $p"
				nbuilt=$((nbuilt + 1))
			else
				fail "$name/$p" "" "make succeeded but made no program $p"
			fi
		else
			{
				read -r why
				read -r line
			} <<EOF
$(classify "$log")
EOF
			fail "$name/$p" "$why" "$line"
		fi
	done
	if [ -n "$ok" ]; then
		ndirs=$((ndirs + 1))
		echo "  $name:$ok" >>"$built"
	fi
done 3<"$logs/dirs.txt"

echo "built: $nbuilt programs in $ndirs directories"
cat "$built"
echo "failed: $nfailed programs"
cat "$failed"
if [ "$nfailed" -ne 0 ]; then
	# Each reason (or combination of reasons): how many programs, in which
	# directories.
	echo "failures by reason:"
	awk -F '\t' '
	!($1 in count) { order[++n] = $1 }
	{
		count[$1]++
		d = $2
		sub(/\/.*/, "", d)
		if (!(($1, d) in seen)) {
			seen[$1, d] = 1
			dirs[$1] = dirs[$1] (dirs[$1] == "" ? "" : " ") d "/"
		}
	}
	END { for (i = 1; i <= n; i++) printf "  %d in %s -- %s\n", count[order[i]], dirs[order[i]], order[i] }
	' "$whys"
fi
echo "full output of each build: $logs/DIR/PROG.log"
if [ "$nunknown" -ne 0 ]; then
	echo "result: $nunknown of the failures have no known platform reason: a problem for libunp?"
	exit 1
fi
if [ "$nfailed" -ne 0 ]; then
	echo "result: the library side worked; the $nfailed failures are platform code"
else
	echo "result: the library side worked; every program built"
fi
exit 0
