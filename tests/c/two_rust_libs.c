/*
 * two_rust_libs -- linked with libunp.a and another Rust static library
 * (tests/rust-link/other-staticlib): both carry Rust's core, and the link
 * must not see any symbol twice.  get_ifi_info needs the library's core (a
 * slice bound check), other_sum the other library's; lines from stdin go
 * through Readline and their lengths through other_sum.
 */
#include "unp.h"
#include "unpifi.h"

int other_sum(const int *values, size_t len, size_t n);

int main(void)
{
	char line[MAXLINE];
	int lens[8];
	size_t count = 0;
	ssize_t n;
	struct ifi_info *ifi = get_ifi_info(AF_INET, 0);

	free_ifi_info(ifi);
	while (count < 8 && (n = Readline(STDIN_FILENO, line, sizeof(line))) > 0)
		lens[count++] = (int) n;
	printf("lines %zu, sum %d, out of bounds %d\n", count,
	       other_sum(lens, count, count), other_sum(lens, count, count + 1));
	return 0;
}
