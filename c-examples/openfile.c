/*
 * openfile: helper of mycat.  Opens a file and hands the descriptor over
 * the Unix domain socket it was given, along with one byte of data.  On
 * failure the exit status is the errno value (255 if there is none).
 * usage: openfile <sockfd#> <filename> <mode>
 */
#include "unp.h"

static void fail(void)
{
	exit(errno > 0 ? errno : 255);
}

int main(int argc, char **argv)
{
	int fd;

	if (argc != 4)
		err_quit("openfile <sockfd#> <filename> <mode>");

	fd = open(argv[2], atoi(argv[3]));
	if (fd < 0)
		fail();
	if (write_fd(atoi(argv[1]), "", 1, fd) < 0)
		fail();
	return 0;
}
