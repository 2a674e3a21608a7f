/*
 * prifinfo -- the book's ioctl/prifinfo.c (UNP figure 17.6), reworked for
 * tests: one line per ifi_info node, every field, in a fixed format.
 *
 *   prifinfo <inet4|inet6|unspec> <doaliases> [book|loop N]
 *
 * Default output, one line per node:
 *   NAME idx=N mtu=N flags=0xXXXX alias=0|1 hlen=N haddr=xx:xx:..|- addr=A brd=A|- dst=A|-
 * "book" prints the book's own format instead.  "loop N" calls
 * get_ifi_info/free_ifi_info N times and prints only the node count and
 * whether the number of open descriptors changed (checked through
 * /proc/self/fd before and after).
 */
#include "unpifi.h"
#include <dirent.h>

static int
count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		err_sys("opendir /proc/self/fd");
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;		/* the DIR's own descriptor */
}

static const char *
addr(const struct sockaddr *sa, char *buf, size_t len)
{
	if (sa == NULL)
		return "-";
	if (sa->sa_family == AF_INET)
		return inet_ntop(AF_INET, &((const struct sockaddr_in *) sa)->sin_addr, buf, len);
	if (sa->sa_family == AF_INET6)
		return inet_ntop(AF_INET6, &((const struct sockaddr_in6 *) sa)->sin6_addr, buf, len);
	snprintf(buf, len, "family%d", sa->sa_family);
	return buf;
}

static void
book(struct ifi_info *ifihead)
{
	struct ifi_info *ifi;
	struct sockaddr *sa;
	u_char *ptr;
	int i;
	char b[INET6_ADDRSTRLEN];

	for (ifi = ifihead; ifi != NULL; ifi = ifi->ifi_next) {
		printf("%s: ", ifi->ifi_name);
		if (ifi->ifi_index != 0)
			printf("(%d) ", ifi->ifi_index);
		printf("<");
		if (ifi->ifi_flags & IFF_UP)		printf("UP ");
		if (ifi->ifi_flags & IFF_BROADCAST)	printf("BCAST ");
		if (ifi->ifi_flags & IFF_MULTICAST)	printf("MCAST ");
		if (ifi->ifi_flags & IFF_LOOPBACK)	printf("LOOP ");
		if (ifi->ifi_flags & IFF_POINTOPOINT)	printf("P2P ");
		printf(">\n");

		if ((i = ifi->ifi_hlen) > 0) {
			ptr = ifi->ifi_haddr;
			do {
				printf("%s%x", (i == ifi->ifi_hlen) ? "  " : ":", *ptr++);
			} while (--i > 0);
			printf("\n");
		}
		if (ifi->ifi_mtu != 0)
			printf("  MTU: %d\n", ifi->ifi_mtu);
		if ((sa = ifi->ifi_addr) != NULL)
			printf("  IP addr: %s\n", addr(sa, b, sizeof(b)));
		if ((sa = ifi->ifi_brdaddr) != NULL)
			printf("  broadcast addr: %s\n", addr(sa, b, sizeof(b)));
		if ((sa = ifi->ifi_dstaddr) != NULL)
			printf("  destination addr: %s\n", addr(sa, b, sizeof(b)));
	}
}

int
main(int argc, char **argv)
{
	struct ifi_info *ifi, *ifihead;
	int family, doaliases, i, n, fds;
	char b1[INET6_ADDRSTRLEN], b2[INET6_ADDRSTRLEN], b3[INET6_ADDRSTRLEN];

	if (argc < 3)
		err_quit("usage: prifinfo <inet4|inet6|unspec> <doaliases> [book|loop N]");
	if (strcmp(argv[1], "inet4") == 0)
		family = AF_INET;
	else if (strcmp(argv[1], "inet6") == 0)
		family = AF_INET6;
	else if (strcmp(argv[1], "unspec") == 0)
		family = AF_UNSPEC;
	else
		family = atoi(argv[1]);
	doaliases = atoi(argv[2]);

	if (argc > 4 && strcmp(argv[3], "loop") == 0) {
		fds = count_fds();
		n = 0;
		for (i = atoi(argv[4]); i > 0; i--) {
			ifihead = get_ifi_info(family, doaliases);
			for (n = 0, ifi = ifihead; ifi != NULL; ifi = ifi->ifi_next)
				n++;
			free_ifi_info(ifihead);
		}
		printf("nodes=%d fds=%s\n", n, count_fds() == fds ? "same" : "changed");
		exit(0);
	}

	ifihead = Get_ifi_info(family, doaliases);
	if (argc > 3 && strcmp(argv[3], "book") == 0) {
		book(ifihead);
		free_ifi_info(ifihead);
		exit(0);
	}
	for (ifi = ifihead; ifi != NULL; ifi = ifi->ifi_next) {
		printf("%s idx=%d mtu=%d flags=0x%04x alias=%d hlen=%u haddr=",
		       ifi->ifi_name, ifi->ifi_index, ifi->ifi_mtu,
		       (unsigned) (u_short) ifi->ifi_flags,
		       (ifi->ifi_myflags & IFI_ALIAS) ? 1 : 0, ifi->ifi_hlen);
		if (ifi->ifi_hlen == 0)
			printf("-");
		for (i = 0; i < ifi->ifi_hlen && i < IFI_HADDR; i++)
			printf("%s%02x", i ? ":" : "", ifi->ifi_haddr[i]);
		printf(" addr=%s brd=%s dst=%s\n", addr(ifi->ifi_addr, b1, sizeof(b1)),
		       addr(ifi->ifi_brdaddr, b2, sizeof(b2)),
		       addr(ifi->ifi_dstaddr, b3, sizeof(b3)));
	}
	free_ifi_info(ifihead);
	exit(0);
}
