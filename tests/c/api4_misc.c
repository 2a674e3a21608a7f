/* family_to_level, sockfd_to_family, tv_sub, gf_time and My_addrs.
 * No argument: the success paths.  "f2l" / "s2f": the wrappers' deaths.
 * "addrs": My_addrs's result for this host. */
#include "unpthread.h"
#include <stdint.h>
#include "gf_format.h"

/* The thread's gf_time buffer is freed when it exits: keep a copy of the
 * text and the pointer's value only. */
static char thread_text[32];
static uintptr_t thread_buf;
static void *gf_thread(void *arg)
{
	(void)arg;
	char *p = gf_time();
	snprintf(thread_text, sizeof thread_text, "%s", p);
	thread_buf = (uintptr_t)p;
	return NULL;
}

static void tv(long s1, long u1, long s2, long u2)
{
	struct timeval a = { s1, u1 }, b = { s2, u2 };
	tv_sub(&a, &b);
	printf("tv_sub {%ld,%ld} - {%ld,%ld} = {%ld,%ld}\n", s1, u1, s2, u2, (long)a.tv_sec, (long)a.tv_usec);
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "ok";

	if (strcmp(c, "ok") == 0) {
		int fd4 = Socket(AF_INET, SOCK_STREAM, 0), fd6 = Socket(AF_INET6, SOCK_DGRAM, 0);
		int fdu = Socket(AF_UNIX, SOCK_STREAM, 0);
		char *a, *b, first[16];
		pthread_t t;
		time_t now;
		struct tm tm;

		printf("family_to_level: %d %d %d %d\n", family_to_level(AF_INET), family_to_level(AF_INET6),
		       family_to_level(AF_UNIX), family_to_level(12345));
		printf("Family_to_level: %d %d\n", Family_to_level(AF_INET), Family_to_level(AF_INET6));
		printf("sockfd_to_family: %d %d %d\n", sockfd_to_family(fd4), sockfd_to_family(fd6),
		       sockfd_to_family(fdu));
		printf("Sockfd_to_family: %d\n", Sockfd_to_family(fd6));
		{
			int r1, e1, r2, e2;
			errno = 0;
			r1 = sockfd_to_family(-1);
			e1 = errno;
			errno = 0;
			r2 = sockfd_to_family(0);
			e2 = errno;
			printf("sockfd_to_family(-1): %d %s\n", r1, strerror(e1));
			printf("sockfd_to_family(stdin, not a socket): %d %s\n", r2, strerror(e2));
		}

		tv(10, 500000, 3, 200000);
		tv(10, 200000, 3, 500000);
		tv(10, 0, 9, 999999);
		tv(5, 5, 5, 5);
		tv(3, 0, 5, 1);

		a = gf_time();
		snprintf(first, sizeof first, "%s", a);
		b = gf_time();
		printf("gf_time format: %d %d, same buffer: %d\n", gf_ok(first), gf_ok(b), a == b);
		Pthread_create(&t, NULL, gf_thread, NULL);
		Pthread_join(t, NULL);
		printf("other thread: format %d, own buffer: %d\n", gf_ok(thread_text), thread_buf != (uintptr_t)a);
		/* The hour and minute agree with localtime (unless a minute boundary
		 * passed in between: retried once). */
		for (int i = 0; i < 2; i++) {
			char want[6];
			a = gf_time();
			now = time(NULL);
			localtime_r(&now, &tm);
			snprintf(want, sizeof want, "%02d:%02d", tm.tm_hour, tm.tm_min);
			if (strncmp(a, want, 5) == 0) {
				printf("gf_time matches localtime\n");
				break;
			}
			if (i == 1)
				printf("gf_time %s, localtime %s\n", a, want);
		}
		/* Like ctime, gf_time follows TZ changes (retried once across a
		 * minute boundary). */
		for (int i = 0; i < 2; i++) {
			char u[16], e[16];
			setenv("TZ", "UTC0", 1);
			snprintf(u, sizeof u, "%s", gf_time());
			setenv("TZ", "UTC-3", 1);
			snprintf(e, sizeof e, "%s", gf_time());
			if (strncmp(u + 2, e + 2, 4) == 0 && (atoi(u) + 3) % 24 == atoi(e)) {
				printf("gf_time follows TZ\n");
				break;
			}
			if (i == 1)
				printf("gf_time UTC0 %s, UTC-3 %s\n", u, e);
		}
		return 0;
	} else if (strcmp(c, "f2l") == 0) {
		errno = 0;
		Family_to_level(AF_UNIX);
	} else if (strcmp(c, "s2f") == 0) {
		Sockfd_to_family(-1);
	} else if (strcmp(c, "addrs") == 0) {
		int family = -1;
		char **pp = My_addrs(&family), buf[INET6_ADDRSTRLEN];
		printf("family %d\n", family);
		for (; *pp != NULL; pp++)
			printf("%s\n", inet_ntop(family, *pp, buf, sizeof buf));
		return 0;
	} else {
		err_quit("unknown case %s", c);
	}
	printf("not reached\n");
	return 0;
}
