/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * logindefs.c - /etc/login.defs read line by line as shadow 4.13 reads it
 * (logindefs.h says how), and a name judged as useradd judges it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "logindefs.h"

/* shadow's fgets buffer: a longer line is read as several pieces. */
#define LD_LINE_MAX 1024
/* The largest uid or gid: (uid_t)-1 is "unset" to the kernel and auditctl. */
#define LD_ID_MAX 4294967294ULL

/* An entry and its place among the lines read (two pieces of one long
 * line share a line number). */
struct ld_slot {
	struct adl_ld_entry e;
	size_t seq;
};

struct adl_ld {
	char *path;
	bool exists;
	struct ld_slot *v;
	size_t n, cap;
};

/*
 * The names useradd and groupadd read with getdef_ulong, and what they
 * take when the name is unset or cannot be parsed.
 */
static const struct numeric_name {
	const char *name;
	const char *tool;
	const char *fallback;
} numeric_names[] = {
	{ "GID_MAX", "groupadd", "60000" },
	{ "GID_MIN", "groupadd", "1000" },
	{ "SYS_GID_MAX", "groupadd", "GID_MIN - 1" },
	{ "SYS_GID_MIN", "groupadd", "101" },
	{ "SYS_UID_MAX", "useradd", "UID_MIN - 1" },
	{ "SYS_UID_MIN", "useradd", "101" },
	{ "UID_MAX", "useradd", "60000" },
	{ "UID_MIN", "useradd", "1000" },
};

static const struct numeric_name *numeric(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(numeric_names) / sizeof(numeric_names[0]); i++)
		if (strcmp(numeric_names[i].name, name) == 0)
			return &numeric_names[i];
	return NULL;
}

bool adl_ld_is_numeric(const char *name)
{
	return numeric(name) != NULL;
}

/* isspace() in the C locale, whatever locale the caller runs in. */
static bool c_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static enum adl_status append(struct adl_ld *ld, const char *name,
			      const char *value, uint32_t line)
{
	struct adl_ld_entry *e;

	if (adl_grow(&ld->v, &ld->cap, ld->n + 1, sizeof(*ld->v)) != ADL_OK)
		return ADL_ERR_NOMEM;
	ld->v[ld->n].seq = ld->n;
	e = &ld->v[ld->n].e;
	e->name = strdup(name);
	e->value = strdup(value);
	e->line = line;
	if (e->name == NULL || e->value == NULL) {
		free(e->name);
		free(e->value);
		return ADL_ERR_NOMEM;
	}
	ld->n++;
	return ADL_OK;
}

/* One piece of a line (at most LD_LINE_MAX - 1 bytes, up to its NUL). */
static enum adl_status take_piece(struct adl_ld *ld, char *s, uint32_t line)
{
	size_t len = strlen(s);
	char *name, *end, *value;

	while (len > 0 && c_space(s[len - 1]))
		len--;
	s[len] = '\0';
	name = s + strspn(s, " \t");
	if (*name == '\0' || *name == '#')
		return ADL_OK;
	end = name + strcspn(name, " \t");
	if (*end == '\0')
		return ADL_OK; /* a name alone sets nothing */
	*end = '\0';
	value = end + 1 + strspn(end + 1, " \t\"");
	value[strcspn(value, "\"")] = '\0';
	return append(ld, name, value, line);
}

/*
 * The next piece as fgets gives it to shadow: up to a newline or
 * LD_LINE_MAX - 1 bytes. Returns how many bytes it read (0 at the end);
 * *eol says whether the piece ends its line. Counted here, not with
 * strchr: a NUL ends the text shadow sees, not the line.
 */
static size_t next_piece(FILE *fp, char *buf, bool *eol)
{
	size_t n = 0;
	int c;

	*eol = false;
	while (n + 1 < LD_LINE_MAX && (c = getc(fp)) != EOF) {
		buf[n++] = (char)c;
		if (c == '\n') {
			*eol = true;
			break;
		}
	}
	ADL_ASSERT(n < LD_LINE_MAX);
	buf[n] = '\0';
	return n;
}

static enum adl_status read_pieces(struct adl_ld *ld, FILE *fp)
{
	char piece[LD_LINE_MAX];
	uint32_t line = 0;
	bool at_start = true, eol;
	enum adl_status rc = ADL_OK;

	while (rc == ADL_OK && next_piece(fp, piece, &eol) > 0) {
		if (at_start && line < UINT32_MAX)
			line++;
		at_start = eol;
		rc = take_piece(ld, piece, line);
	}
	if (rc == ADL_OK && ferror(fp))
		rc = ADL_ERR_IO;
	return rc;
}

static int by_name(const void *a, const void *b)
{
	const struct ld_slot *x = a, *y = b;

	return strcmp(x->e.name, y->e.name);
}

/* Name order, and for one name the order read in: the last wins. */
static int by_name_then_seq(const void *a, const void *b)
{
	const struct ld_slot *x = a, *y = b;
	int c = by_name(a, b);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Keeps the entry that wins of each name: a later line replaces an
 * earlier one, as shadow's putdef_str does. */
static void keep_last(struct adl_ld *ld)
{
	size_t i, kept = 0;

	if (ld->n == 0)
		return;
	qsort(ld->v, ld->n, sizeof(*ld->v), by_name_then_seq);
	for (i = 0; i < ld->n; i++) {
		if (i + 1 < ld->n && by_name(&ld->v[i], &ld->v[i + 1]) == 0) {
			free(ld->v[i].e.name);
			free(ld->v[i].e.value);
			continue;
		}
		ld->v[kept++] = ld->v[i];
	}
	ld->n = kept;
}

/*
 * Opens `path` under `root` for reading: ADL_OK with *fp, or *fp NULL when
 * there is no such file; ADL_ERR_IO or ADL_ERR_NOMEM with the words.
 */
static enum adl_status open_defs(const char *root, const char *path, FILE **fp,
				 struct adl_msg *msg)
{
	struct stat st;
	int fd;

	*fp = NULL;
	/* O_NONBLOCK: a FIFO in an offline root must not hang the scan. */
	fd = adl_root_open(root, path, O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return ADL_OK;
		adl_msgf(msg, "%s: cannot open: %s", path, strerror(errno));
		return ADL_ERR_IO;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		adl_msgf(msg, "%s: not a regular file", path);
		close(fd);
		return ADL_ERR_IO;
	}
	*fp = fdopen(fd, "r");
	if (*fp == NULL) {
		close(fd);
		adl_msgf(msg, "%s", adl_status_text(ADL_ERR_NOMEM));
		return ADL_ERR_NOMEM;
	}
	return ADL_OK;
}

enum adl_status adl_ld_load(const char *root, const char *path,
			    struct adl_ld **out, struct adl_msg *msg)
{
	struct adl_ld *ld;
	enum adl_status rc = ADL_ERR_NOMEM;
	FILE *fp;

	ADL_ASSERT(path != NULL && out != NULL && msg != NULL);
	*out = NULL;
	/* what a failure says unless a step below says more */
	adl_msgf(msg, "%s", adl_status_text(ADL_ERR_NOMEM));
	if (root != NULL && strcmp(root, "/") == 0)
		root = NULL;
	ld = calloc(1, sizeof(*ld));
	if (ld == NULL || (ld->path = strdup(path)) == NULL)
		goto fail;
	rc = open_defs(root, path, &fp, msg);
	if (rc != ADL_OK)
		goto fail;
	if (fp != NULL) {
		ld->exists = true;
		rc = read_pieces(ld, fp);
		if (rc == ADL_ERR_IO)
			adl_msgf(msg, "%s: cannot read: %s", path,
				 strerror(errno));
		fclose(fp);
		if (rc != ADL_OK)
			goto fail;
	}
	keep_last(ld);
	msg->text[0] = '\0';
	*out = ld;
	return ADL_OK;
fail:
	adl_ld_free(ld);
	return rc;
}

void adl_ld_free(struct adl_ld *ld)
{
	size_t i;

	if (ld == NULL)
		return;
	for (i = 0; i < ld->n; i++) {
		free(ld->v[i].e.name);
		free(ld->v[i].e.value);
	}
	free(ld->v);
	free(ld->path);
	free(ld);
}

const char *adl_ld_path(const struct adl_ld *ld)
{
	return ld->path;
}

bool adl_ld_exists(const struct adl_ld *ld)
{
	return ld->exists;
}

size_t adl_ld_count(const struct adl_ld *ld)
{
	return ld->n;
}

const struct adl_ld_entry *adl_ld_at(const struct adl_ld *ld, size_t i)
{
	return i < ld->n ? &ld->v[i].e : NULL;
}

const struct adl_ld_entry *adl_ld_find(const struct adl_ld *ld,
				       const char *name)
{
	struct ld_slot key = { .e.name = (char *)name };
	const struct ld_slot *hit;

	if (ld->n == 0)
		return NULL;
	hit = bsearch(&key, ld->v, ld->n, sizeof(*ld->v), by_name);
	return hit ? &hit->e : NULL;
}

/*
 * shadow's getulong: strtoul in any C base (leading blanks, '+' and '-'
 * taken as strtoul takes them) that uses up the value, without ERANGE.
 */
static bool shadow_ulong(const char *s, uint64_t *out)
{
	unsigned long v;
	char *end;

	if (*s == '\0')
		return false;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (*end != '\0' || errno == ERANGE)
		return false;
	*out = v;
	return true;
}

static void judge_number(const struct adl_ld *ld, const char *name,
			 const struct numeric_name *nn,
			 struct adl_ld_value *out)
{
	const struct adl_ld_entry *e = out->entry;

	if (!shadow_ulong(e->value, &out->number)) {
		out->state = ADL_LD_NOT_NUMBER;
		snprintf(
			out->message, sizeof(out->message),
			"%s:%u: %s \"%s\" cannot be parsed as shadow parses it; %s would warn and use %s",
			ld->path, e->line, name, e->value, nn->tool,
			nn->fallback);
	} else if (out->number > LD_ID_MAX) {
		out->state = ADL_LD_RANGE;
		snprintf(
			out->message, sizeof(out->message),
			"%s:%u: %s \"%s\" is above %llu (4294967295 is unset): no login id; %s would take it modulo 2^32, %llu",
			ld->path, e->line, name, e->value, LD_ID_MAX, nn->tool,
			(unsigned long long)(out->number & 0xffffffffULL));
	}
}

void adl_ld_judge(const struct adl_ld *ld, const char *name,
		  struct adl_ld_value *out)
{
	const struct numeric_name *nn = numeric(name);

	memset(out, 0, sizeof(*out));
	out->numeric = nn != NULL;
	out->entry = adl_ld_find(ld, name);
	if (out->entry == NULL) {
		out->state = ADL_LD_UNSET;
		if (!ld->exists)
			snprintf(out->message, sizeof(out->message),
				 "%s does not exist, so no %s line", ld->path,
				 name);
		else
			snprintf(out->message, sizeof(out->message),
				 "%s: no %s line", ld->path, name);
		if (nn != NULL)
			snprintf(out->message + strlen(out->message),
				 sizeof(out->message) - strlen(out->message),
				 "; %s would use %s", nn->tool, nn->fallback);
		return;
	}
	out->state = ADL_LD_SET;
	if (nn != NULL)
		judge_number(ld, name, nn, out);
}
