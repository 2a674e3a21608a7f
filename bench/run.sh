#!/bin/sh
# Benchmarks (make bench): each program runs libunp and the classic C
# algorithm side by side in the same process and prints medians and ratios.
# They link build/lib/libunp.a (make lib first).  Timings are wall-clock and
# noisy on a shared machine; run twice before believing a ratio.
set -eu
cd "$(dirname "$0")/.."
out=target/bench
mkdir -p "$out"
CC=${CC:-cc}
for b in readline_bench ntop_bench; do
	$CC -std=gnu11 -O2 -Wall -Wextra -D_REENTRANT -Iinclude -Ibench -o "$out/$b" \
		"bench/$b.c" build/lib/libunp.a -lpthread
done
"$out/readline_bench" "${READLINE_LINES:-2000000}" "${ROUNDS:-7}"
"$out/ntop_bench" "${NTOP_CALLS:-2000000}" "${ROUNDS:-7}"
