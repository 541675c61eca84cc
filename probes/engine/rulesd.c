/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rulesd.c - a rules.d directory as augenrules merges it, phase by phase
 * (rulesd.h): the names listed and `cat`ed, the stream sorted by
 * augenrules' awk, the audit.rules it writes checked, and the result
 * loaded as `auditctl -R`. Every line keeps the file and line it came from.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rulesd.h"

/* Why the directory's names cannot be listed, as an error; its status. */
static enum adl_status unlisted(struct rulesd *rd, int err)
{
	struct stat st;

	if (err == ENOTDIR && adl_root_stat(rd->rs->root, rd->dir, &st) == 0 &&
	    !S_ISDIR(st.st_mode)) {
		/* augenrules' `[ ! -d ]`: no rules from here */
		adl_ruleset_errorf(
			rd->rs, rd->dirfile, 0,
			"not a directory: augenrules loads no rules from it (it says \"No rules directory\", loads the old /etc/audit/audit.rules and fails)");
		return ADL_ERR_RULE;
	}
	adl_ruleset_errorf(rd->rs, rd->dirfile, 0,
			   "cannot read rules directory: %s", strerror(err));
	return ADL_ERR_IO;
}

static void load_line(struct loader *ld, const struct mline *l)
{
	adl_loader_long_line(ld, l->s, l->n, l->file, l->line);
}

/* The sorted lines loaded in the order augenrules writes them. */
static void load_sorted(struct loader *ld, const struct sorted *s)
{
	size_t i;

	if (s->moved[MOVED_D].s)
		load_line(ld, &s->moved[MOVED_D]);
	if (s->moved[MOVED_B].s)
		load_line(ld, &s->moved[MOVED_B]);
	if (s->moved[MOVED_F].s)
		load_line(ld, &s->moved[MOVED_F]);
	for (i = 0; i < s->nrules; i++)
		load_line(ld, &s->rules[i]);
	if (s->moved[MOVED_E].s)
		load_line(ld, &s->moved[MOVED_E]);
}

/* The merged stream sorted, checked and loaded; the load's status. */
static enum adl_status sort_and_load(struct rulesd *rd, enum adl_awk awk,
				     const struct stat *st)
{
	struct loader ld = { .rs = rd->rs };
	struct sorted s;

	if (adl_rulesd_sort(&rd->m, awk, &s) != ADL_OK)
		return ADL_ERR_NOMEM;
	adl_rulesd_check_dest(rd, st, &s, &ld);
	load_sorted(&ld, &s);
	free(s.rules);
	if (rd->skipped)
		return ADL_ERR_SKIPPED;
	if (rd->unreadable)
		return ADL_ERR_IO;
	return ld.failed ? ADL_ERR_RULE : ADL_OK;
}

enum adl_status adl_load_rulesd(struct adl_ruleset *rs, const char *dir,
				enum adl_awk awk)
{
	struct rulesd rd = { .rs = rs, .dir = dir };
	char **names = NULL;
	size_t nnames = 0;
	size_t i;
	struct stat st;
	int rc;

	rd.m.rs = rs;
	rd.m.at_line_start = true;
	rd.dirfile = adl_ruleset_intern_file(rs, dir);
	if (adl_rulesd_names(rs, dir, &names, &nnames, &st) < 0)
		return unlisted(&rd, errno);
	adl_warn_dir_risks(rs, dir, rd.dirfile, &st);
	rc = adl_rulesd_cat(&rd, names, nnames);
	if (rc == ADL_OK)
		rc = sort_and_load(&rd, awk, &st);
	adl_merged_free(&rd.m);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	return rc;
}
