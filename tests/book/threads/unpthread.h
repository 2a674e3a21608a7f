/* A directory-local unpthread.h, as the book's threads/ directory has its
 * own copy: it shadows the installed one and includes "unp.h", so whatever
 * these programs use beyond the wrappers below (thread_t included) must come
 * from the installed unp.h or from <thread.h>. */
#ifndef	__unp_pthread_h
#define	__unp_pthread_h

#include	"unp.h"

void	Pthread_create(pthread_t *, const pthread_attr_t *,
					   void * (*)(void *), void *);
void	Pthread_join(pthread_t, void **);
void	Pthread_detach(pthread_t);
void	Pthread_mutex_lock(pthread_mutex_t *);
void	Pthread_mutex_unlock(pthread_mutex_t *);
void	Pthread_cond_broadcast(pthread_cond_t *);
void	Pthread_cond_wait(pthread_cond_t *, pthread_mutex_t *);

#endif	/* __unp_pthread_h */
