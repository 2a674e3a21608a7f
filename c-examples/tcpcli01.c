/*
 * tcpcli01 -- TCP echo client (book Figure 5.4): lines from stdin to the
 * server, the echoed lines to stdout.
 * usage: tcpcli01 <IPaddress> [port]      (port defaults to SERV_PORT)
 */
#include "unp.h"

int main(int argc, char **argv)
{
	int sockfd;
	struct sockaddr_in servaddr;

	if (argc != 2 && argc != 3)
		err_quit("usage: tcpcli01 <IPaddress> [port]");

	sockfd = Socket(AF_INET, SOCK_STREAM, 0);

	bzero(&servaddr, sizeof(servaddr));
	servaddr.sin_family = AF_INET;
	servaddr.sin_port = htons(argc == 3 ? atoi(argv[2]) : SERV_PORT);
	Inet_pton(AF_INET, argv[1], &servaddr.sin_addr);

	Connect(sockfd, (SA *) &servaddr, sizeof(servaddr));

	str_cli(stdin, sockfd); /* do it all */

	exit(0);
}
