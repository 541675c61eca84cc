/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test_kernel_decode.c - struct audit_rule_data as the kernel sends it,
 * decoded by adl_add_kernel_rule. The structs are built with libaudit's own
 * builders (no kernel needed), decoded, formatted, and compared with the
 * text `auditctl -l` printed on a real kernel after `auditctl -R` of the
 * same rule, and with what the file reader makes of that rule text.
 * Malformed structs must be refused without a crash.
 */
#include "engine_test.h"
#include <libaudit.h>

/*
 * libaudit's rule builders keep state between rules in these globals (the
 * arch that names syscalls, whether a key may follow); auditctl resets them
 * before every rule, and so do these tests.
 */
extern unsigned int _audit_elf;
extern int _audit_syscalladded, _audit_permadded, _audit_archadded,
	_audit_exeadded;

/* Arch fields as numbers, so that no builder asks for the host's machine. */
#define B64 "arch=0xc000003e"
#define B32 "arch=0x40000003"

struct krule {
	uint32_t list, action;
	const char *watch, *dir; /* audit_add_watch, audit_add_watch_dir */
	const char *syscalls;	 /* comma-separated, for the builder */
	/* fieldpairs in order; "C:" starts an interfield comparison */
	const char *fields[8];
	bool clear_class_bits; /* as the kernel does to mask[63] */
};

struct decode_case {
	const char *name;
	struct krule rules[3];
	const char *text;   /* the same rules as `auditctl -R` reads them */
	const char *compat; /* adl_format_list, flags 0 */
	const char *canon;  /* NULL: same as compat */
};

#define EXIT AUDIT_FILTER_EXIT
#define ALWAYS AUDIT_ALWAYS
#define NEVER AUDIT_NEVER

static const struct decode_case cases[] = {
	{
		.name = "decode_cis_syscall_rule",
		.rules = { { EXIT, ALWAYS,
			     .syscalls =
				     "init_module,finit_module,delete_module,create_module,query_module",
			     .fields = { B64, "auid>=1000", "auid!=unset",
					 "key=kernel_modules" } } },
		.text = "-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1000 -F auid!=unset -k kernel_modules\n",
		.compat =
			"-a always,exit -F arch=b64 -S create_module,init_module,delete_module,query_module,finit_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n",
	},
	{
		.name = "decode_cis_path_rule",
		.rules = { { EXIT, ALWAYS, .syscalls = "all",
			     .fields = { "path=/usr/bin/kmod", "perm=x",
					 "auid>=1000", "auid!=4294967295",
					 "key=kernel_modules" } } },
		.text = "-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules\n",
		.compat =
			"-a always,exit -S all -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n",
	},
	{
		.name = "decode_S_all_with_class_bits_cleared_by_kernel",
		.rules = { { EXIT, ALWAYS, .syscalls = "all",
			     .fields = { "auid>=1000" },
			     .clear_class_bits = true } },
		.text = "-a always,exit -S all -F auid>=1000\n",
		.compat = "-a always,exit -S all -F auid>=1000\n",
	},
	{
		.name = "decode_watch_of_file",
		.rules = { { EXIT, ALWAYS, .watch = "/etc/passwd",
			     .fields = { "key=w" } } },
		.text = "-w /etc/passwd -k w\n",
		.compat = "-w /etc/passwd -p rwxa -k w\n",
	},
	{
		.name = "decode_watch_of_directory",
		.rules = { { EXIT, ALWAYS, .dir = "/etc" } },
		.text = "-w /etc/\n",
		.compat = "-w /etc -p rwxa\n",
	},
	{
		.name = "decode_never_path_rule_in_watch_form",
		.rules = { { EXIT, NEVER, .syscalls = "all",
			     .fields = { "path=/etc/shadow", "perm=r" } } },
		.text = "-a never,exit -F path=/etc/shadow -F perm=r\n",
		.compat = "-w /etc/shadow -p r\n",
		.canon = "-a never,exit -S all -F path=/etc/shadow -F perm=r\n",
	},
	{
		.name = "decode_joined_keys_print_one_by_one",
		.rules = { { EXIT, ALWAYS, .syscalls = "open",
			     .fields = { B64, "key=a\001b" } } },
		.text = "-a always,exit -F arch=b64 -S open -k a -k b\n",
		.compat =
			"-a always,exit -F arch=b64 -S open -F key=a -F key=b\n",
	},
	{
		.name = "decode_key_with_space",
		.rules = { { EXIT, ALWAYS, .syscalls = "open",
			     .fields = { B64, "key=a b" } } },
		.text = "-a always,exit -F arch=b64 -S open -k a\\ b\n",
		.compat = "-a always,exit -F arch=b64 -S open -F key=a b\n",
	},
	{
		.name = "decode_interfield_comparison",
		.rules = { { EXIT, ALWAYS, .syscalls = "open",
			     .fields = { B64, "C:auid!=uid" } } },
		.text = "-a always,exit -F arch=b64 -S open -C auid!=uid\n",
		.compat = "-a always,exit -F arch=b64 -S open -C uid!=auid\n",
	},
	{
		.name = "decode_exit_as_errno_name",
		.rules = { { EXIT, ALWAYS, .syscalls = "open",
			     .fields = { B64, "exit=-13", "success=0" } } },
		.text = "-a always,exit -F arch=b64 -S open -F exit=-EACCES -F success=0\n",
		.compat =
			"-a always,exit -F arch=b64 -S open -F exit=-EACCES -F success=0\n",
	},
	{
		.name = "decode_args_in_hex",
		.rules = { { EXIT, ALWAYS, .syscalls = "open",
			     .fields = { B64, "a0=16", "a1&=0x20",
					 "a2!=-1" } } },
		.text = "-a always,exit -F arch=b64 -S open -F a0=16 -F a1&=0x20 -F a2!=-1\n",
		.compat =
			"-a always,exit -F arch=b64 -S open -F a0=0x10 -F a1&=0x20 -F a2!=0xFFFFFFFF\n",
	},
	{
		.name = "decode_uids_signed",
		.rules = { { EXIT, ALWAYS, .syscalls = "open",
			     .fields = { B64, "uid=-2", "euid>=0x10",
					 "auid=unset" } } },
		.text = "-a always,exit -F arch=b64 -S open -F uid=-2 -F euid>=16 -F auid=-1\n",
		.compat =
			"-a always,exit -F arch=b64 -S open -F uid=-2 -F euid>=16 -F auid=-1\n",
	},
	{
		.name = "decode_perm_letters_in_rwxa_order",
		.rules = { { EXIT, ALWAYS, .syscalls = "open",
			     .fields = { B64, "perm=xw" } } },
		.text = "-a always,exit -F arch=b64 -S open -F perm=xw\n",
		.compat = "-a always,exit -F arch=b64 -S open -F perm=wx\n",
	},
	/* auditctl prints the file type as a number */
	{
		.name = "decode_filetype_as_number",
		.rules = { { EXIT, ALWAYS, .syscalls = "open",
			     .fields = { B64, "filetype=dir" } } },
		.text = "-a always,exit -F arch=b64 -S open -F filetype=dir\n",
		.compat =
			"-a always,exit -F arch=b64 -S open -F filetype=16384\n",
	},
	{
		.name = "decode_task_list_never",
		.rules = { { AUDIT_FILTER_TASK, NEVER,
			     .fields = { "uid=33" } } },
		.text = "-a never,task -F uid=33\n",
		.compat = "-a never,task -F uid=33\n",
	},
	{
		.name = "decode_user_list",
		.rules = { { AUDIT_FILTER_USER, ALWAYS,
			     .fields = { "msgtype=USER_LOGIN" } } },
		.text = "-a always,user -F msgtype=USER_LOGIN\n",
		.compat = "-a always,user -F msgtype=USER_LOGIN\n",
	},
	/* built for the user list, since libaudit asks the kernel about
	 * exclude fields; the list is set afterwards */
	{
		.name = "decode_exclude_of_syscall_records",
		.rules = { { AUDIT_FILTER_EXCLUDE, ALWAYS,
			     .fields = { "msgtype=SYSCALL" } } },
		.text = "-a always,exclude -F msgtype=SYSCALL\n",
		.compat = "-a always,exclude -F msgtype=SYSCALL\n",
	},
	{
		.name = "decode_filesystem_list",
		.rules = { { AUDIT_FILTER_FS, NEVER,
			     .fields = { "fstype=0x64626720" } } },
		.text = "-a never,filesystem -F fstype=debugfs\n",
		.compat = "-a never,filesystem -F fstype=debugfs\n",
	},
	{
		.name = "decode_rule_without_arch_named_after_previous_arch",
		.rules = { { EXIT, ALWAYS, .syscalls = "all",
			     .fields = { B32 } },
			   { EXIT, ALWAYS, .syscalls = "init_module" } },
		.text = "-a always,exit -F arch=b32 -S all\n-a always,exit -S init_module\n",
		.compat = "-a always,exit -F arch=b32 -S all\n"
			  "-a always,exit -S rt_sigprocmask\n",
		.canon = "-a always,exit -F arch=b32 -S all\n"
			 "-a always,exit -S init_module\n",
	},
	{
		.name = "decode_b32_syscalls_in_b32_table",
		.rules = { { EXIT, ALWAYS,
			     .syscalls = "init_module,delete_module",
			     .fields = { B32, "auid>=1000" } } },
		.text = "-a always,exit -F arch=b32 -S init_module,delete_module -F auid>=1000\n",
		.compat =
			"-a always,exit -F arch=b32 -S init_module,delete_module -F auid>=1000\n",
	},
};

static void reset_builder(void)
{
	_audit_elf = AUDIT_ARCH_X86_64;
	_audit_syscalladded = 0;
	_audit_permadded = 0;
	_audit_archadded = 0;
	_audit_exeadded = 0;
}

static void add_syscalls(struct audit_rule_data *rd, const char *list)
{
	char *copy = strdup(list), *save = NULL, *name;

	assert_non_null(copy);
	for (name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save))
		assert_int_equal(audit_rule_syscallbyname_data(rd, name), 0);
	_audit_syscalladded = 1;
	free(copy);
}

static void add_pair(struct audit_rule_data **rd, const struct krule *k,
		     const char *f)
{
	/* libaudit asks the kernel which fields the exclude list takes */
	int list = k->list == AUDIT_FILTER_EXCLUDE ? AUDIT_FILTER_USER
						   : (int)k->list;
	bool cmp = f[0] == 'C' && f[1] == ':';
	char *pair = strdup(cmp ? f + 2 : f); /* the builders write into it */

	assert_non_null(pair);
	if (cmp)
		assert_int_equal(
			audit_rule_interfield_comp_data(rd, pair, list), 0);
	else
		assert_int_equal(audit_rule_fieldpair_data(rd, pair, list), 0);
	free(pair);
}

/* Builds a rule with libaudit as auditctl does: arch, -S, then the rest. */
static struct audit_rule_data *build(const struct krule *k, size_t *len)
{
	struct audit_rule_data *rd = NULL;
	size_t i = 0;

	reset_builder();
	if (k->watch || k->dir) {
		assert_int_equal(
			k->watch ? audit_add_watch(&rd, k->watch)
				 : audit_add_watch_dir(AUDIT_DIR, &rd, k->dir),
			0);
	} else {
		rd = audit_rule_create_data();
		assert_non_null(rd);
	}
	if (k->fields[0] && !strncmp(k->fields[0], "arch", 4))
		add_pair(&rd, k, k->fields[i++]);
	if (k->syscalls)
		add_syscalls(rd, k->syscalls);
	for (; i < 8 && k->fields[i]; i++)
		add_pair(&rd, k, k->fields[i]);
	if (k->clear_class_bits)
		rd->mask[AUDIT_BITMASK_SIZE - 1] &= 0x0000ffffu;
	rd->flags = k->list;
	rd->action = k->action;
	*len = sizeof(*rd) + rd->buflen;
	return rd;
}

static void run_case(void **state)
{
	const struct decode_case *c = *state;
	struct adl_ruleset *rs = new_ruleset(), *parsed = new_ruleset();
	char *got, *from_text;
	uint32_t n;

	for (n = 0; n < 3 && (c->rules[n].list || c->rules[n].action ||
			      c->rules[n].watch || c->rules[n].dir ||
			      c->rules[n].fields[0]);
	     n++) {
		size_t len;
		struct audit_rule_data *rd = build(&c->rules[n], &len);
		const struct adl_rule *r;

		assert_int_equal(adl_add_kernel_rule(rs, rd, len, n + 1),
				 ADL_OK);
		assert_int_equal(adl_ruleset_nerrors(rs), 0);
		audit_rule_free_data(rd);
		r = adl_ruleset_rule(rs, n);
		assert_non_null(r);
		assert_int_equal(r->source, ADL_SOURCE_KERNEL);
		assert_int_equal(r->line, n + 1);
		assert_true(r->state & ADL_LOADED);
	}
	assert_int_equal(adl_ruleset_count(rs), n);

	got = listing(rs, 0);
	assert_string_equal(got, c->compat);
	free(got);
	got = listing(rs, ADL_FMT_CANONICAL);
	assert_string_equal(got, c->canon ? c->canon : c->compat);
	free(got);

	/* the file reader makes the same rules of the same text */
	assert_int_equal(
		adl_load_text(parsed, "same.rules", c->text, strlen(c->text)),
		ADL_OK);
	got = listing(rs, 0);
	from_text = listing(parsed, 0);
	assert_string_equal(from_text, got);
	free(got);
	free(from_text);

	adl_ruleset_free(parsed);
	adl_ruleset_free(rs);
}

/* A valid struct to break: exit, always, -S all, path=/etc/passwd. */
static struct audit_rule_data *valid_rule(size_t extra, size_t *len)
{
	static const char path[] = "/etc/passwd";
	size_t n = strlen(path);
	struct audit_rule_data *rd = calloc(1, sizeof(*rd) + n + extra);

	assert_non_null(rd);
	rd->flags = AUDIT_FILTER_EXIT;
	rd->action = AUDIT_ALWAYS;
	memset(rd->mask, 0xff, sizeof(rd->mask));
	rd->field_count = 1;
	rd->fields[0] = AUDIT_WATCH;
	rd->fieldflags[0] = AUDIT_EQUAL;
	rd->values[0] = (uint32_t)n;
	rd->buflen = (uint32_t)n;
	memcpy(rd->buf, path, n);
	*len = sizeof(*rd) + n;
	return rd;
}

static void expect_refused(const void *data, size_t len)
{
	struct adl_ruleset *rs = new_ruleset();
	const struct adl_error *e;

	assert_int_equal(adl_add_kernel_rule(rs, data, len, 1), ADL_ERR_RULE);
	/* the reason, in the rule set's error list, naming no file */
	assert_int_equal(adl_ruleset_nerrors(rs), 1);
	e = adl_ruleset_error(rs, 0);
	assert_true(e->message[0] != '\0');
	assert_null(adl_ruleset_file(rs, e->file));
	assert_int_equal(e->line, 0);
	assert_int_equal(adl_ruleset_count(rs), 0);
	adl_ruleset_free(rs);
}

static void test_decode_valid_rule_is_accepted(void **state)
{
	struct adl_ruleset *rs = new_ruleset();
	size_t len;
	struct audit_rule_data *rd = valid_rule(0, &len);
	char *got;

	(void)state;
	assert_int_equal(adl_add_kernel_rule(rs, rd, len, 1), ADL_OK);
	got = listing(rs, 0);
	assert_string_equal(got, "-a always,exit -S all -F path=/etc/passwd\n");
	free(got);
	free(rd);
	adl_ruleset_free(rs);
}

static void test_decode_refuses_short_message(void **state)
{
	size_t len;
	struct audit_rule_data *rd = valid_rule(0, &len);

	(void)state;
	expect_refused(rd, sizeof(*rd) - 1);
	expect_refused(rd, offsetof(struct audit_rule_data, buflen));
	expect_refused(rd, 0);
	free(rd);
}

static void test_decode_refuses_more_than_64_fields(void **state)
{
	size_t len;
	struct audit_rule_data *rd = valid_rule(0, &len);

	(void)state;
	rd->field_count = AUDIT_MAX_FIELDS + 1;
	expect_refused(rd, len);
	rd->field_count = UINT32_MAX;
	expect_refused(rd, len);
	free(rd);
}

static void test_decode_accepts_64_fields(void **state)
{
	struct audit_rule_data *rd = calloc(1, sizeof(*rd));
	struct adl_ruleset *rs = new_ruleset();
	const struct adl_rule *r;
	uint32_t i;

	(void)state;
	assert_non_null(rd);
	rd->flags = AUDIT_FILTER_EXIT;
	rd->action = AUDIT_ALWAYS;
	memset(rd->mask, 0xff, sizeof(rd->mask));
	rd->field_count = AUDIT_MAX_FIELDS;
	for (i = 0; i < AUDIT_MAX_FIELDS; i++) {
		rd->fields[i] = AUDIT_ARG0;
		rd->fieldflags[i] = AUDIT_NOT_EQUAL;
		rd->values[i] = i;
	}
	assert_int_equal(adl_add_kernel_rule(rs, rd, sizeof(*rd), 1), ADL_OK);
	r = adl_ruleset_rule(rs, 0);
	assert_int_equal(r->nfields, AUDIT_MAX_FIELDS);
	assert_int_equal(r->fields[63].val, 63);
	free(rd);
	adl_ruleset_free(rs);
}

static void test_decode_refuses_buflen_beyond_message(void **state)
{
	size_t len;
	struct audit_rule_data *rd = valid_rule(0, &len);

	(void)state;
	expect_refused(rd, len - 1);
	rd->buflen = UINT32_MAX;
	expect_refused(rd, len);
	free(rd);
}

static void test_decode_refuses_string_beyond_buflen(void **state)
{
	size_t len;
	struct audit_rule_data *rd = valid_rule(0, &len);

	(void)state;
	rd->values[0] = rd->buflen + 1;
	expect_refused(rd, len);
	rd->values[0] = UINT32_MAX;
	expect_refused(rd, len);
	free(rd);
}

/* Each string fits alone; together they overrun the buffer. */
static void test_decode_refuses_strings_adding_up_beyond_buflen(void **state)
{
	size_t len;
	struct audit_rule_data *rd = valid_rule(0, &len);

	(void)state;
	rd->field_count = 2;
	rd->fields[1] = AUDIT_FILTERKEY;
	rd->fieldflags[1] = AUDIT_EQUAL;
	rd->values[1] = 2;
	expect_refused(rd, len);
	free(rd);
}

static void test_decode_refuses_bad_list(void **state)
{
	size_t len;
	struct audit_rule_data *rd = valid_rule(0, &len);

	(void)state;
	rd->flags = 0x1000;
	expect_refused(rd, len);
	free(rd);
}

/* The words of a refusal, as `auditdline list --kernel` prints them. */
static void expect_reason(const void *data, size_t len, const char *why)
{
	struct adl_ruleset *rs = new_ruleset();

	assert_int_equal(adl_add_kernel_rule(rs, data, len, 1), ADL_ERR_RULE);
	assert_int_equal(adl_ruleset_nerrors(rs), 1);
	assert_string_equal(adl_ruleset_error(rs, 0)->message, why);
	adl_ruleset_free(rs);
}

static void test_decode_refusal_says_why(void **state)
{
	size_t len;
	struct audit_rule_data *rd = valid_rule(0, &len);

	(void)state;
	expect_reason(rd, sizeof(*rd) - 1, "kernel rule too short");
	rd->field_count = AUDIT_MAX_FIELDS + 1;
	expect_reason(rd, len, "kernel rule has too many fields");
	rd->field_count = 1;
	expect_reason(rd, len - 1, "kernel rule strings overrun the message");
	rd->values[0] = rd->buflen + 1;
	expect_reason(rd, len, "kernel rule string overruns its buffer");
	rd->values[0] = rd->buflen;
	rd->flags = 0x1000;
	expect_reason(rd, len, "kernel rule has a bad list or action");
	free(rd);
}

/* Every status has its own words; a value that is none has some too. */
static void test_status_text_names_each_status(void **state)
{
	const char *seen[ADL_ERR_SKIPPED + 1];
	int st, j;

	(void)state;
	for (st = ADL_OK; st <= ADL_ERR_SKIPPED; st++) {
		seen[st] = adl_status_text((enum adl_status)st);
		assert_non_null(seen[st]);
		assert_true(seen[st][0] != '\0');
		assert_string_not_equal(seen[st], "unknown status");
		for (j = ADL_OK; j < st; j++)
			assert_string_not_equal(seen[j], seen[st]);
	}
	assert_string_equal(adl_status_text(ADL_ERR_NOMEM), "out of memory");
	assert_string_equal(adl_status_text((enum adl_status)99),
			    "unknown status");
	assert_string_equal(adl_status_text((enum adl_status) - 1),
			    "unknown status");
}

/* adl_msgf cuts what does not fit, NUL-terminated, and takes NULL. */
static void test_msgf_cuts_to_fit(void **state)
{
	struct adl_msg m;
	char big[ADL_MSG_MAX * 2];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	adl_msgf(&m, "%s: %d", "kernel", 7);
	assert_string_equal(m.text, "kernel: 7");
	adl_msgf(&m, "%s", big);
	assert_int_equal(strlen(m.text), ADL_MSG_MAX - 1);
	adl_msgf(NULL, "%s", big);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_decode_valid_rule_is_accepted),
		cmocka_unit_test(test_decode_refuses_short_message),
		cmocka_unit_test(test_decode_refuses_more_than_64_fields),
		cmocka_unit_test(test_decode_accepts_64_fields),
		cmocka_unit_test(test_decode_refuses_buflen_beyond_message),
		cmocka_unit_test(test_decode_refuses_string_beyond_buflen),
		cmocka_unit_test(
			test_decode_refuses_strings_adding_up_beyond_buflen),
		cmocka_unit_test(test_decode_refuses_bad_list),
		cmocka_unit_test(test_decode_refusal_says_why),
		cmocka_unit_test(test_status_text_names_each_status),
		cmocka_unit_test(test_msgf_cuts_to_fit),
	};
	int failed;

	failed = run_table("decode_table", cases, sizeof(cases[0]),
			   sizeof(cases) / sizeof(cases[0]), run_case);
	failed += cmocka_run_group_tests_name("decode", fixed, NULL, NULL);
	return failed ? 1 : 0;
}
