/*
 * daytimetcpsrv1 -- protocol-independent TCP daytime server
 * (book Figure 11.14, names/daytimetcpsrv1.c): Tcp_listen creates the
 * listening socket; each client is reported with Inet_ntop.
 * usage: daytimetcpsrv1 [-n count] [ <host> ] <service or port>
 *   with -n the server exits after serving count clients (the book's server
 *   loops forever).
 */
#include "unp.h"
#include <time.h>

int main(int argc, char **argv)
{
	int listenfd = -1, connfd; /* -1: err_quit is not declared noreturn */
	long served = 0, limit = -1;
	socklen_t len, addrlen;
	char buff[MAXLINE], host[INET6_ADDRSTRLEN];
	time_t ticks;
	struct sockaddr_storage *cliaddr;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		limit = atol(argv[2]);
		argc -= 2;
		argv += 2;
	}
	if (argc == 2)
		listenfd = Tcp_listen(NULL, argv[1], &addrlen);
	else if (argc == 3)
		listenfd = Tcp_listen(argv[1], argv[2], &addrlen);
	else
		err_quit("usage: daytimetcpsrv1 [-n count] [ <host> ] <service or port>");

	cliaddr = Malloc(sizeof(*cliaddr));

	while (limit < 0 || served++ < limit) {
		len = sizeof(*cliaddr);
		connfd = Accept(listenfd, (SA *) cliaddr, &len);
		if (cliaddr->ss_family == AF_INET6)
			Inet_ntop(AF_INET6, &((struct sockaddr_in6 *) cliaddr)->sin6_addr, host, sizeof(host));
		else
			Inet_ntop(AF_INET, &((struct sockaddr_in *) cliaddr)->sin_addr, host, sizeof(host));
		printf("connection from %s (addrlen %d, peer len %d)\n", host, (int) addrlen, (int) len);

		ticks = time(NULL);
		snprintf(buff, sizeof(buff), "%.24s\r\n", ctime(&ticks));
		Write(connfd, buff, strlen(buff));

		Close(connfd);
	}
	free(cliaddr);
	exit(0);
}
