/*
 * tcpservselect01: TCP/IPv4 echo server in a single process.  One select()
 * watches the listening socket and every client; whatever a client sends is
 * written straight back.
 * usage: tcpservselect01 [port [nclients]]
 *   port SERV_PORT unless given; with nclients the server quits once that
 *   many clients have disconnected.
 */
#include "unp.h"

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

/* Echoes what fd has to say; returns 0 once the client has hung up. */
static int echo_some(int fd)
{
	char buf[MAXLINE];
	ssize_t got = Read(fd, buf, sizeof(buf));

	if (got > 0)
		Writen(fd, buf, got);
	return got > 0;
}

int main(int argc, char **argv)
{
	long left = argc > 2 ? atol(argv[2]) : -1; /* < 0: no limit */
	int lfd = listen_on(argc > 1 ? atoi(argv[1]) : SERV_PORT);
	int top = lfd, ready, fd;
	fd_set watched, readable;
	struct sockaddr_in from;
	socklen_t len;

	FD_ZERO(&watched);
	FD_SET(lfd, &watched);

	while (left != 0) {
		readable = watched;
		ready = Select(top + 1, &readable, NULL, NULL, NULL);

		if (FD_ISSET(lfd, &readable)) {
			ready--;
			len = sizeof(from);
			fd = Accept(lfd, (SA *) &from, &len);
			if (fd >= FD_SETSIZE)
				err_quit("too many clients");
			FD_SET(fd, &watched);
			if (fd > top)
				top = fd;
		}

		/* Descriptors are scanned in order until all ready ones were seen. */
		for (fd = 0; fd <= top && ready > 0; fd++) {
			if (fd == lfd || !FD_ISSET(fd, &readable))
				continue;
			ready--;
			if (!echo_some(fd)) {
				Close(fd);
				FD_CLR(fd, &watched);
				left -= left > 0;
			}
		}
	}
	return 0;
}
