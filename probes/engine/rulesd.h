/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rulesd.h - a rules.d directory as augenrules merges it, in phases: the
 * names listed and each file `cat`ed (rulesd_cat.c), the stream sorted as
 * augenrules' awk sorts it (rulesd_awk.c), the audit.rules augenrules
 * writes checked as auditctl -R checks it (rulesd_dest.c); who else can
 * change the rules is warned of (rulesd_risks.c). rulesd.c runs them.
 */
#ifndef ADL_RULESD_H
#define ADL_RULESD_H

#include <sys/stat.h>

#include "parse.h"

#define AUGENRULES_DIR "/etc/audit/rules.d"
#define AUGENRULES_DEST "/etc/audit/audit.rules"

/* Where a line of the merged stream starts and where it came from. */
struct origin {
	size_t offset;
	uint32_t file, line;
};

/* The merged stream: the files' bytes and, per line, its origin. */
struct merged {
	struct adl_ruleset *rs;
	struct adl_buf text;
	struct origin *org;
	size_t norg, caporg;
	bool at_line_start;
};

/* One merged line, without its newline. s NULL: none. */
struct mline {
	const char *s;
	size_t n;
	uint32_t file, line;
};

/* The lines augenrules' awk moves: the last bare -D, -b, -f and -e. */
enum moved { MOVED_D, MOVED_B, MOVED_F, MOVED_E, NMOVED };

/* The lines augenrules writes: moved[MOVED_D..MOVED_F], rules, moved[MOVED_E].
 */
struct sorted {
	struct mline moved[NMOVED];
	struct mline *rules; /* the other lines, in order */
	size_t nrules;
};

/* One rules.d load. */
struct rulesd {
	struct adl_ruleset *rs;
	const char *dir;
	uint32_t dirfile; /* the directory's file index */
	struct merged m;
	bool unreadable; /* a file's rules are unknown: ADL_ERR_IO */
	bool skipped;	 /* a *.rules file is not to be read: ADL_ERR_SKIPPED */
	/* why no rule is loaded when auditctl refuses audit.rules */
	char stop_reason[320];
};

/* rulesd_cat.c: the directory's names, sorted as `ls -v` sorts them, and
 * `st` of the directory; -1 with errno set. */
int adl_rulesd_names(struct adl_ruleset *rs, const char *dir, char ***out,
		     size_t *nout, struct stat *st);
/* Each name `cat`ed into rd->m as augenrules does, or read for its items
 * when augenrules ignores it. ADL_OK or ADL_ERR_NOMEM. */
int adl_rulesd_cat(struct rulesd *rd, char *const *names, size_t nnames);
void adl_merged_free(struct merged *m);

/* rulesd_awk.c: the merged lines sorted as augenrules' awk sorts them.
 * ADL_OK or ADL_ERR_NOMEM; free out->rules. */
int adl_rulesd_sort(const struct merged *m, enum adl_awk awk,
		    struct sorted *out);
/* What augenrules writes to audit.rules. */
void adl_augenrules_text(struct adl_buf *b, const struct sorted *s);

/* rulesd_dest.c: when `st` is augenrules' directory, whether auditctl -R
 * refuses the audit.rules augenrules writes: then `ld` loads nothing. */
void adl_rulesd_check_dest(struct rulesd *rd, const struct stat *st,
			   const struct sorted *s, struct loader *ld);

/* rulesd_risks.c: who else can change a rules file, the directory, or
 * (`dir` set) the directory's parent, as warnings on `file`. */
void adl_warn_risks(struct adl_ruleset *rs, uint32_t file,
		    const struct stat *st, const char *dir);
void adl_warn_dir_risks(struct adl_ruleset *rs, const char *dir,
			uint32_t dirfile, const struct stat *st);

#endif
