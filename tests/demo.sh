#!/bin/sh
# make demo: the daytime and the echo client/server pairs on 127.0.0.1
# (TCP, UDP) and over an AF_LOCAL socket.
# usage: sh tests/demo.sh [bindir]      (default build/bin)
# Servers listen on random high ports (retried when taken), serve one client
# and exit (the UDP echo server, which never exits, is stopped with
# SIGTERM); everything is bounded in time and cleaned up on exit.
# UNP_RUN, when set, is a command prefix for every server and client
# (tests/memcheck.sh runs them under valgrind this way).
set -u
bin=${1:-build/bin}
run=${UNP_RUN:-}
tmp=$(mktemp -d)
pids=""

cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

randport() {
	echo $(($(od -An -N2 -tu2 /dev/urandom) % 20000 + 40000))
}

# listening PORT [udp]: whether some TCP socket listens on PORT (or some UDP
# socket is bound to it), from /proc, so no probe shows up in the server's
# output.
listening() {
	if [ "${2:-tcp}" = udp ]; then
		awk -v p="$(printf ':%04X' "$1")" \
			'FNR > 1 && substr($2, length($2) - 4) == p { f = 1 } END { exit !f }' \
			/proc/net/udp /proc/net/udp6 2>/dev/null
	else
		awk -v p="$(printf ':%04X' "$1")" \
			'FNR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { f = 1 } END { exit !f }' \
			/proc/net/tcp /proc/net/tcp6 2>/dev/null
	fi
}

# start_server [-u] NAME ARGS...: runs "$bin/NAME PORT ARGS..." on a free
# random port (-u: a UDP server); sets srv_pid and srv_port.  Output goes to
# $tmp/NAME.out and .err.
start_server() {
	proto=tcp
	if [ "$1" = -u ]; then
		proto=udp
		shift
	fi
	name=$1
	shift
	for _try in 1 2 3 4 5 6 7 8 9 10; do
		srv_port=$(randport)
		listening "$srv_port" $proto && continue
		$run "$bin/$name" "$srv_port" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
		srv_pid=$!
		pids="$pids $srv_pid"
		i=0
		while [ $i -lt 400 ]; do # up to 20 s (a loaded machine can be slow to exec)
			listening "$srv_port" $proto && return 0
			kill -0 "$srv_pid" 2>/dev/null || break
			sleep 0.05
			i=$((i + 1))
		done
		kill "$srv_pid" 2>/dev/null
	done
	echo "demo: could not start $name" >&2
	exit 1
}

# finish NAME: waits (at most 20 s) for the server to exit, prints its output.
# The server's stdout is a file, flushed only when it exits: printing before
# that would show it as silent.
finish() {
	i=0
	while kill -0 "$srv_pid" 2>/dev/null && [ $i -lt 400 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if [ -s "$tmp/$1.out" ] || [ -s "$tmp/$1.err" ]; then
		echo "--- $1 said:"
		cat "$tmp/$1.out" "$tmp/$1.err"
	else
		echo "--- $1 exited silently"
	fi
}

echo "=== daytime: daytimetcpsrv and daytimetcpcli on 127.0.0.1"
start_server daytimetcpsrv 1
echo "\$ daytimetcpcli 127.0.0.1 $srv_port"
timeout 20 $run "$bin/daytimetcpcli" 127.0.0.1 "$srv_port"
finish daytimetcpsrv

echo
echo "=== echo: tcpserv01 (a child per client) and tcpcli01 (str_cli)"
start_server tcpserv01 1
echo "\$ printf 'hello, world\\\\nsecond line\\\\n' | tcpcli01 127.0.0.1 $srv_port"
printf 'hello, world\nsecond line\n' | timeout 20 $run "$bin/tcpcli01" 127.0.0.1 "$srv_port"
finish tcpserv01

echo
echo "=== udp echo: udpserv01 (dg_echo) and udpcli01 (dg_cli)"
start_server -u udpserv01
echo "\$ printf 'datagram one\\\\ndatagram two\\\\n' | udpcli01 127.0.0.1 $srv_port"
printf 'datagram one\ndatagram two\n' | timeout 20 $run "$bin/udpcli01" 127.0.0.1 "$srv_port"
kill "$srv_pid" 2>/dev/null # dg_echo never returns
finish udpserv01

echo
echo "=== unix echo: unixstrserv01 and unixstrcli01 over an AF_LOCAL socket"
sock=$tmp/unix.sock
$run "$bin/unixstrserv01" "$sock" 1 >"$tmp/unixstrserv01.out" 2>"$tmp/unixstrserv01.err" &
srv_pid=$!
pids="$pids $srv_pid"
i=0
while [ ! -S "$sock" ] && [ $i -lt 400 ]; do
	kill -0 "$srv_pid" 2>/dev/null || break
	sleep 0.05
	i=$((i + 1))
done
echo "\$ printf 'over a unix socket\\\\n' | unixstrcli01 SOCKET"
printf 'over a unix socket\n' | timeout 20 $run "$bin/unixstrcli01" "$sock"
finish unixstrserv01
