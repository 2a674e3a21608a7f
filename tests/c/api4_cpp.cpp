// unpthread.h and unprtt.h from C++: the declarations are extern "C" and
// the wrappers and the estimator link and run.
#include "unpthread.h"
#include "unprtt.h"

static void *twice(void *arg)
{
	*static_cast<int *>(arg) *= 2;
	return nullptr;
}

int main()
{
	int v = 21;
	pthread_t t;
	struct rtt_info r;

	Pthread_create(&t, nullptr, twice, &v);
	Pthread_join(t, nullptr);
	rtt_init(&r);
	rtt_newpack(&r);
	rtt_stop(&r, 100);
	rtt_d_flag = 1;
	rtt_debug(&r);
	int start = rtt_start(&r);
	int timeout = rtt_timeout(&r);
	printf("%d %d %d %d %d\n", v, start, timeout, rtt_start(&r), RTT_MAXNREXMT);
	return 0;
}
