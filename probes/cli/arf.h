/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * arf.h - reading ARFs (plain or bzip2) and running the project's
 * stylesheets on them with libxslt, for `summary` and `fleet`.
 */
#ifndef ADL_ARF_H
#define ADL_ARF_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "adl.h"

/* The rule an ARF of this project's content has a result for. */
#define ARF_RULE "xccdf_io.github.auditdline_rule_audit_rules_kernel_modules"

/* Sets up libxml2 and libxslt (EXSLT, no network, no messages of their
 * own: errors come back as messages). Call once. */
void arf_init(void);

/*
 * Reads PATH whole into `out`, unpacking it when it is bzip2 (by its
 * magic, whatever its name). Returns 0, or -1 with `msg` saying why
 * ("cannot read: ...", "not a complete bzip2 file", ...).
 */
int arf_read(const char *path, struct adl_buf *out, char *msg, size_t n);

/*
 * Parses an ARF held in memory; NULL with `msg` saying why (libxml2's
 * message and line), also when the document element is not an ARF
 * asset-report-collection.
 */
xmlDocPtr arf_parse(const char *s, size_t len, char *msg, size_t n);

/* The folder the stylesheets are read from (see arf.c). */
const char *arf_xslt_dir(void);

/* Loads xslt/NAME from arf_xslt_dir(); NULL with `msg` saying why. */
xsltStylesheetPtr arf_stylesheet(const char *name, char *msg, size_t n);

/*
 * Applies `style` to `doc` and writes the result to FILE ("-" or NULL:
 * stdout). Returns 0, or -1 with `msg` saying why.
 */
int arf_transform_to(xsltStylesheetPtr style, xmlDocPtr doc, const char *file,
		     char *msg, size_t n);

#endif
