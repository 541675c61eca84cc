/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz_rulesd.c - libFuzzer harness of the rules.d reader: the input
 * describes a small offline root, whose /etc/audit/rules.d is merged as
 * augenrules merges it, with mawk's and with gawk's reading of its
 * patterns, and whose /etc/audit/audit.rules is read as `auditctl -R`
 * reads it; each rule set is then formatted and evaluated.
 *
 * Input: entries separated by a 0xff byte. An entry is a header line and
 * a body (the bytes after the header's newline):
 *
 *   NAME        a regular file in rules.d, the body its contents
 *   w:NAME      the same, world-writable
 *   u:NAME      the same, owned by and writable for user and group 65534
 *   d:NAME      a directory in rules.d
 *   p:NAME      a FIFO in rules.d
 *   l:NAME      a symbolic link in rules.d, the body its target
 *   F:          rules.d is a regular file, the body its contents
 *   R:          rules.d is a symbolic link to the body; missing if empty
 *   A:          /etc/audit/audit.rules, the body its contents
 *   B:          the same, world-writable
 *   C:          the same, owned by user and group 65534
 *   P:          /etc/audit/audit.rules is a FIFO
 *   D:          /etc/audit/audit.rules is a directory
 *   W:          rules.d and /etc/audit are world-writable
 *   a:          /usr/bin/awk is a symbolic link to the body
 *
 * NAME may name a file in a subdirectory ("sub/x.rules"); "." and ".."
 * components are refused. Links are made after everything else and never
 * under a link, so that nothing is ever written outside the root: the
 * root is the harness's own directory under $TMPDIR (default /dev/shm),
 * emptied for each input and removed at exit.
 */
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#define MAX_ENTRIES 64
#define MAX_NAME 200
#define SEP 0xff
#define KINDS "wudplFRABCPDWa"

static char root[PATH_MAX];
static char rulesd[PATH_MAX];

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void rm_tree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void remove_root(void)
{
	if (root[0])
		rm_tree(root);
}

static bool make_root(void)
{
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !*tmp)
		tmp = "/dev/shm";
	snprintf(root, sizeof(root), "%s/adl-fuzz-rulesd.XXXXXX", tmp);
	if (!mkdtemp(root)) {
		perror(root);
		root[0] = '\0';
		return false;
	}
	snprintf(rulesd, sizeof(rulesd), "%s/etc/audit/rules.d", root);
	atexit(remove_root);
	return true;
}

static void fresh_tree(void)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/etc", root);
	rm_tree(p);
	snprintf(p, sizeof(p), "%s/usr", root);
	rm_tree(p);
	snprintf(p, sizeof(p), "%s/etc", root);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/etc/audit", root);
	mkdir(p, 0755);
	mkdir(rulesd, 0755);
	snprintf(p, sizeof(p), "%s/usr", root);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/usr/bin", root);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/usr/bin/kmod", root);
	close(open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755));
}

struct entry {
	char kind; /* 'f' or a letter of KINDS */
	char name[MAX_NAME + 1];
	const uint8_t *body;
	size_t len;
};

/* A name under rules.d without "", "." or ".." components. */
static bool good_name(const char *name)
{
	const char *p = name;

	if (!*name || *name == '/')
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		p += n;
		if (*p)
			p++;
	}
	return p[-1] != '/';
}

static void parse_entry(const uint8_t *s, size_t n, struct entry *e)
{
	const uint8_t *nl = memchr(s, '\n', n);
	size_t hlen = nl ? (size_t)(nl - s) : n;

	e->body = nl ? nl + 1 : s + n;
	e->len = nl ? n - hlen - 1 : 0;
	e->kind = 'f';
	if (hlen >= 2 && s[1] == ':' && strchr(KINDS, s[0])) {
		e->kind = (char)s[0];
		s += 2;
		hlen -= 2;
	}
	if (hlen > MAX_NAME)
		hlen = MAX_NAME;
	memcpy(e->name, s, hlen);
	e->name[hlen] = '\0'; /* a NUL in the header ends the name */
}

/* Makes the directories above rules.d/NAME; false when one is a link. */
static bool make_parents(const char *name)
{
	char p[PATH_MAX];
	struct stat st;
	size_t base = strlen(rulesd);
	char *slash;

	if (lstat(rulesd, &st) || !S_ISDIR(st.st_mode))
		return false;
	snprintf(p, sizeof(p), "%s/%s", rulesd, name);
	for (slash = strchr(p + base + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(p, 0755);
		if (lstat(p, &st) || !S_ISDIR(st.st_mode))
			return false;
		*slash = '/';
	}
	return true;
}

/* A file as `kind` says: 'w' world-writable, 'u' another user's. */
static void write_file(const char *path, const uint8_t *body, size_t len,
		       char kind)
{
	/* O_NONBLOCK: an earlier entry may have made a FIFO of that name */
	int fd = open(path,
		      O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK |
			      O_CLOEXEC,
		      0644);

	if (fd < 0)
		return;
	if (write(fd, body, len) < 0)
		perror(path);
	if (kind == 'w')
		fchmod(fd, 0666);
	if (kind == 'u' && fchown(fd, 65534, 65534) == 0)
		fchmod(fd, 0664);
	close(fd);
}

static void make_link(const char *path, const struct entry *e)
{
	char target[PATH_MAX];
	size_t n = e->len < sizeof(target) - 1 ? e->len : sizeof(target) - 1;

	memcpy(target, e->body, n);
	target[n] = '\0';
	/* a name already taken keeps what it is */
	if (target[0])
		(void)!symlink(target, path);
}

/* Pass 1 makes files, directories and FIFOs; pass 2 the links. */
static void make_entry(const struct entry *e, int pass)
{
	char path[PATH_MAX];
	bool link = strchr("lRa", e->kind) != NULL;

	if (link != (pass == 2))
		return;
	switch (e->kind) {
	case 'F':
	case 'R':
		rm_tree(rulesd);
		if (e->kind == 'F')
			write_file(rulesd, e->body, e->len, 'f');
		else
			make_link(rulesd, e);
		return;
	case 'A':
	case 'B':
	case 'C':
		snprintf(path, sizeof(path), "%s/etc/audit/audit.rules", root);
		write_file(path, e->body, e->len,
			   e->kind == 'B'   ? 'w'
			   : e->kind == 'C' ? 'u'
					    : 'f');
		return;
	case 'P':
	case 'D':
		snprintf(path, sizeof(path), "%s/etc/audit/audit.rules", root);
		rm_tree(path);
		if (e->kind == 'P')
			mkfifo(path, 0600);
		else
			mkdir(path, 0755);
		return;
	case 'W':
		snprintf(path, sizeof(path), "%s/etc/audit", root);
		chmod(path, 0777);
		chmod(rulesd, 0777);
		return;
	case 'a':
		snprintf(path, sizeof(path), "%s/usr/bin/awk", root);
		make_link(path, e);
		return;
	}
	if (!good_name(e->name) || !make_parents(e->name))
		return;
	snprintf(path, sizeof(path), "%s/%s", rulesd, e->name);
	switch (e->kind) {
	case 'd':
		mkdir(path, 0755);
		break;
	case 'p':
		mkfifo(path, 0644);
		break;
	case 'l':
		make_link(path, e);
		break;
	default:
		write_file(path, e->body, e->len, e->kind);
		break;
	}
}

static void build_tree(const uint8_t *data, size_t size)
{
	static struct entry entries[MAX_ENTRIES];
	size_t n = 0, pos = 0, i;
	int pass;

	while (pos < size && n < MAX_ENTRIES) {
		const uint8_t *sep = memchr(data + pos, SEP, size - pos);
		size_t len = sep ? (size_t)(sep - (data + pos)) : size - pos;

		parse_entry(data + pos, len, &entries[n++]);
		pos += len + 1;
	}
	for (pass = 1; pass <= 2; pass++)
		for (i = 0; i < n; i++)
			make_entry(&entries[i], pass);
}

static void load_rulesd(enum adl_awk awk)
{
	struct adl_ruleset *rs = fuzz_ruleset(0);

	if (!rs)
		return;
	if (adl_ruleset_set_root(rs, root) == ADL_OK) {
		adl_detect_awk(rs);
		adl_load_rulesd(rs, "/etc/audit/rules.d", awk);
	}
	fuzz_consume(rs);
}

static void load_audit_rules(void)
{
	struct adl_ruleset *rs = fuzz_ruleset(0);

	if (!rs)
		return;
	if (adl_ruleset_set_root(rs, root) == ADL_OK)
		adl_load_file(rs, "/etc/audit/audit.rules");
	fuzz_consume(rs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!root[0] && !make_root())
		abort();
	fresh_tree();
	build_tree(data, size);
	load_rulesd(ADL_AWK_MAWK);
	load_rulesd(ADL_AWK_GAWK);
	load_audit_rules();
	return 0;
}
