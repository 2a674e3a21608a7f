/*
 * names_ownerr -- defines its own err_sys and err_quit that print to stdout
 * and RETURN (as the book's sock program's versions may be written), then
 * drives the failure paths of the names and timeout functions (and of
 * Inet_ntop with a NULL result buffer): the library must call these
 * definitions and, when they return, come back with its documented value
 * instead of crashing.
 * usage: names_ownerr <closed tcp port> <tcp port in use>
 */
#include "unp.h"
#include <stdarg.h>

void err_sys(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	printf("own err_sys: ");
	vprintf(fmt, ap);
	printf(": %s\n", strerror(e));
	va_end(ap);
}

void err_quit(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("own err_quit: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

int main(int argc, char **argv)
{
	int fd;
	SA *sa = (SA *) &fd; /* must stay untouched */
	socklen_t len = 99;
	struct sockaddr_in sin;

	if (argc != 3) {
		fprintf(stderr, "usage: names_ownerr <closed port> <port in use>\n");
		exit(2);
	}
	printf("tcp_connect -> %d\n", tcp_connect("127.0.0.1", argv[1]));
	printf("tcp_connect -> %d\n", tcp_connect(NULL, "nosuchservice"));
	printf("tcp_listen -> %d\n", tcp_listen("127.0.0.1", argv[2], &len));
	printf("len %d\n", (int) len);
	printf("udp_client -> %d\n", Udp_client("nosuch..invalid", "13", &sa, &len));
	printf("sa %s, len %d\n", sa == (SA *) &fd ? "untouched" : "changed", (int) len);
	printf("Udp_connect -> %d\n", Udp_connect(NULL, "nosuchservice"));
	printf("udp_server -> %d\n", udp_server("127.0.0.1", "nosuchservice", NULL));
	printf("Host_serv -> %s\n", Host_serv(NULL, "13", 0, 0) == NULL ? "NULL" : "list");

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(atoi(argv[1]));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = Socket(AF_INET, SOCK_STREAM, 0);
	Connect_timeo(fd, (SA *) &sin, sizeof(sin), 5);
	printf("Readable_timeo -> %d\n", Readable_timeo(-1, 1));
	printf("Writable_timeo -> %d\n", Writable_timeo(FD_SETSIZE, 1));
	/* room enough for "127.0.0.1": inet_ntop itself would write it to NULL */
	printf("Inet_ntop -> %s\n",
	       Inet_ntop(AF_INET, &sin.sin_addr, NULL, 16) == NULL ? "NULL" : "not NULL");
	exit(0);
}
