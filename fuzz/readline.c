/* libFuzzer harness: readline, readlinebuf and readn against a model of the
 * book's buffered line reader, as this library documents it (README,
 * "Deliberate differences"): maxlen < 2 gives -1 with EINVAL (a NUL stored
 * when maxlen is 1); a buffer that fills before a newline returns the bytes
 * stored (maxlen - 1); the read-ahead (MAXLINE bytes per read) belongs to
 * the thread and is handed out whatever descriptor the next call names.
 *
 * The byte stream (any bytes: NULs, 0xFF, no final newline) reaches the
 * library through a SOCK_SEQPACKET socketpair, one record per chunk: each
 * read() returns exactly one chunk (or its first `count` bytes, the rest of
 * the record being dropped, as the socket type does), so the sizes the
 * library's read() calls get are chosen by the input and the model knows
 * them exactly.  All chunks are written before the first call (at most 64
 * of them and 12 KB, far below the socket buffer; the writer is nonblocking,
 * so it can never wait), then the writing end is closed: the end of the
 * chunks is end of file.
 *
 * Input: an operation count (up to 32) and the operations (one byte and a
 * 16-bit argument each): readline with a maxlen from the argument (0, 1, 2,
 * 3, MAXLINE-1, MAXLINE, MAXLINE+1, 3*MAXLINE, or a small or large value),
 * readn with a count from the argument, readlinebuf, readline into NULL,
 * readline on /dev/null (the read-ahead is the thread's: its bytes come
 * first, whatever descriptor the call names); then a chunk count (up to 64)
 * and the 16-bit chunk sizes (1-16, MAXLINE-2 to MAXLINE, or 1 to MAXLINE),
 * a repeat count (1-256); the rest of the input, repeated, is the stream (at
 * most 12 KB).  After the operations the stream is read to end of file with
 * readline (maxlen 100), so that the thread's read-ahead is empty for the
 * next input, and the descriptors are closed (a leak is a finding).
 *
 * Every output buffer ends at an inaccessible page; bytes the call must not
 * write (after the NUL, after what readn read) are checked unchanged. */
#include "unp.h"
#include "fuzz.h"
#include <errno.h>
#include <fcntl.h>

#define MAX_CHUNKS 64
#define MAX_STREAM 12288
#define FILL 0xa5

/* ---- the model ---- */
static struct model {
	const unsigned char *chunk[MAX_CHUNKS + 1];
	size_t chunk_len[MAX_CHUNKS + 1];
	size_t nchunks, next; /* chunks written, chunks read */
	unsigned char ra[MAXLINE];
	size_t ra_pos, ra_end; /* read-ahead not yet handed out */
} M;

/* read() on the socket: the next chunk, cut to `count` (the rest dropped);
 * 0 at end of file. */
static int m_other; /* the call names /dev/null: every read() gives 0 */

static size_t m_read(unsigned char *dst, size_t count)
{
	size_t k;

	if (m_other || M.next == M.nchunks || count == 0)
		return 0;
	k = M.chunk_len[M.next] < count ? M.chunk_len[M.next] : count;
	memcpy(dst, M.chunk[M.next], k);
	M.next++;
	return k;
}

/* readline: -1 (EINVAL) for maxlen < 2; else the bytes stored, the line up
 * to and including its newline, or maxlen - 1 bytes, or what was left before
 * end of file. */
static long m_readline(unsigned char *out, size_t maxlen)
{
	size_t n = 0;

	if (maxlen < 2) {
		if (maxlen == 1)
			out[0] = 0;
		return -1;
	}
	while (n < maxlen - 1) {
		unsigned char c;

		if (M.ra_pos == M.ra_end) {
			M.ra_pos = 0;
			M.ra_end = m_read(M.ra, sizeof M.ra);
			if (M.ra_end == 0)
				break;
		}
		c = M.ra[M.ra_pos++];
		out[n++] = c;
		if (c == '\n')
			break;
	}
	out[n] = 0;
	return (long)n;
}

/* readn: read() until n bytes or end of file; the read-ahead is not used. */
static long m_readn(unsigned char *out, size_t n)
{
	size_t done = 0, k;

	while (done < n && (k = m_read(out + done, n - done)) > 0)
		done += k;
	return (long)done;
}
/* ---- end of the model ---- */

static size_t pick_len(uint16_t arg)
{
	static const size_t special[] = { 0, 1, 2, 3, MAXLINE - 1, MAXLINE, MAXLINE + 1, 3 * MAXLINE };

	switch (arg >> 13) {
	case 0:
	case 1:
		return special[arg & 7];
	case 2:
	case 3:
	case 4:
		return arg % 40; /* short lines */
	default:
		return arg % (3 * MAXLINE + 2);
	}
}

static void expect_untouched(const unsigned char *p, size_t from, size_t to, const char *what)
{
	size_t i;

	for (i = from; i < to; i++)
		if (p[i] != FILL)
			FAIL("%s wrote byte %zu (0x%02x) of %zu, after the bytes it returned", what, i,
			     p[i], to);
}

static unsigned char want[3 * MAXLINE + 2]; /* the model's output */

static void do_readline(int fd, size_t maxlen, int step)
{
	unsigned char *buf = guard_end(maxlen, FILL);
	long got, exp;
	int err;

	memset(want, FILL, maxlen + 1);
	exp = m_readline(want, maxlen);
	DOING("step %d: readline(maxlen %zu), the buffer ending at an inaccessible page", step, maxlen);
	errno = 0;
	got = readline(fd, buf, maxlen);
	err = errno;
	if (got != exp)
		FAIL("step %d: readline(maxlen %zu) = %ld (errno %d), model %ld", step, maxlen, got, err,
		     exp);
	if (got < 0) {
		if (err != EINVAL)
			FAIL("step %d: readline(maxlen %zu) = -1 with errno %d, want EINVAL", step, maxlen,
			     err);
		if (maxlen == 1 && buf[0] != 0)
			FAIL("step %d: readline(maxlen 1) did not store a NUL", step);
		expect_untouched(buf, maxlen == 1 ? 1 : 0, maxlen, "readline");
	} else {
		if (memcmp(buf, want, (size_t)got) != 0)
			FAIL("step %d: readline(maxlen %zu) = %ld: bytes differ from the model", step,
			     maxlen, got);
		if (buf[got] != 0)
			FAIL("step %d: readline(maxlen %zu) = %ld: no NUL after the bytes", step, maxlen,
			     got);
		expect_untouched(buf, (size_t)got + 1, maxlen, "readline");
	}
}

static void do_readn(int fd, size_t n, int step)
{
	unsigned char *buf = guard_end(n, FILL);
	long got, exp;

	exp = m_readn(want, n);
	DOING("step %d: readn(%zu), the buffer ending at an inaccessible page", step, n);
	got = readn(fd, buf, n);
	if (got != exp)
		FAIL("step %d: readn(%zu) = %ld (errno %d), model %ld", step, n, got, errno, exp);
	if (memcmp(buf, want, (size_t)got) != 0)
		FAIL("step %d: readn(%zu) = %ld: bytes differ from the model", step, n, got);
	expect_untouched(buf, (size_t)got, n, "readn");
}

static void do_readlinebuf(int step)
{
	static char sentinel;
	void *p = &sentinel;
	size_t want = M.ra_end - M.ra_pos;
	ssize_t got = readlinebuf(&p);

	if (got < 0 || (size_t)got != want)
		FAIL("step %d: readlinebuf = %zd, model %zu", step, got, want);
	if (got == 0 && p != &sentinel)
		FAIL("step %d: readlinebuf = 0 but stored a pointer", step);
	if (got > 0 && memcmp(p, M.ra + M.ra_pos, want) != 0)
		FAIL("step %d: readlinebuf's %zd bytes differ from the model's read-ahead", step, got);
	if (readlinebuf(NULL) != got)
		FAIL("step %d: readlinebuf(NULL) differs from readlinebuf(&p)", step);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	uint8_t op_kind[32];
	uint16_t op_arg[32];
	static unsigned char stream[MAX_STREAM];
	static int devnull = -1;
	size_t nops = in_u8(&in) % 33, sizes[MAX_CHUNKS], nsizes, i, off, total, reps;
	int sv[2], step;

	if (devnull < 0 && (devnull = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0) {
		perror("fuzz: /dev/null");
		abort();
	}
	if (readlinebuf(NULL) != 0)
		FAIL("the thread's read-ahead is not empty at the start of an input");
	for (i = 0; i < nops; i++) {
		op_kind[i] = in_u8(&in);
		op_arg[i] = in_u16(&in);
	}
	nsizes = in_u8(&in) % (MAX_CHUNKS + 1);
	for (i = 0; i < nsizes; i++) {
		uint16_t v = in_u16(&in);

		switch (v >> 14) {
		case 3:
			sizes[i] = 1 + v % 16;
			break;
		case 2:
			sizes[i] = MAXLINE - v % 3;
			break;
		default:
			sizes[i] = 1 + v % MAXLINE;
		}
	}
	/* The stream: the rest of the input, repeated `reps` times. */
	reps = 1 + in_u8(&in);
	for (total = 0; total < MAX_STREAM && total < reps * in.n; total++)
		stream[total] = in.p[total % in.n];

	/* Cut the stream into chunks: the given sizes, then MAXLINE pieces. */
	memset(&M, 0, sizeof M);
	for (off = 0, i = 0; off < total && M.nchunks < MAX_CHUNKS; M.nchunks++, i++) {
		size_t want = i < nsizes ? sizes[i] : MAXLINE;
		size_t k = total - off < want ? total - off : want;

		M.chunk[M.nchunks] = stream + off;
		M.chunk_len[M.nchunks] = k;
		off += k;
	}

	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0) {
		perror("fuzz: socketpair");
		abort();
	}
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	for (i = 0; i < M.nchunks; i++) {
		ssize_t w = write(sv[1], M.chunk[i], M.chunk_len[i]);

		if (w != (ssize_t)M.chunk_len[i]) {
			perror("fuzz: writing a chunk to the socketpair");
			abort();
		}
	}
	close(sv[1]);

	for (step = 0; step < (int)nops; step++) {
		switch (op_kind[step] % 5) {
		case 0:
			do_readline(sv[0], pick_len(op_arg[step]), step);
			break;
		case 1:
			do_readn(sv[0], pick_len(op_arg[step]), step);
			break;
		case 2:
			do_readlinebuf(step);
			break;
		case 3:
			errno = 0;
			if (readline(sv[0], NULL, pick_len(op_arg[step])) != -1 || errno != EINVAL)
				FAIL("step %d: readline into NULL: not -1 with EINVAL", step);
			break;
		case 4:
			/* Another descriptor: the read-ahead is the thread's, so
			 * its bytes come first; then /dev/null's end of file. */
			m_other = 1;
			do_readline(devnull, pick_len(op_arg[step]), step);
			m_other = 0;
			break;
		}
	}
	/* Read to end of file: the read-ahead is empty afterwards.  Each call
	 * takes at least one byte or returns 0, so this loop is bounded. */
	for (i = 0; i <= total + 1; i++) {
		size_t before = M.ra_end - M.ra_pos + (M.nchunks - M.next);

		do_readline(sv[0], 100, nops + (int)i);
		if (before == 0)
			break;
	}
	if (readlinebuf(NULL) != 0)
		FAIL("read-ahead left after end of file");
	close(sv[0]);
	if (lowest_free_fd() != sv[0])
		FAIL("a descriptor leaked");
	return 0;
}
