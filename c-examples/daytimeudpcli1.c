/*
 * daytimeudpcli1 -- protocol-independent UDP daytime client
 * (book Figure 11.17, names/daytimeudpcli1.c): Udp_client resolves the
 * server and hands back a Malloc'ed copy of its address.
 * usage: daytimeudpcli1 <hostname/IPaddress> <service/port#>
 */
#include "unp.h"

int main(int argc, char **argv)
{
	int sockfd, n;
	char recvline[MAXLINE + 1], host[INET6_ADDRSTRLEN];
	socklen_t salen;
	struct sockaddr *sa;

	if (argc != 3)
		err_quit("usage: daytimeudpcli1 <hostname/IPaddress> <service/port#>");

	sockfd = Udp_client(argv[1], argv[2], &sa, &salen);

	if (sa->sa_family == AF_INET6)
		Inet_ntop(AF_INET6, &((struct sockaddr_in6 *) sa)->sin6_addr, host, sizeof(host));
	else
		Inet_ntop(AF_INET, &((struct sockaddr_in *) sa)->sin_addr, host, sizeof(host));
	printf("sending to %s (salen %d)\n", host, (int) salen);

	Sendto(sockfd, "", 1, 0, sa, salen); /* send 1-byte datagram */

	n = Recvfrom(sockfd, recvline, MAXLINE, 0, NULL, NULL);
	recvline[n] = '\0'; /* null terminate */
	Fputs(recvline, stdout);
	free(sa); /* Udp_client's copy belongs to the caller */
	exit(0);
}
