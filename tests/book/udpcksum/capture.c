#include	"udpck.h"

static pcap_t	*pd;
static int	 datalink;

/* Captures only UDP datagrams from the server's address and port. */
void
capture_open(const char *device)
{
	char			 filter[100], errbuf[PCAP_ERRBUF_SIZE];
	struct bpf_program	 prog;

	if ( (pd = pcap_open_live(device, 200, 0, 100, errbuf)) == NULL)
		err_quit("pcap_open_live: %s", errbuf);
	snprintf(filter, sizeof(filter), "udp and src host %s and src port %d",
			 inet_ntoa(to.sin_addr), ntohs(to.sin_port));
	if (pcap_compile(pd, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0 ||
		pcap_setfilter(pd, &prog) < 0)
		err_quit("pcap filter: %s", pcap_geterr(pd));
	pcap_freecode(&prog);
	datalink = pcap_datalink(pd);
	if (datalink != DLT_EN10MB && datalink != DLT_NULL)
		err_quit("datalink %d: not Ethernet or BSD loopback", datalink);
	if (pcap_setnonblock(pd, 1, errbuf) < 0)
		err_quit("pcap_setnonblock: %s", errbuf);
	printf("device = %s\n", device);
}

/*
 * The first reply captured, seen as a struct udpiphdr over its IP header,
 * and its UDP length in *udplen.  The IP header is checked (version,
 * length, checksum); gives up after 5 seconds.
 */
struct udpiphdr *
capture_reply(int *udplen)
{
	int			 i, n, hlen, skip;
	time_t			 start;
	const u_char		*pkt;
	struct pcap_pkthdr	*hdr;
	struct pollfd		 pfd;
	struct ip		*ip;
	struct udpiphdr		*ui;
	static u_char		 copy[200];

	pfd.fd = pcap_get_selectable_fd(pd);
	pfd.events = POLLIN;
	start = time(NULL);
	for (i = 0; ; i++) {
		if ( (n = pcap_next_ex(pd, &hdr, &pkt)) == 1)
			break;
		if (n < 0)
			err_quit("pcap_next_ex: %s", pcap_geterr(pd));
		if (i == 1000 || time(NULL) - start > 5)
			err_quit("no reply within 5 seconds");
		Poll(&pfd, 1, 100);
	}

	skip = (datalink == DLT_EN10MB) ? 14 : 4;	/* link-level header */
	if (hdr->caplen < skip + sizeof(struct udpiphdr) || hdr->caplen > sizeof(copy))
		err_quit("captured %u bytes", hdr->caplen);
	memcpy(copy, pkt + skip, hdr->caplen - skip);	/* aligned */
	ip = (struct ip *) copy;
	hlen = ip->ip_hl << 2;
	if (ip->ip_v != IPVERSION || hlen != sizeof(struct ip) || ip->ip_p != IPPROTO_UDP)
		err_quit("not an IPv4 UDP datagram without options");
	if (in_cksum((uint16_t *) ip, hlen) != 0)
		err_quit("IP header checksum error");

	ui = (struct udpiphdr *) ip;
	*udplen = ntohs(ui->ui_ulen);
	return ui;
}
