/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rscache.c - the rule sets a scan has read (see rscache.h). A few
 * entries, one per source, root and set of blocked paths; each remembers
 * the object ids it has served. Probe workers are threads: one lock over all of
 * it, held while an object reads and collects.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "rscache.h"

struct rsc_slot {
	enum rsc_source source;
	char *root;  /* NULL: the real root */
	char *skips; /* NULL: no blocked paths */
	struct rsc_entry e;
	char **ids; /* the objects served from this reading */
	size_t nids;
	size_t capids;
};

struct rsc {
	pthread_mutex_t lock;
	struct rsc_slot *slots;
	size_t nslots;
	size_t capslots;
};

struct rsc *rsc_new(void)
{
	struct rsc *c = calloc(1, sizeof(*c));

	if (c != NULL && pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c);
		c = NULL;
	}
	return c;
}

/* Forget a reading (the slot stays, for the next one). */
static void slot_clear(struct rsc_slot *s)
{
	adl_ruleset_free(s->e.rs);
	memset(&s->e, 0, sizeof(s->e));
	for (size_t i = 0; i < s->nids; i++)
		free(s->ids[i]);
	s->nids = 0;
}

void rsc_free(struct rsc *c)
{
	if (c == NULL)
		return;
	/*
	 * OpenSCAP's probe workers are detached threads it never joins: the
	 * lock orders this after the last object's rsc_release (helgrind
	 * sees no order between them otherwise).
	 */
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < c->nslots; i++) {
		slot_clear(&c->slots[i]);
		free(c->slots[i].ids);
		free(c->slots[i].root);
		free(c->slots[i].skips);
	}
	free(c->slots);
	pthread_mutex_unlock(&c->lock);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static bool same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* A copy of `s` in *out (NULL stays NULL); false when out of memory. */
static bool dup_or_null(const char *s, char **out)
{
	*out = s ? strdup(s) : NULL;
	return s == NULL || *out != NULL;
}

static struct rsc_slot *slot_find(struct rsc *c, enum rsc_source source,
				  const char *root, const char *skips)
{
	struct rsc_slot *s;

	for (size_t i = 0; i < c->nslots; i++) {
		s = &c->slots[i];
		if (s->source == source && same_str(s->root, root) &&
		    same_str(s->skips, skips))
			return s;
	}
	if (adl_grow(&c->slots, &c->capslots, c->nslots + 1,
		     sizeof(*c->slots)) != ADL_OK)
		return NULL;
	s = &c->slots[c->nslots];
	memset(s, 0, sizeof(*s));
	s->source = source;
	if (!dup_or_null(root, &s->root) || !dup_or_null(skips, &s->skips)) {
		free(s->root);
		free(s->skips);
		return NULL;
	}
	c->nslots++;
	return s;
}

/* Records `id` as served; false when it was served already. */
static bool served_first(struct rsc_slot *s, const char *id, bool *oom)
{
	for (size_t i = 0; i < s->nids; i++)
		if (strcmp(s->ids[i], id) == 0)
			return false;
	if (adl_grow(&s->ids, &s->capids, s->nids + 1, sizeof(*s->ids)) !=
	    ADL_OK) {
		*oom = true;
		return true;
	}
	ADL_ASSERT(s->nids < s->capids);
	s->ids[s->nids] = strdup(id);
	if (s->ids[s->nids] == NULL)
		*oom = true;
	else
		s->nids++;
	return true;
}

struct rsc_entry *rsc_get(struct rsc *c, enum rsc_source source,
			  const char *root, const char *skips, const char *id)
{
	struct rsc_slot *s;
	bool oom = false;

	ADL_ASSERT(c != NULL);
	pthread_mutex_lock(&c->lock);
	s = slot_find(c, source, root, skips);
	if (s == NULL) {
		pthread_mutex_unlock(&c->lock);
		return NULL;
	}
	/* an id asked for again: a new evaluation, read afresh */
	if (!served_first(s, id ? id : "", &oom)) {
		slot_clear(s);
		served_first(s, id ? id : "", &oom);
	}
	if (oom) {
		/* cannot tell repeats apart: read afresh, keep nothing */
		slot_clear(s);
	}
	return &s->e;
}

void rsc_release(struct rsc *c)
{
	pthread_mutex_unlock(&c->lock);
}
