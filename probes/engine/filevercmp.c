/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * filevercmp.c - file names in the order GNU `ls -v` lists them (gnulib's
 * filevercmp algorithm): augenrules reads rules.d in that order.
 */
#include <ctype.h>
#include <string.h>

#include "internal.h"

static int vorder(unsigned char c)
{
	if (isdigit(c))
		return 0;
	if (isalpha(c))
		return c;
	if (c == '~')
		return -1;
	return (int)c + 256;
}

static int vercmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0;
	size_t j = 0;

	while (i < an || j < bn) {
		int diff = 0;

		while ((i < an && !isdigit((unsigned char)a[i])) ||
		       (j < bn && !isdigit((unsigned char)b[j]))) {
			int x = i < an ? vorder((unsigned char)a[i]) : 0;
			int y = j < bn ? vorder((unsigned char)b[j]) : 0;

			if (x != y)
				return x - y;
			i++;
			j++;
		}
		while (i < an && a[i] == '0')
			i++;
		while (j < bn && b[j] == '0')
			j++;
		while (i < an && j < bn && isdigit((unsigned char)a[i]) &&
		       isdigit((unsigned char)b[j])) {
			if (!diff)
				diff = a[i] - b[j];
			i++;
			j++;
		}
		if (i < an && isdigit((unsigned char)a[i]))
			return 1;
		if (j < bn && isdigit((unsigned char)b[j]))
			return -1;
		if (diff)
			return diff;
	}
	return 0;
}

/* Length of a name without its suffix: (\.[A-Za-z~][A-Za-z0-9~]*)*$ */
static size_t prefix_len(const char *s, size_t n)
{
	size_t i = 0;
	size_t prefix = 0;

	while (i < n) {
		i++;
		prefix = i;
		while (i + 1 < n && s[i] == '.' &&
		       (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '~'))
			for (i += 2; i < n && (isalnum((unsigned char)s[i]) ||
					       s[i] == '~');
			     i++)
				;
	}
	return prefix;
}

int adl_filevercmp(const char *a, const char *b)
{
	size_t an = strlen(a);
	size_t bn = strlen(b);
	size_t ap, bp;
	int r;

	if (!strcmp(a, b))
		return 0;
	if (!an)
		return -1;
	if (!bn)
		return 1;
	if (a[0] == '.' || b[0] == '.') {
		if (a[0] != '.')
			return 1;
		if (b[0] != '.')
			return -1;
		if (!strcmp(a, "."))
			return -1;
		if (!strcmp(b, "."))
			return 1;
		if (!strcmp(a, ".."))
			return -1;
		if (!strcmp(b, ".."))
			return 1;
	}
	ap = prefix_len(a, an);
	bp = prefix_len(b, bn);
	r = vercmp(a, ap, b, bp);
	if (!r && !(ap == an && bp == bn))
		r = vercmp(a, an, b, bn);
	return r ? r : strcmp(a, b);
}
