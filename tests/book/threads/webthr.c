/*
 * A web client's skeleton in the style of the book's threads/web01.c: one
 * thread per file, each "download" taking a different time, and the main
 * thread reaping whichever thread ends first with Solaris's
 * thr_join(0, &tid, &status).  The threads are started three ways
 * (Pthread_create, pthread_create, thr_create) and end two ways (return,
 * thr_exit); all are reaped in the order they end, which is not the order
 * they were created in.  So that a loaded machine cannot reorder them, a
 * thread also waits, after its "download", until the main thread has
 * reaped the threads due before it.
 */
#include	"unpthread.h"
#include	<thread.h>		/* Solaris threads */

#define	NFILES	5

struct file {
  char		*f_name;		/* filename */
  int		 f_msec;		/* how long its "download" takes */
  int		 f_order;		/* so it ends after f_order others */
  int		 f_done;
  thread_t	 f_tid;			/* thread ID, as the creator got it */
  thread_t	 f_self;		/* thread ID, as thr_self() gave it */
} file[NFILES] = {
	{ "index.html", 130, 3 },
	{ "logo.gif", 10, 0 },
	{ "style.css", 90, 2 },
	{ "menu.js", 50, 1 },
	{ "photo.jpg", 170, 4 },
};

int				nreaped;	/* threads the main thread has reaped */
pthread_mutex_t	nreaped_mutex = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t	nreaped_cond = PTHREAD_COND_INITIALIZER;

struct timespec	start;		/* when main started the threads */

void *
do_get_read(void *vptr)
{
	struct file		*fptr = vptr;
	struct timespec	ts;

	fptr->f_self = thr_self();
	thr_yield();
		/* done f_msec after start, however late this thread began */
	ts = start;
	ts.tv_nsec += fptr->f_msec * 1000000L;
	ts.tv_sec += ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);

	Pthread_mutex_lock(&nreaped_mutex);
	while (nreaped < fptr->f_order)
		Pthread_cond_wait(&nreaped_cond, &nreaped_mutex);
	Pthread_mutex_unlock(&nreaped_mutex);
	fptr->f_done = 1;
	if (strcmp(fptr->f_name, "photo.jpg") == 0)
		thr_exit(fptr);			/* terminate thread, Solaris style */
	return(fptr);				/* terminate thread */
}

int
main(int argc, char **argv)
{
	int				i, n, nlefttoread;
	thread_t		tid, departed;
	struct file		*fptr;
	void			*status;
	static struct file	extra = { "extra.txt", 5, 0 };

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (i = 0; i < NFILES; i++) {
		if (i == 0) {
			if ( (n = thr_create(NULL, 0, do_get_read, &file[i], 0, &file[i].f_tid)) != 0)
				errno = n, err_sys("thr_create error");
		} else if (i == 1) {
			if ( (n = pthread_create(&file[i].f_tid, NULL, do_get_read, &file[i])) != 0)
				errno = n, err_sys("pthread_create error");
		} else
			Pthread_create(&file[i].f_tid, NULL, &do_get_read, &file[i]);
	}

	for (nlefttoread = NFILES; nlefttoread > 0; nlefttoread--) {
		if ( (n = thr_join(0, &tid, (void **) &fptr)) != 0)
			errno = n, err_sys("thr_join error");
		printf("thread for %s done%s%s\n", fptr->f_name,
			   pthread_equal(tid, fptr->f_tid) ? "" : " (wrong ID)",
			   pthread_equal(tid, fptr->f_self) ? "" : " (wrong thr_self)");
		Pthread_mutex_lock(&nreaped_mutex);
		nreaped++;
		Pthread_cond_broadcast(&nreaped_cond);
		Pthread_mutex_unlock(&nreaped_mutex);
	}

	n = thr_join(0, &departed, &status);
	printf("nothing left: %s\n", n == ESRCH ? "ESRCH" : strerror(n));
	n = thr_join(thr_self(), NULL, NULL);
	printf("joining itself: %s\n", n == EDEADLK ? "EDEADLK" : strerror(n));

	clock_gettime(CLOCK_MONOTONIC, &start);
	Pthread_create(&tid, NULL, &do_get_read, &extra);
	if ( (n = thr_join(tid, &departed, &status)) != 0)
		errno = n, err_sys("thr_join error");
	printf("joined %s by its ID%s\n", ((struct file *) status)->f_name,
		   pthread_equal(tid, departed) ? "" : " (wrong ID)");
	exit(0);
}
