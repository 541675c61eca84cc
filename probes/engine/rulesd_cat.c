/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rulesd_cat.c - the first phase of augenrules: the names `ls -1v` lists
 * that end in ".rules", each word of them `cat`ed into one stream in which
 * every line keeps the file and line it came from. Files augenrules
 * ignores are read for their items only.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rulesd.h"

/* A rules file larger than this is refused rather than read. */
#define MAX_RULES_FILE (256u << 20)

static int cmp_names(const void *x, const void *y)
{
	return adl_filevercmp(*(char *const *)x, *(char *const *)y);
}

static bool utf8_name(const char *name)
{
	size_t n = strlen(name), i, len;

	for (i = 0; i < n; i += len) {
		len = adl_utf8_len(name + i, n - i);
		if (len == 0)
			return false;
	}
	return true;
}

static bool ends_with_rules(const char *name)
{
	size_t n = strlen(name);

	return n >= 6 && !strcmp(name + n - 6, ".rules");
}

static int add_origin(struct merged *m, size_t offset, uint32_t file,
		      uint32_t line)
{
	if (adl_grow(&m->org, &m->caporg, m->norg + 1, sizeof(*m->org)))
		return -1;
	m->org[m->norg++] =
		(struct origin){ .offset = offset, .file = file, .line = line };
	return 0;
}

void adl_merged_free(struct merged *m)
{
	free(m->org);
	adl_buf_free(&m->text);
}

/* Appends a file as `cat` does: a last line without newline runs into the
 * next file's first line, and keeps the origin it started with. */
static int cat_file(struct merged *m, uint32_t file, const char *buf,
		    size_t len)
{
	uint32_t line = 1;
	size_t i;

	if (len && !m->at_line_start && m->norg) {
		/* the previous file had no final newline: say so where its
		 * last line, now joined with this file's first, is read */
		struct origin *o = &m->org[m->norg - 1];

		adl_ruleset_errorf(
			m->rs, o->file, o->line,
			"no newline at the end of the file: augenrules joins this line with %s:1",
			adl_ruleset_file(m->rs, file));
	}
	for (i = 0; i < len; i++) {
		if (m->at_line_start &&
		    add_origin(m, m->text.len + i, file, line))
			return -1;
		m->at_line_start = buf[i] == '\n';
		if (buf[i] == '\n')
			line++;
	}
	adl_buf_putn(&m->text, buf, len);
	return m->text.oom ? -1 : 0;
}

static void free_names(char **names, size_t n)
{
	while (n--)
		free(names[n]);
	free(names);
}

/* The names in `d` but "." and ".."; -1 with errno ENOMEM. */
static int read_names(DIR *d, char ***out, size_t *nout)
{
	char **names = NULL;
	size_t n = 0;
	size_t cap = 0;
	struct dirent *de;

	/* glibc's readdir is thread-safe on distinct streams, and this
	 * stream is this call's own (readdir_r is deprecated) */
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (adl_grow(&names, &cap, n + 1, sizeof(*names)))
			goto oom;
		names[n] = strdup(de->d_name);
		if (!names[n])
			goto oom;
		n++;
	}
	*out = names;
	*nout = n;
	return 0;
oom:
	free_names(names, n);
	errno = ENOMEM;
	return -1;
}

int adl_rulesd_names(struct adl_ruleset *rs, const char *dir, char ***out,
		     size_t *nout, struct stat *st)
{
	char host[PATH_MAX * 2];
	DIR *d;
	int fd, rc;

	if (adl_root_resolve(rs->root, dir, host, sizeof(host)) != ADL_OK)
		return -1; /* errno says why */
	fd = open(host, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
				(rs->root ? O_NOFOLLOW : 0));
	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0) {
		close(fd);
		return -1;
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	rc = read_names(d, out, nout);
	closedir(d);
	if (rc < 0) {
		errno = ENOMEM;
		return -1;
	}
	if (*nout) /* an empty directory has no array: NULL to qsort is UB */
		qsort(*out, *nout, sizeof(**out), cmp_names);
	return 0;
}

/*
 * Reads a file as `cat` would, but only a regular file of sane size: a
 * FIFO or a device would block or never end (augenrules would hang too).
 */
static int read_in_root(struct adl_ruleset *rs, const char *path, char **buf,
			size_t *len, struct stat *stp)
{
	struct stat st;
	int fd, rc;

	if (adl_ruleset_skips(rs, path))
		return -ECANCELED;
	fd = adl_root_open(rs->root, path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) != 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > MAX_RULES_FILE) {
		close(fd);
		return S_ISDIR(st.st_mode)   ? -EISDIR
		       : S_ISREG(st.st_mode) ? -EFBIG
					     : -EINVAL;
	}
	if (stp)
		*stp = st;
	rc = adl_read_all(fd, buf, len);
	close(fd);
	return rc;
}

/* Items for a file augenrules never reads. */
static void read_ignored(struct adl_ruleset *rs, const char *path,
			 const char *why)
{
	/* read for its items only: stopped, so that no -D, -d or -e 2 in
	 * it can act on the rules augenrules does load */
	struct loader ld = { .rs = rs, .skip_reason = why, .stopped = true };
	uint32_t file = adl_ruleset_intern_file(rs, path);
	char *buf;
	size_t len;

	if (file == ADL_NO_FILE)
		return;
	if (read_in_root(rs, path, &buf, &len, NULL) < 0) {
		if (adl_ruleset_skips(rs, path))
			adl_ruleset_warnf(
				rs, file, 0,
				"not read: %s (augenrules does not load it: %s)",
				adl_ruleset_skips(rs, path), why);
		return;
	}
	adl_loader_text(&ld, file, buf, len, 0);
	free(buf);
}

/* Says why a file augenrules cats was not read, and what that means. */
static void not_read(struct rulesd *rd, const char *path, uint32_t file,
		     int err)
{
	struct adl_ruleset *rs = rd->rs;

	switch (err) {
	case EISDIR:
	case ENOENT:
	case ELOOP:
	case ENOTDIR:
	case ENAMETOOLONG:
		/* cat fails the same way for augenrules */
		adl_ruleset_errorf(
			rs, file, 0,
			"augenrules cannot read it (cat: %s); skipped",
			strerror(err));
		break;
	case ECANCELED:
		adl_ruleset_errorf(
			rs, file, 0,
			"not read: %s; augenrules loads its rules, which are unknown here, so the answer cannot be trusted",
			adl_ruleset_skips(rs, path));
		rd->skipped = true;
		break;
	default:
		/* what augenrules (root) reads here is not known: the
		 * answer cannot be trusted */
		adl_ruleset_errorf(rs, file, 0, "cannot read it: %s",
				   err == EINVAL ? "not a regular file"
						 : strerror(err));
		rd->unreadable = true;
		break;
	}
}

/* `cat DIR/WORD`. ADL_OK or ADL_ERR_NOMEM. */
static int cat_word(struct rulesd *rd, const char *word)
{
	char path[PATH_MAX * 2];
	struct stat st;
	uint32_t file;
	char *buf;
	size_t len;
	int r;

	snprintf(path, sizeof(path), "%s/%s", rd->dir, word);
	file = adl_ruleset_intern_file(rd->rs, path);
	r = read_in_root(rd->rs, path, &buf, &len, &st);
	if (r < 0) {
		not_read(rd, path, file, -r);
		return ADL_OK;
	}
	adl_warn_risks(rd->rs, file, &st, NULL);
	r = cat_file(&rd->m, file, buf, len);
	free(buf);
	return r ? ADL_ERR_NOMEM : ADL_OK;
}

/* One name the directory lists, as augenrules takes it. */
static int cat_name(struct rulesd *rd, const char *name)
{
	char path[PATH_MAX * 2], *copy, *word, *save = NULL;
	int rc = ADL_OK;

	snprintf(path, sizeof(path), "%s/%s", rd->dir, name);
	if (name[0] == '.') {
		read_ignored(rd->rs, path,
			     "not loaded: augenrules skips dotfiles");
		return ADL_OK;
	}
	if (!ends_with_rules(name)) {
		read_ignored(rd->rs, path,
			     "not loaded: augenrules reads only *.rules files");
		return ADL_OK;
	}
	if (!utf8_name(name)) {
		/* in a UTF-8 locale grep leaves the name out ("binary file
		 * matches"); in the C locale it keeps it */
		adl_ruleset_errorf(
			rd->rs, adl_ruleset_intern_file(rd->rs, path), 0,
			"the file name is not UTF-8: augenrules' grep leaves it out in a UTF-8 locale, not in the C locale, so whether it loads depends on the locale augenrules runs in (read here as in the C locale)");
		rd->unreadable = true;
	}
	/* the shell splits `ls` output into words: cat each word */
	copy = strdup(name);
	if (!copy)
		return ADL_ERR_NOMEM;
	for (word = strtok_r(copy, " \t\n", &save); word && rc == ADL_OK;
	     word = strtok_r(NULL, " \t\n", &save))
		rc = cat_word(rd, word);
	free(copy);
	if (rc == ADL_OK && strpbrk(name, " \t\n"))
		adl_ruleset_errorf(
			rd->rs, rd->dirfile, 0,
			"file name \"%s\" has white space: augenrules reads it as several names",
			name);
	return rc;
}

int adl_rulesd_cat(struct rulesd *rd, char *const *names, size_t nnames)
{
	size_t i;
	int rc = ADL_OK;

	for (i = 0; i < nnames && rc == ADL_OK; i++)
		rc = cat_name(rd, names[i]);
	return rc;
}
