/*
 * daytimeudpsrv2: daytime server over UDP, IPv4 or IPv6 (Udp_server creates
 * and binds the socket).  Any datagram is a request; the answer is a ctime
 * line, and each request is logged.
 * usage: daytimeudpsrv2 [-n count] [ <host> ] <service or port>
 *   -n count: quit after answering count datagrams.
 */
#include "unp.h"
#include <time.h>

static const char *numeric(const struct sockaddr_storage *ss, char *buf, size_t size)
{
	if (ss->ss_family == AF_INET6)
		return Inet_ntop(AF_INET6, &((const struct sockaddr_in6 *) ss)->sin6_addr, buf, size);
	return Inet_ntop(AF_INET, &((const struct sockaddr_in *) ss)->sin_addr, buf, size);
}

int main(int argc, char **argv)
{
	long left = -1; /* < 0: no limit */
	int fd = -1;
	socklen_t addrlen, len;
	struct sockaddr_storage *client;
	char msg[MAXLINE], addr[INET6_ADDRSTRLEN];
	ssize_t got;
	time_t now;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		left = atol(argv[2]);
		argv += 2;
		argc -= 2;
	}
	switch (argc) {
	case 2:
		fd = Udp_server(NULL, argv[1], &addrlen);
		break;
	case 3:
		fd = Udp_server(argv[1], argv[2], &addrlen);
		break;
	default:
		err_quit("usage: daytimeudpsrv2 [-n count] [ <host> ] <service or port>");
	}

	client = Malloc(sizeof(*client));
	for (; left != 0; left -= left > 0) {
		len = sizeof(*client);
		got = Recvfrom(fd, msg, MAXLINE, 0, (SA *) client, &len);
		printf("datagram of %d bytes from %s (addrlen %d)\n",
		       (int) got, numeric(client, addr, sizeof(addr)), (int) addrlen);

		now = time(NULL);
		snprintf(msg, sizeof(msg), "%.24s\r\n", ctime(&now));
		Sendto(fd, msg, strlen(msg), 0, (SA *) client, len);
	}
	free(client);
	return 0;
}
