/* libFuzzer harness: sock_cmp_addr, sock_cmp_port, sock_get_port,
 * sock_set_addr, sock_set_port and sock_set_wild against a model of what
 * their doc comments (and the module's: NULL gives -1 with EINVAL, or
 * nothing done) say, over every family, NULL pointers, any salen (ignored),
 * and address sources that overlap the destination.
 *
 * Two address objects, A and B, each end at an inaccessible page, so a read
 * or write past one faults.  Each is as large as its family's structure
 * (sockaddr_in, sockaddr_in6, sockaddr_un), except: AF_LOCAL, when the input
 * says so, only through the NUL that ends sun_path (the functions read
 * sun_path up to its NUL or its 108th byte); any other family, the 2-byte
 * family alone (the functions read nothing else).  The source of
 * sock_set_addr is exactly the 4 or 16 bytes its destination's family says
 * are copied (0 bytes for any other family: the pointer is the inaccessible
 * page itself), or a place inside A or B (overlapping copies), or NULL.
 *
 * Input: A and B (a family selector: AF_INET, AF_INET6, AF_LOCAL, AF_LOCAL
 * short, AF_UNSPEC, or a raw 16-bit family; then the bytes after the
 * family), then up to 64 operations, one byte each plus arguments:
 *   0 sock_cmp_addr(X, Y)   1 sock_cmp_port(X, Y)   2 sock_get_port(X)
 *   3 sock_set_addr(X, src) 4 sock_set_port(X, 32-bit port)
 *   5 sock_set_wild(X)      6 X is made again from the input (as above)
 * where X and Y are A, B or NULL (chosen by the operation byte) and every
 * call gets a salen from the input.  After every operation the result,
 * errno (EINVAL, or unchanged) and every byte of A and B are compared with
 * the model's. */
#include "unp.h"
#include "fuzz.h"
#include <errno.h>
#include <stddef.h>

#define SUN_PATH (sizeof(((struct sockaddr_un *)0)->sun_path))
#define ERRNO_MARK 9999 /* errno before each call: "unchanged" */

struct obj {
	unsigned char *lib;       /* the library's object, before a guard page */
	unsigned char model[256]; /* the model's copy */
	size_t len;
};

static struct obj obj[2];

static uint16_t family_of(const unsigned char *p)
{
	sa_family_t f;

	memcpy(&f, p, sizeof f);
	return f;
}

/* Makes obj[i] from the input, in guard area i. */
static void make(struct in *in, int i)
{
	static const uint16_t fams[] = { AF_INET, AF_INET6, AF_LOCAL, AF_LOCAL, AF_UNSPEC };
	struct obj *o = &obj[i];
	unsigned sel = in_u8(in) % 6;
	uint16_t fam = sel < 5 ? fams[sel] : in_u16(in);
	unsigned char tmp[sizeof(struct sockaddr_un)];

	memset(tmp, 0, sizeof tmp);
	memcpy(tmp, &fam, sizeof fam);
	switch (fam) {
	case AF_INET:
		o->len = sizeof(struct sockaddr_in);
		break;
	case AF_INET6:
		o->len = sizeof(struct sockaddr_in6);
		break;
	case AF_LOCAL:
		o->len = sizeof(struct sockaddr_un);
		break;
	default:
		o->len = sizeof(sa_family_t);
		break;
	}
	in_bytes(in, tmp + sizeof fam, o->len - sizeof fam);
	if (fam == AF_LOCAL && sel == 3) /* short: through sun_path's NUL */
		o->len = offsetof(struct sockaddr_un, sun_path) +
			 strnlen((char *)tmp + offsetof(struct sockaddr_un, sun_path), SUN_PATH - 1) + 1;
	o->lib = guard_end_in(i, o->len, 0);
	memcpy(o->lib, tmp, o->len);
	memcpy(o->model, tmp, o->len);
}

/* ---- the model ---- */

/* memcmp's result as glibc gives it: the difference of the first differing
 * bytes (unsigned), 0 when equal. */
static int byte_diff(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return a[i] - b[i];
	return 0;
}

/* strcmp over two sun_path fields, each ending at its NUL or its last byte. */
static int path_diff(const unsigned char *a, const unsigned char *b)
{
	size_t na = strnlen((const char *)a, SUN_PATH), nb = strnlen((const char *)b, SUN_PATH), i;

	for (i = 0; i < na || i < nb; i++) {
		int x = i < na ? a[i] : 0, y = i < nb ? b[i] : 0;

		if (x != y)
			return x - y;
	}
	return 0;
}

static int m_errno;

static int m_cmp_addr(const unsigned char *x, const unsigned char *y)
{
	if (x == NULL || y == NULL) {
		m_errno = EINVAL;
		return -1;
	}
	if (family_of(x) != family_of(y))
		return -1;
	switch (family_of(x)) {
	case AF_INET:
		return byte_diff(x + offsetof(struct sockaddr_in, sin_addr),
				 y + offsetof(struct sockaddr_in, sin_addr), sizeof(struct in_addr));
	case AF_INET6:
		return byte_diff(x + offsetof(struct sockaddr_in6, sin6_addr),
				 y + offsetof(struct sockaddr_in6, sin6_addr), sizeof(struct in6_addr));
	case AF_LOCAL:
		return path_diff(x + offsetof(struct sockaddr_un, sun_path),
				 y + offsetof(struct sockaddr_un, sun_path));
	default:
		return -1;
	}
}

/* Where the port is, or (size_t)-1 for a family without one. */
static size_t port_at(const unsigned char *x)
{
	switch (family_of(x)) {
	case AF_INET:
		return offsetof(struct sockaddr_in, sin_port);
	case AF_INET6:
		return offsetof(struct sockaddr_in6, sin6_port);
	default:
		return (size_t)-1;
	}
}

static int m_cmp_port(const unsigned char *x, const unsigned char *y)
{
	if (x == NULL || y == NULL) {
		m_errno = EINVAL;
		return -1;
	}
	if (family_of(x) != family_of(y) || port_at(x) == (size_t)-1)
		return -1;
	return memcmp(x + port_at(x), y + port_at(y), sizeof(in_port_t)) == 0;
}

static int m_get_port(const unsigned char *x)
{
	in_port_t p;

	if (x == NULL) {
		m_errno = EINVAL;
		return -1;
	}
	if (port_at(x) == (size_t)-1)
		return -1;
	memcpy(&p, x + port_at(x), sizeof p);
	return p;
}

/* Where sock_set_addr copies to and how many bytes; 0 bytes: nothing. */
static size_t addr_at(const unsigned char *x, size_t *n)
{
	*n = 0;
	if (x == NULL)
		return 0;
	switch (family_of(x)) {
	case AF_INET:
		*n = sizeof(struct in_addr);
		return offsetof(struct sockaddr_in, sin_addr);
	case AF_INET6:
		*n = sizeof(struct in6_addr);
		return offsetof(struct sockaddr_in6, sin6_addr);
	default:
		return 0;
	}
}

static void m_set_addr(unsigned char *x, const unsigned char *src)
{
	size_t n, at = addr_at(x, &n);

	if (src != NULL && n > 0)
		memmove(x + at, src, n);
}

static void m_set_port(unsigned char *x, int port)
{
	in_port_t p = (in_port_t)port;

	if (x != NULL && port_at(x) != (size_t)-1)
		memcpy(x + port_at(x), &p, sizeof p);
}

static void m_set_wild(unsigned char *x)
{
	size_t n, at = addr_at(x, &n);

	if (n > 0)
		memset(x + at, 0, n);
}
/* ---- end of the model ---- */

static const char *const names[] = { "A", "B", "NULL" };

/* Which object an operation names: 0 A, 1 B, 2 NULL. */
static unsigned char *lib_of(int w)
{
	return w < 2 ? obj[w].lib : NULL;
}

static unsigned char *model_of(int w)
{
	return w < 2 ? obj[w].model : NULL;
}

static void compare(int step, int op, int x, int y)
{
	int i;

	for (i = 0; i < 2; i++)
		if (memcmp(obj[i].lib, obj[i].model, obj[i].len) != 0)
			FAIL("step %d (op %d, X %s, Y %s): object %s (family %u, %zu bytes) differs from"
			     " the model's",
			     step, op, names[x], names[y], names[i], family_of(obj[i].model), obj[i].len);
}

static void expect(const char *fn, int step, int x, int y, int got, int want, int err)
{
	if (got != want || err != m_errno)
		FAIL("step %d: %s(%s family %d, %s family %d) = %d errno %d, model %d errno %d", step, fn,
		     names[x], x < 2 ? family_of(obj[x].model) : -1, names[y],
		     y < 2 ? family_of(obj[y].model) : -1, got, err, want, m_errno);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	int step;

	make(&in, 0);
	make(&in, 1);
	for (step = 0; step < 64 && in.n > 0; step++) {
		uint8_t b = in_u8(&in);
		int op = b % 7, x = (b / 7) % 3, y = (b / 21) % 3;
		socklen_t salen = in_u32(&in);
		unsigned char *lx = lib_of(x), *ly = lib_of(y), *mx = model_of(x), *my = model_of(y);
		int got, want;

		m_errno = ERRNO_MARK;
		errno = ERRNO_MARK;
		switch (op) {
		case 0:
		case 1: {
			const char *fn = op == 0 ? "sock_cmp_addr" : "sock_cmp_port";
			int (*call)(const SA *, const SA *, socklen_t) = op == 0 ? sock_cmp_addr : sock_cmp_port;

			DOING("%s(%s, %s)", fn, names[x], names[y]);
			want = op == 0 ? m_cmp_addr(mx, my) : m_cmp_port(mx, my);
			got = call((const SA *)(void *)lx, (const SA *)(void *)ly, salen);
			expect(fn, step, x, y, got, want, errno);
			break;
		}
		case 2:
			DOING("sock_get_port(%s)", names[x]);
			want = m_get_port(mx);
			got = sock_get_port((const SA *)(void *)lx, salen);
			expect("sock_get_port", step, x, x, got, want, errno);
			break;
		case 3: {
			/* The source: NULL, its own object of exactly the bytes
			 * copied, or a place inside A or B. */
			unsigned kind = in_u8(&in) % 4;
			size_t n, off = in_u8(&in);
			const unsigned char *lsrc = NULL, *msrc = NULL;

			addr_at(mx, &n);
			if (kind == 1 || (kind >= 2 && obj[kind - 2].len < n)) {
				unsigned char *p = guard_end_in(2, n, 0);

				in_bytes(&in, p, n);
				lsrc = msrc = p;
			} else if (kind >= 2) {
				struct obj *o = &obj[kind - 2];

				off %= o->len - n + 1;
				lsrc = o->lib + off;
				msrc = o->model + off;
			}
			DOING("sock_set_addr(%s, source %u offset %zu, %zu bytes)", names[x], kind, off, n);
			m_set_addr(mx, msrc);
			sock_set_addr((SA *)(void *)lx, salen, lsrc);
			expect("sock_set_addr", step, x, x, 0, 0, errno);
			break;
		}
		case 4: {
			int port = (int)in_u32(&in);

			DOING("sock_set_port(%s, %d)", names[x], port);
			m_set_port(mx, port);
			sock_set_port((SA *)(void *)lx, salen, port);
			expect("sock_set_port", step, x, x, 0, 0, errno);
			break;
		}
		case 5:
			DOING("sock_set_wild(%s)", names[x]);
			m_set_wild(mx);
			sock_set_wild((SA *)(void *)lx, salen);
			expect("sock_set_wild", step, x, x, 0, 0, errno);
			break;
		case 6:
			if (x < 2)
				make(&in, x);
			break;
		}
		compare(step, op, x, y);
	}
	fuzz_doing[0] = 0;
	return 0;
}
