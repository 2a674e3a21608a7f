#!/bin/sh
# Benchmarks (make bench): every bench/NAME.c runs libunp and the classic C
# algorithm side by side in the same process and prints medians and ratios.
# Each is compiled with the book's flags (-O2) against the static library
# (make lib first).  Timings are wall-clock and noisy on a shared machine:
# run twice before believing a ratio.
#   sh bench/run.sh                 all of them
#   sh bench/run.sh cksum ...       only those named
# READLINE_LINES, NTOP_CALLS and ROUNDS override the benchmarks' defaults.
set -eu
cd "$(dirname "$0")/.."
out=target/bench
mkdir -p "$out"
CC=${CC:-cc}
names=${*:-$(for f in bench/*.c; do basename "$f" .c; done)}
for n in $names; do
	echo "== bench/$n.c"
	$CC -std=gnu11 -O2 -g -Wall -Wextra -D_REENTRANT -Iinclude -Ibench -o "$out/$n" \
		"bench/$n.c" build/lib/libunp.a -lpthread
	case $n in
	readline_bench) "$out/$n" "${READLINE_LINES:-2000000}" "${ROUNDS:-7}" ;;
	ntop_bench) "$out/$n" "${NTOP_CALLS:-2000000}" "${ROUNDS:-7}" ;;
	*) "$out/$n" ;;
	esac
	echo
done
