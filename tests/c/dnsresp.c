/*
 * dnsresp: a tiny DNS responder for the udpcksum tests (the book's chapter
 * 29 program asks a name server for a.root-servers.net and looks at the
 * UDP checksum of the reply).  It runs inside a private network namespace,
 * on 127.0.0.1 and the port it is given (53 there, as a real name server).
 *
 * usage: dnsresp [-n] port count
 *   Answers `count` queries, then exits 0.  Each query of class IN gets
 *   one answer: type A, 198.41.0.4 (the address of a.root-servers.net),
 *   TTL 3600.  With -n its replies carry no UDP checksum (SO_NO_CHECK, the
 *   checksum field 0), as from a server whose UDP checksums are off.
 *   For each query it prints
 *     query ID for NAME type T class C, N bytes
 *   (or "bad query, N bytes" when the question cannot be parsed; such a
 *   datagram gets no reply but counts).  It gives up after 10 seconds
 *   without a query: "dnsresp: no query", exit 2.
 */
#include "unp.h"

#define QMAX 512

static void sig_alrm(int signo)
{
	static const char msg[] = "dnsresp: no query\n";

	(void) signo;
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(2);
}

static unsigned get16(const unsigned char *p)
{
	return ((unsigned) p[0] << 8) | p[1];
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char) (v >> 8);
	p[1] = (unsigned char) v;
}

/*
 * The question of the query q[0..n): its name, dotted, in name (of size
 * namesize), and the offset just past its type and class, or 0 when the
 * question does not fit in the datagram (or the name in name).
 */
static size_t parse_question(const unsigned char *q, size_t n, char *name, size_t namesize)
{
	size_t off = 12, len = 0;

	if (n < 12 || get16(q + 4) != 1)	/* one question */
		return 0;
	for (;;) {
		unsigned lab;

		if (off >= n)
			return 0;
		lab = q[off++];
		if (lab == 0)
			break;
		if (lab > 63 || off + lab > n || len + lab + 2 > namesize)
			return 0;
		if (len > 0)
			name[len++] = '.';
		memcpy(name + len, q + off, lab);
		len += lab;
		off += lab;
	}
	if (len == 0) {
		if (namesize < 2)
			return 0;
		name[len++] = '.';
	}
	name[len] = 0;
	if (off + 4 > n)
		return 0;
	return off + 4;
}

int main(int argc, char **argv)
{
	int fd, c, nocheck = 0, on = 1;
	long count = 0, i;
	struct sockaddr_in me, peer;
	socklen_t len;
	unsigned char q[QMAX], r[QMAX + 16];
	char name[256];

	opterr = 0;
	while ((c = getopt(argc, argv, "n")) != -1) {
		if (c == 'n')
			nocheck = 1;
		else
			err_quit("usage: dnsresp [-n] port count");
	}
	if (optind == argc - 2)
		count = atol(argv[optind + 1]);
	if (count < 1)
		err_quit("usage: dnsresp [-n] port count");

	fd = Socket(AF_INET, SOCK_DGRAM, 0);
	if (nocheck)
		Setsockopt(fd, SOL_SOCKET, SO_NO_CHECK, &on, sizeof(on));
	memset(&me, 0, sizeof(me));
	me.sin_family = AF_INET;
	me.sin_port = htons(atoi(argv[optind]));
	Inet_pton(AF_INET, "127.0.0.1", &me.sin_addr);
	Bind(fd, (SA *) &me, sizeof(me));

	Signal(SIGALRM, sig_alrm);
	for (i = 0; i < count; i++) {
		ssize_t n;
		size_t end;

		alarm(10);
		len = sizeof(peer);
		n = Recvfrom(fd, q, sizeof(q), 0, (SA *) &peer, &len);
		alarm(0);
		end = parse_question(q, (size_t) n, name, sizeof(name));
		if (end == 0) {
			printf("bad query, %zd bytes\n", n);
			fflush(stdout);
			continue;
		}
		printf("query %u for %s type %u class %u, %zd bytes\n", get16(q), name,
		       get16(q + end - 4), get16(q + end - 2), n);
		fflush(stdout);

		/* header: the query's ID, a response (QR) with RD copied and RA */
		memcpy(r, q, end);
		put16(r + 2, 0x8080 | (get16(q + 2) & 0x0100));
		put16(r + 6, get16(q + end - 2) == 1 ? 1 : 0);	/* answers */
		put16(r + 8, 0);
		put16(r + 10, 0);
		if (get16(q + end - 2) == 1) {
			unsigned char *a = r + end;

			put16(a, 0xc00c);		/* the question's name */
			put16(a + 2, 1);		/* type A */
			put16(a + 4, 1);		/* class IN */
			put16(a + 6, 0);		/* TTL 3600 */
			put16(a + 8, 3600);
			put16(a + 10, 4);		/* 4 bytes of address */
			a[12] = 198;
			a[13] = 41;
			a[14] = 0;
			a[15] = 4;
			end += 16;
		}
		Sendto(fd, r, end, 0, (SA *) &peer, len);
	}
	return 0;
}
