/*
 * link_core -- echoes stdin with Readline/Writen.  Statically linked it pulls
 * in archive members that need Rust's core (bounds-check panics): the link
 * fails if the archive's symbol index lost core's symbols.
 */
#include "unp.h"

int main(void)
{
	char line[MAXLINE];
	ssize_t n;

	while ((n = Readline(STDIN_FILENO, line, sizeof(line))) > 0)
		Writen(STDOUT_FILENO, line, n);
	return 0;
}
