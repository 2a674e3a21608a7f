#include	"udpck.h"
#include	<libnet.h>

/*
 * The same datagram built by libnet, with the interface of libnet 1.1.0
 * that the book's senddnsquery-libnet.c uses: LIBNET_DNSV4_H and
 * libnet_build_dnsv4() without a header-size argument.
 */
static libnet_t	*ln;

void
output_open(void)
{
	char	errbuf[LIBNET_ERRBUF_SIZE];

	if ( (ln = libnet_init(LIBNET_RAW4, NULL, errbuf)) == NULL)
		err_quit("libnet_init: %s", errbuf);
}

void
output_send(const u_char *query, int len)
{
	int		udplen = LIBNET_UDP_H + LIBNET_DNSV4_H + (len - 12);
	libnet_ptag_t	udp;

	if (libnet_build_dnsv4((query[0] << 8) | query[1], (query[2] << 8) | query[3],
						   1, 0, 0, 0, query + 12, len - 12, ln, 0) < 0)
		err_quit("libnet_build_dnsv4: %s", libnet_geterror(ln));
		/* libnet takes ports in host byte order, checksum 0: it computes one */
	udp = libnet_build_udp(ntohs(from.sin_port), ntohs(to.sin_port), udplen, 0,
						   NULL, 0, ln, 0);
	if (udp < 0)
		err_quit("libnet_build_udp: %s", libnet_geterror(ln));
	if (nosum && libnet_toggle_checksum(ln, udp, LIBNET_OFF) < 0)
		err_quit("libnet_toggle_checksum: %s", libnet_geterror(ln));
	if (libnet_build_ipv4(LIBNET_IPV4_H + udplen, 0, 0, 0, 64, IPPROTO_UDP, 0,
						  from.sin_addr.s_addr, to.sin_addr.s_addr, NULL, 0, ln, 0) < 0)
		err_quit("libnet_build_ipv4: %s", libnet_geterror(ln));
	if (libnet_write(ln) < 0)
		err_quit("libnet_write: %s", libnet_geterror(ln));
}
