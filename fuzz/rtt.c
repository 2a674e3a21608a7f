/* libFuzzer harness: sequences of rtt_* calls against a model of the book's
 * retransmission timer (unprtt.h), with a clock the harness controls.
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
 *   7 set the clock: 32-bit seconds, 32-bit microseconds (mod 10^6)
 * After every operation the library's struct and the model's are compared
 * field by field (bit for bit; two NaNs count as equal). */
#include "unprtt.h"
#include "fuzz.h"
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

static uint32_t m_ts(const struct rtt_info *m)
{
	uint64_t ms = (uint64_t)(clock_sec - (int64_t)m->rtt_base) * 1000u + (uint64_t)(clock_usec / 1000);

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

static int m_timeout(struct rtt_info *m)
{
	m->rtt_rto *= 2;
	m->rtt_nrexmt = (int)((unsigned)m->rtt_nrexmt + 1u);
	return m->rtt_nrexmt > RTT_MAXNREXMT ? -1 : 0;
}
/* ---- end of the model ---- */

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
		int op = in_u8(&in) % 8;

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
			int got = rtt_start(&lib);
			double r = (double)mod.rtt_rto + 0.5;

			/* (int)(rto + 0.5); outside int's range the C cast is
			 * undefined and not checked. */
			if (r > -2147483648.0 && r < 2147483648.0 && got != (int)r)
				FAIL("step %d: rtt_start = %d, model %d (rto %.9g)", step, got, (int)r,
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
			int64_t us = clock_usec + (int64_t)in_u16(&in) * 1000;

			clock_sec += us / 1000000;
			clock_usec = us % 1000000;
			break;
		}
		case 7:
			clock_sec = in_u32(&in);
			clock_usec = in_u32(&in) % 1000000;
			break;
		}
		compare(&lib, &mod, step, op);
	}
	clock_fake = 0;
	return 0;
}
