/* Globals defined (not declared extern) in a header included by two files,
 * as some of the book's program headers do: links only with -fcommon. */
#include	"unp.h"

int		counter;
char	name[16];

void	bump(void);
