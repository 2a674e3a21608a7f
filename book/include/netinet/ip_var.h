/*
 * netinet/ip_var.h -- the one part of BSD's <netinet/ip_var.h> that the
 * book's udpcksum/ programs use (chapter 29), for Linux, whose C library
 * has no such header.
 *
 * Part of libunp's support for the book's source tree: installed as
 * $(PREFIX)/share/unp/include/netinet/ip_var.h, never in the include
 * directory, and put on the include path by the Make.defines installed
 * beside it (and by the one `make book` writes).  Declarations only; it
 * needs no library.
 *
 * struct ipovly looks at the 20 bytes of an IPv4 header (no options) as the
 * pseudo-header that the UDP and TCP checksums cover: the source and
 * destination addresses stay where the IP header has them, the protocol
 * byte too, the 16 bits of the IP header checksum hold the protocol length
 * instead, and the first 9 bytes are zero.  A program builds an IP/UDP
 * datagram in one buffer, fills the pseudo-header through this view,
 * checksums the pseudo-header and the UDP part together with in_cksum(),
 * and then writes the real IP header fields over the same bytes (as the
 * book's udpwrite.c does).  The layout is the one BSD uses.
 */
#ifndef __unp_netinet_ip_var_h
#define __unp_netinet_ip_var_h

#include <stdint.h>
#include <netinet/in.h>

struct ipovly {
	uint8_t		ih_x1[9];	/* bytes 0-8: unused, zero in the pseudo-header */
	uint8_t		ih_pr;		/* byte 9: protocol (where the IP header has ip_p) */
	uint16_t	ih_len;		/* bytes 10-11: protocol length, network byte order */
	struct in_addr	ih_src;		/* bytes 12-15: source address */
	struct in_addr	ih_dst;		/* bytes 16-19: destination address */
};

/* The overlay is exactly an option-less IPv4 header: 20 bytes. */
typedef char __unp_ipovly_is_20_bytes[sizeof(struct ipovly) == 20 ? 1 : -1];

#endif /* __unp_netinet_ip_var_h */
