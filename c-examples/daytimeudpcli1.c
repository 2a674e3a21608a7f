/*
 * daytimeudpcli1: daytime client over UDP, IPv4 or IPv6.  Udp_client
 * resolves the server and returns a Malloc'ed copy of its address, to which
 * an empty-looking one-byte datagram is sent; the reply is printed.
 * usage: daytimeudpcli1 <hostname/IPaddress> <service/port#>
 */
#include "unp.h"

static const char *numeric(const SA *sa, char *buf, size_t size)
{
	if (sa->sa_family == AF_INET6)
		return Inet_ntop(AF_INET6, &((const struct sockaddr_in6 *) sa)->sin6_addr, buf, size);
	return Inet_ntop(AF_INET, &((const struct sockaddr_in *) sa)->sin_addr, buf, size);
}

int main(int argc, char **argv)
{
	char reply[MAXLINE + 1], addr[INET6_ADDRSTRLEN];
	SA *server;
	socklen_t len;
	ssize_t got;
	int fd;

	if (argc != 3)
		err_quit("usage: daytimeudpcli1 <hostname/IPaddress> <service/port#>");

	fd = Udp_client(argv[1], argv[2], &server, &len);
	printf("sending to %s (salen %d)\n", numeric(server, addr, sizeof(addr)), (int) len);

	/* Any datagram will do as a request; this one holds just a NUL. */
	Sendto(fd, "", 1, 0, server, len);
	got = Recvfrom(fd, reply, MAXLINE, 0, NULL, NULL);
	reply[got] = '\0';
	Fputs(reply, stdout);

	free(server);
	return 0;
}
