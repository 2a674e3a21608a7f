/*
 * ntop_bench: libunp's Sock_ntop against the classic way of producing the
 * same text (inet_ntop into a static buffer, then the port appended with
 * snprintf and strcat; written for this benchmark), in the same process, for
 * IPv4 and IPv6 addresses with nonzero ports.
 *
 *   ntop_bench [calls] [rounds]
 */
#include "unp.h"
#include "bench.h"

#define NADDR 1024

/* "a.b.c.d:port" or "[v6]:port", the bare address when the port is 0.  The
 * address text starts one byte into the buffer, so that a '[' can be put in
 * front of it for IPv6. */
static char *classic_sock_ntop(const struct sockaddr *sa, socklen_t salen)
{
	static char text[128];
	char *bare = text + 1, suffix[8];
	const void *where;
	int port;

	(void)salen;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in4 = (const struct sockaddr_in *)sa;
		where = &in4->sin_addr;
		port = ntohs(in4->sin_port);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		where = &in6->sin6_addr;
		port = ntohs(in6->sin6_port);
	} else {
		return NULL;
	}
	if (inet_ntop(sa->sa_family, where, bare, sizeof text - 1) == NULL)
		return NULL;
	if (port == 0)
		return bare;
	snprintf(suffix, sizeof suffix, sa->sa_family == AF_INET6 ? "]:%d" : ":%d", port);
	strcat(bare, suffix);
	if (sa->sa_family != AF_INET6)
		return bare;
	text[0] = '[';
	return text;
}

static unsigned long long s = 0xC0FFEEULL;
static unsigned long long next(void)
{
	s ^= s >> 12;
	s ^= s << 25;
	s ^= s >> 27;
	return s * 0x2545F4914F6CDD1DULL;
}

static struct sockaddr_in v4[NADDR];
static struct sockaddr_in6 v6[NADDR];

static double run(char *(*f)(const SA *, socklen_t), const void *addrs, size_t size, long calls,
		  unsigned long *sink)
{
	double t0 = now();
	unsigned long acc = 0;
	for (long i = 0; i < calls; i++) {
		const char *p = f((const SA *)((const char *)addrs + size * (size_t)(i % NADDR)), (socklen_t)size);
		acc += (unsigned char)p[0] + (unsigned char)p[5];
	}
	*sink += acc;
	return now() - t0;
}

int main(int argc, char **argv)
{
	long calls = argc > 1 ? atol(argv[1]) : 2000000;
	int rounds = argc > 2 ? atoi(argv[2]) : 7;
	double t[4][64];
	unsigned long sink = 0;

	if (rounds > 64)
		rounds = 64;
	for (int i = 0; i < NADDR; i++) {
		unsigned long long a = next(), b = next(), m = next();
		memset(&v4[i], 0, sizeof v4[i]);
		v4[i].sin_family = AF_INET;
		v4[i].sin_port = htons(1 + (int)(m % 65535));
		v4[i].sin_addr.s_addr = (in_addr_t)a;
		memset(&v6[i], 0, sizeof v6[i]);
		v6[i].sin6_family = AF_INET6;
		v6[i].sin6_port = htons(1 + (int)((m >> 16) % 65535));
		memcpy(v6[i].sin6_addr.s6_addr, &a, 8);
		memcpy(v6[i].sin6_addr.s6_addr + 8, &b, 8);
		if (i % 2) /* typical: a documentation or link-local prefix and a zero run */
			memset(v6[i].sin6_addr.s6_addr + 4, 0, 6);
	}
	/* Same text from both. */
	for (int i = 0; i < NADDR; i++) {
		char want[128];
		strcpy(want, classic_sock_ntop((SA *)&v4[i], sizeof v4[i]));
		if (strcmp(want, Sock_ntop((SA *)&v4[i], sizeof v4[i])) != 0)
			err_quit("v4 mismatch: %s", want);
		strcpy(want, classic_sock_ntop((SA *)&v6[i], sizeof v6[i]));
		if (strcmp(want, Sock_ntop((SA *)&v6[i], sizeof v6[i])) != 0)
			err_quit("v6 mismatch: %s", want);
	}
	printf("sock_ntop: %ld calls per run, %d rounds (median wall time)\n", calls, rounds);
	for (int r = 0; r < rounds; r++) {
		if (r % 2) {
			t[0][r] = run(classic_sock_ntop, v4, sizeof v4[0], calls, &sink);
			t[1][r] = run(Sock_ntop, v4, sizeof v4[0], calls, &sink);
			t[2][r] = run(classic_sock_ntop, v6, sizeof v6[0], calls, &sink);
			t[3][r] = run(Sock_ntop, v6, sizeof v6[0], calls, &sink);
		} else {
			t[1][r] = run(Sock_ntop, v4, sizeof v4[0], calls, &sink);
			t[0][r] = run(classic_sock_ntop, v4, sizeof v4[0], calls, &sink);
			t[3][r] = run(Sock_ntop, v6, sizeof v6[0], calls, &sink);
			t[2][r] = run(classic_sock_ntop, v6, sizeof v6[0], calls, &sink);
		}
	}
	{
		double m[4];
		const char *names[4] = { "IPv4 classic", "IPv4 libunp", "IPv6 classic", "IPv6 libunp" };
		for (int k = 0; k < 4; k++) {
			m[k] = median(t[k], rounds);
			printf("  %-13s %8.1f ms  %6.1f ns/call\n", names[k], m[k] * 1e3, m[k] * 1e9 / (double)calls);
		}
		printf("  speedup IPv4: %.2fx, IPv6: %.2fx (target >= 3x)\n", m[0] / m[1], m[2] / m[3]);
	}
	return sink == 42; /* keeps the results alive */
}
