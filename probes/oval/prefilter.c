/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * prefilter.c - an object's filters decided on a rule's values (see
 * prefilter.h). Mirrors OpenSCAP's probe_item_filtered() for the cases it
 * knows and answers "unknown" for the rest:
 *   - an entity the item lacks is false; each value of a repeated entity
 *     is compared and combined by the state entity's entity_check;
 *   - the state's entities are combined by its operator;
 *   - an include filter whose state is false, or an exclude filter whose
 *     state is true, drops the item.
 * Known: string entities with equals, not equal and pattern match
 * (compiled once per object with the PCRE2 options OpenSCAP's
 * oscap_pcre_compile() and oscap_pcre_exec() use: UTF, none), the
 * boolean `effective` with equals and not equal, the checks all, at least
 * one, none satisfy, none exist and only one, the operators AND, OR, ONE
 * and XOR. A var_ref, another data type or operation, a value that does
 * not compile or match cleanly, an entity items never have (line_number):
 * unknown, and unknown never drops a rule: OpenSCAP decides those.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <probe-api.h>
#include <probe/probe.h>

#include "adl.h"
#include "prefilter.h"

enum tri { PF_FALSE, PF_TRUE, PF_UNKNOWN };

static const char *const entity_names[] = {
	[PF_FILEPATH] = "filepath",   [PF_AUDITLINE] = "auditline",
	[PF_LIST] = "list",	      [PF_ACTION] = "action",
	[PF_ARCH] = "arch",	      [PF_SYSCALL] = "syscall",
	[PF_FIELD] = "field",	      [PF_KEY] = "key",
	[PF_EFFECTIVE] = "effective",
};

/* What it costs to have an entity's values (a pattern costs 2 more): the
 * order they are tried in. */
static const int entity_cost[] = {
	[PF_EFFECTIVE] = 0, [PF_LIST] = 0,  [PF_ACTION] = 0, [PF_KEY] = 1,
	[PF_FILEPATH] = 2,  [PF_ARCH] = 2,  [PF_FIELD] = 3,  [PF_SYSCALL] = 3,
	[PF_AUDITLINE] = 5, [PF_OTHER] = 8,
};

struct pf_ent {
	enum pf_entity which;
	bool known; /* false: always unknown */
	oval_operation_t op;
	oval_check_t check;
	char *value;		 /* string entities */
	pcre2_code *re;		 /* pattern match */
	pcre2_match_data *match; /* for re: one object, one thread */
	bool boolean;		 /* PF_EFFECTIVE */
	int cost;
};

struct pf_filter {
	oval_filter_action_t action;
	oval_operator_t oper;
	struct pf_ent *ents; /* cheapest first */
	size_t nents;
	int cost; /* of its dearest entity */
};

struct pf {
	struct pf_filter *filters;
	size_t nfilters;
	bool check;
};

static int attr_int(const SEXP_t *ent, const char *name, int dflt)
{
	SEXP_t *v = probe_ent_getattrval(ent, name);
	int n = dflt;

	if (v != NULL) {
		n = SEXP_number_geti_32(v);
		SEXP_free(v);
	}
	return n;
}

static enum pf_entity entity_of(const char *name)
{
	for (size_t i = 0; i < PF_OTHER; i++)
		if (strcmp(name, entity_names[i]) == 0)
			return (enum pf_entity)i;
	return PF_OTHER;
}

static int cmp_ent(const void *a, const void *b)
{
	const struct pf_ent *x = a;
	const struct pf_ent *y = b;

	return x->cost - y->cost;
}

static int cmp_filter(const void *a, const void *b)
{
	const struct pf_filter *x = a;
	const struct pf_filter *y = b;

	return x->cost - y->cost;
}

/* One state entity; `known` stays false for anything not mirrored. */
static void ent_parse(const SEXP_t *felm, struct pf_ent *e)
{
	char *name = probe_ent_getname(felm);
	SEXP_t *vals = NULL, *val;
	oval_datatype_t dt;

	memset(e, 0, sizeof(*e));
	e->which = name ? entity_of(name) : PF_OTHER;
	free(name);
	e->op = attr_int(felm, "operation", OVAL_OPERATION_EQUALS);
	e->check = attr_int(felm, "entity_check", OVAL_CHECK_ALL);
	if (e->which == PF_OTHER || probe_ent_attrexists(felm, "var_ref"))
		return;
	switch (e->check) {
	case OVAL_CHECK_ALL:
	case OVAL_CHECK_AT_LEAST_ONE:
	case OVAL_CHECK_NONE_EXIST:
	case OVAL_CHECK_NONE_SATISFY:
	case OVAL_CHECK_ONLY_ONE:
		break;
	default:
		return;
	}
	if (probe_ent_getvals(felm, &vals) != 1) {
		SEXP_free(vals);
		return;
	}
	val = SEXP_list_first(vals);
	SEXP_free(vals);
	if (val == NULL)
		return;
	dt = probe_ent_getdatatype(felm);
	if (e->which == PF_EFFECTIVE) {
		if (dt == OVAL_DATATYPE_BOOLEAN && SEXP_numberp(val) &&
		    (e->op == OVAL_OPERATION_EQUALS ||
		     e->op == OVAL_OPERATION_NOT_EQUAL)) {
			e->boolean = SEXP_number_geti_32(val) != 0;
			e->known = true;
		}
	} else if (dt == OVAL_DATATYPE_STRING && SEXP_stringp(val)) {
		e->value = SEXP_string_cstr(val);
		switch (e->op) {
		case OVAL_OPERATION_EQUALS:
		case OVAL_OPERATION_NOT_EQUAL:
			e->known = e->value != NULL;
			break;
		case OVAL_OPERATION_PATTERN_MATCH: {
			int err;
			PCRE2_SIZE erroff;

			if (e->value != NULL)
				e->re = pcre2_compile((PCRE2_SPTR)e->value,
						      PCRE2_ZERO_TERMINATED,
						      PCRE2_UTF, &err, &erroff,
						      NULL);
			if (e->re != NULL)
				e->match = pcre2_match_data_create_from_pattern(
					e->re, NULL);
			e->known = e->match != NULL;
			break;
		}
		default:
			break;
		}
	}
	SEXP_free(val);
	e->cost = entity_cost[e->which] +
		  (e->op == OVAL_OPERATION_PATTERN_MATCH ? 2 : 0);
}

static void filter_parse(const SEXP_t *filter, struct pf_filter *f)
{
	SEXP_t *r0, *ste, *felm;
	size_t n = 0;

	r0 = SEXP_list_first(filter);
	f->action = r0 ? SEXP_number_getu(r0) : OVAL_FILTER_ACTION_UNKNOWN;
	SEXP_free(r0);
	ste = SEXP_list_nth(filter, 2);
	if (ste == NULL)
		return;
	f->oper = attr_int(ste, "operator", OVAL_OPERATOR_AND);
	SEXP_sublist_foreach (felm, ste, 2, SEXP_LIST_END)
		n++;
	f->ents = calloc(n ? n : 1, sizeof(*f->ents));
	if (f->ents != NULL) {
		SEXP_sublist_foreach (felm, ste, 2, SEXP_LIST_END) {
			if (f->nents < n)
				ent_parse(felm, &f->ents[f->nents++]);
		}
	}
	SEXP_free(ste);
	/* the operators are commutative: cheap entities first */
	qsort(f->ents, f->nents, sizeof(*f->ents), cmp_ent);
	for (size_t i = 0; i < f->nents; i++)
		if (f->ents[i].cost > f->cost)
			f->cost = f->ents[i].cost;
}

enum pf_mode pf_mode_parse(const char *env)
{
	if (env != NULL && strcmp(env, "off") == 0)
		return PF_MODE_OFF;
	if (env != NULL && strcmp(env, "check") == 0)
		return PF_MODE_CHECK;
	return PF_MODE_ON;
}

struct pf *pf_new(SEXP_t *filters, enum pf_mode mode)
{
	SEXP_t *filter;
	struct pf *pf;
	size_t n = 0;

	if (filters == NULL || mode == PF_MODE_OFF)
		return NULL;
	SEXP_list_foreach (filter, filters)
		n++;
	if (n == 0)
		return NULL;
	pf = calloc(1, sizeof(*pf));
	if (pf == NULL)
		return NULL;
	pf->filters = calloc(n, sizeof(*pf->filters));
	if (pf->filters == NULL) {
		free(pf);
		return NULL;
	}
	pf->check = mode == PF_MODE_CHECK;
	SEXP_list_foreach (filter, filters) {
		if (pf->nfilters < n)
			filter_parse(filter, &pf->filters[pf->nfilters++]);
	}
	/* any filter that drops a rule drops it: cheap filters first */
	qsort(pf->filters, pf->nfilters, sizeof(*pf->filters), cmp_filter);
	return pf;
}

void pf_free(struct pf *pf)
{
	if (pf == NULL)
		return;
	for (size_t i = 0; i < pf->nfilters; i++) {
		struct pf_filter *f = &pf->filters[i];

		for (size_t j = 0; j < f->nents; j++) {
			free(f->ents[j].value);
			pcre2_match_data_free(f->ents[j].match);
			pcre2_code_free(f->ents[j].re);
		}
		free(f->ents);
	}
	free(pf->filters);
	free(pf);
}

bool pf_checking(const struct pf *pf)
{
	return pf != NULL && pf->check;
}

/* One value against a string entity. */
static enum tri cmp_string(const struct pf_ent *e, const char *s)
{
	int rc;

	switch (e->op) {
	case OVAL_OPERATION_EQUALS:
		return strcmp(e->value, s) == 0 ? PF_TRUE : PF_FALSE;
	case OVAL_OPERATION_NOT_EQUAL:
		return strcmp(e->value, s) != 0 ? PF_TRUE : PF_FALSE;
	case OVAL_OPERATION_PATTERN_MATCH:
		rc = pcre2_match(e->re, (PCRE2_SPTR)s, strlen(s), 0, 0,
				 e->match, NULL);
		if (rc >= 0)
			return PF_TRUE;
		return rc == PCRE2_ERROR_NOMATCH ? PF_FALSE : PF_UNKNOWN;
	default:
		return PF_UNKNOWN;
	}
}

/* The values the item would have for entity `which`: n of them in `out`
 * (a single one is put in `one`). */
static size_t item_values(struct pf_values *v, enum pf_entity which,
			  const char **one, char *const **out)
{
	char *const *vec = NULL;
	size_t n = 0;

	/* PF_OTHER is decided before: no item has it */
	ADL_ASSERT((unsigned)which < PF_OTHER);
	if (v->fill != NULL && !(v->filled & (1u << which))) {
		v->fill(v, which);
		v->filled |= 1u << which;
	}
	switch (which) {
	case PF_FILEPATH:
		*one = v->filepath;
		break;
	case PF_AUDITLINE:
		*one = v->auditline;
		break;
	case PF_LIST:
		*one = v->list;
		break;
	case PF_ACTION:
		*one = v->action;
		break;
	case PF_ARCH:
		vec = v->arch;
		break;
	case PF_SYSCALL:
		vec = v->syscall;
		break;
	case PF_FIELD:
		vec = v->field;
		break;
	case PF_KEY:
		vec = v->key;
		break;
	default:
		return 0;
	}
	*out = vec;
	if (vec == NULL)
		return *one != NULL ? 1 : 0;
	while (vec[n] != NULL)
		n++;
	return n;
}

static enum tri by_check(oval_check_t check, size_t ntrue, size_t n)
{
	switch (check) {
	case OVAL_CHECK_ALL:
		return ntrue == n ? PF_TRUE : PF_FALSE;
	case OVAL_CHECK_AT_LEAST_ONE:
		return ntrue > 0 ? PF_TRUE : PF_FALSE;
	case OVAL_CHECK_NONE_EXIST:
	case OVAL_CHECK_NONE_SATISFY:
		return ntrue == 0 ? PF_TRUE : PF_FALSE;
	case OVAL_CHECK_ONLY_ONE:
		return ntrue == 1 ? PF_TRUE : PF_FALSE;
	default:
		return PF_UNKNOWN;
	}
}

static enum tri ent_result(const struct pf_ent *e, struct pf_values *v)
{
	const char *one = NULL;
	char *const *vec = NULL;
	size_t ntrue = 0;
	size_t n;

	if (!e->known)
		return PF_UNKNOWN;
	if (e->which == PF_EFFECTIVE) {
		bool same = e->boolean == v->effective;

		return (e->op == OVAL_OPERATION_EQUALS) == same ? PF_TRUE
								: PF_FALSE;
	}
	n = item_values(v, e->which, &one, &vec);
	if (n == 0)
		return PF_FALSE; /* the item lacks the entity */
	for (size_t i = 0; i < n; i++) {
		enum tri r = cmp_string(e, vec ? vec[i] : one);

		if (r == PF_UNKNOWN)
			return PF_UNKNOWN;
		ntrue += r == PF_TRUE;
	}
	return by_check(e->check, ntrue, n);
}

static enum tri state_result(const struct pf_filter *f, struct pf_values *v)
{
	size_t ntrue = 0;
	size_t nunknown = 0;

	for (size_t i = 0; i < f->nents; i++) {
		enum tri r = ent_result(&f->ents[i], v);

		ntrue += r == PF_TRUE;
		nunknown += r == PF_UNKNOWN;
		/* what the others cannot change */
		if (r == PF_FALSE && f->oper == OVAL_OPERATOR_AND)
			return PF_FALSE;
		if (r == PF_TRUE && f->oper == OVAL_OPERATOR_OR)
			return PF_TRUE;
	}
	if (f->nents == 0 || nunknown > 0)
		return PF_UNKNOWN;
	switch (f->oper) {
	case OVAL_OPERATOR_AND:
		return PF_TRUE;
	case OVAL_OPERATOR_OR:
		return PF_FALSE;
	case OVAL_OPERATOR_ONE:
		return ntrue == 1 ? PF_TRUE : PF_FALSE;
	case OVAL_OPERATOR_XOR:
		return ntrue % 2 ? PF_TRUE : PF_FALSE;
	default:
		return PF_UNKNOWN;
	}
}

bool pf_drops(const struct pf *pf, struct pf_values *v)
{
	if (pf == NULL)
		return false;
	for (size_t i = 0; i < pf->nfilters; i++) {
		const struct pf_filter *f = &pf->filters[i];
		enum tri r = state_result(f, v);

		if ((r == PF_TRUE && f->action == OVAL_FILTER_ACTION_EXCLUDE) ||
		    (r == PF_FALSE && f->action == OVAL_FILTER_ACTION_INCLUDE))
			return true;
	}
	return false;
}
