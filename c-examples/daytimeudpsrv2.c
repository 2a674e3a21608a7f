/*
 * daytimeudpsrv2 -- protocol-independent UDP daytime server
 * (book Figure 11.19, names/daytimeudpsrv2.c): Udp_server binds the socket.
 * usage: daytimeudpsrv2 [-n count] [ <host> ] <service or port>
 *   with -n the server exits after answering count datagrams.
 */
#include "unp.h"
#include <time.h>

int main(int argc, char **argv)
{
	int sockfd = -1; /* err_quit is not declared noreturn */
	long served = 0, limit = -1;
	ssize_t n;
	char buff[MAXLINE], host[INET6_ADDRSTRLEN];
	time_t ticks;
	socklen_t len, addrlen;
	struct sockaddr_storage *cliaddr;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		limit = atol(argv[2]);
		argc -= 2;
		argv += 2;
	}
	if (argc == 2)
		sockfd = Udp_server(NULL, argv[1], &addrlen);
	else if (argc == 3)
		sockfd = Udp_server(argv[1], argv[2], &addrlen);
	else
		err_quit("usage: daytimeudpsrv2 [-n count] [ <host> ] <service or port>");

	cliaddr = Malloc(sizeof(*cliaddr));

	while (limit < 0 || served++ < limit) {
		len = sizeof(*cliaddr);
		n = Recvfrom(sockfd, buff, MAXLINE, 0, (SA *) cliaddr, &len);
		if (cliaddr->ss_family == AF_INET6)
			Inet_ntop(AF_INET6, &((struct sockaddr_in6 *) cliaddr)->sin6_addr, host, sizeof(host));
		else
			Inet_ntop(AF_INET, &((struct sockaddr_in *) cliaddr)->sin_addr, host, sizeof(host));
		printf("datagram of %d bytes from %s (addrlen %d)\n", (int) n, host, (int) addrlen);

		ticks = time(NULL);
		snprintf(buff, sizeof(buff), "%.24s\r\n", ctime(&ticks));
		Sendto(sockfd, buff, strlen(buff), 0, (SA *) cliaddr, len);
	}
	free(cliaddr);
	exit(0);
}
