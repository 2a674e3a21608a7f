#!/bin/sh
# Minimises the committed corpus of each target with what fuzzing found:
#   fuzz/merge.sh BUILDDIR TARGET...   (make fuzz-merge)
# fuzz/corpus/TARGET becomes its named seeds (every file whose name is not
# 40 characters long like libFuzzer's hash names; kept as they are: they
# document cases) plus a minimal set of inputs, from the old corpus and from
# BUILDDIR/corpus/TARGET (what `make fuzz` added), that covers every feature
# libFuzzer sees (-merge=1).  Then the size of fuzz/corpus is printed.
set -eu
dir=$1
shift
for t in "$@"; do
	new=$dir/merge/$t
	rm -rf "$new" "$dir/merge/$t.old"
	mkdir -p "$new" "$dir/corpus/$t" "fuzz/corpus/$t"
	for f in "fuzz/corpus/$t"/*; do
		[ -f "$f" ] || continue
		case ${f##*/} in
		????????????????????????????????????????) ;;
		*) cp "$f" "$new/" ;;
		esac
	done
	"$dir/$t" -merge=1 -max_len=8192 "$new" "fuzz/corpus/$t" "$dir/corpus/$t" >"$dir/merge/$t.log" 2>&1 || {
		echo "fuzz/merge.sh: merging $t failed; see $dir/merge/$t.log" >&2
		exit 1
	}
	mv "fuzz/corpus/$t" "$dir/merge/$t.old"
	mv "$new" "fuzz/corpus/$t"
	rm -rf "$dir/merge/$t.old"
	echo "fuzz/corpus/$t: $(ls "fuzz/corpus/$t" | wc -l) inputs, $(cat "fuzz/corpus/$t"/* | wc -c) bytes"
done
echo "fuzz/corpus: $(cat fuzz/corpus/*/* | wc -c) bytes in all"
