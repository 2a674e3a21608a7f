/*
 * mycat: print a file that this process never opens itself.  A helper
 * program, openfile (looked for in mycat's own directory), opens it and
 * sends the descriptor back across a socketpair; when the open fails, the
 * helper's exit status carries the errno value.
 * usage: mycat <pathname>
 */
#include "unp.h"

static char *helper; /* pathname of openfile */

/* dir/name, where dir is the directory part of self ("." if none). */
static char *beside(const char *self, const char *name)
{
	const char *slash = strrchr(self, '/');
	int dirlen = slash ? (int) (slash - self) + 1 : 2;
	size_t size = dirlen + strlen(name) + 1;
	char *path = Malloc(size);

	snprintf(path, size, "%.*s%s", dirlen, slash ? self : "./", name);
	return path;
}

/* open(2) done by the helper: a descriptor, or -1 with errno set. */
static int remote_open(const char *pathname, int flags)
{
	int pair[2], status, fd = -1;
	char byte, fdarg[16], flagarg[16];
	pid_t pid;

	Socketpair(AF_LOCAL, SOCK_STREAM, 0, pair);
	pid = Fork();
	if (pid == 0) {
		Close(pair[0]);
		snprintf(fdarg, sizeof(fdarg), "%d", pair[1]);
		snprintf(flagarg, sizeof(flagarg), "%d", flags);
		execl(helper, "openfile", fdarg, pathname, flagarg, (char *) NULL);
		err_sys("execl error");
	}
	Close(pair[1]);

	Waitpid(pid, &status, 0);
	if (!WIFEXITED(status))
		err_quit("child did not terminate");
	status = WEXITSTATUS(status);
	if (status != 0)
		errno = status;
	else
		Read_fd(pair[0], &byte, 1, &fd);
	Close(pair[0]);
	return fd;
}

int main(int argc, char **argv)
{
	char chunk[BUFFSIZE];
	ssize_t got;
	int fd;

	if (argc != 2)
		err_quit("usage: mycat <pathname>");

	helper = beside(argv[0], "openfile");
	fd = remote_open(argv[1], O_RDONLY);
	if (fd < 0)
		err_sys("cannot open %s", argv[1]);

	while ((got = Read(fd, chunk, sizeof(chunk))) > 0)
		Write(STDOUT_FILENO, chunk, got);
	return 0;
}
