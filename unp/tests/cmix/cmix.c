/*
 * C side of the in-process mixed test: reads lines with the library's
 * Readline, exactly as a book program does, so that the test can hand the
 * same descriptor back and forth between C and Rust readers.
 */
#include "unp.h"

/*
 * Reads up to nlines lines from fd with Readline(fd, line, MAXLINE) and
 * appends each to out (capacity size).  Returns the bytes stored; stops
 * early at end of file (Readline returns 0).  -1 when out is too small.
 * *lines gets the number of Readline calls that returned data.
 */
ssize_t cmix_readlines(int fd, int nlines, char *out, size_t size, int *lines)
{
	char line[MAXLINE];
	size_t used = 0;
	ssize_t n;

	*lines = 0;
	while (*lines < nlines) {
		n = Readline(fd, line, MAXLINE);
		if (n == 0)
			break;
		if ((size_t) n > size - used)
			return -1;
		memcpy(out + used, line, n);
		used += n;
		(*lines)++;
	}
	return (ssize_t) used;
}

/* This thread's read-ahead buffer as C sees it: *start, and the count. */
ssize_t cmix_buffered(void **start)
{
	*start = NULL;
	return readlinebuf(start);
}
