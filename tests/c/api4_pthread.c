/* Every Pthread_* wrapper of unpthread.h: the success paths (no argument), or
 * one failure path chosen by argv[1], which must end in err_sys's message. */
#include "unpthread.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int ready;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t key;
static int once_count;
static int destructed;

static void once_fn(void) { once_count++; }
static void key_dtor(void *p) { (void)p; destructed++; }

static void *worker(void *arg)
{
	Pthread_once(&once, once_fn);
	Pthread_setspecific(key, arg);
	Pthread_mutex_lock(&lock);
	ready++;
	Pthread_cond_signal(&cond);
	Pthread_mutex_unlock(&lock);
	return (char *)arg + 1;
}

static void *waiter(void *arg)
{
	(void)arg;
	Pthread_mutex_lock(&lock);
	while (ready < 100)
		Pthread_cond_wait(&cond, &lock);
	Pthread_mutex_unlock(&lock);
	return NULL;
}

static volatile sig_atomic_t got_usr1;

static void *sleeper(void *arg)
{
	int i;
	(void)arg;
	for (i = 0; i < 10000 && !got_usr1; i++)
		usleep(1000);
	return NULL;
}

static void on_usr1(int signo) { (void)signo; got_usr1 = 1; }

static void success(void)
{
	static char data[4] = "abc";
	pthread_t t[3], w;
	pthread_mutexattr_t ma;
	pthread_mutex_t m;
	void *ret;
	int i;

	Pthread_key_create(&key, key_dtor);
	for (i = 0; i < 3; i++)
		Pthread_create(&t[i], NULL, worker, data + i);
	for (i = 0; i < 3; i++) {
		Pthread_join(t[i], &ret);
		printf("joined %d: %s\n", i, (char *)ret);
	}
	printf("once ran %d time(s), destructor ran %d time(s)\n", once_count, destructed);
	Pthread_once(&once, once_fn);
	printf("once ran %d time(s)\n", once_count);

	Pthread_create(&w, NULL, waiter, NULL);
	Pthread_mutex_lock(&lock);
	ready = 100;
	Pthread_cond_broadcast(&cond);
	Pthread_mutex_unlock(&lock);
	Pthread_join(w, NULL);
	printf("waiter woke\n");

	Pthread_mutexattr_init(&ma);
	Pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	Pthread_mutex_init(&m, &ma);
	Pthread_mutex_lock(&m);
	Pthread_mutex_unlock(&m);
	printf("shared mutex ok\n");

	{	/* a timed wait that is signalled in time */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 30;
		Pthread_mutex_lock(&lock);
		ready = 0;
		Pthread_create(&w, NULL, worker, data);
		while (ready == 0)
			Pthread_cond_timedwait(&cond, &lock, &ts);
		Pthread_mutex_unlock(&lock);
		Pthread_join(w, NULL);
		printf("timedwait signalled\n");
	}

	{
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_usr1;
		sigaction(SIGUSR1, &sa, NULL);
	}
	Pthread_create(&w, NULL, sleeper, NULL);
	Pthread_kill(w, 0);
	Pthread_kill(w, SIGUSR1);
	Pthread_join(w, NULL);
	printf("kill ok, handler ran: %d\n", (int)got_usr1);

	Pthread_create(&w, NULL, worker, data);
	Pthread_detach(w);
	printf("detach ok\n");
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "ok";
	pthread_mutex_t m;
	pthread_mutexattr_t ma;

	if (strcmp(c, "ok") == 0) {
		success();
		printf("done\n");
		return 0;
	} else if (strcmp(c, "join-self") == 0) {
		Pthread_join(pthread_self(), NULL);
	} else if (strcmp(c, "timedwait") == 0) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 20 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		Pthread_mutex_lock(&lock);
		Pthread_cond_timedwait(&cond, &lock, &ts);
	} else if (strcmp(c, "unlock") == 0) {
		pthread_mutexattr_init(&ma);
		pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
		Pthread_mutex_init(&m, &ma);
		Pthread_mutex_unlock(&m);
	} else if (strcmp(c, "relock") == 0) {
		pthread_mutexattr_init(&ma);
		pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
		Pthread_mutex_init(&m, &ma);
		Pthread_mutex_lock(&m);
		Pthread_mutex_lock(&m);
	} else if (strcmp(c, "kill") == 0) {
		Pthread_kill(pthread_self(), 12345);
	} else if (strcmp(c, "pshared") == 0) {
		Pthread_mutexattr_init(&ma);
		Pthread_mutexattr_setpshared(&ma, 77);
	} else if (strcmp(c, "setspecific") == 0) {
		Pthread_setspecific((pthread_key_t)100000, "x");
	} else if (strcmp(c, "create") == 0) {
		pthread_attr_t a;
		pthread_t t;
		pthread_attr_init(&a);
		/* A stack size larger than the address space: EAGAIN or EINVAL. */
		if (pthread_attr_setstacksize(&a, (size_t)-1 / 2) != 0)
			err_quit("setstacksize refused");
		Pthread_create(&t, &a, sleeper, NULL);
	} else if (strcmp(c, "key") == 0) {
		pthread_key_t k;
		for (;;)
			Pthread_key_create(&k, NULL);
	} else {
		err_quit("unknown case %s", c);
	}
	printf("not reached\n");
	return 0;
}
