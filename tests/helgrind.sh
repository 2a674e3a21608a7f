#!/bin/sh
# make check-sanitizers, part (c), second half: the threaded tests of the
# per-thread buffers under valgrind's helgrind, which (unlike
# ThreadSanitizer, whose instrumentation the Rust library does not have)
# sees every memory access of the library too.
#   io_threads  Readline from 8 threads at once, each on its own descriptor
#   addr        sock_ntop/sock_ntop_host, one call from a second thread
#   dl_unload   dlopen/sock_ntop/dlclose cycles, threads outliving dlclose
#   thr_stress  thr_join(0) in a loop while 2000 thread creations fail
# Each is built against the static and the shared library and must exit 0
# with no helgrind report (tests/helgrind.supp: the one suppression,
# explained there).
# usage: sh tests/helgrind.sh [builddir]      (default build)
set -u
b=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cflags="-std=gnu11 -O2 -g -Wall -Wextra -Werror -D_REENTRANT -Iinclude"
vg="valgrind --tool=helgrind -q --error-exitcode=99 --suppressions=tests/helgrind.supp"
fail=0
for p in io_threads addr; do
	cc $cflags -o "$tmp/$p-static" "tests/c/$p.c" "$b/lib/libunp.a" -lpthread || exit 1
	cc $cflags -o "$tmp/$p-shared" "tests/c/$p.c" -L"$b/lib" -Wl,-rpath,"$PWD/$b/lib" -lunp -lpthread || exit 1
done
cc $cflags -o "$tmp/dl_unload" tests/c/dl_unload.c -ldl -lpthread || exit 1
cc $cflags -Ibook/include -o "$tmp/thr_stress-static" tests/c/thr_stress.c "$b/lib/libunp.a" -lpthread || exit 1
cc $cflags -Ibook/include -o "$tmp/thr_stress-shared" tests/c/thr_stress.c -L"$b/lib" -Wl,-rpath,"$PWD/$b/lib" \
	-lunp -lpthread || exit 1

check() {
	name=$1
	shift
	if timeout 300 $vg "$@" >"$tmp/out" 2>"$tmp/err"; then
		echo "helgrind: $name: clean"
	else
		echo "helgrind: $name: exit $?"
		cat "$tmp/out" "$tmp/err"
		fail=1
	fi
}
for p in io_threads addr; do
	for l in static shared; do
		check "$p ($l)" "$tmp/$p-$l"
	done
done
check "dl_unload 20 threads" "$tmp/dl_unload" "$PWD/$b/lib/libunp.so" 20 threads
for l in static shared; do
	check "thr_stress ($l)" "$tmp/thr_stress-$l" 2000
done
exit $fail
