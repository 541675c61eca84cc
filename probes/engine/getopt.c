/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * getopt.c - the options of one rules-file line read as auditctl's
 * getopt_long reads them: clustered short options, attached or separate
 * arguments, unique prefixes of long options, and no stray words.
 */
#include <string.h>

#include "line.h"

/* Long options auditctl knows; getopt accepts unique prefixes. */
static const struct {
	const char *name;
	int has_arg;
	int val;
} longopts[] = {
	{ "backlog_wait_time", 1, 'B' },
	{ "loginuid-immutable", 0, 'L' },
	{ "reset-lost", 0, 'X' },
	{ "reset_backlog_wait_time_actual", 0, 'Y' },
	{ "signal", 1, 'Z' },
};

static const char shortopts[] = "hicslDvtC:e:f:r:b:a:A:d:S:F:m:R:w:W:k:p:q:";

/* The long option `name` (`len` bytes) names uniquely, or -1. */
static int find_longopt(const char *name, size_t len)
{
	int found = -1;
	int matches = 0;
	size_t k;

	for (k = 0; k < sizeof(longopts) / sizeof(*longopts); k++) {
		if (strncmp(longopts[k].name, name, len))
			continue;
		if (strlen(longopts[k].name) == len)
			return (int)k;
		found = (int)k;
		matches++;
	}
	return matches == 1 ? found : -1;
}

/* "--name", "--name=arg" or "--name arg" at tok[*i]; "--" ends them. */
static int read_long_option(struct line *l, char **tok, size_t n, size_t *i)
{
	const char *t = tok[*i];
	const char *name = t + 2;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const char *arg = eq ? eq + 1 : NULL;
	int k;

	if (len == 0) {
		if (*i + 1 < n)
			return adl_line_fail(l, "unexpected word: %s",
					     tok[*i + 1]);
		*i = n;
		return 0;
	}
	k = find_longopt(name, len);
	if (k < 0)
		return adl_line_fail(l, "unknown option: %s", t);
	if (!longopts[k].has_arg) {
		if (eq)
			return adl_line_fail(l, "option %s takes no argument",
					     t);
		return adl_line_option(l, longopts[k].val, NULL);
	}
	if (!arg && *i + 1 < n)
		arg = tok[++*i];
	if (!arg)
		return adl_line_fail(l, "option %s needs an argument", t);
	return adl_line_option(l, longopts[k].val, arg);
}

/* "-abc", "-Farg" or "-F arg" at tok[*i]. */
static int read_short_options(struct line *l, char **tok, size_t n, size_t *i)
{
	const char *c;

	for (c = tok[*i] + 1; *c; c++) {
		const char *spec = strchr(shortopts, *c);
		const char *arg;

		if (!spec || *c == ':')
			return adl_line_fail(l, "unknown option: -%c", *c);
		if (spec[1] != ':') {
			if (adl_line_option(l, *c, NULL))
				return -1;
			continue;
		}
		arg = c[1] ? c + 1 : NULL;
		if (!arg && *i + 1 < n)
			arg = tok[++*i];
		if (!arg)
			return adl_line_fail(l, "option -%c needs an argument",
					     *c);
		return adl_line_option(l, *c, arg);
	}
	return 0;
}

int adl_line_read_options(struct line *l, char **tok, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *t = tok[i];
		int rc;

		if (t[0] != '-' || t[1] == '\0')
			return adl_line_fail(l, "unexpected word: %s", t);
		if (t[1] == '-')
			rc = read_long_option(l, tok, n, &i);
		else
			rc = read_short_options(l, tok, n, &i);
		if (rc)
			return -1;
	}
	return 0;
}
