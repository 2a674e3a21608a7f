/* ... and the other for a reason that is none: a constant libunp's unp.h
 * does not define.  `make book` must report the program as a failure with
 * no known platform reason, not hide it behind the first file's XTI. */
#include	"unp.h"

int
other(void)
{
	return UNP_NO_SUCH_CONSTANT;
}
