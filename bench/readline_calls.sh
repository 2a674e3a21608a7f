#!/bin/sh
# Instructions per Readline call through the Rust crate (unp::Readline)
# and through the raw C prototype (unp::sys::Readline), counted with
# valgrind's callgrind in the loop functions of unp/examples/readline_calls.rs
# only: a count, not a timing, so it does not depend on the machine's load.
#   sh bench/readline_calls.sh [lines]      (default 200000)
set -eu
cd "$(dirname "$0")/.."
lines=${1:-200000}
out=target/bench
mkdir -p "$out"
cargo build -q --release -p unp --example readline_calls
exe=target/release/examples/readline_calls
for v in sys rust; do
	valgrind --tool=callgrind --callgrind-out-file="$out/readline_calls.$v.out" \
		--toggle-collect="bench_loop_$v" "$exe" "$v" "$lines" \
		>/dev/null 2>"$out/readline_calls.$v.log"
	ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/readline_calls.$v.log")
	eval "ir_$v=$ir"
	echo "$v: $ir instructions for $lines calls"
done
awk -v s="$ir_sys" -v r="$ir_rust" -v n="$lines" 'BEGIN {
	printf "per call: unp::sys::Readline %.1f, unp::Readline %.1f instructions; ratio %.3f\n", s / n, r / n, r / s
}'
