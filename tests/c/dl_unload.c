/*
 * dl_unload: libunp.so loaded with dlopen and unloaded with dlclose, over and
 * over, while threads that used it outlive the unload.
 *
 * usage: dl_unload LIBUNP_SO CYCLES threads|main
 *
 * Each cycle: dlopen the library, look up sock_ntop, call it from the main
 * thread; with "threads", also from a new thread, which then waits until
 * the main thread has called dlclose and only then returns (its per-thread
 * buffer is released at that exit).  Every result is checked.  At the end
 * the heap growth over all cycles is compared with 64 KiB (one leaked
 * per-thread block per cycle would be about 4.4 KB each).
 */
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

typedef char *(*ntop_fn)(const struct sockaddr *, socklen_t);

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int stage; /* 1: the thread has its result; 2: the library is closed */

struct job {
	ntop_fn ntop;
	struct sockaddr_in sin;
	char got[128];
	int err;
};

static void set_stage(int s)
{
	pthread_mutex_lock(&mu);
	stage = s;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}

static void wait_stage(int s)
{
	pthread_mutex_lock(&mu);
	while (stage < s)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
}

static void *user(void *arg)
{
	struct job *j = arg;
	char *p = j->ntop((struct sockaddr *)&j->sin, sizeof j->sin);
	if (p == NULL)
		j->err = errno;
	else
		snprintf(j->got, sizeof j->got, "%s", p);
	set_stage(1);
	wait_stage(2); /* returns after dlclose: its buffer is released now */
	return NULL;
}

static struct sockaddr_in addr(unsigned a, unsigned short port)
{
	struct sockaddr_in sin;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(a);
	sin.sin_port = htons(port);
	return sin;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: dl_unload LIBUNP_SO CYCLES threads|main\n");
		return 2;
	}
	long cycles = atol(argv[2]);
	int threads = strcmp(argv[3], "threads") == 0;
	size_t heap0 = 0;

	for (long i = 1; i <= cycles; i++) {
		void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
		if (h == NULL) {
			printf("cycle %ld: dlopen: %s\n", i, dlerror());
			return 1;
		}
		ntop_fn ntop = (ntop_fn)(uintptr_t)dlsym(h, "sock_ntop");
		if (ntop == NULL) {
			printf("cycle %ld: dlsym: %s\n", i, dlerror());
			return 1;
		}
		unsigned short port = (unsigned short)(i % 60000 + 1);
		char want[64];

		struct job j;
		pthread_t t;
		memset(&j, 0, sizeof j);
		j.ntop = ntop;
		j.sin = addr(0xc0000202, port); /* 192.0.2.2 */
		stage = 0;
		if (threads && pthread_create(&t, NULL, user, &j) != 0) {
			printf("cycle %ld: pthread_create failed\n", i);
			return 1;
		}

		struct sockaddr_in mine = addr(0xc0000201, port); /* 192.0.2.1 */
		char *p = ntop((struct sockaddr *)&mine, sizeof mine);
		snprintf(want, sizeof want, "192.0.2.1:%u", port);
		if (p == NULL || strcmp(p, want) != 0) {
			printf("cycle %ld: main thread: sock_ntop gave %s (%s)\n", i,
			       p ? p : "NULL", p ? "" : strerror(errno));
			return 1;
		}

		if (threads)
			wait_stage(1);
		if (dlclose(h) != 0) {
			printf("cycle %ld: dlclose: %s\n", i, dlerror());
			return 1;
		}
		if (threads) {
			set_stage(2);
			pthread_join(t, NULL);
			snprintf(want, sizeof want, "192.0.2.2:%u", port);
			if (strcmp(j.got, want) != 0) {
				printf("cycle %ld: thread: sock_ntop gave %s (%s)\n", i,
				       j.got[0] ? j.got : "NULL", strerror(j.err));
				return 1;
			}
		}
		if (i == 1)
			heap0 = mallinfo2().uordblks;
	}
	size_t heap1 = mallinfo2().uordblks;
	printf("%ld cycles (%s): every result right\n", cycles, argv[3]);
	printf("heap growth after the first cycle: %s\n",
	       heap1 <= heap0 + 64 * 1024 ? "under 64 KiB" : "64 KiB or more");
	return 0;
}
