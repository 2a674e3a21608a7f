#include	"udpck.h"

struct sockaddr_in	to, from;
int			nosum;

static void
usage(void)
{
	err_quit("usage: udpck [ -0 ] -i device <IPv4 address> <port>");
}

/* A DNS query for the address (type A, class IN) of a.root-servers.net. */
static int
dns_query(u_char *q)
{
	static const u_char	name[] = "\001a\014root-servers\003net";
	u_char			*p = q;

	memset(p, 0, 12);
	p[0] = QUERY_ID >> 8;
	p[1] = QUERY_ID & 0xff;
	p[2] = 0x01;			/* recursion desired */
	p[5] = 1;			/* one question */
	p += 12;
	memcpy(p, name, sizeof(name));	/* labels and the final 0 */
	p += sizeof(name);
	*p++ = 0; *p++ = 1;		/* type A */
	*p++ = 0; *p++ = 1;		/* class IN */
	return p - q;
}

int
main(int argc, char **argv)
{
	int			 c, s, qlen, ulen;
	char			*device = NULL;
	u_char			 query[64];
	socklen_t		 len;
	struct udpiphdr		*ui;

	opterr = 0;
	while ( (c = getopt(argc, argv, "0i:")) != -1) {
		if (c == '0')
			nosum = 1;
		else if (c == 'i')
			device = optarg;
		else
			usage();
	}
	if (device == NULL || optind != argc - 2)
		usage();

	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_port = htons(atoi(argv[optind + 1]));
	Inet_pton(AF_INET, argv[optind], &to.sin_addr);

		/* our address and a port: those of a UDP socket connected there */
	s = Socket(AF_INET, SOCK_DGRAM, 0);
	Connect(s, (SA *) &to, sizeof(to));
	len = sizeof(from);
	Getsockname(s, (SA *) &from, &len);
	Close(s);

	output_open();
	capture_open(device);

	qlen = dns_query(query);
	output_send(query, qlen);
	printf("sent %d bytes of query, %s\n", qlen,
		   nosum ? "no UDP checksum" : "with a UDP checksum");

	ui = capture_reply(&ulen);
	printf("reply from %s.%d: %d bytes of UDP\n", inet_ntoa(ui->ui_src),
		   ntohs(ui->ui_sport), ulen);
	if (ui->ui_sum == 0)
		printf("UDP checksums off\n");
	else
		printf("UDP checksums on\n");
	exit(0);
}
