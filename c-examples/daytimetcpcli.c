/*
 * daytimetcpcli -- TCP daytime client (book Figure 1.5 style).
 * usage: daytimetcpcli <IPaddress> [port]      (port defaults to 13)
 */
#include "unp.h"

int main(int argc, char **argv)
{
	int sockfd;
	ssize_t n;
	char recvline[MAXLINE + 1];
	struct sockaddr_in servaddr;

	if (argc != 2 && argc != 3)
		err_quit("usage: daytimetcpcli <IPaddress> [port]");

	sockfd = Socket(AF_INET, SOCK_STREAM, 0);

	bzero(&servaddr, sizeof(servaddr));
	servaddr.sin_family = AF_INET;
	servaddr.sin_port = htons(argc == 3 ? atoi(argv[2]) : 13);
	Inet_pton(AF_INET, argv[1], &servaddr.sin_addr);

	Connect(sockfd, (SA *) &servaddr, sizeof(servaddr));

	while ((n = Read(sockfd, recvline, MAXLINE)) > 0) {
		recvline[n] = 0; /* null terminate */
		Fputs(recvline, stdout);
	}
	exit(0);
}
