/*
 * daytime_libc: c-examples/daytimetcpcli.c written with plain libc calls
 * and the same diagnostics, the yardstick for the size of a program linked
 * with libunp.a (tests/linking.rs).
 * usage: daytime_libc <IPaddress> [port]      (port 13 unless given)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAXLINE 4096

static void die(const char *what)
{
	int e = errno;

	fflush(stdout);
	fprintf(stderr, "%s: %s\n", what, strerror(e));
	exit(1);
}

static int dial(const char *ip, int port)
{
	struct sockaddr_in to;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		die("socket error");
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_port = htons(port);
	if (inet_pton(AF_INET, ip, &to.sin_addr) <= 0) {
		fprintf(stderr, "inet_pton error for %s\n", ip);
		exit(1);
	}
	if (connect(fd, (struct sockaddr *) &to, sizeof(to)) < 0)
		die("connect error");
	return fd;
}

int main(int argc, char **argv)
{
	char text[MAXLINE + 1];
	ssize_t got;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: daytime_libc <IPaddress> [port]\n");
		exit(1);
	}
	fd = dial(argv[1], argc > 2 ? atoi(argv[2]) : 13);
	while ((got = read(fd, text, MAXLINE)) > 0) {
		text[got] = '\0';
		if (fputs(text, stdout) == EOF)
			die("fputs error");
	}
	if (got < 0)
		die("read error");
	return 0;
}
