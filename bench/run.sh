#!/bin/sh
# Runs the benchmarks: every bench/NAME.c is compiled with the book's flags
# (-O2) against the static library and run, one section per program.
#   sh bench/run.sh            all of them
#   sh bench/run.sh cksum ...  only those named
set -eu
cd "$(dirname "$0")/.."
out=target/bench
mkdir -p "$out"
names=${*:-$(for f in bench/*.c; do basename "$f" .c; done)}
for n in $names; do
	echo "== bench/$n.c"
	cc -std=gnu11 -O2 -g -Wall -Wextra -D_REENTRANT -Ibuild/include -o "$out/$n" "bench/$n.c" \
		build/lib/libunp.a -lpthread
	"$out/$n"
	echo
done
