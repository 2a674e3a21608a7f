/*
 * The C front end of the error functions (the book's lib/error.c).
 *
 * Stable Rust cannot define C-variadic functions, so the formatting happens
 * here.  The exported names err_sys, err_quit, err_ret, err_msg and err_dump
 * are Rust naked-function trampolines (src/error.rs) that jump to the
 * unp_c_* functions below; this keeps the symbols in the shared library's
 * export list and lets a program's own definitions win in a static link.
 * daemon_proc lives in Rust too.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <syslog.h>

/* csrc/error_emit.c: the common part, in an object of its own so that a
 * static program using several err_* functions carries it once. */
void unp_c_emit(int with_errno, int priority, const char *fmt, va_list ap);

#define UNP_ERR_BODY(with_errno, priority)          \
	do {                                        \
		va_list ap;                         \
		va_start(ap, fmt);                  \
		unp_c_emit(with_errno, priority, fmt, ap); \
		va_end(ap);                         \
	} while (0)

void unp_c_err_ret(const char *fmt, ...);
void unp_c_err_sys(const char *fmt, ...);
void unp_c_err_dump(const char *fmt, ...);
void unp_c_err_msg(const char *fmt, ...);
void unp_c_err_quit(const char *fmt, ...);

/* Nonfatal, with the errno text; LOG_INFO in a daemon. */
void unp_c_err_ret(const char *fmt, ...) { UNP_ERR_BODY(1, LOG_INFO); }

/* Fatal, with the errno text: exit(1). */
void unp_c_err_sys(const char *fmt, ...)
{
	UNP_ERR_BODY(1, LOG_ERR);
	exit(1);
}

/* Fatal, with the errno text: abort() for a core dump. */
void unp_c_err_dump(const char *fmt, ...)
{
	UNP_ERR_BODY(1, LOG_ERR);
	abort();
}

/* Nonfatal, no errno text; LOG_INFO in a daemon. */
void unp_c_err_msg(const char *fmt, ...) { UNP_ERR_BODY(0, LOG_INFO); }

/* Fatal, no errno text: exit(1). */
void unp_c_err_quit(const char *fmt, ...)
{
	UNP_ERR_BODY(0, LOG_ERR);
	exit(1);
}
