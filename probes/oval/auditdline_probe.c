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

#include <stdbool.h>
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

#define RULES_FILE "/etc/audit/audit.rules"
#define RULES_DIR "/etc/audit/rules.d"
/* A NULL-terminated string vector, as OVAL_DATATYPE_STRING_M wants. */
struct strv {
	char **v;
	size_t n, cap;
	bool oom;
};

static void strv_push(struct strv *sv, const char *s, size_t len)
{
	char **v;

	if (sv->oom)
		return;
	if (sv->n + 1 >= sv->cap) {
		size_t cap = sv->cap ? 2 * sv->cap : 8;

		v = realloc(sv->v, cap * sizeof(*v));
		if (v == NULL) {
			sv->oom = true;
			return;
		}
		sv->v = v;
		sv->cap = cap;
	}
	sv->v[sv->n] = strndup(s, len);
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

static void add_msg(probe_ctx *ctx, oval_message_level_t level,
		    const char *file, uint32_t line, const char *text)
{
	SEXP_t *msg;

	/* Line 0: the whole file (it cannot be read, augenrules skips it). */
	if (file != NULL && line > 0)
		msg = probe_msg_creatf(level, "%s:%u: %s", file, line, text);
	else if (file != NULL)
		msg = probe_msg_creatf(level, "%s: %s", file, text);
	else
		msg = probe_msg_creatf(level, "%s", text);
	probe_cobj_add_msg(probe_ctx_getresult(ctx), msg);
	SEXP_free(msg);
}

static void fail(probe_ctx *ctx, const char *text)
{
	probe_cobj_set_flag(probe_ctx_getresult(ctx), SYSCHAR_FLAG_ERROR);
	add_msg(ctx, OVAL_MESSAGE_LEVEL_ERROR, NULL, 0, text);
}

/* The engine's messages for lines or files that failed, in the files `path`
 * selects (all when NULL). */
static void add_rule_errors(probe_ctx *ctx, const struct adl_ruleset *rs,
			    SEXP_t *path, oval_message_level_t level)
{
	for (size_t i = 0; i < adl_ruleset_nerrors(rs); i++) {
		const struct adl_error *e = adl_ruleset_error(rs, i);
		const char *file = adl_ruleset_file(rs, e->file);

		if (path == NULL || file == NULL || ent_matches(path, file))
			add_msg(ctx, level, file, e->line, e->message);
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

static void rule_fields(const struct adl_ruleset *rs, const struct adl_rule *r,
			struct strv *arch, struct strv *fields)
{
	struct adl_buf buf = {0};

	for (unsigned i = 0; i < r->nfields; i++) {
		const struct adl_field *f = &r->fields[i];

		if (f->type == AUDIT_FILTERKEY)
			continue;
		if (f->type == AUDIT_ARCH) {
			char text[64];

			/* "!=b64" or "aarch64" never reads as arch=b64 */
			adl_arch_text(rs, f, text, sizeof(text));
			strv_push(arch, text, strlen(text));
			continue;
		}
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

/* One item for one rule; NULL when out of memory. */
static SEXP_t *rule_item(const struct adl_ruleset *rs, const struct adl_rule *r,
			 const struct strv *keys)
{
	struct strv arch = {0}, syscalls = {0}, fields = {0};
	bool effective = r->state & ADL_EFFECTIVE;
	const char *file = NULL;
	const char *list = adl_list_name(r->list);
	char *text;
	SEXP_t *item = NULL;

	if (r->source == ADL_SOURCE_FILE)
		file = adl_ruleset_file(rs, r->file);
	text = adl_rule_text(rs, r, ADL_FMT_CANONICAL);
	rule_syscalls(rs, r, &syscalls);
	rule_fields(rs, r, &arch, &fields);
	if (text == NULL || arch.oom || syscalls.oom || fields.oom)
		goto out;

	/* clang-format off */
	item = probe_item_create(OVAL_LINUX_AUDITDLINE, NULL,
		"filepath", OVAL_DATATYPE_STRING, (char *)file,
		"line_number", OVAL_DATATYPE_INTEGER, (int64_t)r->line,
		"auditline", OVAL_DATATYPE_STRING, text,
		"list", OVAL_DATATYPE_STRING, (char *)list,
		"action", OVAL_DATATYPE_STRING,
			(char *)(r->action == AUDIT_ALWAYS ? "always" : "never"),
		"arch", OVAL_DATATYPE_STRING_M, strv_get(&arch),
		"syscall", OVAL_DATATYPE_STRING_M, strv_get(&syscalls),
		"field", OVAL_DATATYPE_STRING_M, strv_get(&fields),
		"key", OVAL_DATATYPE_STRING_M, strv_get(keys),
		"effective", OVAL_DATATYPE_BOOLEAN, (int)effective,
		NULL);
	/* clang-format on */
	if (item != NULL && !effective && r->reason != NULL)
		probe_item_add_msg(item, OVAL_MESSAGE_LEVEL_INFO, "%.1000s",
				   r->reason);
out:
	free(text);
	strv_free(&arch);
	strv_free(&syscalls);
	strv_free(&fields);
	return item;
}

/*
 * Items for the rules of `rs`, in load order: those of the files `path`
 * selects (all when NULL) with a key `key` selects (all when NULL).
 */
static void collect_rules(probe_ctx *ctx, const struct adl_ruleset *rs,
			  SEXP_t *path, SEXP_t *key)
{
	uint32_t file = ADL_NO_FILE;
	bool file_wanted = false;

	for (size_t i = 0; i < adl_ruleset_count(rs); i++) {
		const struct adl_rule *r = adl_ruleset_rule(rs, i);
		struct strv keys = {0};
		SEXP_t *item = NULL;
		int ret;

		if (path != NULL && r->file != file) {
			file = r->file;
			file_wanted =
			    ent_matches(path, adl_ruleset_file(rs, file));
		}
		if (path != NULL && !file_wanted)
			continue;
		rule_keys(r, &keys);
		if (key != NULL && !keys_match(key, &keys)) {
			strv_free(&keys);
			continue;
		}
		if (!keys.oom)
			item = rule_item(rs, r, &keys);
		strv_free(&keys);
		if (item == NULL) {
			fail(ctx, "cannot build an item: out of memory");
			return;
		}
		ret = probe_item_collect(ctx, item);
		if (ret < 0 || ret == 2)
			return;
	}
}

static struct adl_ruleset *ruleset_new(probe_ctx *ctx, const char *root)
{
	struct adl_ruleset *rs = adl_ruleset_new(-1);

	if (rs == NULL) {
		fail(ctx, "out of memory");
		return NULL;
	}
	if (adl_ruleset_set_root(rs, root) != ADL_OK) {
		fail(ctx, "cannot use the offline root");
		adl_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

/* A missing file or directory gives no items: the object does not exist. */
static bool exists(const char *root, const char *path)
{
	char full[4096];
	struct stat st;

	if (root == NULL)
		return lstat(path, &st) == 0;
	if (snprintf(full, sizeof(full), "%s%s", root, path) >=
	    (int)sizeof(full))
		return true; /* let the engine report the failure */
	return lstat(full, &st) == 0;
}

/* Reading failed (not a rule line: that is only a message). */
static bool load_failed(probe_ctx *ctx, const struct adl_ruleset *rs, int rc)
{
	if (rc == ADL_OK || rc == ADL_ERR_RULE)
		return false;
	probe_cobj_set_flag(probe_ctx_getresult(ctx), SYSCHAR_FLAG_ERROR);
	add_rule_errors(ctx, rs, NULL, OVAL_MESSAGE_LEVEL_ERROR);
	if (rc == ADL_ERR_NOMEM)
		add_msg(ctx, OVAL_MESSAGE_LEVEL_ERROR, NULL, 0,
			"out of memory");
	return true;
}

/* A rules file outside rules.d, read on its own as `auditctl -R` reads it. */
static void collect_file(probe_ctx *ctx, const char *filepath, SEXP_t *key,
			 const char *root)
{
	struct adl_ruleset *rs;

	if (!exists(root, filepath))
		return;
	rs = ruleset_new(ctx, root);
	if (rs == NULL)
		return;
	if (!load_failed(ctx, rs, adl_load_file(rs, filepath))) {
		add_rule_errors(ctx, rs, NULL, OVAL_MESSAGE_LEVEL_WARNING);
		adl_evaluate(rs);
		collect_rules(ctx, rs, NULL, key);
	}
	adl_ruleset_free(rs);
}

/* The files of rules.d that `path` selects, merged as augenrules merges. */
static void collect_rulesd(probe_ctx *ctx, SEXP_t *path, SEXP_t *key,
			   const char *root)
{
	struct adl_ruleset *rs;

	if (!exists(root, RULES_DIR))
		return;
	rs = ruleset_new(ctx, root);
	if (rs == NULL)
		return;
	if (!load_failed(ctx, rs,
			 adl_load_rulesd(rs, RULES_DIR, adl_detect_awk(rs)))) {
		add_rule_errors(ctx, rs, path, OVAL_MESSAGE_LEVEL_WARNING);
		adl_evaluate(rs);
		collect_rules(ctx, rs, path, key);
	}
	adl_ruleset_free(rs);
}

static bool in_rulesd(const char *filepath)
{
	size_t len = strlen(RULES_DIR "/");

	return strncmp(filepath, RULES_DIR "/", len) == 0 &&
	       strchr(filepath + len, '/') == NULL;
}

static void collect_files(probe_ctx *ctx, SEXP_t *path, SEXP_t *key,
			  const char *root)
{
	bool want_rulesd = true;

	if (probe_ent_getoperation(path, OVAL_OPERATION_EQUALS) ==
	    OVAL_OPERATION_EQUALS) {
		SEXP_t *vals = NULL, *val;

		want_rulesd = false;
		probe_ent_getvals(path, &vals);
		SEXP_list_foreach(val, vals)
		{
			char *filepath = SEXP_string_cstr(val);

			if (filepath == NULL)
				continue;
			if (in_rulesd(filepath))
				want_rulesd = true;
			else if (ent_matches(path, filepath))
				collect_file(ctx, filepath, key, root);
			free(filepath);
		}
		SEXP_free(vals);
	} else if (ent_matches(path, RULES_FILE)) {
		collect_file(ctx, RULES_FILE, key, root);
	}
	if (want_rulesd)
		collect_rulesd(ctx, path, key, root);
}

static void collect_kernel(probe_ctx *ctx, SEXP_t *key)
{
	struct adl_ruleset *rs = ruleset_new(ctx, NULL);
	char msg[256] = "";

	if (rs == NULL)
		return;
	if (adl_load_kernel(rs, msg, sizeof(msg)) != ADL_OK) {
		fail(ctx,
		     msg[0] ? msg : "cannot read the kernel's audit rules");
		add_rule_errors(ctx, rs, NULL, OVAL_MESSAGE_LEVEL_ERROR);
	} else {
		adl_evaluate(rs);
		collect_rules(ctx, rs, NULL, key);
	}
	adl_ruleset_free(rs);
}

int auditdline_probe_offline_mode_supported(void)
{
	return PROBE_OFFLINE_OWN;
}

/* Each object reads the rules afresh: no state is kept between objects. */
void *auditdline_probe_init(void)
{
	return NULL;
}

void auditdline_probe_fini(void *arg)
{
	(void)arg;
}

int auditdline_probe_main(probe_ctx *ctx, void *arg)
{
	SEXP_t *obj = probe_ctx_getobject(ctx);
	SEXP_t *path, *key, *val;
	const char *root = NULL;

	(void)arg;
	path = probe_obj_getent(obj, "filepath", 1);
	if (path == NULL)
		return PROBE_ENOENT;
	key = probe_obj_getent(obj, "key", 1);
	if (ctx->offline_mode & PROBE_OFFLINE_OWN)
		root = getenv("OSCAP_PROBE_ROOT");

	val = probe_ent_getval(path);
	if (val != NULL) {
		SEXP_free(val);
		collect_files(ctx, path, key, root);
	} else if (root != NULL) {
		/* An offline scan has no kernel to ask. */
		probe_cobj_set_flag(probe_ctx_getresult(ctx),
				    SYSCHAR_FLAG_NOT_APPLICABLE);
	} else {
		collect_kernel(ctx, key);
	}
	SEXP_free(key);
	SEXP_free(path);
	return 0;
}
