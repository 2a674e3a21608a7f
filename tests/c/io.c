/*
 * io: readline, Readline, readlinebuf, readn, Readn, writen, Writen.
 *
 *   io                 every case, on stdout
 *   io FAILURE         one failing wrapper call, which must end the program
 *                      through err_sys (see main)
 *
 * Every case feeds its own pipe, written before reading (or by a thread).
 */
#include "unp.h"

ssize_t readlinebuf(void **vptrptr); /* exported, declared by no book header */

static void put_escaped(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			fputs("\\n", stdout);
		else if (s[i] == '\0')
			fputs("\\0", stdout);
		else
			putchar(s[i]);
	}
	putchar('"');
}

/* A pipe holding `data`; the write end is closed when `eof` is set. */
static int feed(const char *data, size_t n, int eof, int *wfd)
{
	int p[2];
	Pipe(p);
	if (n)
		Writen(p[1], (void *)data, n);
	if (eof) {
		Close(p[1]);
		if (wfd)
			*wfd = -1;
	} else if (wfd) {
		*wfd = p[1];
	}
	return p[0];
}

/* readline until it returns <= 0 (at most 20 calls), printing each result. */
#define lines(what, data, maxlen) lines_n(what, data, sizeof(data) - 1, maxlen)
static void lines_n(const char *what, const char *data, size_t len, size_t maxlen)
{
	char buf[64];
	int fd = feed(data, len, 1, NULL);
	printf("%s (maxlen %zu):", what, maxlen);
	for (int i = 0; i < 20; i++) {
		ssize_t n;
		memset(buf, '#', sizeof buf);
		n = readline(fd, buf, maxlen);
		printf(" %zd", n);
		if (n < 0) {
			printf(" errno=%s buf[0]=%s", strerror(errno),
			       buf[0] == '\0' ? "NUL" : buf[0] == '#' ? "untouched" : "?");
			break;
		}
		putchar(' ');
		put_escaped(buf, (size_t)n);
		if (buf[n] != '\0')
			printf("(no NUL!)");
		if (n == 0)
			break;
	}
	putchar('\n');
	Close(fd);
}

static void long_lines(void)
{
	/* 10000 x's and a newline, then "tail\n": MAXLINE pieces of MAXLINE-1. */
	size_t len = 10000;
	char *data = Malloc(len + 6), buf[MAXLINE];
	int fd, wfd, total = 0, ok = 1;
	memset(data, 'x', len);
	memcpy(data + len, "\ntail\n", 6);
	fd = feed("", 0, 0, &wfd);
	/* A writer thread: the data is larger than a read-ahead buffer. */
	if (fork() == 0) {
		Writen(wfd, data, len + 6);
		_exit(0);
	}
	Close(wfd);
	printf("long line (maxlen %d):", MAXLINE);
	for (;;) {
		ssize_t n = Readline(fd, buf, MAXLINE);
		printf(" %zd", n);
		if (n == 0)
			break;
		if (buf[n] != '\0')
			ok = 0;
		for (ssize_t i = 0; i < n; i++)
			if (total + i < (int)len ? buf[i] != 'x' : buf[i] != data[total + i])
				ok = 0;
		total += n;
	}
	printf(" total=%d intact=%d\n", total, ok);
	wait(NULL);
	free(data);
	Close(fd);
}

static void readlinebuf_case(void)
{
	char buf[MAXLINE];
	void *p = NULL;
	ssize_t n;
	int fd = feed("first\nsecond\nthird", 18, 1, NULL);

	n = readlinebuf(&p);
	printf("readlinebuf before: %zd\n", n);
	n = Readline(fd, buf, sizeof buf);
	printf("Readline: %zd ", n);
	put_escaped(buf, (size_t)n);
	n = readlinebuf(&p);
	printf(", readlinebuf: %zd ", n);
	put_escaped(p, (size_t)n);
	putchar('\n');
	n = Readline(fd, buf, 4);
	printf("Readline(4): %zd ", n);
	put_escaped(buf, (size_t)n);
	n = readlinebuf(&p);
	printf(", readlinebuf: %zd ", n);
	put_escaped(p, (size_t)n);
	putchar('\n');
	while ((n = Readline(fd, buf, sizeof buf)) > 0) {
		printf("Readline: %zd ", n);
		put_escaped(buf, (size_t)n);
		putchar('\n');
	}
	p = NULL;
	n = readlinebuf(&p);
	printf("at EOF: %zd p=%s\n", n, p == NULL ? "untouched" : "set");
	Close(fd);
}

/* As the original, read-ahead belongs to the caller (here: the thread), not
 * to the descriptor: the next call hands it out whatever fd it names. */
static void readahead_follows_the_thread(void)
{
	char buf[64];
	ssize_t n;
	int a = feed("a1\na2\n", 6, 1, NULL), b = feed("b1\n", 3, 1, NULL);
	n = Readline(a, buf, sizeof buf);
	printf("fd a: %zd ", n);
	put_escaped(buf, (size_t)n);
	n = Readline(b, buf, sizeof buf);
	printf(", then fd b: %zd ", n);
	put_escaped(buf, (size_t)n);
	n = Readline(b, buf, sizeof buf);
	printf(", then fd b: %zd ", n);
	put_escaped(buf, (size_t)n);
	putchar('\n');
	Close(a);
	Close(b);
}

static volatile sig_atomic_t alarms;
static void on_alarm(int signo)
{
	(void)signo;
	alarms++;
}

/* An interrupting SIGALRM (no SA_RESTART) 50 ms from now. */
static void alarm_soon(void)
{
	struct sigaction sa;
	struct itimerval it;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof it);
	it.it_value.tv_usec = 50000;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* Arms the 50 ms SIGALRM first, then starts the helper thread with SIGALRM
 * blocked from its first instruction.  The helper needs at least 150 ms
 * (its usleeps) before the main thread's call can complete, and its clock
 * starts after the alarm's: so the alarm is always due before that call
 * returns and is taken by the main thread, however late either thread is
 * scheduled on a loaded machine. */
static void alarm_then_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	alarm_soon();
	pthread_create(t, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

struct delayed {
	int fd;
	const char *data;
	size_t n;
	int chunks;
};

static void *delayed_writer(void *arg)
{
	struct delayed *d = arg;
	size_t step = d->n / d->chunks, done = 0;
	/* Block SIGALRM here so that it interrupts the reader. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	for (int i = 0; i < d->chunks; i++) {
		size_t k = i == d->chunks - 1 ? d->n - done : step;
		usleep(150000 / d->chunks);
		Writen(d->fd, (void *)(d->data + done), k);
		done += k;
	}
	Close(d->fd);
	return NULL;
}

static void readn_cases(void)
{
	char buf[64];
	ssize_t n;
	int fd, wfd;
	pthread_t t;
	struct delayed d;

	fd = feed("hello", 5, 1, NULL);
	n = readn(fd, buf, 10);
	printf("readn(10) of 5 then EOF: %zd ", n);
	put_escaped(buf, (size_t)n);
	n = Readn(fd, buf, 10);
	printf(", again: %zd\n", n);
	Close(fd);

	fd = feed("", 0, 0, &wfd);
	d = (struct delayed){ wfd, "0123456789abcdefghij", 20, 4 };
	alarm_then_thread(&t, delayed_writer, &d);
	n = Readn(fd, buf, 15);
	printf("readn(15) over 4 writes, SIGALRM in between (%d): %zd ", (int)alarms, n);
	put_escaped(buf, (size_t)n);
	n = Readn(fd, buf, 15);
	printf(", rest: %zd ", n);
	put_escaped(buf, (size_t)n);
	putchar('\n');
	pthread_join(t, NULL);
	Close(fd);

	n = readn(0, buf, 0);
	printf("readn(0): %zd\n", n);
	errno = 0;
	n = readn(-1, buf, 4);
	printf("readn(bad fd): %zd %s\n", n, strerror(errno));
}

static void readline_eintr(void)
{
	char buf[64];
	ssize_t n;
	int fd, wfd;
	pthread_t t;
	struct delayed d;
	fd = feed("", 0, 0, &wfd);
	d = (struct delayed){ wfd, "slow line\n", 10, 2 };
	alarm_then_thread(&t, delayed_writer, &d);
	n = Readline(fd, buf, sizeof buf);
	printf("Readline across SIGALRM (%d): %zd ", (int)alarms, n);
	put_escaped(buf, (size_t)n);
	n = Readline(fd, buf, sizeof buf);
	printf(", then %zd\n", n);
	pthread_join(t, NULL);
	Close(fd);
}

static void *drain(void *arg)
{
	int fd = *(int *)arg;
	static char sink[65536];
	long total = 0;
	ssize_t n;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	usleep(150000); /* let the writer block on the full pipe first */
	while ((n = read(fd, sink, sizeof sink)) > 0)
		total += n;
	return (void *)total;
}

static void writen_cases(void)
{
	size_t big = 1 << 20;
	char *data = Malloc(big);
	int p[2];
	pthread_t t;
	void *got;
	ssize_t n;

	memset(data, 'w', big);
	Pipe(p);
	alarm_then_thread(&t, drain, &p[0]); /* interrupts the blocked write: writen goes on */
	n = writen(p[1], data, big);
	Close(p[1]);
	pthread_join(t, &got);
	printf("writen(1 MiB) to a slow pipe, SIGALRM in between (%d): %zd, reader got %ld\n",
	       (int)alarms, n, (long)got);
	Close(p[0]);

	Pipe(p);
	Writen(p[1], "abc", 3);
	Writen(p[1], "", 0);
	n = read(p[0], data, 10);
	printf("Writen 3 + 0: read %zd\n", n);
	Close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	n = writen(p[1], "abc", 3);
	printf("writen to a closed pipe: %zd %s\n", n, strerror(errno));
	Close(p[1]);
	free(data);
}

int main(int argc, char **argv)
{
	char buf[16];
	int p[2];

	if (argc > 1) {
		const char *m = argv[1];
		Pipe(p);
		Close(p[0]);
		if (strcmp(m, "readline-badf") == 0)
			Readline(p[0], buf, sizeof buf);
		else if (strcmp(m, "readline-maxlen") == 0)
			Readline(p[1], buf, 1);
		else if (strcmp(m, "readn-badf") == 0)
			Readn(p[0], buf, sizeof buf);
		else if (strcmp(m, "writen-badf") == 0)
			Writen(p[0], buf, sizeof buf);
		else if (strcmp(m, "writen-epipe") == 0) {
			signal(SIGPIPE, SIG_IGN);
			Writen(p[1], "x", 1);
		} else
			err_quit("usage: io [failure]");
		printf("not reached\n");
		return 0;
	}

	setvbuf(stdout, NULL, _IOLBF, 0);
	lines("lines", "one\ntwo\n\nthree\n", 64);
	lines("partial last line", "one\ntwo", 64);
	lines("empty input", "", 64);
	lines("maxlen 4", "abcdefgh\n", 4);
	lines("maxlen 2", "ab\nc", 2);
	lines("maxlen 3", "ab\nc\n", 3);
	lines("maxlen 1", "abc\n", 1);
	lines("maxlen 0", "abc\n", 0);
	lines("NUL bytes", "a\0b\nc\n", 64);
	long_lines();
	readlinebuf_case();
	readahead_follows_the_thread();
	readline_eintr();
	readn_cases();
	writen_cases();
	return 0;
}
