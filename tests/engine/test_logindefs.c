/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test_logindefs.c - login.defs as shadow 4.13 reads it (logindefs.h): a
 * table of files and what UID_MIN is in each, then the reader's other
 * promises (offline root, names, errors, no state between calls).
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine_test.h"
#include "logindefs.h"

#define LONG_PAD \
	"################################################################"
/* 1023 bytes of comment: shadow's fgets stops there, the rest of the
 * line is read as a line of its own. */
#define COMMENT_1023                                                           \
	LONG_PAD LONG_PAD LONG_PAD LONG_PAD LONG_PAD LONG_PAD LONG_PAD         \
		LONG_PAD LONG_PAD LONG_PAD LONG_PAD LONG_PAD LONG_PAD LONG_PAD \
			LONG_PAD                                               \
		"###############################################################"

struct ld_case {
	const char *name;
	const char *text;
	size_t len; /* 0: strlen(text) */
	enum adl_ld_state state;
	uint64_t number;
	uint32_t line;
	const char *value;
	const char *message; /* a part of it */
};

static const struct ld_case cases[] = {
	{ "test_ld_plain_decimal", "UID_MIN 1000\n", 0, ADL_LD_SET, 1000, 1,
	  "1000", NULL },
	{ "test_ld_last_line_wins", "UID_MIN 1000\nUID_MIN 2000\n", 0,
	  ADL_LD_SET, 2000, 2, "2000", NULL },
	{ "test_ld_last_line_wins_other_order", "UID_MIN 2000\nUID_MIN 1000\n",
	  0, ADL_LD_SET, 1000, 2, "1000", NULL },
	{ "test_ld_later_bad_line_replaces_good_one",
	  "UID_MIN 1000\nUID_MIN 12x\n", 0, ADL_LD_NOT_NUMBER, 0, 2, "12x",
	  "/etc/login.defs:2: UID_MIN \"12x\" cannot be parsed as shadow parses it; useradd would warn and use 1000" },
	{ "test_ld_quotes_dropped", "UID_MIN \"1000\"\n", 0, ADL_LD_SET, 1000,
	  1, "1000", NULL },
	{ "test_ld_value_ends_at_quote", "UID_MIN \"1500\" 7\n", 0, ADL_LD_SET,
	  1500, 1, "1500", NULL },
	{ "test_ld_crlf", "UID_MIN 1000\r\n", 0, ADL_LD_SET, 1000, 1, "1000",
	  NULL },
	{ "test_ld_tabs_and_indent", " \tUID_MIN\t\t1200 \t\n", 0, ADL_LD_SET,
	  1200, 1, "1200", NULL },
	{ "test_ld_hex", "UID_MIN 0x3e8\n", 0, ADL_LD_SET, 1000, 1, "0x3e8",
	  NULL },
	{ "test_ld_octal", "UID_MIN 01000\n", 0, ADL_LD_SET, 512, 1, "01000",
	  NULL },
	{ "test_ld_bad_octal_digit", "UID_MIN 09\n", 0, ADL_LD_NOT_NUMBER, 0, 1,
	  "09", "cannot be parsed" },
	{ "test_ld_hex_prefix_alone", "UID_MIN 0x\n", 0, ADL_LD_NOT_NUMBER, 0,
	  1, "0x", "UID_MIN \"0x\" cannot be parsed as shadow parses it" },
	{ "test_ld_inline_comment_is_no_number", "UID_MIN 1234 # x\n", 0,
	  ADL_LD_NOT_NUMBER, 0, 1, "1234 # x",
	  "useradd would warn and use 1000" },
	{ "test_ld_empty_value", "UID_MIN \"\"\n", 0, ADL_LD_NOT_NUMBER, 0, 1,
	  "", "UID_MIN \"\" cannot be parsed" },
	{ "test_ld_name_only_sets_nothing", "UID_MIN 1500\nUID_MIN   \n", 0,
	  ADL_LD_SET, 1500, 1, "1500", NULL },
	{ "test_ld_name_only_alone_is_unset", "UID_MIN\n", 0, ADL_LD_UNSET, 0,
	  0, NULL, "/etc/login.defs: no UID_MIN line; useradd would use 1000" },
	{ "test_ld_no_line", "UID_MAX 60000\n", 0, ADL_LD_UNSET, 0, 0, NULL,
	  "no UID_MIN line" },
	{ "test_ld_2_to_the_32_is_out_of_range", "UID_MIN 4294967296\n", 0,
	  ADL_LD_RANGE, 4294967296ULL, 1, "4294967296",
	  "is above 4294967294 (4294967295 is unset): no login id; useradd would take it modulo 2^32, 0" },
	{ "test_ld_unset_value_is_out_of_range", "UID_MIN 4294967295\n", 0,
	  ADL_LD_RANGE, 4294967295ULL, 1, "4294967295", "above 4294967294" },
	{ "test_ld_largest_id", "UID_MIN 4294967294\n", 0, ADL_LD_SET,
	  4294967294ULL, 1, "4294967294", NULL },
	{ "test_ld_beyond_unsigned_long_is_erange",
	  "UID_MIN 18446744073709551616\n", 0, ADL_LD_NOT_NUMBER, 0, 1,
	  "18446744073709551616", "cannot be parsed" },
	{ "test_ld_leading_plus", "UID_MIN +1000\n", 0, ADL_LD_SET, 1000, 1,
	  "+1000", NULL },
	{ "test_ld_leading_minus_is_huge", "UID_MIN -5\n", 0, ADL_LD_RANGE,
	  18446744073709551611ULL, 1, "-5", "modulo 2^32, 4294967291" },
	{ "test_ld_comment_line", "# UID_MIN 5000\nUID_MIN 1000\n", 0,
	  ADL_LD_SET, 1000, 2, "1000", NULL },
	{ "test_ld_indented_comment", "UID_MIN 1000\n  # UID_MIN 5000\n", 0,
	  ADL_LD_SET, 1000, 1, "1000", NULL },
	{ "test_ld_comment_after_name", "UID_MIN #1000\n", 0, ADL_LD_NOT_NUMBER,
	  0, 1, "#1000", "cannot be parsed" },
	{ "test_ld_lowercase_name_is_another_name",
	  "uid_min 5000\nUID_MIN 1000\n", 0, ADL_LD_SET, 1000, 2, "1000",
	  NULL },
	{ "test_ld_lowercase_name_only", "uid_min 5000\n", 0, ADL_LD_UNSET, 0,
	  0, NULL, "no UID_MIN line" },
	{ "test_ld_long_line_tail_is_a_line",
	  COMMENT_1023 "UID_MIN 3000\nUID_MIN_X 1\n", 0, ADL_LD_SET, 3000, 1,
	  "3000", NULL },
	{ "test_ld_nul_ends_the_text", "UID_MIN 1000\0 2000\nX 1\n", 21,
	  ADL_LD_SET, 1000, 1, "1000", NULL },
	{ "test_ld_nul_does_not_end_the_line", "X\0\nUID_MIN 1100\n", 16,
	  ADL_LD_SET, 1100, 2, "1100", NULL },
	{ "test_ld_no_final_newline", "UID_MIN 1000\nUID_MIN 1300", 0,
	  ADL_LD_SET, 1300, 2, "1300", NULL },
	{ "test_ld_vertical_tab_is_not_a_separator", "UID_MIN\v1000\n", 0,
	  ADL_LD_UNSET, 0, 0, NULL, "no UID_MIN line" },
	{ "test_ld_strtoul_skips_leading_vtab", "UID_MIN \v1000\n", 0,
	  ADL_LD_SET, 1000, 1, "\v1000", NULL },
	{ "test_ld_empty_file", "", 0, ADL_LD_UNSET, 0, 0, NULL,
	  "/etc/login.defs: no UID_MIN line; useradd would use 1000" },
};

static char *make_root(void)
{
	char tmpl[] = "/tmp/test_logindefs.XXXXXX";
	char *root = mkdtemp(tmpl), path[256];

	assert_non_null(root);
	snprintf(path, sizeof(path), "%s/etc", root);
	assert_int_equal(mkdir(path, 0755), 0);
	return strdup(root);
}

/* `len` 0: strlen(text). */
static void write_defs(const char *root, const char *text, size_t len)
{
	char path[256];
	FILE *fp;

	if (len == 0)
		len = strlen(text);
	snprintf(path, sizeof(path), "%s/etc/login.defs", root);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void remove_root(char *root)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/etc/login.defs", root);
	unlink(path);
	snprintf(path, sizeof(path), "%s/etc", root);
	rmdir(path);
	rmdir(root);
	free(root);
}

static struct adl_ld *load(const char *root)
{
	struct adl_ld *ld = NULL;
	struct adl_msg msg;

	assert_int_equal(adl_ld_load(root, ADL_LOGIN_DEFS, &ld, &msg), ADL_OK);
	assert_non_null(ld);
	return ld;
}

static void run_case(void **state)
{
	const struct ld_case *c = *state;
	char *root = make_root();
	struct adl_ld_value v;
	struct adl_ld *ld;

	write_defs(root, c->text, c->len);
	ld = load(root);
	adl_ld_judge(ld, "UID_MIN", &v);
	assert_true(v.numeric);
	assert_int_equal(v.state, c->state);
	if (c->state == ADL_LD_SET || c->state == ADL_LD_RANGE)
		assert_true(v.number == c->number);
	if (c->value == NULL) {
		assert_null(v.entry);
	} else {
		assert_non_null(v.entry);
		assert_string_equal(v.entry->value, c->value);
		assert_int_equal(v.entry->line, c->line);
	}
	if (c->message != NULL)
		assert_non_null(strstr(v.message, c->message));
	if (c->state == ADL_LD_SET)
		assert_string_equal(v.message, "");
	adl_ld_free(ld);
	remove_root(root);
}

static void test_ld_missing_file_sets_nothing(void **state)
{
	char *root = make_root();
	struct adl_ld_value v;
	struct adl_ld *ld;

	(void)state;
	ld = load(root);
	assert_false(adl_ld_exists(ld));
	adl_ld_judge(ld, "UID_MIN", &v);
	assert_int_equal(v.state, ADL_LD_UNSET);
	assert_string_equal(
		v.message,
		"/etc/login.defs does not exist, so no UID_MIN line; useradd would use 1000");
	adl_ld_free(ld);
	remove_root(root);
}

/* An absolute link is read under the root, not on the host. */
static void test_ld_absolute_link_stays_in_root(void **state)
{
	char *root = make_root(), path[256], real[256];
	struct adl_ld_value v;
	struct adl_ld *ld;

	(void)state;
	write_defs(root, "UID_MIN 1600\n", 0);
	snprintf(path, sizeof(path), "%s/etc/login.defs", root);
	snprintf(real, sizeof(real), "%s/etc/real.defs", root);
	assert_int_equal(rename(path, real), 0);
	assert_int_equal(symlink("/etc/real.defs", path), 0);
	ld = load(root);
	adl_ld_judge(ld, "UID_MIN", &v);
	assert_int_equal(v.state, ADL_LD_SET);
	assert_true(v.number == 1600);
	adl_ld_free(ld);
	unlink(real);
	remove_root(root);
}

/* A directory or a FIFO is no login.defs (and a FIFO must not hang). */
static void test_ld_not_a_regular_file_is_an_io_error(void **state)
{
	char *root = make_root(), path[256];
	struct adl_msg msg;
	struct adl_ld *ld = NULL;
	size_t i;

	(void)state;
	snprintf(path, sizeof(path), "%s/etc/login.defs", root);
	/* 0: a directory, 1: a FIFO */
	for (i = 0; i < 2; i++) {
		if (i == 0)
			assert_int_equal(mkdir(path, 0755), 0);
		else
			assert_int_equal(mkfifo(path, 0644), 0);
		assert_int_equal(adl_ld_load(root, ADL_LOGIN_DEFS, &ld, &msg),
				 ADL_ERR_IO);
		assert_null(ld);
		assert_string_equal(msg.text,
				    "/etc/login.defs: not a regular file");
		assert_int_equal(remove(path), 0);
	}
	remove_root(root);
}

static void test_ld_other_names_are_strings(void **state)
{
	char *root = make_root();
	struct adl_ld_value v;
	struct adl_ld *ld;

	(void)state;
	write_defs(root,
		   "ENCRYPT_METHOD SHA512\nUID_MAX 0x\nMAIL_DIR /var/mail\n"
		   "ENCRYPT_METHOD YESCRYPT\n",
		   0);
	ld = load(root);
	adl_ld_judge(ld, "ENCRYPT_METHOD", &v);
	assert_false(v.numeric);
	assert_int_equal(v.state, ADL_LD_SET);
	assert_string_equal(v.entry->value, "YESCRYPT");
	assert_int_equal(v.entry->line, 4);
	adl_ld_judge(ld, "UID_MAX", &v);
	assert_true(v.numeric);
	assert_int_equal(v.state, ADL_LD_NOT_NUMBER);
	assert_non_null(strstr(v.message, "useradd would warn and use 60000"));
	adl_ld_judge(ld, "GID_MIN", &v);
	assert_non_null(strstr(v.message, "groupadd would use 1000"));
	/* each name once, sorted */
	assert_int_equal(adl_ld_count(ld), 3);
	assert_string_equal(adl_ld_at(ld, 0)->name, "ENCRYPT_METHOD");
	assert_string_equal(adl_ld_at(ld, 1)->name, "MAIL_DIR");
	assert_string_equal(adl_ld_at(ld, 2)->name, "UID_MAX");
	assert_null(adl_ld_at(ld, 3));
	assert_null(adl_ld_find(ld, "mail_dir"));
	adl_ld_free(ld);
	remove_root(root);
}

/* Two readings side by side keep their own settings (no static state). */
static void test_ld_readings_are_independent(void **state)
{
	char *a = make_root(), *b = make_root();
	struct adl_ld *la, *lb;

	(void)state;
	write_defs(a, "UID_MIN 1100\n", 0);
	write_defs(b, "UID_MIN 1200\n", 0);
	la = load(a);
	lb = load(b);
	assert_string_equal(adl_ld_find(la, "UID_MIN")->value, "1100");
	assert_string_equal(adl_ld_find(lb, "UID_MIN")->value, "1200");
	adl_ld_free(la);
	adl_ld_free(lb);
	remove_root(a);
	remove_root(b);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_ld_missing_file_sets_nothing),
		cmocka_unit_test(test_ld_absolute_link_stays_in_root),
		cmocka_unit_test(test_ld_not_a_regular_file_is_an_io_error),
		cmocka_unit_test(test_ld_other_names_are_strings),
		cmocka_unit_test(test_ld_readings_are_independent),
	};
	int failed;

	failed = run_table("logindefs_table", cases, sizeof(cases[0]),
			   sizeof(cases) / sizeof(cases[0]), run_case);
	failed += cmocka_run_group_tests_name("logindefs", fixed, NULL, NULL);
	return failed ? 1 : 0;
}
