/*
 * Test-only (unp/tests/die.rs): openlog and syslog replacements, preloaded
 * into a Rust test program, that record on stderr what the program logs.
 * Like glibc, openlog only keeps the ident pointer and syslog reads the
 * string behind it when it logs: a program that let that string be freed
 * logs garbage, and valgrind reports the read.
 */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

static const char *kept_ident;

void openlog(const char *ident, int option, int facility)
{
	(void)option;
	(void)facility;
	kept_ident = ident;
}

void vsyslog(int priority, const char *format, va_list ap)
{
	char msg[4096];

	vsnprintf(msg, sizeof(msg), format, ap);
	dprintf(2, "syslog %d %s: %s", priority, kept_ident ? kept_ident : "(null)", msg);
}

void syslog(int priority, const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	vsyslog(priority, format, ap);
	va_end(ap);
}

/* What syslog() compiles to under _FORTIFY_SOURCE. */
void __syslog_chk(int priority, int flag, const char *format, ...);
void __syslog_chk(int priority, int flag, const char *format, ...)
{
	va_list ap;

	(void)flag;
	va_start(ap, format);
	vsyslog(priority, format, ap);
	va_end(ap);
}
