/*
 * unixstrcli01: echo client over a Unix domain stream socket; str_cli does
 * the line-by-line exchange.
 * usage: unixstrcli01 [pathname]      (UNIXSTR_PATH unless given)
 */
#include "unp.h"

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : UNIXSTR_PATH;
	struct sockaddr_un server;
	int fd;

	if (strlen(path) >= sizeof(server.sun_path))
		err_quit("pathname too long: %s", path);

	fd = Socket(AF_LOCAL, SOCK_STREAM, 0);
	memset(&server, 0, sizeof(server));
	server.sun_family = AF_LOCAL;
	strcpy(server.sun_path, path);
	Connect(fd, (SA *) &server, sizeof(server));

	str_cli(stdin, fd);
	return 0;
}
