/*
 * thread.h -- Solaris threads on Linux, for the programs of the book's
 * threads/ directory (web01.c, web02.c, web03.c include <thread.h> and reap
 * their threads with thr_join(0, &tid, &status): "wait for any thread").
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
 * Starts start_routine(arg) in a new thread; stack_base/stack_size give the
 * thread's stack (NULL/0: the default; NULL/n: a stack of n bytes).  Stores
 * the new thread's ID in *new_thread unless NULL.  Returns 0 or an error
 * number: EINVAL (NULL start_routine, unknown flag, stack too small),
 * ENOTSUP (THR_SUSPENDED), EAGAIN.
 */
int thr_create(void *stack_base, size_t stack_size, void *(*start_routine)(void *),
               void *arg, long flags, thread_t *new_thread);

/*
 * Waits for thread wait_for to end, or, with wait_for 0, for any joinable
 * thread created after including this header (the one that ended first);
 * stores its ID in *departed and its exit status in *status (either may be
 * NULL).  Returns 0 or an error number: ESRCH when no thread is left to
 * join (for 0: none but the caller), EDEADLK for the caller itself, or what
 * pthread_join() returns.
 */
int thr_join(thread_t wait_for, thread_t *departed, void **status);

/* The calling thread's ID. */
thread_t thr_self(void);

/* Gives up the processor to another thread (sched_yield()). */
void thr_yield(void);

/* Ends the calling thread; a thr_join() of it gets status. */
void thr_exit(void *status) __attribute__((__noreturn__));

/* What the macros below call: as the functions they replace. */
int unp_thr_pthread_create(pthread_t *tid, const pthread_attr_t *attr,
                           void *(*func)(void *), void *arg);
int unp_thr_pthread_join(pthread_t tid, void **status);
int unp_thr_pthread_detach(pthread_t tid);
void unp_thr_Pthread_create(pthread_t *tid, const pthread_attr_t *attr,
                            void *(*func)(void *), void *arg);
void unp_thr_Pthread_join(pthread_t tid, void **status);
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
