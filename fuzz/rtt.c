/* libFuzzer harness: sequences of rtt_* calls against a model of the book's
 * retransmission timer (unprtt.h), with a clock the harness controls, and
 * with extreme values: any clock (negative, past 2^32 seconds, a tv_usec out
 * of its range, as a program's own gettimeofday may return), any 32-bit ms,
 * fields set to infinities, NaNs, subnormals, FLT_MAX, INT_MAX, ...
 *
 * The clock: this program defines gettimeofday(), which the library's
 * rtt_init and rtt_ts call (a definition in the executable wins over libc's);
 * it returns the time the input chose.
 *
 * Input: a start byte (odd: the struct starts as 24 raw input bytes instead
 * of rtt_init), then operations, one byte each plus arguments:
 *   0 rtt_init at the current clock   1 rtt_newpack
 *   2 rtt_start (value compared)      3 rtt_stop, 32-bit ms from the input
 *   4 rtt_timeout (value compared)    5 rtt_ts (value compared)
 *   6 advance the clock by a 16-bit ms count
 *   7 set the clock: a mode byte, 64-bit seconds, 64-bit microseconds
 *     (mode bit 0 clear: taken modulo 10^6, as gettimeofday gives them)
 *   8 set one field of both structs: a field byte, then a value from a
 *     table of extremes or raw input bits
 * After every operation the library's struct and the model's are compared
 * field by field (bit for bit; two NaNs count as equal).
 *
 * rtt_start's result is compared everywhere: (int)(rto + 0.5), and where
 * that is outside int's range (the C cast is undefined), what the doc
 * comment says: INT_MAX above, INT_MIN below, 0 for a NaN. */
#include "unprtt.h"
#include "fuzz.h"
#include <float.h>
#include <limits.h>
#include <math.h>
#include <sys/time.h>
#include <time.h>

static int64_t clock_sec;
static int64_t clock_usec;
static int clock_fake;

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	(void)tz;
	if (!clock_fake) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
		return 0;
	}
	tv->tv_sec = clock_sec;
	tv->tv_usec = clock_usec;
	return 0;
}

/* ---- the model: float fields, double arithmetic, every store rounded to
 * float, as the book's rtt.c computes ---- */
static float m_clamp(float rto)
{
	if (rto < (float)RTT_RXTMIN)
		return RTT_RXTMIN;
	if (rto > (float)RTT_RXTMAX)
		return RTT_RXTMAX;
	return rto;
}

static float m_rtocalc(const struct rtt_info *m)
{
	return (float)((double)m->rtt_srtt + 4.0 * (double)m->rtt_rttvar);
}

static void m_init(struct rtt_info *m)
{
	m->rtt_base = (uint32_t)clock_sec;
	m->rtt_rtt = 0;
	m->rtt_srtt = 0;
	m->rtt_rttvar = 0.75f;
	m->rtt_rto = m_clamp(m_rtocalc(m));
}

/* (sec - base) * 1000 + usec / 1000, modulo 2^64 (the C expression in
 * time_t arithmetic, wrapping where C's signed overflow is undefined), cut
 * to 32 bits. */
static uint32_t m_ts(const struct rtt_info *m)
{
	uint64_t ms = ((uint64_t)clock_sec - m->rtt_base) * 1000u + (uint64_t)(clock_usec / 1000);

	return (uint32_t)ms;
}

static void m_stop(struct rtt_info *m, uint32_t ms)
{
	double delta;

	m->rtt_rtt = (float)(ms / 1000.0);
	delta = m->rtt_rtt - m->rtt_srtt; /* a float subtraction */
	m->rtt_srtt = (float)(m->rtt_srtt + delta / 8);
	if (delta < 0.0)
		delta = -delta;
	m->rtt_rttvar = (float)(m->rtt_rttvar + (delta - m->rtt_rttvar) / 4);
	m->rtt_rto = m_clamp(m_rtocalc(m));
}

/* (int)(rto + 0.5), saturating outside int's range, 0 for a NaN. */
static int m_start(const struct rtt_info *m)
{
	double r = (double)m->rtt_rto + 0.5;

	if (isnan(r))
		return 0;
	if (r >= 2147483648.0)
		return INT_MAX;
	if (r <= -2147483649.0)
		return INT_MIN;
	return (int)r;
}

static int m_timeout(struct rtt_info *m)
{
	m->rtt_rto *= 2;
	m->rtt_nrexmt = (int)((unsigned)m->rtt_nrexmt + 1u);
	return m->rtt_nrexmt > RTT_MAXNREXMT ? -1 : 0;
}
/* ---- end of the model ---- */

/* Operation 8: one field of both structs set to the same extreme value. */
static void set_field(struct in *in, struct rtt_info *l, struct rtt_info *m)
{
	static const float f[] = { 0.0f, -0.0f, FLT_MIN, FLT_TRUE_MIN, -FLT_TRUE_MIN, FLT_MAX, -FLT_MAX,
				   INFINITY, -INFINITY, NAN, -NAN, 0.5f, -0.5f, 0.49999997f, 1.5f, 2.0f,
				   60.0f, 60.000004f, 1.9999999f, 2147483520.0f, 2147483648.0f,
				   -2147483648.0f, -2147483904.0f, 4294967296.0f, 1e30f, -1e30f };
	static const int n[] = { 0, 3, 4, -1, INT_MAX, INT_MIN, INT_MAX - 1 };
	uint8_t field = in_u8(in) % 6, sel = in_u8(in);
	uint32_t raw = in_u32(in);
	float v;

	if (field == 4) {
		l->rtt_nrexmt = m->rtt_nrexmt = sel < 128 ? n[sel % (sizeof n / sizeof n[0])] : (int)raw;
		return;
	}
	if (field == 5) {
		l->rtt_base = m->rtt_base = raw;
		return;
	}
	if (sel < 128)
		v = f[sel % (sizeof f / sizeof f[0])];
	else
		memcpy(&v, &raw, sizeof v);
	switch (field) {
	case 0:
		l->rtt_rtt = m->rtt_rtt = v;
		break;
	case 1:
		l->rtt_srtt = m->rtt_srtt = v;
		break;
	case 2:
		l->rtt_rttvar = m->rtt_rttvar = v;
		break;
	default:
		l->rtt_rto = m->rtt_rto = v;
		break;
	}
}

static int same_float(float a, float b)
{
	if (isnan(a) && isnan(b))
		return 1;
	return memcmp(&a, &b, sizeof a) == 0;
}

static void compare(const struct rtt_info *l, const struct rtt_info *m, int step, int op)
{
	if (!same_float(l->rtt_rtt, m->rtt_rtt) || !same_float(l->rtt_srtt, m->rtt_srtt) ||
	    !same_float(l->rtt_rttvar, m->rtt_rttvar) || !same_float(l->rtt_rto, m->rtt_rto) ||
	    l->rtt_nrexmt != m->rtt_nrexmt || l->rtt_base != m->rtt_base)
		FAIL("step %d (op %d): library rtt %.9g srtt %.9g rttvar %.9g rto %.9g nrexmt %d base %u;"
		     " model %.9g %.9g %.9g %.9g %d %u",
		     step, op, l->rtt_rtt, l->rtt_srtt, l->rtt_rttvar, l->rtt_rto, l->rtt_nrexmt,
		     l->rtt_base, m->rtt_rtt, m->rtt_srtt, m->rtt_rttvar, m->rtt_rto, m->rtt_nrexmt,
		     m->rtt_base);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	struct rtt_info lib, mod;
	int step;

	clock_fake = 1;
	clock_sec = 1700000000;
	clock_usec = 0;
	rtt_d_flag = 0;
	memset(&lib, 0x5a, sizeof lib);
	if (in_u8(&in) & 1)
		in_bytes(&in, &lib, sizeof lib);
	mod = lib;
	for (step = 0; step < 4096 && in.n > 0; step++) {
		int op = in_u8(&in) % 9;

		switch (op) {
		case 0:
			rtt_init(&lib);
			m_init(&mod);
			break;
		case 1:
			rtt_newpack(&lib);
			mod.rtt_nrexmt = 0;
			break;
		case 2: {
			int got = rtt_start(&lib), want = m_start(&mod);

			if (got != want)
				FAIL("step %d: rtt_start = %d, model %d (rto %.9g)", step, got, want,
				     mod.rtt_rto);
			break;
		}
		case 3: {
			uint32_t ms = in_u32(&in);

			rtt_stop(&lib, ms);
			m_stop(&mod, ms);
			break;
		}
		case 4: {
			int got = rtt_timeout(&lib), want = m_timeout(&mod);

			if (got != want)
				FAIL("step %d: rtt_timeout = %d, model %d", step, got, want);
			break;
		}
		case 5: {
			uint32_t got = rtt_ts(&lib), want = m_ts(&mod);

			if (got != want)
				FAIL("step %d: rtt_ts = %u, model %u (clock %lld.%06lld, base %u)", step, got,
				     want, (long long)clock_sec, (long long)clock_usec, mod.rtt_base);
			break;
		}
		case 6: {
			/* Wrapping: the clock may hold any value (operation 7). */
			uint64_t add = (uint64_t)in_u16(&in) * 1000;

			if (clock_usec >= 0 && clock_usec < 1000000) {
				add += (uint64_t)clock_usec;
				clock_sec = (int64_t)((uint64_t)clock_sec + add / 1000000);
				clock_usec = (int64_t)(add % 1000000);
			} else {
				clock_usec = (int64_t)((uint64_t)clock_usec + add);
			}
			break;
		}
		case 7: {
			uint8_t mode = in_u8(&in);
			uint64_t sec = in_u32(&in), usec = in_u32(&in);

			sec |= (uint64_t)in_u32(&in) << 32;
			usec |= (uint64_t)in_u32(&in) << 32;
			clock_sec = (int64_t)sec;
			clock_usec = mode & 1 ? (int64_t)usec : (int64_t)(usec % 1000000);
			break;
		}
		case 8:
			set_field(&in, &lib, &mod);
			break;
		}
		compare(&lib, &mod, step, op);
	}
	clock_fake = 0;
	return 0;
}
