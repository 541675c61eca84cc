/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lex.c - rules-file text into lines and lines into words, as auditctl
 * reads them: an fgets loop with a LINE_BUF buffer (a longer line comes in
 * pieces that count as lines of their own), words split at single spaces.
 */
#include <string.h>

#include "line.h"

size_t adl_tokenize(char *s, char **tok, size_t max)
{
	size_t n = 0;

	while (*s) {
		char *w;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		if (n == max)
			return max + 1;
		w = s;
		tok[n++] = w;
		while (*s && *s != ' ') {
			if (s[0] == '\\' && (s[1] == ' ' || s[1] == '\\'))
				s++;
			*w++ = *s++;
		}
		if (*s)
			s++;
		*w = '\0';
	}
	return n;
}

/* A new line starts at `pos`: is it longer than auditctl's buffer? */
static void start_physical_line(struct loader *ld, const char *buf, size_t len,
				size_t pos, uint32_t lineno)
{
	const char *nl = memchr(buf + pos, '\n', len - pos);
	size_t linelen = nl ? (size_t)(nl - (buf + pos)) : len - pos;

	ld->long_len = linelen > LINE_BUF - 1 ? linelen : 0;
	ld->long_line = lineno;
	ld->long_reported = false;
	ld->piece_at = 0;
}

/*
 * Splits text into lines the way auditctl's fgets loop does: at most
 * LINE_BUF - 1 bytes a line, so longer lines come in pieces that count as
 * lines of their own; a NUL ends a line's text; only "\n" is removed.
 */
int adl_loader_text(struct loader *ld, uint32_t file, const char *buf,
		    size_t len, uint32_t first_line)
{
	char piece[LINE_BUF];
	size_t pos = 0;
	uint32_t lineno = first_line;
	uint32_t physical = first_line;

	while (pos < len) {
		size_t n = 0;
		char *nl;

		if (pos == 0 || buf[pos - 1] == '\n')
			start_physical_line(ld, buf, len, pos, ++physical);
		else
			ld->piece_at += LINE_BUF - 1;
		while (pos + n < len && n < LINE_BUF - 1) {
			if (buf[pos + n++] == '\n')
				break;
		}
		ADL_ASSERT(n > 0 && n < sizeof(piece));
		memcpy(piece, buf + pos, n);
		piece[n] = '\0';
		pos += n;
		lineno++;
		/* text stops at the first NUL, then loses its newline */
		nl = strchr(piece, '\n');
		if (nl)
			*nl = '\0';
		adl_loader_line(ld, piece, file, lineno);
	}
	ld->long_len = 0;
	return ld->failed ? ADL_ERR_RULE : ADL_OK;
}

void adl_loader_long_line(struct loader *ld, const char *text, size_t len,
			  uint32_t file, uint32_t lineno)
{
	char piece[LINE_BUF];
	size_t pos = 0;

	ld->long_len = len > LINE_BUF - 1 ? len : 0;
	ld->long_line = lineno;
	ld->long_reported = false;
	do {
		size_t n = len - pos < LINE_BUF - 1 ? len - pos : LINE_BUF - 1;

		memcpy(piece, text + pos, n);
		piece[n] = '\0';
		ld->piece_at = pos;
		pos += n;
		adl_loader_line(ld, piece, file, lineno);
	} while (pos < len);
	ld->long_len = 0;
}
