/* Shared helpers of the libFuzzer harnesses in fuzz/ (see fuzz/README).
 *
 * guard_end(n): a pointer to n writable bytes that end exactly where a
 * PROT_NONE page begins, so that any read or write past the object faults,
 * also from the library's own (uninstrumented) code; ASan only sees what
 * instrumented code and its libc interceptors touch.
 *
 * struct in: a cursor over the fuzzer's input; reads past its end give 0. */
#ifndef UNP_FUZZ_H
#define UNP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define GUARD_AREA (512 * 1024) /* largest object guard_end hands out */

static inline unsigned char *guard_area_end(void)
{
	static unsigned char *end;

	if (end == NULL) {
		size_t page = (size_t)sysconf(_SC_PAGESIZE);
		unsigned char *p = mmap(NULL, GUARD_AREA + page, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED || mprotect(p + GUARD_AREA, page, PROT_NONE) != 0) {
			perror("fuzz: guard area");
			abort();
		}
		end = p + GUARD_AREA;
	}
	return end;
}

/* n bytes (n <= GUARD_AREA) ending at the guard page, filled with `fill`. */
static inline void *guard_end(size_t n, int fill)
{
	unsigned char *p;

	if (n > GUARD_AREA) {
		fprintf(stderr, "fuzz: object of %zu bytes is larger than the guard area\n", n);
		abort();
	}
	p = guard_area_end() - n;
	memset(p, fill, n);
	return p;
}

/* A finding: print what differs and abort, which libFuzzer reports as a
 * crash and saves the input. */
#define FAIL(...)                                                  \
	do {                                                       \
		fprintf(stderr, "fuzz finding (%s:%d): ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__);                      \
		fputc('\n', stderr);                               \
		abort();                                           \
	} while (0)

/* What the harness is calling, printed after a sanitizer report (a fault on
 * the guard page included), so that the report says which call read or
 * wrote out of bounds. */
#include <sanitizer/asan_interface.h>
static char fuzz_doing[256];

static void fuzz_report(const char *report)
{
	(void)report;
	if (fuzz_doing[0] != 0)
		fprintf(stderr, "fuzz finding: the fault happened in %s\n", fuzz_doing);
}

__attribute__((constructor)) static void fuzz_report_init(void)
{
	__asan_set_error_report_callback(fuzz_report);
}

#define DOING(...) snprintf(fuzz_doing, sizeof fuzz_doing, __VA_ARGS__)

/* The lowest free descriptor: equal before and after an input unless a
 * descriptor leaked. */
#include <fcntl.h>
static inline int lowest_free_fd(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		perror("fuzz: /dev/null");
		abort();
	}
	close(fd);
	return fd;
}

struct in {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t in_u8(struct in *in)
{
	uint8_t v = 0;

	if (in->n > 0) {
		v = *in->p++;
		in->n--;
	}
	return v;
}

static inline uint16_t in_u16(struct in *in)
{
	uint16_t v = in_u8(in);

	return (uint16_t)(v | in_u8(in) << 8);
}

static inline uint32_t in_u32(struct in *in)
{
	uint32_t v = in_u16(in);

	return v | (uint32_t)in_u16(in) << 16;
}

/* Up to `want` bytes of input (fewer at its end); returns how many. */
static inline size_t in_bytes(struct in *in, void *dst, size_t want)
{
	size_t k = want < in->n ? want : in->n;

	memcpy(dst, in->p, k);
	in->p += k;
	in->n -= k;
	return k;
}

#endif
