/* Prints what the tree's config.h (through the local unp.h) says. */
#include	"unp.h"

int
main(int argc, char **argv)
{
	printf("CPU_VENDOR_OS=%s\n", CPU_VENDOR_OS);
#if defined(IPV4) && defined(IPv4) && defined(IPV6) && defined(IPv6)
	printf("IPv4 and IPv6\n");
#endif
#if defined(UNIXDOMAIN) && defined(UNIXdomain) && defined(MCAST)
	printf("Unix domain and multicast\n");
#endif
#ifdef	HAVE_SOCKADDR_SA_LEN
	printf("sa_len\n");
#endif
#ifdef	HAVE_SOCKADDR_DL_STRUCT
	printf("sockaddr_dl\n");
#endif
	printf("t_scalar_t is %d bytes, MAXSOCKADDR %d\n", (int) sizeof(t_scalar_t), MAXSOCKADDR);
	err_msg("err_msg from %s", "libunp");
	exit(0);
}
