/* Calls a function libunp neither declares nor defines: `make book` must
 * report this failure as having no platform reason and exit nonzero. */
#include	"unp.h"

int
main(int argc, char **argv)
{
	Tcp_frobnicate(argv[0]);
	exit(0);
}
