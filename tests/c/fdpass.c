/*
 * fdpass -- read_fd/write_fd and their wrappers.
 * usage: fdpass pass <file> | nofd | eof | creds | badfd | Read_fd | Write_fd
 *        | level | type
 */
#include "unp.h"

#ifndef SO_PASSPIDFD
#define SO_PASSPIDFD 76
#endif

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	int sv[2], fd, recvfd = 77, on = 1;
	char c = '?', buf[BUFFSIZE];
	ssize_t n;

	Socketpair(AF_LOCAL, SOCK_STREAM, 0, sv);

	if (strcmp(m, "pass") == 0 && argc == 3) {
		fd = Open(argv[2], O_RDONLY, 0);
		n = write_fd(sv[0], "p", 1, fd);
		printf("write_fd: %zd\n", n);
		Close(fd);
		n = read_fd(sv[1], &c, 1, &recvfd);
		printf("read_fd: %zd '%c', got a descriptor %d\n", n, c, recvfd > 2);
		/* and again through the wrappers, passing the received descriptor */
		Write_fd(sv[1], "q", 1, recvfd);
		Close(recvfd);
		n = Read_fd(sv[0], &c, 1, &recvfd);
		printf("Read_fd: %zd '%c'\n", n, c);
		fflush(stdout);
		while ((n = Read(recvfd, buf, sizeof(buf))) > 0)
			Write(STDOUT_FILENO, buf, n);
	} else if (strcmp(m, "nofd") == 0) {
		Write(sv[0], "y", 1);
		n = read_fd(sv[1], &c, 1, &recvfd);
		printf("read_fd: %zd '%c', recvfd %d\n", n, c, recvfd);
	} else if (strcmp(m, "eof") == 0) {
		Close(sv[0]);
		n = read_fd(sv[1], &c, 1, &recvfd);
		printf("read_fd: %zd, recvfd %d\n", n, recvfd);
	} else if (strcmp(m, "creds") == 0) { /* a 28-byte SCM_CREDENTIALS first */
		Setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
		Write(sv[0], "z", 1);
		n = read_fd(sv[1], &c, 1, &recvfd);
		printf("read_fd: %zd '%c', recvfd %d\n", n, c, recvfd);
	} else if (strcmp(m, "badfd") == 0) {
		n = read_fd(-1, &c, 1, &recvfd);
		printf("read_fd: %zd %s, recvfd %d\n", n, strerror(errno), recvfd);
		n = write_fd(-1, "w", 1, 0);
		printf("write_fd: %zd %s\n", n, strerror(errno));
	} else if (strcmp(m, "Read_fd") == 0) {
		Read_fd(-1, &c, 1, &recvfd);
		printf("not reached\n");
	} else if (strcmp(m, "Write_fd") == 0) {
		Write_fd(sv[0], "w", 1, -1); /* EBADF: not a descriptor */
		printf("not reached\n");
	} else if (strcmp(m, "level") == 0) { /* IP_TTL: an int at IPPROTO_IP */
		struct sockaddr_in sin;
		socklen_t len = sizeof(sin);

		fd = Socket(AF_INET, SOCK_DGRAM, 0);
		bzero(&sin, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		Bind(fd, (SA *) &sin, sizeof(sin));
		Getsockname(fd, (SA *) &sin, &len);
		Setsockopt(fd, IPPROTO_IP, IP_RECVTTL, &on, sizeof(on));
		Sendto(fd, "t", 1, 0, (SA *) &sin, len);
		read_fd(fd, &c, 1, &recvfd);
		printf("not reached\n");
	} else if (strcmp(m, "type") == 0) { /* SCM_PIDFD: an int at SOL_SOCKET */
		Setsockopt(sv[1], SOL_SOCKET, SO_PASSPIDFD, &on, sizeof(on));
		Write(sv[0], "k", 1);
		read_fd(sv[1], &c, 1, &recvfd);
		printf("not reached\n");
	} else
		err_quit("usage: fdpass pass <file>|nofd|eof|creds|badfd|Read_fd|Write_fd|level|type");
	exit(0);
}
