/* in_cksum against an independent model of the Internet checksum, written
 * for this test from the classic algorithm: native-order 16-bit words
 * summed into a 32-bit accumulator that is allowed to wrap, a lone last byte
 * counted as the word whose first byte in memory it is (second byte zero),
 * two folds of the carries and a complement.  Checked for every length
 * 0..2000 at all 8 alignments over random data, all-0xff and all-zero
 * buffers, lengths around the point where a 32-bit sum wraps, and the
 * classic worked examples. */
#include "unp.h"

/* Walks the buffer two bytes at a time; memcpy turns each pair into a word in
 * the machine's own byte order without caring about alignment. */
static uint16_t model_cksum(const void *data, int len)
{
	const unsigned char *pair = data;
	uint32_t acc = 0; /* wraps modulo 2^32, like the 32-bit register it models */
	uint16_t word;
	int left = len;

	for (; left >= 2; left -= 2, pair += 2) {
		memcpy(&word, pair, sizeof word);
		acc += word;
	}
	if (left == 1) {
		const unsigned char last[2] = { pair[0], 0 };
		memcpy(&word, last, sizeof word);
		acc += word;
	}
	acc = (acc & 0xffffu) + (acc >> 16);
	acc += acc >> 16;
	return (uint16_t)~acc;
}

static uint64_t seed = 88172645463325252ull;
static uint8_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (uint8_t)(seed >> 24);
}

#define BIG (300 * 1000)

int main(void)
{
	static uint16_t vec[3] = { 0x0145, 0xf203, 0xf4f5 };
	static uint64_t store[BIG / 8 + 8];
	uint8_t *buf = (uint8_t *)store;
	int off, len, fill, checks = 0, bad = 0;
	size_t i;
	static const int longs[] = { 131072, 131073, 131074, 131075, 131076, 131077, 200000, BIG - 8 };

	printf("len 6: 0x%04x, len 5: 0x%04x, len 0: 0x%04x, len -1: 0x%04x\n",
	       in_cksum(vec, 6), in_cksum(vec, 5), in_cksum(vec, 0), in_cksum(vec, -1));

	for (i = 0; i < 2100; i++)
		buf[i] = rnd();
	for (off = 0; off < 8; off++)
		for (len = 0; len <= 2000; len++) {
			checks++;
			if (in_cksum((uint16_t *)(buf + off), len) != model_cksum(buf + off, len)) {
				if (bad++ < 10)
					printf("random: off %d len %d: 0x%04x != 0x%04x\n", off, len,
					       in_cksum((uint16_t *)(buf + off), len),
					       model_cksum(buf + off, len));
			}
		}
	for (fill = 0; fill < 4; fill++) {
		static const uint8_t fills[] = { 0x00, 0xff, 0x80, 0x01 };
		memset(buf, fills[fill], 2100);
		for (off = 0; off < 8; off++)
			for (len = 0; len <= 2000; len++) {
				checks++;
				if (in_cksum((uint16_t *)(buf + off), len) !=
				    model_cksum(buf + off, len))
					bad++;
			}
	}
	for (fill = 0; fill < 2; fill++) {
		if (fill == 0)
			memset(buf, 0xff, BIG);
		else
			for (i = 0; i < BIG; i++)
				buf[i] = rnd();
		for (i = 0; i < sizeof longs / sizeof longs[0]; i++)
			for (off = 0; off < 8; off += 3) {
				checks++;
				if (in_cksum((uint16_t *)(buf + off), longs[i]) !=
				    model_cksum(buf + off, longs[i])) {
					if (bad++ < 20)
						printf("long: fill %d off %d len %d: 0x%04x != 0x%04x\n", fill, off,
						       longs[i], in_cksum((uint16_t *)(buf + off), longs[i]),
						       model_cksum(buf + off, longs[i]));
				}
			}
	}
	/* A header that carries its own checksum sums to zero. */
	for (i = 0; i < 20; i++)
		buf[i] = rnd();
	buf[10] = buf[11] = 0;
	{
		uint16_t c = in_cksum((uint16_t *)buf, 20);
		memcpy(buf + 10, &c, 2);
		printf("verify: 0x%04x\n", in_cksum((uint16_t *)buf, 20));
	}
	printf("%d checks, %d differences\n", checks, bad);
	return bad != 0;
}
