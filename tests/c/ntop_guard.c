/*
 * ntop_guard: sock_ntop and sock_ntop_host on socket address objects that end
 * exactly where an inaccessible page begins, so that reading one byte past
 * the object is a SIGSEGV; and on the peer address of an unnamed AF_LOCAL
 * client as accept() returns it (addrlen 2: the family only).
 *
 * Each case prints the results of both functions, or NULL and errno.
 */
#include "unp.h"
#include <sys/mman.h>

static char *page_end; /* first byte of the PROT_NONE page */

/* A copy of the first n bytes of obj, ending at page_end. */
static SA *at_guard(const void *obj, size_t n)
{
	char *p = page_end - n;
	memcpy(p, obj, n);
	return (SA *)p;
}

static void show(const char *what, const SA *sa, socklen_t salen)
{
	errno = 0;
	char *a = sock_ntop(sa, salen);
	int ea = errno;
	errno = 0;
	char *b = sock_ntop_host(sa, salen);
	int eb = errno;
	printf("%s: ntop=%s", what, a ? a : "NULL");
	if (a == NULL)
		printf(" (%s)", strerror(ea));
	printf(" host=%s", b ? b : "NULL");
	if (b == NULL)
		printf(" (%s)", strerror(eb));
	printf("\n");
}

static void unix_cases(void)
{
	struct sockaddr_un un;
	char obj[sizeof un];

	memset(&un, 0, sizeof un);
	un.sun_family = AF_LOCAL;
	show("local, family only", at_guard(&un, 2), 2);
	show("local, salen 0", at_guard(&un, 2), 0);

	/* 14 path bytes, no NUL: a 16-byte object. */
	memcpy(obj, &un, 2);
	memcpy(obj + 2, "abcdefghijklmn", 14);
	show("local, 16 bytes, no NUL", at_guard(obj, 16), 16);
	/* The same bytes, salen 9: 7 path bytes. */
	show("local, salen 9", at_guard(obj, 9), 9);

	/* A full 110-byte object without a NUL: 108 path bytes. */
	memcpy(obj, &un, 2);
	memset(obj + 2, 'p', 108);
	SA *sa = at_guard(obj, sizeof un);
	char *p = sock_ntop(sa, sizeof un);
	printf("local, 108 bytes, no NUL: len=%zu\n", p ? strlen(p) : 0);

	/* A NUL-terminated path in a longer salen: up to the NUL. */
	strcpy(un.sun_path, "/tmp/x.sock");
	show("local, path and NUL", at_guard(&un, sizeof un), sizeof un);
	show("local, salen cuts the path", at_guard(&un, 2 + 6), 2 + 6);
	/* salen larger than the object a sockaddr_un can be: still 108 at most. */
	struct sockaddr_storage ss;
	memset(&ss, 'q', sizeof ss);
	ss.ss_family = AF_LOCAL;
	p = sock_ntop(at_guard(&ss, sizeof ss), sizeof ss);
	printf("local, salen 128, no NUL: len=%zu\n", p ? strlen(p) : 0);
}

static void inet_cases(void)
{
	struct sockaddr_in sin;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(80);
	sin.sin_addr.s_addr = htonl(0x0a010203);
	show("inet, 8 bytes", at_guard(&sin, 8), 8);
	show("inet, 7 bytes", at_guard(&sin, 7), 7);

	struct sockaddr_in6 sin6;
	memset(&sin6, 0, sizeof sin6);
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(443);
	inet_pton(AF_INET6, "2001:db8::1", &sin6.sin6_addr);
	sin6.sin6_scope_id = 5;
	show("inet6, 28 bytes", at_guard(&sin6, 28), 28);
	show("inet6, 24 bytes", at_guard(&sin6, 24), 24);
	/* salen 16 (sizeof(struct sockaddr), as prifinfo passes): the 24 bytes
	 * through sin6_addr are read, so the object must hold them. */
	show("inet6, 24 bytes, salen 16", at_guard(&sin6, 24), 16);
	show("inet6, 15 bytes", at_guard(&sin6, 15), 15);
}

/* An unnamed client's address as accept() returns it. */
static void accept_unnamed(void)
{
	char dir[] = "/tmp/ntop_guard.XXXXXX";
	if (mkdtemp(dir) == NULL)
		err_sys("mkdtemp");
	struct sockaddr_un sun;
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_LOCAL;
	snprintf(sun.sun_path, sizeof sun.sun_path, "%s/s", dir);
	int l = Socket(AF_LOCAL, SOCK_STREAM, 0);
	Bind(l, (SA *)&sun, sizeof sun);
	Listen(l, 1);
	int c = Socket(AF_LOCAL, SOCK_STREAM, 0);
	Connect(c, (SA *)&sun, sizeof sun);

	struct sockaddr_un peer;
	memset(&peer, 'Q', sizeof peer);
	socklen_t len = sizeof peer;
	int a = Accept(l, (SA *)&peer, &len);
	printf("accept unnamed: addrlen %d ", (int)len);
	show("peer", (SA *)&peer, len);
	close(a);
	close(c);
	close(l);
	unlink(sun.sun_path);
	rmdir(dir);
}

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		err_sys("mmap");
	if (mprotect(m + pg, pg, PROT_NONE) < 0)
		err_sys("mprotect");
	page_end = m + pg;
	setvbuf(stdout, NULL, _IOLBF, 0);

	accept_unnamed();
	inet_cases();
	unix_cases();
	return 0;
}
