/* Shared helpers of the libFuzzer harnesses in fuzz/ (see README.md,
 * "Fuzzing").
 *
 * guard_end(n): a pointer to n writable bytes that end exactly where a
 * PROT_NONE page begins, so that any read or write past the object faults,
 * also from the library's own code, which has coverage instrumentation but
 * no ASan (ASan only sees what the harness and libc's interceptors touch).
 * guard_end_in(area, n): the same in one of GUARD_AREAS separate areas, for
 * objects that are live at the same time.
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
#define GUARD_AREAS 3            /* objects that can be live at once */

static inline unsigned char *guard_area_end(int area)
{
	static unsigned char *end[GUARD_AREAS];

	if (area < 0 || area >= GUARD_AREAS) {
		fprintf(stderr, "fuzz: no guard area %d\n", area);
		abort();
	}
	if (end[area] == NULL) {
		size_t page = (size_t)sysconf(_SC_PAGESIZE);
		unsigned char *p = mmap(NULL, GUARD_AREA + page, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED || mprotect(p + GUARD_AREA, page, PROT_NONE) != 0) {
			perror("fuzz: guard area");
			abort();
		}
		end[area] = p + GUARD_AREA;
	}
	return end[area];
}

/* n bytes (n <= GUARD_AREA) ending at the guard page of `area`, filled
 * with `fill`; the previous object of that area is gone. */
static inline void *guard_end_in(int area, size_t n, int fill)
{
	unsigned char *p;

	if (n > GUARD_AREA) {
		fprintf(stderr, "fuzz: object of %zu bytes is larger than the guard area\n", n);
		abort();
	}
	p = guard_area_end(area) - n;
	memset(p, fill, n);
	return p;
}

/* n bytes ending at the guard page of the first area. */
static inline void *guard_end(size_t n, int fill)
{
	return guard_end_in(0, n, fill);
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
