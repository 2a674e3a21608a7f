/*
 * udpck: a small cousin of the book's udpcksum (chapter 29).  It sends one
 * DNS query as a UDP datagram it builds itself, IP header included (raw
 * socket, or libnet in udpck-libnet), captures the reply with libpcap and
 * says whether the reply carries a UDP checksum.  Its headers are the ones
 * the book's udpcksum.h includes, BSD's <netinet/ip_var.h> and
 * <netinet/udp_var.h> among them (struct udpiphdr).
 */
#include	"unp.h"
#include	<pcap.h>

#include	<netinet/in_systm.h>
#include	<netinet/in.h>
#include	<netinet/ip.h>
#include	<netinet/ip_var.h>
#include	<netinet/udp.h>
#include	<netinet/udp_var.h>
#include	<net/if.h>
#include	<netinet/if_ether.h>

#define	QUERY_ID	4321		/* the DNS query's ID */

extern struct sockaddr_in	to, from;	/* the server; our address and port */
extern int			nosum;		/* -0: send without a UDP checksum */

void		 output_open(void);
void		 output_send(const u_char *query, int len);	/* DNS message */
void		 capture_open(const char *device);
struct udpiphdr	*capture_reply(int *udplen);
