/*
 * daytimetcpsrv2 -- TCP daytime server that runs as a daemon and logs each
 * client through syslog (book Figure 13.5, with Socket/Bind/Listen instead
 * of tcp_listen).  daemon_init comes first: it closes every descriptor.
 * usage: daytimetcpsrv2 [port [nclients]]
 *   port defaults to 13; with nclients the daemon exits after serving that
 *   many connections.
 */
#include "unp.h"
#include <syslog.h>
#include <time.h>

int main(int argc, char **argv)
{
	int listenfd, connfd;
	long served = 0, limit = argc > 2 ? atol(argv[2]) : -1;
	socklen_t len;
	struct sockaddr_in servaddr, cliaddr;
	char buff[MAXLINE], addr[INET_ADDRSTRLEN];
	time_t ticks;

	daemon_init(argv[0], LOG_USER);

	listenfd = Socket(AF_INET, SOCK_STREAM, 0);

	bzero(&servaddr, sizeof(servaddr));
	servaddr.sin_family = AF_INET;
	servaddr.sin_addr.s_addr = htonl(INADDR_ANY);
	servaddr.sin_port = htons(argc > 1 ? atoi(argv[1]) : 13);

	Bind(listenfd, (SA *) &servaddr, sizeof(servaddr));
	Listen(listenfd, LISTENQ);

	while (limit < 0 || served++ < limit) {
		len = sizeof(cliaddr);
		connfd = Accept(listenfd, (SA *) &cliaddr, &len);
		err_msg("connection from %s, port %d",
		        Inet_ntop(AF_INET, &cliaddr.sin_addr, addr, sizeof(addr)),
		        ntohs(cliaddr.sin_port));

		ticks = time(NULL);
		snprintf(buff, sizeof(buff), "%.24s\r\n", ctime(&ticks));
		Write(connfd, buff, strlen(buff));

		Close(connfd);
	}
	exit(0);
}
