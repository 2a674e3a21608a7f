/*
 * Solaris threads through <thread.h> (book/include): bad arguments get an
 * error number, detached threads are not waited for, every way of ending
 * is seen by thr_join(0, ...), a forked child has no thread to join, and
 * Pthread_join of a thread that is not joinable gets the book's diagnostic.
 */
#include "unpthread.h"
#include <thread.h>

static int blocker_pipe[2];

static void *ret(void *arg) { return arg; }

static void *by_pthread_exit(void *arg) { pthread_exit(arg); }

static void *sleeper(void *arg)
{
	struct timespec ts = { 0, 30 * 1000000L };

	nanosleep(&ts, NULL);
	return arg;
}

static void *blocker(void *arg)
{
	char c;

	if (read(blocker_pipe[0], &c, 1) < 0)	/* nothing is ever written */
		err_sys("read error");
	return arg;
}

static const char *name(int n)
{
	switch (n) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case ESRCH: return "ESRCH";
	case ENOTSUP: return "ENOTSUP";
	case EDEADLK: return "EDEADLK";
	default: return strerror(n);
	}
}

int main(void)
{
	thread_t t, d;
	void *st;
	int n, status;
	pid_t pid;
	pthread_attr_t attr;
	char *stack;

	printf("thr_create NULL start: %s\n", name(thr_create(NULL, 0, NULL, NULL, 0, &t)));
	printf("thr_create unknown flag: %s\n", name(thr_create(NULL, 0, ret, NULL, 0x4000, &t)));
	printf("thr_create THR_SUSPENDED: %s\n",
	       name(thr_create(NULL, 0, ret, NULL, THR_SUSPENDED, &t)));
	printf("thr_create tiny stack: %s\n", name(thr_create(NULL, 1, ret, NULL, 0, &t)));
	printf("pthread_create NULL start: %s\n", name(pthread_create(&t, NULL, NULL, NULL)));
	printf("thr_join with none: %s\n", name(thr_join(0, &d, &st)));

	n = thr_create(NULL, 0, sleeper, NULL, THR_DETACHED | THR_BOUND | THR_NEW_LWP | THR_DAEMON,
		       NULL);
	printf("thr_create detached: %s; thr_join: %s\n", name(n), name(thr_join(0, &d, &st)));
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	Pthread_create(&t, &attr, sleeper, NULL);
	pthread_attr_destroy(&attr);
	printf("detached by attribute: thr_join: %s\n", name(thr_join(0, &d, &st)));

	n = thr_create(NULL, 256 * 1024, ret, "sized stack", 0, &t);
	if (n == 0)
		n = thr_join(0, &d, &st);
	printf("%s: %s, same ID %d\n", name(n), n ? "" : (char *) st, pthread_equal(t, d) != 0);
	stack = Malloc(256 * 1024);
	n = thr_create(stack, 256 * 1024, ret, "own stack", 0, &t);
	if (n == 0)
		n = thr_join(0, &d, &st);
	printf("%s: %s, same ID %d\n", name(n), n ? "" : (char *) st, pthread_equal(t, d) != 0);
	free(stack);
	Pthread_create(&t, NULL, by_pthread_exit, "via pthread_exit");
	n = thr_join(0, &d, &st);
	printf("%s: %s\n", name(n), n ? "" : (char *) st);

	Pthread_create(&t, NULL, ret, "joined by Pthread_join");
	Pthread_join(t, &st);
	printf("%s; then thr_join: %s\n", (char *) st, name(thr_join(0, &d, &st)));

	Pthread_create(&t, NULL, sleeper, "parent's thread");
	fflush(stdout);
	if ((pid = Fork()) == 0) {
		printf("child: thr_join: %s\n", name(thr_join(0, &d, &st)));
		exit(0);
	}
	Waitpid(pid, &status, 0);
	n = thr_join(0, &d, &st);
	printf("parent: %s, %s\n", name(n), n ? "" : (char *) st);

	Pipe(blocker_pipe);
	Pthread_create(&t, NULL, blocker, NULL);
	Pthread_detach(t);
	printf("thr_join after Pthread_detach: %s\n", name(thr_join(0, &d, &st)));
	fflush(stdout);
	Pthread_join(t, NULL);		/* not joinable: err_sys */
	printf("not reached\n");
	exit(0);
}
