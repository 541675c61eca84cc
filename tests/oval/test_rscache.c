/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test_rscache.c - the probe's cache of the rule sets a scan has read
 * (probes/oval/rscache.c): the objects of one evaluation share one
 * reading of a source; an object id asked for again starts a new reading;
 * sources, roots and blocked paths do not mix; objects in several threads
 * at once share it too (test_rscache_tsan: with ThreadSanitizer).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "rscache.h"

/* What an object finds, as the probe reads it: a reading to make (NULL)
 * or the one an earlier object made. */
static struct adl_ruleset *get_skips(struct rsc *c, enum rsc_source src,
				     const char *root, const char *skips,
				     const char *id, struct adl_ruleset **made)
{
	struct rsc_entry *e = rsc_get(c, src, root, skips, id);
	struct adl_ruleset *found;

	assert_non_null(e);
	found = e->rs;
	if (found == NULL) {
		e->rs = adl_ruleset_new(-1);
		assert_non_null(e->rs);
		e->rc = ADL_OK;
	}
	*made = e->rs;
	rsc_release(c);
	return found;
}

static struct adl_ruleset *get(struct rsc *c, enum rsc_source src,
			       const char *root, const char *id,
			       struct adl_ruleset **made)
{
	return get_skips(c, src, root, NULL, id, made);
}

static void test_rscache_objects_of_one_evaluation_share_a_reading(void **st)
{
	struct rsc *c = rsc_new();
	struct adl_ruleset *first, *made;

	(void)st;
	assert_non_null(c);
	assert_null(get(c, RSC_RULESD, NULL, "oval:x:obj:100", &first));
	/* the sets' derived objects, the kernel's, another root's */
	assert_ptr_equal(get(c, RSC_RULESD, NULL, "oval:x:obj:100i101", &made),
			 first);
	assert_ptr_equal(get(c, RSC_RULESD, NULL, "oval:x:obj:100i102", &made),
			 first);
	assert_null(get(c, RSC_KERNEL, NULL, "oval:x:obj:200", &made));
	assert_ptr_not_equal(made, first);
	assert_null(get(c, RSC_RULESD, "/srv/root", "oval:x:obj:100", &made));
	assert_ptr_not_equal(made, first);
	assert_ptr_equal(get(c, RSC_RULESD, NULL, "oval:x:obj:1", &made),
			 first);
	rsc_free(c);
}

static void test_rscache_an_id_asked_again_reads_afresh(void **st)
{
	struct rsc *c = rsc_new();
	struct adl_ruleset *first, *second, *made;

	(void)st;
	assert_non_null(c);
	assert_null(get(c, RSC_KERNEL, NULL, "oval:x:obj:200", &first));
	assert_ptr_equal(get(c, RSC_KERNEL, NULL, "oval:x:obj:200i201", &made),
			 first);
	/* a new evaluation (after --remediate's fixes): read again */
	assert_null(get(c, RSC_KERNEL, NULL, "oval:x:obj:200", &second));
	/* and that reading serves the rest of it, old ids included */
	assert_ptr_equal(get(c, RSC_KERNEL, NULL, "oval:x:obj:200i201", &made),
			 second);
	assert_null(get(c, RSC_KERNEL, NULL, "oval:x:obj:200i201", &made));
	rsc_free(c);
}

/* A reading made without blocked paths is never served to an object with
 * some (its skipped file was read there), nor the other way round. */
static void test_rscache_blocked_paths_do_not_mix(void **st)
{
	const char *blocked = "/etc/audit/rules.d/20-x.rules\n";
	struct rsc *c = rsc_new();
	struct adl_ruleset *all, *skipped, *made;

	(void)st;
	assert_non_null(c);
	assert_null(get(c, RSC_RULESD, "/srv/root", "oval:x:obj:1", &all));
	assert_null(get_skips(c, RSC_RULESD, "/srv/root", blocked,
			      "oval:x:obj:2", &skipped));
	assert_ptr_not_equal(skipped, all);
	assert_ptr_equal(get_skips(c, RSC_RULESD, "/srv/root", blocked,
				   "oval:x:obj:3", &made),
			 skipped);
	assert_ptr_equal(get(c, RSC_RULESD, "/srv/root", "oval:x:obj:4", &made),
			 all);
	assert_null(get_skips(c, RSC_RULESD, "/srv/root", "/etc/login.defs\n",
			      "oval:x:obj:5", &made));
	assert_ptr_not_equal(made, all);
	assert_ptr_not_equal(made, skipped);
	rsc_free(c);
}

#define NTHREADS 6
#define ROUNDS 200

struct reader {
	pthread_t tid;
	struct rsc *c;
	pthread_barrier_t *start;
	int n;	       /* the thread's number */
	int *readings; /* shared: counted under the cache's lock */
	int failures;
};

/* Objects with ids of their own, on two roots: each root read once. */
static void *read_objects(void *arg)
{
	struct reader *r = arg;

	pthread_barrier_wait(r->start);
	for (int i = 0; i < ROUNDS; i++) {
		const char *root = i % 2 ? "/srv/a" : "/srv/b";
		char id[64];
		struct rsc_entry *e;

		snprintf(id, sizeof(id), "oval:x:obj:%di%d", r->n, i);
		e = rsc_get(r->c, RSC_RULESD, root, NULL, id);
		if (e == NULL) {
			r->failures++;
			continue;
		}
		if (e->rs == NULL) {
			e->rs = adl_ruleset_new(-1);
			e->rc = ADL_OK;
			(*r->readings)++;
		}
		if (e->rs == NULL || e->rc != ADL_OK)
			r->failures++;
		rsc_release(r->c);
	}
	return NULL;
}

static void test_rscache_threads_share_one_reading(void **st)
{
	struct reader r[NTHREADS];
	pthread_barrier_t start;
	struct rsc *c = rsc_new();
	int readings = 0;
	int t;

	(void)st;
	assert_non_null(c);
	assert_int_equal(pthread_barrier_init(&start, NULL, NTHREADS), 0);
	for (t = 0; t < NTHREADS; t++) {
		r[t] = (struct reader){
			.c = c, .start = &start, .n = t, .readings = &readings
		};
		assert_int_equal(
			pthread_create(&r[t].tid, NULL, read_objects, &r[t]),
			0);
	}
	for (t = 0; t < NTHREADS; t++) {
		assert_int_equal(pthread_join(r[t].tid, NULL), 0);
		assert_int_equal(r[t].failures, 0);
	}
	pthread_barrier_destroy(&start);
	assert_int_equal(readings, 2);
	rsc_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_rscache_objects_of_one_evaluation_share_a_reading),
		cmocka_unit_test(test_rscache_an_id_asked_again_reads_afresh),
		cmocka_unit_test(test_rscache_blocked_paths_do_not_mix),
		cmocka_unit_test(test_rscache_threads_share_one_reading),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
