/* A program that defines its own tv_sub and in_cksum (as the book's
 * ping/tv_sub.c and ping/bsdping.c do) and also uses functions that live next
 * to them in the library: it must link statically without duplicate
 * definitions, and its own versions must be the ones called. */
#include "unp.h"

void tv_sub(struct timeval *out, struct timeval *in)
{
	out->tv_sec = 1000 + in->tv_sec;
	out->tv_usec = 0;
}

uint16_t in_cksum(uint16_t *addr, int len)
{
	(void)addr;
	return (uint16_t)(0x4200 + len);
}

int main(void)
{
	struct timeval a = { 5, 0 }, b = { 2, 0 };
	uint16_t w[2] = { 1, 2 };
	int fd = Socket(AF_INET6, SOCK_DGRAM, 0);
	char *(*volatile gf)(void) = gf_time;

	tv_sub(&a, &b);
	printf("tv_sub: %ld, in_cksum: 0x%04x\n", (long)a.tv_sec, in_cksum(w, 4));
	Mcast_set_ttl(fd, 9);
	printf("family %d, level %d, hops %d, gf_time len %zu\n", Sockfd_to_family(fd),
	       Family_to_level(AF_INET6), Mcast_get_ttl(fd), strlen(gf()));
	return 0;
}
