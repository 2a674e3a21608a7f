/*
 * readline_bench: libunp's Readline against the classic algorithm (one byte
 * per call out of a 4096-byte static read-ahead buffer, the way the book's
 * readline works; written for this benchmark) and against a plain read() +
 * memchr scan that copies nothing (the ceiling), in the same process, over a
 * file of 2 million lines of 10-120 bytes.
 *
 *   readline_bench [lines] [rounds]
 */
#include "unp.h"
#include <limits.h>
#include "bench.h"

/* ---- the classic algorithm ---- */
static struct {
	char data[MAXLINE];
	size_t pos, len; /* next unread byte, bytes held */
} ahead;

#define READ_FAILED (-2)

/* The next byte of fd, EOF at end of file, READ_FAILED on an error.  Refills
 * the whole buffer with one read() when it is used up. */
static int next_byte(int fd)
{
	if (ahead.pos == ahead.len) {
		ssize_t got;
		do
			got = read(fd, ahead.data, sizeof ahead.data);
		while (got < 0 && errno == EINTR);
		if (got <= 0)
			return got == 0 ? EOF : READ_FAILED;
		ahead.pos = 0;
		ahead.len = (size_t)got;
	}
	return (unsigned char)ahead.data[ahead.pos++];
}

/* Bytes up to and including '\n' (at most maxlen - 1), NUL-terminated; the
 * count stored, 0 at end of file, -1 on an error. */
static ssize_t classic_readline(int fd, void *vptr, size_t maxlen)
{
	char *out = vptr;
	size_t used = 0;
	int ch;

	while (used + 1 < maxlen) {
		ch = next_byte(fd);
		if (ch == READ_FAILED)
			return -1;
		if (ch == EOF)
			break;
		out[used++] = (char)ch;
		if (ch == '\n')
			break;
	}
	out[used] = '\0';
	return (ssize_t)used;
}

/* ---- the three contenders: each returns lines, adds bytes to *bytes ---- */
static long run_classic(int fd, long *bytes)
{
	char line[MAXLINE];
	long lines = 0;
	ssize_t n;
	while ((n = classic_readline(fd, line, MAXLINE)) > 0) {
		lines++;
		*bytes += n + line[n / 2];
	}
	return lines;
}

static long run_libunp(int fd, long *bytes)
{
	char line[MAXLINE];
	long lines = 0;
	ssize_t n;
	while ((n = Readline(fd, line, MAXLINE)) > 0) {
		lines++;
		*bytes += n + line[n / 2];
	}
	return lines;
}

static long run_memchr(int fd, long *bytes)
{
	char buf[MAXLINE];
	long lines = 0;
	ssize_t n;
	size_t carry = 0; /* bytes of the current line seen so far */
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		char *p = buf, *end = buf + n, *nl;
		while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			size_t len = carry + (size_t)(nl - p) + 1;
			lines++;
			*bytes += (long)len;
			carry = 0;
			p = nl + 1;
		}
		carry += (size_t)(end - p);
	}
	return lines;
}

int main(int argc, char **argv)
{
	long nlines = argc > 1 ? atol(argv[1]) : 2000000;
	int rounds = argc > 2 ? atoi(argv[2]) : 7;
	const char *tmpdir = getenv("TMPDIR");
	char path[PATH_MAX];
	unsigned long long s = 0x5EEDULL;
	const char *names[3] = { "classic", "libunp", "read+memchr" };
	long (*fns[3])(int, long *) = { run_classic, run_libunp, run_memchr };
	double t[3][64];
	long total = 0;
	int fd;
	FILE *fp;

	if (rounds > 64)
		rounds = 64;
	snprintf(path, sizeof(path), "%s/unp-bench-XXXXXX",
		 tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp");
	fd = Mkstemp(path);
	fp = Fdopen(fd, "w");
	for (long i = 0; i < nlines; i++) {
		int len;
		s ^= s >> 12;
		s ^= s << 25;
		s ^= s >> 27;
		len = 10 + (int)((s * 0x2545F4914F6CDD1DULL) >> 33) % 111; /* 10..120 incl. \n */
		for (int j = 0; j < len - 1; j++)
			putc('a' + (i + j) % 26, fp);
		putc('\n', fp);
		total += len;
	}
	Fclose(fp);
	fd = Open(path, O_RDONLY, 0);
	Unlink(path);
	printf("readline: %ld lines, %ld bytes, %d rounds (median wall time)\n", nlines, total, rounds);

	for (int r = 0; r < rounds; r++) {
		for (int k = 0; k < 3; k++) {
			int which = (k + r) % 3; /* alternate the order */
			long bytes = 0, lines;
			double t0;
			lseek(fd, 0, SEEK_SET);
			t0 = now();
			lines = fns[which](fd, &bytes);
			t[which][r] = now() - t0;
			if (lines != nlines)
				err_quit("%s: %ld lines, expected %ld", names[which], lines, nlines);
		}
	}
	{
		double m[3];
		for (int k = 0; k < 3; k++) {
			m[k] = median(t[k], rounds);
			printf("  %-12s %8.1f ms  %6.1f ns/line\n", names[k], m[k] * 1e3, m[k] * 1e9 / (double)nlines);
		}
		printf("  speedup libunp vs classic: %.2fx (target >= 2.5x); read+memchr vs classic: %.2fx\n",
		       m[0] / m[1], m[0] / m[2]);
	}
	return 0;
}
