#include	"shared.h"

int
main(int argc, char **argv)
{
	strcpy(name, "shared");
	bump();
	bump();
	printf("%s counter = %d\n", name, counter);
	exit(0);
}
