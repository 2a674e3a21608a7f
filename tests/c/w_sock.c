/*
 * w_sock -- success and failure paths of the socket wrappers (lib/wrapsock.c)
 * for tests/wrappers.rs.  Only 127.0.0.1 and ephemeral ports.
 * usage: w_sock MODE     ("ok" runs every success path; other modes fail once)
 */
#include "unp.h"
#include <netinet/ip6.h>
#include <sys/resource.h>

static void on_alarm(int signo)
{
	(void) signo;
}

/* SIGALRM without SA_RESTART in 100 ms, then every 100 ms: the next blocking
 * call gets EINTR.  The repetition covers a loaded machine where the first
 * tick comes before the process has reached that call (it would then block
 * for good, or until its own timeout). */
static void interrupt_soon(void)
{
	struct sigaction sa;
	struct itimerval it;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	if (sigaction(SIGALRM, &sa, NULL) < 0)
		err_sys("sigaction");
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = 100000;
	it.it_interval.tv_usec = 100000;
	if (setitimer(ITIMER_REAL, &it, NULL) < 0)
		err_sys("setitimer");
}

static void loopback(struct sockaddr_in *sin, int port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	Inet_pton(AF_INET, "127.0.0.1", &sin->sin_addr);
}

/* A TCP socket bound to 127.0.0.1 on an ephemeral port, listening or not. */
static int bound_tcp(struct sockaddr_in *sin, int listening)
{
	socklen_t len = sizeof(*sin);
	int fd = Socket(AF_INET, SOCK_STREAM, 0);

	loopback(sin, 0);
	Bind(fd, (SA *) sin, sizeof(*sin));
	if (listening)
		Listen(fd, 5);
	Getsockname(fd, (SA *) sin, &len);
	return fd;
}

/*
 * The backlog the kernel records for a listening socket: ss's Send-Q column
 * (inet_diag's idiag_wqueue, sk_max_ack_backlog).  /proc/net/tcp does not
 * show it.  -1 when ss is not available.
 */
static int ss_backlog(int port)
{
	char cmd[128], line[512];
	int recvq, sendq, found = -1;
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "ss -ltnH 'sport = :%d' 2>/dev/null", port);
	if ((fp = popen(cmd, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (sscanf(line, "LISTEN %d %d", &recvq, &sendq) == 2)
			found = sendq;
	pclose(fp);
	return found;
}

static void ok(void)
{
	struct sockaddr_in sin, peer, from;
	socklen_t len;
	int lfd, cfd, afd, n, sv[2], on = 1;
	char buf[128];
	struct iovec iov[2];
	struct msghdr msg;
	fd_set rset;
	struct timeval tv;
	struct pollfd pfd;
	struct in6_addr a1, a2, *ap;
	char rth[64], rrev[64];

	lfd = bound_tcp(&sin, 1);
	cfd = Socket(AF_INET, SOCK_STREAM, 0);
	Connect(cfd, (SA *) &sin, sizeof(sin));
	len = sizeof(peer);
	afd = Accept(lfd, (SA *) &peer, &len);
	printf("accept from %s\n", Inet_ntop(AF_INET, &peer.sin_addr, buf, sizeof(buf)));
	len = sizeof(peer);
	Getpeername(cfd, (SA *) &peer, &len);
	printf("getpeername same port %d\n", peer.sin_port == sin.sin_port);
	len = sizeof(n);
	Getsockopt(cfd, SOL_SOCKET, SO_TYPE, &n, &len);
	printf("getsockopt SO_TYPE stream %d\n", n == SOCK_STREAM);
	Setsockopt(cfd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
	len = sizeof(n);
	Getsockopt(cfd, SOL_SOCKET, SO_KEEPALIVE, &n, &len);
	printf("setsockopt SO_KEEPALIVE %d\n", n);

	FD_ZERO(&rset);
	FD_SET(afd, &rset);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	printf("select idle %d\n", Select(afd + 1, &rset, NULL, NULL, &tv));
	pfd.fd = afd;
	pfd.events = POLLIN;
	printf("poll idle %d\n", Poll(&pfd, 1, 0));

	Send(cfd, "ping", 4, 0);
	FD_SET(afd, &rset);
	printf("select ready %d\n", Select(afd + 1, &rset, NULL, NULL, NULL));
	printf("poll ready %d\n", Poll(&pfd, 1, INFTIM));
	printf("sockatmark %d\n", Sockatmark(afd));
	n = Recv(afd, buf, sizeof(buf), 0);
	printf("recv %d %.*s\n", n, n, buf);

	/* Sendmsg compares with the sum of every iov_len (3 + 4), not the first. */
	iov[0].iov_base = "abc";
	iov[0].iov_len = 3;
	iov[1].iov_base = "defg";
	iov[1].iov_len = 4;
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	Sendmsg(cfd, &msg, 0);
	Shutdown(cfd, SHUT_WR);
	iov[0].iov_base = buf;
	iov[0].iov_len = sizeof(buf);
	msg.msg_iovlen = 1;
	n = Readn(afd, buf, 7);
	printf("sendmsg %d %.*s\n", n, n, buf);
	iov[0].iov_base = buf;
	printf("recvmsg eof %d\n", (int) Recvmsg(afd, &msg, 0));
	Close(afd);
	Close(cfd);
	Close(lfd);

	lfd = Socket(AF_INET, SOCK_DGRAM, 0);
	loopback(&sin, 0);
	Bind(lfd, (SA *) &sin, sizeof(sin));
	len = sizeof(sin);
	Getsockname(lfd, (SA *) &sin, &len);
	cfd = Socket(AF_INET, SOCK_DGRAM, 0);
	Sendto(cfd, "udp!", 4, 0, (SA *) &sin, sizeof(sin));
	len = sizeof(from);
	n = Recvfrom(lfd, buf, sizeof(buf), 0, (SA *) &from, &len);
	printf("recvfrom %d %.*s from %s\n", n, n, buf,
	       Inet_ntop(AF_INET, &from.sin_addr, buf + 64, 64));
	Close(cfd);
	Close(lfd);

	Socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	Writen(sv[0], "pair\n", 5);
	n = Read(sv[1], buf, sizeof(buf));
	printf("socketpair %.*s", n, buf);
	Close(sv[0]);
	Close(sv[1]);

	printf("inet6_rth_space %d %d %d\n", Inet6_rth_space(IPV6_RTHDR_TYPE_0, 2),
	       Inet6_rth_space(99, 1), Inet6_rth_space(IPV6_RTHDR_TYPE_0, 1000));
	Inet_pton(AF_INET6, "::1", &a1);
	Inet_pton(AF_INET6, "::2", &a2);
	Inet6_rth_init(rth, sizeof(rth), IPV6_RTHDR_TYPE_0, 2);
	Inet6_rth_add(rth, &a1);
	Inet6_rth_add(rth, &a2);
	printf("inet6_rth_segments %d\n", Inet6_rth_segments(rth));
	ap = Inet6_rth_getaddr(rth, 1);
	printf("inet6_rth_getaddr %s\n", Inet_ntop(AF_INET6, ap, buf, sizeof(buf)));
	Inet6_rth_reverse(rth, rrev);
	ap = Inet6_rth_getaddr(rrev, 0);
	printf("inet6_rth_reverse %s\n", Inet_ntop(AF_INET6, ap, buf, sizeof(buf)));
}

int main(int argc, char **argv)
{
	const char *m;
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int fd, fd2, n, sv[2], fds[2];
	char buf[64], rth[64];
	static char big[1 << 22];
	struct iovec iov[2];
	struct msghdr msg;
	struct pollfd pfd;
	struct in6_addr a1;
	struct rlimit rl;

	if (argc != 2)
		err_quit("usage: w_sock MODE");
	m = argv[1];
	memset(&msg, 0, sizeof(msg));

	if (strcmp(m, "ok") == 0) {
		ok();
		return 0;
	} else if (strcmp(m, "connect") == 0) {
		/* Bound but not listening: the connection is refused. */
		fd = bound_tcp(&sin, 0);
		fd2 = Socket(AF_INET, SOCK_STREAM, 0);
		Connect(fd2, (SA *) &sin, sizeof(sin));
	} else if (strcmp(m, "socket") == 0)
		Socket(9999, SOCK_STREAM, 0);
	else if (strcmp(m, "raw_any") == 0) {
		/* BSD's raw IPv4 socket of any protocol: Linux's IPPROTO_RAW. */
		fd = Socket(AF_INET, SOCK_RAW, 0);
		len = sizeof(n);
		Getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &n, &len);
		printf("raw socket, protocol %d\n", n);
		return 0;
	}
	else if (strcmp(m, "bind") == 0) {
		fd = bound_tcp(&sin, 1);
		fd2 = Socket(AF_INET, SOCK_STREAM, 0);
		Bind(fd2, (SA *) &sin, sizeof(sin));
	} else if (strcmp(m, "accept") == 0) {
		fd = bound_tcp(&sin, 1);
		interrupt_soon();
		Accept(fd, NULL, NULL);
	} else if (strcmp(m, "listen") == 0) {
		fd = Socket(AF_INET, SOCK_DGRAM, 0);
		Listen(fd, 5);
	} else if (strcmp(m, "listenq") == 0) {
		/* Listen(fd, 7): LISTENQ from the environment replaces the 7. */
		fd = Socket(AF_INET, SOCK_STREAM, 0);
		loopback(&sin, 0);
		Bind(fd, (SA *) &sin, sizeof(sin));
		Listen(fd, 7);
		Getsockname(fd, (SA *) &sin, &len);
		printf("backlog %d\n", ss_backlog(ntohs(sin.sin_port)));
		/* The socket really listens: a connection completes. */
		fd2 = Socket(AF_INET, SOCK_STREAM, 0);
		Connect(fd2, (SA *) &sin, sizeof(sin));
		printf("connected\n");
		return 0;
	} else if (strcmp(m, "getpeername") == 0) {
		fd = Socket(AF_INET, SOCK_STREAM, 0);
		Getpeername(fd, (SA *) &sin, &len);
	} else if (strcmp(m, "getsockname") == 0)
		Getsockname(0, (SA *) &sin, &len);
	else if (strcmp(m, "getsockopt") == 0) {
		fd = Socket(AF_INET, SOCK_STREAM, 0);
		Getsockopt(fd, SOL_SOCKET, 12345, buf, &len);
	} else if (strcmp(m, "setsockopt") == 0) {
		fd = Socket(AF_INET, SOCK_STREAM, 0);
		Setsockopt(fd, SOL_SOCKET, 12345, buf, sizeof(int));
	} else if (strcmp(m, "shutdown") == 0) {
		fd = Socket(AF_INET, SOCK_STREAM, 0);
		Shutdown(fd, SHUT_RDWR);
	} else if (strcmp(m, "sockatmark") == 0)
		Sockatmark(0);
	else if (strcmp(m, "socketpair") == 0)
		Socketpair(AF_INET, SOCK_STREAM, 0, sv);
	else if (strcmp(m, "poll") == 0) {
		/* 65 entries (all ignored: fd -1) but only 64 descriptors
		 * allowed: EINVAL. */
		struct pollfd many[65];
		for (int i = 0; i < 65; i++) {
			many[i].fd = -1;
			many[i].events = 0;
		}
		rl.rlim_cur = rl.rlim_max = 64;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			err_sys("setrlimit");
		Poll(many, 65, 0);
	} else if (strcmp(m, "poll_eintr") == 0) {
		Pipe(fds);
		pfd.fd = fds[0];
		pfd.events = POLLIN;
		interrupt_soon();
		Poll(&pfd, 1, 5000);
	} else if (strcmp(m, "select") == 0)
		Select(-1, NULL, NULL, NULL, NULL);
	else if (strcmp(m, "select_eintr") == 0) {
		interrupt_soon();
		Select(0, NULL, NULL, NULL, NULL);
	} else if (strcmp(m, "recv") == 0)
		Recv(0, buf, sizeof(buf), 0);
	else if (strcmp(m, "recvfrom") == 0) {
		fd = Socket(AF_INET, SOCK_DGRAM, 0);
		loopback(&sin, 0);
		Bind(fd, (SA *) &sin, sizeof(sin));
		interrupt_soon();
		Recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL);
	} else if (strcmp(m, "recvmsg") == 0)
		Recvmsg(0, &msg, 0);
	else if (strcmp(m, "send") == 0)
		Send(0, "x", 1, 0);
	else if (strcmp(m, "send_short") == 0) {
		Socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
		Fcntl(sv[0], F_SETFL, O_NONBLOCK);
		errno = 0;
		Send(sv[0], big, sizeof(big), 0);
	} else if (strcmp(m, "sendto") == 0) {
		fd = Socket(AF_INET, SOCK_DGRAM, 0);
		loopback(&sin, 9);
		Sendto(fd, "x", 1, 0, (SA *) &sin, 1);
	} else if (strcmp(m, "sendmsg") == 0)
		Sendmsg(0, &msg, 0);
	else if (strcmp(m, "sendmsg_short") == 0) {
		/* The first iov fits; the sum does not: a short count is fatal. */
		Socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
		Fcntl(sv[0], F_SETFL, O_NONBLOCK);
		iov[0].iov_base = "abc";
		iov[0].iov_len = 3;
		iov[1].iov_base = big;
		iov[1].iov_len = sizeof(big);
		msg.msg_iov = iov;
		msg.msg_iovlen = 2;
		errno = 0;
		Sendmsg(sv[0], &msg, 0);
	} else if (strcmp(m, "rth_init") == 0)
		Inet6_rth_init(rth, 8, IPV6_RTHDR_TYPE_0, 2);
	else if (strcmp(m, "rth_add") == 0) {
		Inet_pton(AF_INET6, "::1", &a1);
		Inet6_rth_init(rth, sizeof(rth), IPV6_RTHDR_TYPE_0, 1);
		Inet6_rth_add(rth, &a1);
		printf("first added\n");
		Inet6_rth_add(rth, &a1);
	} else if (strcmp(m, "rth_getaddr") == 0) {
		Inet6_rth_init(rth, sizeof(rth), IPV6_RTHDR_TYPE_0, 1);
		Inet6_rth_getaddr(rth, 5);
	} else if (strcmp(m, "rth_segments") == 0) {
		Inet6_rth_init(rth, sizeof(rth), IPV6_RTHDR_TYPE_0, 1);
		((struct ip6_rthdr *) rth)->ip6r_type = 99;
		Inet6_rth_segments(rth);
	} else if (strcmp(m, "rth_reverse") == 0) {
		char out[64];
		Inet6_rth_init(rth, sizeof(rth), IPV6_RTHDR_TYPE_0, 1);
		((struct ip6_rthdr *) rth)->ip6r_type = 99;
		Inet6_rth_reverse(rth, out);
	} else
		err_quit("unknown mode %s", m);
	(void) n;
	printf("returned\n");
	return 0;
}
