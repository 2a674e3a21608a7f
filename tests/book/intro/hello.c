/* Uses the book's constants, a wrapper and an error function. */
#include	"unp.h"

int
main(int argc, char **argv)
{
	int		fd[2];
	char	line[MAXLINE];

	printf("MAXLINE %d, SERV_PORT %d, %s\n", MAXLINE, SERV_PORT, CPU_VENDOR_OS);
	Socketpair(AF_UNIX, SOCK_STREAM, 0, fd);
	Writen(fd[0], "over the pair\n", 14);
	if (Readline(fd[1], line, sizeof(line)) != 14)
		err_quit("short line");
	Fputs(line, stdout);
	errno = ECONNREFUSED;
	err_ret("err_ret %d", argc);
	exit(0);
}
