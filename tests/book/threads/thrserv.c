/*
 * A threaded echo server in the style of the book's threads/tcpserv02.c,
 * declaring its thread IDs as Solaris's thread_t: one thread per client for
 * <#clients> clients.  The threads of odd-numbered clients detach
 * themselves; the others are reaped with thr_join(0, ...), which then
 * reports that none is left.
 */
#include	"unpthread.h"
#include	<thread.h>		/* Solaris threads */

struct client {
  int	c_fd;			/* connected socket */
  int	c_number;		/* 1, 2, ... in the order accepted */
};

static void	*doit(void *);		/* each thread executes this function */

int
main(int argc, char **argv)
{
	int				listenfd, i, n, nclients, njoined;
	static int		joined[64];
	thread_t		tid, departed;
	socklen_t		addrlen, len;
	struct sockaddr	*cliaddr;
	struct client	*cptr;
	void			*status;

	if (argc != 4)
		err_quit("usage: thrserv <host> <port#> <#clients>");
	listenfd = Tcp_listen(argv[1], argv[2], &addrlen);
	nclients = min(atoi(argv[3]), 64);

	cliaddr = Malloc(addrlen);
	for (i = 1; i <= nclients; i++) {
		len = addrlen;
		cptr = Malloc(sizeof(struct client));
		cptr->c_fd = Accept(listenfd, cliaddr, &len);
		cptr->c_number = i;
		Pthread_create(&tid, NULL, &doit, cptr);
	}

	for (njoined = 0; (n = thr_join(0, &departed, &status)) == 0; njoined++) {
		cptr = status;
		joined[cptr->c_number - 1] = 1;
		free(cptr);
	}
	printf("%d clients, %d threads joined:", nclients, njoined);
	for (i = 1; i <= nclients; i++)
		if (joined[i - 1] == 1)
			printf(" %d", i);
	printf("\nthen thr_join: %s\n", n == ESRCH ? "ESRCH" : strerror(n));
	exit(0);
}

static void *
doit(void *arg)
{
	struct client	*cptr = arg;
	int				connfd = cptr->c_fd;

	if (cptr->c_number % 2 == 1) {
		Pthread_detach(pthread_self());
		free(arg);
		arg = NULL;
	}
	str_echo(connfd);		/* same function as before */
	Close(connfd);			/* done with connected socket */
	return(arg);
}
