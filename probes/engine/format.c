/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * format.c - rules as text. Compatible text is what `auditctl -l` prints,
 * quirks included; canonical text drops the two quirks that lose meaning.
 */
#include <stdlib.h>
#include <string.h>
#include <libaudit.h>

#include "internal.h"

/* auditctl prints a rule of only path/dir/perm/key fields on all syscalls
 * in watch form; it needs a perm field to do so. */
static bool is_watch_form(const struct adl_rule *r)
{
	bool perm = false;
	uint32_t i;

	for (i = 0; i < r->nfields; i++) {
		switch (r->fields[i].type) {
		case AUDIT_PERM:
			perm = true;
			break;
		case AUDIT_FILTERKEY:
		case AUDIT_DIR:
		case AUDIT_WATCH:
			break;
		default:
			return false;
		}
	}
	if (r->list != AUDIT_FILTER_USER && r->list != AUDIT_FILTER_TASK &&
	    r->list != AUDIT_FILTER_EXCLUDE && r->list != AUDIT_FILTER_FS &&
	    !adl_rule_all_syscalls(r))
		return false;
	return perm;
}

static bool has_path(const struct adl_rule *r)
{
	uint32_t i;

	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].type == AUDIT_WATCH ||
		    r->fields[i].type == AUDIT_DIR)
			return true;
	return false;
}

static bool lists_syscalls(const struct adl_rule *r)
{
	return r->list == AUDIT_FILTER_EXIT || r->list == 7 /* io_uring */;
}

static void put_syscalls(const struct adl_rule *r, int machine,
			 struct adl_buf *out)
{
	int nr, count = 0;

	if (adl_rule_all_syscalls(r)) {
		adl_buf_puts(out, " -S all");
		return;
	}
	for (nr = 0; nr < ADL_MASK_WORDS * 32; nr++) {
		const char *name;

		if (!adl_rule_has_syscall(r, nr))
			continue;
		adl_buf_puts(out, count ? "," : " -S ");
		name = adl_syscall_name(nr, machine);
		if (name)
			adl_buf_puts(out, name);
		else
			adl_buf_printf(out, "%d", nr);
		count++;
	}
}

/* An arch field as auditctl prints it, or in canonical form. */
static void put_arch(const struct adl_ruleset *rs, const struct adl_field *f,
		     bool canonical, int machine, struct adl_buf *out)
{
	const char *op = adl_op_symbol(f->op);
	char arch[64];

	if (canonical) {
		adl_arch_text(rs, f, arch, sizeof(arch));
		adl_buf_printf(out, " -F arch%s%s",
			       f->op == AUDIT_NOT_EQUAL ? "" : "=", arch);
	} else if (machine < 0) {
		adl_buf_printf(out, " -F arch%s0x%X", op ? op : "?", f->val);
	} else {
		adl_buf_printf(out, " -F arch%s%s", op ? op : "?",
			       (f->val & __AUDIT_ARCH_64BIT) ? "b64" : "b32");
	}
}

/*
 * "-a action,list", the arch fields and the syscalls. auditctl names the
 * syscalls in the table of the last arch it printed, also a rule before
 * (`*prev_elf`); canonical text in the rule's own.
 */
static void put_rule_head(const struct adl_ruleset *rs,
			  const struct adl_rule *r, bool canonical,
			  int *prev_elf, struct adl_buf *out)
{
	const char *act = audit_action_to_name(r->action);
	const char *list = audit_flag_to_name(r->list);
	int machine = rs->machine;
	uint32_t i;

	if (act)
		adl_buf_printf(out, "-a %s,", act);
	else
		adl_buf_printf(out, "-a %u,", r->action);
	if (list)
		adl_buf_puts(out, list);
	else
		adl_buf_printf(out, "%u", r->list);
	if (!canonical && *prev_elf != -1)
		machine = audit_elf_to_machine((uint32_t)*prev_elf);
	for (i = 0; i < r->nfields; i++) {
		const struct adl_field *f = &r->fields[i];

		if (f->type != AUDIT_ARCH)
			continue;
		machine = audit_elf_to_machine(f->val);
		*prev_elf = (int)f->val;
		put_arch(rs, f, canonical, machine, out);
	}
	if (lists_syscalls(r))
		put_syscalls(r, machine, out);
}

/* A key field, one key at a time: keys stay where they stand. */
static void put_keys(const struct adl_rule *r, const struct adl_field *f,
		     bool watch, struct adl_buf *out)
{
	struct adl_rule one = *r;
	const char *k;
	size_t pos = 0;
	size_t n;

	one.fields = (struct adl_field *)f;
	one.nfields = 1;
	while (adl_rule_next_key(&one, &pos, &k, &n)) {
		adl_buf_puts(out, watch ? " -k " : " -F key=");
		adl_buf_putn(out, k, n);
	}
}

/* One field but arch, in watch form (-w, -p, -k) when `watch`. */
static void put_field(const struct adl_rule *r, const struct adl_field *f,
		      bool watch, bool canonical, struct adl_buf *out)
{
	char perms[5];

	switch (f->type) {
	case AUDIT_WATCH:
	case AUDIT_DIR:
		if (!watch)
			break;
		adl_buf_puts(out, "-w ");
		adl_buf_putn(out, adl_field_str(r, f), f->val);
		return;
	case AUDIT_FILTERKEY:
		put_keys(r, f, watch, out);
		return;
	case AUDIT_PERM:
		adl_perm_text(f->val, perms);
		adl_buf_printf(out, watch ? " -p %s" : " -F perm=%s", perms);
		return;
	case AUDIT_FIELD_COMPARE:
		adl_buf_puts(out, " -C ");
		adl_format_field(r, f, out);
		return;
	case AUDIT_EXE:
		/* auditctl prints exe= whatever the operator */
		if (canonical)
			break;
		adl_buf_puts(out, " -F exe=");
		adl_buf_putn(out, adl_field_str(r, f), f->val);
		return;
	}
	adl_buf_puts(out, " -F ");
	adl_format_field(r, f, out);
}

void adl_format_rule(const struct adl_ruleset *rs, const struct adl_rule *r,
		     int flags, int *prev_elf, struct adl_buf *out)
{
	bool canonical = flags & ADL_FMT_CANONICAL;
	bool watch = is_watch_form(r);
	uint32_t i;

	if (canonical && (r->action != AUDIT_ALWAYS || !has_path(r)))
		watch = false;
	if (!watch)
		put_rule_head(rs, r, canonical, prev_elf, out);
	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].type != AUDIT_ARCH)
			put_field(r, &r->fields[i], watch, canonical, out);
}

char *adl_rule_text(const struct adl_ruleset *rs, const struct adl_rule *r,
		    int flags)
{
	struct adl_buf b = { 0 };
	int elf = -1;

	adl_format_rule(rs, r, flags, &elf, &b);
	if (b.oom) {
		adl_buf_free(&b);
		return NULL;
	}
	if (!b.s)
		return strdup("");
	return b.s;
}

void adl_format_list(const struct adl_ruleset *rs, int flags,
		     struct adl_buf *out)
{
	const struct adl_rule **v;
	size_t i, n = adl_ruleset_listed(rs, &v);
	int elf = -1;

	if (n == 0)
		adl_buf_puts(out, "No rules\n");
	for (i = 0; i < n; i++) {
		adl_format_rule(rs, v[i], flags, &elf, out);
		adl_buf_puts(out, "\n");
	}
	free(v);
}
