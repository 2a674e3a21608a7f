#!/bin/sh
# Runs each libFuzzer target for SECONDS seconds; exits 1 when any target has
# a finding (a crash, a sanitizer report, a model mismatch, a timeout) and
# prints, per target, the edges covered and the executions.
#   fuzz/run.sh BUILDDIR SECONDS TARGET...
# BUILDDIR/TARGET is the fuzzer binary.  New inputs go to BUILDDIR/corpus/TARGET
# (the committed seeds in fuzz/corpus/TARGET are only read), findings to
# BUILDDIR/artifacts/TARGET/, each target's output to BUILDDIR/TARGET.log.
set -u
dir=$1
secs=$2
shift 2
status=0
for t in "$@"; do
	mkdir -p "$dir/corpus/$t" "$dir/artifacts/$t"
	log=$dir/$t.log
	"$dir/$t" -max_total_time="$secs" -timeout=25 -max_len=8192 -print_final_stats=1 \
		-artifact_prefix="$dir/artifacts/$t/" "$dir/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	# Edges: libFuzzer's last "cov:" figure (the harness's and the library's).
	cov=$(sed -n 's/^#[0-9]*[^c]* cov: \([0-9]*\) .*/\1/p' "$log" | tail -1)
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $t: ${cov:-?} edges, ${runs:-?} executions in $secs s, no finding"
	else
		status=1
		echo "fuzz $t: FINDING (exit $rc) after ${runs:-?} executions; log $log, input in $dir/artifacts/$t/"
		grep -e 'fuzz finding' -e 'SUMMARY: ' "$log" | sed 's/^/    /'
		grep -m 4 '#[0-9] 0x' "$log" | sed 's/^/    /'
	fi
done
exit $status
