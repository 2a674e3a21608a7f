/*
 * addr: exercises sock_ntop, sock_ntop_host and the sockaddr helpers
 * (sock_bind_wild, sock_cmp_addr, sock_cmp_port, sock_get_port,
 * sock_set_addr, sock_set_port, sock_set_wild).
 *
 *   addr               every case, one line each, on stdout
 *   addr FAILURE       one failing call, which must end the program through
 *                      err_sys (see the table in main)
 */
#include "unp.h"
#include <stddef.h>

static struct sockaddr_in v4(const char *a, int port)
{
	struct sockaddr_in s;
	memset(&s, 0, sizeof s);
	s.sin_family = AF_INET;
	s.sin_port = htons(port);
	Inet_pton(AF_INET, a, &s.sin_addr);
	return s;
}

static struct sockaddr_in6 v6(const char *a, int port)
{
	struct sockaddr_in6 s;
	memset(&s, 0, sizeof s);
	s.sin6_family = AF_INET6;
	s.sin6_port = htons(port);
	Inet_pton(AF_INET6, a, &s.sin6_addr);
	return s;
}

static struct sockaddr_un un(const char *path)
{
	struct sockaddr_un s;
	memset(&s, 0, sizeof s);
	s.sun_family = AF_UNIX;
	memcpy(s.sun_path, path, strlen(path) < sizeof s.sun_path ? strlen(path) : sizeof s.sun_path);
	return s;
}

static void show(const char *what, const void *sa, socklen_t len)
{
	printf("%s: ntop=%s host=%s\n", what, Sock_ntop((const SA *)sa, len),
	       Sock_ntop_host((const SA *)sa, len));
}

/* xorshift64*, fixed seed */
static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
static unsigned long long next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

/* Sock_ntop_host and Sock_ntop against inet_ntop (+ port) for many addresses. */
static void random_compare(void)
{
	char want[INET6_ADDRSTRLEN + 16], txt[INET6_ADDRSTRLEN];
	int bad = 0;
	for (int n = 0; n < 200000; n++) {
		struct sockaddr_in6 s6;
		struct sockaddr_in s4;
		unsigned long long x = next(), y = next(), m = next();
		int port = (int)(next() & 0xffff);
		memset(&s6, 0, sizeof s6);
		s6.sin6_family = AF_INET6;
		s6.sin6_port = htons(port);
		memcpy(&s6.sin6_addr.s6_addr[0], &x, 8);
		memcpy(&s6.sin6_addr.s6_addr[8], &y, 8);
		for (int g = 0; g < 8; g++) {
			if ((m >> (g * 3)) & 3)
				s6.sin6_addr.s6_addr[2 * g] = s6.sin6_addr.s6_addr[2 * g + 1] = 0;
			if (((m >> (32 + g * 4)) & 7) == 0)
				s6.sin6_addr.s6_addr[2 * g] = 0;
		}
		if (n % 5 == 0) {
			memset(s6.sin6_addr.s6_addr, 0, 10);
			s6.sin6_addr.s6_addr[10] = s6.sin6_addr.s6_addr[11] = 0xff;
		} else if (n % 5 == 1) {
			memset(s6.sin6_addr.s6_addr, 0, 12);
		}
		inet_ntop(AF_INET6, &s6.sin6_addr, txt, sizeof txt);
		if (strcmp(txt, Sock_ntop_host((SA *)&s6, sizeof s6)) != 0)
			bad++;
		if (port)
			snprintf(want, sizeof want, "[%s]:%d", txt, port);
		else
			snprintf(want, sizeof want, "%s", txt);
		if (strcmp(want, Sock_ntop((SA *)&s6, sizeof s6)) != 0)
			bad++;

		memset(&s4, 0, sizeof s4);
		s4.sin_family = AF_INET;
		s4.sin_port = htons(port);
		s4.sin_addr.s_addr = (in_addr_t)x;
		inet_ntop(AF_INET, &s4.sin_addr, txt, sizeof txt);
		if (port)
			snprintf(want, sizeof want, "%s:%d", txt, port);
		else
			snprintf(want, sizeof want, "%s", txt);
		if (strcmp(want, Sock_ntop((SA *)&s4, sizeof s4)) != 0 ||
		    strcmp(txt, Sock_ntop_host((SA *)&s4, sizeof s4)) != 0)
			bad++;
	}
	printf("random compare with inet_ntop: %d mismatches\n", bad);
}

/* Each thread has its own result buffers. */
static void *thread_ntop(void *arg)
{
	struct sockaddr_in s = v4("192.0.2.77", 7777);
	char **out = arg;
	out[0] = sock_ntop((SA *)&s, sizeof s);
	out[1] = sock_ntop_host((SA *)&s, sizeof s);
	out[2] = strdup(out[0]);
	return NULL;
}

static void per_thread_buffers(void)
{
	struct sockaddr_in s = v4("10.9.8.7", 99);
	char *mine = sock_ntop((SA *)&s, sizeof s), *host = sock_ntop_host((SA *)&s, sizeof s);
	char *theirs[3];
	pthread_t t;
	if (pthread_create(&t, NULL, thread_ntop, theirs) != 0)
		err_quit("pthread_create");
	pthread_join(t, NULL);
	printf("threads: mine=%s host=%s theirs=%s distinct=%d\n", mine, host, theirs[2],
	       mine != theirs[0] && host != theirs[1] && mine != host);
	free(theirs[2]);
}

static void ntop_cases(void)
{
	struct sockaddr_in a4;
	struct sockaddr_in6 a6;
	struct sockaddr_un au;
	struct sockaddr_storage ss;
	char *p;

	a4 = v4("10.1.2.3", 80);
	show("v4 port 80", &a4, sizeof a4);
	a4 = v4("10.1.2.3", 0);
	show("v4 port 0", &a4, sizeof a4);
	a4 = v4("255.255.255.255", 65535);
	show("v4 max", &a4, sizeof a4);
	a4 = v4("0.0.0.0", 1);
	show("v4 any", &a4, sizeof a4);
	a4 = v4("127.0.0.1", 9877);
	show("v4 len 8", &a4, 8);

	a6 = v6("2001:db8::1", 443);
	show("v6 port 443", &a6, sizeof a6);
	a6 = v6("2001:db8::1", 0);
	show("v6 port 0", &a6, sizeof a6);
	a6 = v6("fe80::1", 65535);
	show("v6 max", &a6, sizeof a6);
	a6 = v6("::", 0);
	show("v6 any", &a6, sizeof a6);
	a6 = v6("::1", 9877);
	show("v6 loopback", &a6, sizeof a6);
	a6 = v6("::ffff:192.0.2.1", 53);
	show("v6 mapped", &a6, sizeof a6);
	a6 = v6("::192.0.2.1", 53);
	show("v6 compat", &a6, sizeof a6);
	a6 = v6("::ffff:0:192.0.2.1", 53);
	show("v6 ffff:0", &a6, sizeof a6);
	a6 = v6("1:0:0:2:0:0:0:3", 1);
	show("v6 longest run", &a6, sizeof a6);
	a6 = v6("1:0:0:2:0:0:3:4", 1);
	show("v6 first of equal runs", &a6, sizeof a6);
	a6 = v6("1:0:2:3:4:5:6:7", 1);
	show("v6 single zero group", &a6, sizeof a6);
	a6 = v6("2001:DB8:ABCD:EF01:2345:6789:ABCD:EF01", 8080);
	show("v6 full", &a6, sizeof a6);
	a6 = v6("fe80::1", 22);
	a6.sin6_scope_id = 3;
	a6.sin6_flowinfo = htonl(5);
	show("v6 scope and flowinfo not shown", &a6, sizeof a6);
	show("v6 len sizeof(struct sockaddr)", &a6, sizeof(struct sockaddr));
	{
		/* The v6 result without a port is the buffer + 1, as in the original. */
		a6 = v6("::1", 0);
		p = sock_ntop((SA *)&a6, sizeof a6);
		printf("v6 no port: p[-1]=%c\n", p[-1]);
	}

	au = un("/tmp/unix.str");
	show("unix path", &au, sizeof au);
	show("unix path len 0", &au, 0);
	au = un("");
	show("unix unbound", &au, sizeof au);
	au = un("");
	memcpy(au.sun_path, "\0abstract", 9);
	show("unix abstract", &au, sizeof au);
	memset(au.sun_path, 'x', sizeof au.sun_path); /* no NUL in sun_path */
	{
		/* The struct sits at the end of a larger buffer whose next byte is
		 * not NUL: the path must stop at sun_path's end. */
		char big[sizeof(struct sockaddr_un) + 8];
		memcpy(big, &au, sizeof au);
		memset(big + sizeof au, 'Y', 8);
		p = sock_ntop((SA *)big, sizeof au);
		printf("unix no NUL: len=%zu Y=%d\n", strlen(p), strchr(p, 'Y') != NULL);
		p = sock_ntop_host((SA *)big, sizeof au);
		printf("unix no NUL host: len=%zu Y=%d\n", strlen(p), strchr(p, 'Y') != NULL);
	}

	memset(&ss, 0, sizeof ss);
	ss.ss_family = 99;
	show("family 99", &ss, 16);
	ss.ss_family = AF_UNSPEC;
	show("AF_UNSPEC", &ss, 0);
	ss.ss_family = AF_PACKET;
	show("AF_PACKET", &ss, sizeof ss);
	ss.ss_family = 65535;
	show("family 65535", &ss, (socklen_t)-1);

	/* Failures of the lowercase functions: NULL, errno EINVAL. */
	a4 = v4("10.1.2.3", 80);
	a6 = v6("::1", 80);
	errno = 0;
	p = sock_ntop(NULL, 16);
	printf("sock_ntop(NULL): %p errno=%s\n", (void *)p, strerror(errno));
	errno = 0;
	p = sock_ntop_host(NULL, 16);
	printf("sock_ntop_host(NULL): %p errno=%s\n", (void *)p, strerror(errno));
	errno = 0;
	p = sock_ntop((SA *)&a4, 7);
	printf("sock_ntop(v4, 7): %p errno=%s\n", (void *)p, strerror(errno));
	errno = 0;
	p = sock_ntop_host((SA *)&a6, 15);
	printf("sock_ntop_host(v6, 15): %p errno=%s\n", (void *)p, strerror(errno));
	errno = 0;
	p = sock_ntop((SA *)&a6, 16);
	printf("sock_ntop(v6, 16): %s errno=%s\n", p, strerror(errno));
}

static void helper_cases(void)
{
	struct sockaddr_in a = v4("10.0.0.1", 80), b = v4("10.0.0.1", 81), c = v4("10.0.0.6", 80);
	struct sockaddr_in6 d = v6("2001:db8::1", 80), e = v6("2001:db8::1", 80),
			    f = v6("2001:db8::2", 443);
	struct sockaddr_un u1 = un("/tmp/a"), u2 = un("/tmp/a"), u3 = un("/tmp/c");
	struct sockaddr_storage x;
	struct in_addr ia;
	struct in6_addr i6;
	int fd, port, port2;
	socklen_t len;

	printf("cmp_addr v4 equal: %d\n", sock_cmp_addr((SA *)&a, (SA *)&b, sizeof a));
	printf("cmp_addr v4 differ: %d %d\n", sock_cmp_addr((SA *)&a, (SA *)&c, sizeof a),
	       sock_cmp_addr((SA *)&c, (SA *)&a, sizeof a));
	printf("cmp_addr v6 equal: %d\n", sock_cmp_addr((SA *)&d, (SA *)&e, sizeof d));
	printf("cmp_addr v6 differ: %d\n", sock_cmp_addr((SA *)&d, (SA *)&f, sizeof d));
	printf("cmp_addr unix: %d %d %d\n", sock_cmp_addr((SA *)&u1, (SA *)&u2, sizeof u1),
	       sock_cmp_addr((SA *)&u1, (SA *)&u3, sizeof u1), sock_cmp_addr((SA *)&u3, (SA *)&u1, sizeof u1));
	printf("cmp_addr family mismatch: %d\n", sock_cmp_addr((SA *)&a, (SA *)&d, sizeof a));
	memset(&x, 0, sizeof x);
	x.ss_family = 99;
	printf("cmp_addr unknown family: %d\n", sock_cmp_addr((SA *)&x, (SA *)&x, sizeof x));
	printf("cmp_addr NULL: %d\n", sock_cmp_addr(NULL, (SA *)&a, sizeof a));

	printf("cmp_port v4 equal: %d\n", sock_cmp_port((SA *)&a, (SA *)&c, sizeof a));
	printf("cmp_port v4 differ: %d\n", sock_cmp_port((SA *)&a, (SA *)&b, sizeof a));
	printf("cmp_port v6: %d %d\n", sock_cmp_port((SA *)&d, (SA *)&e, sizeof d),
	       sock_cmp_port((SA *)&d, (SA *)&f, sizeof d));
	printf("cmp_port mismatch: %d unix: %d\n", sock_cmp_port((SA *)&a, (SA *)&d, sizeof a),
	       sock_cmp_port((SA *)&u1, (SA *)&u2, sizeof u1));

	printf("get_port v4: %d (htons(80) = %d)\n", sock_get_port((SA *)&a, sizeof a), htons(80));
	printf("get_port v6: %d (htons(443) = %d)\n", sock_get_port((SA *)&f, sizeof f), htons(443));
	printf("get_port unix: %d NULL: %d\n", sock_get_port((SA *)&u1, sizeof u1),
	       sock_get_port(NULL, 0));

	sock_set_port((SA *)&a, sizeof a, htons(9999));
	sock_set_port((SA *)&d, sizeof d, htons(8888));
	sock_set_port((SA *)&u1, sizeof u1, 1);
	printf("set_port: %s", Sock_ntop((SA *)&a, sizeof a));
	printf(" %s", Sock_ntop_host((SA *)&u1, sizeof u1));
	printf(" %s\n", Sock_ntop((SA *)&d, sizeof d));
	sock_set_port((SA *)&a, sizeof a, 0x12345678); /* truncated to 16 bits, not swapped */
	printf("set_port truncates: %d\n", a.sin_port);

	Inet_pton(AF_INET, "192.0.2.5", &ia);
	sock_set_addr((SA *)&a, sizeof a, &ia);
	Inet_pton(AF_INET6, "2001:db8::5", &i6);
	sock_set_addr((SA *)&d, sizeof d, &i6);
	sock_set_addr((SA *)&u1, sizeof u1, "zzzz");
	printf("set_addr: %s", Sock_ntop((SA *)&a, sizeof a));
	printf(" %s", Sock_ntop((SA *)&d, sizeof d));
	printf(" %s\n", Sock_ntop((SA *)&u1, sizeof u1));
	sock_set_wild((SA *)&a, sizeof a);
	sock_set_wild((SA *)&d, sizeof d);
	sock_set_wild((SA *)&u1, sizeof u1);
	printf("set_wild: %s", Sock_ntop((SA *)&a, sizeof a));
	printf(" %s", Sock_ntop((SA *)&d, sizeof d));
	printf(" %s\n", Sock_ntop((SA *)&u1, sizeof u1));

	/* sock_bind_wild: the port comes back in network byte order. */
	fd = Socket(AF_INET, SOCK_DGRAM, 0);
	port = Sock_bind_wild(fd, AF_INET);
	len = sizeof a;
	Getsockname(fd, (SA *)&a, &len);
	printf("bind_wild v4: port matches=%d nonzero=%d addr=%s\n", port == a.sin_port, port != 0,
	       Sock_ntop_host((SA *)&a, len));
	port2 = sock_bind_wild(fd, AF_INET); /* already bound */
	printf("bind_wild again: %d %s\n", port2, port2 < 0 ? strerror(errno) : "");
	close(fd);
	fd = socket(AF_INET6, SOCK_STREAM, 0);
	port = fd < 0 ? -1 : sock_bind_wild(fd, AF_INET6);
	if (port < 0 && fd >= 0 && errno != EADDRNOTAVAIL && errno != EAFNOSUPPORT)
		err_sys("sock_bind_wild error");
	if (port >= 0) {
		len = sizeof d;
		Getsockname(fd, (SA *)&d, &len);
		printf("bind_wild v6: port matches=%d addr=%s\n", port == d.sin6_port,
		       Sock_ntop_host((SA *)&d, len));
		close(fd);
	} else { /* no IPv6 on this machine: what it would print */
		printf("bind_wild v6: port matches=1 addr=::\n");
		if (fd >= 0)
			close(fd);
	}
	fd = Socket(AF_UNIX, SOCK_STREAM, 0);
	errno = 0;
	port = sock_bind_wild(fd, AF_UNIX);
	printf("bind_wild unix: %d errno=%d\n", port, errno);
	close(fd);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a4 = v4("10.1.2.3", 80);
	struct sockaddr_in6 a6 = v6("::1", 80);
	int fd;

	if (argc > 1) {
		const char *m = argv[1];
		if (strcmp(m, "ntop-null") == 0)
			Sock_ntop(NULL, 16);
		else if (strcmp(m, "ntop-host-null") == 0)
			Sock_ntop_host(NULL, 16);
		else if (strcmp(m, "ntop-short") == 0)
			Sock_ntop((SA *)&a4, 4);
		else if (strcmp(m, "ntop-host-short") == 0)
			Sock_ntop_host((SA *)&a6, 8);
		else if (strcmp(m, "bind-wild-badf") == 0) {
			fd = Socket(AF_INET, SOCK_STREAM, 0);
			close(fd);
			Sock_bind_wild(fd, AF_INET);
		} else if (strcmp(m, "bind-wild-family") == 0) {
			fd = Socket(AF_INET, SOCK_STREAM, 0);
			errno = 0;
			Sock_bind_wild(fd, AF_UNIX);
		} else {
			err_quit("usage: addr [failure]");
		}
		printf("not reached\n");
		return 0;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	ntop_cases();
	helper_cases();
	per_thread_buffers();
	random_compare();
	return 0;
}
