/*
 * As the book's threads/tcpserv02.c: declares its thread ID as a thread_t
 * and passes its address to Pthread_create, with "unpthread.h" as its only
 * include (and no <thread.h>).
 */
#include	"unpthread.h"

static void *
doit(void *arg)
{
	return(arg);
}

int
main(int argc, char **argv)
{
	thread_t	tid;
	void		*status;

	Pthread_create(&tid, NULL, &doit, "thread_t from unp.h");
	Pthread_join(tid, &status);
	printf("%s, %d bytes like pthread_t\n", (char *) status,
		   (int) sizeof(thread_t) * (sizeof(thread_t) == sizeof(pthread_t)));
	exit(0);
}
