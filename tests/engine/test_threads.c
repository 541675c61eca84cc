/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test_threads.c - the engine called from several threads at once, as
 * OpenSCAP's probe threads call it: each thread loads, evaluates and
 * formats a rule set of its own, and every thread's report equals the one
 * the same rule set gives on its own. Built a second time with
 * ThreadSanitizer (engine_threads_tsan), which fails on any data race.
 *
 * The rules name users and groups: two fixture roots map the same names to
 * different ids (their own /etc/passwd and /etc/group), so a lookup that
 * leaked from one thread to another would change a report. With the
 * argument `host`, a third source resolves them on this host (the C
 * library's user and group lookups) in the threads too.
 */
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine_test.h"

#define NTHREADS 8
#define ROUNDS 20

/* augenrules order: 10- first. Names resolved through the root. */
static const char *const rules_base =
	"-D\n"
	"-b 8192\n"
	"-a always,exit -F arch=b64 -S init_module -F auid!=nobody -k mods\n"
	"-a always,exit -F arch=b64 -S sethostname -F gid=root\n"
	"-w /etc/passwd -p wa -k identity\n"
	"-w /etc/group -p wa\n";
static const char *const rules_more =
	"-a never,exit -F arch=b64 -S delete_module -F auid=nobody\n"
	"-a always,exit -F arch=b64 -S delete_module -F auid>=1000 -F auid!=unset -k mods\n"
	"-a always,exit -F arch=b64 -S init_module,finit_module -F euid=daemon -k mods -k daemon\n"
	"-a always,exit -F arch=b32 -S all -F egid=root\n"
	"-a always,exit -F arch=b64 -S sethostname -F gid=root -k locale\n";
/* From memory, with this host's users and groups. */
static const char *const rules_host =
	"-a always,exit -F arch=b64 -S init_module -F auid!=nobody -k mods\n"
	"-a always,exit -F arch=b64 -S sethostname -F gid=root\n"
	"-a never,exit -F arch=b64 -S delete_module -F euid=root\n";

enum source { ROOT_A, ROOT_B, HOST, NSOURCES };

struct fixture {
	int nsources; /* HOST too, or the roots only */
	char dir[64];
	char root[2][96];
	char *expected[NSOURCES];
};

/* A fixture root: its directories, then its files (NULL text: a
 * directory), each as augenrules wants it (root's, not world-writable). */
static void make_root(const char *root, const char *passwd, const char *group)
{
	const struct {
		const char *path;
		const char *text;
	} tree[] = {
		{ "", NULL },
		{ "/etc", NULL },
		{ "/etc/audit", NULL },
		{ "/etc/audit/rules.d", NULL },
		{ "/etc/passwd", passwd },
		{ "/etc/group", group },
		{ "/etc/audit/rules.d/10-base.rules", rules_base },
		{ "/etc/audit/rules.d/50-more.rules", rules_more },
	};

	for (size_t i = 0; i < sizeof(tree) / sizeof(tree[0]); i++) {
		char path[256];
		FILE *f;

		snprintf(path, sizeof(path), "%s%s", root, tree[i].path);
		if (tree[i].text == NULL) {
			assert_int_equal(mkdir(path, 0750), 0);
			continue;
		}
		f = fopen(path, "w");
		assert_non_null(f);
		assert_true(fputs(tree[i].text, f) >= 0);
		assert_int_equal(fclose(f), 0);
	}
}

/*
 * Everything the engine says of a source: both listings, each rule's
 * canonical text, state, reason and recorders, and the errors. NULL when
 * out of memory. Runs in the test threads: no cmocka asserts here.
 */
static char *report(const struct fixture *fx, enum source src)
{
	struct adl_ruleset *rs =
		adl_ruleset_new(adl_machine_from_name("x86_64"));
	struct adl_buf b = { 0 };
	size_t i;
	int rc;

	if (rs == NULL)
		return NULL;
	if (src == HOST) {
		rc = adl_load_text(rs, "host.rules", rules_host,
				   strlen(rules_host));
	} else {
		if (adl_ruleset_set_root(rs, fx->root[src]) != ADL_OK) {
			adl_ruleset_free(rs);
			return NULL;
		}
		rc = adl_load_rulesd(rs, "/etc/audit/rules.d",
				     adl_detect_awk(rs));
	}
	adl_evaluate(rs);
	adl_buf_printf(&b, "rc %d\n", rc);
	adl_format_list(rs, 0, &b);
	adl_format_list(rs, ADL_FMT_CANONICAL, &b);
	for (i = 0; i < adl_ruleset_count(rs); i++) {
		const struct adl_rule *r = adl_ruleset_rule(rs, i);
		char *text = adl_rule_text(rs, r, ADL_FMT_CANONICAL);
		char *note = adl_rule_recorded_note(rs, r);

		adl_rule_where(rs, r, &b);
		adl_buf_printf(&b, " state %#x: %s (%s) %s\n", r->state,
			       text ? text : "?", r->reason ? r->reason : "",
			       note ? note : "");
		free(text);
		free(note);
	}
	for (i = 0; i < adl_ruleset_nerrors(rs); i++) {
		const struct adl_error *e = adl_ruleset_error(rs, i);
		const char *file = adl_ruleset_file(rs, e->file);

		adl_buf_printf(&b, "%s %s:%u: %s\n",
			       e->warning ? "warning" : "error",
			       file ? file : "-", e->line, e->message);
	}
	adl_ruleset_free(rs);
	if (b.oom) {
		adl_buf_free(&b);
		return NULL;
	}
	return b.s;
}

/* *state: a bool, true to read on this host too; then the fixture. */
static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	fx->nsources = *(const bool *)*state ? NSOURCES : HOST;
	strcpy(fx->dir, "/tmp/adl-threads-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->root[ROOT_A], sizeof(fx->root[ROOT_A]), "%s/a", fx->dir);
	snprintf(fx->root[ROOT_B], sizeof(fx->root[ROOT_B]), "%s/b", fx->dir);
	make_root(
		fx->root[ROOT_A],
		"root:x:0:0:root:/root:/bin/sh\n"
		"daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
		"nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
		"root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\n");
	/* the same names, other ids */
	make_root(fx->root[ROOT_B],
		  "root:x:0:0:root:/root:/bin/sh\n"
		  "daemon:x:2:2:daemon:/usr/sbin:/usr/sbin/nologin\n"
		  "nobody:x:4000:4000:nobody:/nonexistent:/usr/sbin/nologin\n",
		  "root:x:7:\ndaemon:x:2:\nnogroup:x:4000:\n");
	*state = fx;
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(nftw(fx->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS),
			 0);
	for (int s = 0; s < NSOURCES; s++)
		free(fx->expected[s]);
	free(fx);
	return 0;
}

struct worker {
	pthread_t tid;
	const struct fixture *fx;
	pthread_barrier_t *start;
	int first; /* the source of its first round; then the next ones */
	int mismatches;
	int failures; /* out of memory */
};

static void *work(void *arg)
{
	struct worker *w = arg;

	pthread_barrier_wait(w->start);
	for (int i = 0; i < ROUNDS; i++) {
		enum source src =
			(enum source)((w->first + i) % w->fx->nsources);
		char *got = report(w->fx, src);

		if (got == NULL)
			w->failures++;
		else if (strcmp(got, w->fx->expected[src]) != 0)
			w->mismatches++;
		free(got);
	}
	return NULL;
}

/* The reports alone, first: they are what every thread must see. */
static void expect_reports(struct fixture *fx)
{
	for (int s = 0; s < fx->nsources; s++) {
		fx->expected[s] = report(fx, (enum source)s);
		assert_non_null(fx->expected[s]);
	}
	/* names went through each root's own files */
	assert_non_null(strstr(fx->expected[ROOT_A], "-F auid!=65534"));
	assert_non_null(strstr(fx->expected[ROOT_B], "-F auid!=4000"));
	assert_non_null(strstr(fx->expected[ROOT_B], "-F gid=7"));
	assert_non_null(strstr(fx->expected[ROOT_B], "-F euid=2"));
	assert_null(strstr(fx->expected[ROOT_A], "error "));
	assert_null(strstr(fx->expected[ROOT_B], "error "));
	assert_non_null(strstr(fx->expected[ROOT_A], "-w /etc/group -p wa"));
	assert_string_not_equal(fx->expected[ROOT_A], fx->expected[ROOT_B]);
}

static void test_threads_each_report_as_alone(void **state)
{
	struct fixture *fx = *state;
	struct worker w[NTHREADS];
	pthread_barrier_t start;
	int t;

	expect_reports(fx);
	assert_int_equal(pthread_barrier_init(&start, NULL, NTHREADS), 0);
	for (t = 0; t < NTHREADS; t++) {
		w[t] = (struct worker){ .fx = fx, .start = &start, .first = t };
		assert_int_equal(pthread_create(&w[t].tid, NULL, work, &w[t]),
				 0);
	}
	for (t = 0; t < NTHREADS; t++) {
		assert_int_equal(pthread_join(w[t].tid, NULL), 0);
		assert_int_equal(w[t].failures, 0);
		assert_int_equal(w[t].mismatches, 0);
	}
	pthread_barrier_destroy(&start);
}

int main(int argc, char **argv)
{
	bool host = argc > 1 && strcmp(argv[1], "host") == 0;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_prestate_setup_teardown(
			test_threads_each_report_as_alone, setup, teardown,
			&host),
	};

	return cmocka_run_group_tests_name("threads", tests, NULL, NULL);
}
