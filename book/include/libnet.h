/*
 * libnet.h -- the system's libnet (Debian: libnet1-dev, libnet 1.1.6), with
 * the two names of libnet 1.1.0's interface that the book's
 * udpcksum/senddnsquery-libnet.c uses and later versions changed.
 *
 * Part of libunp's support for the book's source tree: installed as
 * $(PREFIX)/share/unp/include/libnet.h, never in the include directory,
 * and put on the include path by the Make.defines installed beside it (and
 * by the one `make book` writes), so that the book's #include <libnet.h>
 * finds it first; it includes the system's <libnet.h> and adds:
 *
 * * LIBNET_DNSV4_H, the size of a DNS header over UDP (12 bytes), which
 *   libnet 1.1.2 renamed LIBNET_UDP_DNSV4_H;
 * * libnet_build_dnsv4() called with libnet 1.1.0's ten arguments (id,
 *   flags, the four counts, payload, payload size, the libnet handle, the
 *   ptag): libnet 1.1.2 added a first argument, the DNS header's size,
 *   which is LIBNET_UDP_DNSV4_H for the UDP header the old function built.
 *   A call with the current eleven arguments is passed on unchanged.
 *
 * With libnet older than 1.1.2 it adds nothing.  Without libnet installed
 * the compilation stops with an #error naming the package.
 */
#ifndef __unp_libnet_h
#define __unp_libnet_h

/* The system's header, found after this one on the include path. */
#pragma GCC system_header
#if defined(__has_include_next)
#if !__has_include_next(<libnet.h>)
#error "libnet is not installed: the book's udpcksum-libnet needs it (Debian: apt-get install libnet1-dev)"
#endif
#endif
#include_next <libnet.h>

#ifdef LIBNET_UDP_DNSV4_H

#ifndef LIBNET_DNSV4_H
#define LIBNET_DNSV4_H LIBNET_UDP_DNSV4_H
#endif

/* libnet 1.1.0's libnet_build_dnsv4: a DNS header for UDP. */
static inline libnet_ptag_t
__unp_libnet_build_dnsv4_110(uint16_t id, uint16_t flags, uint16_t num_q,
			     uint16_t num_anws_rr, uint16_t num_auth_rr,
			     uint16_t num_addi_rr, const uint8_t *payload,
			     uint32_t payload_s, libnet_t *l, libnet_ptag_t ptag)
{
	return (libnet_build_dnsv4)(LIBNET_UDP_DNSV4_H, id, flags, num_q,
				    num_anws_rr, num_auth_rr, num_addi_rr,
				    payload, payload_s, l, ptag);
}

/* Ten arguments: libnet 1.1.0's function; eleven: the system's. */
#define __unp_libnet_dnsv4_pick(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, f, ...) f
#define libnet_build_dnsv4(...)						\
	__unp_libnet_dnsv4_pick(__VA_ARGS__, (libnet_build_dnsv4),	\
				__unp_libnet_build_dnsv4_110, 0)(__VA_ARGS__)

#endif /* LIBNET_UDP_DNSV4_H */

#endif /* __unp_libnet_h */
