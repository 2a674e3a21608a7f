/*
 * io_threads: Readline from 8 threads at once, each on its own descriptor
 * (socketpairs and pipes, alternately), each reading thousands of lines of
 * random length, some longer than MAXLINE.  Every byte of every line is
 * checked.  The read-ahead buffer is per thread, so no thread sees
 * another's bytes (with the original's single static buffer they would).
 */
#include "unp.h"

#define NTHREADS 8
#define NLINES 4000

struct rng {
	unsigned long long s;
};

static unsigned long long next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545F4914F6CDD1DULL;
}

/* Length of line i (without its newline): mostly short, 1 in 20 longer than MAXLINE. */
static size_t line_len(struct rng *r)
{
	unsigned long long x = next(r);
	if (x % 20 == 0)
		return MAXLINE + (size_t)(x >> 8) % (2 * MAXLINE);
	if (x % 20 == 1)
		return MAXLINE - 2 + (size_t)(x >> 8) % 4; /* around the edge */
	return (size_t)(x >> 8) % 200;
}

static char byte_at(int tid, long line, size_t off)
{
	return (char)('a' + (tid * 5 + line * 7 + (long)off * 13) % 26);
}

struct chan {
	int tid;
	int rfd, wfd;
	long lines, bytes, pieces;
	int bad;
};

static void *writer(void *arg)
{
	struct chan *c = arg;
	struct rng r = { 0x1234567ULL + (unsigned long long)c->tid };
	struct rng chunks = { 0x9999ULL + (unsigned long long)c->tid };
	size_t cap = 1 << 20, used = 0;
	char *buf = Malloc(cap);
	for (long i = 0; i < NLINES; i++) {
		size_t n = line_len(&r);
		if (used + n + 1 > cap) {
			/* flush in random chunk sizes */
			size_t done = 0;
			while (done < used) {
				size_t k = 1 + (size_t)(next(&chunks) % 8192);
				if (k > used - done)
					k = used - done;
				Writen(c->wfd, buf + done, k);
				done += k;
			}
			used = 0;
		}
		for (size_t j = 0; j < n; j++)
			buf[used++] = byte_at(c->tid, i, j);
		buf[used++] = '\n';
	}
	Writen(c->wfd, buf, used);
	Close(c->wfd);
	free(buf);
	return NULL;
}

static void *reader(void *arg)
{
	struct chan *c = arg;
	struct rng r = { 0x1234567ULL + (unsigned long long)c->tid };
	char buf[MAXLINE];
	long line = 0;
	size_t want = line_len(&r), pos = 0;
	ssize_t n;

	while ((n = Readline(c->rfd, buf, MAXLINE)) > 0) {
		c->pieces++;
		c->bytes += n;
		if (buf[n] != '\0')
			c->bad++;
		for (ssize_t k = 0; k < n; k++) {
			char e = pos + (size_t)k == want ? '\n' : byte_at(c->tid, line, pos + (size_t)k);
			if (line >= NLINES || buf[k] != e) {
				c->bad++;
				break;
			}
		}
		if (buf[n - 1] == '\n') {
			if (pos + (size_t)n - 1 != want)
				c->bad++;
			line++;
			pos = 0;
			if (line < NLINES)
				want = line_len(&r);
		} else {
			if (n != MAXLINE - 1) /* a piece without newline fills the buffer */
				c->bad++;
			pos += (size_t)n;
		}
		if (c->bad)
			break;
	}
	c->lines = line;
	if (n < 0 || line != NLINES || pos != 0)
		c->bad++;
	return NULL;
}

int main(void)
{
	struct chan ch[NTHREADS];
	pthread_t w[NTHREADS], r[NTHREADS];
	int fds[2], failed = 0;

	for (int i = 0; i < NTHREADS; i++) {
		memset(&ch[i], 0, sizeof ch[i]);
		ch[i].tid = i;
		if (i % 2 == 0)
			Socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
		else
			Pipe(fds);
		ch[i].rfd = fds[0];
		ch[i].wfd = fds[1];
	}
	/* Readers first, so they all block in Readline at the same time. */
	for (int i = 0; i < NTHREADS; i++)
		if (pthread_create(&r[i], NULL, reader, &ch[i]) != 0)
			err_quit("pthread_create error");
	for (int i = 0; i < NTHREADS; i++)
		if (pthread_create(&w[i], NULL, writer, &ch[i]) != 0)
			err_quit("pthread_create error");
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(w[i], NULL);
		pthread_join(r[i], NULL);
	}
	for (int i = 0; i < NTHREADS; i++) {
		printf("thread %d (%s): %ld lines %s\n", i, i % 2 ? "pipe" : "socketpair", ch[i].lines,
		       ch[i].bad ? "CORRUPT" : "intact");
		fprintf(stderr, "thread %d: %ld bytes in %ld pieces\n", i, ch[i].bytes, ch[i].pieces);
		failed |= ch[i].bad;
	}
	return failed ? 1 : 0;
}
