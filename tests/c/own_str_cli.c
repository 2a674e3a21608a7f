/*
 * own_str_cli -- a program that, like the book's sock program and its many
 * str_cli variants, defines its own str_cli and all five err_* functions
 * (as book programs do).  Linked with libunp.a it must link without "multiple
 * definition", and the library's wrappers must call these err_* functions.
 * usage: own_str_cli connect|socket|str_cli|dump|ret
 */
#include "unp.h"
#include <stdarg.h>

static void mine(int with_errno, const char *fmt, va_list ap)
{
	int e = errno;

	fputs("mine: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (with_errno)
		fprintf(stderr, " [errno %d]", e);
	fputc('\n', stderr);
}

void err_ret(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mine(1, fmt, ap);
	va_end(ap);
}

void err_sys(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mine(1, fmt, ap);
	va_end(ap);
	exit(3);
}

void err_dump(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mine(1, fmt, ap);
	va_end(ap);
	exit(4);
}

void err_msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mine(0, fmt, ap);
	va_end(ap);
}

void err_quit(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mine(0, fmt, ap);
	va_end(ap);
	exit(5);
}

void str_cli(FILE *fp, int sockfd)
{
	char line[MAXLINE];

	while (Fgets(line, sizeof(line), fp) != NULL)
		printf("my str_cli(%d): %s", sockfd >= 0, line);
}

int main(int argc, char **argv)
{
	int fd, fd2;
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	struct in_addr a;

	if (argc != 2)
		err_quit("usage: own_str_cli MODE");
	if (strcmp(argv[1], "connect") == 0) {
		/* A bound, non-listening port on 127.0.0.1: refused. */
		fd = Socket(AF_INET, SOCK_STREAM, 0);
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		Bind(fd, (SA *) &sin, sizeof(sin));
		Getsockname(fd, (SA *) &sin, &len);
		fd2 = Socket(AF_INET, SOCK_STREAM, 0);
		Connect(fd2, (SA *) &sin, sizeof(sin));
	} else if (strcmp(argv[1], "socket") == 0)
		Socket(9999, SOCK_STREAM, 0);
	else if (strcmp(argv[1], "pton") == 0)
		Inet_pton(AF_INET, "300.1.2.3", &a);
	else if (strcmp(argv[1], "str_cli") == 0) {
		str_cli(stdin, 0);
		return 0;
	} else if (strcmp(argv[1], "dump") == 0) {
		errno = EPIPE;
		err_dump("dumped %d", 1);
	} else if (strcmp(argv[1], "ret") == 0) {
		errno = EINTR;
		err_ret("ret %s", "x");
		err_msg("msg %s", "y");
		return 0;
	}
	printf("returned\n");
	return 0;
}
