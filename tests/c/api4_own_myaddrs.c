/* A program that defines its own my_addrs (as the book's names/myaddrs1.c
 * does): the library's My_addrs must call this one, statically and shared. */
#include "unp.h"

static char addr[4] = { 10, 0, 0, 7 };
static char *list[] = { addr, NULL };

char **my_addrs(int *addrtype)
{
	*addrtype = AF_INET;
	return list;
}

int main(void)
{
	int family = -1;
	char **pp, buf[INET_ADDRSTRLEN];
	pp = My_addrs(&family);
	printf("family %d: %s\n", family, inet_ntop(AF_INET, *pp, buf, sizeof buf));
	return 0;
}
