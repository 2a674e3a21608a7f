/*
 * daytimetcpcli_names: daytime client that works with IPv4 and IPv6 alike.
 * Tcp_connect looks up host and service and connects to the first address
 * that answers; the program then says which one it reached.
 * usage: daytimetcpcli_names <hostname/IPaddress> <service/port#>
 * (The peer is shown with Inet_ntop rather than Sock_ntop_host.)
 */
#include "unp.h"

/* The numeric address of fd's peer, written into buf. */
static const char *peer_name(int fd, char *buf, size_t size)
{
	struct sockaddr_storage peer;
	socklen_t len = sizeof(peer);

	Getpeername(fd, (SA *) &peer, &len);
	if (peer.ss_family == AF_INET6)
		return Inet_ntop(AF_INET6, &((struct sockaddr_in6 *) &peer)->sin6_addr, buf, size);
	return Inet_ntop(AF_INET, &((struct sockaddr_in *) &peer)->sin_addr, buf, size);
}

int main(int argc, char **argv)
{
	char text[MAXLINE + 1], addr[INET6_ADDRSTRLEN];
	ssize_t got;
	int fd;

	if (argc != 3)
		err_quit("usage: daytimetcpcli_names <hostname/IPaddress> <service/port#>");

	fd = Tcp_connect(argv[1], argv[2]);
	printf("connected to %s\n", peer_name(fd, addr, sizeof(addr)));

	while ((got = Read(fd, text, MAXLINE)) > 0) {
		text[got] = '\0';
		Fputs(text, stdout);
	}
	return 0;
}
