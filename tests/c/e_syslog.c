/*
 * e_syslog -- daemon-mode err_* (daemon_proc = 1) with syslog replaced by
 * this program's own definition, which prints what the library passed: the
 * priority, the format, and (for a "%s" format) the message.  A program's
 * syslog wins over libc's in a static and in a dynamic link alike.
 * usage: e_syslog sys|quit|ret|msg|dump
 */
#include "unp.h"
#include <stdarg.h>
#include <syslog.h>

extern int daemon_proc;

void syslog(int priority, const char *fmt, ...)
{
	va_list ap;

	printf("syslog priority=%d format=[%s]", priority, fmt);
	if (strcmp(fmt, "%s") == 0) {
		va_start(ap, fmt);
		printf(" message=[%s]", va_arg(ap, const char *));
		va_end(ap);
	}
	printf("\n");
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc != 2)
		err_quit("usage: e_syslog MODE");
	daemon_proc = 1;
	errno = ECONNREFUSED;
	if (strcmp(argv[1], "sys") == 0)
		err_sys("sys %s %d%%", "100%s%n", 5);
	else if (strcmp(argv[1], "quit") == 0)
		err_quit("quit %s", "%n");
	else if (strcmp(argv[1], "ret") == 0)
		err_ret("ret %s", "%x");
	else if (strcmp(argv[1], "msg") == 0)
		err_msg("msg %s", "%p");
	else if (strcmp(argv[1], "dump") == 0)
		err_dump("dump");
	printf("returned\n");
	return 0;
}
