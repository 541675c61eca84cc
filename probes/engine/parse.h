/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* parse.h - the line loader, shared by the file and rules.d readers. */
#ifndef ADL_PARSE_H
#define ADL_PARSE_H

#include "internal.h"

/* One `auditctl -R` run over some text. */
struct loader {
	struct adl_ruleset *rs;
	bool keep_going;    /* -i or -c seen: later lines still load */
	bool ignore_errors; /* -i seen: errors do not fail the load */
	bool stopped;	    /* a line failed: later lines are not loaded */
	bool failed;	    /* some line failed */
	bool lock_pending;  /* this line said -e 2 */
	uint32_t stop_file, stop_line;
	/* set: why later rules are not loaded, instead of stop_file:line */
	const char *stop_reason;
	/* the line being read is longer than auditctl's line buffer: its
	 * length, where the piece being read starts, and whether an error in
	 * one of its pieces was reported (one is enough) */
	size_t long_len, piece_at;
	uint32_t long_line; /* its line in the file */
	bool long_reported;
	/* set: rules are read for their items only, never loaded */
	const char *skip_reason;
	/* directories watches and exe paths need, stat()ed once a load (a
	 * host watches thousands of files in a few of them): direct-mapped
	 * by hash, short names only */
	struct {
		uint32_t hash;
		uint8_t len; /* 0: empty */
		bool isdir;
		char path[122];
	} dirs[32];
};

/* lex.c: feeds one logical line (no newline) in auditctl's fgets-sized
 * pieces. */
void adl_loader_long_line(struct loader *ld, const char *text, size_t len,
			  uint32_t file, uint32_t lineno);
/* lex.c: feeds text as auditctl's fgets loop reads it; lines are numbered
 * from `first_line` + 1. ADL_OK, or ADL_ERR_RULE when a line failed. */
int adl_loader_text(struct loader *ld, uint32_t file, const char *buf,
		    size_t len, uint32_t first_line);
/* load.c: one line of at most LINE_BUF - 1 bytes, read and loaded. */
void adl_loader_line(struct loader *ld, char *text, uint32_t file,
		     uint32_t lineno);
/* readfile.c: all of `fd` into a malloc'd *out; 0 or -errno. */
int adl_read_all(int fd, char **out, size_t *outlen);

#endif
