/* libFuzzer harness: in_cksum against the classic Internet checksum.
 *
 * Input: one byte of alignment (0-15), one byte of mode, then data.
 * Mode bit 0 set: the data (at least one byte) is repeated to a length taken
 * from the next four bytes (up to 4096, or with mode bit 2 up to 200000,
 * past the 131074 bytes where the classic 32-bit sum can wrap); otherwise
 * the data is used as it is.  Mode
 * bit 1 set: the length passed is negated (0xffff expected).  The buffer
 * ends at an inaccessible page, so a read past `len` faults. */
#include "unp.h"
#include "fuzz.h"

/* The classic algorithm: native-order 16-bit words added into a 32-bit
 * accumulator (which may wrap), an odd last byte as the low-address byte of
 * a word whose other byte is 0, the carries folded back twice, complemented. */
/* The 16-bit word whose first byte in memory is a and second is b. */
static uint32_t word(unsigned a, unsigned b)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return a | b << 8;
#else
	return a << 8 | b;
#endif
}

static uint16_t model_cksum(const unsigned char *p, long len)
{
	uint32_t sum = 0;
	long i;

	if (len <= 0)
		return 0xffff; /* documented: nothing to sum */
	for (i = 0; i + 1 < len; i += 2)
		sum += word(p[i], p[i + 1]);
	if (len & 1)
		sum += word(p[len - 1], 0);
	sum = (sum >> 16) + (sum & 0xffff);
	sum += sum >> 16;
	return (uint16_t)~sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	unsigned align = in_u8(&in) & 15;
	unsigned mode = in_u8(&in);
	size_t len = in.n, i;
	unsigned char *buf;
	uint16_t got, want;
	int arg;

	if (mode & 1) {
		len = in_u32(&in) % ((mode & 4) ? 200001 : 4097);
		if (in.n == 0)
			return 0;
	}
	buf = guard_end(len + align, 0x5a);
	/* The data, then copies of what is there, doubling. */
	for (i = 0; i < len;) {
		size_t k = i == 0 ? in.n : i;

		if (k > len - i)
			k = len - i;
		memcpy(buf + align + i, i == 0 ? in.p : buf + align, k);
		i += k;
	}
	arg = (mode & 2) ? -(int)len : (int)len;
	/* The library reads the buffer starting at any alignment. */
	DOING("in_cksum(len %d, alignment %u), the buffer ending at an inaccessible page", arg, align);
	got = in_cksum((uint16_t *)(void *)(buf + align), arg);
	want = model_cksum(buf + align, arg);
	if (got != want)
		FAIL("in_cksum(len %d, align %u) = 0x%04x, classic 0x%04x", arg, align, got, want);
	return 0;
}
