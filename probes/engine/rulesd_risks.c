/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rulesd_risks.c - who else can change what augenrules loads: a rules
 * file, the rules directory, or its parent (which can replace the
 * directory) that a user other than root may write. augenrules reads any
 * file (it runs as root), so these are warnings, not errors.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "rulesd.h"

/* `dir` names the rules directory when `st` is its parent's (which counts
 * only when it lets others rename the rules directory). */
void adl_warn_risks(struct adl_ruleset *rs, uint32_t file,
		    const struct stat *st, const char *dir)
{
	bool parent = dir != NULL;
	bool sticky = st->st_mode & S_ISVTX;
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

void adl_warn_dir_risks(struct adl_ruleset *rs, const char *dir,
			uint32_t dirfile, const struct stat *st)
{
	char parent[PATH_MAX * 2];
	struct stat pst;
	size_t n = strlen(dir);
	uint32_t pfile;

	adl_warn_risks(rs, dirfile, st, NULL);
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
		adl_warn_risks(rs, pfile, &pst, dir);
}
