/*
 * timeo_prog -- drives connect_timeo, Connect_timeo, connect_nonb and the
 * readable/writable timeouts for the tests.
 *   timeo_prog connect_timeo <ip> <port> <nsec> [prealarm]
 *   timeo_prog Connect_timeo <ip> <port> <nsec>
 *   timeo_prog connect_nonb <ip> <port> <nsec>
 *   timeo_prog connect_nonb_badlen
 *   timeo_prog readable | writable | readable_bad | writable_bad
 * <ip> is numeric IPv4 or IPv6.  After a call it prints the result, errno's
 * text, whether the socket is still open, and for connect_timeo what SIGALRM
 * looks like afterwards.
 */
#include "unp.h"

static struct sockaddr_storage ss;

/* Makes fd 100 a closed descriptor that select() reports as EBADF.  Linux
 * clamps select's nfds to the size of the process's descriptor table and
 * ignores closed descriptors beyond it: with the default 64-entry table,
 * select on fd 100 just times out (0).  The table a process starts with is
 * sized after its parent's open descriptors at fork time, so whether fd 100
 * fell inside it depended on how many pipes the parallel test harness had
 * open -- the result flipped between runs.  dup2 grows the table to cover
 * fd 100; close leaves it closed. */
static void closed_fd_100(void)
{
	if (dup2(0, 100) != 100)
		err_sys("dup2");
	close(100);
}

static socklen_t fill(const char *ip, const char *port)
{
	memset(&ss, 0, sizeof(ss));
	if (strchr(ip, ':') != NULL) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *) &ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(atoi(port));
		Inet_pton(AF_INET6, ip, &s6->sin6_addr);
		return sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *) &ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(atoi(port));
		Inet_pton(AF_INET, ip, &s4->sin_addr);
		return sizeof(*s4);
	}
}

static void state(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl == -1)
		printf("socket %s\n", errno == EBADF ? "closed" : "?");
	else
		printf("socket open%s\n", (fl & O_NONBLOCK) ? " nonblocking" : " blocking");
}

static void my_alarm(int signo)
{
	(void) signo;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	int fd, n, e;

	if (strcmp(cmd, "connect_timeo") == 0 && argc >= 5) {
		socklen_t len = fill(argv[2], argv[3]);
		struct sigaction sa, old;

		if (argc > 5) { /* a handler of our own and a pending alarm */
			memset(&sa, 0, sizeof(sa));
			sa.sa_handler = my_alarm;
			sa.sa_flags = SA_RESTART;
			sigemptyset(&sa.sa_mask);
			sigaction(SIGALRM, &sa, NULL);
			alarm(atoi(argv[5]));
		}
		fd = Socket(ss.ss_family, SOCK_STREAM, 0);
		n = connect_timeo(fd, (SA *) &ss, len, atoi(argv[4]));
		e = errno;
		printf("connect_timeo %d: %s\n", n, n < 0 ? strerror(e) : "ok");
		state(fd);
		printf("alarm left %u\n", alarm(0));
		sigaction(SIGALRM, NULL, &old);
		printf("SIGALRM %s, SA_RESTART %s\n",
		       old.sa_handler == SIG_DFL ? "default" : old.sa_handler == my_alarm ? "ours" : "other",
		       (old.sa_flags & SA_RESTART) ? "on" : "off");
	} else if (strcmp(cmd, "Connect_timeo") == 0 && argc == 5) {
		socklen_t len = fill(argv[2], argv[3]);

		fd = Socket(ss.ss_family, SOCK_STREAM, 0);
		Connect_timeo(fd, (SA *) &ss, len, atoi(argv[4]));
		printf("connected\n");
	} else if (strcmp(cmd, "connect_nonb") == 0 && argc == 5) {
		socklen_t len = fill(argv[2], argv[3]);

		fd = Socket(ss.ss_family, SOCK_STREAM, 0);
		n = connect_nonb(fd, (SA *) &ss, len, atoi(argv[4]));
		e = errno;
		printf("connect_nonb %d: %s\n", n, n < 0 ? strerror(e) : "ok");
		state(fd);
	} else if (strcmp(cmd, "connect_nonb_badlen") == 0) {
		socklen_t len = fill("127.0.0.1", "9");

		fd = Socket(AF_INET, SOCK_STREAM, 0);
		n = connect_nonb(fd, (SA *) &ss, len - 10, 1); /* EINVAL at once */
		e = errno;
		printf("connect_nonb %d: %s\n", n, n < 0 ? strerror(e) : "ok");
		state(fd);
	} else if (strcmp(cmd, "readable") == 0) {
		int sv[2];

		Socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
		printf("readable_timeo before data: %d\n", Readable_timeo(sv[0], 1));
		Write(sv[1], "x", 1);
		printf("readable_timeo after data: %d\n", Readable_timeo(sv[0], 1));
		n = readable_timeo(-1, 1);
		printf("readable_timeo fd -1: %d (%s)\n", n, strerror(errno));
	} else if (strcmp(cmd, "writable") == 0) {
		int sv[2], big = 4096;
		long total = 0;
		char buf[4096];

		Socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
		printf("writable_timeo empty buffer: %d\n", Writable_timeo(sv[0], 1));
		Setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
		Fcntl(sv[0], F_SETFL, O_NONBLOCK);
		memset(buf, 'x', sizeof(buf));
		while (total < 64L * 1024 * 1024 && (n = write(sv[0], buf, sizeof(buf))) > 0)
			total += n;
		printf("writable_timeo full buffer: %d\n", Writable_timeo(sv[0], 1));
		n = writable_timeo(FD_SETSIZE, 1);
		printf("writable_timeo fd FD_SETSIZE: %d (%s)\n", n, strerror(errno));
	} else if (strcmp(cmd, "readable_bad") == 0) {
		closed_fd_100();
		printf("%d\n", Readable_timeo(100, 1));
	} else if (strcmp(cmd, "writable_bad") == 0) {
		closed_fd_100();
		printf("%d\n", Writable_timeo(100, 1));
	} else {
		err_quit("usage: timeo_prog <command> ...");
	}
	exit(0);
}
