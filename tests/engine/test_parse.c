/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test_parse.c - the rules-file reader and the formatter, against what
 * `auditctl -R FILE; auditctl -l` does on a real kernel (audit 3.0.9,
 * Debian 12, x86_64). Every expected compatible listing below was taken
 * from the kernel with `auditctl -D; auditctl -R FILE; auditctl -l` unless
 * its comment says otherwise; the tests themselves never touch the kernel.
 *
 * Syscall names are x86_64's whatever the host: the rule set is made for
 * that machine. Watches use paths every Debian system has (/etc,
 * /etc/passwd, /etc/shadow, /tmp).
 */
#include "engine_test.h"

#define FILE_NAME "test.rules"

struct parse_case {
	const char *name;
	const char *text;
	size_t len;
	/* "%s" in text and listings stands for fill_n copies of fill_c */
	char fill_c;
	size_t fill_n;
	int status;
	const char *compat; /* adl_format_list, flags 0 */
	const char *canon;  /* ADL_FMT_CANONICAL; NULL: same as compat */
	const char *err;    /* substring of the only error; NULL: no error */
	uint32_t err_line;
};

#define TEXT(s) .text = (s), .len = sizeof(s) - 1

static const struct parse_case cases[] = {
	/* -a/-A: list and action in either order, case-sensitive */
	{ "parse_accepts_exit_always_order", TEXT("-a exit,always -S open\n"),
	  .compat = "-a always,exit -S open\n" },
	{ "parse_keeps_never_action", TEXT("-a never,exit -S open\n"),
	  .compat = "-a never,exit -S open\n" },
	{ "parse_rejects_upper_case_action", TEXT("-a ALWAYS,exit -S open\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "bad list,action: ALWAYS,exit", .err_line = 1 },
	{ "parse_rejects_unknown_list", TEXT("-a always,foo -S open\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "bad list,action: always,foo", .err_line = 1 },
	{ "parse_rejects_entry_list", TEXT("-a always,entry -S open\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "entry list is deprecated", .err_line = 1 },
	{ "parse_A_prepends_to_its_list",
	  TEXT("-a always,exit -S open -k a\n"
	       "-A always,exit -S close -k b\n"
	       "-a always,exit -S read -k c\n"),
	  .compat = "-a always,exit -S close -F key=b\n"
		    "-a always,exit -S open -F key=a\n"
		    "-a always,exit -S read -F key=c\n" },
	{ "parse_A_prepends_within_its_list_only",
	  TEXT("-a always,exit -S open\n"
	       "-A never,exit -S close\n"
	       "-a always,exclude -F msgtype=CWD\n"),
	  .compat = "-a never,exit -S close\n"
		    "-a always,exit -S open\n"
		    "-a always,exclude -F msgtype=CWD\n" },
	{ "parse_lists_user_task_exit_exclude_filesystem_in_that_order",
	  TEXT("-a never,filesystem -F fstype=debugfs\n"
	       "-a always,exclude -F msgtype=CWD\n"
	       "-a always,exit -S open\n"
	       "-a never,task\n"
	       "-a always,user -F uid=0\n"
	       "-A always,exclude -F msgtype=PATH\n"),
	  .compat = "-a always,user -F uid=0\n"
		    "-a never,task\n"
		    "-a always,exit -S open\n"
		    "-a always,exclude -F msgtype=PATH\n"
		    "-a always,exclude -F msgtype=CWD\n"
		    "-a never,filesystem -F fstype=debugfs\n" },

	{ "parse_canonical_names_a_foreign_or_negated_arch",
	  TEXT("-a always,exit -F arch!=b64 -S open -k k\n"
	       "-a always,exit -F arch=aarch64 -S openat -k k\n"),
	  .compat = "-a always,exit -F arch!=b64 -S open -F key=k\n"
		    "-a always,exit -F arch=b64 -S openat -F key=k\n",
	  .canon = "-a always,exit -F arch!=b64 -S open -F key=k\n"
		   "-a always,exit -F arch=aarch64 -S openat -F key=k\n" },

	/* -S */
	{ "parse_reads_syscall_names_case_insensitively",
	  TEXT("-a always,exit -S OPEN\n"),
	  .compat = "-a always,exit -S open\n" },
	{ "parse_reads_mixed_case_syscall_list",
	  TEXT("-a always,exit -S Open,CLOSE\n"),
	  .compat = "-a always,exit -S open,close\n" },
	{ "parse_lists_syscalls_in_number_order",
	  TEXT("-a always,exit -S write,read -S open\n"),
	  .compat = "-a always,exit -S read,write,open\n" },
	{ "parse_reads_syscall_numbers", TEXT("-a always,exit -S 2\n"),
	  .compat = "-a always,exit -S open\n" },
	{ "parse_exit_rule_without_S_means_all_syscalls",
	  TEXT("-a always,exit -F auid>=1000\n"),
	  .compat = "-a always,exit -S all -F auid>=1000\n" },
	{ "parse_reads_S_all", TEXT("-a always,exit -S all\n"),
	  .compat = "-a always,exit -S all\n" },
	{ "parse_rejects_unknown_syscall_and_stops",
	  TEXT("-a always,exit -S open\n"
	       "-a always,exit -S nosuchcall\n"
	       "-a always,exit -S close\n"),
	  .status = ADL_ERR_RULE, .compat = "-a always,exit -S open\n",
	  .err = "syscall name unknown on x86_64: nosuchcall", .err_line = 2 },
	{ "parse_rejects_arch_after_S",
	  TEXT("-a always,exit -S open -F arch=b64\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "arch must come before -S",
	  .err_line = 1 },
	{ "parse_rejects_arch_after_S_all",
	  TEXT("-a always,exit -S all -F arch=b64\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "arch must come before -S",
	  .err_line = 1 },
	{ "parse_rejects_S_on_task_list", TEXT("-a always,task -S open\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "syscalls (-S) are only for the exit list, not task",
	  .err_line = 1 },
	{ "parse_rejects_S_on_user_list", TEXT("-a always,user -S open\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "syscalls (-S) are only for the exit list, not user",
	  .err_line = 1 },
	{ "parse_rejects_S_on_exclude_list",
	  TEXT("-a always,exclude -S open\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n",
	  .err = "syscalls (-S) are only for the exit list, not exclude",
	  .err_line = 1 },
	{ "parse_rejects_S_on_filesystem_list",
	  TEXT("-a never,filesystem -S open\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n",
	  .err = "syscalls (-S) are only for the exit list, not filesystem",
	  .err_line = 1 },

	/* tokens, comments, blank lines, quoting */
	{ "parse_rejects_tab_separator",
	  TEXT("-a always,exit\t-F arch=b64 -S open\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "bad list,action: always,exit\t-F",
	  .err_line = 1 },
	{ "parse_rejects_tab_only_line", TEXT("\t\n-a always,exit -S open\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "unexpected word: \t", .err_line = 1 },
	{ "parse_skips_space_only_line", TEXT("   \n-a always,exit -S open\n"),
	  .compat = "-a always,exit -S open\n" },
	{ "parse_skips_comment_lines",
	  TEXT("# c\n#-a always,exit -S close\n  # indented\n"
	       "-a always,exit -S open\n"),
	  .compat = "-a always,exit -S open\n" },
	{ "parse_rejects_inline_comment",
	  TEXT("-a always,exit -S open # comment\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "unexpected word: #", .err_line = 1 },
	{ "parse_keeps_single_quotes_literal",
	  TEXT("-a always,exit -S open -F 'auid>=1000'\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "unknown field: 'auid", .err_line = 1 },
	{ "parse_keeps_double_quotes_literal",
	  TEXT("-a always,exit -S open -k \"x\"\n"),
	  .compat = "-a always,exit -S open -F key=\"x\"\n" },
	{ "parse_reads_backslash_space_as_space",
	  TEXT("-a always,exit -S open -k a\\ b\n"),
	  .compat = "-a always,exit -S open -F key=a b\n" },
	{ "parse_reads_double_backslash_as_backslash",
	  TEXT("-a always,exit -S open -k a\\\\b\n"),
	  .compat = "-a always,exit -S open -F key=a\\b\n" },

	/* -F: operators, names, values */
	{ "parse_reads_every_operator",
	  TEXT("-a always,exit -S open -F uid!=1 -F euid>=2 -F suid<=300 -F fsuid=4 -F a0>5 -F a1<6 -F a2&7 -F a3&=8\n"),
	  .compat =
		  "-a always,exit -S open -F uid!=1 -F euid>=2 -F suid<=300 -F fsuid=4 -F a0>0x5 -F a1<0x6 -F a2&0x7 -F a3&=0x8\n" },
	{ "parse_tries_equals_before_less_than",
	  TEXT("-a always,exit -F path=/tmp/a<b -F perm=r\n"),
	  .compat = "-w /tmp/a<b -p r\n" },
	{ "parse_tries_equals_before_greater_than",
	  TEXT("-a always,exit -S open -F a0=>5\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "a0 needs a number: >5",
	  .err_line = 1 },
	{ "parse_rejects_field_without_operator",
	  TEXT("-a always,exit -S open -F auid\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "no operator", .err_line = 1 },
	{ "parse_rejects_unknown_field",
	  TEXT("-a always,exit -S open -F bogus=1\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "unknown field: bogus",
	  .err_line = 1 },
	{ "parse_reads_loginuid_as_auid",
	  TEXT("-a always,exit -S open -F loginuid>=1000\n"),
	  .compat = "-a always,exit -S open -F auid>=1000\n" },
	{ "parse_reads_field_names_case_insensitively",
	  TEXT("-a always,exit -S open -F AUID>=1000\n"),
	  .compat = "-a always,exit -S open -F auid>=1000\n" },
	{ "parse_reads_uid_in_hex",
	  TEXT("-a always,exit -S open -F uid=0x10\n"),
	  .compat = "-a always,exit -S open -F uid=16\n" },
	{ "parse_reads_uid_in_octal",
	  TEXT("-a always,exit -S open -F uid=010\n"),
	  .compat = "-a always,exit -S open -F uid=8\n" },
	{ "parse_reads_negative_uid",
	  TEXT("-a always,exit -S open -F uid=-2\n"),
	  .compat = "-a always,exit -S open -F uid=-2\n" },
	{ "parse_reads_user_name", TEXT("-a always,exit -S open -F uid=root\n"),
	  .compat = "-a always,exit -S open -F uid=0\n" },
	{ "parse_reads_group_name",
	  TEXT("-a always,exit -S open -F gid=root\n"),
	  .compat = "-a always,exit -S open -F gid=0\n" },
	{ "parse_rejects_unknown_user",
	  TEXT("-a always,exit -S open -F uid=nosuchuserxyz\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "unknown user: nosuchuserxyz", .err_line = 1 },
	{ "parse_prints_auid_unset_as_minus_one",
	  TEXT("-a always,exit -S open -F auid!=unset\n"),
	  .compat = "-a always,exit -S open -F auid!=-1\n" },
	{ "parse_prints_auid_4294967295_as_minus_one",
	  TEXT("-a always,exit -S open -F auid!=4294967295\n"),
	  .compat = "-a always,exit -S open -F auid!=-1\n" },
	{ "parse_prints_auid_minus_one_as_minus_one",
	  TEXT("-a always,exit -S open -F auid!=-1\n"),
	  .compat = "-a always,exit -S open -F auid!=-1\n" },
	{ "parse_prints_auid_equal_unset_as_minus_one",
	  TEXT("-a always,exit -S open -F auid=unset\n"),
	  .compat = "-a always,exit -S open -F auid=-1\n" },
	{ "parse_kernel_refuses_uid_unset",
	  TEXT("-a always,exit -S open -F uid!=unset\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "Invalid argument", .err_line = 1 },
	{ "parse_kernel_refuses_auid_greater_equal_unset",
	  TEXT("-a always,exit -S open -F auid>=-1\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "Invalid argument", .err_line = 1 },
	{ "parse_prints_a0_in_hex",
	  TEXT("-a always,exit -S open -F a0=16 -F a1=0x20 -F a2=-1\n"),
	  .compat =
		  "-a always,exit -S open -F a0=0x10 -F a1=0x20 -F a2=0xFFFFFFFF\n" },
	{ "parse_prints_exit_as_errno_name",
	  TEXT("-a always,exit -S open -F exit=-EPERM\n"),
	  .compat = "-a always,exit -S open -F exit=-EPERM\n" },
	{ "parse_prints_exit_number_as_errno_name",
	  TEXT("-a always,exit -S open -F exit=-13 -F success=0\n"),
	  .compat = "-a always,exit -S open -F exit=-EACCES -F success=0\n" },
	{ "parse_prints_exit_minus_one_as_eperm",
	  TEXT("-a always,exit -S open -F exit=-1\n"),
	  .compat = "-a always,exit -S open -F exit=-EPERM\n" },
	{ "parse_prints_positive_exit_as_number",
	  TEXT("-a always,exit -F arch=b64 -S open -F exit=5\n"),
	  .compat = "-a always,exit -F arch=b64 -S open -F exit=5\n" },
	{ "parse_rejects_msgtype_on_exit_list",
	  TEXT("-a always,exit -S open -F msgtype=SYSCALL\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "msgtype is only for the exclude and user lists",
	  .err_line = 1 },
	{ "parse_reads_exclude_of_syscall_records",
	  TEXT("-a always,exclude -F msgtype=SYSCALL\n"),
	  .compat = "-a always,exclude -F msgtype=SYSCALL\n" },
	{ "parse_reads_task_rule_with_field", TEXT("-a never,task -F uid=33\n"),
	  .compat = "-a never,task -F uid=33\n" },
	{ "parse_prints_C_auid_uid_as_uid_auid",
	  TEXT("-a always,exit -S open -C auid!=uid\n"),
	  .compat = "-a always,exit -S open -C uid!=auid\n" },
	{ "parse_prints_C_euid_uid_as_uid_euid",
	  TEXT("-a always,exit -S open -C euid=uid\n"),
	  .compat = "-a always,exit -S open -C uid=euid\n" },
	{ "parse_prints_perm_letters_in_rwxa_order",
	  TEXT("-a always,exit -S open -F perm=xw\n"),
	  .compat = "-a always,exit -S open -F perm=wx\n" },

	/* keys */
	{ "parse_joins_keys_and_prints_each",
	  TEXT("-a always,exit -S open -k a -k b -F key=c\n"),
	  .compat = "-a always,exit -S open -F key=a -F key=b -F key=c\n" },
	{ "parse_accepts_256_byte_key", TEXT("-a always,exit -S open -k %s\n"),
	  .fill_c = 'k', .fill_n = 256,
	  .compat = "-a always,exit -S open -F key=%s\n" },
	{ "parse_rejects_257_byte_key", TEXT("-a always,exit -S open -k %s\n"),
	  .fill_c = 'k', .fill_n = 257, .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "key too long", .err_line = 1 },
	{ "parse_accepts_keys_joined_to_256_bytes",
	  TEXT("-a always,exit -S open -k %s -k %sj\n"), .fill_c = 'k',
	  .fill_n = 127,
	  .compat = "-a always,exit -S open -F key=%s -F key=%sj\n" },
	{ "parse_rejects_keys_joined_to_257_bytes",
	  TEXT("-a always,exit -S open -k %s -k %s\n"), .fill_c = 'k',
	  .fill_n = 128, .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "key too long", .err_line = 1 },
	{ "parse_rejects_key_without_syscall", TEXT("-a always,exit -k x\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "a key (-k) needs a syscall", .err_line = 1 },
	{ "parse_rejects_key_before_syscall",
	  TEXT("-a always,exit -k x -S open\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "a key (-k) needs a syscall",
	  .err_line = 1 },
	{ "parse_rejects_key_on_task_rule", TEXT("-a always,task -k x\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "a key (-k) needs a syscall", .err_line = 1 },
	{ "parse_rejects_F_key_without_syscall",
	  TEXT("-a always,exit -F key=x\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "a key needs a syscall",
	  .err_line = 1 },
	{ "parse_accepts_key_after_path",
	  TEXT("-a always,exit -F path=/etc/passwd -k x\n"),
	  .compat = "-a always,exit -S all -F path=/etc/passwd -F key=x\n" },
	{ "parse_accepts_key_after_S_all",
	  TEXT("-a always,exit -S all -F key=x\n"),
	  .compat = "-a always,exit -S all -F key=x\n" },
	/* auditctl prints a perm-only rule in watch form without a path */
	{ "parse_prints_perm_only_rule_as_pathless_watch",
	  TEXT("-a always,exit -F perm=r -k x\n"), .compat = " -p r -k x\n",
	  .canon = "-a always,exit -S all -F perm=r -F key=x\n" },

	/* watches */
	{ "parse_watch_defaults_to_perm_rwxa", TEXT("-w /etc/passwd\n"),
	  .compat = "-w /etc/passwd -p rwxa\n" },
	{ "parse_watch_strips_trailing_slash_of_directory",
	  TEXT("-w /etc/ -p wa -k e\n"), .compat = "-w /etc -p wa -k e\n" },
	{ "parse_watch_strips_trailing_slash_of_file",
	  TEXT("-w /etc/passwd/ -p wa\n"), .compat = "-w /etc/passwd -p wa\n" },
	{ "parse_watch_prints_perm_letters_in_rwxa_order",
	  TEXT("-w /etc/passwd -p awxr -k p\n"),
	  .compat = "-w /etc/passwd -p rwxa -k p\n" },
	{ "parse_watch_reads_perm_letters_case_insensitively",
	  TEXT("-w /etc/passwd -p RW\n"), .compat = "-w /etc/passwd -p rw\n" },
	{ "parse_reads_F_perm_letters_case_insensitively",
	  TEXT("-a always,exit -F path=/etc/passwd -F perm=XA\n"),
	  .compat = "-w /etc/passwd -p xa\n" },
	{ "parse_watch_takes_F_key", TEXT("-w /etc/passwd -p wa -F key=x\n"),
	  .compat = "-w /etc/passwd -p wa -k x\n" },
	{ "parse_prints_dir_rule_as_watch",
	  TEXT("-a always,exit -F dir=/etc -F perm=w -k d\n"),
	  .compat = "-w /etc -p w -k d\n" },
	{ "parse_prints_path_rule_with_perm_as_watch",
	  TEXT("-a always,exit -F path=/etc/shadow -F perm=r -k s\n"),
	  .compat = "-w /etc/shadow -p r -k s\n" },
	{ "parse_prints_path_rule_without_perm_in_rule_form",
	  TEXT("-a always,exit -F path=/etc/shadow\n"),
	  .compat = "-a always,exit -S all -F path=/etc/shadow\n" },
	{ "parse_rejects_watch_without_parent_directory",
	  TEXT("-w /nonexistent-dir-xyz/file -p r\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "No such file or directory",
	  .err_line = 1 },
	/* parent directories are looked up once a load: the same answers */
	{ "parse_watch_parents_seen_before_answer_the_same",
	  TEXT("-w /etc/a-xyz -p r\n-a always,exit -F path=/etc/b-xyz -F perm=x\n"
	       "-w /etc/passwd/c-xyz -p r\n"),
	  .status = ADL_ERR_RULE,
	  .compat = "-w /etc/a-xyz -p r\n-w /etc/b-xyz -p x\n",
	  .err = "No such file or directory", .err_line = 3 },

	/* the never watch-form quirk: compatible loses the action */
	{ "parse_prints_never_path_rule_in_watch_form",
	  TEXT("-a never,exit -F path=/etc/shadow -F perm=r\n"),
	  .compat = "-w /etc/shadow -p r\n",
	  .canon = "-a never,exit -S all -F path=/etc/shadow -F perm=r\n" },
	{ "parse_prints_never_path_rule_with_keys_in_watch_form",
	  TEXT("-a never,exit -F path=/etc/shadow -F perm=wr -k k1 -k k2\n"),
	  .compat = "-w /etc/shadow -p rw -k k1 -k k2\n",
	  .canon =
		  "-a never,exit -S all -F path=/etc/shadow -F perm=rw -F key=k1 -F key=k2\n" },
	{ "parse_prints_never_dir_rule_in_watch_form",
	  TEXT("-a never,exit -F dir=/etc -F perm=w\n"),
	  .compat = "-w /etc -p w\n",
	  .canon = "-a never,exit -S all -F dir=/etc -F perm=w\n" },
	{ "parse_prints_never_path_rule_with_other_field_in_rule_form",
	  TEXT("-a never,exit -F path=/etc/shadow -F perm=r -F auid=0\n"),
	  .compat =
		  "-a never,exit -S all -F path=/etc/shadow -F perm=r -F auid=0\n" },

	/* arch and the syscall names of rules without one */
	{ "parse_names_rule_without_arch_after_b32_in_b32_table",
	  TEXT("-a always,exit -F arch=b32 -S all\n"
	       "-a always,exit -S init_module\n"),
	  .compat = "-a always,exit -F arch=b32 -S all\n"
		    "-a always,exit -S rt_sigprocmask\n",
	  .canon = "-a always,exit -F arch=b32 -S all\n"
		   "-a always,exit -S init_module\n" },
	{ "parse_names_rule_without_arch_alone_in_native_table",
	  TEXT("-a always,exit -S init_module\n"),
	  .compat = "-a always,exit -S init_module\n" },
	{ "parse_resolves_syscalls_with_preceding_arch",
	  TEXT("-a always,exit -F arch=b32 -S init_module,open\n"),
	  .compat = "-a always,exit -F arch=b32 -S open,init_module\n" },
	{ "parse_names_rules_without_arch_with_latest_printed_arch",
	  TEXT("-a always,exit -F arch=b32 -S all\n"
	       "-a always,exit -F arch=b64 -S open\n"
	       "-a always,exit -S open\n"
	       "-a always,exit -F arch=b32 -S open\n"
	       "-a always,exit -S open,init_module -k z\n"),
	  .compat = "-a always,exit -F arch=b32 -S all\n"
		    "-a always,exit -F arch=b64 -S open\n"
		    "-a always,exit -S open\n"
		    "-a always,exit -F arch=b32 -S open\n"
		    "-a always,exit -S fork,rt_sigprocmask -F key=z\n",
	  .canon = "-a always,exit -F arch=b32 -S all\n"
		   "-a always,exit -F arch=b64 -S open\n"
		   "-a always,exit -S open\n"
		   "-a always,exit -F arch=b32 -S open\n"
		   "-a always,exit -S open,init_module -F key=z\n" },
	{ "parse_reads_arch_not_equal",
	  TEXT("-a always,exit -F arch!=b32 -S open\n"),
	  .compat = "-a always,exit -F arch!=b32 -S open\n" },
	{ "parse_accepts_two_arch_fields",
	  TEXT("-a always,exit -F arch=b64 -F arch=b32 -S open\n"),
	  .compat = "-a always,exit -F arch=b64 -F arch=b32 -S open\n" },
	{ "parse_accepts_perm_on_syscall_rule",
	  TEXT("-a always,exit -F arch=b64 -S init_module -F perm=x\n"),
	  .compat = "-a always,exit -F arch=b64 -S init_module -F perm=x\n" },
	{ "parse_prints_cis_kernel_module_rules",
	  TEXT("-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1000 -F auid!=unset -k kernel_modules\n"
	       "-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules\n"),
	  .compat =
		  "-a always,exit -F arch=b64 -S create_module,init_module,delete_module,query_module,finit_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n"
		  "-a always,exit -S all -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=-1 -F key=kernel_modules\n" },

	/* control lines and load semantics */
	{ "parse_takes_control_lines_as_no_rules",
	  TEXT("-D\n-b 320\n-f 1\n-r 100\n--backlog_wait_time 60000\n-e 0\n"
	       "-a always,exit -S open\n"),
	  .compat = "-a always,exit -S open\n" },
	/* seen with auditctl 3.0.9 on a kernel with HZ 250 (limit 150000) */
	{ "parse_takes_control_numbers_as_strtoul_reads_them",
	  TEXT("-b 8192\r\n-r 5x\n-b 0x20\n--backlog_wait_time 15000\r\n"
	       "--backlog_wait_time 4294967296\n-a always,exit -S open\n"),
	  .compat = "-a always,exit -S open\n" },
	{ "parse_rejects_control_number_without_digit_first",
	  TEXT("-b +5\n-a always,exit -S open\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n", .err = "-b needs a number, not +5",
	  .err_line = 1 },
	{ "parse_rejects_backlog_wait_time_over_ten_minutes",
	  TEXT("--backlog_wait_time 600001\n-a always,exit -S open\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "over 10 minutes", .err_line = 1 },
	{ "parse_refuses_backlog_wait_time_that_depends_on_hz",
	  TEXT("--backlog_wait_time 150001\n-a always,exit -S open\n"),
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "depends on its HZ", .err_line = 1 },
	{ "parse_D_deletes_rules_before_it",
	  TEXT("-a always,exit -S open -k a\n-D\n"
	       "-a always,exit -S close -k b\n"),
	  .compat = "-a always,exit -S close -F key=b\n" },
	{ "parse_D_k_deletes_earlier_rules_with_key",
	  TEXT("-a always,exit -S open -k a\n"
	       "-a always,exit -S close -k b\n"
	       "-D -k a\n"
	       "-a always,exit -S read -k a\n"),
	  .compat = "-a always,exit -S close -F key=b\n"
		    "-a always,exit -S read -F key=a\n" },
	{ "parse_d_deletes_equal_rule",
	  TEXT("-a always,exit -S open -k a\n"
	       "-a always,exit -S close -k b\n"
	       "-d always,exit -S open -k a\n"),
	  .compat = "-a always,exit -S close -F key=b\n" },
	{ "parse_d_of_missing_rule_fails_and_stops",
	  TEXT("-a always,exit -S open -k a\n"
	       "-d always,exit -S close\n"
	       "-a always,exit -S read\n"),
	  .status = ADL_ERR_RULE, .compat = "-a always,exit -S open -F key=a\n",
	  .err = "No such file or directory", .err_line = 2 },
	{ "parse_c_continues_after_error_but_fails",
	  TEXT("-c\n-a always,exit -S open\n-a bogus\n-a always,exit -S close\n"),
	  .status = ADL_ERR_RULE,
	  .compat = "-a always,exit -S open\n-a always,exit -S close\n",
	  .err = "bad list,action: bogus", .err_line = 3 },
	{ "parse_i_ignores_errors",
	  TEXT("-i\n-a always,exit -S open\n-a bogus\n-a always,exit -S close\n"),
	  .compat = "-a always,exit -S open\n-a always,exit -S close\n",
	  .err = "bad list,action: bogus", .err_line = 3 },
	{ "parse_duplicate_rule_exists_and_stops",
	  TEXT("-a always,exit -S open -k a\n"
	       "-a always,exit -S close\n"
	       "-a always,exit -S open -k a\n"
	       "-a always,exit -S read\n"),
	  .status = ADL_ERR_RULE,
	  .compat =
		  "-a always,exit -S open -F key=a\n-a always,exit -S close\n",
	  .err = "rule exists: duplicate of " FILE_NAME ":1", .err_line = 3 },
	{ "parse_duplicate_written_differently_exists",
	  TEXT("-a always,exit -S open\n"
	       "-a exit,always -S OPEN\n"
	       "-a always,exit -S read\n"),
	  .status = ADL_ERR_RULE, .compat = "-a always,exit -S open\n",
	  .err = "rule exists", .err_line = 2 },
	{ "parse_append_of_prepended_rule_exists",
	  TEXT("-A always,exit -S open\n"
	       "-a always,exit -S open\n"
	       "-a always,exit -S close\n"),
	  .status = ADL_ERR_RULE, .compat = "-a always,exit -S open\n",
	  .err = "rule exists", .err_line = 2 },
	{ "parse_prepend_of_equal_rule_is_no_duplicate",
	  TEXT("-A always,exit -S open\n"
	       "-A always,exit -S open\n"
	       "-a always,exit -S close\n"),
	  .compat = "-a always,exit -S open\n"
		    "-a always,exit -S open\n"
		    "-a always,exit -S close\n" },
	/* not confirmed on the kernel: -e 2 cannot be undone without a reboot
	 */
	{ "parse_e2_locks_later_rules",
	  TEXT("-a always,exit -S open\n-e 2\n-a always,exit -S close\n"),
	  .status = ADL_ERR_RULE, .compat = "-a always,exit -S open\n",
	  .err = "locked by -e 2 at " FILE_NAME ":2", .err_line = 3 },

	/* lines as fgets reads them */
	{ "parse_splits_long_line_into_pieces",
	  TEXT("-a always,exit -S open%s-a always,exit -S close\n"),
	  .fill_c = ' ', .fill_n = 6200,
	  .compat = "-a always,exit -S open\n-a always,exit -S close\n" },
	{ "parse_long_comment_continues_as_a_line_of_its_own",
	  TEXT("#%s\n-a always,exit -S open\n"), .fill_c = 'x', .fill_n = 6200,
	  .status = ADL_ERR_RULE, .compat = "No rules\n",
	  .err = "unexpected word: xxx", .err_line = 2 },
	{ "parse_ends_line_at_nul",
	  TEXT("-a always,exit -S open\0 -F bogus=1\n-a always,exit -S close\n"),
	  .compat = "-a always,exit -S open\n-a always,exit -S close\n" },
	{ "parse_keeps_cr_in_last_token_key",
	  TEXT("-a always,exit -S open -k x\r\n"),
	  .compat = "-a always,exit -S open -F key=x\r\n" },
	{ "parse_keeps_cr_in_last_token_syscall",
	  TEXT("-a always,exit -S open\r\n"), .status = ADL_ERR_RULE,
	  .compat = "No rules\n",
	  .err = "syscall name unknown on x86_64: open\r", .err_line = 1 },
	{ "parse_crlf_comment_is_still_a_comment",
	  TEXT("# c\r\n-a always,exit -S open -k y\r\n"),
	  .compat = "-a always,exit -S open -F key=y\r\n" },
};

/* Replaces each "%s" with n copies of c. */
static char *expand(const char *s, size_t len, char c, size_t n, size_t *outlen)
{
	size_t i, o = 0, marks = 0;
	char *out;

	for (i = 0; i + 1 < len; i++)
		if (s[i] == '%' && s[i + 1] == 's')
			marks++;
	out = malloc(len + marks * n + 1);
	assert_non_null(out);
	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 1 < len && s[i + 1] == 's') {
			memset(out + o, c, n);
			o += n;
			i++;
			continue;
		}
		out[o++] = s[i];
	}
	out[o] = '\0';
	if (outlen)
		*outlen = o;
	return out;
}

static void run_case(void **state)
{
	const struct parse_case *c = *state;
	struct adl_ruleset *rs = new_ruleset();
	size_t len;
	char *text = expand(c->text, c->len, c->fill_c, c->fill_n, &len);
	char *want = expand(c->compat, strlen(c->compat), c->fill_c, c->fill_n,
			    NULL);
	const char *canon_src = c->canon ? c->canon : c->compat;
	char *want_canon = expand(canon_src, strlen(canon_src), c->fill_c,
				  c->fill_n, NULL);
	char *got;

	assert_int_equal(adl_load_text(rs, FILE_NAME, text, len), c->status);

	got = listing(rs, 0);
	assert_string_equal(got, want);
	free(got);
	got = listing(rs, ADL_FMT_CANONICAL);
	assert_string_equal(got, want_canon);
	free(got);

	if (c->err) {
		const struct adl_error *e;

		assert_int_equal(adl_ruleset_nerrors(rs), 1);
		e = adl_ruleset_error(rs, 0);
		assert_string_equal(adl_ruleset_file(rs, e->file), FILE_NAME);
		assert_int_equal(e->line, c->err_line);
		if (!strstr(e->message, c->err))
			fail_msg("error \"%s\" lacks \"%s\"", e->message,
				 c->err);
	} else {
		assert_int_equal(adl_ruleset_nerrors(rs), 0);
	}
	free(text);
	free(want);
	free(want_canon);
	adl_ruleset_free(rs);
}

static const struct adl_rule *only_rule(const struct adl_ruleset *rs)
{
	assert_int_equal(adl_ruleset_count(rs), 1);
	return adl_ruleset_rule(rs, 0);
}

/* -w decides path or dir by stat when the rule is added. */
static void test_parse_watch_of_directory_is_dir_field(void **state)
{
	static const char text[] = "-w /etc/\n";
	struct adl_ruleset *rs = new_ruleset();
	const struct adl_rule *r;

	(void)state;
	assert_int_equal(adl_load_text(rs, FILE_NAME, text, strlen(text)),
			 ADL_OK);
	r = only_rule(rs);
	assert_int_equal(r->list, AUDIT_FILTER_EXIT);
	assert_int_equal(r->action, AUDIT_ALWAYS);
	assert_true(adl_rule_all_syscalls(r));
	assert_int_equal(r->nfields, 2);
	assert_int_equal(r->fields[0].type, AUDIT_DIR);
	assert_string_equal(adl_field_str(r, &r->fields[0]), "/etc");
	assert_int_equal(r->fields[1].type, AUDIT_PERM);
	assert_int_equal(r->fields[1].val, AUDIT_PERM_READ | AUDIT_PERM_WRITE |
						   AUDIT_PERM_EXEC |
						   AUDIT_PERM_ATTR);
	adl_ruleset_free(rs);
}

static void test_parse_watch_of_file_is_path_field(void **state)
{
	static const char text[] = "-w /etc/passwd -p wa\n";
	struct adl_ruleset *rs = new_ruleset();
	const struct adl_rule *r;

	(void)state;
	assert_int_equal(adl_load_text(rs, FILE_NAME, text, strlen(text)),
			 ADL_OK);
	r = only_rule(rs);
	assert_int_equal(r->nfields, 2);
	assert_int_equal(r->fields[0].type, AUDIT_WATCH);
	assert_string_equal(adl_field_str(r, &r->fields[0]), "/etc/passwd");
	assert_int_equal(r->fields[1].val, AUDIT_PERM_WRITE | AUDIT_PERM_ATTR);
	adl_ruleset_free(rs);
}

/* Several keys are one key field, stored last, joined with \x01. */
static void test_parse_stores_keys_joined_in_last_field(void **state)
{
	static const char text[] =
		"-a always,exit -S open -k a -F auid>=1000 -F key=b\n";
	struct adl_ruleset *rs = new_ruleset();
	const struct adl_rule *r;
	const struct adl_field *f;

	(void)state;
	assert_int_equal(adl_load_text(rs, FILE_NAME, text, strlen(text)),
			 ADL_OK);
	r = only_rule(rs);
	assert_int_equal(r->nfields, 2);
	assert_int_equal(r->fields[0].type, AUDIT_LOGINUID);
	f = &r->fields[1];
	assert_int_equal(f->type, AUDIT_FILTERKEY);
	assert_int_equal(f->val, 3);
	assert_memory_equal(adl_field_str(r, f), "a\001b", 3);
	adl_ruleset_free(rs);
}

/* Readers append to what is loaded: a second text sees the first's rules. */
static void test_parse_second_load_sees_first_loads_rules(void **state)
{
	static const char one[] = "-a always,exit -S open\n";
	static const char two[] =
		"-a always,exit -S close\n-a always,exit -S open\n";
	struct adl_ruleset *rs = new_ruleset();
	const struct adl_error *e;
	char *got;

	(void)state;
	assert_int_equal(adl_load_text(rs, "one.rules", one, strlen(one)),
			 ADL_OK);
	assert_int_equal(adl_load_text(rs, "two.rules", two, strlen(two)),
			 ADL_ERR_RULE);
	got = listing(rs, 0);
	assert_string_equal(
		got, "-a always,exit -S open\n-a always,exit -S close\n");
	free(got);
	assert_int_equal(adl_ruleset_nerrors(rs), 1);
	e = adl_ruleset_error(rs, 0);
	assert_string_equal(adl_ruleset_file(rs, e->file), "two.rules");
	assert_int_equal(e->line, 2);
	assert_non_null(strstr(e->message, "duplicate of one.rules:1"));
	adl_ruleset_free(rs);
}

/* A line split by the 6144-byte buffer counts as two lines, as auditctl's
 * "error in line 3" says. */
static void test_parse_counts_each_piece_of_a_long_line(void **state)
{
	static const char fmt[] =
		"-a always,exit -S open%s-a always,exit -S close\n"
		"-a always,exit -S nosuchcall\n";
	struct adl_ruleset *rs = new_ruleset();
	size_t len;
	char *text = expand(fmt, strlen(fmt), ' ', 6200, &len);
	const struct adl_rule *r;

	(void)state;
	assert_int_equal(adl_load_text(rs, FILE_NAME, text, len), ADL_ERR_RULE);
	assert_int_equal(adl_ruleset_count(rs), 2);
	r = adl_ruleset_rule(rs, 0);
	assert_int_equal(r->line, 1);
	r = adl_ruleset_rule(rs, 1);
	assert_int_equal(r->line, 2);
	assert_int_equal(adl_ruleset_nerrors(rs), 1);
	assert_int_equal(adl_ruleset_error(rs, 0)->line, 3);
	free(text);
	adl_ruleset_free(rs);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_parse_watch_of_directory_is_dir_field),
		cmocka_unit_test(test_parse_watch_of_file_is_path_field),
		cmocka_unit_test(test_parse_stores_keys_joined_in_last_field),
		cmocka_unit_test(test_parse_second_load_sees_first_loads_rules),
		cmocka_unit_test(test_parse_counts_each_piece_of_a_long_line),
	};
	int failed;

	failed = run_table("parse_table", cases, sizeof(cases[0]),
			   sizeof(cases) / sizeof(cases[0]), run_case);
	failed += cmocka_run_group_tests_name("parse", fixed, NULL, NULL);
	return failed ? 1 : 0;
}
