/*
 * daytimetcpcli_names -- protocol-independent TCP daytime client
 * (book Figure 11.11, names/daytimetcpcli.c): Tcp_connect resolves the host
 * and service with getaddrinfo and tries each address in turn.
 * usage: daytimetcpcli_names <hostname/IPaddress> <service/port#>
 * (The book prints the peer with Sock_ntop_host; this copy uses Inet_ntop.)
 */
#include "unp.h"

int main(int argc, char **argv)
{
	int sockfd, n;
	char recvline[MAXLINE + 1], host[INET6_ADDRSTRLEN];
	socklen_t len;
	struct sockaddr_storage ss;

	if (argc != 3)
		err_quit("usage: daytimetcpcli_names <hostname/IPaddress> <service/port#>");

	sockfd = Tcp_connect(argv[1], argv[2]);

	len = sizeof(ss);
	Getpeername(sockfd, (SA *) &ss, &len);
	if (ss.ss_family == AF_INET6)
		Inet_ntop(AF_INET6, &((struct sockaddr_in6 *) &ss)->sin6_addr, host, sizeof(host));
	else
		Inet_ntop(AF_INET, &((struct sockaddr_in *) &ss)->sin_addr, host, sizeof(host));
	printf("connected to %s\n", host);

	while ((n = Read(sockfd, recvline, MAXLINE)) > 0) {
		recvline[n] = 0; /* null terminate */
		Fputs(recvline, stdout);
	}
	exit(0);
}
