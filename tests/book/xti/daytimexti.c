/* A daytime client written for XTI, as the book's xti/ programs are:
 * <xti.h> does not exist on Linux, so `make book` reports a platform reason. */
#include	"unp.h"
#include	<xti.h>

int
main(int argc, char **argv)
{
	int		fd;

	if ( (fd = t_open("/dev/tcp", O_RDWR, NULL)) < 0)
		err_sys("t_open error");
	exit(0);
}
