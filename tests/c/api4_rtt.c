/* The rtt_* functions against an independent model of the estimator, written
 * for this test from the arithmetic of the book's lib/rtt.c: float
 * fields, double intermediates, clamp to [RTT_RXTMIN, RTT_RXTMAX], a doubled
 * RTO that is not clamped again, a pre-incremented retransmission count.
 * The model drives a struct rtt_info of its own through one step function
 * and never calls the library.
 * With argument "debug": every step's rtt_debug line goes to stderr (the
 * library) and the model's line to stdout, so the two must be equal.
 * Without: the structs are compared bit for bit and a summary printed. */
#include "unprtt.h"
#include <stddef.h>

/* ---- the model ---- */
enum model_op { M_RESET, M_NEWPACK, M_SAMPLE, M_RETRY };

/* Narrow a double RTO candidate to float, then bound it, comparing as float. */
static float model_bound(double candidate)
{
	float v = (float)candidate;
	const float lo = RTT_RXTMIN, hi = RTT_RXTMAX;

	return v < lo ? lo : (v > hi ? hi : v);
}

/* srtt + 4 * rttvar, evaluated in double from the stored floats. */
static float model_rto(const struct rtt_info *m)
{
	return model_bound((double)m->rtt_srtt + 4.0 * (double)m->rtt_rttvar);
}

/* Apply one operation to *m.  M_SAMPLE takes the measured time in
 * milliseconds; M_RETRY returns -1 once the retransmission limit is passed,
 * every other operation returns 0. */
static int model_step(struct rtt_info *m, enum model_op op, uint32_t sample_ms)
{
	double err;
	float diff;

	switch (op) {
	case M_RESET: { /* rtt_nrexmt deliberately left as it was */
		struct timeval now;
		gettimeofday(&now, NULL);
		m->rtt_base = (uint32_t)now.tv_sec;
		m->rtt_rtt = 0.0f;
		m->rtt_srtt = 0.0f;
		m->rtt_rttvar = 0.75f;
		m->rtt_rto = model_rto(m);
		return 0;
	}
	case M_NEWPACK:
		m->rtt_nrexmt = 0;
		return 0;
	case M_SAMPLE:
		m->rtt_rtt = (float)((double)sample_ms / 1000.0);
		diff = m->rtt_rtt - m->rtt_srtt; /* float minus float, kept as float */
		err = diff;
		m->rtt_srtt = (float)((double)m->rtt_srtt + err / 8);
		if (err < 0.0)
			err = -err;
		m->rtt_rttvar = (float)((double)m->rtt_rttvar + (err - (double)m->rtt_rttvar) / 4);
		m->rtt_rto = model_rto(m);
		return 0;
	case M_RETRY:
		m->rtt_rto = m->rtt_rto * 2.0f; /* no second clamp */
		m->rtt_nrexmt = m->rtt_nrexmt + 1;
		return m->rtt_nrexmt > RTT_MAXNREXMT ? -1 : 0;
	}
	return 0;
}

/* Seconds to wait before the first retransmission: the RTO rounded. */
static int model_alarm(const struct rtt_info *m)
{
	return (int)((double)m->rtt_rto + 0.5);
}

/* The documented debug line, one labelled field at a time. */
static void model_show(const struct rtt_info *m)
{
	static const char *const label[4] = { "rtt", "srtt", "rttvar", "rto" };
	const float val[4] = { m->rtt_rtt, m->rtt_srtt, m->rtt_rttvar, m->rtt_rto };
	int k;

	for (k = 0; k < 4; k++)
		printf("%s%s = %.3f", k ? ", " : "", label[k], (double)val[k]);
	putchar('\n');
}
/* ---- end of the model ---- */

static int steps, diffs;

static void same(struct rtt_info *a, struct rtt_info *b, const char *what)
{
	steps++;
	if (memcmp(a, b, sizeof *a) != 0) {
		diffs++;
		fprintf(stderr, "DIFF after %s: lib %.9g %.9g %.9g %.9g %d, ref %.9g %.9g %.9g %.9g %d\n", what,
			a->rtt_rtt, a->rtt_srtt, a->rtt_rttvar, a->rtt_rto, a->rtt_nrexmt,
			b->rtt_rtt, b->rtt_srtt, b->rtt_rttvar, b->rtt_rto, b->rtt_nrexmt);
	}
}

int main(int argc, char **argv)
{
	static const uint32_t ms[] = { 100, 0, 5, 250, 1500, 3000, 65000, 123456, 1, 999, 20, 20, 20,
				       4294967295u, 7, 60000, 2000, 2001, 333 };
	struct rtt_info a, b;
	size_t i;
	int dbg = argc > 1 && strcmp(argv[1], "debug") == 0;
	int k, ra, rb;

	rtt_d_flag = dbg;
	memset(&a, 0x5a, sizeof a);
	memset(&b, 0x5a, sizeof b);
	rtt_init(&a);
	model_step(&b, M_RESET, 0);
	b.rtt_base = a.rtt_base; /* the clock may have ticked between the two */
	same(&a, &b, "init");
	if (!dbg)
		printf("init: nrexmt untouched %d, start %d, rto %.3f\n", a.rtt_nrexmt == 0x5a5a5a5a,
		       rtt_start(&a), a.rtt_rto);
	rtt_newpack(&a);
	model_step(&b, M_NEWPACK, 0);
	same(&a, &b, "newpack");
	for (i = 0; i < sizeof ms / sizeof ms[0]; i++) {
		rtt_stop(&a, ms[i]);
		model_step(&b, M_SAMPLE, ms[i]);
		same(&a, &b, "stop");
		if (rtt_start(&a) != model_alarm(&b))
			diffs++;
		rtt_debug(&a);
		if (dbg)
			model_show(&b);
		if (i % 4 == 3) {
			rtt_newpack(&a);
			model_step(&b, M_NEWPACK, 0);
			for (k = 0; k < 6; k++) {
				ra = rtt_timeout(&a);
				rb = model_step(&b, M_RETRY, 0);
				same(&a, &b, "timeout");
				if (ra != rb)
					diffs++;
				if (!dbg && i == 3)
					printf("timeout %d: %d, rto %.3f, start %d\n", k + 1, ra, a.rtt_rto, rtt_start(&a));
				rtt_debug(&a);
				if (dbg)
					model_show(&b);
			}
		}
	}
	if (!dbg) {
		uint32_t t0 = rtt_ts(&a), t1;
		usleep(30000);
		t1 = rtt_ts(&a);
		printf("ts: %s\n", t1 - t0 >= 30 && t1 - t0 < 5000 ? "advances" : "WRONG");
		printf("sizeof %zu, offsets %zu %zu %zu %zu %zu %zu; RTT_RXTMIN %d RTT_RXTMAX %d RTT_MAXNREXMT %d\n",
		       sizeof(struct rtt_info), offsetof(struct rtt_info, rtt_rtt),
		       offsetof(struct rtt_info, rtt_srtt), offsetof(struct rtt_info, rtt_rttvar),
		       offsetof(struct rtt_info, rtt_rto), offsetof(struct rtt_info, rtt_nrexmt),
		       offsetof(struct rtt_info, rtt_base), RTT_RXTMIN, RTT_RXTMAX, RTT_MAXNREXMT);
		printf("%d steps, %d differences\n", steps, diffs);
	}
	return diffs != 0;
}
