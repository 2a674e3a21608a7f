/* in_cksum benchmark: the library's in_cksum side by side, in one process,
 * with the classic algorithm (one native 16-bit word at a time into a 32-bit
 * sum, then two folds and a complement), written below
 * for this benchmark and compiled with the same flags.  Each round times a
 * batch of calls of each (order alternating between rounds); the medians
 * over all rounds and their ratio are printed per buffer size, then the
 * ratio at every length from 0 to 64 bytes (fewer rounds each).
 * Both functions are reached the same way: an indirect call through the
 * same out-of-line batch loop, to an out-of-line function (in_cksum is the
 * static library's global symbol; the classic one is kept opaque to the
 * optimizer with noipa, so that no call site is specialised for it).
 * Usage: cksum [rounds] */
#include "unp.h"
#include <time.h>

/* The baseline: a plain word loop, one 16-bit load and one 32-bit add per
 * word, nothing unrolled or widened by hand.  Out of line and opaque, like
 * the library function, so both are reached through the same kind of call. */
#if defined(__clang__)
#define OPAQUE __attribute__((noinline))
#else
#define OPAQUE __attribute__((noipa))
#endif
OPAQUE static uint16_t classic_cksum(uint16_t *start, int len)
{
	const unsigned char *at = (const unsigned char *)start;
	int nwords = len > 0 ? len / 2 : 0;
	uint32_t total = 0;
	uint16_t w;

	for (int k = 0; k < nwords; k++, at += 2) {
		memcpy(&w, at, 2); /* a single 16-bit load, aligned or not */
		total += w;
	}
	if (len > 0 && len % 2 != 0) {
		const unsigned char tail[2] = { at[0], 0 };
		memcpy(&w, tail, 2);
		total += w;
	}
	total = (total >> 16) + (total & 0xffffu);
	total += total >> 16;
	return (uint16_t)~total;
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static volatile uint16_t sink;

/* ns per call for one batch. */
OPAQUE static double batch(uint16_t (*f)(uint16_t *, int), uint16_t *p, int len, int calls)
{
	double t0 = now_ns();
	uint16_t acc = 0;
	for (int i = 0; i < calls; i++) {
		acc ^= f(p, len);
		__asm__ volatile("" ::: "memory"); /* keep every call */
	}
	sink = acc;
	return (now_ns() - t0) / calls;
}

/* Median ns per call of the classic code and of in_cksum at one length and
 * alignment, over `rounds` rounds. */
static void measure(uint16_t *p, int len, int rounds, double *tc, double *tl, double *mc, double *ml)
{
	int calls = 2000000 / (len + 64);

	if (in_cksum(p, len) != classic_cksum(p, len))
		err_quit("results differ for len %d", len);
	for (int r = 0; r < rounds; r++) {
		if (r & 1) {
			tc[r] = batch(classic_cksum, p, len, calls);
			tl[r] = batch(in_cksum, p, len, calls);
		} else {
			tl[r] = batch(in_cksum, p, len, calls);
			tc[r] = batch(classic_cksum, p, len, calls);
		}
	}
	qsort(tc, rounds, sizeof(double), cmp);
	qsort(tl, rounds, sizeof(double), cmp);
	*mc = tc[rounds / 2];
	*ml = tl[rounds / 2];
}

int main(int argc, char **argv)
{
	static const int sizes[] = { 20, 64, 576, 1500, 9000 };
	static uint64_t store[9008 / 8 + 2];
	uint8_t *buf = (uint8_t *)store;
	int rounds = argc > 1 ? atoi(argv[1]) : 301;
	int small_rounds = rounds / 10 < 11 ? 11 : rounds / 10;
	double *tc = calloc(rounds, sizeof(double)), *tl = calloc(rounds, sizeof(double));
	double mc, ml, worst = 1e9;
	int worst_len = 0;

	if (rounds < 1 || tc == NULL || tl == NULL)
		err_quit("usage: cksum [rounds]");
	for (int i = 0; i < 9008; i++)
		buf[i] = (uint8_t)(i * 131 + 7);
	printf("%-6s %-6s %12s %12s %8s   (median ns/call over %d rounds)\n", "bytes", "align", "classic",
	       "in_cksum", "ratio", rounds);
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		for (int off = 0; off <= 1; off++) {
			measure((uint16_t *)(buf + off), sizes[s], rounds, tc, tl, &mc, &ml);
			printf("%-6d %-6d %12.1f %12.1f %7.2fx\n", sizes[s], off, mc, ml, mc / ml);
		}
	}
	printf("\nratio classic/in_cksum at every length 0..64, aligned (median of %d rounds each):\n",
	       small_rounds);
	for (int len = 0; len <= 64; len++) {
		measure((uint16_t *)buf, len, small_rounds, tc, tl, &mc, &ml);
		printf("%3d:%5.2f%s", len, mc / ml, len % 8 == 7 || len == 64 ? "\n" : "  ");
		if (mc / ml < worst) {
			worst = mc / ml;
			worst_len = len;
		}
	}
	printf("lowest: %.2fx at %d bytes\n", worst, worst_len);
	return 0;
}
