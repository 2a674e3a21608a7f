/*
 * thr_join(0) while thread creations fail: a thread (not registered for
 * thr_join) calls thr_join(0, ...) in a loop while the main thread makes N
 * registered creations (usage: thr_stress [N], default 20000) that fail
 * with EAGAIN, their stack attribute being larger than the address space.
 * No thread ever ends, so every thr_join(0) must give ESRCH, and promptly:
 * a creation that fails must wake a thr_join that saw it under way.
 *
 * Prints the creations' results and the joiner's, then a line of figures
 * ("calls C slowest S us") that the test reads.  Exits 1 when the joiner is
 * still in thr_join 5 seconds after the last creation failed, when any
 * thr_join(0) gave something else than ESRCH, or a creation succeeded.
 */
#define _GNU_SOURCE		/* pthread_timedjoin_np */
#include <pthread.h>
#include <stdint.h>

/* Starts the joiner with the real pthread_create: it is not one of the
 * threads thr_join(0) waits for (thread.h maps the name from here on). */
static int start_unregistered(pthread_t *t, void *(*f)(void *))
{
	return pthread_create(t, NULL, f, NULL);
}

#include "unpthread.h"
#include <thread.h>

/* Shared with the joiner, under `lock` (which helgrind understands). */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int stop;
static long calls, not_esrch, slowest_us;

static long get(long *v)
{
	long x;

	pthread_mutex_lock(&lock);
	x = *v;
	pthread_mutex_unlock(&lock);
	return x;
}

static long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void *joiner(void *arg)
{
	thread_t d;
	void *st;

	(void) arg;
	for (;;) {
		long t0 = now_us(), dt;
		int n = thr_join(0, &d, &st);

		dt = now_us() - t0;
		pthread_mutex_lock(&lock);
		if (dt > slowest_us)
			slowest_us = dt;
		calls++;
		if (n != ESRCH)
			not_esrch++;
		if (stop) {
			pthread_mutex_unlock(&lock);
			return NULL;
		}
		pthread_mutex_unlock(&lock);
	}
}

static void *returns(void *arg)
{
	return arg;
}

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 20000, eagain = 0, other = 0, made = 0;
	pthread_attr_t attr;
	pthread_t j, t;
	struct timespec limit;
	int r;

	pthread_attr_init(&attr);
	if ((r = pthread_attr_setstacksize(&attr, (size_t) 1 << 50)) != 0) {
		errno = r;
		err_sys("pthread_attr_setstacksize error");
	}
	if ((r = start_unregistered(&j, joiner)) != 0) {
		errno = r;
		err_sys("pthread_create error");
	}
	for (i = 0; get(&calls) == 0; i++) {	/* the joiner is at work */
		struct timespec ms = { 0, 1000000 };

		if (i == 5000)
			err_quit("the joiner did not start in 5 s");
		nanosleep(&ms, NULL);
	}
	for (i = 0; i < n; i++) {
		r = pthread_create(&t, &attr, returns, NULL);
		if (r == EAGAIN)
			eagain++;
		else if (r != 0)
			other++;	/* valgrind's answer is EINVAL */
		else
			made++;
	}
	pthread_mutex_lock(&lock);
	stop = 1;
	pthread_mutex_unlock(&lock);
	clock_gettime(CLOCK_REALTIME, &limit);
	limit.tv_sec += 5;
	if ((r = pthread_timedjoin_np(j, NULL, &limit)) != 0) {
		printf("thr_join(0) still waiting 5 s after the last failed creation (%s)\n",
		       strerror(r));
		exit(1);
	}
	printf("creations: %ld, EAGAIN: %ld, other error: %ld, made: %ld\n", n, eagain, other, made);
	printf("thr_join(0): not ESRCH: %ld\n", get(&not_esrch));
	r = thr_join(0, NULL, NULL);
	printf("main's thr_join(0): %s\n", r == ESRCH ? "ESRCH" : strerror(r));
	printf("calls %ld slowest %ld us\n", get(&calls), get(&slowest_us));
	exit(made == 0 && get(&not_esrch) == 0 && r == ESRCH ? 0 : 1);
}
