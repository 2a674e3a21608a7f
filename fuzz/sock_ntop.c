/* libFuzzer harness: sock_ntop and sock_ntop_host against inet_ntop +
 * snprintf, over every family and salen.
 *
 * Input: a family selector (AF_INET, AF_INET6, AF_LOCAL, AF_UNSPEC, or a raw
 * 16-bit family from the input), a 16-bit salen (taken modulo 400), then the
 * bytes of the object after its family (zeros when the input runs out).
 * The object ends at an inaccessible page, so reading one byte past it
 * faults.  It is exactly salen bytes, except where the doc comment says
 * more is read: the 2-byte family is always read (the object is then 2
 * bytes when salen is 0 or 1), and AF_INET6 with salen 16 to 23 reads the
 * 24 bytes through sin6_addr (the object is then 24 bytes).
 *
 * Expected (the README and the doc comments): AF_INET needs salen >= 8 and
 * AF_INET6 salen >= 16, else NULL with EINVAL; AF_INET6 prints sin6_addr
 * (and the port); AF_LOCAL prints sun_path up to its NUL, to its 108th byte
 * or to salen, whichever comes first, and "(no pathname bound)" when that is
 * no byte at all; any other family gives "sock_ntop: unknown AF_xxx: F,
 * len L".  Both results are checked, and the first again after the second
 * call (two buffers). */
#include "unp.h"
#include "fuzz.h"
#include <errno.h>

#define RESULT 128 /* the library's result buffer */
#define SUN_PATH 108

enum expect { EINVAL_NULL, TEXT };

static enum expect model(const unsigned char *obj, size_t salen, int host, char *out)
{
	const char *fn = host ? "sock_ntop_host" : "sock_ntop";
	char addr[INET6_ADDRSTRLEN];
	uint16_t fam, port;

	memcpy(&fam, obj, 2);
	switch (fam) {
	case AF_INET: {
		struct in_addr a;

		if (salen < 8)
			return EINVAL_NULL;
		memcpy(&port, obj + 2, 2);
		memcpy(&a, obj + 4, 4);
		if (inet_ntop(AF_INET, &a, addr, sizeof addr) == NULL)
			FAIL("model: inet_ntop(AF_INET) failed");
		if (!host && ntohs(port) != 0)
			snprintf(out, RESULT, "%s:%d", addr, ntohs(port));
		else
			snprintf(out, RESULT, "%s", addr);
		return TEXT;
	}
	case AF_INET6: {
		struct in6_addr a;

		if (salen < 16)
			return EINVAL_NULL;
		memcpy(&port, obj + 2, 2);
		memcpy(&a, obj + 8, 16);
		if (inet_ntop(AF_INET6, &a, addr, sizeof addr) == NULL)
			FAIL("model: inet_ntop(AF_INET6) failed");
		if (!host && ntohs(port) != 0)
			snprintf(out, RESULT, "[%s]:%d", addr, ntohs(port));
		else
			snprintf(out, RESULT, "%s", addr);
		return TEXT;
	}
	case AF_LOCAL: {
		size_t room = salen < 2 ? 0 : salen - 2 < SUN_PATH ? salen - 2 : SUN_PATH;
		size_t n = strnlen((const char *)obj + 2, room);

		if (n == 0)
			snprintf(out, RESULT, "(no pathname bound)");
		else
			snprintf(out, RESULT, "%.*s", (int)n, (const char *)obj + 2);
		return TEXT;
	}
	default:
		snprintf(out, RESULT, "%s: unknown AF_xxx: %d, len %d", fn, fam, (int)salen);
		return TEXT;
	}
}

static void check(const char *fn, const char *got, int err, enum expect e, const char *want,
		  uint16_t fam, size_t salen)
{
	switch (e) {
	case EINVAL_NULL:
		if (got != NULL || err != EINVAL)
			FAIL("%s(family %u, salen %zu) = %s%s%s (errno %d), want NULL with EINVAL", fn,
			     fam, salen, got ? "\"" : "", got ? got : "NULL", got ? "\"" : "", err);
		break;
	case TEXT:
		if (got == NULL)
			FAIL("%s(family %u, salen %zu) = NULL (errno %d), want \"%s\"", fn, fam, salen,
			     err, want);
		if (strnlen(got, RESULT) >= RESULT || strcmp(got, want) != 0)
			FAIL("%s(family %u, salen %zu) = \"%.*s\", want \"%s\"", fn, fam, salen, RESULT,
			     got, want);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t fams[] = { AF_INET, AF_INET6, AF_LOCAL, AF_UNSPEC };
	struct in in = { data, size };
	unsigned sel = in_u8(&in) % 5;
	uint16_t fam = sel < 4 ? fams[sel] : in_u16(&in);
	size_t salen = in_u16(&in) % 400;
	size_t objlen = salen < 2 ? 2 : fam == AF_INET6 && salen >= 16 && salen < 24 ? 24 : salen;
	unsigned char *obj = guard_end(objlen, 0);
	char want[RESULT], want_host[RESULT], saved[RESULT];
	enum expect e, e_host;
	char *got, *got_host;
	int err, err_host;

	memcpy(obj, &fam, 2);
	in_bytes(&in, obj + 2, objlen - 2);
	e = model(obj, salen, 0, want);
	e_host = model(obj, salen, 1, want_host);

	DOING("sock_ntop(family %u, salen %zu), a %zu-byte object ending at an inaccessible page", fam,
	      salen, objlen);
	errno = 0;
	got = sock_ntop((const SA *)(const void *)obj, (socklen_t)salen);
	err = errno;
	check("sock_ntop", got, err, e, want, fam, salen);
	if (got != NULL)
		snprintf(saved, sizeof saved, "%s", got);

	DOING("sock_ntop_host(family %u, salen %zu), a %zu-byte object ending at an inaccessible page",
	      fam, salen, objlen);
	errno = 0;
	got_host = sock_ntop_host((const SA *)(const void *)obj, (socklen_t)salen);
	err_host = errno;
	check("sock_ntop_host", got_host, err_host, e_host, want_host, fam, salen);

	/* Two buffers: the second call leaves the first result alone. */
	if (got != NULL && strcmp(got, saved) != 0)
		FAIL("sock_ntop_host overwrote sock_ntop's result \"%s\" with \"%s\"", saved, got);
	return 0;
}
