/* A directory-local unp.h, like the book's key/unp.h and sctp/unp.h (older
 * copies of the header): it takes the configure results from the tree's
 * top-level config.h, then the system headers and the few prototypes this
 * directory's program uses. */
#ifndef	__unp_h
#define	__unp_h

#include	"../config.h"

#include	<sys/types.h>
#include	<sys/socket.h>
#include	<stdio.h>
#include	<stdlib.h>
#include	<string.h>
#include	<errno.h>

#define	MAXLINE		4096
#define	MAXSOCKADDR	128

void	 err_msg(const char *, ...);
void	 err_quit(const char *, ...);

#endif	/* __unp_h */
