/* in_cksum against the classic algorithm (libfree/in_cksum.c, copied below):
 * every length 0..2000 at all 8 alignments over random data, all-0xff and
 * all-zero buffers, lengths around the point where the classic 32-bit sum
 * wraps, and the reference's vectors. */
#include "unp.h"

static uint16_t classic_cksum(uint16_t *addr, int len)
{
	int nleft = len;
	uint32_t sum = 0;
	uint16_t *w = addr;
	uint16_t answer = 0;

	while (nleft > 1) {
		sum += *w++;
		nleft -= 2;
	}
	if (nleft == 1) {
		*(unsigned char *)(&answer) = *(unsigned char *)w;
		sum += answer;
	}
	sum = (sum >> 16) + (sum & 0xffff);
	sum += (sum >> 16);
	answer = ~sum;
	return (answer);
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
			if (in_cksum((uint16_t *)(buf + off), len) != classic_cksum((uint16_t *)(buf + off), len)) {
				if (bad++ < 10)
					printf("random: off %d len %d: 0x%04x != 0x%04x\n", off, len,
					       in_cksum((uint16_t *)(buf + off), len),
					       classic_cksum((uint16_t *)(buf + off), len));
			}
		}
	for (fill = 0; fill < 4; fill++) {
		static const uint8_t fills[] = { 0x00, 0xff, 0x80, 0x01 };
		memset(buf, fills[fill], 2100);
		for (off = 0; off < 8; off++)
			for (len = 0; len <= 2000; len++) {
				checks++;
				if (in_cksum((uint16_t *)(buf + off), len) !=
				    classic_cksum((uint16_t *)(buf + off), len))
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
				    classic_cksum((uint16_t *)(buf + off), longs[i])) {
					if (bad++ < 20)
						printf("long: fill %d off %d len %d: 0x%04x != 0x%04x\n", fill, off,
						       longs[i], in_cksum((uint16_t *)(buf + off), longs[i]),
						       classic_cksum((uint16_t *)(buf + off), longs[i]));
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
