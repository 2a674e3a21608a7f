/*
 * A cache of the calling thread's libunp state block (src/tls.rs) in an
 * initial-exec TLS slot: readline and sock_ntop find their buffers with one
 * %fs-relative load instead of a pthread_getspecific call.  The block itself
 * is still owned by a pthread key, whose destructor frees it and clears this
 * slot.  Hidden: not part of the library's interface.
 *
 * gf_time's result lives here too (src/gf_time.rs): 32 bytes of each
 * thread's static TLS, set up with the thread and released with it, so
 * gf_time needs no allocation and cannot fail for lack of memory.
 */
#include <stddef.h>

static __thread void *unp_tls_block __attribute__((tls_model("initial-exec")));
static __thread char unp_gf_time_buf[32] __attribute__((tls_model("initial-exec")));

void *unp_c_tls_get(void);
void unp_c_tls_set(void *p);
char *unp_c_gf_time_buf(void);

void *unp_c_tls_get(void)
{
	return unp_tls_block;
}

void unp_c_tls_set(void *p)
{
	unp_tls_block = p;
}

char *unp_c_gf_time_buf(void)
{
	return unp_gf_time_buf;
}
