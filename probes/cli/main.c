/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * auditdline - audit rules as the kernel holds them: list them from rules
 * files, a rules.d directory or the kernel; show where disk and kernel
 * disagree; show the kernel's audit status.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libaudit.h>

#include "adl.h"
#include "commands.h"

#define DEFAULT_DIR "/etc/audit/rules.d"

static const char usage[] =
	"usage: auditdline [--machine NAME] list [--canonical | --json] [--kernel | PATH...]\n"
	"       auditdline [--machine NAME] diff [DIR]\n"
	"       auditdline status\n"
	"       auditdline uid-min [--root DIR] [FILE]\n"
	"       auditdline summary [-o FILE] [--text] ARF\n"
	"       auditdline fleet [-o DIR] ARF|DIR...\n"
	"       auditdline --help | --version\n"
	"\n"
	"list    the rules `auditctl -l` would print after `auditctl -D` and\n"
	"        `auditctl -R` of each PATH in turn (a directory is merged as\n"
	"        augenrules merges it); default " DEFAULT_DIR ".\n"
	"        --kernel lists the running kernel's rules.\n"
	"        --canonical prints each rule without auditctl's context\n"
	"        quirks; --json prints every rule read, loaded or not, and\n"
	"        whether it is effective.\n"
	"diff    the rules DIR would load (---) against the kernel's (+++).\n"
	"status  the kernel's audit status.\n"
	"uid-min the UID_MIN that auid>= is judged against, as useradd reads\n"
	"        it from FILE (default /etc/login.defs, under DIR with --root;\n"
	"        the last UID_MIN line wins), and the line it comes from.\n"
	"summary one scan's ARF (plain or bzip2) as the auditor's HTML summary,\n"
	"        or with --text one line per requirement; to FILE or stdout.\n"
	"fleet   the ARFs of many hosts (files, or folders searched for *.xml,\n"
	"        *.bz2 and the Ansible playbook's host.json) as DIR/index.html\n"
	"        (hosts x requirements, failing first), DIR/fleet.json and\n"
	"        DIR/hosts/HOST.html; default DIR: fleet.\n"
	"--machine NAME  syscall table for rules without arch (x86_64,\n"
	"        aarch64, ...); default: this machine's.\n"
	"\n"
	"Exit: 0 fine (diff: same), 1 a rule line failed (diff: they differ),\n"
	"2 cannot read, no permission or bad usage (uid-min: UID_MIN not\n"
	"usable, and why; fleet: 1 some inputs were rejected, the report was\n"
	"written, 2 no report).\n";

int usage_error(void)
{
	fputs(usage, stderr);
	return EXIT_CANNOT;
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	flockfile(stderr);
	fputs("auditdline: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

static int status_of(enum adl_status rc)
{
	switch (rc) {
	case ADL_OK:
		return EXIT_FINE;
	case ADL_ERR_RULE:
		return EXIT_RULE;
	default:
		return EXIT_CANNOT;
	}
}

/* "FILE:LINE: [warning: ]MESSAGE", bytes a terminal should not get as
 * \xHH (a rules file may hold any byte); "auditdline: MESSAGE" for an
 * error that names no file (the kernel's). */
static void print_errors(const struct adl_ruleset *rs)
{
	struct adl_buf b = { 0 };
	size_t i;

	for (i = 0; i < adl_ruleset_nerrors(rs); i++) {
		const struct adl_error *e = adl_ruleset_error(rs, i);
		const char *f = adl_ruleset_file(rs, e->file);

		if (f == NULL) {
			adl_buf_puts(&b, "auditdline");
		} else {
			adl_buf_put_visible(&b, f, strlen(f), 0);
			if (e->line)
				adl_buf_printf(&b, ":%u", e->line);
		}
		adl_buf_puts(&b, e->warning ? ": warning: " : ": ");
		adl_buf_put_visible(&b, e->message, strlen(e->message), 0);
		adl_buf_puts(&b, "\n");
	}
	if (b.s)
		fputs(b.s, stderr);
	adl_buf_free(&b);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Loads each path as its own `auditctl -R` run; returns the worst status. */
static enum adl_status load_paths(struct adl_ruleset *rs, char **paths, int n)
{
	enum adl_status worst = ADL_OK;
	int i;

	for (i = 0; i < n; i++) {
		enum adl_status rc =
			is_dir(paths[i]) ? adl_load_rulesd(rs, paths[i],
							   adl_detect_awk(rs))
					 : adl_load_file(rs, paths[i]);

		if (status_of(rc) > status_of(worst))
			worst = rc;
	}
	return worst;
}

/* The kernel's rules; its errors are in the rule set, but for memory. */
static enum adl_status load_kernel(struct adl_ruleset *rs)
{
	enum adl_status rc = adl_load_kernel(rs);

	if (rc == ADL_ERR_NOMEM)
		cli_error("%s", adl_status_text(rc));
	return rc;
}

/* "source", "file", "line" and "text" (canonical) of a rule. */
static void json_place(const struct adl_ruleset *rs, const struct adl_rule *r,
		       const char *text, struct adl_buf *b)
{
	bool kernel = r->source == ADL_SOURCE_KERNEL;

	adl_buf_printf(
		b, "\"source\":\"%s\",\"file\":", kernel ? "kernel" : "file");
	json_cstr(b, kernel ? NULL : adl_ruleset_file(rs, r->file));
	adl_buf_printf(b, ",\"line\":%u,\"text\":", r->line);
	json_cstr(b, text);
}

/* A rule's keys, as a JSON array. */
static void json_keys(const struct adl_rule *r, struct adl_buf *b)
{
	const char *k, *sep = "";
	size_t pos = 0, n;

	adl_buf_puts(b, "[");
	while (adl_rule_next_key(r, &pos, &k, &n)) {
		adl_buf_puts(b, sep);
		json_str(b, k, n);
		sep = ",";
	}
	adl_buf_puts(b, "]");
}

/*
 * "recorded_by": the earlier keyed rules that record some of its events
 * under their own keys, and "recorded_by_more" when there are more.
 */
static void json_recorded_by(const struct adl_ruleset *rs,
			     const struct adl_rule *r, struct adl_buf *b)
{
	const char *sep = "";

	adl_buf_puts(b, ",\"recorded_by\":[");
	for (unsigned i = 0; i < r->nrecorded_by; i++) {
		const struct adl_rule *by =
			adl_ruleset_rule(rs, r->recorded_by[i]);
		char *text = adl_rule_text(rs, by, ADL_FMT_CANONICAL);

		adl_buf_printf(b, "%s{", sep);
		json_place(rs, by, text, b);
		adl_buf_puts(b, ",\"keys\":");
		json_keys(by, b);
		adl_buf_puts(b, "}");
		free(text);
		sep = ",";
	}
	adl_buf_printf(b, "],\"recorded_by_more\":%s",
		       (r->state & ADL_RECORDED_MORE) ? "true" : "false");
}

static void json_rule(const struct adl_ruleset *rs, const struct adl_rule *r,
		      struct adl_buf *b)
{
	char *text = adl_rule_text(rs, r, ADL_FMT_CANONICAL);
	const char *list = adl_list_name(r->list), *sep = "";
	int machine = adl_rule_machine(rs, r), nr;
	uint32_t i;

	adl_buf_puts(b, "{");
	json_place(rs, r, text, b);
	adl_buf_puts(b, ",\"list\":");
	json_cstr(b, list);
	adl_buf_puts(b, ",\"action\":");
	json_cstr(b, r->action == AUDIT_ALWAYS	? "always"
		     : r->action == AUDIT_NEVER ? "never"
						: NULL);
	adl_buf_puts(b, ",\"arch\":[");
	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].type == AUDIT_ARCH) {
			char arch[64];

			adl_arch_text(rs, &r->fields[i], arch, sizeof(arch));
			adl_buf_puts(b, sep);
			json_cstr(b, arch);
			sep = ",";
		}
	adl_buf_puts(b, "],\"syscalls\":[");
	sep = "";
	if (r->list == AUDIT_FILTER_EXIT && adl_rule_all_syscalls(r)) {
		adl_buf_puts(b, "\"all\"");
	} else if (r->list == AUDIT_FILTER_EXIT) {
		for (nr = 0; nr < AUDIT_BITMASK_SIZE * 32; nr++) {
			const char *name;

			if (!adl_rule_has_syscall(r, nr))
				continue;
			adl_buf_puts(b, sep);
			name = adl_syscall_name(nr, machine);
			if (name)
				json_cstr(b, name);
			else
				adl_buf_printf(b, "\"%d\"", nr);
			sep = ",";
		}
	}
	adl_buf_puts(b, "],\"fields\":[");
	sep = "";
	for (i = 0; i < r->nfields; i++) {
		struct adl_buf f = { 0 };

		if (r->fields[i].type == AUDIT_ARCH ||
		    r->fields[i].type == AUDIT_FILTERKEY)
			continue;
		adl_format_field(r, &r->fields[i], &f);
		adl_buf_puts(b, sep);
		json_str(b, f.s ? f.s : "", f.len);
		adl_buf_free(&f);
		sep = ",";
	}
	adl_buf_puts(b, "],\"keys\":");
	json_keys(r, b);
	adl_buf_printf(b, ",\"loaded\":%s,\"effective\":%s,\"reason\":",
		       (r->state & ADL_LOADED) ? "true" : "false",
		       (r->state & ADL_EFFECTIVE) ? "true" : "false");
	json_cstr(b, r->reason);
	json_recorded_by(rs, r, b);
	adl_buf_puts(b, "}");
	free(text);
}

static void print_json(const struct adl_ruleset *rs)
{
	struct adl_buf b = { 0 };
	size_t i;

	adl_buf_puts(&b, "{\"rules\":[");
	for (i = 0; i < adl_ruleset_count(rs); i++) {
		if (i)
			adl_buf_puts(&b, ",\n");
		json_rule(rs, adl_ruleset_rule(rs, i), &b);
	}
	adl_buf_puts(&b, "],\n\"errors\":[");
	for (i = 0; i < adl_ruleset_nerrors(rs); i++) {
		const struct adl_error *e = adl_ruleset_error(rs, i);

		if (i)
			adl_buf_puts(&b, ",\n");
		adl_buf_puts(&b, "{\"file\":");
		json_cstr(&b, adl_ruleset_file(rs, e->file));
		adl_buf_printf(&b, ",\"line\":%u,\"level\":\"%s\",\"message\":",
			       e->line, e->warning ? "warning" : "error");
		json_cstr(&b, e->message);
		adl_buf_puts(&b, "}");
	}
	adl_buf_puts(&b, "]}\n");
	if (b.s)
		fputs(b.s, stdout);
	adl_buf_free(&b);
}

static int cmd_list(int machine, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kernel", no_argument, NULL, 'k' },
		{ "canonical", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ 0 },
	};
	bool kernel = false, canonical = false, json = false;
	struct adl_ruleset *rs;
	enum adl_status rc;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			kernel = true;
			break;
		case 'c':
			canonical = true;
			break;
		case 'j':
			json = true;
			break;
		default:
			fputs(usage, stderr);
			return EXIT_CANNOT;
		}
	}
	if ((kernel && optind < argc) || (canonical && json)) {
		fputs(usage, stderr);
		return EXIT_CANNOT;
	}
	rs = adl_ruleset_new(machine);
	if (!rs)
		return EXIT_CANNOT;
	if (kernel)
		rc = load_kernel(rs);
	else if (optind < argc)
		rc = load_paths(rs, argv + optind, argc - optind);
	else /* what augenrules loads, even when it is no directory */
		rc = adl_load_rulesd(rs, DEFAULT_DIR, adl_detect_awk(rs));
	print_errors(rs);
	if (status_of(rc) == EXIT_CANNOT && !adl_ruleset_count(rs)) {
		adl_ruleset_free(rs);
		return EXIT_CANNOT;
	}
	if (json) {
		adl_evaluate(rs);
		print_json(rs);
	} else {
		struct adl_buf b = { 0 };

		adl_format_list(rs, canonical ? ADL_FMT_CANONICAL : 0, &b);
		if (b.s)
			fputs(b.s, stdout);
		adl_buf_free(&b);
	}
	adl_ruleset_free(rs);
	return status_of(rc);
}

static int cmd_diff(int machine, int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : DEFAULT_DIR;
	struct adl_ruleset *disk, *kern;
	struct adl_buf a = { 0 }, b = { 0 };
	enum adl_status rc, krc;
	int ret;

	if (argc > 2) {
		fputs(usage, stderr);
		return EXIT_CANNOT;
	}
	disk = adl_ruleset_new(machine);
	kern = adl_ruleset_new(machine);
	if (!disk || !kern) {
		adl_ruleset_free(disk);
		adl_ruleset_free(kern);
		return EXIT_CANNOT;
	}
	rc = adl_load_rulesd(disk, dir, adl_detect_awk(disk));
	print_errors(disk);
	krc = load_kernel(kern);
	print_errors(kern);
	if (status_of(rc) == EXIT_CANNOT || krc != ADL_OK) {
		adl_ruleset_free(disk);
		adl_ruleset_free(kern);
		return EXIT_CANNOT;
	}
	adl_format_list(disk, 0, &a);
	adl_format_list(kern, 0, &b);
	ret = diff_print(dir, "kernel", a.s, b.s) ? EXIT_RULE : EXIT_FINE;
	adl_buf_free(&a);
	adl_buf_free(&b);
	adl_ruleset_free(disk);
	adl_ruleset_free(kern);
	return ret;
}

static int cmd_status(int argc)
{
	struct adl_status_info st;
	struct adl_msg msg;

	if (argc > 1) {
		fputs(usage, stderr);
		return EXIT_CANNOT;
	}
	if (adl_kernel_status(&st, &msg) != ADL_OK) {
		cli_error("%s", msg.text);
		return EXIT_CANNOT;
	}
	printf("enabled %u\nfailure %u\npid %u\nrate_limit %u\n"
	       "backlog_limit %u\nlost %u\nbacklog %u\nbacklog_wait_time %u\n",
	       st.enabled, st.failure, st.pid, st.rate_limit, st.backlog_limit,
	       st.lost, st.backlog, st.backlog_wait_time);
	return EXIT_FINE;
}

int main(int argc, char **argv)
{
	int machine = -1, i = 1;

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return EXIT_FINE;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("auditdline %s\n", ADL_VERSION);
			return EXIT_FINE;
		}
		if (!strcmp(argv[i], "--machine") && i + 1 < argc) {
			machine = adl_machine_from_name(argv[i + 1]);
			if (machine < 0) {
				cli_error("unknown machine: %s", argv[i + 1]);
				return EXIT_CANNOT;
			}
			i += 2;
			continue;
		}
		fputs(usage, stderr);
		return EXIT_CANNOT;
	}
	if (i >= argc) {
		fputs(usage, stderr);
		return EXIT_CANNOT;
	}
	/* `auditdline COMMAND --help`, as users try it first. */
	if (i + 1 < argc &&
	    (!strcmp(argv[i + 1], "--help") || !strcmp(argv[i + 1], "-h"))) {
		fputs(usage, stdout);
		return EXIT_FINE;
	}
	if (!strcmp(argv[i], "list"))
		return cmd_list(machine, argc - i, argv + i);
	if (!strcmp(argv[i], "diff"))
		return cmd_diff(machine, argc - i, argv + i);
	if (!strcmp(argv[i], "status"))
		return cmd_status(argc - i);
	if (!strcmp(argv[i], "uid-min"))
		return cmd_uid_min(argc - i, argv + i);
	if (!strcmp(argv[i], "summary"))
		return cmd_summary(argc - i, argv + i);
	if (!strcmp(argv[i], "fleet"))
		return cmd_fleet(argc - i, argv + i);
	cli_error("unknown command: %s", argv[i]);
	fputs(usage, stderr);
	return EXIT_CANNOT;
}
