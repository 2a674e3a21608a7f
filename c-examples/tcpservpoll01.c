/*
 * tcpservpoll01: TCP/IPv4 echo server in a single process, built on poll().
 * Slot 0 of the pollfd table is the listening socket, the others hold
 * clients; a free slot has fd -1, which poll() skips.
 * usage: tcpservpoll01 [port [nclients]]
 *   port SERV_PORT unless given; with nclients the server quits once that
 *   many clients have disconnected.
 */
#include "unp.h"
#include <limits.h>

#ifdef OPEN_MAX
#define NSLOTS OPEN_MAX
#else
#define NSLOTS 1024
#endif

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

/*
 * Echoes what the client in slot p has sent.  Returns 0 when the client is
 * gone (end of file, or a reset), after closing and freeing the slot.
 */
static int echo_some(struct pollfd *p)
{
	char buf[MAXLINE];
	ssize_t got = read(p->fd, buf, sizeof(buf));

	if (got < 0 && errno != ECONNRESET)
		err_sys("read error");
	if (got > 0) {
		Writen(p->fd, buf, got);
		return 1;
	}
	Close(p->fd);
	p->fd = -1;
	return 0;
}

int main(int argc, char **argv)
{
	static struct pollfd slot[NSLOTS];
	long left = argc > 2 ? atol(argv[2]) : -1; /* < 0: no limit */
	int used = 1, ready, i, fd;                /* slots in use: [0, used) */
	struct sockaddr_in from;
	socklen_t len;

	slot[0].fd = listen_on(argc > 1 ? atoi(argv[1]) : SERV_PORT);
	slot[0].events = POLLRDNORM;
	for (i = 1; i < NSLOTS; i++)
		slot[i].fd = -1;

	while (left != 0) {
		ready = Poll(slot, used, INFTIM);

		if (slot[0].revents & POLLRDNORM) {
			ready--;
			len = sizeof(from);
			fd = Accept(slot[0].fd, (SA *) &from, &len);
			for (i = 1; i < NSLOTS && slot[i].fd >= 0; i++)
				;
			if (i == NSLOTS)
				err_quit("too many clients");
			slot[i].fd = fd;
			slot[i].events = POLLRDNORM;
			if (i >= used)
				used = i + 1;
		}

		for (i = 1; i < used && ready > 0; i++) {
			if (slot[i].fd < 0 || !(slot[i].revents & (POLLRDNORM | POLLERR)))
				continue;
			ready--;
			if (!echo_some(&slot[i]))
				left -= left > 0;
		}
	}
	return 0;
}
