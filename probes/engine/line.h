/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * line.h - one rules-file line while its options are read: what the line
 * parser's files share (lex.c, getopt.c, options.c, field_parse.c,
 * idnames.c, kcheck.c, load.c) and nobody else sees.
 */
#ifndef ADL_LINE_H
#define ADL_LINE_H

#include "parse.h"

#define LINE_BUF 6144 /* auditctl reads lines with fgets into this much */
#define MAX_TOKENS (LINE_BUF / 2 + 1) /* auditctl sets no lower limit */
#define LIST_UNSET 0xff

enum rule_op { OP_NONE, OP_ADD, OP_DELETE };

/* What one line asks for while its options are read. */
struct line {
	struct loader *ld;
	struct adl_draft d;
	enum rule_op op;
	bool syscall_added, perm_added, exe_added, fs_added, watch;
	bool delete_all;
	uint32_t elf;
	char key[AUDIT_MAX_KEY_LEN + 1];
	size_t keylen;
	bool has_key;
	char msg[512];
};

/* Sets the line's error message; returns -1. */
int adl_line_fail(struct line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* lex.c: splits a line at single spaces, "\ " and "\\" escaped, in place.
 * Returns the number of tokens, `max` + 1 when there are more. */
size_t adl_tokenize(char *s, char **tok, size_t max);

/* getopt.c: the options of one line, as getopt_long reads them. */
int adl_line_read_options(struct line *l, char **tok, size_t n);

/* options.c: what one option does to the line. */
int adl_line_option(struct line *l, int opt, const char *arg);
/* Appends a key (-k, or -F key=); `check_dep`: -k's own check first. */
int adl_line_add_key(struct line *l, const char *k, bool check_dep);
/* Completes the rule a line describes and checks it as the kernel would. */
int adl_line_finish(struct line *l);

/* field_parse.c: -F and -C. */
int adl_line_add_field(struct line *l, const char *arg);
int adl_line_add_compare(struct line *l, const char *arg);
/* Permission letters r, w, x, a in any case, at most four; -1 if bad. */
int64_t adl_perm_bits(const char *s);

/* idnames.c: a user or group name's id, from the rule set's root. */
bool adl_lookup_id(const struct adl_ruleset *rs, bool group, const char *name,
		   uint32_t *id);

/* kcheck.c: the kernel's checks on a rule it is given. */
int adl_kernel_check(struct line *l);

#endif
