/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ruleset.c - the rule set: rules in load order, file names, errors, the
 * loaded rules indexed by content (the kernel's "Rule exists" test) and the
 * interned syscall masks that keep each rule small.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <libaudit.h>

#include "internal.h"

void adl_ruleset_set_skip(struct adl_ruleset *rs, adl_skip_fn fn, void *arg)
{
	rs->skip = fn;
	rs->skip_arg = arg;
}

const char *adl_ruleset_skips(const struct adl_ruleset *rs, const char *path)
{
	return rs->skip ? rs->skip(path, rs->skip_arg) : NULL;
}

int adl_machine_from_name(const char *name)
{
	return audit_name_to_machine(name);
}

struct adl_ruleset *adl_ruleset_new(int machine)
{
	struct adl_ruleset *rs = calloc(1, sizeof(*rs));

	if (!rs)
		return NULL;
	if (machine < 0)
		machine = audit_detect_machine();
	rs->machine = machine;
	rs->prepend_next = -1;
	return rs;
}

void adl_ruleset_free(struct adl_ruleset *rs)
{
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->nrules; i++) {
		free(rs->rules[i].fields);
		free(rs->rules[i].strings);
		free(rs->rules[i].reason);
		free(rs->rules[i].recorded_by);
	}
	free(rs->rules);
	for (i = 0; i < rs->nerrors; i++)
		free(rs->errors[i].message);
	free(rs->errors);
	for (i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	free(rs->files);
	for (i = 0; i < rs->maskcap; i++)
		free(rs->masks[i]);
	free(rs->masks);
	free(rs->dup);
	free(rs->root);
	free(rs);
}

enum adl_status adl_ruleset_set_root(struct adl_ruleset *rs, const char *root)
{
	char *r = NULL;

	if (root && *root && strcmp(root, "/") != 0) {
		size_t n = strlen(root);

		r = strdup(root);
		if (!r)
			return ADL_ERR_NOMEM;
		while (n > 1 && r[n - 1] == '/')
			r[--n] = '\0';
	}
	free(rs->root);
	rs->root = r;
	return ADL_OK;
}

uint32_t adl_ruleset_intern_file(struct adl_ruleset *rs, const char *name)
{
	size_t i;
	char **f;

	/* Few files, looked up once per file: a scan from the end is enough. */
	for (i = rs->nfiles; i-- > 0;)
		if (strcmp(rs->files[i], name) == 0)
			return (uint32_t)i;
	if (adl_grow(&rs->files, &rs->capfiles, rs->nfiles + 1, sizeof(*f)))
		return ADL_NO_FILE;
	f = rs->files;
	f[rs->nfiles] = strdup(name);
	if (!f[rs->nfiles])
		return ADL_NO_FILE;
	return (uint32_t)rs->nfiles++;
}

const char *adl_ruleset_file(const struct adl_ruleset *rs, uint32_t file)
{
	return file < rs->nfiles ? rs->files[file] : NULL;
}

static void add_error(struct adl_ruleset *rs, uint32_t file, uint32_t line,
		      bool warning, const char *fmt, va_list ap)
{
	struct adl_error *e;
	char *msg;

	if (adl_grow(&rs->errors, &rs->caperrors, rs->nerrors + 1, sizeof(*e)))
		return;
	e = rs->errors;
	if (vasprintf(&msg, fmt, ap) < 0)
		return;
	e[rs->nerrors] = (struct adl_error){
		.file = file, .line = line, .message = msg, .warning = warning
	};
	rs->nerrors++;
}

void adl_ruleset_errorf(struct adl_ruleset *rs, uint32_t file, uint32_t line,
			const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_error(rs, file, line, false, fmt, ap);
	va_end(ap);
}

void adl_ruleset_warnf(struct adl_ruleset *rs, uint32_t file, uint32_t line,
		       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_error(rs, file, line, true, fmt, ap);
	va_end(ap);
}

void adl_rule_set_reason(struct adl_rule *r, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	free(r->reason);
	r->reason = msg;
}

size_t adl_ruleset_count(const struct adl_ruleset *rs)
{
	return rs->nrules;
}

const struct adl_rule *adl_ruleset_rule(const struct adl_ruleset *rs, size_t i)
{
	return i < rs->nrules ? &rs->rules[i] : NULL;
}

size_t adl_ruleset_nerrors(const struct adl_ruleset *rs)
{
	return rs->nerrors;
}

const struct adl_error *adl_ruleset_error(const struct adl_ruleset *rs,
					  size_t i)
{
	return i < rs->nerrors ? &rs->errors[i] : NULL;
}

const char *adl_field_str(const struct adl_rule *r, const struct adl_field *f)
{
	return f->str == ADL_NO_STR ? NULL : r->strings + f->str;
}

/* Drafts. */

void adl_draft_init(struct adl_draft *d)
{
	memset(d, 0, sizeof(*d));
}

void adl_draft_fini(struct adl_draft *d)
{
	adl_buf_free(&d->strings);
}

int adl_draft_add_num(struct adl_draft *d, uint32_t type, uint32_t op,
		      uint32_t val)
{
	if (d->nfields >= AUDIT_MAX_FIELDS)
		return -1;
	d->fields[d->nfields++] =
		(struct adl_field){ type, op, val, ADL_NO_STR };
	return 0;
}

int adl_draft_add_str(struct adl_draft *d, uint32_t type, uint32_t op,
		      const char *s, size_t len)
{
	size_t off = d->strings.len;

	if (d->nfields >= AUDIT_MAX_FIELDS)
		return -1;
	adl_buf_putn(&d->strings, s, len);
	adl_buf_putn(&d->strings, "", 1);
	if (d->strings.oom)
		return -1;
	d->fields[d->nfields++] =
		(struct adl_field){ type, op, (uint32_t)len, (uint32_t)off };
	return 0;
}

/* Masks: most rules share a handful of masks, so each is kept once. */

/* Eight bytes a step (every rule is hashed twice as it loads); the shift
 * brings the high bits down, since the tables index by the low ones. */
static uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 32);
}

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	uint64_t w;

	while (n >= 8) {
		memcpy(&w, c, 8);
		h = mix(h, w);
		c += 8;
		n -= 8;
	}
	while (n--) {
		h ^= *c++;
		h *= 0x100000001b3ULL;
	}
	return h ^ (h >> 29);
}

#define HASH_SEED 0xcbf29ce484222325ULL

static const uint32_t *intern_mask(struct adl_ruleset *rs, const uint32_t *m)
{
	size_t i, cap;
	uint64_t h;

	if (rs->nmasks * 2 >= rs->maskcap) {
		size_t ncap = rs->maskcap ? rs->maskcap * 2 : 64;
		uint32_t **n = calloc(ncap, sizeof(*n));

		if (!n)
			return NULL;
		for (i = 0; i < rs->maskcap; i++) {
			uint32_t *e = rs->masks[i];
			size_t j;

			if (!e)
				continue;
			h = hash_bytes(HASH_SEED, e,
				       ADL_MASK_WORDS * sizeof(uint32_t));
			for (j = h & (ncap - 1); n[j]; j = (j + 1) & (ncap - 1))
				;
			n[j] = e;
		}
		free(rs->masks);
		rs->masks = n;
		rs->maskcap = ncap;
	}
	cap = rs->maskcap;
	/* a free slot ends every probe */
	ADL_ASSERT(rs->nmasks < cap && (cap & (cap - 1)) == 0);
	h = hash_bytes(HASH_SEED, m, ADL_MASK_WORDS * sizeof(uint32_t));
	for (i = h & (cap - 1); rs->masks[i]; i = (i + 1) & (cap - 1))
		if (!memcmp(rs->masks[i], m, ADL_MASK_WORDS * sizeof(*m)))
			return rs->masks[i];
	rs->masks[i] = malloc(ADL_MASK_WORDS * sizeof(uint32_t));
	if (!rs->masks[i])
		return NULL;
	memcpy(rs->masks[i], m, ADL_MASK_WORDS * sizeof(uint32_t));
	rs->nmasks++;
	return rs->masks[i];
}

long adl_ruleset_add(struct adl_ruleset *rs, struct adl_draft *d,
		     uint8_t source, uint32_t file, uint32_t line)
{
	struct adl_rule *r, *rules;
	uint32_t mask[ADL_MASK_WORDS];

	ADL_ASSERT(d->nfields <= AUDIT_MAX_FIELDS);
	if (adl_grow(&rs->rules, &rs->caprules, rs->nrules + 1, sizeof(*rules)))
		return -1;
	rules = rs->rules;
	r = &rules[rs->nrules];
	memset(r, 0, sizeof(*r));

	/* The kernel takes the top 16 bits of the last word as syscall
	 * classes and clears them; keep what the kernel keeps. */
	memcpy(mask, d->mask, sizeof(mask));
	mask[ADL_MASK_WORDS - 1] &= 0x0000ffffu;
	r->mask = intern_mask(rs, mask);
	r->fields = malloc((d->nfields ? d->nfields : 1) * sizeof(*r->fields));
	r->strings = malloc(d->strings.len + 1);
	if (!r->mask || !r->fields || !r->strings) {
		free(r->fields);
		free(r->strings);
		return -1;
	}
	memcpy(r->fields, d->fields, d->nfields * sizeof(*r->fields));
	if (d->strings.len)
		memcpy(r->strings, d->strings.s, d->strings.len);
	r->strings[d->strings.len] = '\0';
	r->list = d->list;
	r->action = d->action;
	r->nfields = (uint8_t)d->nfields;
	r->state = d->prepend ? ADL_PREPEND : 0;
	r->source = source;
	r->file = file;
	r->line = line;
	return (long)rs->nrules++;
}

/* Content index of loaded rules. */

static uint64_t rule_hash(const struct adl_rule *r)
{
	uint64_t h = HASH_SEED;
	uint32_t i;

	h = mix(h, r->list | (uint32_t)r->action << 8 |
			   (uint32_t)r->nfields << 16);
	for (i = 0; i < r->nfields; i++) {
		const struct adl_field *f = &r->fields[i];

		h = mix(h, (uint64_t)f->type << 32 | f->op);
		h = mix(h, f->val);
		if (f->str != ADL_NO_STR)
			h = hash_bytes(h, r->strings + f->str, f->val);
	}
	/* masks are interned: equal masks are the same pointer */
	return mix(h, (uint64_t)(uintptr_t)r->mask);
}

/* Equal as the kernel's rule comparison sees them. */
static bool rule_equal(const struct adl_rule *a, const struct adl_rule *b)
{
	uint32_t i;

	if (a->list != b->list || a->action != b->action ||
	    a->nfields != b->nfields || a->mask != b->mask)
		return false;
	for (i = 0; i < a->nfields; i++) {
		const struct adl_field *x = &a->fields[i];
		const struct adl_field *y = &b->fields[i];

		if (x->type != y->type || x->op != y->op || x->val != y->val)
			return false;
		if (x->str != ADL_NO_STR &&
		    memcmp(a->strings + x->str, b->strings + y->str, x->val))
			return false;
	}
	return true;
}

#define DUP_DELETED UINT32_MAX

static int dup_grow(struct adl_ruleset *rs)
{
	size_t ncap = 256;
	size_t live = 0;
	size_t i, j;
	uint32_t *n;

	for (i = 0; i < rs->dupcap; i++)
		live += rs->dup[i] && rs->dup[i] != DUP_DELETED;
	/* a power of two at least four times the live entries */
	while (ncap < (live + 1) * 4 && ncap <= ADL_GROW_MAX / sizeof(*n) / 2)
		ncap *= 2;
	if (ncap < (live + 1) * 4)
		return -1;
	n = calloc(ncap, sizeof(*n));
	if (!n)
		return -1;
	for (i = 0; i < rs->dupcap; i++) {
		uint32_t v = rs->dup[i];

		if (!v || v == DUP_DELETED)
			continue;
		ADL_ASSERT(v - 1 < rs->nrules);
		j = rule_hash(&rs->rules[v - 1]) & (ncap - 1);
		while (n[j])
			j = (j + 1) & (ncap - 1);
		n[j] = v;
	}
	free(rs->dup);
	rs->dup = n;
	rs->dupcap = ncap;
	rs->dupused = live; /* deleted slots are gone */
	return 0;
}

long adl_ruleset_find_loaded(struct adl_ruleset *rs, const struct adl_rule *r)
{
	size_t i, mask;
	long best = -1;

	if (!rs->dupcap)
		return -1;
	mask = rs->dupcap - 1;
	for (i = rule_hash(r) & mask; rs->dup[i]; i = (i + 1) & mask) {
		uint32_t v = rs->dup[i];
		const struct adl_rule *o;

		if (v == DUP_DELETED)
			continue;
		ADL_ASSERT(v - 1 < rs->nrules);
		o = &rs->rules[v - 1];
		if (o != r && rule_equal(o, r)) {
			/* the first in list order is the one the kernel finds
			 */
			if (best < 0 || o->order < rs->rules[best].order)
				best = (long)(v - 1);
		}
	}
	return best;
}

int adl_ruleset_mark_loaded(struct adl_ruleset *rs, size_t idx)
{
	struct adl_rule *r = &rs->rules[idx];
	size_t i;

	ADL_ASSERT(idx < rs->nrules && !(r->state & ADL_LOADED));
	r->state |= ADL_LOADED;
	r->order = (r->state & ADL_PREPEND) ? rs->prepend_next--
					    : rs->append_next++;
	if ((rs->dupused + 1) * 2 > rs->dupcap && dup_grow(rs)) {
		r->state &= (uint8_t)~ADL_LOADED;
		return -1;
	}
	ADL_ASSERT(rs->dupused < rs->dupcap);
	for (i = rule_hash(r) & (rs->dupcap - 1);
	     rs->dup[i] && rs->dup[i] != DUP_DELETED;
	     i = (i + 1) & (rs->dupcap - 1))
		;
	if (!rs->dup[i])
		rs->dupused++;
	rs->dup[i] = (uint32_t)idx + 1;
	return 0;
}

void adl_ruleset_unload(struct adl_ruleset *rs, size_t idx)
{
	struct adl_rule *r = &rs->rules[idx];
	size_t i, mask = rs->dupcap - 1;

	ADL_ASSERT(idx < rs->nrules);
	r->state &= (uint8_t)~ADL_LOADED;
	if (!rs->dupcap)
		return;
	for (i = rule_hash(r) & mask; rs->dup[i]; i = (i + 1) & mask)
		if (rs->dup[i] == idx + 1) {
			rs->dup[i] = DUP_DELETED;
			return;
		}
}

static int cmp_listed(const void *a, const void *b)
{
	const struct adl_rule *x = *(const struct adl_rule *const *)a;
	const struct adl_rule *y = *(const struct adl_rule *const *)b;

	if (x->list != y->list)
		return x->list < y->list ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return 0;
}

size_t adl_ruleset_listed(const struct adl_ruleset *rs,
			  const struct adl_rule ***out)
{
	const struct adl_rule **v;
	size_t i, n = 0;

	*out = NULL;
	v = malloc((rs->nrules ? rs->nrules : 1) * sizeof(*v));
	if (!v)
		return 0;
	for (i = 0; i < rs->nrules; i++)
		if (rs->rules[i].state & ADL_LOADED)
			v[n++] = &rs->rules[i];
	qsort(v, n, sizeof(*v), cmp_listed);
	*out = v;
	return n;
}

int adl_rule_machine(const struct adl_ruleset *rs, const struct adl_rule *r)
{
	uint32_t i;

	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].type == AUDIT_ARCH) {
			int m = audit_elf_to_machine(r->fields[i].val);

			return m >= 0 ? m : rs->machine;
		}
	return rs->machine;
}

bool adl_rule_all_syscalls(const struct adl_rule *r)
{
	int i;

	for (i = 0; i < ADL_MASK_WORDS - 1; i++)
		if (r->mask[i] != UINT32_MAX)
			return false;
	return true;
}

const char *adl_syscall_name(int nr, int machine)
{
	if (machine < 0)
		return NULL;
	return audit_syscall_to_name(nr, machine);
}

int adl_compat_machine(int machine)
{
	switch (machine) {
	case MACH_86_64:
		return MACH_X86;
	case MACH_PPC64:
	case MACH_PPC64LE:
		return MACH_PPC;
	case MACH_S390X:
		return MACH_S390;
	case MACH_AARCH64:
		return MACH_ARM;
	default:
		return -1;
	}
}

void adl_arch_text(const struct adl_ruleset *rs, const struct adl_field *f,
		   char *out, size_t len)
{
	int m = audit_elf_to_machine(f->val);
	const char *op = f->op == AUDIT_NOT_EQUAL ? "!=" : "";

	if (m >= 0 &&
	    (m == rs->machine || m == adl_compat_machine(rs->machine)))
		snprintf(out, len, "%s%s", op,
			 (f->val & __AUDIT_ARCH_64BIT) ? "b64" : "b32");
	else if (m >= 0 && audit_machine_to_name(m))
		snprintf(out, len, "%s%s", op, audit_machine_to_name(m));
	else
		snprintf(out, len, "%s0x%X", op, f->val);
}
