/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * adl.h - the auditdline rule engine.
 *
 * One model of an audit rule, produced by three readers (rules-file text as
 * `auditctl -R` reads it, a rules.d directory as augenrules merges it, the
 * running kernel over netlink) and consumed by one formatter and one
 * evaluator. Knows nothing of OpenSCAP.
 *
 * Threads (OpenSCAP runs probes in worker threads). Distinct rule sets may
 * be used from distinct threads at once: all of a load's state lives in its
 * struct adl_ruleset, and the engine has no mutable globals. One rule set
 * is one thread's at a time; functions taking a const rule set may share
 * it once no thread changes it any more. Outside the rule set the engine
 * touches only what is safe to share: eval.c's per-thread (__thread)
 * caches of libaudit's perm syscall tables; getpwnam_r and getgrnam_r for
 * user and group names on the live system (NSS); strerror for errnos that
 * system calls returned (glibc answers those from its constant table; only
 * an unknown errno would use its shared buffer); and, in the kernel
 * readers, a netlink socket of each call's own. An adl_skip_fn is called
 * on the loading thread, with its `arg`.
 */
#ifndef ADL_H
#define ADL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/audit.h>

/*
 * Invariants the code assumes. Checked when built with ADL_DEBUG (the
 * sanitizer and fuzzing builds): a failure prints the file, line and
 * condition and aborts. Compiled out otherwise; never for input checks.
 */
#ifdef ADL_DEBUG
#define ADL_ASSERT(cond) \
	((cond) ? (void)0 : adl_assert_failed(#cond, __FILE__, __LINE__))
#else
#define ADL_ASSERT(cond) ((void)sizeof(!(cond)))
#endif
void adl_assert_failed(const char *cond, const char *file, int line)
	__attribute__((noreturn));

#define ADL_NO_STR UINT32_MAX
#define ADL_NO_FILE UINT32_MAX

/*
 * Errors, one model (as curl's CURLcode). Every public function that can
 * fail returns an enum adl_status, never -1 or -errno. What went wrong, in
 * words, goes where the function's result goes: a function given a rule
 * set adds it to the rule set's error list (adl_ruleset_error; an error
 * whose file is ADL_NO_FILE concerns the source as a whole, the kernel),
 * one without a rule set writes it into the caller's struct adl_msg. The
 * path helpers adl_root_* return ADL_ERR_IO with errno set, as the system
 * calls they stand for; callers word it. The one status that may come
 * without words is ADL_ERR_NOMEM from a function given a rule set (its
 * list cannot grow then); adl_status_text names every status.
 */
enum adl_status {
	ADL_OK = 0,
	ADL_ERR_RULE = 1,	 /* a rule line failed (loading stopped) */
	ADL_ERR_IO = 2,		 /* cannot read a file or directory */
	ADL_ERR_PERM = 3,	 /* kernel: EPERM (no CAP_AUDIT_CONTROL) */
	ADL_ERR_CONNREFUSED = 4, /* kernel: not in the initial user ns */
	ADL_ERR_NOAUDIT = 5,	 /* kernel: no audit support */
	ADL_ERR_NOMEM = 6,
	ADL_ERR_SKIPPED = 7, /* a rules file the scanner must not read */
};

/* "out of memory", ...: a status in a few words, for any value. */
const char *adl_status_text(enum adl_status st);

/*
 * The words of a failure from a function without a rule set: set on
 * every status but ADL_OK, cut to fit. adl_msgf formats into it.
 */
#define ADL_MSG_MAX 512
struct adl_msg {
	char text[ADL_MSG_MAX];
};
void adl_msgf(struct adl_msg *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Which awk augenrules runs with: they read `\s` differently. */
enum adl_awk { ADL_AWK_MAWK = 0, ADL_AWK_GAWK = 1 };

/* Where a rule came from. */
enum adl_source { ADL_SOURCE_FILE = 0, ADL_SOURCE_KERNEL = 1 };

/* Rule state bits (struct adl_rule.state). */
#define ADL_LOADED 0x01	       /* in the rule list the kernel would hold */
#define ADL_EFFECTIVE 0x02     /* collects what it says (after adl_evaluate) */
#define ADL_PREPEND 0x04       /* added with -A */
#define ADL_DUPLICATE 0x08     /* refused by the kernel as "Rule exists" */
#define ADL_RECORDED_MORE 0x10 /* more earlier rules record its events */

/* At most this many of the rules that record a rule's events are kept. */
#define ADL_RECORDED_BY_MAX 4

/*
 * One field as the kernel holds it. Numbers in `val`; string fields (path,
 * dir, exe, key, LSM labels) keep their bytes in the rule's string block at
 * offset `str` with length `val`, NUL-terminated.
 */
struct adl_field {
	uint32_t type; /* AUDIT_* field id */
	uint32_t op;   /* AUDIT_EQUAL, AUDIT_NOT_EQUAL, ... */
	uint32_t val;
	uint32_t str; /* ADL_NO_STR for numeric fields */
};

struct adl_rule {
	uint8_t list;	/* AUDIT_FILTER_* */
	uint8_t action; /* AUDIT_NEVER or AUDIT_ALWAYS */
	uint8_t nfields;
	uint8_t state;	      /* ADL_* bits above */
	uint8_t source;	      /* enum adl_source */
	uint32_t line;	      /* file line; kernel: 1-based position */
	uint32_t file;	      /* index into the ruleset's file names */
	int32_t order;	      /* position in its list: -A counts down */
	const uint32_t *mask; /* AUDIT_BITMASK_SIZE words, shared */
	struct adl_field *fields;
	char *strings;
	char *reason; /* why not loaded / not effective; NULL otherwise */
	/*
	 * After adl_evaluate, for an effective always rule on the exit list:
	 * earlier always rules with a key that match some of its events
	 * first, so record them under their own keys (first match decides
	 * the key). Indices for adl_ruleset_rule, in list order; at most
	 * ADL_RECORDED_BY_MAX, ADL_RECORDED_MORE set when there are more.
	 */
	uint32_t *recorded_by;
	uint8_t nrecorded_by;
};

/*
 * A line or file that failed, or, with `warning`, a risk found while
 * reading that changes nothing loaded (a rules file other users can
 * change). `line` 0: the whole file.
 */
struct adl_error {
	uint32_t file; /* index into the ruleset's file names */
	uint32_t line;
	char *message;
	bool warning;
};

struct adl_ruleset;

/*
 * A new, empty rule set. `machine` is a libaudit MACH_* value naming the
 * syscall table of rules without arch, or -1 for the host's.
 */
struct adl_ruleset *adl_ruleset_new(int machine);
void adl_ruleset_free(struct adl_ruleset *rs);

/*
 * Paths the scanner must not read (OpenSCAP's blocked paths). Before a
 * reader opens a rules file it asks `fn` with the path as the rule set
 * names it (inside the offline root); a non-NULL answer says why it is
 * skipped. A skipped file is not "no rules": adl_load_file returns
 * ADL_ERR_SKIPPED, adl_load_rulesd ADL_ERR_SKIPPED for a skipped *.rules
 * file (its rules are unknown, so nothing loaded after it can be trusted),
 * each with an error naming the file and the reason.
 */
typedef const char *(*adl_skip_fn)(const char *path, void *arg);
void adl_ruleset_set_skip(struct adl_ruleset *rs, adl_skip_fn fn, void *arg);
/* Why `path` is skipped, or NULL to read it. */
const char *adl_ruleset_skips(const struct adl_ruleset *rs, const char *path);

/* libaudit machine for a name ("x86_64", "aarch64", "i386", ...); -1 if none.
 */
int adl_machine_from_name(const char *name);

/*
 * Offline root: every path the readers open is resolved under it, symlinks
 * included, and never leaves it. NULL or "/" means the real root.
 */
enum adl_status adl_ruleset_set_root(struct adl_ruleset *rs, const char *root);

/*
 * Paths in an offline root's view, the one resolver the engine and the
 * probes share. Symlinks are followed a component at a time with `root`
 * as "/" (an absolute target starts again at `root`, ".." stops there),
 * so a path never leads out of the root. `root` NULL: the real root, the
 * path as it is.
 *
 * Each returns ADL_OK, or ADL_ERR_IO with errno saying why (ENAMETOOLONG,
 * ELOOP, or what the system call set), as the path's failure is the
 * system's and callers word it themselves.
 * adl_root_resolve: the host path of `path` (absolute, in the root's view)
 *   in `out`, every link resolved.
 * adl_root_stat: stat() of what `path` leads to.
 * adl_root_lstat: lstat() of `path` itself, its directories resolved: a
 *   link whose target is missing is still there (reading it then fails).
 */
struct stat;
enum adl_status adl_root_resolve(const char *root, const char *path, char *out,
				 size_t outlen);
enum adl_status adl_root_stat(const char *root, const char *path,
			      struct stat *st);
enum adl_status adl_root_lstat(const char *root, const char *path,
			       struct stat *st);

/*
 * Readers. Each appends to the rule set as `auditctl -R` would on top of
 * what is loaded already. They return ADL_OK, ADL_ERR_RULE when a line
 * failed (errors recorded, loading stopped as auditctl stops), or
 * ADL_ERR_IO (message in the error list).
 *
 * adl_load_file: a rules file, as `auditctl -R PATH`.
 * adl_load_text: the same from memory; `name` is used in messages.
 * adl_load_rulesd: a rules.d directory merged as augenrules merges it, with
 *   `awk` deciding how its patterns read; then loaded as `auditctl -R`.
 *   Files augenrules ignores give items that are not loaded.
 * adl_load_kernel: the running kernel's list (AUDIT_LIST_RULES). Returns
 *   ADL_ERR_PERM, ADL_ERR_CONNREFUSED or ADL_ERR_NOAUDIT too; its errors
 *   name no file (ADL_NO_FILE, line 0).
 */
enum adl_status adl_load_file(struct adl_ruleset *rs, const char *path);
enum adl_status adl_load_text(struct adl_ruleset *rs, const char *name,
			      const char *buf, size_t len);
enum adl_status adl_load_rulesd(struct adl_ruleset *rs, const char *dir,
				enum adl_awk awk);
enum adl_status adl_load_kernel(struct adl_ruleset *rs);

/*
 * Calls `fn` with each rule the kernel lists, as the kernel sends it
 * (struct audit_rule_data, `len` bytes), in order. Stops at the first
 * status other than ADL_OK from `fn` and returns it, with `msg` empty:
 * `fn` says what went wrong where it reports. Else the statuses of
 * adl_load_kernel, the words in `msg`.
 */
typedef enum adl_status (*adl_raw_rule_fn)(const void *data, size_t len,
					   void *arg);
enum adl_status adl_kernel_rules_raw(adl_raw_rule_fn fn, void *arg,
				     struct adl_msg *msg);

/* The awk the (offline) root's /usr/bin/awk is; mawk when it cannot be told. */
enum adl_awk adl_detect_awk(const struct adl_ruleset *rs);

/*
 * Decode one struct audit_rule_data of `len` bytes (as the kernel sends it)
 * into the rule set as the rule at `position` (from 1). Checks every
 * length. Returns ADL_OK, ADL_ERR_RULE with an error in the rule set
 * (ADL_NO_FILE, line 0), or ADL_ERR_NOMEM.
 */
enum adl_status adl_add_kernel_rule(struct adl_ruleset *rs, const void *data,
				    size_t len, uint32_t position);

/* All rules read, in load order (loaded or not). */
size_t adl_ruleset_count(const struct adl_ruleset *rs);
const struct adl_rule *adl_ruleset_rule(const struct adl_ruleset *rs, size_t i);
/* Loaded rules in the order the kernel lists them (by list, then order). */
size_t adl_ruleset_listed(const struct adl_ruleset *rs,
			  const struct adl_rule ***out);
size_t adl_ruleset_nerrors(const struct adl_ruleset *rs);
const struct adl_error *adl_ruleset_error(const struct adl_ruleset *rs,
					  size_t i);
/* File name for an index (rule->file, error->file); NULL for ADL_NO_FILE. */
const char *adl_ruleset_file(const struct adl_ruleset *rs, uint32_t file);

/* "exit", "task", "user", "exclude", "filesystem", "io_uring"; NULL if none. */
const char *adl_list_name(unsigned list);

/*
 * Walks the keys of a rule (its key field split at \x01, empty pieces
 * skipped, as auditctl prints them). Start with *pos = 0; returns false
 * when there are no more.
 */
bool adl_rule_next_key(const struct adl_rule *r, size_t *pos, const char **key,
		       size_t *len);

/*
 * An arch field as text, operator first when it is "!=": "b64"/"b32" for
 * the rule set's machine and its 32-bit sibling (what they mean to this
 * machine's events), else the machine's own name ("aarch64") or 0x%X.
 */
void adl_arch_text(const struct adl_ruleset *rs, const struct adl_field *f,
		   char *out, size_t len);

/* Field access. */
const char *adl_field_str(const struct adl_rule *r, const struct adl_field *f);
bool adl_field_is_string(uint32_t type);

/*
 * Evaluation: sets ADL_EFFECTIVE and `reason` on every rule (SPEC.md's
 * "effective": not loaded, suppressed, self-defeating) and `recorded_by`.
 * The exit list is first-match: the first rule an event matches decides
 * whether it is recorded and under which key. A rule is suppressed when
 * an earlier never rule, or an earlier always rule without a key, can
 * take some of its events (and by never,task and SYSCALL excludes); an
 * earlier always rule with a key that can take them records them under
 * its key, and is named in `recorded_by`.
 */
void adl_evaluate(struct adl_ruleset *rs);

/*
 * Growing arrays. adl_grow makes room for `need` elements of `size` bytes
 * in the array at *(T **)`arrayp` of capacity *`cap` elements, doubling
 * from 16: ADL_OK, or ADL_ERR_NOMEM with the array and *cap unchanged when
 * realloc fails or the bytes would pass ADL_GROW_MAX (no size_t overflow
 * is ever computed). Every growing array in auditdline goes through it.
 */
#define ADL_GROW_MAX ((size_t)1 << 30)
enum adl_status adl_grow(void *arrayp, size_t *cap, size_t need, size_t size);

/* A growable text buffer. */
struct adl_buf {
	char *s;
	size_t len, cap;
	bool oom;
};

/* Where a rule is: "FILE:LINE", or "kernel rule N". */
void adl_rule_where(const struct adl_ruleset *rs, const struct adl_rule *r,
		    struct adl_buf *b);
/*
 * For a rule with recorded_by: a sentence naming the earlier rules and
 * the keys its events are recorded under (malloc'd); NULL when none or
 * out of memory.
 */
char *adl_rule_recorded_note(const struct adl_ruleset *rs,
			     const struct adl_rule *r);
void adl_buf_free(struct adl_buf *b);
void adl_buf_puts(struct adl_buf *b, const char *s);
void adl_buf_putn(struct adl_buf *b, const char *s, size_t n);
void adl_buf_printf(struct adl_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Rules files may hold any byte, and auditctl keeps them. For text that
 * must be UTF-8 (XML, JSON, a terminal): adl_utf8_len is the length of
 * the character at `s` XML and JSON can carry, 0 when there is none;
 * adl_buf_put_visible appends `s` with every other byte as \xHH and tab,
 * newline and carriage return as \t, \n, \r (kept as they are with
 * ADL_VIS_KEEP_SPACE).
 */
#define ADL_VIS_KEEP_SPACE 0x1
size_t adl_utf8_len(const char *s, size_t n);
void adl_buf_put_visible(struct adl_buf *b, const char *s, size_t n, int flags);

/*
 * Formatting. Compatible text is what `auditctl -l` prints; it depends on
 * the rules printed before (`*prev_machine`, start with -1). Canonical text
 * does not. adl_format_list prints the loaded rules, `No rules` when none.
 */
#define ADL_FMT_CANONICAL 0x1
void adl_format_rule(const struct adl_ruleset *rs, const struct adl_rule *r,
		     int flags, int *prev_machine, struct adl_buf *out);
char *adl_rule_text(const struct adl_ruleset *rs, const struct adl_rule *r,
		    int flags);
void adl_format_list(const struct adl_ruleset *rs, int flags,
		     struct adl_buf *out);

/*
 * Syscall numbers of a rule in a machine's table: names via libaudit.
 * Returns NULL for an unknown number.
 */
const char *adl_syscall_name(int nr, int machine);
/* Machine a rule's syscalls are named in (its arch; the native one if none). */
int adl_rule_machine(const struct adl_ruleset *rs, const struct adl_rule *r);
/* True when the rule's mask covers all syscalls (`-S all`). */
bool adl_rule_all_syscalls(const struct adl_rule *r);
static inline bool adl_rule_has_syscall(const struct adl_rule *r, int nr)
{
	return nr >= 0 && nr < AUDIT_BITMASK_SIZE * 32 &&
	       (r->mask[nr / 32] & (1u << (nr % 32)));
}

/*
 * Field text as `auditctl -l` prints it ("auid>=1000", "path=/usr/bin/kmod",
 * "uid!=auid" for comparisons). Not for arch or key.
 */
void adl_format_field(const struct adl_rule *r, const struct adl_field *f,
		      struct adl_buf *out);

/*
 * Kernel audit status, as `auditctl -s` reads it. Statuses as for
 * adl_load_kernel, the words in `msg`.
 */
struct adl_status_info {
	uint32_t enabled, failure, pid, rate_limit, backlog_limit, lost,
		backlog, backlog_wait_time;
};
enum adl_status adl_kernel_status(struct adl_status_info *st,
				  struct adl_msg *msg);

#endif
