/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* commands.h - what the command's files share. */
#ifndef ADL_COMMANDS_H
#define ADL_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "adl.h"

#define EXIT_FINE 0
#define EXIT_RULE 1
#define EXIT_CANNOT 2

/* Prints the usage to stderr; returns EXIT_CANNOT. */
int usage_error(void);
/* "auditdline: MESSAGE" and a newline on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Prints a unified diff of texts `a` and `b` (split at their newlines, in
 * place) under the names `aname` and `bname` (diff.c). Returns false when
 * they are the same; true when they differ, and when out of memory (with
 * nothing printed).
 */
bool diff_print(const char *aname, const char *bname, char *a, char *b);

int cmd_uid_min(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_fleet(int argc, char **argv);

/* JSON strings; bytes that are not UTF-8 as \\xHH text (json.c). */
void json_str(struct adl_buf *b, const char *s, size_t n);
/* A string, or null for NULL. */
void json_cstr(struct adl_buf *b, const char *s);
/* BEFORE"NAME":VALUE, VALUE a string or null. */
void json_member(struct adl_buf *b, const char *before, const char *name,
		 const char *value);

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING };
struct json_value {
	enum json_type type;
	bool boolean;
	double number;
	struct adl_buf text; /* JSON_STRING, NUL-terminated */
};
typedef void (*json_member_fn)(void *arg, const char *name,
			       const struct json_value *v);
/*
 * Reads text that is one JSON object whose values are strings, numbers,
 * booleans or null, calling `fn` for each member. Returns 0, or -1 with
 * `msg` saying where it is not such JSON.
 */
int json_read_object(const char *s, size_t n, json_member_fn fn, void *arg,
		     char *msg, size_t msgn);

#endif
