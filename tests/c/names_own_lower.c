/*
 * names_own_lower -- a program that defines its own tcp_connect,
 * tcp_listen, udp_connect and udp_server: as with the original library,
 * whose Tcp_connect calls tcp_connect (and so on) through the global
 * symbols, the library's wrappers must then run the program's versions, in
 * a static link as in a shared one.
 */
#include "unp.h"

int tcp_connect(const char *host, const char *serv)
{
	printf("own tcp_connect(%s, %s)\n", host, serv);
	return 41;
}

int tcp_listen(const char *host, const char *serv, socklen_t *addrlenp)
{
	printf("own tcp_listen(%s, %s)\n", host ? host : "NULL", serv);
	if (addrlenp)
		*addrlenp = 5;
	return 42;
}

int udp_connect(const char *host, const char *serv)
{
	printf("own udp_connect(%s, %s)\n", host, serv);
	return 43;
}

int udp_server(const char *host, const char *serv, socklen_t *addrlenp)
{
	printf("own udp_server(%s, %s)\n", host ? host : "NULL", serv);
	if (addrlenp)
		*addrlenp = 6;
	return 44;
}

int main(void)
{
	socklen_t len = 0;
	int fd;

	fd = Tcp_connect("127.0.0.1", "13");
	printf("Tcp_connect returned %d\n", fd);
	fd = Tcp_listen(NULL, "9877", &len);
	printf("Tcp_listen returned %d, len %d\n", fd, (int) len);
	fd = Udp_connect("::1", "7");
	printf("Udp_connect returned %d\n", fd);
	fd = Udp_server(NULL, "9877", &len);
	printf("Udp_server returned %d, len %d\n", fd, (int) len);
	exit(0);
}
