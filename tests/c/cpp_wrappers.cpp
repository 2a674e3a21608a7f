// cpp_wrappers -- unp.h from C++17: extern "C" linkage, no min/max macros in
// the way of <algorithm>, and the wrappers callable.
#include "unp.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
	struct in_addr a4;
	struct in6_addr a6;
	char buf[INET6_ADDRSTRLEN];
	std::vector<int> v{3, 1, 2};

	int fd = Socket(AF_INET, SOCK_STREAM, 0);
	Inet_pton(AF_INET, "127.0.0.1", &a4);
	std::string s4 = Inet_ntop(AF_INET, &a4, buf, sizeof(buf));
	Inet_pton(AF_INET6, "::ffff:10.0.0.1", &a6);
	std::string s6 = Inet_ntop(AF_INET6, &a6, buf, sizeof(buf));
	Close(fd);
	std::printf("%s %s max=%d min=%d\n", s4.c_str(), s6.c_str(),
		    *std::max_element(v.begin(), v.end()), std::min(v[0], v[1]));
	if (argc > 1)
		Inet_pton(AF_INET, argv[1], &a4);
	return 0;
}
