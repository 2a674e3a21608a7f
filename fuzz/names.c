/* libFuzzer harness: tcp_connect/Tcp_connect, udp_client/Udp_client,
 * udp_connect/Udp_connect and host_serv/Host_serv with numeric hosts (scope
 * ids included) and service strings, against a model that runs the book's
 * algorithm with getaddrinfo itself.
 *
 * Diagnostics: this program defines err_quit and err_sys (a program's own
 * definitions win over the library's, as the README says), which record the
 * message (err_sys with ": strerror(errno)" appended, as the book's do) and
 * return, like the book's `sock` program.  The library then returns what its
 * doc comments say for that case, and the harness compares the recorded
 * messages with the exact expected text, e.g.
 * "tcp_connect error for 127.0.0.1, 0: Connection refused".
 *
 * No name service and no network: a host string is passed only when
 * getaddrinfo accepts it with AI_NUMERICHOST (or it is NULL; a scope id
 * names an interface or its number); a service name is looked up in the
 * services database (/etc/services), never in DNS.  tcp_connect is called
 * only when every address it would try is 127.0.0.1 or ::1 (or
 * ::ffff:127.0.0.1) on a port this program holds bound and not listening, so
 * every connect is refused locally (or fails in getaddrinfo before any
 * socket is made); udp_connect only when every address is a loopback one (a
 * UDP connect sends nothing).  udp_client and host_serv send nothing.
 *
 * Input: a function selector, a host (NULL, one of several spellings of
 * the loopback addresses, an IPv6 address with a scope id, or up to 39
 * characters from "0-9.:a-fx%lo"), a service (NULL, the refused port with
 * 0-3 leading zeros, up to 7 digits, a service name or an odd number
 * ("0x50", "65536", " 80", ...), or up to 11 characters from digits,
 * letters, space, '+' and '-'), and a family and a socket type for
 * host_serv (for udp_client: whether the address and length pointers are
 * NULL). */
#include "unp.h"
#include "fuzz.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>

static char msg[2 * MAXLINE];   /* the last diagnostic */
static char first[2 * MAXLINE]; /* the first one */
static int nmsg;

void err_quit(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (nmsg++ == 0)
		memcpy(first, msg, sizeof first);
}

void err_sys(const char *fmt, ...)
{
	int e = errno;
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	n = strlen(msg);
	snprintf(msg + n, sizeof msg - n, ": %s", strerror(e));
	if (nmsg++ == 0)
		memcpy(first, msg, sizeof first);
}

/* ---- the port that refuses connections ---- */
static int refused_port;
static int refused_v6; /* ::1 holds it too */

static int bind_loopback(int family, int port)
{
	int s = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0), on = 1;

	if (s < 0)
		return -1;
	if (family == AF_INET6) {
		struct sockaddr_in6 a;

		memset(&a, 0, sizeof a);
		a.sin6_family = AF_INET6;
		a.sin6_port = htons(port);
		a.sin6_addr = in6addr_loopback;
		setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
		if (bind(s, (SA *)&a, sizeof a) == 0)
			return s;
	} else {
		struct sockaddr_in a;

		memset(&a, 0, sizeof a);
		a.sin_family = AF_INET;
		a.sin_port = htons(port);
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (bind(s, (SA *)&a, sizeof a) == 0)
			return s;
	}
	close(s);
	return -1;
}

/* A port bound (never listening) on 127.0.0.1 and, when possible, on ::1;
 * the sockets stay open for the life of the process. */
static void hold_refused_port(void)
{
	int try;

	for (try = 0; try < 50; try++) {
		struct sockaddr_in a;
		socklen_t len = sizeof a;
		int s4 = bind_loopback(AF_INET, 0), s6;

		if (s4 < 0 || getsockname(s4, (SA *)&a, &len) != 0) {
			perror("fuzz: binding 127.0.0.1");
			abort();
		}
		refused_port = ntohs(a.sin_port);
		s6 = bind_loopback(AF_INET6, refused_port);
		if (s6 >= 0) {
			refused_v6 = 1;
			return;
		}
		if (errno != EADDRINUSE)
			return; /* no ::1 here: IPv4 only */
		close(s4);
	}
	fprintf(stderr, "fuzz: no port free on both 127.0.0.1 and ::1\n");
	abort();
}

/* Is this address one that only reaches the refused port on loopback? */
static int is_refused(const struct addrinfo *ai)
{
	static const unsigned char v4mapped[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1 };

	if (ai->ai_family == AF_INET) {
		const struct sockaddr_in *a = (const void *)ai->ai_addr;

		return a->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && ntohs(a->sin_port) == refused_port;
	}
	if (ai->ai_family == AF_INET6) {
		const struct sockaddr_in6 *a = (const void *)ai->ai_addr;

		if (ntohs(a->sin6_port) != refused_port)
			return 0;
		if (memcmp(&a->sin6_addr, v4mapped, 16) == 0)
			return 1;
		return refused_v6 && IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
	}
	return 0;
}

/* ---- input ---- */
static const char *pick_host(struct in *in, char *buf)
{
	static const char *const loop[] = { "127.0.0.1", "127.1", "2130706433", "0x7f000001", "0177.0.0.1",
					    "127.0.1", "::1", "0::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1",
					    "::1%1", "1.2.3.4", "::", "0.0.0.0" };
	static const char *const scoped[] = { "fe80::1%lo", "fe80::1%1", "::1%lo", "::1%0", "fe80::1%0",
					      "fe80::1%4294967295", "fe80::1%4294967296", "fe80::1%nosuchif",
					      "ff02::1%lo", "fe80::1%", "127.0.0.1%lo", "::ffff:127.0.0.1%lo",
					      "::ffff:127.0.0.1%1", "fe80::1%lo%lo", "[::1]", "::1%1 " };
	static const char alpha[] = "0123456789.:abcdefx%lo";
	uint8_t sel = in_u8(in);
	size_t n, i;

	if (sel == 0)
		return NULL;
	if (sel < 64)
		return loop[sel % (sizeof loop / sizeof loop[0])];
	if (sel < 96)
		return scoped[sel % (sizeof scoped / sizeof scoped[0])];
	n = sel % 40;
	for (i = 0; i < n; i++)
		buf[i] = alpha[in_u8(in) % (sizeof alpha - 1)];
	buf[n] = 0;
	return buf;
}

static const char *pick_serv(struct in *in, char *buf)
{
	static const char *const named[] = { "echo", "discard", "daytime", "domain", "http", "https", "ssh",
					     "telnet", "ECHO", "nosuchservice", "", "0", "65535", "65536",
					     "4294967296", "-1", "+80", "0x50", " 80", "80 ", "080", "1e3",
					     "9877", "13", "7", "echo ", "tcpmux", "www" };
	static const char alpha[] = "0123456789 +-abcdehilmnoprstwx";
	uint8_t sel = in_u8(in);
	size_t n, i;

	if (sel == 0)
		return NULL;
	if (sel < 96) {
		snprintf(buf, 16, "%.*s%d", sel % 4, "000", refused_port);
		return buf;
	}
	if (sel >= 128 && sel < 192)
		return named[sel % (sizeof named / sizeof named[0])];
	if (sel >= 192) {
		n = sel % 12;
		for (i = 0; i < n; i++)
			buf[i] = alpha[in_u8(in) % (sizeof alpha - 1)];
		buf[n] = 0;
		return buf;
	}
	n = sel % 8;
	for (i = 0; i < n; i++)
		buf[i] = (char)('0' + in_u8(in) % 10);
	buf[n] = 0;
	return buf;
}

static int numeric_or_null(const char *host)
{
	struct addrinfo h, *res;

	if (host == NULL)
		return 1;
	memset(&h, 0, sizeof h);
	h.ai_flags = AI_NUMERICHOST;
	if (getaddrinfo(host, NULL, &h, &res) != 0)
		return 0;
	freeaddrinfo(res);
	return 1;
}

static int gai(const char *host, const char *serv, int flags, int family, int socktype,
	       struct addrinfo **res)
{
	struct addrinfo h;

	memset(&h, 0, sizeof h);
	h.ai_flags = flags;
	h.ai_family = family;
	h.ai_socktype = socktype;
	*res = NULL;
	return getaddrinfo(host, serv, &h, res);
}

#define SHOW(s) ((s) ? (s) : "(null)")

static void expect_msg(const char *fn, const char *want)
{
	if (want == NULL && nmsg != 0)
		FAIL("%s: unexpected diagnostic \"%s\"", fn, msg);
	if (want != NULL && nmsg != 1)
		FAIL("%s: %d diagnostics (last \"%s\"), want one: \"%s\"", fn, nmsg, nmsg ? msg : "",
		     want);
	if (want != NULL && strcmp(msg, want) != 0)
		FAIL("%s: diagnostic \"%s\", want \"%s\"", fn, msg, want);
}

/* Two diagnostics, `want1` then `want2`. */
static void expect_msgs(const char *fn, const char *want1, const char *want2)
{
	if (nmsg != 2 || strcmp(first, want1) != 0 || strcmp(msg, want2) != 0)
		FAIL("%s: %d diagnostics (first \"%s\", last \"%s\"), want two: \"%s\", \"%s\"", fn, nmsg,
		     nmsg ? first : "", nmsg ? msg : "", want1, want2);
}

/* After a diagnostic that returned: -1 when `minus_one`, else the last
 * descriptor tried, already closed. */
static void expect_failed_fd(const char *fn, const char *host, const char *serv, int got, int minus_one)
{
	if (minus_one ? got != -1 : got < 0 || fcntl(got, F_GETFD) != -1 || errno != EBADF)
		FAIL("%s(%s, %s) = %d: want %s", fn, SHOW(host), SHOW(serv), got,
		     minus_one ? "-1" : "a closed descriptor");
}

/* ---- the functions ---- */

/* 127.0.0.0/8, ::1 or ::ffff:127.x.y.z. */
static int is_loopback(const struct addrinfo *ai)
{
	if (ai->ai_family == AF_INET) {
		const struct sockaddr_in *a = (const void *)ai->ai_addr;

		return ntohl(a->sin_addr.s_addr) >> 24 == 127;
	}
	if (ai->ai_family == AF_INET6) {
		const struct sockaddr_in6 *a = (const void *)ai->ai_addr;

		return IN6_IS_ADDR_LOOPBACK(&a->sin6_addr) ||
		       (IN6_IS_ADDR_V4MAPPED(&a->sin6_addr) && a->sin6_addr.s6_addr[12] == 127);
	}
	return 0;
}

/* What tcp_connect or udp_connect should do: getaddrinfo (AF_UNSPEC,
 * `socktype`), then socket() and connect() on each entry in order. */
struct connecting {
	char want[sizeof msg]; /* the diagnostic (when no entry connects) */
	int hit;               /* an entry connected */
	int minus_one;         /* no entry connected, and the result is -1 */
	int peer_err;          /* after a hit: getpeername's errno, or 0 and: */
	struct sockaddr_storage peer;
	socklen_t peer_len;
};

/* Runs the model; 0 when the call must not be made (an address that is not
 * `allowed`). */
static int model_connect(const char *fn, const char *host, const char *serv, int socktype,
			 int (*allowed)(const struct addrinfo *), struct connecting *m)
{
	struct addrinfo *res, *ai;
	int n = gai(host, serv, 0, AF_UNSPEC, socktype, &res), e = 0;

	m->hit = 0;
	m->minus_one = 1;
	if (n != 0) {
		snprintf(m->want, sizeof m->want, "%s error for %s, %s: %s", fn, SHOW(host), SHOW(serv),
			 gai_strerror(n));
		return 1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next)
		if (!allowed(ai)) {
			freeaddrinfo(res);
			return 0;
		}
	for (ai = res; ai != NULL && !m->hit; ai = ai->ai_next) {
		int s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);

		m->minus_one = s < 0;
		if (s < 0) {
			e = errno;
			continue;
		}
		if (connect(s, ai->ai_addr, ai->ai_addrlen) == 0) {
			/* (UDP to port 0: connected, but to no peer: ENOTCONN) */
			m->hit = 1;
			m->peer_len = sizeof m->peer;
			m->peer_err = getpeername(s, (SA *)&m->peer, &m->peer_len) == 0 ? 0 : errno;
		} else {
			e = errno;
		}
		close(s);
	}
	freeaddrinfo(res);
	snprintf(m->want, sizeof m->want, "%s error for %s, %s: %s", fn, SHOW(host), SHOW(serv),
		 strerror(e));
	return 1;
}

/* A descriptor connected as the model's was. */
static void expect_connected(const char *fn, const char *host, const char *serv, int got,
			     const struct connecting *m)
{
	struct sockaddr_storage peer;
	socklen_t len = sizeof peer;
	int err;

	expect_msg(fn, NULL);
	if (got < 0)
		FAIL("%s(%s, %s) = %d, want a descriptor", fn, SHOW(host), SHOW(serv), got);
	err = getpeername(got, (SA *)&peer, &len) == 0 ? 0 : errno;
	if (err != m->peer_err || (err == 0 && (len != m->peer_len || memcmp(&peer, &m->peer, len) != 0)))
		FAIL("%s(%s, %s): the peer differs from getaddrinfo's first entry that connects", fn,
		     SHOW(host), SHOW(serv));
	close(got);
}

/* tcp_connect: only to the refused port, so no entry ever connects. */
static void fuzz_tcp_connect(const char *host, const char *serv, int upper)
{
	const char *fn = upper ? "Tcp_connect" : "tcp_connect";
	struct connecting m;
	int got;

	if (!model_connect("tcp_connect", host, serv, SOCK_STREAM, is_refused, &m))
		return;
	if (m.hit)
		FAIL("model: a connection to %s, %s was accepted", SHOW(host), SHOW(serv));
	nmsg = 0;
	got = upper ? Tcp_connect(host, serv) : tcp_connect(host, serv);
	expect_msg(fn, m.want);
	expect_failed_fd(fn, host, serv, got, m.minus_one);
}

/* udp_connect: the first entry whose socket connects (a UDP connect only
 * sets the peer); Udp_connect adds its own diagnostic when udp_connect
 * returned a negative value after its diagnostic returned. */
static void fuzz_udp_connect(const char *host, const char *serv, int upper)
{
	const char *fn = upper ? "Udp_connect" : "udp_connect";
	char want2[sizeof msg];
	struct connecting m;
	int got;

	if (!model_connect("udp_connect", host, serv, SOCK_DGRAM, is_loopback, &m))
		return;
	/* gai_strerror(-n) of udp_connect's -1 */
	snprintf(want2, sizeof want2, "udp_connect error for %s, %s: %s", SHOW(host), SHOW(serv),
		 gai_strerror(1));
	nmsg = 0;
	got = upper ? Udp_connect(host, serv) : udp_connect(host, serv);
	if (m.hit) {
		expect_connected(fn, host, serv, got, &m);
		return;
	}
	if (upper && m.minus_one)
		expect_msgs(fn, m.want, want2);
	else
		expect_msg(fn, m.want);
	expect_failed_fd(fn, host, serv, got, m.minus_one);
}

static void fuzz_udp_client(const char *host, const char *serv, int upper, int null_sa, int null_len)
{
	const char *fn = upper ? "Udp_client" : "udp_client";
	char want[sizeof msg];
	struct addrinfo *res, *ai = NULL;
	SA *sa = (SA *)(void *)&nmsg; /* sentinels: must not change on failure */
	socklen_t len = 12345;
	int n = gai(host, serv, 0, AF_UNSPEC, SOCK_DGRAM, &res), got, e = 0;

	if (n != 0) {
		snprintf(want, sizeof want, "udp_client error for %s, %s: %s", SHOW(host), SHOW(serv),
			 gai_strerror(n));
	} else {
		for (ai = res; ai != NULL; ai = ai->ai_next) {
			int s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);

			if (s >= 0) {
				close(s);
				break;
			}
			e = errno;
		}
		if (ai == NULL)
			snprintf(want, sizeof want, "udp_client error for %s, %s: %s", SHOW(host),
				 SHOW(serv), strerror(e));
	}
	nmsg = 0;
	got = upper ? Udp_client(host, serv, null_sa ? NULL : &sa, null_len ? NULL : &len)
		    : udp_client(host, serv, null_sa ? NULL : &sa, null_len ? NULL : &len);
	if (ai == NULL) {
		expect_msg(fn, want);
		if (got != -1 || sa != (SA *)(void *)&nmsg || len != 12345)
			FAIL("%s(%s, %s) failed but returned %d or wrote *saptr or *lenp", fn, SHOW(host),
			     SHOW(serv), got);
	} else {
		int type = 0, domain = 0;
		socklen_t ol = sizeof type;

		expect_msg(fn, NULL);
		if (got < 0)
			FAIL("%s(%s, %s) = %d, want a descriptor", fn, SHOW(host), SHOW(serv), got);
		getsockopt(got, SOL_SOCKET, SO_TYPE, &type, &ol);
		ol = sizeof domain;
		getsockopt(got, SOL_SOCKET, SO_DOMAIN, &domain, &ol);
		if (type != SOCK_DGRAM || domain != ai->ai_family)
			FAIL("%s(%s, %s): socket type %d family %d, want %d %d", fn, SHOW(host), SHOW(serv),
			     type, domain, SOCK_DGRAM, ai->ai_family);
		/* A NULL saptr or lenp is skipped. */
		if (null_len ? len != 12345 : len != ai->ai_addrlen)
			FAIL("%s(%s, %s): *lenp %u, want %u", fn, SHOW(host), SHOW(serv), len,
			     null_len ? 12345 : ai->ai_addrlen);
		if (null_sa ? sa != (SA *)(void *)&nmsg
			    : sa == NULL || memcmp(sa, ai->ai_addr, ai->ai_addrlen) != 0)
			FAIL("%s(%s, %s): *saptr differs from getaddrinfo's first usable entry%s", fn,
			     SHOW(host), SHOW(serv), null_sa ? " (saptr was NULL)" : "");
		close(got);
		if (!null_sa)
			free(sa);
	}
	if (n == 0)
		freeaddrinfo(res);
}

static void same_list(const struct addrinfo *a, const struct addrinfo *b, const char *fn)
{
	for (; a != NULL && b != NULL; a = a->ai_next, b = b->ai_next) {
		if (a->ai_family != b->ai_family || a->ai_socktype != b->ai_socktype ||
		    a->ai_protocol != b->ai_protocol || a->ai_addrlen != b->ai_addrlen ||
		    memcmp(a->ai_addr, b->ai_addr, a->ai_addrlen) != 0)
			FAIL("%s: an entry differs from getaddrinfo's", fn);
		if ((a->ai_canonname == NULL) != (b->ai_canonname == NULL) ||
		    (a->ai_canonname && strcmp(a->ai_canonname, b->ai_canonname) != 0))
			FAIL("%s: canonical name differs from getaddrinfo's", fn);
	}
	if (a != NULL || b != NULL)
		FAIL("%s: list length differs from getaddrinfo's", fn);
}

static void fuzz_host_serv(const char *host, const char *serv, int family, int socktype, int upper)
{
	const char *fn = upper ? "Host_serv" : "host_serv";
	char want[sizeof msg];
	struct addrinfo *res, *got;
	int n = gai(host, serv, AI_CANONNAME, family, socktype, &res);

	if (n != 0)
		snprintf(want, sizeof want, "host_serv error for %s, %s: %s",
			 host ? host : "(no hostname)", serv ? serv : "(no service name)", gai_strerror(n));
	nmsg = 0;
	got = upper ? Host_serv(host, serv, family, socktype) : host_serv(host, serv, family, socktype);
	expect_msg(fn, n != 0 && upper ? want : NULL);
	if (n != 0) {
		if (got != NULL)
			FAIL("%s(%s, %s, %d, %d): a list where getaddrinfo fails (%s)", fn, SHOW(host),
			     SHOW(serv), family, socktype, gai_strerror(n));
		return;
	}
	if (got == NULL)
		FAIL("%s(%s, %s, %d, %d) = NULL where getaddrinfo succeeds", fn, SHOW(host), SHOW(serv),
		     family, socktype);
	same_list(got, res, fn);
	freeaddrinfo(got);
	freeaddrinfo(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int fams[] = { AF_UNSPEC, AF_INET, AF_INET6, AF_LOCAL };
	static const int types[] = { 0, SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET };
	struct in in = { data, size };
	char hbuf[48], sbuf[16];
	unsigned fn = in_u8(&in) % 8;
	const char *host, *serv;
	uint8_t f, t;
	sigset_t alrm, old;
	int fd;

	if (refused_port == 0)
		hold_refused_port();
	host = pick_host(&in, hbuf);
	serv = pick_serv(&in, sbuf);
	f = in_u8(&in);
	t = in_u8(&in);
	if (!numeric_or_null(host))
		return 0; /* would need the name service */
	fd = lowest_free_fd();
	/* libFuzzer's timer (SIGALRM) would interrupt a connect() of the model
	 * or of the library with EINTR, and the two would disagree. */
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, &old);
	switch (fn) {
	case 0:
	case 5:
		fuzz_tcp_connect(host, serv, fn == 5);
		break;
	case 1:
	case 2:
		fuzz_udp_client(host, serv, fn == 2, t & 1, (t & 2) != 0);
		break;
	case 3:
	case 4:
		fuzz_host_serv(host, serv, f < 200 ? fams[f % 4] : f, t < 200 ? types[t % 5] : t, fn == 4);
		break;
	default:
		fuzz_udp_connect(host, serv, fn == 7);
		break;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (lowest_free_fd() != fd)
		FAIL("a descriptor leaked (function %u, host %s, service %s)", fn, SHOW(host), SHOW(serv));
	return 0;
}
