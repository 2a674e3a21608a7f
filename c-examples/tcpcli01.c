/*
 * tcpcli01: TCP/IPv4 echo client.  str_cli sends each line of stdin to the
 * server and copies the echo to stdout.
 * usage: tcpcli01 <IPaddress> [port]      (port SERV_PORT unless given)
 * A wrong argument count prints the book's usage line (tcpcliserv/tcpcli01.c).
 */
#include "unp.h"

static int dial(const char *ip, int port)
{
	struct sockaddr_in to;
	int fd = Socket(AF_INET, SOCK_STREAM, 0);

	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_port = htons(port);
	Inet_pton(AF_INET, ip, &to.sin_addr);
	Connect(fd, (SA *) &to, sizeof(to));
	return fd;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3)
		err_quit("usage: tcpcli <IPaddress>");

	str_cli(stdin, dial(argv[1], argc > 2 ? atoi(argv[2]) : SERV_PORT));
	return 0;
}
