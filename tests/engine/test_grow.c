/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_grow.c - adl_grow refuses what it cannot hold, and the text buffer
 * turns that refusal into its out-of-memory flag. */
#include "engine_test.h"

static void test_grow_from_empty_doubles(void **state)
{
	uint32_t *v = NULL;
	size_t cap = 0, i;

	(void)state;
	assert_int_equal(adl_grow(&v, &cap, 1, sizeof(*v)), ADL_OK);
	assert_int_equal(cap, 16);
	for (i = 0; i < 16; i++)
		v[i] = (uint32_t)i;
	assert_int_equal(adl_grow(&v, &cap, 16, sizeof(*v)), ADL_OK);
	assert_int_equal(cap, 16);
	assert_int_equal(adl_grow(&v, &cap, 17, sizeof(*v)), ADL_OK);
	assert_int_equal(cap, 32);
	assert_int_equal(adl_grow(&v, &cap, 100, sizeof(*v)), ADL_OK);
	assert_int_equal(cap, 128);
	for (i = 0; i < 16; i++)
		assert_int_equal(v[i], i);
	free(v);
}

/* Refused: nothing changes, the array is still usable. */
static void assert_refused(size_t need, size_t size)
{
	char *v = NULL;
	size_t cap = 0;
	char *before;

	assert_int_equal(adl_grow(&v, &cap, 4, 1), ADL_OK);
	memcpy(v, "abc", 4);
	before = v;
	assert_int_equal(adl_grow(&v, &cap, need, size), ADL_ERR_NOMEM);
	assert_ptr_equal(v, before);
	assert_int_equal(cap, 16);
	assert_string_equal(v, "abc");
	free(v);
}

static void test_grow_refuses_overflowing_sizes(void **state)
{
	(void)state;
	/* need * size would wrap size_t */
	assert_refused(SIZE_MAX, 2);
	assert_refused(SIZE_MAX / 2 + 2, 2);
	assert_refused(17, SIZE_MAX / 2);
	assert_refused(SIZE_MAX, SIZE_MAX);
	/* over the cap without wrapping */
	assert_refused(ADL_GROW_MAX + 1, 1);
	assert_refused(ADL_GROW_MAX / 8 + 1, 8);
	/* a zero element size is a caller's error, never a huge count */
	assert_refused(32, 0);
}

static void test_grow_reaches_the_cap_exactly(void **state)
{
	char *v = NULL;
	size_t cap = 0;

	(void)state;
	/* doubling would pass the cap: it stops at the cap, which fits */
	assert_int_equal(adl_grow(&v, &cap, 3, (ADL_GROW_MAX / 3)), ADL_OK);
	assert_int_equal(cap, 3);
	free(v);
}

static void test_buf_refuses_and_remembers(void **state)
{
	struct adl_buf b = { 0 };

	(void)state;
	adl_buf_puts(&b, "kept");
	adl_buf_putn(&b, "x", SIZE_MAX - 2);
	assert_true(b.oom);
	assert_string_equal(b.s, "kept");
	assert_int_equal(b.len, 4);
	adl_buf_puts(&b, "more");
	assert_int_equal(b.len, 4);
	adl_buf_free(&b);

	adl_buf_putn(&b, "x", ADL_GROW_MAX);
	assert_true(b.oom);
	assert_null(b.s);
	adl_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_from_empty_doubles),
		cmocka_unit_test(test_grow_refuses_overflowing_sizes),
		cmocka_unit_test(test_grow_reaches_the_cap_exactly),
		cmocka_unit_test(test_buf_refuses_and_remembers),
	};

	return cmocka_run_group_tests_name("grow", tests, NULL, NULL);
}
