/* Lists the STREAMS modules on a socket, as the book's streams/ programs
 * do: <stropts.h> does not exist on Linux (glibc dropped it in 2.30), so
 * `make book` reports a platform reason. */
#include	"unp.h"
#include	<stropts.h>

int
main(int argc, char **argv)
{
	int		fd;

	fd = Socket(AF_INET, SOCK_STREAM, 0);
	printf("%d modules\n", ioctl(fd, I_LIST, (void *) 0));
	exit(0);
}
