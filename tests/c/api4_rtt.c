/* The rtt_* functions against a copy of the book's lib/rtt.c (renamed ref_*).
 * With argument "debug": every step's rtt_debug line goes to stderr (the
 * library) and the reference's line to stdout, so the two must be equal.
 * Without: the structs are compared bit for bit and a summary printed. */
#include "unprtt.h"
#include <stddef.h>

/* ---- the original lib/rtt.c, renamed ---- */
#define RTT_RTOCALC(ptr) ((ptr)->rtt_srtt + (4.0 * (ptr)->rtt_rttvar))
static float ref_minmax(float rto)
{
	if (rto < RTT_RXTMIN)
		rto = RTT_RXTMIN;
	else if (rto > RTT_RXTMAX)
		rto = RTT_RXTMAX;
	return (rto);
}
static void ref_init(struct rtt_info *ptr)
{
	struct timeval tv;
	Gettimeofday(&tv, NULL);
	ptr->rtt_base = tv.tv_sec;
	ptr->rtt_rtt = 0;
	ptr->rtt_srtt = 0;
	ptr->rtt_rttvar = 0.75;
	ptr->rtt_rto = ref_minmax(RTT_RTOCALC(ptr));
}
static int ref_start(struct rtt_info *ptr) { return ((int)(ptr->rtt_rto + 0.5)); }
static void ref_stop(struct rtt_info *ptr, uint32_t ms)
{
	double delta;
	ptr->rtt_rtt = ms / 1000.0;
	delta = ptr->rtt_rtt - ptr->rtt_srtt;
	ptr->rtt_srtt += delta / 8;
	if (delta < 0.0)
		delta = -delta;
	ptr->rtt_rttvar += (delta - ptr->rtt_rttvar) / 4;
	ptr->rtt_rto = ref_minmax(RTT_RTOCALC(ptr));
}
static int ref_timeout(struct rtt_info *ptr)
{
	ptr->rtt_rto *= 2;
	if (++ptr->rtt_nrexmt > RTT_MAXNREXMT)
		return (-1);
	return (0);
}
static void ref_debug(struct rtt_info *ptr)
{
	printf("rtt = %.3f, srtt = %.3f, rttvar = %.3f, rto = %.3f\n",
	       ptr->rtt_rtt, ptr->rtt_srtt, ptr->rtt_rttvar, ptr->rtt_rto);
}
/* ---- end of the copy ---- */

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
	ref_init(&b);
	b.rtt_base = a.rtt_base; /* the clock may have ticked between the two */
	same(&a, &b, "init");
	if (!dbg)
		printf("init: nrexmt untouched %d, start %d, rto %.3f\n", a.rtt_nrexmt == 0x5a5a5a5a,
		       rtt_start(&a), a.rtt_rto);
	rtt_newpack(&a);
	b.rtt_nrexmt = 0;
	same(&a, &b, "newpack");
	for (i = 0; i < sizeof ms / sizeof ms[0]; i++) {
		rtt_stop(&a, ms[i]);
		ref_stop(&b, ms[i]);
		same(&a, &b, "stop");
		if (rtt_start(&a) != ref_start(&b))
			diffs++;
		rtt_debug(&a);
		if (dbg)
			ref_debug(&b);
		if (i % 4 == 3) {
			rtt_newpack(&a);
			b.rtt_nrexmt = 0;
			for (k = 0; k < 6; k++) {
				ra = rtt_timeout(&a);
				rb = ref_timeout(&b);
				same(&a, &b, "timeout");
				if (ra != rb)
					diffs++;
				if (!dbg && i == 3)
					printf("timeout %d: %d, rto %.3f, start %d\n", k + 1, ra, a.rtt_rto, rtt_start(&a));
				rtt_debug(&a);
				if (dbg)
					ref_debug(&b);
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
