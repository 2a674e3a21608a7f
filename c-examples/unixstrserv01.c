/*
 * unixstrserv01: echo server on a Unix domain stream socket, one forked
 * child (running str_echo) per client, with a SIGCHLD handler collecting
 * the children and accept() retried after EINTR.
 * usage: unixstrserv01 [pathname [nclients]]   (UNIXSTR_PATH unless given)
 *   With nclients the server accepts that many connections, waits for its
 *   children, removes the pathname and quits.
 */
#include "unp.h"

/* Collects every child that has ended; one SIGCHLD may cover several. */
static void reap(int sig)
{
	int status;

	(void) sig;
	while (waitpid(-1, &status, WNOHANG) > 0)
		continue;
}

/* A listening socket at path; a stale file left there is removed first. */
static int listen_at(const char *path)
{
	struct sockaddr_un me;
	int fd;

	if (strlen(path) >= sizeof(me.sun_path))
		err_quit("pathname too long: %s", path);
	fd = Socket(AF_LOCAL, SOCK_STREAM, 0);
	unlink(path);
	memset(&me, 0, sizeof(me));
	me.sun_family = AF_LOCAL;
	strcpy(me.sun_path, path);
	Bind(fd, (SA *) &me, sizeof(me));
	Listen(fd, LISTENQ);
	return fd;
}

/* accept(), retried when the SIGCHLD handler interrupted it. */
static int next_client(int lfd)
{
	struct sockaddr_un from;
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
	const char *path = argc > 1 ? argv[1] : UNIXSTR_PATH;
	long left = argc > 2 ? atol(argv[2]) : -1; /* < 0: no limit */
	int lfd = listen_at(path), fd;

	Signal(SIGCHLD, reap);

	for (; left != 0; left -= left > 0) {
		fd = next_client(lfd);
		if (Fork() == 0) {
			Close(lfd);
			str_echo(fd);
			exit(0);
		}
		Close(fd);
	}

	Close(lfd);
	while (wait(NULL) > 0 || errno == EINTR)
		continue;
	Unlink(path);
	return 0;
}
