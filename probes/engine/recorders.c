/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * recorders.c - which earlier always rules with a key record a rule's
 * events? On the exit list the first matching rule decides the key, so an
 * event a later rule would record under its key may be recorded under an
 * earlier rule's. evaluate() asks for every effective always rule, in list
 * order, and adds the keyed rules as it passes them.
 *
 * Asking every earlier rule would be quadratic on hosts with tens of
 * thousands of rules, so the keyed rules are indexed where most pairs
 * cannot meet: by their literal `path=` (different paths never meet), and
 * the others by the syscalls they can match. The answer stops at
 * ADL_RECORDED_BY_MAX rules and says whether there are more.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NSYSCALLS (ADL_MASK_WORDS * 32)
/* A rule that can match more syscalls than this is not put in buckets. */
#define BUCKET_MAX_SYSCALLS 64

/* Positions in the list (indices of evaluate()'s listed rules). */
struct posv {
	uint32_t *v;
	size_t n, cap;
};

/* Keyed rules with a literal path=, by path. */
struct path_slot {
	const char *path; /* NULL: empty slot */
	uint32_t len;
	struct posv pos;
};

/* The reaches of the rules added, each distinct one kept once. */
struct reach_set {
	uint32_t **v; /* open addressing; NULL: empty */
	size_t cap, n;
};

struct adl_recorders {
	const struct adl_rule **rule; /* by position */
	const uint32_t **reach;	      /* by position, in `reaches` */
	struct reach_set reaches;
	uint32_t *seen; /* by position: last query + 1 */
	size_t cap;	/* positions made room for */
	uint32_t nrules, query;
	struct posv bucket[NSYSCALLS]; /* no path=, few syscalls */
	struct posv wide;	       /* no path=, many syscalls */
	struct posv pathed;	       /* with a path=, all of them */
	struct path_slot *paths;
	size_t pathcap, npaths;
};

static int posv_push(struct posv *p, uint32_t pos)
{
	if (adl_grow(&p->v, &p->cap, p->n + 1, sizeof(*p->v)))
		return -1;
	p->v[p->n++] = pos;
	return 0;
}

struct adl_recorders *adl_recorders_new(size_t n)
{
	struct adl_recorders *x = calloc(1, sizeof(*x));

	if (!x)
		return NULL;
	x->rule = malloc((n ? n : 1) * sizeof(*x->rule));
	x->reach = malloc((n ? n : 1) * sizeof(*x->reach));
	x->seen = calloc(n ? n : 1, sizeof(*x->seen));
	if (!x->rule || !x->reach || !x->seen || n >= UINT32_MAX) {
		adl_recorders_free(x);
		return NULL;
	}
	x->cap = n;
	return x;
}

void adl_recorders_free(struct adl_recorders *x)
{
	size_t i;

	if (!x)
		return;
	for (i = 0; i < NSYSCALLS; i++)
		free(x->bucket[i].v);
	free(x->wide.v);
	free(x->pathed.v);
	for (i = 0; i < x->pathcap; i++)
		free(x->paths[i].pos.v);
	free(x->paths);
	for (i = 0; i < x->reaches.cap; i++)
		free(x->reaches.v[i]);
	free(x->reaches.v);
	free(x->seen);
	free(x->reach);
	free(x->rule);
	free(x);
}

/* The rule's literal path (path=, "=" only), or NULL. */
static const char *literal_path(const struct adl_rule *r, uint32_t *len)
{
	uint32_t i;

	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].type == AUDIT_WATCH &&
		    r->fields[i].op == AUDIT_EQUAL) {
			*len = r->fields[i].val;
			return adl_field_str(r, &r->fields[i]);
		}
	return NULL;
}

static size_t hash_bytes(const void *p, size_t len)
{
	const unsigned char *s = p;
	size_t h = 14695981039346656037ULL, i;

	for (i = 0; i < len; i++)
		h = (h ^ s[i]) * 1099511628211ULL;
	return h;
}

#define REACH_BYTES (ADL_MASK_WORDS * sizeof(uint32_t))

static size_t hash_words(const uint32_t *w)
{
	size_t h = 0;
	int i;

	for (i = 0; i < ADL_MASK_WORDS; i++)
		h = (h ^ w[i]) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

static uint32_t **reach_slot(uint32_t **v, size_t cap, const uint32_t *reach)
{
	size_t i, mask = cap - 1;

	ADL_ASSERT(cap && (cap & mask) == 0);
	for (i = hash_words(reach) & mask; v[i]; i = (i + 1) & mask)
		if (!memcmp(v[i], reach, REACH_BYTES))
			break;
	return &v[i];
}

/* The kept copy of `reach`; NULL when out of memory. */
static const uint32_t *reach_intern(struct reach_set *set,
				    const uint32_t *reach)
{
	uint32_t **slot;

	if (set->n + 1 > set->cap / 2) {
		size_t cap = set->cap ? set->cap * 2 : 64, i;
		uint32_t **v = calloc(cap, sizeof(*v));

		if (!v)
			return NULL;
		for (i = 0; i < set->cap; i++)
			if (set->v[i])
				*reach_slot(v, cap, set->v[i]) = set->v[i];
		free(set->v);
		set->v = v;
		set->cap = cap;
	}
	slot = reach_slot(set->v, set->cap, reach);
	if (!*slot) {
		*slot = malloc(REACH_BYTES);
		if (!*slot)
			return NULL;
		memcpy(*slot, reach, REACH_BYTES);
		set->n++;
	}
	return *slot;
}

static struct path_slot *path_slot(struct adl_recorders *x, const char *s,
				   uint32_t len, bool add)
{
	size_t i, mask;

	if (!x->pathcap)
		return NULL;
	mask = x->pathcap - 1;
	for (i = hash_bytes(s, len) & mask; x->paths[i].path;
	     i = (i + 1) & mask)
		if (x->paths[i].len == len && !memcmp(x->paths[i].path, s, len))
			return &x->paths[i];
	if (!add)
		return NULL;
	ADL_ASSERT(x->npaths + 1 < x->pathcap);
	x->paths[i].path = s;
	x->paths[i].len = len;
	x->npaths++;
	return &x->paths[i];
}

static int paths_grow(struct adl_recorders *x)
{
	struct path_slot *old = x->paths;
	size_t oldcap = x->pathcap, i;

	if (x->npaths + 1 <= x->pathcap / 2)
		return 0;
	x->pathcap = oldcap ? oldcap * 2 : 64;
	x->paths = calloc(x->pathcap, sizeof(*x->paths));
	if (!x->paths) {
		x->paths = old;
		x->pathcap = oldcap;
		return -1;
	}
	x->npaths = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i].path) {
			struct path_slot *s =
				path_slot(x, old[i].path, old[i].len, true);

			s->pos = old[i].pos;
		}
	free(old);
	return 0;
}

static unsigned syscall_count(const uint32_t *reach)
{
	unsigned n = 0;
	int w;

	for (w = 0; w < ADL_MASK_WORDS; w++)
		n += (unsigned)__builtin_popcount(reach[w]);
	return n;
}

/* The next syscall in `reach` from `nr` on; NSYSCALLS when none. */
static unsigned next_syscall(const uint32_t *reach, unsigned nr)
{
	unsigned w = nr / 32;
	uint32_t bits;

	if (nr >= NSYSCALLS)
		return NSYSCALLS;
	bits = reach[w] & (UINT32_MAX << (nr % 32));
	while (!bits) {
		if (++w == ADL_MASK_WORDS)
			return NSYSCALLS;
		bits = reach[w];
	}
	return w * 32 + (unsigned)__builtin_ctz(bits);
}

int adl_recorders_add(struct adl_recorders *x, const struct adl_ruleset *rs,
		      const struct adl_rule *r, const uint32_t *reach)
{
	uint32_t pos = x->nrules, len;
	const char *path = literal_path(r, &len);
	unsigned nr;

	(void)rs;
	ADL_ASSERT(pos < x->cap);
	x->reach[pos] = reach_intern(&x->reaches, reach);
	if (!x->reach[pos])
		return -1;
	x->rule[x->nrules++] = r;
	if (path) {
		struct path_slot *s;

		if (paths_grow(x) < 0)
			return -1;
		s = path_slot(x, path, len, true);
		if (posv_push(&s->pos, pos) < 0)
			return -1;
		return posv_push(&x->pathed, pos);
	}
	if (syscall_count(reach) > BUCKET_MAX_SYSCALLS)
		return posv_push(&x->wide, pos);
	for (nr = next_syscall(reach, 0); nr < NSYSCALLS;
	     nr = next_syscall(reach, nr + 1))
		if (posv_push(&x->bucket[nr], pos) < 0)
			return -1;
	return 0;
}

/* Found positions, at most ADL_RECORDED_BY_MAX + 1 (one more: "more"). */
struct found {
	uint32_t pos[ADL_RECORDED_BY_MAX + 1];
	unsigned n;
};

/* Tests the candidates of `p`; false once enough are found. */
static bool scan(struct adl_recorders *x, const struct adl_ruleset *rs,
		 const struct adl_rule *r, const uint32_t *reach,
		 const struct posv *p, struct found *f)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		uint32_t pos = p->v[i];

		ADL_ASSERT(pos < x->nrules && f->n <= ADL_RECORDED_BY_MAX);
		if (x->seen[pos] == x->query)
			continue;
		x->seen[pos] = x->query;
		if (!adl_exit_overlap(rs, x->rule[pos], x->reach[pos], r,
				      reach))
			continue;
		f->pos[f->n++] = pos;
		if (f->n > ADL_RECORDED_BY_MAX)
			return false;
	}
	return true;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a;
	uint32_t y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int keep(const struct adl_ruleset *rs, struct adl_recorders *x,
		struct adl_rule *r, struct found *f)
{
	unsigned i, n = f->n > ADL_RECORDED_BY_MAX ? ADL_RECORDED_BY_MAX : f->n;

	if (!f->n)
		return 0;
	qsort(f->pos, f->n, sizeof(f->pos[0]), cmp_u32);
	r->recorded_by = malloc(n * sizeof(*r->recorded_by));
	if (!r->recorded_by)
		return -1;
	for (i = 0; i < n; i++)
		r->recorded_by[i] = (uint32_t)(x->rule[f->pos[i]] - rs->rules);
	r->nrecorded_by = (uint8_t)n;
	if (f->n > n)
		r->state |= ADL_RECORDED_MORE;
	return 0;
}

int adl_recorders_find(struct adl_recorders *x, const struct adl_ruleset *rs,
		       struct adl_rule *r, const uint32_t *reach)
{
	struct found f = { .n = 0 };
	uint32_t len;
	const char *path = literal_path(r, &len);
	bool more = true;
	unsigned nr;

	x->query++;
	if (path) {
		const struct path_slot *s = path_slot(x, path, len, false);

		if (s)
			more = scan(x, rs, r, reach, &s->pos, &f);
	} else {
		more = scan(x, rs, r, reach, &x->pathed, &f);
	}
	if (more)
		more = scan(x, rs, r, reach, &x->wide, &f);
	for (nr = next_syscall(reach, 0); more && nr < NSYSCALLS;
	     nr = next_syscall(reach, nr + 1))
		more = scan(x, rs, r, reach, &x->bucket[nr], &f);
	return keep(rs, x, r, &f);
}
