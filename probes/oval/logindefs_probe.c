/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * logindefs_probe.c - the OVAL logindefs probe: /etc/login.defs as
 * shadow's useradd reads it (probes/engine/logindefs.h), one item per
 * name the object selects.
 *
 * A numeric name (UID_MIN, ...) whose value useradd cannot use as such,
 * because shadow cannot parse it or it is no uid, gives no item and flags
 * the object as an error with the engine's message: content that takes
 * the number gets no value and an error, never a number useradd does not
 * use. A name no line sets gives no item (the object does not exist) and
 * a message saying what useradd uses instead. A login.defs the scan is
 * told not to read (OSCAP_PROBE_IGNORE_PATHS) flags the object as an
 * error: what useradd would use is unknown, never its defaults.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <probe-api.h>
#include <probe/entcmp.h>
#include <probe/probe.h>

#include "adl.h"
#include "logindefs.h"
#include "logindefs_probe.h"
#include "objmsg.h"

/* Text XML can carry: other bytes as \xHH. NULL when out of memory. */
static char *visible(const char *s)
{
	struct adl_buf b = { 0 };

	adl_buf_put_visible(&b, s, strlen(s), ADL_VIS_KEEP_SPACE);
	if (b.oom || b.s == NULL) {
		adl_buf_free(&b);
		return b.oom ? NULL : strdup("");
	}
	return b.s;
}

static int collect_name(probe_ctx *ctx, const struct adl_ld *ld,
			const char *name)
{
	struct adl_ld_value v;
	char *n, *value;
	SEXP_t *item;
	int ret = 0;

	adl_ld_judge(ld, name, &v);
	if (v.state == ADL_LD_NOT_NUMBER || v.state == ADL_LD_RANGE) {
		objmsg_fail(ctx, "%s", v.message);
		return 0;
	}
	/* `name` is one the file sets */
	ADL_ASSERT(v.entry != NULL);
	n = visible(name);
	value = visible(v.entry->value);
	if (n == NULL || value == NULL) {
		objmsg_fail(ctx, "cannot build an item: out of memory");
		goto out;
	}
	/* clang-format off */
	item = probe_item_create(OVAL_LINUX_LOGINDEFS, NULL,
		"filepath", OVAL_DATATYPE_STRING, (char *)adl_ld_path(ld),
		"line_number", OVAL_DATATYPE_INTEGER, (int64_t)v.entry->line,
		"name", OVAL_DATATYPE_STRING, n,
		"value", OVAL_DATATYPE_STRING, value,
		NULL);
	/* clang-format on */
	if (v.numeric) {
		SEXP_t *num = SEXP_number_newi_64((int64_t)v.number);

		probe_item_ent_add(item, "number", NULL, num);
		SEXP_free(num);
	}
	ret = probe_item_collect(ctx, item);
out:
	free(n);
	free(value);
	return ret;
}

/* For an object that names its names: say what useradd does without. */
static void report_unset(probe_ctx *ctx, SEXP_t *name_ent,
			 const struct adl_ld *ld)
{
	SEXP_t *vals = NULL, *val;

	if (probe_ent_getoperation(name_ent, OVAL_OPERATION_EQUALS) !=
	    OVAL_OPERATION_EQUALS)
		return;
	probe_ent_getvals(name_ent, &vals);
	SEXP_list_foreach (val, vals) {
		char *name = SEXP_string_cstr(val);
		struct adl_ld_value v;

		if (name != NULL && adl_ld_find(ld, name) == NULL) {
			adl_ld_judge(ld, name, &v);
			objmsg_add(ctx, OVAL_MESSAGE_LEVEL_INFO, NULL, 0, "%s",
				   v.message);
		}
		free(name);
	}
	SEXP_free(vals);
}

int logindefs_probe_offline_mode_supported(void)
{
	return PROBE_OFFLINE_OWN;
}

int logindefs_probe_main(probe_ctx *ctx, void *arg)
{
	SEXP_t *obj = probe_ctx_getobject(ctx);
	SEXP_t *name_ent;
	const char *root = NULL;
	struct adl_ld *ld;
	struct adl_msg msg;
	size_t i;
	int rc;

	(void)arg;
	name_ent = probe_obj_getent(obj, "name", 1);
	if (name_ent == NULL)
		return PROBE_ENOENT;
	if (ctx->offline_mode & PROBE_OFFLINE_OWN)
		root = getenv("OSCAP_PROBE_ROOT");
	if (ctx->blocked_paths != NULL &&
	    probe_path_is_blocked(ADL_LOGIN_DEFS, ctx->blocked_paths)) {
		probe_cobj_set_flag(probe_ctx_getresult(ctx),
				    SYSCHAR_FLAG_ERROR);
		objmsg_add(
			ctx, OVAL_MESSAGE_LEVEL_ERROR, ADL_LOGIN_DEFS, 0,
			"not read: %s; the values useradd takes from it are unknown here, so the answer cannot be trusted",
			OBJMSG_BLOCKED);
		goto out;
	}
	rc = adl_ld_load(root, ADL_LOGIN_DEFS, &ld, &msg);
	if (rc != ADL_OK) {
		objmsg_fail(ctx, "%s", msg.text);
		goto out;
	}
	for (i = 0; i < adl_ld_count(ld); i++) {
		const char *name = adl_ld_at(ld, i)->name;
		SEXP_t *s = SEXP_string_newf("%s", name);
		oval_result_t match = probe_entobj_cmp(name_ent, s);

		SEXP_free(s);
		if (match == OVAL_RESULT_TRUE &&
		    collect_name(ctx, ld, name) != 0)
			break;
	}
	report_unset(ctx, name_ent, ld);
	adl_ld_free(ld);
out:
	SEXP_free(name_ent);
	return 0;
}
