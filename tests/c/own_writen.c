/*
 * own_writen -- defines its own writen (only, like the book's sock/writen.c)
 * and calls the library's Writen, which must call this writen, statically and
 * dynamically linked, as with the original archive.
 * usage: own_writen ok|fail
 */
#include "unp.h"

static int fail;

ssize_t writen(int fd, const void *vptr, size_t n)
{
	if (fail) {
		errno = EIO;
		return -1;
	}
	if (write(fd, "[mine]", 6) != 6 || write(fd, vptr, n) != (ssize_t) n)
		return -1;
	return n;
}

int main(int argc, char **argv)
{
	char msg[] = "hello\n";

	if (argc != 2)
		err_quit("usage: own_writen ok|fail");
	fail = strcmp(argv[1], "fail") == 0;
	Writen(STDOUT_FILENO, msg, 6);
	printf("back in main\n");
	return 0;
}
