/*
 * io_eintr: writen and str_echo when a signal without SA_RESTART interrupts
 * a system call that has transferred nothing yet, so that it fails with
 * EINTR and the library must retry it.  (io.c's writen case interrupts a
 * write that has already written part of its buffer: write then returns the
 * partial count, never EINTR, and a writen without the retry would pass.)
 *
 *   io_eintr writen      writen(1000) into a pipe that is already full
 *   io_eintr str_echo    str_echo blocked reading an idle socket
 *
 * A repeating 50 ms SIGALRM (handler counting, no SA_RESTART) keeps arriving
 * until the call returns, so that one of them lands while the call blocks
 * however the threads are scheduled.  The helper thread blocks SIGALRM from
 * its first instruction and starts its 200 ms of sleep after the timer is
 * armed: the main thread takes every alarm, and takes at least one before
 * its call can complete.  The counts printed are therefore "at least 1".
 */
#include "unp.h"

static volatile sig_atomic_t alarms;
static void on_alarm(int signo)
{
	(void) signo;
	alarms++;
}

static void alarms_every_50ms(int on)
{
	struct sigaction sa;
	struct itimerval it;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof it);
	if (on) {
		it.it_value.tv_usec = 50000;
		it.it_interval.tv_usec = 50000;
	}
	setitimer(ITIMER_REAL, &it, NULL);
}

static void alarms_then_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	alarms_every_50ms(1);
	pthread_create(t, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* Reads the pipe to its end after 200 ms; returns the byte count. */
static void *drain_later(void *arg)
{
	int fd = *(int *) arg;
	static char sink[65536];
	long total = 0;
	ssize_t n;

	usleep(200000);
	while ((n = read(fd, sink, sizeof sink)) > 0)
		total += n;
	return (void *) total;
}

/* The peer of str_echo: after 200 ms sends a line, reads the echo, closes
 * its side and returns what came back (at most 63 bytes). */
static void *echo_peer(void *arg)
{
	int fd = *(int *) arg;
	static char got[64];
	ssize_t n, k = 0;

	usleep(200000);
	Writen(fd, "ping\n", 5);
	while (k < 5 && (n = read(fd, got + k, sizeof got - 1 - k)) > 0)
		k += n;
	got[k] = 0;
	Close(fd);
	return got;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	pthread_t t;
	void *ret;

	if (strcmp(m, "writen") == 0) {
		static char data[1000];
		int p[2], fl;
		long filled = 0;
		ssize_t n;

		Pipe(p);
		/* Fill the pipe: the first write of writen then blocks with
		 * nothing written, and a signal makes it fail with EINTR. */
		fl = Fcntl(p[1], F_GETFL, 0);
		Fcntl(p[1], F_SETFL, fl | O_NONBLOCK);
		while ((n = write(p[1], data, sizeof data)) > 0)
			filled += n;
		if (errno != EAGAIN)
			err_sys("filling the pipe");
		Fcntl(p[1], F_SETFL, fl);
		memset(data, 'w', sizeof data);
		alarms_then_thread(&t, drain_later, &p[0]);
		n = writen(p[1], data, sizeof data);
		alarms_every_50ms(0);
		Close(p[1]);
		pthread_join(t, &ret);
		printf("writen(1000) to a full pipe, SIGALRM while blocked (%s): %zd, reader got %ld more\n",
		       alarms >= 1 ? ">= 1" : "none", n, (long) ret - filled);
		Close(p[0]);
	} else if (strcmp(m, "str_echo") == 0) {
		int sv[2];

		Socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
		alarms_then_thread(&t, echo_peer, &sv[1]);
		str_echo(sv[0]);
		alarms_every_50ms(0);
		pthread_join(t, &ret);
		printf("str_echo across SIGALRM (%s): peer got %s", alarms >= 1 ? ">= 1" : "none",
		       (char *) ret);
		Close(sv[0]);
	} else {
		err_quit("usage: io_eintr writen|str_echo");
	}
	return 0;
}
