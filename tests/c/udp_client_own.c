/*
 * udp_client_own -- a program that defines its own udp_client (as the
 * book's test/test2.c does): the library's Udp_client must call it, in a
 * static link as in a shared one.
 */
#include "unp.h"

int udp_client(const char *host, const char *serv, SA **saptr, socklen_t *lenp)
{
	printf("own udp_client(%s, %s)\n", host, serv);
	*saptr = NULL;
	*lenp = 7;
	return 42;
}

int main(void)
{
	SA *sa;
	socklen_t len;
	int fd = Udp_client("127.0.0.1", "13", &sa, &len);

	printf("Udp_client returned %d, len %d, sa %s\n", fd, (int) len, sa ? "set" : "NULL");
	exit(0);
}
