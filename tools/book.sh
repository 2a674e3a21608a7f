#!/bin/sh
# tools/book.sh BOOK DEFINES CONFIG -- builds the book's source tree
# (unpv13e) at BOOK against libunp, as `make book BOOK=...` asks.
#
#  1. Puts DEFINES and CONFIG in place as BOOK/Make.defines and BOOK/config.h
#     (a different file already there is kept as NAME.orig, NAME.orig.1, ...).
#  2. In every program directory (a top-level directory whose Makefile
#     includes ../Make.defines; not lib, libfree, libgai, libroute), asks
#     make for the directory's PROGS and builds each program as its own
#     target with `make -k`, its output in LOGS/DIR/PROG.log (LOGS is the
#     directory of DEFINES plus /logs).
#  3. Prints what was built, per directory, and every failure with its first
#     error line and, when the output shows one, the platform reason (code
#     for another system: XTI, BSD routing sockets, PF_KEY, the old SCTP
#     header; or a missing C library: libpcap, libnet for udpcksum/).
#
# Exit status: 0 when every failure has a platform reason (the library side
# worked), 1 when some failure has none (a problem for libunp to look at),
# 2 for bad arguments.  No program of the tree is edited.  Running it again
# rebuilds nothing that is up to date and prints the same summary.

if [ $# -ne 3 ]; then
	echo "usage: sh tools/book.sh BOOK DEFINES CONFIG" >&2
	exit 2
fi
book=$1
defines=$2
config=$3

# The inner makes are independent builds: no jobserver, flags or level
# inherited from a make that called this script.
unset MAKEFLAGS MFLAGS MAKELEVEL GNUMAKEFLAGS MAKEFILES MAKEOVERRIDES
# Stable directory order and tool messages.
LC_ALL=C
export LC_ALL
MAKE=${BOOK_MAKE:-make}

if [ ! -d "$book" ]; then
	echo "make book: $book: no such directory (BOOK= the top of the book's tree, unpv13e)" >&2
	exit 2
fi
book=$(cd "$book" && pwd)
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

# reason LOG: the platform reason a failed build's output shows, if any.
reason() {
	if grep -Eq 'xti\.h|xti_inet\.h' "$1"; then
		echo "XTI: <xti.h> does not exist on Linux"
	elif grep -Eq 'net/if_dl\.h|sa_len|sockaddr_dl' "$1"; then
		echo "BSD routing sockets: <net/if_dl.h>, sa_len"
	elif grep -q 'pfkeyv2' "$1"; then
		echo "PF_KEY: <net/pfkeyv2.h> does not exist on Linux"
	elif grep -Eq 'in_pktinfo|netinet/sctp\.h|undefined reference to .sctp_' "$1"; then
		echo "SCTP: the old sctp/unp.h (redefines struct in_pktinfo; needs <netinet/sctp.h>)"
	elif grep -Eq 'pcap\.h: No such file|cannot find -lpcap' "$1"; then
		echo "libpcap is not installed (Debian: libpcap-dev)"
	elif grep -Eq 'libnet-config: not found|libnet is not installed|libnet\.h: No such file|cannot find -lnet' "$1"; then
		echo "libnet is not installed (Debian: libnet1-dev)"
	fi
}

# first_error LOG: the first line of a failed build's output that says why.
first_error() {
	line=$(grep -m1 -E 'error:|Error [0-9]|undefined reference|No such file|No rule to make target' "$1")
	[ -n "$line" ] || line=$(grep -m1 . "$1")
	printf '%s\n' "$line"
}

echo "make book: $book"
place "$defines" Make.defines
place "$config" config.h

rm -rf "$logs"
mkdir -p "$logs" || exit 2
built=$logs/built.txt
failed=$logs/failed.txt
: >"$built"
: >"$failed"
nbuilt=0
ndirs=0
nfailed=0
nunknown=0

for mf in "$book"/*/Makefile; do
	[ -f "$mf" ] || continue
	dir=$(dirname "$mf")
	name=$(basename "$dir")
	case $name in
	lib | libfree | libgai | libroute) continue ;;
	esac
	grep -Eq '^[[:space:]]*-?include[[:space:]]+\.\./Make\.defines' "$mf" || continue

	progs=$(printf 'unp-book-progs:\n\t@echo $(PROGS)\n' |
		"$MAKE" -s -C "$dir" -f Makefile -f - unp-book-progs 2>"$logs/$name.progs.log")
	if [ $? -ne 0 ]; then
		nfailed=$((nfailed + 1))
		nunknown=$((nunknown + 1))
		{
			echo "  $name: its Makefile cannot be read -- NO KNOWN PLATFORM REASON"
			echo "    $(first_error "$logs/$name.progs.log")"
		} >>"$failed"
		continue
	fi
	[ -n "$progs" ] || continue
	mkdir -p "$logs/$name"
	ok=""
	for p in $progs; do
		log=$logs/$name/$p.log
		if "$MAKE" -k -C "$dir" "$p" >"$log" 2>&1 && [ -f "$dir/$p" ] && [ -x "$dir/$p" ]; then
			ok="$ok $p"
			nbuilt=$((nbuilt + 1))
		else
			nfailed=$((nfailed + 1))
			why=$(reason "$log")
			if [ -z "$why" ]; then
				why="NO KNOWN PLATFORM REASON"
				nunknown=$((nunknown + 1))
			fi
			{
				echo "  $name/$p: $why"
				echo "    $(first_error "$log")"
			} >>"$failed"
		fi
	done
	if [ -n "$ok" ]; then
		ndirs=$((ndirs + 1))
		echo "  $name:$ok" >>"$built"
	fi
done

echo "built: $nbuilt programs in $ndirs directories"
cat "$built"
echo "failed: $nfailed programs"
cat "$failed"
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
