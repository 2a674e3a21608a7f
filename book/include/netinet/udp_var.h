/*
 * netinet/udp_var.h -- the one part of BSD's <netinet/udp_var.h> that the
 * book's udpcksum/ programs use (chapter 29), for Linux, whose C library
 * has no such header.
 *
 * Part of libunp's support for the book's source tree: installed as
 * $(PREFIX)/share/unp/include/netinet/udp_var.h beside ip_var.h, never in
 * the include directory.  Declarations only; it needs no library.
 *
 * struct udpiphdr is a UDP datagram's first 28 bytes seen as the checksum's
 * pseudo-header (struct ipovly, over the IPv4 header) followed by the UDP
 * header.  Filled in with the datagram's data after it, in_cksum() over
 * sizeof(struct udpiphdr) + data bytes is the UDP checksum; over a received
 * datagram (an IPv4 header without options), ui_sum is the checksum field
 * its sender wrote, 0 when the sender computed none.  The ui_* names are
 * macros for the members, as on BSD.
 */
#ifndef __unp_netinet_udp_var_h
#define __unp_netinet_udp_var_h

#include <netinet/ip_var.h>
#include <netinet/udp.h>

struct udpiphdr {
	struct ipovly	ui_i;		/* pseudo-header, over the IPv4 header */
	struct udphdr	ui_u;		/* the UDP header */
};

#define ui_x1		ui_i.ih_x1	/* zero */
#define ui_pr		ui_i.ih_pr	/* protocol: IPPROTO_UDP */
#define ui_len		ui_i.ih_len	/* UDP length, for the checksum */
#define ui_src		ui_i.ih_src	/* source address */
#define ui_dst		ui_i.ih_dst	/* destination address */
#define ui_sport	ui_u.uh_sport	/* source port */
#define ui_dport	ui_u.uh_dport	/* destination port */
#define ui_ulen		ui_u.uh_ulen	/* UDP length, in the UDP header */
#define ui_sum		ui_u.uh_sum	/* UDP checksum, 0 for none */

/* 20 bytes of pseudo-header and 8 of UDP header. */
typedef char __unp_udpiphdr_is_28_bytes[sizeof(struct udpiphdr) == 28 ? 1 : -1];

#endif /* __unp_netinet_udp_var_h */
