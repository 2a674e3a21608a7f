#include	"udpck.h"

static int	rawfd;

/* A raw socket with protocol 0 and IP_HDRINCL: we write the IP header. */
void
output_open(void)
{
	int	on = 1;

	rawfd = Socket(AF_INET, SOCK_RAW, 0);
	Setsockopt(rawfd, IPPROTO_IP, IP_HDRINCL, &on, sizeof(on));
}

/*
 * One IP datagram: the IP and UDP headers, then the query.  The UDP
 * checksum covers a pseudo-header laid over the IP header's place
 * (struct udpiphdr), which the IP header then overwrites.
 */
void
output_send(const u_char *query, int len)
{
	u_char			 buf[sizeof(struct udpiphdr) + 64];
	struct udpiphdr		*ui = (struct udpiphdr *) buf;
	struct ip		*ip = (struct ip *) buf;
	int			 total = sizeof(struct udpiphdr) + len;
	uint16_t		 sum;

	if (len > 64)
		err_quit("query too long");
	memset(buf, 0, sizeof(struct udpiphdr));
	memcpy(buf + sizeof(struct udpiphdr), query, len);

	ui->ui_pr = IPPROTO_UDP;
	ui->ui_len = htons(sizeof(struct udphdr) + len);
	ui->ui_src = from.sin_addr;
	ui->ui_dst = to.sin_addr;
	ui->ui_sport = from.sin_port;
	ui->ui_dport = to.sin_port;
	ui->ui_ulen = ui->ui_len;
	if (!nosum) {
		sum = in_cksum((uint16_t *) buf, total);
		ui->ui_sum = (sum == 0) ? 0xffff : sum;	/* 0 would mean "none" */
	}

	ip->ip_v = IPVERSION;
	ip->ip_hl = sizeof(struct ip) >> 2;
	ip->ip_tos = 0;
	ip->ip_len = htons(total);	/* Linux: network byte order */
	ip->ip_id = 0;			/* the kernel chooses */
	ip->ip_off = 0;
	ip->ip_ttl = 64;
	ip->ip_p = IPPROTO_UDP;
	ip->ip_sum = 0;			/* the kernel computes it */
	Sendto(rawfd, buf, total, 0, (SA *) &to, sizeof(to));
}
