/*
 * The three windows of thr_join(), forced open.  This program defines
 * pthread_create and pthread_join itself, so the library's calls reach them
 * (in a static link as in a shared one) and they hold a window open until
 * another thread stands in it, then forward to libc's functions.
 *
 *   create     a registered creation fails (EAGAIN) while a thread sleeps
 *              in thr_join(0) on its half-made entry: the failure must wake
 *              it (ESRCH), not leave it asleep.
 *   joinfail   thr_join(E)'s pthread_join fails (E was detached behind the
 *              library's back) after E ended: the entry goes back on the
 *              list and a thr_join(0) asleep meanwhile must be woken to see
 *              it (it gets pthread_join's error, EINVAL).
 *   claimed    thr_join(T) while a thr_join(0) has claimed T and is inside
 *              pthread_join(T): ESRCH, and pthread_join(T) is called once
 *              (a second call on the same thread is undefined in glibc).
 *   claimed0   the other way round: thr_join(0) while thr_join(T) is inside
 *              pthread_join(T): ESRCH (no other thread).
 *
 * A thread that stays asleep is reported after 3 seconds (exit 1).
 */
#define _GNU_SOURCE		/* pthread_timedjoin_np, RTLD_NEXT */
#include <pthread.h>
#include <dlfcn.h>
#include <errno.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

typedef int create_fn(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
typedef int join_fn(pthread_t, void **);

static const char *mode;
static pthread_t target;		/* the thread whose pthread_join is held */
static atomic_int joins_of_target;	/* pthread_join(target) calls so far */
static atomic_int joining_target;	/* one of them is under way */
static atomic_int sleeper_armed;	/* the thread to wait for is about to sleep */
static atomic_long sleeper_tid, ended_tid;
static sem_t window_open, window_used;

static void *libc_sym(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (p == NULL) {
		fprintf(stderr, "dlsym %s: %s\n", name, dlerror());
		exit(2);
	}
	return p;
}

static void pause_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* The state letter of thread `tid` in /proc, or 0 once it has gone. */
static char task_state(long tid)
{
	char path[64], buf[256], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/self/task/%ld/stat", tid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

/* Waits (at most 3 s) until the armed thread sleeps, i.e. waits in thr_join. */
static void until_sleeper_sleeps(void)
{
	int i;

	for (i = 0; i < 3000 && !atomic_load(&sleeper_armed); i++)
		pause_ms(1);
	for (i = 0; i < 3000 && task_state(atomic_load(&sleeper_tid)) != 'S'; i++)
		pause_ms(1);
}

/* Waits (at most 3 s) until thread `tid` has ended (key destructors run). */
static void until_gone(long tid)
{
	int i;

	for (i = 0; i < 3000 && task_state(tid) != 0; i++)
		pause_ms(1);
}

static int sem_wait_3s(sem_t *s)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 3;
	return sem_timedwait(s, &ts);
}

int pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*f)(void *), void *arg)
{
	static create_fn *real;
	size_t size = 0;

	if (real == NULL)
		real = (create_fn *) libc_sym("pthread_create");
	if (strcmp(mode, "create") == 0 && attr != NULL &&
	    pthread_attr_getstacksize(attr, &size) == 0 && size >= (size_t) 1 << 50) {
		sem_post(&window_open);		/* the entry is listed, half-made */
		until_sleeper_sleeps();
	}
	return real(t, attr, f, arg);
}

int pthread_join(pthread_t t, void **status)
{
	static join_fn *real;
	int first;

	if (real == NULL)
		real = (join_fn *) libc_sym("pthread_join");
	if (!pthread_equal(t, target))
		return real(t, status);
	first = atomic_fetch_add(&joins_of_target, 1) == 0;
	if (atomic_exchange(&joining_target, 1))
		return ESRCH;			/* a second join at once: not forwarded */
	if (!first) {
	} else if (strcmp(mode, "joinfail") == 0) {
		int i;

		sem_post(&window_open);		/* lets the target end */
		for (i = 0; i < 3000 && atomic_load(&ended_tid) == 0; i++)
			pause_ms(1);
		until_gone(atomic_load(&ended_tid));
		pause_ms(20);
		until_sleeper_sleeps();		/* the thr_join(0) its end woke sleeps again */
	} else if (strncmp(mode, "claimed", 7) == 0) {
		sem_post(&window_open);		/* the other joiner may go */
		sem_wait_3s(&window_used);
	}
	{
		int n = real(t, status);

		atomic_store(&joining_target, 0);
		return n;
	}
}

/* Starts a thread that thr_join(0) does not wait for. */
static void start_unregistered(pthread_t *t, void *(*f)(void *), void *arg)
{
	int n = pthread_create(t, NULL, f, arg);

	if (n != 0) {
		fprintf(stderr, "pthread_create: %s\n", strerror(n));
		exit(2);
	}
}

static int join_3s(pthread_t t, void **res)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 3;
	return pthread_timedjoin_np(t, res, &ts);
}

/* Detaches a thread behind the library's back. */
static int detach_unregistered(pthread_t t)
{
	return pthread_detach(t);
}

/* From here on, thread.h maps pthread_create & co. to the library's. */
#include "unpthread.h"
#include <thread.h>

static const char *name(int n)
{
	switch (n) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case ESRCH: return "ESRCH";
	case EAGAIN: return "EAGAIN";
	default: return strerror(n);
	}
}

static void *waiter(void *arg)		/* thr_join(0), result in *arg */
{
	thread_t d;

	if (strcmp(mode, "create") == 0)
		sem_wait_3s(&window_open);	/* the creation is under way */
	atomic_store(&sleeper_tid, (long) syscall(SYS_gettid));
	atomic_store(&sleeper_armed, 1);
	*(int *) arg = thr_join(0, &d, NULL);
	return NULL;
}

static void *joiner(void *arg)		/* thr_join(target), result in *arg */
{
	*(int *) arg = thr_join(target, NULL, NULL);
	return NULL;
}

static int blocker_pipe[2];

static void *blocker(void *arg)
{
	char c;

	if (read(blocker_pipe[0], &c, 1) < 0)
		perror("read");
	return arg;
}

static void *ends_when_told(void *arg)
{
	sem_wait_3s(&window_open);
	atomic_store(&ended_tid, (long) syscall(SYS_gettid));
	return arg;
}

static void *returns(void *arg)
{
	return arg;
}

/* Waits for a helper thread; one still asleep after 3 s fails the run. */
static void reap(pthread_t t, const char *what)
{
	if (join_3s(t, NULL) != 0) {
		printf("%s: still asleep after 3 s\n", what);
		exit(1);
	}
}

/* A registered thread T; the thread running `first` claims it and is held
 * inside pthread_join(T) while the thread running `second` asks for it.
 * Prints the second's result, the first's, and how often pthread_join(T)
 * was called. */
static void claim_race(void *(*first)(void *), const char *first_name, int *first_result,
		       void *(*second)(void *), const char *second_name, int *second_result)
{
	pthread_t a, b, t;

	Pthread_create(&t, NULL, returns, "T");
	target = t;
	start_unregistered(&a, first, first_result);
	sem_wait_3s(&window_open);
	start_unregistered(&b, second, second_result);
	reap(b, second_name);
	sem_post(&window_used);
	reap(a, first_name);
	printf("%s: %s\n", second_name, name(*second_result));
	printf("%s: %s\n", first_name, name(*first_result));
	printf("pthread_join(T) calls: %d\n", atomic_load(&joins_of_target));
}

int main(int argc, char **argv)
{
	pthread_t w, x, t, f;
	pthread_attr_t attr;
	int rw = -1, rx = -1, n;

	mode = argc > 1 ? argv[1] : "";
	sem_init(&window_open, 0, 0);
	sem_init(&window_used, 0, 0);

	if (strcmp(mode, "create") == 0) {
		start_unregistered(&w, waiter, &rw);
		pthread_attr_init(&attr);
		pthread_attr_setstacksize(&attr, (size_t) 1 << 50);
		n = pthread_create(&t, &attr, returns, NULL);
		printf("creation: %s\n", name(n));
		reap(w, "thr_join(0)");
		printf("thr_join(0): %s\n", name(rw));
	} else if (strcmp(mode, "joinfail") == 0) {
		Pipe(blocker_pipe);
		Pthread_create(&f, NULL, blocker, NULL);
		Pthread_create(&t, NULL, ends_when_told, NULL);
		target = t;
		if ((n = detach_unregistered(t)) != 0)
			printf("pthread_detach: %s\n", name(n));
		start_unregistered(&w, waiter, &rw);
		until_sleeper_sleeps();
		start_unregistered(&x, joiner, &rx);
		reap(x, "thr_join(E)");
		printf("thr_join(E): %s\n", name(rx));
		reap(w, "thr_join(0)");
		printf("thr_join(0): %s\n", name(rw));
		Write(blocker_pipe[1], "x", 1);
		printf("thr_join(F): %s\n", name(thr_join(f, NULL, NULL)));
	} else if (strcmp(mode, "claimed") == 0) {
		claim_race(waiter, "thr_join(0)", &rw, joiner, "thr_join(T)", &rx);
	} else if (strcmp(mode, "claimed0") == 0) {
		claim_race(joiner, "thr_join(T)", &rx, waiter, "thr_join(0)", &rw);
	} else {
		fprintf(stderr, "usage: thr_windows create|joinfail|claimed|claimed0\n");
		exit(2);
	}
	exit(0);
}
