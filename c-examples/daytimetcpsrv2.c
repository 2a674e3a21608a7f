/*
 * daytimetcpsrv2: the TCP/IPv4 daytime server as a daemon.  daemon_init
 * detaches it first (and closes every descriptor), so clients are reported
 * with err_msg, which now goes to syslog.
 * usage: daytimetcpsrv2 [port [nclients]]
 *   port 13 unless given; with nclients the daemon quits after that many
 *   clients.
 */
#include "unp.h"
#include <syslog.h>
#include <time.h>

static int listen_on(int port)
{
	struct sockaddr_in me;
	int fd = Socket(AF_INET, SOCK_STREAM, 0);

	memset(&me, 0, sizeof(me));
	me.sin_family = AF_INET;
	me.sin_addr.s_addr = htonl(INADDR_ANY);
	me.sin_port = htons(port);
	Bind(fd, (SA *) &me, sizeof(me));
	Listen(fd, LISTENQ);
	return fd;
}

static void send_time(int fd)
{
	char line[64];
	time_t now = time(NULL);

	snprintf(line, sizeof(line), "%.24s\r\n", ctime(&now));
	Write(fd, line, strlen(line));
}

int main(int argc, char **argv)
{
	long left = argc > 2 ? atol(argv[2]) : -1; /* < 0: no limit */
	struct sockaddr_in from;
	char addr[INET_ADDRSTRLEN];
	socklen_t len;
	int lfd, fd;

	daemon_init(argv[0], LOG_USER);
	lfd = listen_on(argc > 1 ? atoi(argv[1]) : 13);

	for (; left != 0; left -= left > 0) {
		len = sizeof(from);
		fd = Accept(lfd, (SA *) &from, &len);
		err_msg("connection from %s, port %d",
		        Inet_ntop(AF_INET, &from.sin_addr, addr, sizeof(addr)),
		        ntohs(from.sin_port));
		send_time(fd);
		Close(fd);
	}
	return 0;
}
