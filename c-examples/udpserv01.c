/*
 * udpserv01: UDP/IPv4 echo server.  dg_echo sends every datagram back to
 * where it came from and never returns; stop the server with a signal.
 * usage: udpserv01 [port]      (port SERV_PORT unless given)
 */
#include "unp.h"

int main(int argc, char **argv)
{
	struct sockaddr_in me, peer;
	int fd = Socket(AF_INET, SOCK_DGRAM, 0);

	memset(&me, 0, sizeof(me));
	me.sin_family = AF_INET;
	me.sin_addr.s_addr = htonl(INADDR_ANY);
	me.sin_port = htons(argc > 1 ? atoi(argv[1]) : SERV_PORT);
	Bind(fd, (SA *) &me, sizeof(me));

	dg_echo(fd, (SA *) &peer, sizeof(peer)); /* peer: scratch space */
	return 0;
}
