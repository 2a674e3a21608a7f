/*
 * daemontest -- daemon_init(), observed from inside the daemon.  syslog()
 * and openlog() are replaced by versions that append to <dir>/log, so the
 * test sees what the library's err_* functions log.
 * usage: daemontest <absolute dir> [inetd]
 */
#include "unp.h"
#include <stdarg.h>
#include <syslog.h>
#include <sys/stat.h>

extern int daemon_proc;

static char logpath[1024];

static void logline(const char *fmt, ...)
{
	va_list ap;
	FILE *fp = fopen(logpath, "a");

	if (fp == NULL)
		_exit(99);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	fclose(fp);
}

void openlog(const char *ident, int option, int facility)
{
	logline("openlog %s %d %d\n", ident, option, facility);
}

void syslog(int pri, const char *fmt, ...)
{
	char text[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	logline("syslog %d %s", pri, text);
}

static int is_devnull(int fd)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat("/dev/null", &b) == 0 &&
	       a.st_rdev == b.st_rdev && S_ISCHR(a.st_mode);
}

int main(int argc, char **argv)
{
	pid_t before;
	int extra, r;
	char cwd[256];
	struct sigaction sa;

	if (argc < 2 || argv[1][0] != '/')
		err_quit("usage: daemontest <absolute dir> [inetd]");
	snprintf(logpath, sizeof(logpath), "%s/log", argv[1]);

	before = getpid();
	extra = Open("/dev/null", O_RDONLY, 0); /* must be closed by daemon_init */
	while (extra < 10)
		extra = dup(extra);
	umask(022);

	if (argc == 3 && strcmp(argv[2], "inetd") == 0) {
		daemon_inetd("inetdtest", LOG_DAEMON);
		logline("daemon_proc %d, same pid %d\n", daemon_proc, getpid() == before);
		err_msg("from inetd");
		fprintf(stderr, "stderr still works\n");
		exit(0);
	}

	r = daemon_init("daemontest", LOG_LOCAL3);

	logline("returned %d\n", r);
	logline("new pid %d, session leader %d, pgrp leader %d\n", getpid() != before,
	        getsid(0) == getpid(), getpgrp() == getpid());
	logline("daemon_proc %d\n", daemon_proc);
	logline("cwd %s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "?");
	logline("0 1 2 /dev/null %d %d %d, 0 readonly %d\n", is_devnull(0), is_devnull(1),
	        is_devnull(2), (fcntl(0, F_GETFL) & O_ACCMODE) == O_RDONLY);
	logline("extra closed %d\n", fcntl(extra, F_GETFD) == -1 && errno == EBADF);
	sigaction(SIGHUP, NULL, &sa);
	logline("SIGHUP ignored %d\n", sa.sa_handler == SIG_IGN);
	logline("umask %03o\n", (unsigned) umask(0));

	err_msg("hello %s, 100%%", "syslog");
	errno = ECONNREFUSED;
	err_ret("err_ret");
	fprintf(stderr, "stderr is /dev/null\n");
	Close(-1); /* err_sys: logged, then exit(1) */
	logline("not reached\n");
	exit(0);
}
