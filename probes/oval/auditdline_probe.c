/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * auditdline_probe.c - the OVAL auditdline probe: OpenSCAP glue over the
 * auditdline engine (probes/engine/adl.h).
 *
 * Maps an auditdline_object to engine readers (the kernel's list, a rules
 * file, the rules.d directory as augenrules merges it) and each rule the
 * engine read to one auditdline_item. Everything about audit rules is the
 * engine's; this file only speaks OVAL.
 */
#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <probe-api.h>
#include <probe/entcmp.h>
#include <probe/probe.h>

#include "adl.h"
#include "auditdline_probe.h"
#include "objmsg.h"
#include "prefilter.h"
#include "rscache.h"

#define RULES_FILE "/etc/audit/audit.rules"
#define RULES_DIR "/etc/audit/rules.d"

/* What the probe keeps from init to fini: the environment is read once. */
struct probe_state {
	struct rsc *cache; /* the rule sets this scan has read (rscache.h) */
	char *root;	   /* OSCAP_PROBE_ROOT; NULL: none */
	enum pf_mode prefilter; /* AUDITDLINE_PREFILTER */
};

/* One object's request, as the collectors below need it. */
struct req {
	probe_ctx *ctx;
	struct rsc *cache;
	const char *id;	   /* the object's id ("" when it has none) */
	const char *root;  /* offline root; NULL: this host */
	const char *skips; /* the blocked paths, for the cache; NULL: none */
	enum pf_mode prefilter;
	SEXP_t *key; /* the object's key entity; NULL: any */
};

/* A NULL-terminated string vector, as OVAL_DATATYPE_STRING_M wants. */
struct strv {
	char **v;
	size_t n, cap;
	bool oom;
};

/*
 * Rules files may hold any byte; XML 1.0 cannot (a byte that is not
 * UTF-8 makes the results file unreadable, a control character is
 * dropped): such bytes become \xHH. NULL when out of memory.
 */
static char *xml_text(const char *s, size_t len)
{
	struct adl_buf b = { 0 };

	adl_buf_putn(&b, "", 0);
	adl_buf_put_visible(&b, s, len, ADL_VIS_KEEP_SPACE);
	if (b.oom) {
		adl_buf_free(&b);
		return NULL;
	}
	return b.s;
}

static void strv_push(struct strv *sv, const char *s, size_t len)
{
	if (sv->oom)
		return;
	/* the new string and the NULL after it */
	if (adl_grow(&sv->v, &sv->cap, sv->n + 2, sizeof(*sv->v)) != ADL_OK) {
		sv->oom = true;
		return;
	}
	ADL_ASSERT(sv->n + 1 < sv->cap);
	sv->v[sv->n] = xml_text(s, len);
	if (sv->v[sv->n] == NULL) {
		sv->oom = true;
		return;
	}
	sv->v[++sv->n] = NULL;
}

/* The vector for probe_item_create: NULL (entity left out) when empty. */
static char **strv_get(const struct strv *sv)
{
	return sv->n ? sv->v : NULL;
}

static void strv_free(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
}

static bool ent_matches(SEXP_t *ent, const char *value)
{
	SEXP_t *val;
	bool match;

	if (value == NULL)
		return false;
	val = SEXP_string_new(value, strlen(value));
	match = probe_entobj_cmp(ent, val) == OVAL_RESULT_TRUE;
	SEXP_free(val);
	return match;
}

/* A file name as the items show it, matched against the object's
 * filepath (a name that is not UTF-8 would match no pattern). */
static bool file_matches(SEXP_t *path, const char *file)
{
	char *shown = file ? xml_text(file, strlen(file)) : NULL;
	bool match = ent_matches(path, shown);

	free(shown);
	return match;
}

static bool in_rulesd(const char *filepath)
{
	size_t len = strlen(RULES_DIR "/");

	return strncmp(filepath, RULES_DIR "/", len) == 0 &&
	       strchr(filepath + len, '/') == NULL;
}

/*
 * The engine's messages for lines or files that failed, in the files
 * `path` selects (all when NULL), and those about the rules directory,
 * its parent and audit.rules, which concern every file in it. Warnings
 * (a risk, nothing failed) stay warnings.
 */
/*
 * A host can have a message for each of thousands of lines (watches of
 * directories it lacks): the first ones tell the story, and the ARF must
 * stay a size auditors and Satellite can handle.
 */
#define MAX_RULE_MSGS 100

static void add_rule_errors(probe_ctx *ctx, const struct adl_ruleset *rs,
			    SEXP_t *path, oval_message_level_t level)
{
	/* errors and warnings counted apart: a flood of one never hides
	 * the other */
	size_t shown[2] = { 0, 0 };
	size_t more[2] = { 0, 0 };

	for (size_t i = 0; i < adl_ruleset_nerrors(rs); i++) {
		const struct adl_error *e = adl_ruleset_error(rs, i);
		const char *file = adl_ruleset_file(rs, e->file);

		if (path != NULL && file != NULL && in_rulesd(file) &&
		    !file_matches(path, file))
			continue;
		if (shown[e->warning] == MAX_RULE_MSGS) {
			more[e->warning]++;
			continue;
		}
		objmsg_add(ctx, e->warning ? OVAL_MESSAGE_LEVEL_WARNING : level,
			   file, e->line, "%s", e->message);
		shown[e->warning]++;
	}
	for (int w = 0; w < 2; w++) {
		if (more[w] == 0)
			continue;
		objmsg_add(
			ctx, w ? OVAL_MESSAGE_LEVEL_WARNING : level, NULL, 0,
			"%zu more %s%s like these not shown here; `auditdline list --json` lists them all",
			more[w], w ? "warning" : "message",
			more[w] == 1 ? "" : "s");
	}
}

/* The warnings about the file a rule comes from, on its item too. */
static void add_file_warnings(SEXP_t *item, const struct adl_ruleset *rs,
			      const struct adl_rule *r)
{
	for (size_t i = 0; i < adl_ruleset_nerrors(rs); i++) {
		const struct adl_error *e = adl_ruleset_error(rs, i);
		char *text;

		if (!e->warning || e->file != r->file || e->line != 0)
			continue;
		text = xml_text(e->message, strlen(e->message));
		if (text != NULL)
			probe_item_add_msg(item, OVAL_MESSAGE_LEVEL_WARNING,
					   "%s", text);
		free(text);
	}
}

static void rule_keys(const struct adl_rule *r, struct strv *keys)
{
	const char *k;
	size_t pos = 0, n;

	while (adl_rule_next_key(r, &pos, &k, &n))
		strv_push(keys, k, n);
}

static bool keys_match(SEXP_t *key, const struct strv *keys)
{
	for (size_t i = 0; i < keys->n; i++)
		if (ent_matches(key, keys->v[i]))
			return true;
	return false;
}

static void rule_syscalls(const struct adl_ruleset *rs,
			  const struct adl_rule *r, struct strv *out)
{
	int machine = adl_rule_machine(rs, r);
	char num[16];

	if (r->list != AUDIT_FILTER_EXIT && r->list != AUDIT_FILTER_URING_EXIT)
		return;
	if (adl_rule_all_syscalls(r)) {
		strv_push(out, "all", 3);
		return;
	}
	for (int nr = 0; nr < AUDIT_BITMASK_SIZE * 32; nr++) {
		const char *name;

		if (r->mask[nr / 32] == 0) {
			nr |= 31; /* an empty word: on to the next */
			continue;
		}
		if (!adl_rule_has_syscall(r, nr))
			continue;
		name = adl_syscall_name(nr, machine);
		if (name == NULL) {
			snprintf(num, sizeof(num), "%d", nr);
			name = num;
		}
		strv_push(out, name, strlen(name));
	}
}

/* The arch and the other fields of a rule (either may be NULL: not now). */
static void rule_fields(const struct adl_ruleset *rs, const struct adl_rule *r,
			struct strv *arch, struct strv *fields)
{
	struct adl_buf buf = { 0 };

	for (unsigned i = 0; i < r->nfields; i++) {
		const struct adl_field *f = &r->fields[i];

		if (f->type == AUDIT_FILTERKEY)
			continue;
		if (f->type == AUDIT_ARCH) {
			char text[64];

			if (arch == NULL)
				continue;
			/* "!=b64" or "aarch64" never reads as arch=b64 */
			adl_arch_text(rs, f, text, sizeof(text));
			strv_push(arch, text, strlen(text));
			continue;
		}
		if (fields == NULL)
			continue;
		buf.len = 0;
		adl_format_field(r, f, &buf);
		if (buf.oom) {
			fields->oom = true;
			break;
		}
		if (buf.len > 0)
			strv_push(fields, buf.s, buf.len);
	}
	adl_buf_free(&buf);
}

/* A rule's entity values, made when the filters or the item need them. */
struct rule_values {
	struct pf_values pv; /* first: values_fill() is handed it */
	const struct adl_ruleset *rs;
	const struct adl_rule *r;
	struct strv *keys; /* the caller's; filled here unless done */
	struct strv arch, syscalls, fields;
	char *text, *file;
	bool oom;
};
_Static_assert(offsetof(struct rule_values, pv) == 0,
	       "values_fill() casts its pf_values back to the rule_values");

static void values_fill(struct pf_values *pv, enum pf_entity which)
{
	struct rule_values *v = (struct rule_values *)pv;
	const struct adl_rule *r = v->r;
	char *raw;

	switch (which) {
	case PF_FILEPATH:
		if (r->source == ADL_SOURCE_FILE) {
			const char *f = adl_ruleset_file(v->rs, r->file);

			v->file = f ? xml_text(f, strlen(f)) : NULL;
			v->oom |= f != NULL && v->file == NULL;
		}
		pv->filepath = v->file;
		break;
	case PF_AUDITLINE:
		raw = adl_rule_text(v->rs, r, ADL_FMT_CANONICAL);
		if (raw != NULL)
			v->text = xml_text(raw, strlen(raw));
		free(raw);
		v->oom |= v->text == NULL;
		pv->auditline = v->text;
		break;
	case PF_KEY:
		rule_keys(r, v->keys);
		v->oom |= v->keys->oom;
		pv->key = strv_get(v->keys);
		break;
	case PF_SYSCALL:
		rule_syscalls(v->rs, r, &v->syscalls);
		v->oom |= v->syscalls.oom;
		pv->syscall = strv_get(&v->syscalls);
		break;
	case PF_ARCH:
		rule_fields(v->rs, r, &v->arch, NULL);
		v->oom |= v->arch.oom;
		pv->arch = strv_get(&v->arch);
		break;
	case PF_FIELD:
		rule_fields(v->rs, r, NULL, &v->fields);
		v->oom |= v->fields.oom;
		pv->field = strv_get(&v->fields);
		break;
	default:
		break;
	}
}

/* The earlier keyed rules that record its events: "WHERE: TEXT" each. */
static void rule_recorders(const struct adl_ruleset *rs,
			   const struct adl_rule *r, struct strv *out)
{
	for (unsigned i = 0; i < r->nrecorded_by; i++) {
		const struct adl_rule *by =
			adl_ruleset_rule(rs, r->recorded_by[i]);
		struct adl_buf b = { 0 };
		char *text = adl_rule_text(rs, by, ADL_FMT_CANONICAL);

		adl_rule_where(rs, by, &b);
		adl_buf_printf(&b, ": %s", text ? text : "?");
		free(text);
		if (b.oom)
			out->oom = true;
		else
			strv_push(out, b.s, b.len);
		adl_buf_free(&b);
	}
}

/* An info message of at most 1000 bytes, not cutting a character in two. */
static void add_info(SEXP_t *item, const char *raw)
{
	char *msg = xml_text(raw, strlen(raw));
	size_t n;

	if (msg == NULL)
		return;
	n = strlen(msg);
	if (n > 1000) {
		n = 1000;
		while (n > 0 && ((unsigned char)msg[n] & 0xc0) == 0x80)
			n--;
		msg[n] = '\0';
	}
	probe_item_add_msg(item, OVAL_MESSAGE_LEVEL_INFO, "%s", msg);
	free(msg);
}

/*
 * One item for one rule; NULL when out of memory, or when the object's
 * filters drop it (*dropped set; built all the same when checking).
 */
static SEXP_t *rule_item(const struct adl_ruleset *rs, const struct adl_rule *r,
			 struct strv *keys, bool keys_done, const struct pf *pf,
			 bool *dropped)
{
	struct rule_values v = { .rs = rs, .r = r, .keys = keys };
	bool effective = r->state & ADL_EFFECTIVE;
	struct strv recorders = { 0 };
	char *note = NULL;
	SEXP_t *item = NULL;

	v.pv.list = adl_list_name(r->list);
	v.pv.action = r->action == AUDIT_ALWAYS ? "always" : "never";
	v.pv.key = strv_get(keys);
	v.pv.effective = effective;
	v.pv.filled = 1u << PF_LIST | 1u << PF_ACTION | 1u << PF_EFFECTIVE |
		      (keys_done ? 1u << PF_KEY : 0);
	v.pv.fill = values_fill;
	if (pf != NULL) {
		*dropped = pf_drops(pf, &v.pv) && !v.oom;
		if (*dropped && !pf_checking(pf))
			goto out;
	}
	for (int e = 0; e < PF_OTHER; e++)
		if (!(v.pv.filled & (1u << e))) {
			values_fill(&v.pv, (enum pf_entity)e);
			v.pv.filled |= 1u << e;
		}
	/* the item takes every entity the filters could test */
	ADL_ASSERT(v.pv.filled == (1u << PF_OTHER) - 1);
	rule_recorders(rs, r, &recorders);
	note = adl_rule_recorded_note(rs, r);
	if (v.oom || recorders.oom || (r->nrecorded_by && note == NULL))
		goto out;

	/* clang-format off */
	item = probe_item_create(OVAL_LINUX_AUDITDLINE, NULL,
		"filepath", OVAL_DATATYPE_STRING, v.file,
		"line_number", OVAL_DATATYPE_INTEGER, (int64_t)r->line,
		"auditline", OVAL_DATATYPE_STRING, v.text,
		"list", OVAL_DATATYPE_STRING, (char *)v.pv.list,
		"action", OVAL_DATATYPE_STRING, (char *)v.pv.action,
		"arch", OVAL_DATATYPE_STRING_M, strv_get(&v.arch),
		"syscall", OVAL_DATATYPE_STRING_M, strv_get(&v.syscalls),
		"field", OVAL_DATATYPE_STRING_M, strv_get(&v.fields),
		"key", OVAL_DATATYPE_STRING_M, strv_get(keys),
		"effective", OVAL_DATATYPE_BOOLEAN, (int)effective,
		"recorded_by", OVAL_DATATYPE_STRING_M, strv_get(&recorders),
		NULL);
	/* clang-format on */
	if (item == NULL)
		goto out;
	if (!effective && r->reason != NULL)
		add_info(item, r->reason);
	if (note != NULL)
		add_info(item, note);
	add_file_warnings(item, rs, r);
out:
	free(note);
	free(v.text);
	free(v.file);
	strv_free(&recorders);
	strv_free(&v.arch);
	strv_free(&v.syscalls);
	strv_free(&v.fields);
	return item;
}

/* AUDITDLINE_PREFILTER=check: OpenSCAP must drop what pf_drops() drops. */
static void check_dropped(probe_ctx *ctx, const struct adl_ruleset *rs,
			  const struct adl_rule *r, SEXP_t *item)
{
	if (probe_item_filtered(item, ctx->filters))
		return;
	objmsg_fail(
		ctx,
		"prefilter: rule %u of %s dropped, but OpenSCAP's filters keep it",
		r->line,
		r->source == ADL_SOURCE_FILE ? adl_ruleset_file(rs, r->file)
					     : "the kernel");
}

/*
 * Items for the rules of `rs`, in load order: those of the files `path`
 * selects (all when NULL) with a key `key` selects (all when NULL) that
 * the object's filters keep.
 */
static void collect_rules(const struct req *q, const struct adl_ruleset *rs,
			  SEXP_t *path)
{
	probe_ctx *ctx = q->ctx;
	SEXP_t *key = q->key;
	struct pf *pf = pf_new(ctx->filters, q->prefilter);
	uint32_t file = ADL_NO_FILE;
	bool file_wanted = false;

	for (size_t i = 0; i < adl_ruleset_count(rs); i++) {
		const struct adl_rule *r = adl_ruleset_rule(rs, i);
		struct strv keys = { 0 };
		SEXP_t *item = NULL;
		bool dropped = false;
		int ret;

		if (path != NULL && r->file != file) {
			file = r->file;
			file_wanted =
				file_matches(path, adl_ruleset_file(rs, file));
		}
		if (path != NULL && !file_wanted)
			continue;
		/* the keys, now when the object asks for some, else when the
		 * filters or the item need them */
		if (key != NULL)
			rule_keys(r, &keys);
		if (key != NULL && !keys_match(key, &keys)) {
			strv_free(&keys);
			continue;
		}
		if (!keys.oom)
			item = rule_item(rs, r, &keys, key != NULL, pf,
					 &dropped);
		strv_free(&keys);
		if (dropped) {
			if (item != NULL)
				check_dropped(ctx, rs, r, item);
			SEXP_free(item);
			continue;
		}
		if (item == NULL) {
			objmsg_fail(ctx, "cannot build an item: out of memory");
			break;
		}
		ret = probe_item_collect(ctx, item);
		if (ret < 0 || ret == 2)
			break;
	}
	pf_free(pf);
}

/*
 * OpenSCAP's blocked paths (OSCAP_PROBE_IGNORE_PATHS), asked as its own
 * probes ask them: with the path in the offline root's view.
 */
static const char *blocked(const char *path, void *arg)
{
	struct oscap_list *paths = arg;

	return paths != NULL && probe_path_is_blocked(path, paths)
		       ? OBJMSG_BLOCKED
		       : NULL;
}

/* The blocked paths as one string, to tell cached readings apart (a
 * reading made with other blocked paths is never served); NULL when there
 * are none or out of memory (*oom). */
static char *skips_key(struct oscap_list *paths, bool *oom)
{
	struct oscap_iterator *it;
	struct adl_buf b = { 0 };

	*oom = false;
	if (paths == NULL)
		return NULL;
	it = oscap_iterator_new(paths);
	if (it == NULL) {
		*oom = true;
		return NULL;
	}
	while (oscap_iterator_has_more(it)) {
		const char *p = oscap_iterator_next(it);

		adl_buf_printf(&b, "%s\n", p ? p : "");
	}
	oscap_iterator_free(it);
	*oom = b.oom;
	if (b.oom)
		adl_buf_free(&b);
	return b.oom ? NULL : b.s;
}

static struct adl_ruleset *ruleset_new(const struct req *q, const char *root)
{
	struct adl_ruleset *rs = adl_ruleset_new(-1);

	if (rs == NULL) {
		objmsg_fail(q->ctx, "out of memory");
		return NULL;
	}
	if (adl_ruleset_set_root(rs, root) != ADL_OK) {
		objmsg_fail(q->ctx, "cannot use the offline root");
		adl_ruleset_free(rs);
		return NULL;
	}
	adl_ruleset_set_skip(rs, blocked, q->ctx->blocked_paths);
	return rs;
}

/*
 * A missing file or directory gives no items: the object does not exist.
 * A link whose target is missing is there (reading it is an error); a
 * path too long to resolve is left to the engine to report.
 */
static bool exists(const char *root, const char *path)
{
	struct stat st;

	if (adl_root_lstat(root, path, &st) == 0)
		return true;
	return root != NULL && errno == ENAMETOOLONG;
}

/*
 * Reading failed (not a rule line: that is only a message). A skipped
 * rules file (ADL_ERR_SKIPPED) is one too: its rules are unknown, so the
 * object is an error, never "no rules"; the engine's message names it.
 */
static bool load_failed(probe_ctx *ctx, const struct adl_ruleset *rs, int rc)
{
	if (rc == ADL_OK || rc == ADL_ERR_RULE)
		return false;
	/* what the file readers return besides */
	ADL_ASSERT(rc == ADL_ERR_IO || rc == ADL_ERR_SKIPPED ||
		   rc == ADL_ERR_NOMEM);
	probe_cobj_set_flag(probe_ctx_getresult(ctx), SYSCHAR_FLAG_ERROR);
	add_rule_errors(ctx, rs, NULL, OVAL_MESSAGE_LEVEL_ERROR);
	if (rc == ADL_ERR_NOMEM)
		objmsg_add(ctx, OVAL_MESSAGE_LEVEL_ERROR, NULL, 0,
			   "out of memory");
	return true;
}

/*
 * A rules file outside rules.d, read on its own as `auditctl -R` reads it.
 * A blocked one is not even looked at (a blocked path may be a mount that
 * hangs): the engine says it was skipped.
 */
static void collect_file(const struct req *q, const char *filepath)
{
	struct adl_ruleset *rs;

	if (!blocked(filepath, q->ctx->blocked_paths) &&
	    !exists(q->root, filepath))
		return;
	rs = ruleset_new(q, q->root);
	if (rs == NULL)
		return;
	if (!load_failed(q->ctx, rs, adl_load_file(rs, filepath))) {
		add_rule_errors(q->ctx, rs, NULL, OVAL_MESSAGE_LEVEL_WARNING);
		adl_evaluate(rs);
		collect_rules(q, rs, NULL);
	}
	adl_ruleset_free(rs);
}

/* The files of rules.d that `path` selects, merged as augenrules merges. */
static void collect_rulesd(const struct req *q, SEXP_t *path)
{
	probe_ctx *ctx = q->ctx;
	struct rsc_entry *e;

	/*
	 * The directory is listed even when blocked: each rules file in it is
	 * asked about. OpenSCAP 1.4.2 cannot say whether the directory itself
	 * is blocked: probe_path_is_blocked() also answers yes for a path
	 * that only leads to a blocked one.
	 */
	if (!exists(q->root, RULES_DIR)) {
		objmsg_add(
			ctx, OVAL_MESSAGE_LEVEL_WARNING, RULES_DIR, 0,
			"no such directory: augenrules loads no rules from it (it says \"No rules directory\", loads the old /etc/audit/audit.rules and fails)");
		return;
	}
	e = q->cache ? rsc_get(q->cache, RSC_RULESD, q->root, q->skips, q->id)
		     : NULL;
	if (e == NULL) {
		objmsg_fail(ctx, "out of memory");
		return;
	}
	if (e->rs == NULL) {
		e->rs = ruleset_new(q, q->root);
		if (e->rs == NULL)
			goto out;
		e->rc = adl_load_rulesd(e->rs, RULES_DIR,
					adl_detect_awk(e->rs));
		/* the blocked paths were this object's: they are read */
		adl_ruleset_set_skip(e->rs, NULL, NULL);
		if (e->rc == ADL_OK || e->rc == ADL_ERR_RULE)
			adl_evaluate(e->rs);
	}
	if (!load_failed(ctx, e->rs, e->rc)) {
		add_rule_errors(ctx, e->rs, path, OVAL_MESSAGE_LEVEL_WARNING);
		collect_rules(q, e->rs, path);
	}
out:
	rsc_release(q->cache);
}

static void collect_files(const struct req *q, SEXP_t *path)
{
	bool want_rulesd = true;

	if (probe_ent_getoperation(path, OVAL_OPERATION_EQUALS) ==
	    OVAL_OPERATION_EQUALS) {
		SEXP_t *vals = NULL;
		SEXP_t *val;

		want_rulesd = false;
		probe_ent_getvals(path, &vals);
		SEXP_list_foreach (val, vals) {
			char *filepath = SEXP_string_cstr(val);

			if (filepath == NULL)
				continue;
			if (in_rulesd(filepath))
				want_rulesd = true;
			else if (ent_matches(path, filepath))
				collect_file(q, filepath);
			free(filepath);
		}
		SEXP_free(vals);
	} else if (ent_matches(path, RULES_FILE)) {
		collect_file(q, RULES_FILE);
	}
	if (want_rulesd)
		collect_rulesd(q, path);
}

static void collect_kernel(const struct req *q)
{
	probe_ctx *ctx = q->ctx;
	struct rsc_entry *e =
		q->cache ? rsc_get(q->cache, RSC_KERNEL, NULL, NULL, q->id)
			 : NULL;

	if (e == NULL) {
		objmsg_fail(ctx, "out of memory");
		return;
	}
	if (e->rs == NULL) {
		e->rs = ruleset_new(q, NULL);
		if (e->rs == NULL)
			goto out;
		e->rc = adl_load_kernel(e->rs);
		adl_ruleset_set_skip(e->rs, NULL, NULL);
		if (e->rc == ADL_OK)
			adl_evaluate(e->rs);
	}
	if (e->rc != ADL_OK) {
		probe_cobj_set_flag(probe_ctx_getresult(ctx),
				    SYSCHAR_FLAG_ERROR);
		add_rule_errors(ctx, e->rs, NULL, OVAL_MESSAGE_LEVEL_ERROR);
		if (e->rc == ADL_ERR_NOMEM)
			objmsg_add(ctx, OVAL_MESSAGE_LEVEL_ERROR, NULL, 0, "%s",
				   adl_status_text(e->rc));
	} else {
		collect_rules(q, e->rs, NULL);
	}
out:
	rsc_release(q->cache);
}

int auditdline_probe_offline_mode_supported(void)
{
	return PROBE_OFFLINE_OWN;
}

/*
 * The probe's state for a scan: the rule sets it has read (one reading of
 * each source serves all the objects of an evaluation) and the
 * environment, read here once. NULL when out of memory: every object is
 * then an error (auditdline_probe_main).
 */
void *auditdline_probe_init(void)
{
	struct probe_state *st = calloc(1, sizeof(*st));
	const char *root = getenv("OSCAP_PROBE_ROOT");

	if (st == NULL)
		return NULL;
	st->prefilter = pf_mode_parse(getenv("AUDITDLINE_PREFILTER"));
	st->cache = rsc_new();
	if (root != NULL)
		st->root = strdup(root);
	if (st->cache == NULL || (root != NULL && st->root == NULL)) {
		auditdline_probe_fini(st);
		return NULL;
	}
	return st;
}

void auditdline_probe_fini(void *arg)
{
	struct probe_state *st = arg;

	if (st == NULL)
		return;
	rsc_free(st->cache);
	free(st->root);
	free(st);
}

int auditdline_probe_main(probe_ctx *ctx, void *arg)
{
	const struct probe_state *st = arg;
	SEXP_t *obj = probe_ctx_getobject(ctx);
	struct req q = { .ctx = ctx, .id = "" };
	SEXP_t *path;
	SEXP_t *val;
	SEXP_t *oid;
	char *id = NULL;
	char *skips = NULL;
	bool oom;

	path = probe_obj_getent(obj, "filepath", 1);
	if (path == NULL)
		return PROBE_ENOENT;
	if (st == NULL) {
		objmsg_fail(ctx, "out of memory");
		SEXP_free(path);
		return 0;
	}
	q.key = probe_obj_getent(obj, "key", 1);
	oid = probe_obj_getattrval(obj, "id");
	if (oid != NULL)
		id = SEXP_string_cstr(oid);
	SEXP_free(oid);
	if (id != NULL)
		q.id = id;
	if (ctx->offline_mode & PROBE_OFFLINE_OWN)
		q.root = st->root;
	q.prefilter = st->prefilter;
	q.cache = st->cache;
	skips = skips_key(ctx->blocked_paths, &oom);
	q.skips = skips;

	val = probe_ent_getval(path);
	if (oom) {
		SEXP_free(val);
		objmsg_fail(ctx, "out of memory");
	} else if (val != NULL) {
		SEXP_free(val);
		collect_files(&q, path);
	} else if (q.root != NULL) {
		/* An offline scan has no kernel to ask. */
		probe_cobj_set_flag(probe_ctx_getresult(ctx),
				    SYSCHAR_FLAG_NOT_APPLICABLE);
	} else {
		collect_kernel(&q);
	}
	free(skips);
	free(id);
	SEXP_free(q.key);
	SEXP_free(path);
	return 0;
}
