/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * json.c - JSON text for the command's output, and a reader of the small
 * flat objects it takes in (the Ansible playbook's host.json).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

void json_str(struct adl_buf *b, const char *s, size_t n)
{
	size_t i;

	adl_buf_puts(b, "\"");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t len = adl_utf8_len(s + i, n - i);

		if (len > 1) {
			adl_buf_putn(b, s + i, len);
			i += len - 1;
		} else if (c == '"' || c == '\\') {
			adl_buf_printf(b, "\\%c", c);
		} else if (c < 0x20 || c == 0x7f) {
			adl_buf_printf(b, "\\u%04x", c);
		} else if (len == 0) {
			/* not UTF-8, which JSON cannot hold: \xHH as text */
			adl_buf_printf(b, "\\\\x%02x", c);
		} else {
			adl_buf_putn(b, (const char *)&c, 1);
		}
	}
	adl_buf_puts(b, "\"");
}

void json_cstr(struct adl_buf *b, const char *s)
{
	if (s)
		json_str(b, s, strlen(s));
	else
		adl_buf_puts(b, "null");
}

void json_member(struct adl_buf *b, const char *before, const char *name,
		 const char *value)
{
	adl_buf_puts(b, before);
	json_cstr(b, name);
	adl_buf_puts(b, ":");
	json_cstr(b, value);
}

/* The reader: one object of names and scalar values. */

struct jr {
	const char *p, *end;
};

static void skip_space(struct jr *r)
{
	while (r->p < r->end && isspace((unsigned char)*r->p))
		r->p++;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void put_utf8(struct adl_buf *b, unsigned cp)
{
	char u[4];

	/* read_string hands over Unicode scalar values only */
	ADL_ASSERT(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff));
	if (cp < 0x80) {
		u[0] = (char)cp;
		adl_buf_putn(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		adl_buf_putn(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		adl_buf_putn(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		adl_buf_putn(b, u, 4);
	}
}

static int read_u4(struct jr *r, unsigned *cp)
{
	int i, v;

	*cp = 0;
	for (i = 0; i < 4; i++) {
		if (r->p >= r->end || (v = hexval(*r->p)) < 0)
			return -1;
		*cp = *cp << 4 | (unsigned)v;
		r->p++;
	}
	return 0;
}

/* A string at r->p (at its opening quote) into `out`, NUL-terminated. */
static int read_string(struct jr *r, struct adl_buf *out)
{
	unsigned cp, lo;

	if (r->p >= r->end || *r->p != '"')
		return -1;
	for (r->p++; r->p < r->end && *r->p != '"'; r->p++) {
		if ((unsigned char)*r->p < 0x20)
			return -1;
		if (*r->p != '\\') {
			adl_buf_putn(out, r->p, 1);
			continue;
		}
		if (++r->p >= r->end)
			return -1;
		switch (*r->p) {
		case 'n':
			adl_buf_puts(out, "\n");
			break;
		case 't':
			adl_buf_puts(out, "\t");
			break;
		case 'r':
			adl_buf_puts(out, "\r");
			break;
		case 'b':
			adl_buf_puts(out, "\b");
			break;
		case 'f':
			adl_buf_puts(out, "\f");
			break;
		case '"':
		case '\\':
		case '/':
			adl_buf_putn(out, r->p, 1);
			break;
		case 'u':
			r->p++;
			if (read_u4(r, &cp))
				return -1;
			if (cp >= 0xd800 && cp < 0xdc00 && r->end - r->p >= 6 &&
			    r->p[0] == '\\' && r->p[1] == 'u') {
				r->p += 2;
				if (read_u4(r, &lo) || lo < 0xdc00 ||
				    lo > 0xdfff)
					return -1;
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
			}
			if (cp == 0 || (cp >= 0xd800 && cp < 0xe000))
				return -1;
			put_utf8(out, cp);
			r->p--;
			break;
		default:
			return -1;
		}
	}
	if (r->p >= r->end)
		return -1;
	r->p++;
	adl_buf_putn(out, "", 1);
	out->len--;
	return out->oom ? -1 : 0;
}

static bool word(struct jr *r, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, w, n))
		return false;
	r->p += n;
	return true;
}

static int read_value(struct jr *r, struct json_value *v)
{
	char *end;

	memset(v, 0, sizeof(*v));
	skip_space(r);
	if (r->p >= r->end)
		return -1;
	if (*r->p == '"') {
		v->type = JSON_STRING;
		return read_string(r, &v->text);
	}
	if (word(r, "true") || word(r, "false")) {
		v->type = JSON_BOOL;
		v->boolean = r->p[-1] == 'e' && r->p[-2] == 'u';
		return 0;
	}
	if (word(r, "null")) {
		v->type = JSON_NULL;
		return 0;
	}
	if (*r->p == '-' || isdigit((unsigned char)*r->p)) {
		char num[64];
		size_t n = 0;

		while (r->p + n < r->end && n < sizeof(num) - 1 &&
		       strchr("+-0123456789.eE", r->p[n]))
			n++;
		memcpy(num, r->p, n);
		num[n] = '\0';
		v->number = strtod(num, &end);
		if (end != num + n)
			return -1;
		r->p += n;
		v->type = JSON_NUMBER;
		return 0;
	}
	return -1; /* arrays and objects: not in a host.json */
}

int json_read_object(const char *s, size_t n, json_member_fn fn, void *arg,
		     char *msg, size_t msgn)
{
	struct jr r = { s, s + n };
	struct adl_buf name = { 0 };
	struct json_value v;
	int rc = -1;

	skip_space(&r);
	if (r.p >= r.end || *r.p++ != '{')
		goto bad;
	skip_space(&r);
	if (r.p < r.end && *r.p == '}') {
		r.p++;
		goto end;
	}
	for (;;) {
		skip_space(&r);
		name.len = 0;
		if (read_string(&r, &name))
			goto bad;
		skip_space(&r);
		if (r.p >= r.end || *r.p++ != ':')
			goto bad;
		if (read_value(&r, &v)) {
			adl_buf_free(&v.text);
			goto bad;
		}
		fn(arg, name.s, &v);
		adl_buf_free(&v.text);
		skip_space(&r);
		if (r.p < r.end && *r.p == ',') {
			r.p++;
			continue;
		}
		if (r.p < r.end && *r.p == '}') {
			r.p++;
			break;
		}
		goto bad;
	}
end:
	skip_space(&r);
	if (r.p != r.end)
		goto bad;
	rc = 0;
	goto out;
bad:
	snprintf(msg, msgn,
		 "not JSON of one object with plain values, at byte %zu",
		 (size_t)(r.p - s));
out:
	adl_buf_free(&name);
	return rc;
}
