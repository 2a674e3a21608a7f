/* Steps through socket addresses by their sa_len, as the book's BSD
 * routing-socket programs do: Linux's struct sockaddr has no sa_len. */
#include	"unp.h"

int
main(int argc, char **argv)
{
	struct sockaddr_in	sin;
	struct sockaddr		*sa = (struct sockaddr *) &sin;

	bzero(&sin, sizeof(sin));
	sin.sin_family = AF_INET;
	printf("%d bytes\n", sa->sa_len);
	exit(0);
}
