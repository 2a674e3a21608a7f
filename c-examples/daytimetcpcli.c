/*
 * daytimetcpcli: fetch the time of day from a daytime server over TCP/IPv4
 * and print whatever it sends until it closes the connection.
 * usage: daytimetcpcli <IPaddress> [port]      (port 13 unless given)
 * A wrong argument count prints the book's usage line (intro/daytimetcpcli.c).
 */
#include "unp.h"

/* A TCP socket connected to the dotted-quad address ip, port port. */
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
	char text[MAXLINE + 1];
	ssize_t got;
	int fd;

	if (argc < 2 || argc > 3)
		err_quit("usage: a.out <IPaddress>");
	fd = dial(argv[1], argc > 2 ? atoi(argv[2]) : 13);

	/* TCP keeps no record boundaries: the answer may come in pieces. */
	while ((got = Read(fd, text, MAXLINE)) > 0) {
		text[got] = '\0';
		Fputs(text, stdout);
	}
	return 0;
}
