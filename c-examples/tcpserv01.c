/*
 * tcpserv01: concurrent TCP/IPv4 echo server, one forked child per client
 * running str_echo.  Dead children are collected in a SIGCHLD handler, and
 * an accept() cut short by that handler (EINTR) is simply tried again.
 * usage: tcpserv01 [port [nclients]]
 *   port SERV_PORT unless given.  With nclients the server accepts that
 *   many connections, then waits for the children still running and quits.
 */
#include "unp.h"

/*
 * Signals do not queue: one SIGCHLD may stand for several dead children,
 * so collect all of them, without blocking on those still alive.
 */
static void reap(int sig)
{
	int status;

	(void) sig;
	while (waitpid(-1, &status, WNOHANG) > 0)
		continue;
}

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

/* accept(), retried when the SIGCHLD handler interrupted it. */
static int next_client(int lfd)
{
	struct sockaddr_in from;
	socklen_t len;
	int fd;

	do {
		len = sizeof(from);
		fd = accept(lfd, (SA *) &from, &len);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0)
		err_sys("accept error");
	return fd;
}

int main(int argc, char **argv)
{
	long left = argc > 2 ? atol(argv[2]) : -1; /* < 0: no limit */
	int lfd = listen_on(argc > 1 ? atoi(argv[1]) : SERV_PORT);
	int fd;

	Signal(SIGCHLD, reap);

	for (; left != 0; left -= left > 0) {
		fd = next_client(lfd);
		if (Fork() == 0) {
			Close(lfd);
			str_echo(fd);
			exit(0);
		}
		Close(fd); /* the child has its own copy */
	}

	/* Out of connections: let the remaining children finish first. */
	Close(lfd);
	while (wait(NULL) > 0 || errno == EINTR)
		continue;
	return 0;
}
