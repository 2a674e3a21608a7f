/* The mcast_* functions on the loopback interface.  No argument: joins,
 * leaves, interface/TTL/loop settings for IPv4 and IPv6, checked through
 * /proc/net/igmp{,6} and getsockopt, and the documented error returns.  With
 * a case name: one Mcast_* wrapper that must die with its message. */
#include "unp.h"
#include <net/if.h>

static unsigned lo;
static char g4txt[32], g6txt[64];
static struct sockaddr_in g4, s4;
static struct sockaddr_in6 g6, s6, ssm6;
static struct sockaddr_in ssm4;

/* Whether /proc/net/igmp lists group g on lo (IPv4: hex of the address as
 * stored, e.g. 0201FFEF for 239.255.1.2). */
static int in_igmp(struct in_addr g)
{
	char line[256], want[16], dev[32] = "";
	FILE *f = fopen("/proc/net/igmp", "r");
	int found = 0;
	if (f == NULL)
		err_sys("open /proc/net/igmp");
	snprintf(want, sizeof want, "%08X", g.s_addr);
	while (fgets(line, sizeof line, f) != NULL) {
		char a[32];
		int idx;
		if (sscanf(line, "%d %31s", &idx, a) == 2 && line[0] != '\t')
			snprintf(dev, sizeof dev, "%s", a);
		else if (line[0] == '\t' && sscanf(line, "%31s", a) == 1 && strcmp(a, want) == 0 &&
			 strcmp(dev, "lo") == 0)
			found = 1;
	}
	fclose(f);
	return found;
}

static int in_igmp6(struct in6_addr *g)
{
	char line[256], want[40], dev[32], grp[40];
	FILE *f = fopen("/proc/net/igmp6", "r");
	int found = 0, i, idx;
	if (f == NULL)
		err_sys("open /proc/net/igmp6");
	for (i = 0; i < 16; i++)
		sprintf(want + 2 * i, "%02x", g->s6_addr[i]);
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "%d %31s %39s", &idx, dev, grp) == 3 && strcmp(dev, "lo") == 0 &&
		    strcmp(grp, want) == 0)
			found = 1;
	fclose(f);
	return found;
}

static void ret(const char *what, int n)
{
	printf("%s: %d", what, n);
	if (n < 0)
		printf(" (%s)", strerror(errno));
	printf("\n");
}

static void setup(void)
{
	unsigned pid = (unsigned)getpid();
	lo = if_nametoindex("lo");
	memset(&g4, 0, sizeof g4);
	g4.sin_family = AF_INET;
	snprintf(g4txt, sizeof g4txt, "239.255.%u.%u", (pid >> 8) & 0xff, pid & 0xff);
	Inet_pton(AF_INET, g4txt, &g4.sin_addr);
	s4 = g4;
	Inet_pton(AF_INET, "127.0.0.1", &s4.sin_addr);
	ssm4 = g4;
	Inet_pton(AF_INET, "232.1.1.1", &ssm4.sin_addr);
	ssm4.sin_addr.s_addr = htonl(0xe8010000 | (pid & 0xffff));
	memset(&g6, 0, sizeof g6);
	g6.sin6_family = AF_INET6;
	snprintf(g6txt, sizeof g6txt, "ff15::%x", pid & 0xffff);
	Inet_pton(AF_INET6, g6txt, &g6.sin6_addr);
	s6 = g6;
	Inet_pton(AF_INET6, "::1", &s6.sin6_addr);
	ssm6 = g6;
	ssm6.sin6_addr.s6_addr[1] = 0x35; /* ff35::x, source-specific */
}

static void ok(void)
{
	int fd = Socket(AF_INET, SOCK_DGRAM, 0), fd6 = Socket(AF_INET6, SOCK_DGRAM, 0);
	int ufd = Socket(AF_UNIX, SOCK_DGRAM, 0);
	struct in_addr ifa;
	socklen_t len;
	struct sockaddr_storage big;

	printf("lo index > 0: %d\n", lo > 0);
	/* IPv4 any-source group, by interface name. */
	printf("v4 member before: %d\n", in_igmp(g4.sin_addr));
	Mcast_join(fd, (SA *)&g4, sizeof g4, "lo", 0);
	printf("v4 member after join: %d\n", in_igmp(g4.sin_addr));
	/* block/unblock use interface 0, so they do not find a join on lo. */
	ret("v4 block after join on lo", mcast_block_source(fd, (SA *)&s4, sizeof s4, (SA *)&g4, sizeof g4) < 0 ? -1 : 0);
	ret("v4 join again", mcast_join(fd, (SA *)&g4, sizeof g4, NULL, lo));
	/* mcast_leave always passes interface 0: the IPv4 kernel then picks the
	 * group's route interface, not lo, and finds no membership there. */
	ret("v4 leave of a join on lo", mcast_leave(fd, (SA *)&g4, sizeof g4));
	printf("v4 member after leave: %d\n", in_igmp(g4.sin_addr));
	/* IPv4 source-specific group, by index. */
	Mcast_join_source_group(fd, (SA *)&s4, sizeof s4, (SA *)&ssm4, sizeof ssm4, NULL, lo);
	printf("v4 ssm member: %d\n", in_igmp(ssm4.sin_addr));
	ret("v4 ssm join again", mcast_join_source_group(fd, (SA *)&s4, sizeof s4, (SA *)&ssm4, sizeof ssm4, "lo", 0));
	ret("v4 ssm leave of a join on lo", mcast_leave_source_group(fd, (SA *)&s4, sizeof s4, (SA *)&ssm4, sizeof ssm4));
	Close(fd);
	printf("v4 members after close: %d %d\n", in_igmp(g4.sin_addr), in_igmp(ssm4.sin_addr));
	fd = Socket(AF_INET, SOCK_DGRAM, 0);

	/* IPv4 per-socket options. */
	Mcast_set_if(fd, "lo", 0);
	len = sizeof ifa;
	Getsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &ifa, &len);
	printf("v4 if by name: %s\n", inet_ntoa(ifa));
	Mcast_set_if(fd, NULL, 0);
	len = sizeof ifa;
	Getsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &ifa, &len);
	printf("v4 if none: %s\n", inet_ntoa(ifa));
	Mcast_set_if(fd, "ignored", lo);
	len = sizeof ifa;
	Getsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &ifa, &len);
	printf("v4 if by index: %s\n", inet_ntoa(ifa));
	printf("v4 ttl default %d\n", Mcast_get_ttl(fd));
	Mcast_set_ttl(fd, 7);
	printf("v4 ttl %d\n", Mcast_get_ttl(fd));
	Mcast_set_ttl(fd, 300); /* u_char: 300 & 0xff = 44 */
	printf("v4 ttl(300) %d\n", Mcast_get_ttl(fd));
	printf("v4 loop default %d\n", Mcast_get_loop(fd));
	Mcast_set_loop(fd, 0);
	printf("v4 loop %d\n", Mcast_get_loop(fd));
	Mcast_set_loop(fd, 1);
	printf("v4 loop %d\n", Mcast_get_loop(fd));
	Mcast_set_loop(fd, 256); /* u_char: 0 */
	printf("v4 loop(256) %d\n", Mcast_get_loop(fd));
	errno = 4242;
	printf("v4 get_if: %d, errno untouched: %d\n", mcast_get_if(fd), errno == 4242);

	/* IPv6 any-source group, by index. */
	printf("v6 member before: %d\n", in_igmp6(&g6.sin6_addr));
	Mcast_join(fd6, (SA *)&g6, sizeof g6, NULL, lo);
	printf("v6 member after join: %d\n", in_igmp6(&g6.sin6_addr));
	Mcast_leave(fd6, (SA *)&g6, sizeof g6);
	printf("v6 member after leave: %d\n", in_igmp6(&g6.sin6_addr));
	Mcast_join(fd6, (SA *)&g6, sizeof g6, "lo", 0);
	printf("v6 member after join by name: %d\n", in_igmp6(&g6.sin6_addr));
	Mcast_leave(fd6, (SA *)&g6, sizeof g6);
	Mcast_join_source_group(fd6, (SA *)&s6, sizeof s6, (SA *)&ssm6, sizeof ssm6, "lo", 0);
	printf("v6 ssm member: %d\n", in_igmp6(&ssm6.sin6_addr));
	Mcast_leave_source_group(fd6, (SA *)&s6, sizeof s6, (SA *)&ssm6, sizeof ssm6);
	printf("v6 ssm member after leave: %d\n", in_igmp6(&ssm6.sin6_addr));

	/* IPv6 per-socket options. */
	printf("v6 if default %d\n", Mcast_get_if(fd6));
	Mcast_set_if(fd6, "lo", 0);
	printf("v6 if by name is lo: %d\n", Mcast_get_if(fd6) == (int)lo);
	Mcast_set_if(fd6, "nosuchif0", lo);
	printf("v6 if by index is lo: %d\n", Mcast_get_if(fd6) == (int)lo);
	printf("v6 hops default %d\n", Mcast_get_ttl(fd6));
	Mcast_set_ttl(fd6, 5);
	printf("v6 hops %d\n", Mcast_get_ttl(fd6));
	Mcast_set_ttl(fd6, 255);
	printf("v6 hops %d\n", Mcast_get_ttl(fd6));
	printf("v6 loop default %d\n", Mcast_get_loop(fd6));
	Mcast_set_loop(fd6, 0);
	printf("v6 loop %d\n", Mcast_get_loop(fd6));
	Mcast_set_loop(fd6, 1);
	printf("v6 loop %d\n", Mcast_get_loop(fd6));

	/* Error returns of the lowercase functions. */
	memset(&big, 0, sizeof big);
	memcpy(&big, &g4, sizeof g4);
	ret("join unknown name", mcast_join(fd, (SA *)&g4, sizeof g4, "nosuchif0", 0));
	ret("join grplen 129", mcast_join(fd, (SA *)&big, 129, NULL, lo));
	ret("join grplen 128", mcast_join(fd, (SA *)&big, 128, NULL, lo));
	ret("leave grplen 129", mcast_leave(fd, (SA *)&big, 129));
	ret("leave not joined", mcast_leave(fd, (SA *)&g4, sizeof g4));
	ret("ssm join srclen 129", mcast_join_source_group(fd, (SA *)&big, 129, (SA *)&ssm4, sizeof ssm4, NULL, lo));
	ret("ssm join unknown name", mcast_join_source_group(fd, (SA *)&s4, sizeof s4, (SA *)&ssm4, sizeof ssm4, "nosuchif0", 0));
	ret("ssm leave grplen 129", mcast_leave_source_group(fd, (SA *)&s4, sizeof s4, (SA *)&big, 129));
	ret("block grplen 129", mcast_block_source(fd, (SA *)&s4, sizeof s4, (SA *)&big, 129));
	ret("unblock srclen 129", mcast_unblock_source(fd, (SA *)&big, 129, (SA *)&g4, sizeof g4));
	ret("v6 set_if no name no index", mcast_set_if(fd6, NULL, 0));
	ret("v6 set_if unknown name", mcast_set_if(fd6, "nosuchif0", 0));
	ret("v4 set_if unknown index", mcast_set_if(fd, NULL, 99999));
	ret("v4 set_if unknown name", mcast_set_if(fd, "nosuchif0", 0));
	ret("unix set_if", mcast_set_if(ufd, "lo", 0));
	ret("unix get_if", mcast_get_if(ufd));
	ret("unix set_loop", mcast_set_loop(ufd, 1));
	ret("unix get_loop", mcast_get_loop(ufd));
	ret("unix set_ttl", mcast_set_ttl(ufd, 1));
	ret("unix get_ttl", mcast_get_ttl(ufd));
	ret("closed fd get_ttl", mcast_get_ttl(1000));
	ret("v6 set_loop 2", mcast_set_loop(fd6, 2));
	ret("v6 set_ttl 256", mcast_set_ttl(fd6, 256));
	{	/* an AF_UNIX "group": level -1 */
		struct sockaddr_un un;
		memset(&un, 0, sizeof un);
		un.sun_family = AF_UNIX;
		ret("unix group join", mcast_join(fd, (SA *)&un, sizeof un, NULL, lo));
	}
	/* block/unblock after a join on the kernel-chosen interface (needs a
	 * route for the group; the test accepts "unavailable" without one). */
	if (mcast_join(fd, (SA *)&g4, sizeof g4, NULL, 0) == 0) {
		Mcast_block_source(fd, (SA *)&s4, sizeof s4, (SA *)&g4, sizeof g4);
		ret("v4 kernel-chosen join, block twice", mcast_block_source(fd, (SA *)&s4, sizeof s4, (SA *)&g4, sizeof g4));
		Mcast_unblock_source(fd, (SA *)&s4, sizeof s4, (SA *)&g4, sizeof g4);
		ret("v4 kernel-chosen join, unblock twice", mcast_unblock_source(fd, (SA *)&s4, sizeof s4, (SA *)&g4, sizeof g4));
		Mcast_leave(fd, (SA *)&g4, sizeof g4);
	} else {
		printf("v4 kernel-chosen join: unavailable\n");
	}
	/* The level comes from the group's family, not the socket's. */
	ret("v6 group on v4 socket", mcast_join(fd, (SA *)&g6, sizeof g6, NULL, lo));
	printf("done\n");
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "ok";
	int fd = Socket(AF_INET, SOCK_DGRAM, 0), ufd = Socket(AF_UNIX, SOCK_DGRAM, 0);
	struct sockaddr_storage big;

	setup();
	memset(&big, 0, sizeof big);
	errno = 0;
	if (strcmp(c, "ok") == 0) {
		ok();
		return 0;
	} else if (strcmp(c, "join") == 0) {
		Mcast_join(fd, (SA *)&g4, sizeof g4, "nosuchif0", 0);
	} else if (strcmp(c, "leave") == 0) {
		Mcast_leave(fd, (SA *)&g4, sizeof g4);
	} else if (strcmp(c, "join_source_group") == 0) {
		Mcast_join_source_group(fd, (SA *)&big, 200, (SA *)&ssm4, sizeof ssm4, NULL, 0);
	} else if (strcmp(c, "leave_source_group") == 0) {
		Mcast_leave_source_group(fd, (SA *)&s4, sizeof s4, (SA *)&big, 129);
	} else if (strcmp(c, "block_source") == 0) {
		Mcast_block_source(fd, (SA *)&s4, sizeof s4, (SA *)&big, 1000);
	} else if (strcmp(c, "unblock_source") == 0) {
		Mcast_unblock_source(fd, (SA *)&big, 129, (SA *)&g4, sizeof g4);
	} else if (strcmp(c, "get_if") == 0) {
		Mcast_get_if(fd); /* IPv4: always fails, errno untouched (0 here) */
	} else if (strcmp(c, "get_loop") == 0) {
		Mcast_get_loop(ufd);
	} else if (strcmp(c, "get_ttl") == 0) {
		Mcast_get_ttl(ufd);
	} else if (strcmp(c, "set_if") == 0) {
		Mcast_set_if(fd, NULL, 99999);
	} else if (strcmp(c, "set_loop") == 0) {
		Mcast_set_loop(ufd, 1);
	} else if (strcmp(c, "set_ttl") == 0) {
		Mcast_set_ttl(ufd, 1);
	} else {
		err_quit("unknown case %s", c);
	}
	printf("not reached\n");
	return 0;
}
