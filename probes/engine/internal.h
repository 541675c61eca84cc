/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* internal.h - what the engine's files share and nobody else sees. */
#ifndef ADL_INTERNAL_H
#define ADL_INTERNAL_H

#include "adl.h"

#define ADL_MASK_WORDS AUDIT_BITMASK_SIZE

/* A rule being built by a reader, before it joins the rule set. */
struct adl_draft {
	uint8_t list, action;
	bool prepend;
	uint32_t mask[ADL_MASK_WORDS];
	uint32_t nfields;
	struct adl_field fields[AUDIT_MAX_FIELDS];
	struct adl_buf strings;
};

void adl_draft_init(struct adl_draft *d);
void adl_draft_fini(struct adl_draft *d);
/* Appends a string field; returns -1 on OOM or when fields are full. */
int adl_draft_add_str(struct adl_draft *d, uint32_t type, uint32_t op,
		      const char *s, size_t len);
int adl_draft_add_num(struct adl_draft *d, uint32_t type, uint32_t op,
		      uint32_t val);

struct adl_ruleset {
	int machine;
	char *root;
	struct adl_rule *rules;
	size_t nrules, caprules;
	struct adl_error *errors;
	size_t nerrors, caperrors;
	char **files;
	size_t nfiles, capfiles;
	/* loaded rules by content, for "Rule exists" and -d */
	uint32_t *dup; /* rule index + 1; 0 empty; UINT32_MAX deleted */
	size_t dupcap, dupused;
	/* interned syscall masks */
	uint32_t **masks;
	size_t maskcap, nmasks;
	int32_t prepend_next, append_next;
	adl_skip_fn skip; /* blocked paths: adl_ruleset_set_skip */
	void *skip_arg;
	bool locked; /* -e 2 seen: no more rule changes */
	uint32_t locked_file, locked_line;
};

/* Adds a draft as a rule (not yet loaded). Returns its index or -1 (OOM). */
long adl_ruleset_add(struct adl_ruleset *rs, struct adl_draft *d,
		     uint8_t source, uint32_t file, uint32_t line);
uint32_t adl_ruleset_intern_file(struct adl_ruleset *rs, const char *name);
void adl_ruleset_errorf(struct adl_ruleset *rs, uint32_t file, uint32_t line,
			const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A risk that changes nothing loaded (struct adl_error.warning). */
void adl_ruleset_warnf(struct adl_ruleset *rs, uint32_t file, uint32_t line,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void adl_rule_set_reason(struct adl_rule *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The loaded rule equal to `r` as the kernel compares rules, or -1. */
long adl_ruleset_find_loaded(struct adl_ruleset *rs, const struct adl_rule *r);
/* Marks a rule loaded and indexes it; -1 (not loaded) when out of memory. */
int adl_ruleset_mark_loaded(struct adl_ruleset *rs, size_t idx);
void adl_ruleset_unload(struct adl_ruleset *rs, size_t idx);

/* Fields. */
struct adl_field_info {
	const char *name;
	uint32_t type;
	uint8_t kind;
};
enum adl_field_kind {
	ADL_FK_UID,	/* uid-like: numbers, -N, unset, user names */
	ADL_FK_GID,	/* gid-like: numbers, group names */
	ADL_FK_EXIT,	/* errno names */
	ADL_FK_MSGTYPE, /* message type names */
	ADL_FK_STR,	/* string */
	ADL_FK_ARCH,
	ADL_FK_PERM,
	ADL_FK_FILETYPE,
	ADL_FK_FSTYPE,
	ADL_FK_ARG, /* a0..a3: numbers, -N */
	ADL_FK_SESSION,
	ADL_FK_NUM, /* plain number */
};
int adl_field_kind(uint32_t type);
const char *adl_field_name(uint32_t type);
const char *adl_op_symbol(uint32_t op);
/* Text of an interfield comparison ("uid!=auid"), or NULL. */
const char *adl_compare_name(uint32_t cmp, int which);
uint32_t adl_compare_lookup(uint32_t f1, uint32_t f2);
void adl_perm_text(uint32_t val, char out[5]);

/* eval.c: the syscalls an exit rule can match (its mask, narrowed by perm). */
void adl_rule_reach(const struct adl_ruleset *rs, const struct adl_rule *r,
		    uint32_t *out);
/*
 * Can an event match both exit rules `n` and `r`? `reach_n`, `reach_r`:
 * what adl_rule_reach says of them (`reach_n` NULL: computed here).
 */
bool adl_exit_overlap(const struct adl_ruleset *rs, const struct adl_rule *n,
		      const uint32_t *reach_n, const struct adl_rule *r,
		      const uint32_t *reach_r);

/*
 * recorders.c: the earlier always rules with a key that record a rule's
 * events. Rules are added in list order; find fills r->recorded_by.
 * -1: out of memory.
 */
struct adl_recorders;
struct adl_recorders *adl_recorders_new(size_t n);
void adl_recorders_free(struct adl_recorders *x);
int adl_recorders_add(struct adl_recorders *x, const struct adl_ruleset *rs,
		      const struct adl_rule *r, const uint32_t *reach);
int adl_recorders_find(struct adl_recorders *x, const struct adl_ruleset *rs,
		       struct adl_rule *r, const uint32_t *reach);

/* The 32-bit machine a 64-bit one also runs; -1 if none. */
int adl_compat_machine(int machine);

/* Version order of file names, as GNU `ls -v` sorts them. */
int adl_filevercmp(const char *a, const char *b);

/* rootfs.c: open a path under an offline root without leaving it (the
 * resolver and stat are in adl.h). */
int adl_root_open(const char *root, const char *path, int flags);

#endif
