/*
 * w_unix -- success and failure paths of the Unix, stdio and library
 * wrappers (lib/wraplib.c, wrapunix.c, wrapstdio.c) for tests/wrappers.rs.
 * usage: w_unix MODE     ("ok" runs every success path; other modes fail once)
 */
#include "unp.h"
#include <sys/mman.h>
#include <sys/resource.h>
#include <net/if.h>

static volatile size_t huge = (size_t)-1 / 2;

static void ok(void)
{
	char buf[64], tmpl[] = "/tmp/w_unixXXXXXX", *s;
	int fds[2], n, st, fd;
	long l;
	void *p;
	pid_t pid;
	sigset_t set;
	struct timeval tv;
	FILE *fp;
	struct in_addr a4;
	struct in6_addr a6;

	p = Calloc(4, 8);
	printf("calloc %d\n", ((char *) p)[31]);
	free(p);
	p = Malloc(16);
	free(p);
	s = Strdup("dup");
	printf("strdup %s\n", s);
	free(s);

	Pipe(fds);
	Write(fds[1], "hello", 5);
	Ioctl(fds[0], FIONREAD, &n);
	printf("ioctl FIONREAD %d\n", n);
	n = Fcntl(fds[0], F_GETFL, 0);
	printf("fcntl rdonly %d\n", (n & O_ACCMODE) == O_RDONLY);
	Dup2(fds[0], 20);
	n = Read(20, buf, sizeof(buf));
	printf("read %d %.5s\n", n, buf);
	Close(20);
	Close(fds[1]);
	printf("read eof %d\n", (int) Read(fds[0], buf, sizeof(buf)));
	Close(fds[0]);

	fd = Mkstemp(tmpl);
	printf("mkstemp %d\n", strncmp(tmpl, "/tmp/w_unix", 11) == 0 && strcmp(tmpl + 11, "XXXXXX") != 0);
	Write(fd, "abc", 3);
	Close(fd);
	fd = Open(tmpl, O_RDONLY, 0);
	p = Mmap(NULL, 3, PROT_READ, MAP_SHARED, fd, 0);
	printf("mmap %.3s\n", (char *) p);
	munmap(p, 3);
	Close(fd);
	fp = Fopen(tmpl, "r");
	printf("fgets %s\n", Fgets(buf, sizeof(buf), fp));
	printf("fgets eof %s\n", Fgets(buf, sizeof(buf), fp) == NULL ? "NULL" : "?");
	Fclose(fp);
	Unlink(tmpl);
	printf("unlinked %d\n", access(tmpl, F_OK) == -1 && errno == ENOENT);

	Pipe(fds);
	fp = Fdopen(fds[1], "w");
	Fputs("via fdopen\n", fp);
	Fclose(fp);
	n = Read(fds[0], buf, sizeof(buf));
	printf("fputs %.*s", n, buf);
	Close(fds[0]);

	Sigemptyset(&set);
	Sigaddset(&set, SIGUSR1);
	printf("sigismember %d %d\n", Sigismember(&set, SIGUSR1), Sigismember(&set, SIGUSR2));
	Sigdelset(&set, SIGUSR1);
	printf("sigdelset %d\n", Sigismember(&set, SIGUSR1));
	Sigfillset(&set);
	printf("sigfillset %d\n", Sigismember(&set, SIGUSR2));
	Sigemptyset(&set);
	Sigaddset(&set, SIGUSR1);
	Sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR1);
	Sigpending(&set);
	printf("sigpending %d\n", Sigismember(&set, SIGUSR1));

	l = Sysconf(_SC_OPEN_MAX);
	printf("sysconf %d\n", l > 0);
	Gettimeofday(&tv, NULL);
	printf("gettimeofday %d\n", tv.tv_sec > 1000000000);

	if ((pid = Fork()) == 0)
		_exit(7);
	printf("waitpid %d\n", Waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 7);
	if ((pid = Fork()) == 0) {
		pause();
		_exit(0);
	}
	printf("waitpid nohang %d\n", (int) Waitpid(pid, &st, WNOHANG));
	kill(pid, SIGKILL);
	printf("wait %d\n", Wait(&st) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	{
		char name[IF_NAMESIZE];
		unsigned idx = If_nametoindex("lo");
		struct if_nameindex *ni = If_nameindex(), *q;
		int seen = 0;

		for (q = ni; q->if_index != 0; q++)
			seen |= strcmp(q->if_name, "lo") == 0 && q->if_index == idx;
		if_freenameindex(ni);
		printf("if_* lo %s %d\n", If_indextoname(idx, name), seen);
	}
	Inet_pton(AF_INET, "192.0.2.33", &a4);
	printf("inet_ntop %s\n", Inet_ntop(AF_INET, &a4, buf, sizeof(buf)));
	Inet_pton(AF_INET6, "2001:db8::1", &a6);
	printf("inet_ntop %s\n", Inet_ntop(AF_INET6, &a6, buf, sizeof(buf)));
}

int main(int argc, char **argv)
{
	const char *m;
	char buf[64], bad[] = "/tmp/no-x-here";
	int fds[2];
	sigset_t set;
	struct rlimit rl;
	struct in_addr a4;
	FILE *fp;

	if (argc != 2)
		err_quit("usage: w_unix MODE");
	m = argv[1];
	Sigemptyset(&set);

	if (strcmp(m, "ok") == 0) {
		ok();
		return 0;
	} else if (strcmp(m, "calloc") == 0)
		Calloc(huge, 4);
	else if (strcmp(m, "malloc") == 0)
		Malloc(huge);
	else if (strcmp(m, "close") == 0)
		Close(-1);
	else if (strcmp(m, "dup2") == 0)
		Dup2(-1, 20);
	else if (strcmp(m, "fcntl") == 0)
		Fcntl(-1, F_GETFL, 0);
	else if (strcmp(m, "ioctl") == 0)
		Ioctl(-1, FIONREAD, buf);
	else if (strcmp(m, "mkstemp") == 0) {
		errno = ENOENT; /* must not show: err_quit */
		Mkstemp(bad);
	} else if (strcmp(m, "mmap") == 0)
		Mmap(NULL, 4096, PROT_READ, MAP_SHARED, -1, 0);
	else if (strcmp(m, "open") == 0)
		Open("/nonexistent/x", O_RDONLY, 0);
	else if (strcmp(m, "pipe") == 0) {
		rl.rlim_cur = rl.rlim_max = 3;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			err_sys("setrlimit");
		Pipe(fds);
	} else if (strcmp(m, "fork") == 0) {
		/* No process allowed: fork fails with EAGAIN (root is exempt from
		 * RLIMIT_NPROC, so give up root first). */
		if (geteuid() == 0 && setuid(65534) < 0)
			err_sys("setuid");
		rl.rlim_cur = rl.rlim_max = 0;
		if (setrlimit(RLIMIT_NPROC, &rl) < 0)
			err_sys("setrlimit");
		if (Fork() == 0)
			_exit(0);
	} else if (strcmp(m, "read") == 0)
		Read(-1, buf, sizeof(buf));
	else if (strcmp(m, "sigaddset") == 0)
		Sigaddset(&set, 0);
	else if (strcmp(m, "sigdelset") == 0)
		Sigdelset(&set, 0);
	else if (strcmp(m, "sigemptyset") == 0)
		Sigemptyset(NULL);
	else if (strcmp(m, "sigfillset") == 0)
		Sigfillset(NULL);
	else if (strcmp(m, "sigismember") == 0)
		Sigismember(&set, 0);
	else if (strcmp(m, "sigpending") == 0)
		Sigpending(NULL);
	else if (strcmp(m, "sigprocmask") == 0)
		Sigprocmask(12345, &set, NULL);
	else if (strcmp(m, "strdup") == 0)
		Strdup(NULL);
	else if (strcmp(m, "sysconf") == 0)
		Sysconf(-1);
	else if (strcmp(m, "sysconf_nolimit") == 0)
		Sysconf(_SC_THREAD_THREADS_MAX);
	else if (strcmp(m, "unlink") == 0)
		Unlink("/nonexistent/x");
	else if (strcmp(m, "wait") == 0)
		Wait(NULL);
	else if (strcmp(m, "waitpid") == 0)
		Waitpid(-1, NULL, 0);
	else if (strcmp(m, "write") == 0)
		Write(-1, buf, 1);
	else if (strcmp(m, "readn") == 0)
		Readn(-1, buf, sizeof(buf));
	else if (strcmp(m, "writen") == 0)
		Writen(-1, buf, sizeof(buf));
	else if (strcmp(m, "readline") == 0)
		Readline(-1, buf, sizeof(buf));
	else if (strcmp(m, "write_short") == 0) {
		/* A nonblocking pipe takes at most its capacity: a short count. */
		static char big[1 << 20];
		Pipe(fds);
		Fcntl(fds[1], F_SETFL, O_NONBLOCK);
		errno = 0;
		Write(fds[1], big, sizeof(big));
	} else if (strcmp(m, "fclose") == 0) {
		Pipe(fds);
		fp = Fdopen(fds[1], "w");
		close(fds[1]);
		Fclose(fp);
	} else if (strcmp(m, "fdopen") == 0)
		Fdopen(-1, "r");
	else if (strcmp(m, "fgets") == 0) {
		Pipe(fds);
		fp = Fdopen(fds[1], "w");
		Fgets(buf, sizeof(buf), fp);
	} else if (strcmp(m, "fgets_eof") == 0) {
		/* stdin is empty: NULL, not fatal. */
		printf("fgets %s\n", Fgets(buf, sizeof(buf), stdin) == NULL ? "NULL" : buf);
		printf("feof %d ferror %d\n", feof(stdin) != 0, ferror(stdin) != 0);
		return 0;
	} else if (strcmp(m, "fopen") == 0)
		Fopen("/nonexistent/x", "r");
	else if (strcmp(m, "fputs") == 0)
		Fputs("x", stdin);
	else if (strcmp(m, "inet_pton") == 0)
		Inet_pton(AF_INET, "300.1.2.3", &a4);
	else if (strcmp(m, "inet_pton_af") == 0)
		Inet_pton(9999, "1.2.3.4", &a4);
	else if (strcmp(m, "inet_ntop_null") == 0)
		Inet_ntop(AF_INET, &a4, NULL, 16);
	else if (strcmp(m, "inet_ntop_len") == 0) {
		a4.s_addr = htonl(0xc0000221);
		Inet_ntop(AF_INET, &a4, buf, 8);
	} else if (strcmp(m, "inet_ntop_len4g") == 0) {
		/* size_t 2^32 + 8 reaches inet_ntop's socklen_t as 8. */
		a4.s_addr = htonl(0xc0000221);
		Inet_ntop(AF_INET, &a4, buf, ((size_t) 1 << 32) + 8);
	} else if (strcmp(m, "inet_ntop_af") == 0)
		Inet_ntop(9999, &a4, buf, sizeof(buf));
	else
		err_quit("unknown mode %s", m);
	printf("returned\n");
	return 0;
}
