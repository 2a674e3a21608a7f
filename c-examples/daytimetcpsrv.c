/*
 * daytimetcpsrv -- TCP daytime server that reports each client
 * (book chapter 4 style, Figure 4.11).
 * usage: daytimetcpsrv [port [nclients]]
 *   port defaults to 13; with nclients the server exits after serving that
 *   many connections (the book's server loops forever).
 */
#include "unp.h"
#include <time.h>

int main(int argc, char **argv)
{
	int listenfd, connfd;
	long served = 0, limit = argc > 2 ? atol(argv[2]) : -1;
	socklen_t len;
	struct sockaddr_in servaddr, cliaddr;
	char buff[MAXLINE];
	time_t ticks;

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
		printf("connection from %s, port %d\n",
		       Inet_ntop(AF_INET, &cliaddr.sin_addr, buff, sizeof(buff)),
		       ntohs(cliaddr.sin_port));

		ticks = time(NULL);
		snprintf(buff, sizeof(buff), "%.24s\r\n", ctime(&ticks));
		Write(connfd, buff, strlen(buff));

		Close(connfd);
	}
	exit(0);
}
