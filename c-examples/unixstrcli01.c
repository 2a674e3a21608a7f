/*
 * unixstrcli01 -- Unix domain stream echo client (book Figure 15.4).
 * usage: unixstrcli01 [pathname]      (pathname defaults to UNIXSTR_PATH)
 */
#include "unp.h"

int main(int argc, char **argv)
{
	int sockfd;
	struct sockaddr_un servaddr;
	const char *path = argc > 1 ? argv[1] : UNIXSTR_PATH;

	if (strlen(path) >= sizeof(servaddr.sun_path))
		err_quit("pathname too long: %s", path);

	sockfd = Socket(AF_LOCAL, SOCK_STREAM, 0);

	bzero(&servaddr, sizeof(servaddr));
	servaddr.sun_family = AF_LOCAL;
	strcpy(servaddr.sun_path, path);

	Connect(sockfd, (SA *) &servaddr, sizeof(servaddr));

	str_cli(stdin, sockfd); /* do it all */

	exit(0);
}
