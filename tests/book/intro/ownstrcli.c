/*
 * Defines its own str_cli and writen (as the book's select/strcliselect01.c
 * and sock/writen.c do) and still uses the library's Writen, Readline and
 * Socketpair: the static link must pick these definitions without a
 * "multiple definition" error, and the library's Writen must call this writen.
 */
#include	"unp.h"

ssize_t
writen(int fd, const void *vptr, size_t n)
{
	printf("[own writen %d bytes]\n", (int) n);
	fflush(stdout);
	return write(fd, vptr, n);
}

void
str_cli(FILE *fp, int sockfd)
{
	char	sendline[MAXLINE], recvline[MAXLINE];

	while (Fgets(sendline, MAXLINE, fp) != NULL) {
		Writen(sockfd, sendline, strlen(sendline));
		if (Readline(sockfd, recvline, MAXLINE) == 0)
			err_quit("str_cli: server terminated prematurely");
		printf("own str_cli: %s", recvline);
	}
}

int
main(int argc, char **argv)
{
	int		fd[2];

	Socketpair(AF_UNIX, SOCK_STREAM, 0, fd);
	if (Fork() == 0) {		/* echo server */
		char	buf[MAXLINE];
		ssize_t	n;

		Close(fd[0]);
		while ( (n = read(fd[1], buf, sizeof(buf))) > 0)
			if (write(fd[1], buf, n) != n)
				err_sys("write");
		exit(0);
	}
	Close(fd[1]);
	str_cli(stdin, fd[0]);
	exit(0);
}
