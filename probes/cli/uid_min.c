/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * uid_min.c - `auditdline uid-min`: the UID_MIN the checks and fixes judge
 * `auid>=` against, read from login.defs as useradd reads it, and the line
 * it comes from.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "adl.h"
#include "commands.h"
#include "logindefs.h"

/* A message on stderr; bytes a terminal should not get as \xHH. */
static void complain(const char *msg)
{
	struct adl_buf b = { 0 };

	adl_buf_put_visible(&b, msg, strlen(msg), 0);
	cli_error("%s", b.oom ? msg : b.s);
	adl_buf_free(&b);
}

int cmd_uid_min(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *root = NULL, *path = ADL_LOGIN_DEFS;
	struct adl_ld_value v;
	struct adl_ld *ld;
	struct adl_msg msg;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (c != 'r')
			return usage_error();
		root = optarg;
	}
	if (argc - optind > 1)
		return usage_error();
	if (optind < argc)
		path = argv[optind];
	if (path[0] != '/') {
		cli_error("%s: not an absolute path", path);
		return EXIT_CANNOT;
	}
	if (adl_ld_load(root, path, &ld, &msg) != ADL_OK) {
		complain(msg.text);
		return EXIT_CANNOT;
	}
	adl_ld_judge(ld, "UID_MIN", &v);
	if (v.state == ADL_LD_SET)
		printf("%llu %s:%u\n", (unsigned long long)v.number, path,
		       v.entry->line);
	else
		complain(v.message);
	adl_ld_free(ld);
	return v.state == ADL_LD_SET ? EXIT_FINE : EXIT_CANNOT;
}
