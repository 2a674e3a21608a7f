/*
 * tcpserv01 -- concurrent TCP echo server: one child per client, a SIGCHLD
 * handler that reaps every terminated child, accept() restarted after EINTR
 * (book Figures 5.2 and 5.12, the tcpserv04 version).
 * usage: tcpserv01 [port [nclients]]
 *   port defaults to SERV_PORT; with nclients the server stops accepting after
 *   that many connections, waits for its children and exits.
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
	struct sockaddr_in cliaddr, servaddr;

	listenfd = Socket(AF_INET, SOCK_STREAM, 0);

	bzero(&servaddr, sizeof(servaddr));
	servaddr.sin_family = AF_INET;
	servaddr.sin_addr.s_addr = htonl(INADDR_ANY);
	servaddr.sin_port = htons(argc > 1 ? atoi(argv[1]) : SERV_PORT);

	Bind(listenfd, (SA *) &servaddr, sizeof(servaddr));
	Listen(listenfd, LISTENQ);

	Signal(SIGCHLD, sig_chld); /* must call waitpid() */

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
			str_echo(connfd);       /* process the request */
			exit(0);
		}
		Close(connfd); /* parent closes connected socket */
	}
	Close(listenfd);
	while (wait(NULL) > 0 || errno == EINTR) /* the last children */
		;
	exit(0);
}
