/*
 * strcli_own -- a client that defines its own writen, readline and Readline
 * (book programs such as sock/writen.c and test/readline1.c define these
 * names) and calls the library's str_cli: the library's
 * str_cli and Writen must use the definitions below, which count their calls.
 * The definitions are written for this test; readline deliberately reads one
 * byte per read() so that no read-ahead is involved.
 * usage: strcli_own <IPaddress> <port>
 */
#include "unp.h"

static int nwriten, nreadline;

/* All n bytes or -1: short writes are resumed, EINTR is retried, a write
 * that makes no progress counts as a failure. */
ssize_t writen(int fd, const void *vptr, size_t n)
{
	const char *src = vptr;
	size_t done = 0;
	ssize_t k;

	nwriten++;
	while (done < n) {
		k = write(fd, src + done, n - done);
		if (k > 0)
			done += (size_t) k;
		else if (k < 0 && errno == EINTR)
			continue;
		else
			return -1;
	}
	return (ssize_t) n;
}

/* Up to and including a newline, at most maxlen - 1 bytes, NUL-terminated.
 * Returns the bytes stored; 0 at end of file before any byte; -1 on a read
 * error other than EINTR.  A line that fills the buffer is reported as one
 * more than was stored (maxlen), the original's documented quirk. */
ssize_t readline(int fd, void *vptr, size_t maxlen)
{
	char *dst = vptr, c;
	size_t stored = 0;
	ssize_t k, result;

	nreadline++;
	for (;;) {
		if (stored + 1 >= maxlen) { /* no room left but for the NUL */
			result = (ssize_t) stored + 1;
			break;
		}
		k = read(fd, &c, 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0) { /* end of file: whatever was stored so far */
			result = (ssize_t) stored;
			break;
		}
		dst[stored++] = c;
		if (c == '\n') {
			result = (ssize_t) stored;
			break;
		}
	}
	dst[stored] = '\0';
	return result;
}

ssize_t Readline(int fd, void *ptr, size_t maxlen)
{
	ssize_t got = readline(fd, ptr, maxlen);

	if (got < 0)
		err_sys("readline error");
	return got;
}

/* A TCP connection to ip:port, or the library wrappers' diagnostics. */
static int connect_to(const char *ip, const char *port)
{
	struct sockaddr_in peer;
	int fd = Socket(AF_INET, SOCK_STREAM, 0);

	memset(&peer, 0, sizeof(peer));
	peer.sin_family = AF_INET;
	peer.sin_port = htons(atoi(port));
	Inet_pton(AF_INET, ip, &peer.sin_addr);
	Connect(fd, (SA *) &peer, sizeof(peer));
	return fd;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		err_quit("usage: strcli_own <IPaddress> <port>");
	str_cli(stdin, connect_to(argv[1], argv[2]));
	fprintf(stderr, "own writen %d, own readline %d\n", nwriten, nreadline);
	exit(0);
}
