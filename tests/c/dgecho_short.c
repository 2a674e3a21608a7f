/*
 * dgecho_short -- dg_echo on an IPv6 UDP socket given room for a sockaddr_in
 * only (clilen 16), placed at the end of a readable page followed by an
 * inaccessible one.  A child sends one datagram from ::1.  dg_echo must send
 * to no more than the 16 bytes it was given: the kernel refuses such a short
 * IPv6 address, so the expected end is "sendto error: Invalid argument".
 * Reading the sender's full 28-byte address back from `pcliaddr` would reach
 * the inaccessible page ("sendto error: Bad address").
 * usage: dgecho_short   (exit 77 when there is no IPv6 loopback)
 */
#include "unp.h"
#include <sys/mman.h>

int main(void)
{
	struct sockaddr_in6 sin6;
	socklen_t len = sizeof(sin6);
	char *page;
	int fd, cfd;

	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_addr = in6addr_loopback;
	if (fd < 0 || bind(fd, (SA *) &sin6, sizeof(sin6)) < 0) {
		printf("no ipv6\n");
		exit(77);
	}
	Getsockname(fd, (SA *) &sin6, &len);

	page = Mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mprotect(page + 4096, 4096, PROT_NONE) < 0)
		err_sys("mprotect error");

	if (Fork() == 0) {
		cfd = Socket(AF_INET6, SOCK_DGRAM, 0);
		Sendto(cfd, "x", 1, 0, (SA *) &sin6, sizeof(sin6));
		exit(0);
	}
	dg_echo(fd, (SA *) (page + 4096 - sizeof(struct sockaddr_in)),
		sizeof(struct sockaddr_in));
	exit(0);
}
