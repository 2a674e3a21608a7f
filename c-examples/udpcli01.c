/*
 * udpcli01: UDP/IPv4 echo client.  dg_cli sends each line of stdin as a
 * datagram and prints the datagrams that come back.
 * usage: udpcli01 <IPaddress> [port]      (port SERV_PORT unless given)
 * A wrong argument count prints the book's usage line (udpcliserv/udpcli01.c).
 */
#include "unp.h"

int main(int argc, char **argv)
{
	struct sockaddr_in server;

	if (argc < 2 || argc > 3)
		err_quit("usage: udpcli <IPaddress>");

	memset(&server, 0, sizeof(server));
	server.sin_family = AF_INET;
	server.sin_port = htons(argc > 2 ? atoi(argv[2]) : SERV_PORT);
	Inet_pton(AF_INET, argv[1], &server.sin_addr);

	dg_cli(stdin, Socket(AF_INET, SOCK_DGRAM, 0), (SA *) &server, sizeof(server));
	return 0;
}
