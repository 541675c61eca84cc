/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test_skip.c - rules files the scanner is told not to read (OpenSCAP's
 * blocked paths): never read, never "no rules", always named.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine_test.h"

struct fixture {
	char root[64];
};

static void put(const char *root, const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, 0640), 0);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	char path[128];

	assert_non_null(fx);
	strcpy(fx->root, "/tmp/adl-skip-XXXXXX");
	assert_non_null(mkdtemp(fx->root));
	snprintf(path, sizeof(path), "%s/etc", fx->root);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/etc/audit", fx->root);
	assert_int_equal(mkdir(path, 0750), 0);
	snprintf(path, sizeof(path), "%s/etc/audit/rules.d", fx->root);
	assert_int_equal(mkdir(path, 0750), 0);
	put(fx->root, "/etc/audit/rules.d/10-a.rules",
	    "-a always,exit -F arch=b64 -S init_module -k a\n");
	put(fx->root, "/etc/audit/rules.d/20-blocked.rules",
	    "-a never,exit -F arch=b64 -S init_module\n");
	put(fx->root, "/etc/audit/rules.d/30-c.rules",
	    "-a always,exit -F arch=b64 -S delete_module -k c\n");
	put(fx->root, "/etc/audit/rules.d/notes.txt", "-w /etc/x -p wa\n");
	put(fx->root, "/etc/audit/audit.rules",
	    "-a always,exit -F arch=b64 -S init_module -k a\n");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->root);
	assert_int_equal(system(cmd), 0);
	free(fx);
	return 0;
}

/* Blocks every path starting with the prefix in `arg`, counting asks. */
struct blocker {
	const char *prefix;
	int asked;
};

static const char *block(const char *path, void *arg)
{
	struct blocker *b = arg;

	b->asked++;
	return strncmp(path, b->prefix, strlen(b->prefix)) == 0
		       ? "a blocked path (OSCAP_PROBE_IGNORE_PATHS)"
		       : NULL;
}

static const struct adl_error *error_for(const struct adl_ruleset *rs,
					 const char *file)
{
	size_t i;

	for (i = 0; i < adl_ruleset_nerrors(rs); i++) {
		const struct adl_error *e = adl_ruleset_error(rs, i);
		const char *f = adl_ruleset_file(rs, e->file);

		if (f && strcmp(f, file) == 0)
			return e;
	}
	return NULL;
}

static void test_skip_rules_file(void **state)
{
	struct fixture *fx = *state;
	struct blocker b = { "/etc/audit/audit.rules", 0 };
	struct adl_ruleset *rs = new_ruleset();
	const struct adl_error *e;

	assert_int_equal(adl_ruleset_set_root(rs, fx->root), 0);
	adl_ruleset_set_skip(rs, block, &b);
	assert_int_equal(adl_load_file(rs, "/etc/audit/audit.rules"),
			 ADL_ERR_SKIPPED);
	assert_int_equal(b.asked, 1);
	assert_int_equal(adl_ruleset_count(rs), 0);
	e = error_for(rs, "/etc/audit/audit.rules");
	assert_non_null(e);
	assert_false(e->warning);
	assert_non_null(strstr(e->message, "not read: a blocked path"));
	assert_non_null(strstr(e->message, "cannot be trusted"));
	adl_ruleset_free(rs);
}

static void test_skip_one_rulesd_file(void **state)
{
	struct fixture *fx = *state;
	struct blocker b = { "/etc/audit/rules.d/20-", 0 };
	struct adl_ruleset *rs = new_ruleset();
	const struct adl_error *e;
	char *text;

	assert_int_equal(adl_ruleset_set_root(rs, fx->root), 0);
	adl_ruleset_set_skip(rs, block, &b);
	assert_int_equal(
		adl_load_rulesd(rs, "/etc/audit/rules.d", ADL_AWK_MAWK),
		ADL_ERR_SKIPPED);
	/* the never rule in the blocked file is not seen: the others are */
	text = listing(rs, 0);
	assert_string_equal(
		text, "-a always,exit -F arch=b64 -S init_module -F key=a\n"
		      "-a always,exit -F arch=b64 -S delete_module -F key=c\n");
	free(text);
	e = error_for(rs, "/etc/audit/rules.d/20-blocked.rules");
	assert_non_null(e);
	assert_false(e->warning);
	assert_non_null(strstr(e->message, "not read: a blocked path"));
	assert_non_null(strstr(e->message, "cannot be trusted"));
	assert_null(error_for(rs, "/etc/audit/rules.d/10-a.rules"));
	adl_ruleset_free(rs);
}

static void test_skip_ignored_file_is_a_warning(void **state)
{
	struct fixture *fx = *state;
	struct blocker b = { "/etc/audit/rules.d/notes", 0 };
	struct adl_ruleset *rs = new_ruleset();
	const struct adl_error *e;

	assert_int_equal(adl_ruleset_set_root(rs, fx->root), 0);
	adl_ruleset_set_skip(rs, block, &b);
	assert_int_equal(
		adl_load_rulesd(rs, "/etc/audit/rules.d", ADL_AWK_MAWK),
		ADL_OK);
	e = error_for(rs, "/etc/audit/rules.d/notes.txt");
	assert_non_null(e);
	assert_true(e->warning);
	assert_non_null(strstr(e->message, "augenrules does not load it"));
	adl_ruleset_free(rs);
}

static void test_no_skip_reads_everything(void **state)
{
	struct fixture *fx = *state;
	struct blocker b = { "/nowhere", 0 };
	struct adl_ruleset *rs = new_ruleset();

	assert_int_equal(adl_ruleset_set_root(rs, fx->root), 0);
	adl_ruleset_set_skip(rs, block, &b);
	assert_int_equal(
		adl_load_rulesd(rs, "/etc/audit/rules.d", ADL_AWK_MAWK),
		ADL_OK);
	assert_true(b.asked >= 4);
	assert_int_equal(adl_ruleset_count(rs), 4);
	adl_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_skip_rules_file, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_skip_one_rulesd_file,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_skip_ignored_file_is_a_warning, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_skip_reads_everything,
						setup, teardown),
	};

	return cmocka_run_group_tests_name("skip", tests, NULL, NULL);
}
