/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rulesd.c - a rules.d directory as augenrules merges it: the names `ls -1v`
 * lists that end in ".rules", each word of them `cat`ed, the stream passed
 * through augenrules' awk (which moves the last bare -D, -b and -f to the
 * top and the last -e to the end), the result loaded as `auditctl -R`.
 * Every line keeps the file and line it came from.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "parse.h"

/* Version sort as GNU ls -v does it (gnulib's filevercmp algorithm). */
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
	size_t i = 0, j = 0;

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
	size_t i = 0, prefix = 0;

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
	size_t an = strlen(a), bn = strlen(b), ap, bp;
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

/* The merged stream: bytes and, per line, where it starts. */
struct origin {
	size_t offset;
	uint32_t file, line;
};

struct merged {
	struct adl_ruleset *rs;
	struct adl_buf text;
	struct origin *org;
	size_t norg, caporg;
	bool at_line_start;
};

static int add_origin(struct merged *m, size_t offset, uint32_t file,
		      uint32_t line)
{
	if (m->norg == m->caporg) {
		size_t cap = m->caporg ? m->caporg * 2 : 256;
		struct origin *o = realloc(m->org, cap * sizeof(*o));

		if (!o)
			return -1;
		m->org = o;
		m->caporg = cap;
	}
	m->org[m->norg++] =
		(struct origin){ .offset = offset, .file = file, .line = line };
	return 0;
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

/* augenrules' patterns: `\s` is whitespace to gawk, a literal s to mawk. */
static size_t skip_space(const char *s, size_t n, enum adl_awk awk)
{
	size_t i = 0;

	if (awk == ADL_AWK_GAWK)
		while (i < n && isspace((unsigned char)s[i]))
			i++;
	else
		while (i < n && s[i] == 's')
			i++;
	return i;
}

static bool awk_starts(const char *s, size_t n, enum adl_awk awk,
		       const char *what)
{
	size_t i = skip_space(s, n, awk), w = strlen(what);

	return n - i >= w && !memcmp(s + i, what, w);
}

static bool awk_bare_D(const char *s, size_t n, enum adl_awk awk)
{
	size_t i = skip_space(s, n, awk);

	if (n - i < 2 || memcmp(s + i, "-D", 2))
		return false;
	i += 2;
	return i + skip_space(s + i, n - i, awk) == n;
}

struct mline {
	const char *s;
	size_t n;
	uint32_t file, line;
};

static int read_dir_names(struct adl_ruleset *rs, const char *dir, char ***out,
			  size_t *nout, struct stat *st)
{
	char host[PATH_MAX * 2];
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *d;
	int fd, rc;

	rc = adl_root_resolve(rs->root, dir, host, sizeof(host));
	if (rc < 0) {
		errno = -rc;
		return -1;
	}
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
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			char **nn;

			cap = cap ? cap * 2 : 32;
			nn = realloc(names, cap * sizeof(*nn));
			if (!nn)
				goto oom;
			names = nn;
		}
		names[n] = strdup(de->d_name);
		if (!names[n])
			goto oom;
		n++;
	}
	closedir(d);
	if (n) /* an empty directory has no array: NULL to qsort is UB */
		qsort(names, n, sizeof(*names), cmp_names);
	*out = names;
	*nout = n;
	return 0;
oom:
	closedir(d);
	while (n--)
		free(names[n]);
	free(names);
	errno = ENOMEM;
	return -1;
}

/* A rules file larger than this is refused rather than read. */
#define MAX_RULES_FILE (256u << 20)

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

/*
 * Who else can change what augenrules loads: augenrules reads any file
 * (it runs as root), so these are warnings, not errors. `dir` names the
 * rules directory when `st` is its parent's (which counts only when it
 * lets others rename the rules directory).
 */
static void warn_risks(struct adl_ruleset *rs, uint32_t file,
		       const struct stat *st, const char *dir)
{
	bool parent = dir != NULL, sticky = st->st_mode & S_ISVTX;
	const char *what = S_ISDIR(st->st_mode) ? "directory" : "file";
	const char *can = parent		 ? "can replace"
			  : S_ISDIR(st->st_mode) ? "can add rules files to"
						 : "can change the rules in";
	const char *obj = parent ? dir : "it";

	if ((st->st_mode & S_IWOTH) && !(parent && sticky))
		adl_ruleset_warnf(rs, file, 0,
				  "world-writable %s: any user %s %s", what,
				  can, obj);
	if (st->st_uid != 0)
		adl_ruleset_warnf(
			rs, file, 0,
			"%s owned by uid %u, not root: that user %s %s", what,
			(unsigned)st->st_uid, can, obj);
	if ((st->st_mode & S_IWGRP) && st->st_gid != 0 && !(parent && sticky))
		adl_ruleset_warnf(
			rs, file, 0,
			"group-writable %s (gid %u): that group %s %s", what,
			(unsigned)st->st_gid, can, obj);
}

/* The rules directory and its parent: can others change them? */
static void warn_dir_risks(struct adl_ruleset *rs, const char *dir,
			   uint32_t dirfile, const struct stat *st)
{
	char parent[PATH_MAX * 2];
	struct stat pst;
	size_t n = strlen(dir);
	uint32_t pfile;

	warn_risks(rs, dirfile, st, NULL);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	while (n > 0 && dir[n - 1] != '/')
		n--;
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 0)
		snprintf(parent, sizeof(parent), ".");
	else
		snprintf(parent, sizeof(parent), "%.*s", (int)n, dir);
	if (adl_root_stat(rs->root, parent, &pst) != 0)
		return;
	pfile = adl_ruleset_intern_file(rs, parent);
	if (pfile != ADL_NO_FILE)
		warn_risks(rs, pfile, &pst, dir);
}

#define AUGENRULES_DIR "/etc/audit/rules.d"
#define AUGENRULES_DEST "/etc/audit/audit.rules"
/* the first line augenrules writes */
#define AUGENRULES_HEADER \
	"## This file is automatically generated from " AUGENRULES_DIR "\n"

/* Is the directory `st` describes the one augenrules reads? */
static bool is_augenrules_dir(const struct adl_ruleset *rs,
			      const struct stat *st)
{
	struct stat ast;

	return adl_root_stat(rs->root, AUGENRULES_DIR, &ast) == 0 &&
	       ast.st_dev == st->st_dev && ast.st_ino == st->st_ino;
}

static void put_line(struct adl_buf *b, const struct mline *l)
{
	if (l->s)
		adl_buf_putn(b, l->s, l->n);
	adl_buf_puts(b, "\n");
}

/*
 * What augenrules writes to audit.rules: its header, the last bare -D, -b
 * and -f (an empty line for each it has not seen), the other lines, the
 * last -e (or an empty line).
 */
static void augenrules_text(struct adl_buf *b, const struct mline *moved,
			    const struct mline *rules, size_t nrules)
{
	size_t i;

	adl_buf_puts(b, AUGENRULES_HEADER);
	for (i = 0; i < 3; i++)
		put_line(b, &moved[i]);
	for (i = 0; i < nrules; i++)
		put_line(b, &rules[i]);
	put_line(b, &moved[3]);
}

/*
 * augenrules --load ends in `auditctl -R /etc/audit/audit.rules`, which
 * refuses a file that is not regular, not owned by root or world-writable.
 * augenrules writes that file with cp, which keeps the owner and mode of a
 * file already there, then chmod 0640 -- but only when the merged rules
 * differ from it. Writes into `why` why auditctl refuses it, or returns
 * 0 when it loads it; -1 when audit.rules cannot be read to tell.
 */
static int dest_refused(struct adl_ruleset *rs, const struct adl_buf *merged,
			char *why, size_t whylen)
{
	struct stat st;
	char *old;
	size_t oldlen;
	bool same;
	int fd, rc;

	/* missing: augenrules makes it, root's */
	if (adl_root_stat(rs->root, AUGENRULES_DEST, &st) != 0)
		return 0;
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "not a regular file");
		return 1;
	}
	if (st.st_uid != 0) {
		snprintf(
			why, whylen,
			"owned by uid %u, not root (augenrules rewrites it in place and keeps its owner)",
			(unsigned)st.st_uid);
		return 1;
	}
	if (!(st.st_mode & S_IWOTH))
		return 0;
	if (adl_ruleset_skips(rs, AUGENRULES_DEST))
		return -1;
	fd = adl_root_open(rs->root, AUGENRULES_DEST, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	rc = adl_read_all(fd, &old, &oldlen);
	close(fd);
	if (rc < 0)
		return -1;
	same = oldlen == merged->len && !memcmp(old, merged->s, oldlen);
	free(old);
	if (!same)
		return 0;
	snprintf(
		why, whylen,
		"world-writable (augenrules leaves it as it is, since the rules in " AUGENRULES_DIR
		" have not changed)");
	return 1;
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

int adl_load_rulesd(struct adl_ruleset *rs, const char *dir, enum adl_awk awk)
{
	struct merged m = { .rs = rs, .at_line_start = true };
	struct loader ld = { .rs = rs };
	struct mline *lines = NULL, *rules, last_D = { 0 }, last_b = { 0 },
		     last_f = { 0 }, last_e = { 0 };
	size_t nnames = 0, i, nlines = 0, nrules = 0;
	char **names = NULL, path[PATH_MAX * 2], why[160], stop_reason[320];
	uint32_t dirfile = adl_ruleset_intern_file(rs, dir);
	bool unreadable = false, skipped = false, augenrules_dir;
	struct stat st;
	int rc = ADL_OK;

	if (read_dir_names(rs, dir, &names, &nnames, &st) < 0) {
		int err = errno;

		if (err == ENOTDIR && adl_root_stat(rs->root, dir, &st) == 0 &&
		    !S_ISDIR(st.st_mode)) {
			/* augenrules' `[ ! -d ]`: no rules from here */
			adl_ruleset_errorf(
				rs, dirfile, 0,
				"not a directory: augenrules loads no rules from it (it says \"No rules directory\", loads the old /etc/audit/audit.rules and fails)");
			return ADL_ERR_RULE;
		}
		adl_ruleset_errorf(rs, dirfile, 0,
				   "cannot read rules directory: %s",
				   strerror(err));
		return ADL_ERR_IO;
	}
	warn_dir_risks(rs, dir, dirfile, &st);
	augenrules_dir = is_augenrules_dir(rs, &st);
	for (i = 0; i < nnames; i++) {
		const char *name = names[i];
		char *buf, *copy, *word, *save = NULL;
		size_t len;
		int r;

		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (name[0] == '.') {
			read_ignored(rs, path,
				     "not loaded: augenrules skips dotfiles");
			continue;
		}
		if (!ends_with_rules(name)) {
			read_ignored(
				rs, path,
				"not loaded: augenrules reads only *.rules files");
			continue;
		}
		if (!utf8_name(name)) {
			/* in a UTF-8 locale grep leaves the name out ("binary
			 * file matches"); in the C locale it keeps it */
			snprintf(path, sizeof(path), "%s/%s", dir, name);
			adl_ruleset_errorf(
				rs, adl_ruleset_intern_file(rs, path), 0,
				"the file name is not UTF-8: augenrules' grep leaves it out in a UTF-8 locale, not in the C locale, so whether it loads depends on the locale augenrules runs in (read here as in the C locale)");
			unreadable = true;
		}
		/* the shell splits `ls` output into words: cat each word */
		copy = strdup(name);
		if (!copy) {
			rc = ADL_ERR_NOMEM;
			goto out;
		}
		for (word = strtok_r(copy, " \t\n", &save); word;
		     word = strtok_r(NULL, " \t\n", &save)) {
			uint32_t file;

			snprintf(path, sizeof(path), "%s/%s", dir, word);
			file = adl_ruleset_intern_file(rs, path);
			r = read_in_root(rs, path, &buf, &len, &st);
			if (r == -EISDIR || r == -ENOENT || r == -ELOOP ||
			    r == -ENOTDIR || r == -ENAMETOOLONG) {
				/* cat fails the same way for augenrules */
				adl_ruleset_errorf(
					rs, file, 0,
					"augenrules cannot read it (cat: %s); skipped",
					strerror(-r));
				continue;
			}
			if (r == -ECANCELED) {
				adl_ruleset_errorf(
					rs, file, 0,
					"not read: %s; augenrules loads its rules, which are unknown here, so the answer cannot be trusted",
					adl_ruleset_skips(rs, path));
				skipped = true;
				continue;
			}
			if (r < 0) {
				/* what augenrules (root) reads here is not
				 * known: the answer cannot be trusted */
				adl_ruleset_errorf(
					rs, file, 0, "cannot read it: %s",
					r == -EINVAL ? "not a regular file"
						     : strerror(-r));
				unreadable = true;
				continue;
			}
			warn_risks(rs, file, &st, NULL);
			if (cat_file(&m, file, buf, len)) {
				free(buf);
				free(copy);
				rc = ADL_ERR_NOMEM;
				goto out;
			}
			free(buf);
		}
		if (strpbrk(name, " \t\n"))
			adl_ruleset_errorf(
				rs, dirfile, 0,
				"file name \"%s\" has white space: augenrules reads it as several names",
				name);
		free(copy);
	}

	/* awk: split into records, sort out -D/-b/-f/-e as augenrules does */
	lines = calloc(m.norg + 1, sizeof(*lines));
	rules = calloc(m.norg + 1, sizeof(*rules));
	if (!lines || !rules) {
		free(rules);
		rc = ADL_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < m.norg; i++) {
		size_t start = m.org[i].offset;
		size_t end = i + 1 < m.norg ? m.org[i + 1].offset : m.text.len;
		struct mline l = { m.text.s + start, end - start, m.org[i].file,
				   m.org[i].line };

		if (l.n && l.s[l.n - 1] == '\n')
			l.n--;
		if (l.n < 1)
			continue;
		if (awk_starts(l.s, l.n, awk, "#"))
			continue;
		if (awk_starts(l.s, l.n, awk, "-e"))
			last_e = l;
		else if (awk_bare_D(l.s, l.n, awk))
			last_D = l;
		else if (awk_starts(l.s, l.n, awk, "-f"))
			last_f = l;
		else if (awk_starts(l.s, l.n, awk, "-b"))
			last_b = l;
		else
			rules[nrules++] = l;
	}
	if (augenrules_dir) {
		const struct mline moved[] = { last_D, last_b, last_f, last_e };
		struct adl_buf out = { 0 };
		uint32_t dest = adl_ruleset_intern_file(rs, AUGENRULES_DEST);
		int refused;

		augenrules_text(&out, moved, rules, nrules);
		refused =
			out.oom ? -1 : dest_refused(rs, &out, why, sizeof(why));
		adl_buf_free(&out);
		if (refused < 0) {
			adl_ruleset_errorf(
				rs, dest, 0,
				"cannot read it to tell whether auditctl -R refuses it");
			unreadable = true;
		} else if (refused) {
			adl_ruleset_errorf(
				rs, dest, 0,
				"augenrules --load loads none of the rules in %s: auditctl -R refuses this file: %s",
				dir, why);
			snprintf(
				stop_reason, sizeof(stop_reason),
				"not loaded: auditctl -R refuses %s, which augenrules --load writes and loads: %s",
				AUGENRULES_DEST, why);
			ld.stopped = true;
			ld.failed = true;
			ld.stop_reason = stop_reason;
		}
	}
	nlines = 0;
	if (last_D.s)
		lines[nlines++] = last_D;
	if (last_b.s)
		lines[nlines++] = last_b;
	if (last_f.s)
		lines[nlines++] = last_f;
	for (i = 0; i < nrules; i++)
		lines[nlines++] = rules[i];
	free(rules);
	if (last_e.s)
		lines[nlines++] = last_e;
	for (i = 0; i < nlines; i++)
		adl_loader_long_line(&ld, lines[i].s, lines[i].n, lines[i].file,
				     lines[i].line);
	if (ld.failed)
		rc = ADL_ERR_RULE;
	if (unreadable)
		rc = ADL_ERR_IO;
	if (skipped)
		rc = ADL_ERR_SKIPPED;
out:
	free(lines);
	free(m.org);
	adl_buf_free(&m.text);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	return rc;
}

enum adl_awk adl_detect_awk(const struct adl_ruleset *rs)
{
	char host[PATH_MAX * 2];
	const char *base;

	if (!rs->root) {
		/* the live system: follow the alternatives' links */
		if (!realpath("/usr/bin/awk", host))
			return ADL_AWK_MAWK;
	} else if (adl_root_resolve(rs->root, "/usr/bin/awk", host,
				    sizeof(host))) {
		return ADL_AWK_MAWK;
	}
	base = strrchr(host, '/');
	base = base ? base + 1 : host;
	return strstr(base, "gawk") ? ADL_AWK_GAWK : ADL_AWK_MAWK;
}
