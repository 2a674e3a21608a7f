/*
 * thread.h -- Solaris threads on Linux, for the programs of the book's
 * threads/ directory.  web01.c, web02.c and web03.c include <thread.h> and
 * reap their threads with thr_join(0, &tid, &status): "wait for any thread".
 *
 * Part of libunp's support for the book's source tree: installed as
 * $(PREFIX)/share/unp/include/thread.h, never in the include directory, and
 * put on the include path by the Make.defines installed next to it (and by
 * the one `make book` writes).  It needs libunp (libunp.a or -lunp).
 *
 * Including it maps, in the including file only, Pthread_create,
 * pthread_create, Pthread_join, pthread_join, Pthread_detach and
 * pthread_detach to libunp functions that keep a list of the joinable
 * threads, so that thr_join(0, ...) can wait for the first to end.  They
 * behave as the originals otherwise (same arguments, results and
 * diagnostics).  Files that do not include this header are unaffected;
 * threads they create are invisible to thr_join(0, ...).
 */
#ifndef __unp_thread_h
#define __unp_thread_h

#include <pthread.h>
#include <stddef.h>

/* ---- Constants and types ---- */

/* Solaris's thread ID: the same type as pthread_t (unp.h defines it too). */
#ifndef __unp_thread_t
#define __unp_thread_t
typedef pthread_t thread_t;
#endif

/* thr_create() flags (Solaris's values). */
#define THR_BOUND      0x01  /* accepted; every Linux thread is bound */
#define THR_NEW_LWP    0x02  /* accepted; no effect */
#define THR_DETACHED   0x40  /* not joinable */
#define THR_SUSPENDED  0x80  /* not supported: thr_create returns ENOTSUP */
#define THR_DAEMON     0x100 /* accepted; no effect */

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Starts start_routine(arg) in a new thread.  stack_base and stack_size give
 * the thread's stack: NULL and 0 for the default, NULL and n for a stack of
 * n bytes.  flags is 0 or an OR of:
 *
 * * THR_DETACHED: the thread is not joinable;
 * * THR_BOUND, THR_NEW_LWP, THR_DAEMON: accepted, without effect (every
 *   Linux thread is bound);
 * * THR_SUSPENDED: not supported.
 *
 * Stores the new thread's ID in *new_thread unless new_thread is NULL.
 *
 * Returns 0 or an error number: EINVAL (NULL start_routine, unknown flag,
 * stack too small), ENOTSUP (THR_SUSPENDED), EAGAIN.
 */
int thr_create(void *stack_base, size_t stack_size, void *(*start_routine)(void *),
               void *arg, long flags, thread_t *new_thread);

/*
 * Waits for thread wait_for to end, or, with wait_for 0, for any joinable
 * thread created after including this header (the one that ended first).
 * Stores its ID in *departed and its exit status in *status (either may be
 * NULL).
 *
 * Returns 0 or an error number: ESRCH when no thread is left to join (for
 * 0: none but the caller and those another thr_join is already joining;
 * for a thread ID: another thr_join is already joining it, the answer
 * Solaris gives the second of two joins), EDEADLK for the caller itself, or
 * what pthread_join() returns.
 */
int thr_join(thread_t wait_for, thread_t *departed, void **status);

/*
 * Returns the calling thread's ID (pthread_self()).
 */
thread_t thr_self(void);

/*
 * Gives up the processor to another thread (sched_yield()).
 */
void thr_yield(void);

/*
 * Ends the calling thread (pthread_exit()); a `thr_join` of it gets status
 * as the thread's exit status.
 */
void thr_exit(void *status) __attribute__((__noreturn__));

/*
 * What pthread_create means after including thread.h: pthread_create() that
 * also registers the thread for `thr_join` with wait_for 0 (unless attr
 * makes it detached).  Returns 0 or an error number, as pthread_create()
 * does.
 */
int unp_thr_pthread_create(pthread_t *tid, const pthread_attr_t *attr,
                           void *(*func)(void *), void *arg);

/*
 * What pthread_join means after including thread.h: pthread_join() that also
 * takes the thread out of the list `thr_join` with wait_for 0 waits on.
 * Returns 0 or an error number, as pthread_join() does.
 */
int unp_thr_pthread_join(pthread_t tid, void **status);

/*
 * What pthread_detach means after including thread.h: pthread_detach() that
 * also takes the thread out of the list `thr_join` with wait_for 0 waits on.
 * Returns 0 or an error number, as pthread_detach() does (EINVAL when a
 * thr_join is joining the thread).
 */
int unp_thr_pthread_detach(pthread_t tid);

/*
 * `unp_thr_pthread_create()`; what `Pthread_create` means after including
 * thread.h: failure exits through `err_sys("pthread_create error")`, as
 * `Pthread_create` does.
 */
void unp_thr_Pthread_create(pthread_t *tid, const pthread_attr_t *attr,
                            void *(*func)(void *), void *arg);

/*
 * `unp_thr_pthread_join()`; what `Pthread_join` means after including
 * thread.h: failure exits through `err_sys("pthread_join error")`, as
 * `Pthread_join` does.
 */
void unp_thr_Pthread_join(pthread_t tid, void **status);

/*
 * `unp_thr_pthread_detach()`; what `Pthread_detach` means after including
 * thread.h: failure exits through `err_sys("pthread_detach error")`, as
 * `Pthread_detach` does.
 */
void unp_thr_Pthread_detach(pthread_t tid);

#ifdef __cplusplus
}
#endif

#define pthread_create unp_thr_pthread_create
#define pthread_join   unp_thr_pthread_join
#define pthread_detach unp_thr_pthread_detach
#define Pthread_create unp_thr_Pthread_create
#define Pthread_join   unp_thr_Pthread_join
#define Pthread_detach unp_thr_Pthread_detach

#endif /* __unp_thread_h */
