#!/bin/sh
# tests/check.sh LOG COMMAND... -- runs COMMAND (make check's `cargo test`),
# shows its output as it comes and keeps it in LOG, then ends with one line:
#
#     N passed, N failed, N skipped
#
# libtest has no run-time skip: a test that cannot run here calls
# common::skip, which says so on stderr and appends a line
# `BINARY<TAB>TEST<TAB>WHAT<TAB>WHY` to the file UNP_SKIP_LOG names
# (LOG.skips, set here).  A test that skipped (all or part of its work) and did not fail
# counts as skipped, not passed; the others are counted as libtest reports
# them (its `test result:` lines).  A test binary that ends without a
# `test result:` line (it crashed) counts as one failure.  The exit status
# is COMMAND's.

if [ $# -lt 2 ]; then
	echo "usage: sh tests/check.sh LOG COMMAND..." >&2
	exit 2
fi
log=$1
shift
skips=$log.skips
status=$log.status
: >"$skips" || exit 2
rm -f "$status"
UNP_SKIP_LOG=$(cd "$(dirname "$skips")" && pwd)/$(basename "$skips")
export UNP_SKIP_LOG

# cargo says which binary runs (`Running ... (target/.../deps/NAME-HASH)`)
# on stderr and libtest reports on stdout: both go through the pipe, in
# order, to be read below.
{
	"$@" 2>&1
	echo $? >"$status"
} | tee "$log"
code=$(cat "$status" 2>/dev/null)
[ -n "$code" ] || code=1

awk -F '\t' -v code="$code" '
# The skip log first: distinct (binary, test) pairs and what they skipped.
FILENAME == ARGV[1] {
	if (!(($1, $2) in skipped)) {
		skipped[$1, $2] = 1
		order[++nskip] = $1 SUBSEP $2
		why[$1, $2] = ($3 == $2 ? "" : $3 ": ") $4
	}
	next
}
# The test output.
{ line = $0 }
line ~ /^ *(Running|Doc-tests) / {
	if (bin != "" && !done)
		crashed = crashed " " bin
	bin = line
	if (line ~ /\(.*\)$/) {
		sub(/.*\//, "", bin)
		sub(/\)$/, "", bin)
	} else {
		sub(/^ *Doc-tests /, "doctest-", bin)
	}
	done = 0
	next
}
line ~ /^test result: / {
	done = 1
	nw = split(line, w, " ")
	for (i = 2; i <= nw; i++) {
		if (w[i] ~ /^passed;/) passed += w[i - 1]
		if (w[i] ~ /^failed;/) failed += w[i - 1]
	}
	next
}
line ~ /^test .* \.\.\. FAILED$/ {
	t = line
	sub(/^test /, "", t)
	sub(/ \.\.\. FAILED$/, "", t)
	failedtest[bin, t] = 1
	next
}
line ~ /^---- .* stdout ----$/ {
	t = line
	sub(/^---- /, "", t)
	sub(/ stdout ----$/, "", t)
	failedtest[bin, t] = 1
}
END {
	if (bin != "" && !done)
		crashed = crashed " " bin
	ncrashed = split(crashed, c, " ")
	for (i = 1; i <= nskip; i++) {
		if (order[i] in failedtest)
			continue
		split(order[i], k, SUBSEP)
		b = k[1]
		sub(/-[0-9a-f]+$/, "", b)
		printf "skipped: %s (%s): %s\n", k[2], b, why[k[1], k[2]]
		nskipped++
	}
	for (i = 1; i <= ncrashed; i++)
		printf "failed: test binary %s ended without a result\n", c[i]
	failed += ncrashed
	if (code != 0 && failed == 0) {
		print "failed: the test command exited with status " code " (see above)"
		failed = 1
	}
	printf "%d passed, %d failed, %d skipped\n", passed - nskipped, failed, nskipped
}' "$skips" "$log"
exit "$code"
