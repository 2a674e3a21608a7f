/* libFuzzer harness: in_cksum against the classic Internet checksum.
 *
 * Input: one byte of alignment (0-15), one byte of mode, then data.
 * Mode bit 0 set: the data (at least one byte) is repeated to a length taken
 * from the next three bytes (up to 200000, past the 131074 bytes where the
 * classic 32-bit sum can wrap); otherwise the data is used as it is.  Mode
 * bit 1 set: the length passed is negated (0xffff expected).  The buffer
 * ends at an inaccessible page, so a read past `len` faults. */
#include "unp.h"
#include "fuzz.h"

/* The classic algorithm: native-order 16-bit words added into a 32-bit
 * accumulator (which may wrap), an odd last byte as the low-address byte of
 * a word whose other byte is 0, the carries folded back twice, complemented. */
static uint16_t model_cksum(const unsigned char *p, long len)
{
	uint32_t sum = 0;
	uint16_t w;
	long i;

	if (len <= 0)
		return 0xffff; /* documented: nothing to sum */
	for (i = 0; i + 1 < len; i += 2) {
		memcpy(&w, p + i, 2);
		sum += w;
	}
	if (len & 1) {
		w = 0;
		memcpy(&w, p + len - 1, 1);
		sum += w;
	}
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
		len = in_u32(&in) % 200001;
		if (in.n == 0)
			return 0;
	}
	buf = guard_end(len + align, 0x5a);
	for (i = 0; i < len; i++)
		buf[align + i] = in.p[i % in.n];
	arg = (mode & 2) ? -(int)len : (int)len;
	/* The library reads the buffer starting at any alignment. */
	got = in_cksum((uint16_t *)(void *)(buf + align), arg);
	want = model_cksum(buf + align, arg);
	if (got != want)
		FAIL("in_cksum(len %d, align %u) = 0x%04x, classic 0x%04x", arg, align, got, want);
	return 0;
}
