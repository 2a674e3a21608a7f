#!/bin/sh
# make check-sanitizers, part (b): the example client/server pairs of
# tests/demo.sh (daytime, TCP echo, UDP echo, AF_LOCAL echo) under valgrind
# memcheck, linked against the shared and the static library.
# usage: sh tests/memcheck.sh [builddir]      (default build)
#
# Every server and client (and every child a server forks) writes its
# valgrind report to its own log file; the run fails when the demo fails,
# prints other than what it should, or when any log is not empty (-q: a
# clean run logs nothing).  Leak checking is off: the servers are stopped
# by a signal or exit through paths that keep their memory, as the book's
# programs do; get_ifi_info's leaks are checked by tests/ifi.rs.
set -u
b=${1:-build}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
fail=0
for bin in "$b/bin" "$b/bin/static"; do
	rm -f "$logs"/*
	out=$(UNP_RUN="valgrind -q --error-exitcode=99 --leak-check=no --child-silent-after-fork=no --log-file=$logs/%p.log" \
		timeout 300 sh tests/demo.sh "$bin" 2>&1)
	st=$?
	for want in "connection from 127.0.0.1, port " "hello, world
second line
--- tcpserv01 exited silently" "datagram one
datagram two
--- udpserv01 exited silently" "over a unix socket
--- unixstrserv01 exited silently"; do
		case $out in
		*"$want"*) ;;
		*)
			echo "memcheck ($bin): missing in the demo's output: $want"
			fail=1
			;;
		esac
	done
	if [ $st -ne 0 ]; then
		echo "memcheck ($bin): demo exited with $st"
		fail=1
	fi
	n=$(ls "$logs" | wc -l)
	for f in "$logs"/*.log; do
		[ -s "$f" ] || continue
		echo "memcheck ($bin): valgrind reported errors:"
		cat "$f"
		fail=1
	done
	echo "memcheck ($bin): $n processes checked"
	[ $fail -eq 0 ] || echo "$out"
done
exit $fail
