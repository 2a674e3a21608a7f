/*
 * unixstrserv01 -- Unix domain stream echo server, one child per client
 * (book Figure 15.3).
 * usage: unixstrserv01 [pathname [nclients]]   (pathname defaults to UNIXSTR_PATH)
 *   with nclients the server stops accepting after that many connections,
 *   waits for its children, removes the pathname and exits.
 */
#include "unp.h"

static void sig_chld(int signo)
{
	pid_t pid;
	int stat;

	(void) signo;
	while ((pid = waitpid(-1, &stat, WNOHANG)) > 0)
		;
	return;
}

int main(int argc, char **argv)
{
	int listenfd, connfd;
	long accepted = 0, limit = argc > 2 ? atol(argv[2]) : -1;
	pid_t childpid;
	socklen_t clilen;
	struct sockaddr_un cliaddr, servaddr;
	const char *path = argc > 1 ? argv[1] : UNIXSTR_PATH;

	if (strlen(path) >= sizeof(servaddr.sun_path))
		err_quit("pathname too long: %s", path);

	listenfd = Socket(AF_LOCAL, SOCK_STREAM, 0);

	unlink(path);
	bzero(&servaddr, sizeof(servaddr));
	servaddr.sun_family = AF_LOCAL;
	strcpy(servaddr.sun_path, path);

	Bind(listenfd, (SA *) &servaddr, sizeof(servaddr));
	Listen(listenfd, LISTENQ);

	Signal(SIGCHLD, sig_chld);

	while (limit < 0 || accepted < limit) {
		clilen = sizeof(cliaddr);
		if ((connfd = accept(listenfd, (SA *) &cliaddr, &clilen)) < 0) {
			if (errno == EINTR)
				continue; /* back to for() */
			else
				err_sys("accept error");
		}
		accepted++;

		if ((childpid = Fork()) == 0) { /* child process */
			Close(listenfd);        /* close listening socket */
			str_echo(connfd);       /* process request */
			exit(0);
		}
		Close(connfd); /* parent closes connected socket */
	}
	Close(listenfd);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	Unlink(path);
	exit(0);
}
