// SPDX-License-Identifier: LGPL-2.1-or-later
/* buf.c - a growable text buffer that remembers running out of memory. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "adl.h"

static int reserve(struct adl_buf *b, size_t more)
{
	size_t need, cap;
	char *s;

	if (b->oom)
		return -1;
	need = b->len + more + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 128;
	while (cap < need)
		cap *= 2;
	s = realloc(b->s, cap);
	if (!s) {
		b->oom = true;
		return -1;
	}
	b->s = s;
	b->cap = cap;
	return 0;
}

void adl_buf_free(struct adl_buf *b)
{
	free(b->s);
	memset(b, 0, sizeof(*b));
}

void adl_buf_putn(struct adl_buf *b, const char *s, size_t n)
{
	if (reserve(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void adl_buf_puts(struct adl_buf *b, const char *s)
{
	adl_buf_putn(b, s, strlen(s));
}

void adl_buf_printf(struct adl_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}
