/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rscache.h - the rule sets a scan has read, for its later objects.
 *
 * OpenSCAP collects an object once per evaluation, but a set object that
 * refers to another one makes it collect that object again under a new
 * id, with the set's filters added ("obj:100i101"): the CIS content's
 * eleven requirement sets per source would read rules.d and the kernel
 * twelve times each. The probe keeps what it read (loaded and evaluated)
 * and hands the same rule set to the objects that follow, so one scan
 * judges one reading of each source.
 *
 * OpenSCAP asks for an object id once per evaluation; it asks again only
 * after a reset (`--remediate` checks again after its fixes). So a source
 * is read afresh when an object asks for it whose id it has served
 * already. A new probe session (a new oscap run) starts with no cache.
 */
#ifndef AUDITDLINE_RSCACHE_H
#define AUDITDLINE_RSCACHE_H

#include <stddef.h>

#include "adl.h"

enum rsc_source { RSC_RULESD, RSC_KERNEL };

/* A source as read: the rule set (NULL when it could not be made; the
 * reading's errors are in it) and what reading it returned. */
struct rsc_entry {
	struct adl_ruleset *rs;
	int rc;
};

struct rsc;

struct rsc *rsc_new(void);
void rsc_free(struct rsc *c);

/*
 * The entry for `source` under `root` (NULL: the real root) read with the
 * blocked paths `skips` (any text naming them; NULL: none) for object
 * `id`, with the cache locked until rsc_release(); NULL when out of
 * memory (nothing locked). An entry whose `rs` is NULL is to be read now:
 * the caller fills it in before releasing. A reading made with other
 * blocked paths is another entry: a skipped file is never served from a
 * reading that read it, nor the other way round.
 */
struct rsc_entry *rsc_get(struct rsc *c, enum rsc_source source,
			  const char *root, const char *skips, const char *id);
void rsc_release(struct rsc *c);

#endif
