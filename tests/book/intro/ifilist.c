/* unpifi.h from the installed headers: the loopback interface is listed. */
#include	"unpifi.h"

int
main(int argc, char **argv)
{
	struct ifi_info	*ifi, *ifihead;
	int				n = 0;

	ifihead = Get_ifi_info(AF_INET, 1);
	for (ifi = ifihead; ifi != NULL; ifi = ifi->ifi_next)
		if (ifi->ifi_flags & IFF_LOOPBACK) {
			printf("%s %s\n", ifi->ifi_name,
				   inet_ntoa(((struct sockaddr_in *) ifi->ifi_addr)->sin_addr));
			n++;
		}
	free_ifi_info(ifihead);
	printf("sizeof(struct ifi_info) = %d, loopback addresses: %d\n",
		   (int) sizeof(struct ifi_info), n);
	exit(0);
}
