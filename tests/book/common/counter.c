#include	"shared.h"

void
bump(void)
{
	counter++;
}
