/*
 * udpcli01 -- UDP echo client (book Figure 8.7).
 * usage: udpcli01 <IPaddress> [port]      (port defaults to SERV_PORT)
 */
#include "unp.h"

int main(int argc, char **argv)
{
	int sockfd;
	struct sockaddr_in servaddr;

	if (argc != 2 && argc != 3)
		err_quit("usage: udpcli01 <IPaddress> [port]");

	bzero(&servaddr, sizeof(servaddr));
	servaddr.sin_family = AF_INET;
	servaddr.sin_port = htons(argc == 3 ? atoi(argv[2]) : SERV_PORT);
	Inet_pton(AF_INET, argv[1], &servaddr.sin_addr);

	sockfd = Socket(AF_INET, SOCK_DGRAM, 0);

	dg_cli(stdin, sockfd, (SA *) &servaddr, sizeof(servaddr));

	exit(0);
}
