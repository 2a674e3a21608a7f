/* One file of this program fails for a platform reason (<xti.h>)... */
#include	"unp.h"
#include	<xti.h>

int
main(int argc, char **argv)
{
	exit(0);
}
