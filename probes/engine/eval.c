/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * eval.c - does a rule collect what it says? A loaded rule is not effective
 * when it can never match (self-defeating), or when an earlier rule on its
 * list that records nothing or records without a key (a never rule, an
 * always rule without a key), a never,task rule or an exclude rule for
 * SYSCALL records can take events it matches (suppressed). Earlier always
 * rules with a key that can take its events record them under their own
 * key (recorders.c finds them). Overlap is decided field by field; in
 * doubt the rules overlap.
 */
#include <stdlib.h>
#include <string.h>
#include <libaudit.h>

#include "internal.h"

#define MSGTYPE_SYSCALL 1300

/* A set of unsigned 32-bit values as sorted closed intervals. */
#define MAX_SPANS 8
struct vset {
	int n;
	struct {
		uint32_t lo, hi;
	} s[MAX_SPANS];
	bool complex; /* too many pieces: treat as "anything" */
};

static void vset_all(struct vset *v)
{
	v->n = 1;
	v->s[0].lo = 0;
	v->s[0].hi = UINT32_MAX;
	v->complex = false;
}

static void vset_from_op(struct vset *v, uint32_t op, uint32_t x)
{
	v->complex = false;
	v->n = 0;
#define SPAN(a, b)                   \
	do {                         \
		v->s[v->n].lo = (a); \
		v->s[v->n].hi = (b); \
		v->n++;              \
	} while (0)
	switch (op) {
	case AUDIT_EQUAL:
		SPAN(x, x);
		break;
	case AUDIT_NOT_EQUAL:
		if (x > 0)
			SPAN(0, x - 1);
		if (x < UINT32_MAX)
			SPAN(x + 1, UINT32_MAX);
		break;
	case AUDIT_GREATER_THAN:
		if (x < UINT32_MAX)
			SPAN(x + 1, UINT32_MAX);
		break;
	case AUDIT_GREATER_THAN_OR_EQUAL:
		SPAN(x, UINT32_MAX);
		break;
	case AUDIT_LESS_THAN:
		if (x > 0)
			SPAN(0, x - 1);
		break;
	case AUDIT_LESS_THAN_OR_EQUAL:
		SPAN(0, x);
		break;
	default:
		SPAN(0, UINT32_MAX);
		break;
	}
#undef SPAN
}

static void vset_and(struct vset *a, const struct vset *b)
{
	struct vset r = { 0 };
	int i, j;

	if (a->complex || b->complex) {
		if (a->complex)
			*a = *b;
		return;
	}
	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++) {
			uint32_t lo = a->s[i].lo > b->s[j].lo ? a->s[i].lo
							      : b->s[j].lo;
			uint32_t hi = a->s[i].hi < b->s[j].hi ? a->s[i].hi
							      : b->s[j].hi;

			if (lo > hi)
				continue;
			if (r.n == MAX_SPANS) {
				vset_all(a);
				a->complex = true;
				return;
			}
			r.s[r.n].lo = lo;
			r.s[r.n].hi = hi;
			r.n++;
		}
	*a = r;
}

static bool vset_empty(const struct vset *v)
{
	return !v->complex && v->n == 0;
}

static bool numeric_field(uint32_t type, uint32_t op)
{
	int kind = adl_field_kind(type);

	if (op == AUDIT_BIT_MASK || op == AUDIT_BIT_TEST)
		return false;
	if (type == AUDIT_ARCH || type == AUDIT_PERM ||
	    type == AUDIT_FIELD_COMPARE || type == AUDIT_FILETYPE)
		return false;
	return kind != ADL_FK_STR;
}

/* The values a rule accepts for one field; false when it does not say. */
static bool field_set(const struct adl_rule *r, uint32_t type, struct vset *v)
{
	bool any = false;
	uint32_t i;

	vset_all(v);
	for (i = 0; i < r->nfields; i++) {
		const struct adl_field *f = &r->fields[i];
		struct vset one;

		if (f->type != type || !numeric_field(f->type, f->op))
			continue;
		vset_from_op(&one, f->op, f->val);
		vset_and(v, &one);
		any = true;
	}
	return any;
}

/* The rule's arch fields: how many, and the first one. */
static unsigned arch_fields(const struct adl_rule *r,
			    const struct adl_field **first)
{
	unsigned n = 0;
	uint32_t i;

	*first = NULL;
	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].type == AUDIT_ARCH && !n++)
			*first = &r->fields[i];
	return n;
}

/*
 * Arch: a rule without arch matches events of every arch. Both rules can
 * match (never_matches() passed them), so one without arch meets any.
 */
static bool arch_sets_meet(const struct adl_rule *a, const struct adl_rule *b)
{
	const struct adl_field *fa, *fb;
	unsigned na = arch_fields(a, &fa);
	unsigned nb = arch_fields(b, &fb);
	struct vset x;

	if (!na || !nb)
		return true;
	if (na == 1 && nb == 1 && fa->op == AUDIT_EQUAL &&
	    fb->op == AUDIT_EQUAL)
		return fa->val == fb->val;
	{
		uint32_t i;

		vset_all(&x);
		for (i = 0; i < a->nfields; i++)
			if (a->fields[i].type == AUDIT_ARCH) {
				struct vset o;

				vset_from_op(&o, a->fields[i].op,
					     a->fields[i].val);
				vset_and(&x, &o);
			}
		for (i = 0; i < b->nfields; i++)
			if (b->fields[i].type == AUDIT_ARCH) {
				struct vset o;

				vset_from_op(&o, b->fields[i].op,
					     b->fields[i].val);
				vset_and(&x, &o);
			}
	}
	return !vset_empty(&x);
}

/*
 * The syscalls on which a perm field can be true: the kernel tests perm
 * only on these (by class, or by open flags, or exec). Lists are supersets
 * across kernel versions: in doubt, a rule keeps a syscall.
 */
static const char *const perm_exec[] = { "execve", "execveat", NULL };
static const char *const perm_read[] = {
	"open",	      "openat",	   "openat2",	 "readlink",	"readlinkat",
	"getxattr",   "lgetxattr", "fgetxattr",	 "listxattr",	"llistxattr",
	"flistxattr", "quotactl",  "getxattrat", "listxattrat", NULL
};
static const char *const perm_write[] = {
	"open",	       "openat",     "openat2",	    "creat",	  "truncate",
	"ftruncate",   "truncate64", "ftruncate64", "rename",	  "renameat",
	"renameat2",   "mkdir",	     "mkdirat",	    "rmdir",	  "link",
	"linkat",      "unlink",     "unlinkat",    "symlink",	  "symlinkat",
	"mknod",       "mknodat",    "acct",	    "swapon",	  "quotactl",
	"quotactl_fd", "bind",	     "fallocate",   "socketcall", NULL
};
static const char *const perm_attr[] = {
	"open",	      "openat",	       "openat2",      "chmod",
	"fchmod",     "fchmodat",      "fchmodat2",    "chown",
	"lchown",     "fchown",	       "fchownat",     "chown32",
	"lchown32",   "fchown32",      "setxattr",     "lsetxattr",
	"fsetxattr",  "removexattr",   "lremovexattr", "fremovexattr",
	"setxattrat", "removexattrat", "link",	       "linkat",
	NULL
};

static void add_names(uint32_t *m, const char *const *names, int machine)
{
	for (; *names; names++) {
		int nr = audit_name_to_syscall(*names, machine);

		if (nr >= 0 && nr < ADL_MASK_WORDS * 32)
			m[nr / 32] |= 1u << (nr % 32);
	}
}

/*
 * The syscalls a perm value applies to on a machine. libaudit looks names
 * up one string compare at a time, and a host with thousands of watches
 * asks for the same few masks over and over: keep them, per thread (the
 * tables never change).
 */
#define PERM_CACHE 4
static const uint32_t *perm_mask(int machine, uint32_t perm)
{
	static __thread struct {
		int machine;
		uint16_t have; /* bit p: masks[p] is filled */
		uint32_t masks[16][ADL_MASK_WORDS];
	} cache[PERM_CACHE];
	static __thread int used;
	uint32_t *m;
	int i;

	perm &= 15;
	for (i = 0; i < used && cache[i].machine != machine; i++)
		;
	if (i == used) {
		if (used == PERM_CACHE)
			i = 0; /* a host names one or two machines */
		else
			used++;
		cache[i].machine = machine;
		cache[i].have = 0;
	}
	m = cache[i].masks[perm];
	if (!(cache[i].have & (1u << perm))) {
		memset(m, 0, sizeof(cache[i].masks[perm]));
		if (perm & AUDIT_PERM_EXEC)
			add_names(m, perm_exec, machine);
		if (perm & AUDIT_PERM_READ)
			add_names(m, perm_read, machine);
		if (perm & AUDIT_PERM_WRITE)
			add_names(m, perm_write, machine);
		if (perm & AUDIT_PERM_ATTR)
			add_names(m, perm_attr, machine);
		cache[i].have |= (uint16_t)(1u << perm);
	}
	return m;
}

/* The syscalls a rule can match: its mask, narrowed by any perm field. */
void adl_rule_reach(const struct adl_ruleset *rs, const struct adl_rule *r,
		    uint32_t *out)
{
	uint32_t allowed[ADL_MASK_WORDS] = { 0 };
	uint32_t perm = 0;
	bool has_perm = false;
	bool has_arch = false;
	int machines[2], nm = 0, k;
	uint32_t i;

	memcpy(out, r->mask, ADL_MASK_WORDS * sizeof(*out));
	for (i = 0; i < r->nfields; i++) {
		if (r->fields[i].type == AUDIT_PERM) {
			has_perm = true;
			perm |= r->fields[i].val;
		}
		has_arch |= r->fields[i].type == AUDIT_ARCH;
	}
	if (!has_perm)
		return;
	ADL_ASSERT(nm == 0);
	machines[nm++] = adl_rule_machine(rs, r);
	/* without arch, numbers of every arch the host runs apply */
	if (!has_arch && adl_compat_machine(rs->machine) >= 0)
		machines[nm++] = adl_compat_machine(rs->machine);
	for (k = 0; k < nm; k++) {
		const uint32_t *pm;
		int w;

		if (machines[k] < 0)
			return;
		pm = perm_mask(machines[k], perm);
		for (w = 0; w < ADL_MASK_WORDS; w++)
			allowed[w] |= pm[w];
	}
	for (k = 0; k < ADL_MASK_WORDS; k++)
		out[k] &= allowed[k];
}

/* Do two rules' reaches (adl_rule_reach) meet? */
static bool reaches_meet(const uint32_t *a, const uint32_t *b)
{
	int i;

	for (i = 0; i < ADL_MASK_WORDS; i++)
		if (a[i] & b[i])
			return true;
	return false;
}

/* Equal-only string fields with different literals cannot both hold. */
static bool strings_meet(const struct adl_rule *n, const struct adl_rule *r)
{
	uint32_t i, j;

	for (i = 0; i < n->nfields; i++) {
		const struct adl_field *f = &n->fields[i];

		if (!adl_field_is_string(f->type) ||
		    f->type == AUDIT_FILTERKEY || f->op != AUDIT_EQUAL)
			continue;
		for (j = 0; j < r->nfields; j++) {
			const struct adl_field *g = &r->fields[j];

			if (g->type == f->type && g->op == AUDIT_EQUAL &&
			    (g->val != f->val ||
			     memcmp(adl_field_str(n, f), adl_field_str(r, g),
				    f->val)))
				return false;
		}
	}
	return true;
}

/* Can some event satisfy the numeric fields of both rules? */
static bool numbers_meet(const struct adl_rule *n, const struct adl_rule *r,
			 bool skip_msgtype)
{
	uint32_t i;

	for (i = 0; i < n->nfields; i++) {
		uint32_t type = n->fields[i].type, j;
		struct vset a, b;

		if (!numeric_field(type, n->fields[i].op))
			continue;
		if (skip_msgtype && type == AUDIT_MSGTYPE)
			continue;
		for (j = 0; j < i && n->fields[j].type != type; j++)
			;
		if (j < i) /* this field's values are decided already */
			continue;
		if (!field_set(r, type, &b))
			continue;
		field_set(n, type, &a);
		vset_and(&a, &b);
		if (vset_empty(&a))
			return false;
	}
	return true;
}

/* Do the rule's arch fields let events of `machine` through? */
static bool arch_admits(const struct adl_rule *r, int machine)
{
	uint32_t elf = (uint32_t)audit_machine_to_elf(machine), i;

	for (i = 0; i < r->nfields; i++) {
		const struct adl_field *f = &r->fields[i];
		struct vset v;
		int k;
		bool in = false;

		if (f->type != AUDIT_ARCH)
			continue;
		vset_from_op(&v, f->op, f->val);
		for (k = 0; k < v.n; k++)
			in |= elf >= v.s[k].lo && elf <= v.s[k].hi;
		if (!in)
			return false;
	}
	return true;
}

/*
 * The syscall numbers a rule can match in events of `machine`: its mask
 * (numbers, whatever table named them: a rule without arch applies them
 * to every arch), narrowed by a perm field to the syscalls perm applies
 * to in that machine's table (the kernel classifies by the event's arch).
 */
static void reach_on(const struct adl_rule *r, int machine, uint32_t *out)
{
	uint32_t perm = 0, i;
	bool has_perm = false;
	const uint32_t *pm;
	int w;

	memcpy(out, r->mask, ADL_MASK_WORDS * sizeof(*out));
	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].type == AUDIT_PERM) {
			has_perm = true;
			perm |= r->fields[i].val;
		}
	if (!has_perm)
		return;
	pm = perm_mask(machine, perm);
	for (w = 0; w < ADL_MASK_WORDS; w++)
		out[w] &= pm[w];
}

/* Can some event of one machine (the host's, or its 32-bit one) meet
 * the arch fields and the syscalls of both rules? */
static bool machines_meet(const struct adl_ruleset *rs,
			  const struct adl_rule *n, const struct adl_rule *r)
{
	int machines[2] = { rs->machine, adl_compat_machine(rs->machine) }, k;

	for (k = 0; k < 2; k++) {
		uint32_t a[ADL_MASK_WORDS], b[ADL_MASK_WORDS];

		if (machines[k] < 0 || !arch_admits(n, machines[k]) ||
		    !arch_admits(r, machines[k]))
			continue;
		reach_on(n, machines[k], a);
		reach_on(r, machines[k], b);
		if (reaches_meet(a, b))
			return true;
	}
	return false;
}

bool adl_exit_overlap(const struct adl_ruleset *rs, const struct adl_rule *n,
		      const uint32_t *reach_n, const struct adl_rule *r,
		      const uint32_t *reach_r)
{
	uint32_t own[ADL_MASK_WORDS];

	if (!arch_sets_meet(n, r) || !numbers_meet(n, r, false) ||
	    !strings_meet(n, r))
		return false;
	if (!reach_n) {
		adl_rule_reach(rs, n, own);
		reach_n = own;
	}
	/* the reaches are unions over machines: a quick no */
	return reaches_meet(reach_n, reach_r) && machines_meet(rs, n, r);
}

static bool drops_syscall_records(const struct adl_rule *x)
{
	struct vset v, one;

	field_set(x, AUDIT_MSGTYPE, &v);
	vset_from_op(&one, AUDIT_EQUAL, MSGTYPE_SYSCALL);
	vset_and(&v, &one);
	return !vset_empty(&v);
}

/* Why a rule can never match, or NULL. */
static const char *never_matches(const struct adl_ruleset *rs,
				 const struct adl_rule *r)
{
	uint32_t i, arch_eq = 0;
	bool arch_seen = false;
	struct vset v;

	for (i = 0; i < r->nfields; i++) {
		const struct adl_field *f = &r->fields[i];

		if (f->type == AUDIT_ARCH && f->op == AUDIT_EQUAL) {
			if (arch_seen && f->val != arch_eq)
				return "it can never match: two different arch= values";
			arch_seen = true;
			arch_eq = f->val;
		}
	}
	for (i = 0; i < r->nfields; i++) {
		const struct adl_field *f = &r->fields[i];

		if (!numeric_field(f->type, f->op) || f->type == AUDIT_ARCH)
			continue;
		field_set(r, f->type, &v);
		if (vset_empty(&v))
			return "it can never match: its conditions on one field exclude each other";
	}
	if (r->list == AUDIT_FILTER_EXIT) {
		uint32_t m[ADL_MASK_WORDS], any = 0;
		int k;

		for (k = 0; k < ADL_MASK_WORDS; k++)
			any |= r->mask[k];
		if (!any)
			return "it can never match: no syscalls";
		adl_rule_reach(rs, r, m);
		any = 0;
		for (k = 0; k < ADL_MASK_WORDS; k++)
			any |= m[k];
		/* perm is only ever true on execve (x), open and the file
		 * syscall classes (r, w, a) */
		if (!any) {
			static __thread char why[96];
			char perms[5];
			uint32_t p = 0;

			for (k = 0; k < r->nfields; k++)
				if (r->fields[k].type == AUDIT_PERM)
					p |= r->fields[k].val;
			adl_perm_text(p, perms);
			snprintf(
				why, sizeof(why),
				"it can never match: perm=%s applies to none of its syscalls",
				perms);
			return why;
		}
	}
	return NULL;
}

void adl_rule_where(const struct adl_ruleset *rs, const struct adl_rule *r,
		    struct adl_buf *b)
{
	const char *f = adl_ruleset_file(rs, r->file);

	if (r->source == ADL_SOURCE_KERNEL || !f)
		adl_buf_printf(b, "kernel rule %u", r->line);
	else
		adl_buf_printf(b, "%s:%u", f, r->line);
}

char *adl_rule_recorded_note(const struct adl_ruleset *rs,
			     const struct adl_rule *r)
{
	struct adl_buf b = { 0 };
	unsigned i;

	if (!r->nrecorded_by)
		return NULL;
	adl_buf_puts(
		&b,
		"some of its events match an earlier rule first and are recorded under that rule's key, not its own: ");
	for (i = 0; i < r->nrecorded_by; i++) {
		const struct adl_rule *by =
			adl_ruleset_rule(rs, r->recorded_by[i]);
		const char *key, *sep = "";
		size_t pos = 0, len;

		adl_buf_puts(&b, i ? ", " : "");
		adl_rule_where(rs, by, &b);
		adl_buf_puts(&b, " (key ");
		while (adl_rule_next_key(by, &pos, &key, &len)) {
			adl_buf_puts(&b, sep);
			adl_buf_putn(&b, key, len);
			sep = ", ";
		}
		adl_buf_puts(&b, ")");
	}
	if (r->state & ADL_RECORDED_MORE)
		adl_buf_puts(&b, ", and more");
	adl_buf_puts(&b, "; a search for its own key misses those events");
	if (b.oom) {
		adl_buf_free(&b);
		return NULL;
	}
	return b.s;
}

static void suppress(struct adl_ruleset *rs, struct adl_rule *r,
		     const struct adl_rule *by, const char *what)
{
	struct adl_buf b = { 0 };
	char *text = adl_rule_text(rs, by, ADL_FMT_CANONICAL);

	adl_buf_printf(&b, "suppressed: %s at ", what);
	adl_rule_where(rs, by, &b);
	adl_buf_printf(&b, " (%s)", text ? text : "?");
	free(text);
	r->state &= (uint8_t)~ADL_EFFECTIVE;
	free(r->reason);
	r->reason = b.oom ? NULL : b.s;
}

/* An exit rule whose events are lost or unkeyed: never, or no key. */
static bool takes_unkeyed(const struct adl_rule *x)
{
	size_t pos = 0, len;
	const char *key;

	return x->action == AUDIT_NEVER ||
	       !adl_rule_next_key(x, &pos, &key, &len);
}

/*
 * The first rule that takes events from exit rule `r` (reach `rr`), if
 * any: an earlier rule of `takers` (never, or always without a key), or
 * one of `others` (never,task; a SYSCALL exclude).
 */
static void suppress_exit(struct adl_ruleset *rs, struct adl_rule *r,
			  const uint32_t *rr, const struct adl_rule **takers,
			  size_t ntakers, const struct adl_rule **others,
			  size_t nothers)
{
	size_t j;

	for (j = 0; j < ntakers; j++) {
		const struct adl_rule *x = takers[j];

		if (!adl_exit_overlap(rs, x, NULL, r, rr))
			continue;
		if (x->action == AUDIT_NEVER)
			suppress(rs, r, x, "an earlier never rule");
		else
			suppress(
				rs, r, x,
				"an earlier always rule without a key takes its events and records them without a key");
		return;
	}
	for (j = 0; j < nothers; j++) {
		const struct adl_rule *x = others[j];

		if (x->list == AUDIT_FILTER_TASK && numbers_meet(x, r, false)) {
			suppress(
				rs, r, x,
				"a never,task rule stops syscall auditing for the tasks it matches");
			return;
		}
		if (x->list == AUDIT_FILTER_EXCLUDE &&
		    numbers_meet(x, r, true)) {
			suppress(rs, r, x,
				 "an exclude rule drops its SYSCALL records");
			return;
		}
	}
}

/* never,task and SYSCALL-dropping exclude rules act whatever their
 * place: every one of them counts. */
static size_t collect_others(const struct adl_rule **v, size_t n,
			     const struct adl_rule **others)
{
	size_t i, nothers = 0;

	for (i = 0; i < n; i++) {
		const struct adl_rule *x = v[i];

		if ((x->list == AUDIT_FILTER_TASK &&
		     x->action == AUDIT_NEVER) ||
		    (x->list == AUDIT_FILTER_EXCLUDE &&
		     drops_syscall_records(x)))
			others[nothers++] = x;
	}
	return nothers;
}

static void mark_not_loaded(struct adl_ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->nrules; i++) {
		struct adl_rule *r = &rs->rules[i];

		free(r->recorded_by);
		r->recorded_by = NULL;
		r->nrecorded_by = 0;
		r->state &= (uint8_t)~ADL_RECORDED_MORE;
		if (!(r->state & ADL_LOADED)) {
			r->state &= (uint8_t)~ADL_EFFECTIVE;
			if (!r->reason)
				adl_rule_set_reason(r, "not loaded");
		}
	}
}

void adl_evaluate(struct adl_ruleset *rs)
{
	const struct adl_rule **takers = NULL;
	const struct adl_rule **others = NULL;
	const struct adl_rule **v;
	size_t n = adl_ruleset_listed(rs, &v);
	size_t ntakers = 0;
	size_t i, nothers;
	struct adl_recorders *rec = NULL;
	uint32_t rr[ADL_MASK_WORDS];

	mark_not_loaded(rs);
	if (!v)
		return;
	takers = malloc((n ? n : 1) * sizeof(*takers));
	others = malloc((n ? n : 1) * sizeof(*others));
	rec = adl_recorders_new(n);
	if (!takers || !others || !rec)
		goto out;
	nothers = collect_others(v, n, others);
	for (i = 0; i < n; i++) {
		struct adl_rule *r = (struct adl_rule *)v[i];
		const char *why = never_matches(rs, r);

		r->state |= ADL_EFFECTIVE;
		free(r->reason);
		r->reason = NULL;
		if (why) {
			r->state &= (uint8_t)~ADL_EFFECTIVE;
			adl_rule_set_reason(r, "%s", why);
			continue;
		}
		if (r->list != AUDIT_FILTER_EXIT)
			continue;
		adl_rule_reach(rs, r, rr);
		suppress_exit(rs, r, rr, takers, ntakers, others, nothers);
		if (r->action == AUDIT_ALWAYS && (r->state & ADL_EFFECTIVE) &&
		    adl_recorders_find(rec, rs, r, rr) < 0)
			goto out;
		ADL_ASSERT(ntakers < n);
		if (takes_unkeyed(r))
			takers[ntakers++] = r;
		else if (adl_recorders_add(rec, rs, r, rr) < 0)
			goto out;
	}
out:
	adl_recorders_free(rec);
	free(others);
	free(takers);
	free(v);
}
