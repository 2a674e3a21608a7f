/*
 * prifinfo -- prints the list get_ifi_info returns, for tests/ifi.rs.
 *
 *   prifinfo <inet4|inet6|unspec|NUMBER> <doaliases> [book|loop N]
 *
 * Default output, one line per node, every field in a fixed layout:
 *   NAME idx=N mtu=N flags=0xXXXX alias=0|1 hlen=N haddr=xx:xx:..|- addr=A brd=A|- dst=A|-
 * "book" prints the nodes in the output format of the book's prifinfo
 * program (UNP figure 17.6) instead; the printer below is written for this
 * test from that format.  "loop N" calls get_ifi_info/free_ifi_info N times
 * and prints only the node count and whether the number of open descriptors
 * changed (counted in /proc/self/fd before and after).
 */
#include "unpifi.h"
#include <dirent.h>

/* Entries in /proc/self/fd, not counting the one the listing itself holds. */
static int
open_fd_count(void)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *ent;
	int total = 0;

	if (dir == NULL)
		err_sys("opendir /proc/self/fd");
	while ((ent = readdir(dir)) != NULL)
		total += ent->d_name[0] != '.';
	closedir(dir);
	return total - 1;
}

/* Numeric text of an address, "-" for none, "familyN" for a family that
 * inet_ntop does not know. */
static const char *
addr_text(const struct sockaddr *sa, char *out, size_t outlen)
{
	if (sa == NULL)
		return "-";
	switch (sa->sa_family) {
	case AF_INET:
		return inet_ntop(AF_INET, &((const struct sockaddr_in *) sa)->sin_addr, out, outlen);
	case AF_INET6:
		return inet_ntop(AF_INET6, &((const struct sockaddr_in6 *) sa)->sin6_addr, out, outlen);
	}
	snprintf(out, outlen, "family%d", sa->sa_family);
	return out;
}

/* ---- the book's display format ---- */

/* Interface flags in the order the format lists them, each followed by a blank. */
static const struct {
	int bit;
	const char *word;
} flag_words[] = {
	{ IFF_UP, "UP" },
	{ IFF_BROADCAST, "BCAST" },
	{ IFF_MULTICAST, "MCAST" },
	{ IFF_LOOPBACK, "LOOP" },
	{ IFF_POINTOPOINT, "P2P" },
};

/* Labels of the address lines, in the order of the node's three pointers. */
static const char *const addr_labels[3] = { "IP addr", "broadcast addr", "destination addr" };

static void
show_node_book_style(const struct ifi_info *node)
{
	const struct sockaddr *addrs[3] = { node->ifi_addr, node->ifi_brdaddr, node->ifi_dstaddr };
	const unsigned char *hw = node->ifi_haddr;
	char text[INET6_ADDRSTRLEN];
	size_t f;
	int k, hwlen = node->ifi_hlen;

	/* header line: name, the index when known, the flag words in <> */
	printf("%s: ", node->ifi_name);
	if (node->ifi_index != 0)
		printf("(%d) ", node->ifi_index);
	putchar('<');
	for (f = 0; f < sizeof flag_words / sizeof flag_words[0]; f++)
		if (node->ifi_flags & flag_words[f].bit)
			printf("%s ", flag_words[f].word);
	fputs(">\n", stdout);

	/* hardware address: indented, bytes in unpadded hex joined by ':' */
	for (k = 0; k < hwlen; k++)
		printf(k == 0 ? "  %x" : ":%x", hw[k]);
	if (hwlen > 0)
		putchar('\n');

	if (node->ifi_mtu != 0)
		printf("  MTU: %d\n", node->ifi_mtu);
	for (k = 0; k < 3; k++)
		if (addrs[k] != NULL)
			printf("  %s: %s\n", addr_labels[k], addr_text(addrs[k], text, sizeof text));
}

/* ---- the test's own format ---- */

static void
show_node_fields(const struct ifi_info *node)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];
	int k;

	printf("%s idx=%d mtu=%d flags=0x%04x alias=%d hlen=%u haddr=", node->ifi_name,
	       node->ifi_index, node->ifi_mtu, (unsigned) (u_short) node->ifi_flags,
	       (node->ifi_myflags & IFI_ALIAS) != 0, node->ifi_hlen);
	if (node->ifi_hlen == 0)
		putchar('-');
	for (k = 0; k < node->ifi_hlen && k < IFI_HADDR; k++)
		printf(k ? ":%02x" : "%02x", node->ifi_haddr[k]);
	printf(" addr=%s brd=%s dst=%s\n", addr_text(node->ifi_addr, a, sizeof a),
	       addr_text(node->ifi_brdaddr, b, sizeof b), addr_text(node->ifi_dstaddr, d, sizeof d));
}

/* "loop N": N get/free cycles, then the last count and the descriptor check. */
static void
loop_mode(int family, int doaliases, int times)
{
	struct ifi_info *list, *node;
	int before = open_fd_count(), nodes = 0;

	while (times-- > 0) {
		list = get_ifi_info(family, doaliases);
		nodes = 0;
		for (node = list; node != NULL; node = node->ifi_next)
			nodes++;
		free_ifi_info(list);
	}
	printf("nodes=%d fds=%s\n", nodes, open_fd_count() == before ? "same" : "changed");
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int family;
	} families[] = { { "inet4", AF_INET }, { "inet6", AF_INET6 }, { "unspec", AF_UNSPEC } };
	struct ifi_info *list, *node;
	int family, doaliases, book_style;
	size_t f;

	if (argc < 3)
		err_quit("usage: prifinfo <inet4|inet6|unspec> <doaliases> [book|loop N]");
	family = atoi(argv[1]); /* a number stands for itself */
	for (f = 0; f < sizeof families / sizeof families[0]; f++)
		if (strcmp(argv[1], families[f].name) == 0)
			family = families[f].family;
	doaliases = atoi(argv[2]);

	if (argc > 4 && strcmp(argv[3], "loop") == 0) {
		loop_mode(family, doaliases, atoi(argv[4]));
		exit(0);
	}

	book_style = argc > 3 && strcmp(argv[3], "book") == 0;
	list = Get_ifi_info(family, doaliases);
	for (node = list; node != NULL; node = node->ifi_next) {
		if (book_style)
			show_node_book_style(node);
		else
			show_node_fields(node);
	}
	free_ifi_info(list);
	exit(0);
}
