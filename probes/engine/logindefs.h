/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * logindefs.h - the settings of /etc/login.defs as shadow 4.13 (Debian 12,
 * built without libeconf) reads them, so that the UID_MIN an audit rule is
 * judged against is the one useradd gives new users.
 *
 * shadow's reading, in short: lines of at most 1023 bytes (a longer one is
 * read as several), trailing white space (CR too) dropped, `#` lines and
 * one-field lines skipped, the name ends at the first blank, the value
 * starts after blanks and double quotes and ends at the next double quote,
 * the last line of a name wins. Numbers are strtoul(value, &end, 0) using
 * up the whole value. Part of the engine: no OpenSCAP, no CLI.
 */
#ifndef ADL_LOGINDEFS_H
#define ADL_LOGINDEFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "adl.h"

#define ADL_LOGIN_DEFS "/etc/login.defs"

/* One name as the file leaves it: its last line. */
struct adl_ld_entry {
	char *name;
	char *value;
	uint32_t line; /* the physical line it is on, from 1 */
};

/* The settings of one file; opaque. */
struct adl_ld;

/*
 * Reads `path` (absolute, in the root's view) under `root` (NULL or "/":
 * the real root; symlinks never lead out of it). A file that does not
 * exist is no error: it sets nothing, as for shadow. Returns ADL_OK,
 * ADL_ERR_IO or ADL_ERR_NOMEM, the words in `msg` (adl.h). On ADL_OK the
 * caller owns *out.
 */
enum adl_status adl_ld_load(const char *root, const char *path,
			    struct adl_ld **out, struct adl_msg *msg);
void adl_ld_free(struct adl_ld *ld);

const char *adl_ld_path(const struct adl_ld *ld);
bool adl_ld_exists(const struct adl_ld *ld);
/* The names set, each once (the line that wins), sorted by name. */
size_t adl_ld_count(const struct adl_ld *ld);
const struct adl_ld_entry *adl_ld_at(const struct adl_ld *ld, size_t i);
/* The entry of `name` (case-sensitive), or NULL. */
const struct adl_ld_entry *adl_ld_find(const struct adl_ld *ld,
				       const char *name);

/* What a name's setting means to the tools that read it. */
enum adl_ld_state {
	ADL_LD_SET = 0,	   /* set; `number` too for a numeric name */
	ADL_LD_UNSET,	   /* no line sets it (or no file) */
	ADL_LD_NOT_NUMBER, /* a numeric name shadow cannot parse */
	ADL_LD_RANGE,	   /* parsed, but more than the name can hold */
};

struct adl_ld_value {
	enum adl_ld_state state;
	const struct adl_ld_entry *entry; /* NULL when unset */
	bool numeric;			  /* the tools read it as a number */
	uint64_t number;		  /* ADL_LD_SET and numeric */
	/* For any state but ADL_LD_SET: "FILE[:LINE]: what; what the tool
	 * does instead". Values are quoted as they are, any byte. */
	char message[1536];
};

/*
 * Judges `name` as the tools read it. A numeric name (UID_MIN, UID_MAX,
 * SYS_UID_MIN, GID_MIN, ...) is read with shadow's getulong; its number
 * must fit what it names (a uid or gid: 0 to 4294967294, as 4294967295
 * is "unset"). Any other name is a string.
 */
void adl_ld_judge(const struct adl_ld *ld, const char *name,
		  struct adl_ld_value *out);

/* True when `name` is one the tools read as a number. */
bool adl_ld_is_numeric(const char *name);

#endif
