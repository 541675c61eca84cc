/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rulesd_dest.c - the last phase of augenrules --load: it writes
 * /etc/audit/audit.rules and runs `auditctl -R` on it, which refuses a
 * file that is not regular, not owned by root or world-writable. When it
 * does, none of the merged rules is loaded.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rulesd.h"

/* Is the directory `st` describes the one augenrules reads? */
static bool is_augenrules_dir(const struct adl_ruleset *rs,
			      const struct stat *st)
{
	struct stat ast;

	return adl_root_stat(rs->root, AUGENRULES_DIR, &ast) == 0 &&
	       ast.st_dev == st->st_dev && ast.st_ino == st->st_ino;
}

/* Whether audit.rules holds `merged` already; -1 when it cannot be read. */
static int dest_same(struct adl_ruleset *rs, const struct adl_buf *merged)
{
	char *old;
	size_t oldlen;
	bool same;
	int fd, rc;

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
	return same;
}

/*
 * augenrules writes audit.rules with cp, which keeps the owner and mode
 * of a file already there, then chmod 0640 -- but only when the merged
 * rules differ from it. Writes into `why` why auditctl refuses it and
 * returns 1, or returns 0 when it loads it; -1 when audit.rules cannot be
 * read to tell.
 */
static int dest_refused(struct adl_ruleset *rs, const struct adl_buf *merged,
			char *why, size_t whylen)
{
	struct stat st;
	int same;

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
	same = dest_same(rs, merged);
	if (same <= 0)
		return same;
	snprintf(
		why, whylen,
		"world-writable (augenrules leaves it as it is, since the rules in " AUGENRULES_DIR
		" have not changed)");
	return 1;
}

void adl_rulesd_check_dest(struct rulesd *rd, const struct stat *st,
			   const struct sorted *s, struct loader *ld)
{
	struct adl_ruleset *rs = rd->rs;
	struct adl_buf out = { 0 };
	uint32_t dest;
	char why[160];
	int refused;

	if (!is_augenrules_dir(rs, st))
		return;
	dest = adl_ruleset_intern_file(rs, AUGENRULES_DEST);
	adl_augenrules_text(&out, s);
	refused = out.oom ? -1 : dest_refused(rs, &out, why, sizeof(why));
	adl_buf_free(&out);
	if (refused < 0) {
		adl_ruleset_errorf(
			rs, dest, 0,
			"cannot read it to tell whether auditctl -R refuses it");
		rd->unreadable = true;
		return;
	}
	if (!refused)
		return;
	adl_ruleset_errorf(
		rs, dest, 0,
		"augenrules --load loads none of the rules in %s: auditctl -R refuses this file: %s",
		rd->dir, why);
	snprintf(
		rd->stop_reason, sizeof(rd->stop_reason),
		"not loaded: auditctl -R refuses %s, which augenrules --load writes and loads: %s",
		AUGENRULES_DEST, why);
	ld->stopped = true;
	ld->failed = true;
	ld->stop_reason = rd->stop_reason;
}
