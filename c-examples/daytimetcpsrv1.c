/*
 * daytimetcpsrv1: daytime server for IPv4 or IPv6.  Tcp_listen picks the
 * address family from the host (or from the service alone when no host is
 * given); each client is logged with its numeric address and the socket
 * address lengths involved.
 * usage: daytimetcpsrv1 [-n count] [ <host> ] <service or port>
 *   -n count: quit after count clients instead of running forever.
 * A wrong argument count prints the book's usage line (names/daytimetcpsrv1.c).
 */
#include "unp.h"
#include <time.h>

static void send_time(int fd)
{
	char line[64];
	time_t now = time(NULL);

	snprintf(line, sizeof(line), "%.24s\r\n", ctime(&now));
	Write(fd, line, strlen(line));
}

/* Numeric form of an IPv4 or IPv6 socket address. */
static const char *numeric(const struct sockaddr_storage *ss, char *buf, size_t size)
{
	if (ss->ss_family == AF_INET6)
		return Inet_ntop(AF_INET6, &((const struct sockaddr_in6 *) ss)->sin6_addr, buf, size);
	return Inet_ntop(AF_INET, &((const struct sockaddr_in *) ss)->sin_addr, buf, size);
}

int main(int argc, char **argv)
{
	long left = -1; /* < 0: no limit */
	int lfd = -1, fd;
	socklen_t addrlen, len;
	struct sockaddr_storage *client;
	char addr[INET6_ADDRSTRLEN];

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		left = atol(argv[2]);
		argv += 2;
		argc -= 2;
	}
	switch (argc) {
	case 2:
		lfd = Tcp_listen(NULL, argv[1], &addrlen);
		break;
	case 3:
		lfd = Tcp_listen(argv[1], argv[2], &addrlen);
		break;
	default:
		err_quit("usage: daytimetcpsrv1 <service or port#>");
	}

	client = Malloc(sizeof(*client)); /* large enough for any family */
	for (; left != 0; left -= left > 0) {
		len = sizeof(*client);
		fd = Accept(lfd, (SA *) client, &len);
		printf("connection from %s (addrlen %d, peer len %d)\n",
		       numeric(client, addr, sizeof(addr)), (int) addrlen, (int) len);
		send_time(fd);
		Close(fd);
	}
	free(client);
	return 0;
}
