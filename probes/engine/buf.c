/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * buf.c - growing arrays with overflow checks, a growable text buffer
 * that remembers running out of memory, and the words of the engine's
 * statuses and failed assertions.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adl.h"

void adl_assert_failed(const char *cond, const char *file, int line)
{
	fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, cond);
	abort();
}

const char *adl_status_text(enum adl_status st)
{
	static const char *const text[] = {
		[ADL_OK] = "no error",
		[ADL_ERR_RULE] = "a rule failed",
		[ADL_ERR_IO] = "cannot read",
		[ADL_ERR_PERM] = "permission denied",
		[ADL_ERR_CONNREFUSED] = "connection refused",
		[ADL_ERR_NOAUDIT] = "no audit support",
		[ADL_ERR_NOMEM] = "out of memory",
		[ADL_ERR_SKIPPED] = "not read: a path the scan must not read",
	};

	if ((unsigned)st < sizeof(text) / sizeof(text[0]) && text[st])
		return text[st];
	return "unknown status";
}

void adl_msgf(struct adl_msg *m, const char *fmt, ...)
{
	va_list ap;

	if (m == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(m->text, sizeof(m->text), fmt, ap);
	va_end(ap);
}

enum adl_status adl_grow(void *arrayp, size_t *cap, size_t need, size_t size)
{
	size_t max, c;
	void *p, *q;

	ADL_ASSERT(arrayp && cap);
	if (need <= *cap)
		return ADL_OK;
	if (size == 0)
		return ADL_ERR_NOMEM;
	max = ADL_GROW_MAX / size;
	if (need > max)
		return ADL_ERR_NOMEM;
	c = *cap ? *cap : 16;
	if (c > max)
		c = max;
	while (c < need)
		c = c > max / 2 ? max : c * 2;
	memcpy(&p, arrayp, sizeof(p));
	q = realloc(p, c * size);
	if (!q)
		return ADL_ERR_NOMEM;
	memcpy(arrayp, &q, sizeof(q));
	*cap = c;
	return ADL_OK;
}

static int reserve(struct adl_buf *b, size_t more)
{
	/* the text and its NUL always fit */
	ADL_ASSERT(b->cap == 0 ? b->len == 0 : b->len < b->cap);
	if (b->oom)
		return -1;
	if (more >= ADL_GROW_MAX - b->len ||
	    adl_grow(&b->s, &b->cap, b->len + more + 1, 1)) {
		b->oom = true;
		return -1;
	}
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

/* Formats into the room there is, and again after growing only when it did
 * not fit: most texts are short and the buffer is reused. */
void adl_buf_printf(struct adl_buf *b, const char *fmt, ...)
{
	size_t room = b->oom || b->cap <= b->len ? 0 : b->cap - b->len;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? b->s + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < room) {
		b->len += (size_t)n;
		return;
	}
	if (room)
		b->s[b->len] = '\0';
	if (n < 0 || reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/*
 * Length of the UTF-8 character at `s` that XML 1.0 and JSON can carry
 * (no overlong form, no surrogate, nothing above U+10FFFF, not U+FFFE or
 * U+FFFF), or 0 when the bytes there are not one.
 */
size_t adl_utf8_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	ADL_ASSERT(s != NULL || n == 0);
	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		len = 2;
		c = u[0] & 0x1f;
		min = 0x80;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		len = 3;
		c = u[0] & 0x0f;
		min = 0x800;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		len = 4;
		c = u[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
	    c == 0xfffe || c == 0xffff)
		return 0;
	return len;
}

void adl_buf_put_visible(struct adl_buf *b, const char *s, size_t n, int flags)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len = adl_utf8_len(s + i, n - i);

		if (len > 1 || (len == 1 && c >= 0x20 && c != 0x7f)) {
			adl_buf_putn(b, s + i, len);
			i += len;
			continue;
		}
		if ((flags & ADL_VIS_KEEP_SPACE) &&
		    (c == '\t' || c == '\n' || c == '\r'))
			adl_buf_putn(b, s + i, 1);
		else if (c == '\t')
			adl_buf_puts(b, "\\t");
		else if (c == '\n')
			adl_buf_puts(b, "\\n");
		else if (c == '\r')
			adl_buf_puts(b, "\\r");
		else
			adl_buf_printf(b, "\\x%02x", c);
		i++;
	}
}
