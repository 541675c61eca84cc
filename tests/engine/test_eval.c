/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test_eval.c - `effective` (SPEC.md): a rule is not effective when it is
 * not loaded (a failing or duplicate line before it, a later -D/-D -k/-d,
 * a file augenrules never reads), suppressed (an earlier never rule on its
 * list that overlaps it, a never,task rule, an exclude rule for SYSCALL
 * records) or self-defeating. Each reason names the file and line that
 * decide it. The cases are those of AUDIT-FACTS.md's "What actually gets
 * logged" and "Deciding overlap"; every rules file here loads on a real
 * kernel as the comments say (checked with auditctl -R; never -e 2).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine_test.h"

#define FILE_NAME "test.rules"

/* The CIS rules for one syscall and for kmod, and a never rule. */
#define CIS_B64                                                    \
	"-a always,exit -F arch=b64 -S init_module -F auid>=1000 " \
	"-F auid!=unset -k kernel_modules\n"
#define CIS_KMOD                                                        \
	"-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 " \
	"-F auid!=unset -k kernel_modules\n"
#define NEVER_B64 "-a never,exit -F arch=b64 -S init_module\n"
/* The CIS rule for init_module without its key. */
#define KEYLESS_B64                                                \
	"-a always,exit -F arch=b64 -S init_module -F auid>=1000 " \
	"-F auid!=unset\n"
/* Every command of logged-in users, keyed. */
#define EXEC_KEYED                                                           \
	"-a always,exit -F arch=b64 -S execve -F auid>=1000 -F auid!=unset " \
	"-k exec\n"

struct expect {
	uint32_t line; /* 0 ends the list */
	bool loaded, effective;
	const char *reason[4]; /* substrings; an effective rule has none */
	uint32_t by[4]; /* lines of the earlier rules that record its events */
};

struct eval_case {
	const char *name;
	const char *text;
	int status;
	struct expect want[4];
};

/* clang-format off */
#define EFFECTIVE(l) {(l), true, true, {NULL}, {0}}
/* effective, its events recorded (some of them) by earlier keyed rules */
#define RECORDED(l, ...) {(l), true, true, {NULL}, {__VA_ARGS__}}
#define SUPPRESSED(l, ...) \
	{(l), true, false, {"suppressed: ", __VA_ARGS__}, {0}}
#define UNKEYED(l, ...) \
	SUPPRESSED(l, "an earlier always rule without a key", __VA_ARGS__)
#define NOT_LOADED(l, ...) \
	{(l), false, false, {"not loaded", __VA_ARGS__}, {0}}
#define DUPLICATE(l, of) \
	{(l), false, false, {"duplicate of " of "; loading stops here"}, {0}}
/* clang-format on */

static const struct eval_case cases[] = {
	/* the exit list is first-match */
	{ "eval_earlier_never_suppresses",
	  NEVER_B64 CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1),
	    SUPPRESSED(2, "an earlier never rule at " FILE_NAME ":1",
		       "(-a never,exit -F arch=b64 -S init_module)") } },
	{ "eval_later_never_does_not_suppress",
	  CIS_B64 NEVER_B64,
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2) } },
	{ "eval_prepended_never_comes_first",
	  CIS_B64 "-A never,exit -F arch=b64 -S init_module\n",
	  ADL_OK,
	  { SUPPRESSED(1, "never rule at " FILE_NAME ":2"), EFFECTIVE(2) } },
	{ "eval_never_with_other_field_still_suppresses",
	  "-a never,exit -F arch=b64 -S init_module -F uid=33\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), SUPPRESSED(2, FILE_NAME ":1", "uid=33") } },
	{ "eval_never_with_key_still_suppresses",
	  "-a never,exit -F arch=b64 -S init_module -k other\n" CIS_B64,
	  ADL_OK,
	  { SUPPRESSED(2, FILE_NAME ":1") } },
	{ "eval_never_auid_unset_does_not_overlap_auid_not_unset",
	  "-a never,exit -F arch=b64 -S all -F auid=unset\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2) } },
	{ "eval_never_auid_minus_one_does_not_overlap_auid_not_4294967295",
	  "-a never,exit -F arch=b64 -S all -F auid=-1\n"
	  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=4294967295 -k m\n",
	  ADL_OK,
	  { EFFECTIVE(2) } },
	{ "eval_never_auid_below_range_does_not_overlap",
	  "-a never,exit -F arch=b64 -S all -F auid<1000\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(2) } },
	{ "eval_never_auid_inside_range_suppresses",
	  "-a never,exit -F arch=b64 -S all -F auid=1000\n" CIS_B64,
	  ADL_OK,
	  { SUPPRESSED(2, FILE_NAME ":1") } },
	{ "eval_never_on_disjoint_syscalls_does_not_overlap",
	  "-a never,exit -F arch=b64 -S open,close\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(2) } },
	{ "eval_never_on_disjoint_arch_does_not_overlap",
	  "-a never,exit -F arch=b32 -S all\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2) } },
	{ "eval_never_without_arch_on_all_syscalls_suppresses_b64",
	  "-a never,exit -S all\n" CIS_B64,
	  ADL_OK,
	  { SUPPRESSED(2, FILE_NAME ":1", "(-a never,exit -S all)") } },
	/* without arch the kernel matches every arch by syscall number */
	{ "eval_never_without_arch_on_all_syscalls_suppresses_b32",
	  "-a never,exit -S all\n"
	  "-a always,exit -F arch=b32 -S init_module -F auid>=1000 -F auid!=unset -k m\n",
	  ADL_OK,
	  { SUPPRESSED(2, FILE_NAME ":1") } },
	/* native init_module is 175; b32 init_module is 128 */
	{ "eval_never_without_arch_misses_b32_number_of_same_name",
	  "-a never,exit -S init_module\n"
	  "-a always,exit -F arch=b32 -S init_module -F auid>=1000 -F auid!=unset -k m\n",
	  ADL_OK,
	  { EFFECTIVE(2) } },
	{ "eval_never_path_suppresses_same_path",
	  "-a never,exit -F path=/usr/bin/kmod -F perm=x\n" CIS_KMOD,
	  ADL_OK,
	  { SUPPRESSED(
		  2, FILE_NAME ":1",
		  "(-a never,exit -S all -F path=/usr/bin/kmod -F perm=x)") } },
	{ "eval_never_path_does_not_overlap_other_path",
	  "-a never,exit -F path=/usr/bin/other -F perm=x\n" CIS_KMOD,
	  ADL_OK,
	  { EFFECTIVE(2) } },

	/* never,task and exclude take events from every exit rule */
	{ "eval_never_task_suppresses",
	  "-a never,task\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), SUPPRESSED(2, "never,task", FILE_NAME ":1") } },
	{ "eval_never_task_written_after_suppresses",
	  CIS_B64 "-a never,task\n",
	  ADL_OK,
	  { SUPPRESSED(1, "never,task", FILE_NAME ":2") } },
	{ "eval_conditional_never_task_suppresses",
	  "-a never,task -F uid=33\n" CIS_KMOD,
	  ADL_OK,
	  { SUPPRESSED(2, "never,task", FILE_NAME ":1") } },
	{ "eval_exclude_of_syscall_records_suppresses",
	  "-a always,exclude -F msgtype=SYSCALL\n" CIS_B64 CIS_KMOD,
	  ADL_OK,
	  { EFFECTIVE(1),
	    SUPPRESSED(2, "exclude", FILE_NAME ":1",
		       "(-a always,exclude -F msgtype=SYSCALL)"),
	    SUPPRESSED(3, "exclude", FILE_NAME ":1") } },
	{ "eval_exclude_written_after_suppresses",
	  CIS_B64 "-a always,exclude -F msgtype=SYSCALL\n",
	  ADL_OK,
	  { SUPPRESSED(1, "exclude", FILE_NAME ":2") } },
	{ "eval_exclude_of_msgtype_range_with_syscall_suppresses",
	  "-a always,exclude -F msgtype>=1300 -F msgtype<=1302\n" CIS_B64,
	  ADL_OK,
	  { SUPPRESSED(2, "exclude", FILE_NAME ":1") } },
	{ "eval_exclude_of_other_msgtype_does_not_suppress",
	  "-a always,exclude -F msgtype=CWD\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(2) } },

	/* self-defeating */
	{ "eval_perm_x_on_init_module_never_matches",
	  "-a always,exit -F arch=b64 -S init_module -F perm=x -F auid>=1000 -F auid!=unset -k m\n",
	  ADL_OK,
	  { { 1, true, false, { "never match", "perm=x" }, { 0 } } } },
	{ "eval_perm_r_on_init_module_never_matches",
	  "-a always,exit -F arch=b64 -S init_module -F perm=r -k m\n",
	  ADL_OK,
	  { { 1, true, false, { "never match", "perm=r" }, { 0 } } } },
	{ "eval_never_on_other_syscall_spares_perm_x_rule",
	  "-a never,exit -F arch=b64 -S adjtimex -F uid=100\n" CIS_KMOD,
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2) } },
	{ "eval_never_read_watch_spares_init_module_rule",
	  "-a never,exit -F path=/etc/shadow -F perm=r\n"
	  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=unset -k m\n",
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2) } },
	{ "eval_never_execve_suppresses_perm_x_rule",
	  "-a never,exit -F arch=b64 -S execve -F uid=5\n" CIS_KMOD,
	  ADL_OK,
	  { EFFECTIVE(1),
	    { 2, true, false, { "suppressed", "test.rules:1" }, { 0 } } } },
	{ "eval_second_never_task_suppresses",
	  "-a never,task -F auid=unset\n-a never,task\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2),
	    SUPPRESSED(3, "never,task", "test.rules:2") } },
	{ "eval_second_syscall_exclude_suppresses",
	  "-a always,exclude -F msgtype=SYSCALL -F auid=unset\n"
	  "-a always,exclude -F msgtype=SYSCALL\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2),
	    SUPPRESSED(3, "exclude", "test.rules:2") } },
	{ "eval_perm_x_on_all_syscalls_is_effective",
	  CIS_KMOD,
	  ADL_OK,
	  { EFFECTIVE(1) } },
	{ "eval_two_different_arch_values_never_match",
	  "-a always,exit -F arch=b64 -F arch=b32 -S open\n",
	  ADL_OK,
	  { { 1,
	      true,
	      false,
	      { "never match", "two different arch" },
	      { 0 } } } },

	/* not loaded */
	{ "eval_bad_line_before_stops_loading",
	  "-a always,exit -S nosuchcall\n" CIS_B64,
	  ADL_ERR_RULE,
	  { NOT_LOADED(2, "loading stopped at " FILE_NAME ":1") } },
	{ "eval_bad_line_after_leaves_rule_effective",
	  CIS_B64 "-a always,exit -S nosuchcall\n",
	  ADL_ERR_RULE,
	  { EFFECTIVE(1) } },
	{ "eval_i_before_bad_line_keeps_loading",
	  "-i\n-a always,exit -S nosuchcall\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(3) } },
	{ "eval_duplicate_before_stops_loading",
	  "-a always,exit -F arch=b64 -S open -k x\n"
	  "-a always,exit -F arch=b64 -S open -k x\n" CIS_B64,
	  ADL_ERR_RULE,
	  { EFFECTIVE(1), DUPLICATE(2, FILE_NAME ":1"),
	    NOT_LOADED(3, "loading stopped at " FILE_NAME ":2") } },
	{ "eval_duplicate_after_leaves_rule_effective",
	  CIS_B64 "-a always,exit -F arch=b64 -S open -k x\n"
		  "-a always,exit -F arch=b64 -S open -k x\n",
	  ADL_ERR_RULE,
	  { EFFECTIVE(1), EFFECTIVE(2), DUPLICATE(3, FILE_NAME ":2") } },
	{ "eval_D_k_after_deletes_rule_with_key",
	  CIS_B64 "-a always,exit -F arch=b64 -S open -k other\n"
		  "-D -k kernel_modules\n",
	  ADL_OK,
	  { NOT_LOADED(1, "deleted by -D -k at " FILE_NAME ":3"),
	    EFFECTIVE(2) } },
	{ "eval_D_after_deletes_rule",
	  CIS_B64 "-D\n" CIS_KMOD,
	  ADL_OK,
	  { NOT_LOADED(1, "deleted by -D at " FILE_NAME ":2"), EFFECTIVE(3) } },
	{ "eval_d_after_deletes_equal_rule",
	  CIS_B64
	  "-d always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=unset -k kernel_modules\n",
	  ADL_OK,
	  { NOT_LOADED(1, "deleted by -d at " FILE_NAME ":2") } },
	{ "eval_deleted_never_no_longer_suppresses",
	  NEVER_B64 "-D\n" CIS_B64,
	  ADL_OK,
	  { NOT_LOADED(1, "deleted by -D"), EFFECTIVE(3) } },
	/* first match decides the key: an earlier keyless always rule
	   records the events without one */
	{ "eval_keyless_before_leaves_events_unkeyed",
	  KEYLESS_B64 CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1),
	    UNKEYED(2, "at " FILE_NAME ":1",
		    "(-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=-1)") } },
	{ "eval_keyless_after_takes_nothing",
	  CIS_B64 KEYLESS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), RECORDED(2, 1) } },
	{ "eval_keyless_prepended_comes_first",
	  CIS_B64 "-A always,exit -F arch=b64 -S init_module\n",
	  ADL_OK,
	  { UNKEYED(1, FILE_NAME ":2"), EFFECTIVE(2) } },
	{ "eval_keyless_taking_some_events_unkeys_them",
	  "-a always,exit -F arch=b64 -S init_module -F uid=0\n" CIS_B64,
	  ADL_OK,
	  { UNKEYED(2, FILE_NAME ":1", "uid=0") } },
	{ "eval_keyless_on_one_syscall_of_five_unkeys_it",
	  "-a always,exit -F arch=b64 -S finit_module\n"
	  "-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1000 -F auid!=unset -k m\n",
	  ADL_OK,
	  { UNKEYED(2, FILE_NAME ":1") } },
	{ "eval_keyless_on_other_syscall_takes_nothing",
	  "-a always,exit -F arch=b64 -S open,close\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2) } },
	{ "eval_keyless_on_other_arch_takes_nothing",
	  "-a always,exit -F arch=b32 -S init_module -F auid>=1000 -F auid!=unset\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2) } },
	{ "eval_keyless_for_disjoint_users_takes_nothing",
	  "-a always,exit -F arch=b64 -S init_module -F auid=unset\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(2) } },
	{ "eval_keyless_that_never_matches_takes_nothing",
	  "-a always,exit -F arch=b64 -S init_module -F perm=x\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(2) } },
	{ "eval_keyless_execve_takes_kmod_runs",
	  "-a always,exit -F arch=b64 -S execve -F auid>=1000\n" CIS_KMOD,
	  ADL_OK,
	  { EFFECTIVE(1), UNKEYED(2, FILE_NAME ":1", "-S execve") } },
	{ "eval_keyless_execve_of_other_users_takes_nothing",
	  "-a always,exit -F arch=b64 -S execve -F auid<1000\n" CIS_KMOD,
	  ADL_OK,
	  { EFFECTIVE(2) } },
	{ "eval_keyless_watch_of_kmod_takes_its_runs",
	  "-a always,exit -F path=/usr/bin/kmod -F perm=x\n" CIS_KMOD,
	  ADL_OK,
	  { UNKEYED(2, FILE_NAME ":1") } },
	{ "eval_keyless_watch_of_other_path_takes_nothing",
	  "-a always,exit -F path=/usr/bin/kmod2 -F perm=x\n" CIS_KMOD,
	  ADL_OK,
	  { EFFECTIVE(2) } },
	/* perm is decided in the event's arch: a write watch takes b64
	   swapon (167), not b32 query_module (also 167) */
	{ "eval_keyless_write_watch_spares_b32_query_module",
	  "-w /etc/passwd -p wa\n"
	  "-a always,exit -F arch=b32 -S query_module -F auid>=1000 -F auid!=unset -k m\n",
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2) } },
	{ "eval_never_write_watch_spares_b32_query_module",
	  "-a never,exit -F path=/etc/passwd -F perm=w\n"
	  "-a always,exit -F arch=b32 -S query_module -F auid>=1000 -F auid!=unset -k m\n",
	  ADL_OK,
	  { EFFECTIVE(2) } },
	{ "eval_never_write_watch_takes_b64_swapon",
	  "-a never,exit -F path=/etc/passwd -F perm=w\n"
	  "-a always,exit -F arch=b64 -S swapon -k m\n",
	  ADL_OK,
	  { SUPPRESSED(2, FILE_NAME ":1") } },
	/* an earlier keyed always rule records the events under its key */
	{ "eval_keyed_narrower_before_records_some",
	  "-a always,exit -F arch=b64 -S init_module -F uid=0 -k root\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), RECORDED(2, 1) } },
	{ "eval_keyed_broader_execve_records_kmod_runs",
	  EXEC_KEYED CIS_KMOD CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), RECORDED(2, 1), EFFECTIVE(3) } },
	{ "eval_keyed_watch_of_kmod_records_its_runs",
	  "-w /usr/bin/kmod -p x -k exe\n"
	  "-w /usr/bin/kmod2 -p x -k other\n" CIS_KMOD,
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2), RECORDED(3, 1) } },
	{ "eval_keyed_on_other_syscall_records_nothing",
	  "-a always,exit -F arch=b64 -S open -k o\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(2) } },
	{ "eval_keyed_after_records_nothing_of_earlier",
	  CIS_B64 "-a always,exit -F arch=b64 -S all -k all\n",
	  ADL_OK,
	  { EFFECTIVE(1), RECORDED(2, 1) } },
	{ "eval_keyed_then_keyless_is_still_unkeyed",
	  EXEC_KEYED "-a always,exit -F arch=b64 -S init_module\n" CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2), UNKEYED(3, FILE_NAME ":2") } },
	{ "eval_never_after_narrower_keyed_rule_still_suppresses",
	  "-a always,exit -F arch=b64 -S init_module -F uid=0 -k root\n" NEVER_B64
		  CIS_B64,
	  ADL_OK,
	  { EFFECTIVE(1), EFFECTIVE(2), SUPPRESSED(3, FILE_NAME ":2") } },
	{ "eval_never_rule_behind_bad_line_does_not_suppress",
	  CIS_KMOD "-a always,exit -S nosuchcall\n" NEVER_B64,
	  ADL_ERR_RULE,
	  { EFFECTIVE(1),
	    NOT_LOADED(3, "loading stopped at " FILE_NAME ":2") } },
};

static const struct adl_rule *rule_at(const struct adl_ruleset *rs,
				      const char *file, uint32_t line)
{
	const struct adl_rule *found = NULL;
	size_t i, flen = strlen(file);

	for (i = 0; i < adl_ruleset_count(rs); i++) {
		const struct adl_rule *r = adl_ruleset_rule(rs, i);
		const char *f = adl_ruleset_file(rs, r->file);
		size_t n = f ? strlen(f) : 0;

		/* files match by their last path components */
		if (r->line != line || n < flen || strcmp(f + n - flen, file))
			continue;
		if (found)
			fail_msg("two rules at %s:%u", file, line);
		found = r;
	}
	if (!found)
		fail_msg("no rule at %s:%u", file, line);
	return found;
}

static void check_recorded_by(const struct adl_ruleset *rs, const char *file,
			      const struct expect *w)
{
	const struct adl_rule *r = rule_at(rs, file, w->line);
	size_t i, n = 0;

	while (n < 4 && w->by[n])
		n++;
	if (r->nrecorded_by != n)
		fail_msg("%s:%u: recorded by %u earlier rules, want %zu", file,
			 w->line, r->nrecorded_by, n);
	for (i = 0; i < n; i++) {
		const struct adl_rule *by =
			adl_ruleset_rule(rs, r->recorded_by[i]);

		if (by->line != w->by[i])
			fail_msg("%s:%u: recorded_by[%zu] is line %u, want %u",
				 file, w->line, i, by->line, w->by[i]);
	}
	assert_false(r->state & ADL_RECORDED_MORE);
}

static void check(const struct adl_ruleset *rs, const char *file,
		  const struct expect *w)
{
	const struct adl_rule *r = rule_at(rs, file, w->line);
	size_t i;

	if (!!(r->state & ADL_LOADED) != w->loaded)
		fail_msg("%s:%u: loaded is %d, want %d (%s)", file, w->line,
			 !!(r->state & ADL_LOADED), w->loaded,
			 r->reason ? r->reason : "no reason");
	if (!!(r->state & ADL_EFFECTIVE) != w->effective)
		fail_msg("%s:%u: effective is %d, want %d (%s)", file, w->line,
			 !!(r->state & ADL_EFFECTIVE), w->effective,
			 r->reason ? r->reason : "no reason");
	if (w->effective) {
		if (r->reason)
			fail_msg("%s:%u: effective with reason \"%s\"", file,
				 w->line, r->reason);
		check_recorded_by(rs, file, w);
		return;
	}
	assert_int_equal(r->nrecorded_by, 0);
	assert_non_null(r->reason);
	for (i = 0; i < 4 && w->reason[i]; i++)
		if (!strstr(r->reason, w->reason[i]))
			fail_msg("%s:%u: reason \"%s\" lacks \"%s\"", file,
				 w->line, r->reason, w->reason[i]);
}

static void run_case(void **state)
{
	const struct eval_case *c = *state;
	struct adl_ruleset *rs = new_ruleset();
	size_t i;

	assert_int_equal(adl_load_text(rs, FILE_NAME, c->text, strlen(c->text)),
			 c->status);
	adl_evaluate(rs);
	for (i = 0; i < 4 && c->want[i].line; i++)
		check(rs, FILE_NAME, &c->want[i]);
	adl_ruleset_free(rs);
}

/* A duplicate is an item of its own, marked as such. */
static void test_eval_duplicate_is_marked_duplicate(void **state)
{
	static const char text[] = CIS_B64 CIS_B64;
	struct adl_ruleset *rs = new_ruleset();

	(void)state;
	assert_int_equal(adl_load_text(rs, FILE_NAME, text, strlen(text)),
			 ADL_ERR_RULE);
	adl_evaluate(rs);
	assert_int_equal(adl_ruleset_count(rs), 2);
	assert_false(rule_at(rs, FILE_NAME, 1)->state & ADL_DUPLICATE);
	assert_true(rule_at(rs, FILE_NAME, 2)->state & ADL_DUPLICATE);
	adl_ruleset_free(rs);
}

/* Evaluating twice gives the same answer. */
static void test_eval_is_repeatable(void **state)
{
	static const char text[] =
		NEVER_B64 CIS_B64 "-a always,exit -F arch=b64 -S open -k x\n";
	struct adl_ruleset *rs = new_ruleset();
	static const struct expect want[] = { EFFECTIVE(1),
					      SUPPRESSED(2, FILE_NAME ":1"),
					      EFFECTIVE(3) };
	size_t i;

	(void)state;
	assert_int_equal(adl_load_text(rs, FILE_NAME, text, strlen(text)),
			 ADL_OK);
	adl_evaluate(rs);
	adl_evaluate(rs);
	for (i = 0; i < 3; i++)
		check(rs, FILE_NAME, &want[i]);
	adl_ruleset_free(rs);
}

/* rules.d: a temporary directory read as augenrules reads it. */

struct rfile {
	const char *name;
	const char *text;
};

struct rulesd_case {
	const char *name;
	struct rfile files[4];
	enum adl_awk awk;
	int status;
	const char *compat; /* the merged, loaded list */
	struct {
		const char *file;
		struct expect want;
	} want[4];
	const char *err; /* substring of the only error; NULL: none */
	const char *err_file;
	uint32_t err_line;
	bool joined; /* also the note that a file runs into the next */
};

static const struct rulesd_case rulesd_cases[] = {
	{ .name = "eval_rulesd_ignores_files_augenrules_skips",
	  .files = { { "10-a.rules", CIS_B64 },
		     { "x.conf",
		       "-a always,exit -F arch=b64 -S open -k conf\n" },
		     { ".hidden.rules",
		       "-a always,exit -F arch=b64 -S close -k hidden\n" } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_OK,
	  .compat =
		  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n",
	  .want = { { "/10-a.rules", EFFECTIVE(1) },
		    { "/x.conf", NOT_LOADED(1, "only *.rules") },
		    { "/.hidden.rules", NOT_LOADED(1, "dotfiles") } } },
	{ .name = "eval_rulesd_control_lines_in_ignored_files_do_nothing",
	  .files = { { "50-a.rules", CIS_B64 },
		     { "99-lock.rules.disabled", "-e 2\n-D\n" },
		     { ".00-clear.rules",
		       "-D\n-d always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=unset -k kernel_modules\n" } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_OK,
	  .compat =
		  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n",
	  .want = { { "/50-a.rules", EFFECTIVE(1) } } },
	{ .name = "eval_rulesd_reads_files_in_version_order",
	  .files = { { "10-x.rules", CIS_B64 }, { "9-x.rules", NEVER_B64 } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_OK,
	  .compat =
		  "-a never,exit -F arch=b64 -S init_module\n"
		  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n",
	  .want = { { "/9-x.rules", EFFECTIVE(1) },
		    { "/10-x.rules", SUPPRESSED(1, "9-x.rules:1") } } },
	{ .name = "eval_rulesd_moves_bare_D_to_the_top",
	  .files = { { "10-a.rules", CIS_B64 },
		     { "20-b.rules",
		       "-D\n-a always,exit -F arch=b64 -S open -k b\n" } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_OK,
	  .compat =
		  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n"
		  "-a always,exit -F arch=b64 -S open -F key=b\n",
	  .want = { { "/10-a.rules", EFFECTIVE(1) },
		    { "/20-b.rules", EFFECTIVE(2) } } },
	{ .name = "eval_rulesd_leaves_D_k_in_place",
	  .files = { { "10-a.rules", CIS_B64 },
		     { "20-b.rules",
		       "-D -k kernel_modules\n"
		       "-a always,exit -F arch=b64 -S open -k b\n" } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_OK,
	  .compat = "-a always,exit -F arch=b64 -S open -F key=b\n",
	  .want = { { "/10-a.rules", NOT_LOADED(1, "deleted by -D -k at",
						"20-b.rules:1") } } },
	/* not checked on the kernel: -e 2 locks it until reboot */
	{ .name = "eval_rulesd_moves_e_to_the_end",
	  .files = { { "10-a.rules", "-e 2\n" CIS_B64 },
		     { "20-b.rules",
		       "-a always,exit -F arch=b64 -S open -k b\n" } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_OK,
	  .compat =
		  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n"
		  "-a always,exit -F arch=b64 -S open -F key=b\n",
	  .want = { { "/10-a.rules", EFFECTIVE(2) },
		    { "/20-b.rules", EFFECTIVE(1) } } },
	{ .name = "eval_rulesd_mawk_leaves_indented_D_in_place",
	  .files = { { "10-a.rules", CIS_B64 },
		     { "20-b.rules",
		       "  -D\n-a always,exit -F arch=b64 -S open -k b\n" } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_OK,
	  .compat = "-a always,exit -F arch=b64 -S open -F key=b\n",
	  .want = { { "/10-a.rules",
		      NOT_LOADED(1, "deleted by -D at", "20-b.rules:1") },
		    { "/20-b.rules", EFFECTIVE(2) } } },
	{ .name = "eval_rulesd_gawk_moves_indented_D_to_the_top",
	  .files = { { "10-a.rules", CIS_B64 },
		     { "20-b.rules",
		       "  -D\n-a always,exit -F arch=b64 -S open -k b\n" } },
	  .awk = ADL_AWK_GAWK,
	  .status = ADL_OK,
	  .compat =
		  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n"
		  "-a always,exit -F arch=b64 -S open -F key=b\n",
	  .want = { { "/10-a.rules", EFFECTIVE(1) },
		    { "/20-b.rules", EFFECTIVE(2) } } },
	{ .name = "eval_rulesd_mawk_leaves_indented_e_in_place",
	  .files = { { "10-a.rules", "  -e 2\n" CIS_B64 } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_ERR_RULE,
	  .compat = "No rules\n",
	  .want = { { "/10-a.rules",
		      NOT_LOADED(2, "locked by -e 2", "10-a.rules:1") } },
	  .err = "locked by -e 2",
	  .err_file = "/10-a.rules",
	  .err_line = 2 },
	{ .name = "eval_rulesd_gawk_moves_indented_e_to_the_end",
	  .files = { { "10-a.rules", "  -e 2\n" CIS_B64 } },
	  .awk = ADL_AWK_GAWK,
	  .status = ADL_OK,
	  .compat =
		  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n",
	  .want = { { "/10-a.rules", EFFECTIVE(2) } } },
	/* mawk reads `^\s*#` as `^s*#` */
	{ .name = "eval_rulesd_mawk_drops_s_hash_line",
	  .files = { { "10-a.rules", "ss#x\n" CIS_B64 } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_OK,
	  .compat =
		  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n",
	  .want = { { "/10-a.rules", EFFECTIVE(2) } } },
	{ .name = "eval_rulesd_gawk_keeps_s_hash_line",
	  .files = { { "10-a.rules", "ss#x\n" CIS_B64 } },
	  .awk = ADL_AWK_GAWK,
	  .status = ADL_ERR_RULE,
	  .compat = "No rules\n",
	  .want = { { "/10-a.rules",
		      NOT_LOADED(2, "loading stopped at", "10-a.rules:1") } },
	  .err = "unexpected word: ss#x",
	  .err_file = "/10-a.rules",
	  .err_line = 1 },
	{ .name = "eval_rulesd_file_without_newline_runs_into_next",
	  .files = { { "10-a.rules", "-a always,exit -F arch=b64 -S open" },
		     { "20-b.rules",
		       "-a always,exit -F arch=b64 -S close -k b\n"
		       "-a always,exit -F arch=b64 -S read -k c\n" } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_ERR_RULE,
	  .compat = "No rules\n",
	  .want = { { "/20-b.rules",
		      NOT_LOADED(2, "loading stopped at", "10-a.rules:1") } },
	  .err = "open-a",
	  .err_file = "/10-a.rules",
	  .err_line = 1,
	  .joined = true },
	{ .name = "eval_rulesd_file_without_newline_joins_key",
	  .files = { { "10-a.rules",
		       "-a always,exit -F arch=b64 -S open -k a" },
		     { "20-b.rules",
		       "bc\n-a always,exit -F arch=b64 -S close -k d\n" } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_OK,
	  .compat = "-a always,exit -F arch=b64 -S open -F key=abc\n"
		    "-a always,exit -F arch=b64 -S close -F key=d\n",
	  .want = { { "/10-a.rules", EFFECTIVE(1) },
		    { "/20-b.rules", EFFECTIVE(2) } },
	  .joined = true },
	/* the host: the keyless rule sorts first */
	{ .name = "eval_rulesd_keyless_file_before_cis_file_unkeys",
	  .files = { { "10-first.rules", KEYLESS_B64 },
		     { "50-kernel_modules.rules", CIS_B64 CIS_KMOD } },
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_OK,
	  .compat =
		  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=-1\n"
		  "-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n"
		  "-a always,exit -S all -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n",
	  .want = { { "/10-first.rules", EFFECTIVE(1) },
		    { "/50-kernel_modules.rules",
		      UNKEYED(1, "10-first.rules:1") },
		    { "/50-kernel_modules.rules", EFFECTIVE(2) } } },
	/* found by fuzz_rulesd: no names to sort was undefined behaviour */
	{ .name = "eval_rulesd_empty_directory_loads_nothing",
	  .awk = ADL_AWK_MAWK,
	  .status = ADL_OK,
	  .compat = "No rules\n" },
};

static void write_file(const char *dir, const struct rfile *f)
{
	char path[4096];
	size_t n = strlen(f->text);
	int fd;

	assert_true(snprintf(path, sizeof(path), "%s/%s", dir, f->name) <
		    (int)sizeof(path));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, f->text, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

static void remove_files(const char *dir, const struct rfile *files)
{
	char path[4096];
	size_t i;

	for (i = 0; i < 4 && files[i].name; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir, files[i].name) <
		    (int)sizeof(path))
			unlink(path);
	}
	rmdir(dir);
}

static void run_rulesd_case(void **state)
{
	const struct rulesd_case *c = *state;
	const char *tmp = getenv("TMPDIR");
	struct adl_ruleset *rs = new_ruleset();
	char dir[4096], *got;
	size_t i;

	snprintf(dir, sizeof(dir), "%s/adl-test-XXXXXX", tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 4 && c->files[i].name; i++)
		write_file(dir, &c->files[i]);

	assert_int_equal(adl_load_rulesd(rs, dir, c->awk), c->status);
	adl_evaluate(rs);
	got = listing(rs, 0);
	remove_files(dir, c->files);

	assert_string_equal(got, c->compat);
	free(got);
	for (i = 0; i < 4 && c->want[i].file; i++)
		check(rs, c->want[i].file, &c->want[i].want);
	/* a file without final newline gets a note at its last line, first */
	i = 0;
	if (c->joined) {
		const struct adl_error *e = adl_ruleset_error(rs, i++);

		assert_non_null(e);
		if (!strstr(e->message, "no newline at the end"))
			fail_msg("note \"%s\" lacks \"no newline\"",
				 e->message);
	}
	if (c->err) {
		const struct adl_error *e;
		const char *f;

		assert_int_equal(adl_ruleset_nerrors(rs), i + 1);
		e = adl_ruleset_error(rs, i);
		f = adl_ruleset_file(rs, e->file);
		assert_non_null(f);
		assert_non_null(strstr(f, c->err_file));
		assert_int_equal(e->line, c->err_line);
		if (!strstr(e->message, c->err))
			fail_msg("error \"%s\" lacks \"%s\"", e->message,
				 c->err);
	} else {
		assert_int_equal(adl_ruleset_nerrors(rs), i);
	}
	adl_ruleset_free(rs);
}

/* Many keyed rules that record a rule's events: the first few, and "more". */
static void test_eval_recorded_by_keeps_a_few(void **state)
{
	struct adl_ruleset *rs = new_ruleset();
	struct adl_buf text = { 0 };
	const struct adl_rule *r;
	uint32_t i;

	(void)state;
	for (i = 0; i < 3 * ADL_RECORDED_BY_MAX; i++)
		adl_buf_printf(
			&text,
			"-a always,exit -F arch=b64 -S init_module -F uid=%u -k u%u\n",
			i, i);
	adl_buf_puts(&text, CIS_B64);
	assert_false(text.oom);
	assert_int_equal(adl_load_text(rs, FILE_NAME, text.s, text.len),
			 ADL_OK);
	adl_evaluate(rs);
	r = rule_at(rs, FILE_NAME, 3 * ADL_RECORDED_BY_MAX + 1);
	assert_true(r->state & ADL_EFFECTIVE);
	assert_int_equal(r->nrecorded_by, ADL_RECORDED_BY_MAX);
	assert_true(r->state & ADL_RECORDED_MORE);
	for (i = 0; i < r->nrecorded_by; i++) {
		const struct adl_rule *by =
			adl_ruleset_rule(rs, r->recorded_by[i]);

		assert_int_equal(by->action, AUDIT_ALWAYS);
		if (i)
			assert_true(by->line >
				    adl_ruleset_rule(rs, r->recorded_by[i - 1])
					    ->line);
	}
	adl_buf_free(&text);
	adl_ruleset_free(rs);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_eval_recorded_by_keeps_a_few),
		cmocka_unit_test(test_eval_duplicate_is_marked_duplicate),
		cmocka_unit_test(test_eval_is_repeatable),
	};
	int failed;

	failed = run_table("eval_table", cases, sizeof(cases[0]),
			   sizeof(cases) / sizeof(cases[0]), run_case);
	failed += run_table("eval_rulesd_table", rulesd_cases,
			    sizeof(rulesd_cases[0]),
			    sizeof(rulesd_cases) / sizeof(rulesd_cases[0]),
			    run_rulesd_case);
	failed += cmocka_run_group_tests_name("eval", fixed, NULL, NULL);
	return failed ? 1 : 0;
}
