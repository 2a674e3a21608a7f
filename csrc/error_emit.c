/*
 * The common part of the error functions (csrc/error.c): format the message,
 * append ": strerror" when asked, add the newline, then log or print.
 * Hidden: not part of the library's interface.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#define UNP_ERR_BUDGET 4096 /* MAXLINE */

extern int daemon_proc;

/*
 * Called before a message is logged or printed when not NULL: the Rust crate
 * `unp` sets it once (unp_sys::error::set_flush_hook) to flush the Rust
 * program's own stdout buffer, which C's exit() would lose.  NULL in a C
 * program, which therefore sees no change.
 */
void (*unp_c_flush_hook)(void);

void unp_c_emit(int with_errno, int priority, const char *fmt, va_list ap);

void unp_c_emit(int with_errno, int priority, const char *fmt, va_list ap)
{
	int saved = errno; /* before anything can change it */
	char text[UNP_ERR_BUDGET + 1];
	size_t used;
	void (*hook)(void);

	text[0] = '\0';
	if (fmt != NULL)
		vsnprintf(text, UNP_ERR_BUDGET, fmt, ap);
	used = strlen(text);
	if (with_errno && used < UNP_ERR_BUDGET)
		snprintf(text + used, UNP_ERR_BUDGET - used, ": %s", strerror(saved));
	used = strlen(text);
	text[used] = '\n';
	text[used + 1] = '\0';

	hook = __atomic_load_n(&unp_c_flush_hook, __ATOMIC_ACQUIRE);
	if (hook != NULL) {
		hook();
		errno = saved;
	}
	/* Atomic: a Rust thread's daemon_inetd may set it meanwhile. */
	if (__atomic_load_n(&daemon_proc, __ATOMIC_RELAXED)) {
		/* Unlike the original, the message is data, never a format. */
		syslog(priority, "%s", text);
	} else {
		fflush(stdout);
		fputs(text, stderr);
		fflush(stderr);
	}
}

