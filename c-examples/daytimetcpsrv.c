/*
 * daytimetcpsrv: iterative TCP/IPv4 daytime server.  Every client gets one
 * ctime line, and the server prints the client's address and port, in the
 * address family that Sockfd_to_family reports for the connected socket.
 * usage: daytimetcpsrv [port [nclients]]
 *   port 13 unless given; with nclients the server quits after that many
 *   clients instead of running forever.
 */
#include "unp.h"
#include <time.h>

/* A listening TCP socket on port port of every local IPv4 address. */
static int listen_on(int port)
{
	struct sockaddr_in me;
	int fd = Socket(AF_INET, SOCK_STREAM, 0);

	memset(&me, 0, sizeof(me));
	me.sin_family = AF_INET;
	me.sin_addr.s_addr = htonl(INADDR_ANY);
	me.sin_port = htons(port);
	Bind(fd, (SA *) &me, sizeof(me));
	Listen(fd, LISTENQ);
	return fd;
}

/* Sends the current time as "Www Mmm dd hh:mm:ss yyyy\r\n". */
static void send_time(int fd)
{
	char line[64];
	time_t now = time(NULL);

	snprintf(line, sizeof(line), "%.24s\r\n", ctime(&now));
	Write(fd, line, strlen(line));
}

int main(int argc, char **argv)
{
	long left = argc > 2 ? atol(argv[2]) : -1; /* < 0: no limit */
	int lfd = listen_on(argc > 1 ? atoi(argv[1]) : 13);
	struct sockaddr_in from;
	char addr[INET_ADDRSTRLEN];
	socklen_t len;
	int fd;

	for (; left != 0; left -= left > 0) {
		len = sizeof(from);
		fd = Accept(lfd, (SA *) &from, &len);
		printf("connection from %s, port %d\n",
		       Inet_ntop(Sockfd_to_family(fd), &from.sin_addr, addr, sizeof(addr)),
		       ntohs(from.sin_port));
		send_time(fd);
		Close(fd);
	}
	return 0;
}
