/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* engine_test.h - what the engine's unit tests share. */
#ifndef ENGINE_TEST_H
#define ENGINE_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "adl.h"

/* Syscall names are x86_64's whatever the host the tests run on. */
static inline struct adl_ruleset *new_ruleset(void)
{
	struct adl_ruleset *rs =
		adl_ruleset_new(adl_machine_from_name("x86_64"));

	assert_non_null(rs);
	return rs;
}

/* adl_format_list as a string the caller frees. */
static inline char *listing(const struct adl_ruleset *rs, int flags)
{
	struct adl_buf b = { 0 };

	adl_format_list(rs, flags, &b);
	assert_false(b.oom);
	assert_non_null(b.s);
	return b.s;
}

/*
 * Runs `fn` once per entry of a table of cases, each as a test of its own
 * named by the entry's first member (a const char *).
 */
static inline int run_table(const char *group, const void *table, size_t size,
			    size_t n, CMUnitTestFunction fn)
{
	struct CMUnitTest *tests = calloc(n, sizeof(*tests));
	size_t i;
	int failed;

	if (!tests)
		return 1;
	for (i = 0; i < n; i++) {
		const void *c = (const char *)table + i * size;

		tests[i].name = *(const char *const *)c;
		tests[i].test_func = fn;
		tests[i].initial_state = (void *)c;
	}
	failed = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
	free(tests);
	return failed;
}

#endif
