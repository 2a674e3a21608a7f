/*
 * null_args: NULL pointer arguments to tv_sub, Inet_pton and Inet_ntop.
 *
 * usage: null_args tv_sub-in | tv_sub-out | tv_sub-both | pton-addr | ntop-addr
 */
#include "unp.h"

int main(int argc, char **argv)
{
	struct timeval t = {5, 250000}, u = {1, 500000};
	char buf[INET6_ADDRSTRLEN];
	const char *c = argc > 1 ? argv[1] : "";

	if (strcmp(c, "tv_sub-in") == 0) {
		tv_sub(&t, NULL);
		printf("%ld.%06ld\n", (long)t.tv_sec, (long)t.tv_usec);
	} else if (strcmp(c, "tv_sub-out") == 0) {
		tv_sub(NULL, &u);
		printf("%ld.%06ld\n", (long)u.tv_sec, (long)u.tv_usec);
	} else if (strcmp(c, "tv_sub-both") == 0) {
		tv_sub(NULL, NULL);
		tv_sub(&t, &u);
		printf("%ld.%06ld\n", (long)t.tv_sec, (long)t.tv_usec);
	} else if (strcmp(c, "pton-addr") == 0) {
		Inet_pton(AF_INET, "1.2.3.4", NULL);
		printf("returned\n");
	} else if (strcmp(c, "pton-addr6") == 0) {
		Inet_pton(AF_INET6, "::1", NULL);
		printf("returned\n");
	} else if (strcmp(c, "ntop-addr") == 0) {
		Inet_ntop(AF_INET, NULL, buf, sizeof buf);
		printf("returned\n");
	} else if (strcmp(c, "ntop-addr6") == 0) {
		Inet_ntop(AF_INET6, NULL, buf, sizeof buf);
		printf("returned\n");
	} else {
		fprintf(stderr, "usage: null_args CASE\n");
		return 2;
	}
	return 0;
}
