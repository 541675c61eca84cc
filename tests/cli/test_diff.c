/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test_diff.c - `auditdline diff`'s unified diff (probes/cli/diff.c) prints
 * hunks as `diff -u --label A --label B` does (ranges, three lines of
 * context, near changes in one hunk), with two differences users see:
 * where lines are replaced the new (+) lines come before the old (-)
 * ones, and a range of one line keeps its count ("+1,1", not "+1").
 * Without it only the kernel tests, which change the kernel's rules,
 * would run this code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "commands.h"

struct diff_case {
	const char *name;
	const char *a, *b;
	const char *want; /* NULL: the same, nothing printed */
};

static const struct diff_case cases[] = {
	{ "same", "1\n2\n3\n", "1\n2\n3\n", NULL },
	{ "both_empty", "", "", NULL },
	{ "one_line_changed_inside", "1\n2\n3\n4\n5\n6\n7\n8\n9\n",
	  "1\n2\n3\n4\nX\n6\n7\n8\n9\n",
	  "--- A\n+++ B\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n+X\n-5\n 6\n 7\n 8\n" },
	{ "all_added", "", "1\n2\n",
	  "--- A\n+++ B\n@@ -0,0 +1,2 @@\n+1\n+2\n" },
	{ "all_replaced", "1\n2\n", "No rules\n",
	  "--- A\n+++ B\n@@ -1,2 +1,1 @@\n+No rules\n-1\n-2\n" },
	{ "two_hunks_far_apart",
	  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n",
	  "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n",
	  "--- A\n+++ B\n@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n"
	  "@@ -12,4 +13,3 @@\n 12\n 13\n 14\n-15\n" },
	{ "changes_near_share_a_hunk", "1\n2\n3\n4\n5\n6\n7\n",
	  "1\nX\n3\n4\n5\nY\n7\n",
	  "--- A\n+++ B\n@@ -1,7 +1,7 @@\n 1\n+X\n-2\n 3\n 4\n 5\n+Y\n-6\n"
	  " 7\n" },
};

/* What diff_print writes to stdout, and what it returns. */
static char *captured(const char *a, const char *b, bool *differ)
{
	char *ca = strdup(a), *cb = strdup(b), *out;
	FILE *tmp = tmpfile();
	int saved;
	long n;

	assert_non_null(ca);
	assert_non_null(cb);
	assert_non_null(tmp);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);
	*differ = diff_print("A", "B", ca, cb);
	fflush(stdout);
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	n = ftell(tmp);
	assert_true(n >= 0);
	out = calloc(1, (size_t)n + 1);
	assert_non_null(out);
	rewind(tmp);
	assert_int_equal(fread(out, 1, (size_t)n, tmp), (size_t)n);
	fclose(tmp);
	free(ca);
	free(cb);
	return out;
}

static void run_case(void **state)
{
	const struct diff_case *c = *state;
	bool differ;
	char *out = captured(c->a, c->b, &differ);
	bool same_text = strcmp(out, c->want ? c->want : "") == 0;

	if (!same_text)
		print_error("got:\n%s", out);
	free(out);
	assert_int_equal(differ, c->want != NULL);
	assert_true(same_text);
}

int main(void)
{
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0])];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		tests[i] = (struct CMUnitTest){
			.name = cases[i].name,
			.test_func = run_case,
			.initial_state = (void *)&cases[i],
		};
	return _cmocka_run_group_tests("diff", tests, i, NULL, NULL) ? 1 : 0;
}
