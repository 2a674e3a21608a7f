/*
 * names_diag -- drives the getaddrinfo helpers one call at a time for the
 * tests.  usage: names_diag <call> <host|NULL> <serv|NULL> [args]
 * The string NULL stands for a NULL pointer.  Prints what the call returned;
 * failures print the library's own diagnostic and exit 1.
 */
#include "unp.h"

static const char *arg(const char *s)
{
	return strcmp(s, "NULL") == 0 ? NULL : s;
}

static const char *fam(int f)
{
	return f == AF_INET ? "AF_INET" : f == AF_INET6 ? "AF_INET6" : "AF_other";
}

/* Address and port of a socket address. */
static void addr_of(const struct sockaddr *sa, char *buf, size_t len, int *port)
{
	if (sa->sa_family == AF_INET6) {
		Inet_ntop(AF_INET6, &((const struct sockaddr_in6 *) sa)->sin6_addr, buf, len);
		*port = ntohs(((const struct sockaddr_in6 *) sa)->sin6_port);
	} else if (sa->sa_family == AF_INET) {
		Inet_ntop(AF_INET, &((const struct sockaddr_in *) sa)->sin_addr, buf, len);
		*port = ntohs(((const struct sockaddr_in *) sa)->sin_port);
	} else {
		snprintf(buf, len, "family %d", sa->sa_family);
		*port = -1;
	}
}

static void print_local(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char buf[INET6_ADDRSTRLEN + 16];
	int port, on;
	socklen_t onlen = sizeof(on);

	Getsockname(fd, (SA *) &ss, &len);
	addr_of((SA *) &ss, buf, sizeof(buf), &port);
	Getsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, &onlen);
	printf("local %s %s reuseaddr %d\n", fam(ss.ss_family), buf, on != 0);
}

static void print_peer(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char buf[INET6_ADDRSTRLEN + 16];
	int port;

	Getpeername(fd, (SA *) &ss, &len);
	addr_of((SA *) &ss, buf, sizeof(buf), &port);
	printf("peer %s %s %d\n", fam(ss.ss_family), buf, port);
}

static void print_list(struct addrinfo *res)
{
	char buf[INET6_ADDRSTRLEN + 16];
	int port;
	struct addrinfo *ai;

	for (ai = res; ai != NULL; ai = ai->ai_next) {
		addr_of(ai->ai_addr, buf, sizeof(buf), &port);
		printf("%s socktype %d proto %d addrlen %d %s %d canon %s\n", fam(ai->ai_family),
		       ai->ai_socktype, ai->ai_protocol, (int) ai->ai_addrlen, buf, port,
		       ai->ai_canonname ? ai->ai_canonname : "NULL");
	}
}

int main(int argc, char **argv)
{
	const char *call, *host, *serv;
	int fd;
	socklen_t len = 12345;

	if (argc < 4)
		err_quit("usage: names_diag <call> <host|NULL> <serv|NULL> [args]");
	call = argv[1];
	host = arg(argv[2]);
	serv = arg(argv[3]);

	if (strcmp(call, "tcp_connect") == 0) {
		fd = Tcp_connect(host, serv);
		printf("fd %d\n", fd);
		print_peer(fd);
	} else if (strcmp(call, "tcp_connect_lower") == 0) {
		fd = tcp_connect(host, serv);
		printf("fd %d\n", fd);
		print_peer(fd);
	} else if (strcmp(call, "tcp_listen") == 0) {
		/* optional 4th argument: seconds to stay alive (for ss) */
		fd = Tcp_listen(host, serv, &len);
		printf("fd %d addrlen %d\n", fd, (int) len);
		print_local(fd);
		if (argc > 4) {
			fflush(stdout);
			sleep(atoi(argv[4]));
		}
	} else if (strcmp(call, "tcp_listen_nolen") == 0) {
		fd = tcp_listen(host, serv, NULL);
		printf("fd %d\n", fd);
		print_local(fd);
	} else if (strcmp(call, "udp_client") == 0) {
		SA *sa = NULL;
		char buf[INET6_ADDRSTRLEN + 16];
		int port;

		fd = Udp_client(host, serv, &sa, &len);
		addr_of(sa, buf, sizeof(buf), &port);
		printf("fd %d salen %d %s %s %d\n", fd, (int) len, fam(sa->sa_family), buf, port);
		print_local(fd); /* unbound: wildcard, port 0 */
		free(sa);
	} else if (strcmp(call, "udp_connect") == 0) {
		fd = Udp_connect(host, serv);
		printf("fd %d\n", fd);
		print_peer(fd);
	} else if (strcmp(call, "udp_server") == 0) {
		fd = Udp_server(host, serv, &len);
		printf("fd %d addrlen %d\n", fd, (int) len);
		print_local(fd);
	} else if (strcmp(call, "udp_server_nolen") == 0) {
		fd = udp_server(host, serv, NULL);
		printf("fd %d\n", fd);
		print_local(fd);
	} else if (strcmp(call, "host_serv") == 0 || strcmp(call, "Host_serv") == 0) {
		struct addrinfo *res;
		int family = argc > 4 ? atoi(argv[4]) : 0, socktype = argc > 5 ? atoi(argv[5]) : 0;

		if (call[0] == 'H')
			res = Host_serv(host, serv, family, socktype);
		else
			res = host_serv(host, serv, family, socktype);
		if (res == NULL) {
			printf("NULL\n");
		} else {
			print_list(res);
			freeaddrinfo(res);
		}
	} else {
		err_quit("unknown call %s", call);
	}
	exit(0);
}
