/* Whether s is gf_time's "HH:MM:SS.uuuuuu" (digits, ':' and '.'). */
static int gf_ok(const char *s)
{
	int i;

	if (s == NULL || strlen(s) != 15)
		return 0;
	for (i = 0; i < 15; i++) {
		if (i == 2 || i == 5) {
			if (s[i] != ':')
				return 0;
		} else if (i == 8) {
			if (s[i] != '.')
				return 0;
		} else if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return 1;
}
