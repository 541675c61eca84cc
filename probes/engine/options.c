/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * options.c - what each option of a rules-file line does to the rule it
 * builds (-a, -A, -d, -S, -k, -w, -W, -p, -D, -i, -c) or checks of itself
 * (the control options -e, -f, -b, -r, -B), and the rule completed at the
 * end of the line. -F and -C are field_parse.c's.
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libaudit.h>

#include "line.h"

int adl_line_fail(struct line *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(l->msg, sizeof(l->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static bool parse_list_action(const char *arg, uint8_t *list, uint8_t *action)
{
	static const struct {
		const char *name;
		uint8_t val;
	} lists[] = {
		{ "task", AUDIT_FILTER_TASK },
		{ "exit", AUDIT_FILTER_EXIT },
		{ "user", AUDIT_FILTER_USER },
		{ "exclude", AUDIT_FILTER_EXCLUDE },
		{ "filesystem", AUDIT_FILTER_FS },
	};
	const char *comma = strchr(arg, ',');
	char a[32], b[32];
	int la = -1;
	int lb = -1;
	int aa = -1;
	int ab = -1;
	size_t i, na;

	if (!comma || strchr(comma + 1, ',') || comma - arg >= 32 ||
	    strlen(comma + 1) >= 32)
		return false;
	na = (size_t)(comma - arg);
	memcpy(a, arg, na);
	a[na] = '\0';
	strcpy(b, comma + 1);
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		if (!strcmp(a, lists[i].name))
			la = lists[i].val;
		if (!strcmp(b, lists[i].name))
			lb = lists[i].val;
	}
	if (!strcmp(a, "always"))
		aa = AUDIT_ALWAYS;
	else if (!strcmp(a, "never"))
		aa = AUDIT_NEVER;
	if (!strcmp(b, "always"))
		ab = AUDIT_ALWAYS;
	else if (!strcmp(b, "never"))
		ab = AUDIT_NEVER;
	if (la >= 0 && ab >= 0) {
		*list = (uint8_t)la;
		*action = (uint8_t)ab;
		return true;
	}
	if (aa >= 0 && lb >= 0) {
		*list = (uint8_t)lb;
		*action = (uint8_t)aa;
		return true;
	}
	return false;
}

static int set_rule_op(struct line *l, int opt, const char *arg)
{
	uint8_t list, action;

	if (l->op != OP_NONE)
		return adl_line_fail(l,
				     "more than one rule operation on a line");
	if (!parse_list_action(arg, &list, &action)) {
		if (strstr(arg, "entry"))
			return adl_line_fail(
				l, "the entry list is deprecated: %s", arg);
		if (strstr(arg, "possible"))
			return adl_line_fail(
				l, "the possible action is deprecated: %s",
				arg);
		return adl_line_fail(l, "bad list,action: %s", arg);
	}
	l->d.list = list;
	l->d.action = action;
	l->d.prepend = opt == 'A';
	l->op = opt == 'd' ? OP_DELETE : OP_ADD;
	return 0;
}

/* The syscall table a name is looked up in: the arch given so far. */
static int line_machine(const struct line *l)
{
	return l->elf ? audit_elf_to_machine(l->elf) : l->ld->rs->machine;
}

/* One name or number of -S into the draft's mask. */
static int add_syscall(struct line *l, const char *name)
{
	int nr, machine;

	if (!strcmp(name, "all")) {
		memset(l->d.mask, 0xff, sizeof(l->d.mask));
		return 0;
	}
	machine = line_machine(l);
	if (machine < 0)
		return adl_line_fail(l, "no syscall table for this arch");
	nr = audit_name_to_syscall(name, machine);
	if (nr < 0 && isdigit((unsigned char)name[0]))
		nr = (int)strtol(name, NULL, 0);
	if (nr < 0) {
		const char *mn = audit_machine_to_name(machine);

		return adl_line_fail(l, "syscall name unknown on %s: %s",
				     mn ? mn : "this arch", name);
	}
	if (nr >= ADL_MASK_WORDS * 32)
		return adl_line_fail(l, "syscall number out of range: %s",
				     name);
	/* The kernel reads the top 16 numbers as syscall classes and
	 * expands them from its own, version-dependent tables. */
	if (nr >= ADL_MASK_WORDS * 32 - AUDIT_SYSCALL_CLASSES)
		return adl_line_fail(
			l,
			"syscall number %d is a syscall-class bit: the kernel expands it from its own class tables, which auditdline does not model",
			nr);
	l->d.mask[nr / 32] |= 1u << (nr % 32);
	return 0;
}

static int add_syscalls(struct line *l, const char *arg)
{
	char buf[LINE_BUF], *save = NULL, *name;

	if (l->d.list != LIST_UNSET && l->d.list != AUDIT_FILTER_EXIT) {
		const char *ln = audit_flag_to_name(l->d.list);

		return adl_line_fail(
			l, "syscalls (-S) are only for the exit list, not %s",
			ln ? ln : "this list");
	}
	if (strlen(arg) >= sizeof(buf))
		return adl_line_fail(l, "-S argument too long");
	strcpy(buf, arg);
	for (name = strtok_r(buf, ",", &save); name;
	     name = strtok_r(NULL, ",", &save))
		if (add_syscall(l, name))
			return -1;
	l->syscall_added = true;
	return 0;
}

int adl_line_add_key(struct line *l, const char *k, bool check_dep)
{
	size_t n = strlen(k);

	if (check_dep && !l->delete_all &&
	    !(l->syscall_added || l->perm_added || l->exe_added || l->fs_added))
		return adl_line_fail(
			l,
			"a key (-k) needs a syscall (-S), a watch or a path, dir, perm or exe field before it");
	if (n + l->keylen + (l->keylen ? 1 : 0) > AUDIT_MAX_KEY_LEN)
		return adl_line_fail(
			l, "key too long: keys add up to more than %d bytes",
			AUDIT_MAX_KEY_LEN);
	if (!n)
		return 0;
	if (l->keylen)
		l->key[l->keylen++] = AUDIT_KEY_SEPARATOR;
	ADL_ASSERT(l->keylen + n < sizeof(l->key));
	memcpy(l->key + l->keylen, k, n);
	l->keylen += n;
	l->key[l->keylen] = '\0';
	l->has_key = true;
	return 0;
}

static int set_watch(struct line *l, int opt, const char *arg)
{
	char path[PATH_MAX + 1];
	size_t n = strlen(arg);
	struct stat st;
	uint32_t type = AUDIT_WATCH;

	if (l->op != OP_NONE)
		return adl_line_fail(
			l, "a watch (-%c) cannot be given with -a, -A or -d",
			opt);
	if (arg[0] != '/')
		return adl_line_fail(l, "watch path must be absolute: %s", arg);
	if (n > PATH_MAX)
		return adl_line_fail(l, "watch path too long");
	memcpy(path, arg, n + 1);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	if (adl_root_stat(l->ld->rs->root, path, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		type = AUDIT_DIR;
	l->d.list = AUDIT_FILTER_EXIT;
	l->d.action = AUDIT_ALWAYS;
	l->op = opt == 'W' ? OP_DELETE : OP_ADD;
	l->watch = true;
	l->perm_added = true;
	memset(l->d.mask, 0xff, sizeof(l->d.mask));
	/* the default permissions come right after the path; -p edits them */
	if (adl_draft_add_str(&l->d, type, AUDIT_EQUAL, path, n) ||
	    adl_draft_add_num(&l->d, AUDIT_PERM, AUDIT_EQUAL,
			      AUDIT_PERM_READ | AUDIT_PERM_WRITE |
				      AUDIT_PERM_EXEC | AUDIT_PERM_ATTR))
		return adl_line_fail(l, "out of memory");
	return 0;
}

static int set_perm(struct line *l, const char *arg)
{
	int64_t val = adl_perm_bits(arg);
	uint32_t i;

	if (!l->perm_added)
		return adl_line_fail(
			l,
			"-p needs a watch, or a path, dir or perm field, before it");
	if (val < 0)
		return adl_line_fail(l, "permission %s is not valid", arg);
	for (i = 0; i < l->d.nfields; i++)
		if (l->d.fields[i].type == AUDIT_PERM) {
			l->d.fields[i].val = (uint32_t)val;
			return 0;
		}
	if (adl_draft_add_num(&l->d, AUDIT_PERM, AUDIT_EQUAL, (uint32_t)val))
		return adl_line_fail(l, "too many fields in one rule");
	return 0;
}

/*
 * The kernel refuses a backlog wait time over 10 * 60 * HZ jiffies: HZ is
 * 100 to 1000, so up to this it takes any, over ten times this none.
 */
#define WAIT_TIME_SURE 60000u

/* -b, -r, -B: auditctl wants a digit first, then takes what strtoul reads
 * (any base, "100\r" and "100x" are 100). */
static int control_number(struct line *l, int opt, const char *arg)
{
	uint32_t v;

	if (!isdigit((unsigned char)arg[0]))
		return adl_line_fail(l, "-%c needs a number, not %s", opt, arg);
	if (opt != 'B')
		return 0;
	v = (uint32_t)strtoul(arg, NULL, 0);
	if (v > 10 * WAIT_TIME_SURE)
		return adl_line_fail(
			l,
			"the kernel refuses a backlog wait time over 10 minutes: %s",
			arg);
	if (v > WAIT_TIME_SURE)
		return adl_line_fail(
			l,
			"whether the kernel takes a backlog wait time of %u depends on its HZ, which auditdline does not model",
			v);
	return 0;
}

/* Control lines: checked as auditctl checks them; -e 2 is remembered. */
static int control(struct line *l, int opt, const char *arg)
{
	switch (opt) {
	case 'e':
		if (strcmp(arg, "0") && strcmp(arg, "1") && strcmp(arg, "2"))
			return adl_line_fail(l, "-e takes 0, 1 or 2, not %s",
					     arg);
		if (!strcmp(arg, "2"))
			l->ld->lock_pending = true;
		return 0;
	case 'f':
		if (strcmp(arg, "0") && strcmp(arg, "1") && strcmp(arg, "2"))
			return adl_line_fail(l, "-f takes 0, 1 or 2, not %s",
					     arg);
		return 0;
	case 'b':
	case 'r':
	case 'B':
		return control_number(l, opt, arg);
	case 'R':
		return adl_line_fail(l,
				     "-R cannot be used inside a rules file");
	case 'h':
		return adl_line_fail(l, "-h (help) is not a rule");
	default:
		return 0;
	}
}

int adl_line_option(struct line *l, int opt, const char *arg)
{
	switch (opt) {
	case 'a':
	case 'A':
	case 'd':
		return set_rule_op(l, opt, arg);
	case 'S':
		return add_syscalls(l, arg);
	case 'F':
		return adl_line_add_field(l, arg);
	case 'C':
		return adl_line_add_compare(l, arg);
	case 'k':
		return adl_line_add_key(l, arg, true);
	case 'w':
	case 'W':
		return set_watch(l, opt, arg);
	case 'p':
		return set_perm(l, arg);
	case 'D':
		l->delete_all = true;
		return 0;
	case 'i':
		l->ld->ignore_errors = true;
		l->ld->keep_going = true;
		return 0;
	case 'c':
		l->ld->keep_going = true;
		return 0;
	default:
		return control(l, opt, arg);
	}
}

int adl_line_finish(struct line *l)
{
	struct adl_draft *d = &l->d;

	if (d->list == LIST_UNSET)
		return adl_line_fail(l, "no list given: use -a, -A, -d or -w");
	if (d->list == AUDIT_FILTER_EXIT && !l->syscall_added && !l->watch)
		memset(d->mask, 0xff, sizeof(d->mask));
	if (l->has_key) {
		if (!(l->syscall_added || l->perm_added || l->exe_added ||
		      l->fs_added))
			return adl_line_fail(
				l,
				"a key needs a syscall (-S), a watch or an exe path before it");
		if (adl_draft_add_str(d, AUDIT_FILTERKEY, AUDIT_EQUAL, l->key,
				      l->keylen))
			return adl_line_fail(l, "too many fields in one rule");
	}
	if (d->nfields > AUDIT_MAX_FIELDS)
		return adl_line_fail(l, "too many fields in one rule");
	return adl_kernel_check(l);
}
