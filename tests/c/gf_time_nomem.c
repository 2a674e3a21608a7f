/*
 * gf_time with no memory to be had: each of NTHR threads makes every
 * malloc and calloc of its own fail (this program's definitions replace
 * libc's for the whole process, the library's calls included, in a static
 * link as in a shared one), then calls gf_time.  Each must get the time, in
 * a buffer of its own: all threads hold their results at once and compare
 * the pointers.
 */
#include "unpthread.h"

#define NTHR 4

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);

static __thread int no_memory;

void *malloc(size_t n)
{
	if (no_memory) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	if (no_memory) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(n, size);
}

#include "gf_format.h"

static pthread_barrier_t all_called;
static char *got[NTHR];
static int alloc_failed[NTHR], format_ok[NTHR], kept[NTHR];

static void *thread(void *arg)
{
	int i = (int) (intptr_t) arg;
	char copy[32];
	void *p;

	no_memory = 1;
	p = malloc(16);
	alloc_failed[i] = p == NULL && calloc(1, 16) == NULL;
	got[i] = gf_time();
	format_ok[i] = gf_ok(got[i]);
	snprintf(copy, sizeof copy, "%s", got[i] ? got[i] : "");
	pthread_barrier_wait(&all_called);	/* every thread has its result */
	kept[i] = got[i] != NULL && strcmp(copy, got[i]) == 0;
	pthread_barrier_wait(&all_called);	/* main compares the pointers */
	return NULL;
}

int main(void)
{
	pthread_t t[NTHR];
	int i, j, distinct = 1;

	gf_time();	/* loads the time zone (tzset) while memory is there */
	pthread_barrier_init(&all_called, NULL, NTHR + 1);
	for (i = 0; i < NTHR; i++)
		Pthread_create(&t[i], NULL, thread, (void *) (intptr_t) i);
	pthread_barrier_wait(&all_called);
	for (i = 0; i < NTHR; i++)
		for (j = 0; j < i; j++)
			if (got[i] == got[j])
				distinct = 0;
	pthread_barrier_wait(&all_called);
	for (i = 0; i < NTHR; i++) {
		Pthread_join(t[i], NULL);
		printf("thread %d: allocation fails %d, gf_time format %d, unchanged by the others %d\n",
		       i, alloc_failed[i], format_ok[i], kept[i]);
	}
	printf("one buffer per thread: %d\n", distinct);
	exit(0);
}
