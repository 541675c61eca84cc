/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * load.c - rules-file lines loaded with the kernel's semantics: lines in
 * order, the first failing line stops the load (unless -i or -c), a rule
 * equal to a loaded one fails as "Rule exists", -D, -D -k and -d act where
 * they stand, -e 2 locks the rules.
 *
 * The rules are checked as libaudit builds them and as the kernel then
 * validates them (options.c, field_parse.c, kcheck.c), so a line is
 * refused here exactly when loading refuses it.
 */
#include <stdlib.h>
#include <string.h>

#include "line.h"

/* Messages quote what they reject: keep a 6000-byte word short. */
#define MSG_SHOWN 160

static void stop_loading(struct loader *ld, uint32_t file, uint32_t line)
{
	if (ld->keep_going || ld->stopped)
		return;
	ld->stopped = true;
	ld->stop_file = file;
	ld->stop_line = line;
}

static const char *fname(struct loader *ld, uint32_t file)
{
	const char *n = adl_ruleset_file(ld->rs, file);

	return n ? n : "?";
}

static bool key_matches(const struct adl_rule *r, const char *key)
{
	size_t pos = 0;
	size_t want = strlen(key);
	const char *k;
	size_t n;

	while (adl_rule_next_key(r, &pos, &k, &n))
		if (n == want && !memcmp(k, key, n))
			return true;
	return false;
}

static void delete_all(struct loader *ld, const char *key, uint32_t file,
		       uint32_t line)
{
	struct adl_ruleset *rs = ld->rs;
	size_t i;

	for (i = 0; i < rs->nrules; i++) {
		struct adl_rule *r = &rs->rules[i];

		if (!(r->state & ADL_LOADED))
			continue;
		if (key && !key_matches(r, key))
			continue;
		adl_ruleset_unload(rs, i);
		adl_rule_set_reason(r, "not loaded: deleted by %s at %s:%u",
				    key ? "-D -k" : "-D", fname(ld, file),
				    line);
	}
}

/* Records the line's error and stops loading as auditctl does. */
static void report(struct loader *ld, struct line *l, uint32_t file,
		   uint32_t lineno)
{
	size_t n = strlen(l->msg);

	if (ld->skip_reason)
		return;
	if (n > MSG_SHOWN + 40) {
		n = MSG_SHOWN;
		while (n > 0 && ((unsigned char)l->msg[n] & 0xc0) == 0x80)
			n--;
		memcpy(l->msg + n, "...", 4);
	}
	if (!ld->long_len)
		adl_ruleset_errorf(ld->rs, file, lineno, "%s", l->msg);
	else if (!ld->long_reported)
		adl_ruleset_errorf(
			ld->rs, file, lineno,
			"%s (byte %zu of line %u, which is %zu bytes long: auditctl reads at most %d bytes as a line, the rest as further lines)",
			l->msg, ld->piece_at, ld->long_line, ld->long_len,
			LINE_BUF - 1);
	ld->long_reported = ld->long_len > 0;
	if (!ld->ignore_errors)
		ld->failed = true;
	stop_loading(ld, file, lineno);
}

static void report_failure(struct loader *ld, struct line *l, uint32_t file,
			   uint32_t lineno, const char *msg)
{
	adl_line_fail(l, "%s", msg);
	report(ld, l, file, lineno);
}

static void report_locked(struct loader *ld, struct line *l, uint32_t file,
			  uint32_t lineno)
{
	const struct adl_ruleset *rs = ld->rs;

	adl_line_fail(l, "rules are locked by -e 2 at %s:%u",
		      fname(ld, rs->locked_file), rs->locked_line);
	report(ld, l, file, lineno);
}

/* A -d line (rule `idx`, just added): no rule of its own; finds the
 * loaded rule equal to it, removes it, and forgets the -d rule. */
static void delete_rule(struct loader *ld, struct line *l, long idx,
			uint32_t file, uint32_t lineno)
{
	struct adl_ruleset *rs = ld->rs;
	struct adl_rule *r = &rs->rules[idx];
	long other = ld->stopped ? -1 : adl_ruleset_find_loaded(rs, r);

	ADL_ASSERT(idx >= 0 && (size_t)idx + 1 == rs->nrules);
	free(r->fields);
	free(r->strings);
	free(r->reason);
	rs->nrules--;
	if (ld->stopped)
		return;
	if (rs->locked) {
		report_locked(ld, l, file, lineno);
		return;
	}
	if (other < 0) {
		report_failure(
			ld, l, file, lineno,
			"no such rule to delete (No such file or directory)");
		return;
	}
	adl_ruleset_unload(rs, (size_t)other);
	adl_rule_set_reason(&rs->rules[other],
			    "not loaded: deleted by -d at %s:%u",
			    fname(ld, file), lineno);
}

/* Why rule `r` of an -a, -A or -w line is not loaded, when loading has
 * stopped or is for items only; false when it is still to be loaded. */
static bool not_loading(struct loader *ld, struct adl_rule *r)
{
	if (ld->skip_reason) {
		adl_rule_set_reason(r, "%s", ld->skip_reason);
		return true;
	}
	if (ld->stopped && ld->stop_reason) {
		adl_rule_set_reason(r, "%s", ld->stop_reason);
		return true;
	}
	if (ld->stopped) {
		adl_rule_set_reason(r, "not loaded: loading stopped at %s:%u",
				    fname(ld, ld->stop_file), ld->stop_line);
		return true;
	}
	return false;
}

/* The rule of an -a, -A or -w line (rule `idx`, just added) loaded, or
 * refused as locked or a duplicate. */
static void load_rule(struct loader *ld, struct line *l, long idx,
		      uint32_t file, uint32_t lineno)
{
	struct adl_ruleset *rs = ld->rs;
	struct adl_rule *r = &rs->rules[idx];
	const struct adl_rule *o;
	long other;

	if (not_loading(ld, r))
		return;
	if (rs->locked) {
		adl_rule_set_reason(
			r, "not loaded: rules are locked by -e 2 at %s:%u",
			fname(ld, rs->locked_file), rs->locked_line);
		report_locked(ld, l, file, lineno);
		return;
	}
	other = (r->state & ADL_PREPEND) ? -1 : adl_ruleset_find_loaded(rs, r);
	if (other < 0) {
		if (adl_ruleset_mark_loaded(rs, (size_t)idx))
			report_failure(ld, l, file, lineno, "out of memory");
		return;
	}
	ADL_ASSERT((size_t)other < rs->nrules && other != idx);
	o = &rs->rules[other];
	r->state |= ADL_DUPLICATE;
	if (o->source == ADL_SOURCE_FILE)
		adl_rule_set_reason(r, "duplicate of %s:%u; loading stops here",
				    fname(ld, o->file), o->line);
	else
		adl_rule_set_reason(
			r, "duplicate of a loaded rule; loading stops here");
	adl_line_fail(l, "rule exists: duplicate of %s:%u", fname(ld, o->file),
		      o->line);
	report(ld, l, file, lineno);
}

static void apply_rule(struct loader *ld, struct line *l, uint32_t file,
		       uint32_t lineno)
{
	long idx =
		adl_ruleset_add(ld->rs, &l->d, ADL_SOURCE_FILE, file, lineno);

	if (idx < 0) {
		report_failure(ld, l, file, lineno, "out of memory");
		return;
	}
	ADL_ASSERT((size_t)idx < ld->rs->nrules);
	if (l->op == OP_DELETE)
		delete_rule(ld, l, idx, file, lineno);
	else
		load_rule(ld, l, idx, file, lineno);
}

/* A line without -a, -A, -d or -w: a control line; -e 2 locks the rules. */
static int control_line(struct loader *ld, struct line *l, uint32_t file,
			uint32_t lineno)
{
	if (l->d.nfields || l->syscall_added || l->has_key)
		return adl_line_fail(l, "no list given: use -a, -A, -d or -w");
	if (ld->lock_pending && !ld->stopped && !ld->rs->locked) {
		ld->rs->locked = true;
		ld->rs->locked_file = file;
		ld->rs->locked_line = lineno;
	}
	return 0;
}

/* -D, or -D -k KEY (`tok`, `n`: the line's words). */
static int delete_all_line(struct loader *ld, struct line *l, char **tok,
			   size_t n, uint32_t file, uint32_t lineno)
{
	bool with_key = n == 3 && !strcmp(tok[1], "-k");

	if (l->op != OP_NONE || l->d.nfields || l->syscall_added ||
	    (n != 1 && !with_key))
		return adl_line_fail(l, "-D takes only a key (-D -k KEY)");
	if (!ld->stopped)
		delete_all(ld, n == 3 ? l->key : NULL, file, lineno);
	return 0;
}

/* What a line whose options were read does. */
static int act(struct loader *ld, struct line *l, char **tok, size_t n,
	       uint32_t file, uint32_t lineno)
{
	if (l->delete_all)
		return delete_all_line(ld, l, tok, n, file, lineno);
	if (l->op == OP_NONE)
		return control_line(ld, l, file, lineno);
	if (adl_line_finish(l))
		return -1;
	/* errors from here on are reported where they happen */
	apply_rule(ld, l, file, lineno);
	return 0;
}

void adl_loader_line(struct loader *ld, char *text, uint32_t file,
		     uint32_t lineno)
{
	char *tok[MAX_TOKENS + 1];
	size_t n = adl_tokenize(text, tok, MAX_TOKENS);
	struct line l;
	int rc;

	if (n == 0 || tok[0][0] == '#')
		return;
	memset(&l, 0, sizeof(l));
	l.ld = ld;
	adl_draft_init(&l.d);
	l.d.list = LIST_UNSET;
	ld->lock_pending = false;
	if (n > MAX_TOKENS)
		rc = adl_line_fail(&l, "too many options on one line");
	else
		rc = adl_line_read_options(&l, tok, n);
	if (!rc)
		rc = act(ld, &l, tok, n, file, lineno);
	if (rc)
		report(ld, &l, file, lineno);
	adl_draft_fini(&l.d);
}

enum adl_status adl_load_text(struct adl_ruleset *rs, const char *name,
			      const char *buf, size_t len)
{
	struct loader ld = { .rs = rs };
	uint32_t file = adl_ruleset_intern_file(rs, name);

	if (file == ADL_NO_FILE)
		return ADL_ERR_NOMEM;
	return adl_loader_text(&ld, file, buf, len, 0);
}
