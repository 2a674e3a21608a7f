/*
 * e_errors -- drives the five err_* functions (lib/error.c) for tests/errors.rs.
 * usage: e_errors MODE
 * Every mode prints "before" (no newline) on stdout first, so that the
 * fflush(stdout) done by the error functions is visible in a 2>&1 pipe.
 */
#include "unp.h"

extern int daemon_proc;

static void bye(void)
{
	printf("atexit ran\n");
}

static char big[5001];

static void fill(size_t n)
{
	memset(big, 'x', n);
	big[n] = '\0';
}

int main(int argc, char **argv)
{
	const char *m;

	if (argc != 2)
		err_quit("usage: e_errors MODE");
	m = argv[1];
	atexit(bye);
	printf("before");

	if (strcmp(m, "sys") == 0) {
		errno = ECONNREFUSED;
		err_sys("sys %d %s", 42, "text");
	} else if (strcmp(m, "sys0") == 0) {
		errno = 0;
		err_sys("sys zero");
	} else if (strcmp(m, "quit") == 0) {
		errno = ECONNREFUSED; /* must not show */
		err_quit("quit %s", "now");
	} else if (strcmp(m, "ret") == 0) {
		errno = ENOENT;
		err_ret("ret %d", 1);
		printf("after ret errno=%d\n", errno);
		exit(0);
	} else if (strcmp(m, "msg") == 0) {
		errno = ENOENT; /* must not show */
		err_msg("msg %c%%", 'z');
		printf("after msg\n");
		return 0;
	} else if (strcmp(m, "dump") == 0) {
		errno = EPIPE;
		err_dump("dump %u", 7u);
	} else if (strcmp(m, "long") == 0) {
		fill(5000);
		errno = ECONNREFUSED;
		err_ret("%s", big);
		return 0;
	} else if (strcmp(m, "long_msg") == 0) {
		fill(5000);
		err_msg("%s", big);
		return 0;
	} else if (strcmp(m, "near") == 0) {
		fill(4090);
		errno = ECONNREFUSED;
		err_ret("%s", big);
		return 0;
	} else if (strcmp(m, "exact") == 0) {
		fill(4095);
		err_msg("%s", big);
		return 0;
	} else if (strncmp(m, "daemon_", 7) == 0) {
		daemon_proc = 1;
		errno = ECONNREFUSED;
		m += 7;
		if (strcmp(m, "sys") == 0)
			err_sys("daemon %s %d%%n%s%s%s", "sys", 5, "%s%n", "%x", "%p");
		else if (strcmp(m, "quit") == 0)
			err_quit("daemon quit %s", "%n%n%n%s%s");
		else if (strcmp(m, "ret") == 0)
			err_ret("daemon ret %s", "%n%s%s%s%s");
		else if (strcmp(m, "msg") == 0)
			err_msg("daemon msg %s", "%n%s%s%s%s");
		else if (strcmp(m, "dump") == 0)
			err_dump("daemon dump %s", "%n%s");
		printf(" returned\n");
		return 0;
	}
	err_quit("unknown mode %s", m);
	return 2;
}
