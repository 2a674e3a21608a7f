/*
 * config.h -- the top-level config.h of the book's source tree (unpv13e) as
 * configure wrote it on x86_64 Linux, for building the book's programs
 * against libunp.  Installed as $(PREFIX)/share/unp/config.h by
 * `make install`; copy it to the top of the book's tree (key/unp.h and
 * sctp/unp.h include "../config.h").
 *
 * No include guard, like the original.  Every definition here is also made,
 * token for token, by unp.h, so including both gives no redefinition
 * warning.
 */

#define CPU_VENDOR_OS "x86_64-pc-linux-gnu"
#define PACKAGE_BUGREPORT ""
#define PACKAGE_NAME ""
#define PACKAGE_STRING ""
#define PACKAGE_TARNAME ""
#define PACKAGE_VERSION ""
#define STDC_HEADERS 1
#define TIME_WITH_SYS_TIME 1
#define HAVE_ARPA_INET_H 1
#define HAVE_ERRNO_H 1
#define HAVE_FCNTL_H 1
#define HAVE_NETDB_H 1
#define HAVE_NETINET_IN_H 1
#define HAVE_POLL_H 1
#define HAVE_PTHREAD_H 1
#define HAVE_SIGNAL_H 1
#define HAVE_STDIO_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_IOCTL_H 1
#define HAVE_SYS_PARAM_H 1
#define HAVE_SYS_SELECT_H 1
#define HAVE_SYS_SOCKET_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_UIO_H 1
#define HAVE_SYS_UN_H 1
#define HAVE_SYS_WAIT_H 1
#define HAVE_TIME_H 1
#define HAVE_UNISTD_H 1
#define HAVE_BZERO 1
#define HAVE_GETADDRINFO 1
#define HAVE_GETHOSTBYNAME2 1
#define HAVE_GETHOSTBYNAME_R 1
#define HAVE_GETHOSTNAME 1
#define HAVE_GETNAMEINFO 1
#define HAVE_HSTRERROR 1
#define HAVE_IF_NAMETOINDEX 1
#define HAVE_INET6_RTH_INIT 1
#define HAVE_INET_ATON 1
#define HAVE_INET_PTON 1
#define HAVE_MKSTEMP 1
#define HAVE_POLL 1
#define HAVE_PSELECT 1
#define HAVE_SNPRINTF 1
#define HAVE_SOCKATMARK 1
#define HAVE_VSNPRINTF 1
#define HAVE_LIBPTHREAD 1
#define HAVE_GETADDRINFO_PROTO 1
#define HAVE_GETHOSTNAME_PROTO 1
#define HAVE_GETNAMEINFO_PROTO 1
#define HAVE_GETRUSAGE_PROTO 1
#define HAVE_HSTRERROR_PROTO 1
#define HAVE_IF_NAMETOINDEX_PROTO 1
#define HAVE_INET_ATON_PROTO 1
#define HAVE_INET_PTON_PROTO 1
#define HAVE_PSELECT_PROTO 1
#define HAVE_SNPRINTF_PROTO 1
#define HAVE_SOCKATMARK_PROTO 1
#define HAVE_ADDRINFO_STRUCT 1
#define HAVE_IF_NAMEINDEX_STRUCT 1
#define HAVE_MSGHDR_MSG_CONTROL 1
#define HAVE_STRUCT_IFREQ_IFR_MTU 1
#define HAVE_STRUCT_SOCKADDR_STORAGE 1
#define HAVE_TIMESPEC_STRUCT 1
#define IPV4 1
#define IPV6 1
#define IPv4 1
#define IPv6 1
#define UNIXDOMAIN 1
#define UNIXdomain 1
#define MCAST 1
#define t_scalar_t int32_t
#define t_uscalar_t uint32_t

/* Left undefined on Linux (the system provides these). */
/* #undef HAVE_DEV_STREAMS_XTISO_TCP */
/* #undef HAVE_DEV_TCP */
/* #undef HAVE_DEV_XTI_TCP */
/* #undef HAVE_KEVENT */
/* #undef HAVE_KQUEUE */
/* #undef HAVE_LIBNSL */
/* #undef HAVE_LIBPTHREADS */
/* #undef HAVE_LIBRESOLV */
/* #undef HAVE_LIBXTI */
/* #undef HAVE_NETCONFIG_H */
/* #undef HAVE_NETDIR_H */
/* #undef HAVE_NET_IF_DL_H */
/* #undef HAVE_SOCKADDR_DL_STRUCT */
/* #undef HAVE_SOCKADDR_SA_LEN */
/* #undef HAVE_STROPTS_H */
/* #undef HAVE_SYS_EVENT_H */
/* #undef HAVE_SYS_FILIO_H */
/* #undef HAVE_SYS_SOCKIO_H */
/* #undef HAVE_SYS_SYSCTL_H */
/* #undef HAVE_XTI_H */
/* #undef HAVE_XTI_INET_H */
/* #undef SA_FAMILY_T */
/* #undef int16_t */
/* #undef int32_t */
/* #undef sa_family_t */
/* #undef size_t */
/* #undef socklen_t */
/* #undef ss_family */
/* #undef ssize_t */
/* #undef uint16_t */
/* #undef uint32_t */
/* #undef uint8_t */
