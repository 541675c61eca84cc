/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * prefilter.h - an auditdline_object's OVAL filters, decided on a rule's
 * values before its item is built.
 *
 * OpenSCAP applies an object's filters inside probe_item_collect(), to an
 * item it has been given whole. On a host with 100 000 rules the content's
 * evidence objects keep a handful, and building then filtering the rest
 * costs seconds. The probe asks pf_drops() first and builds only the items
 * it does not drop; those still go through OpenSCAP's filters, so
 * OpenSCAP's answer stands for every item collected. pf_drops() answers
 * true only when it can decide the filter exactly as OpenSCAP would (the
 * operations, data types and checks it knows); anything else keeps the
 * rule for OpenSCAP to decide.
 */
#ifndef AUDITDLINE_PREFILTER_H
#define AUDITDLINE_PREFILTER_H

#include <stdbool.h>

#include "probe-api.h"

/* The item's entities the filters can test. */
enum pf_entity {
	PF_FILEPATH,
	PF_AUDITLINE,
	PF_LIST,
	PF_ACTION,
	PF_ARCH,
	PF_SYSCALL,
	PF_FIELD,
	PF_KEY,
	PF_EFFECTIVE,
	PF_OTHER, /* line_number or a name items never have */
};

/*
 * What a rule's auditdline_item would hold; NULL or empty: left out.
 * An entity is asked for through fill() the first time a filter tests it
 * (`filled` has bit 1 << entity once it is there), so that a rule dropped
 * on a cheap entity (its list, arch, syscalls) costs no text formatting.
 */
struct pf_values {
	const char *filepath;
	const char *auditline;
	const char *list;
	const char *action;
	char *const *arch; /* NULL-terminated vectors, or NULL */
	char *const *syscall;
	char *const *field;
	char *const *key;
	bool effective;
	unsigned filled;
	void (*fill)(struct pf_values *v, enum pf_entity which);
};

struct pf;

/*
 * What AUDITDLINE_PREFILTER says, read once by the probe: on (unset or any
 * other value), "off" (OpenSCAP alone filters), "check" (pf_checking).
 */
enum pf_mode { PF_MODE_ON, PF_MODE_OFF, PF_MODE_CHECK };
enum pf_mode pf_mode_parse(const char *env);

/* The object's filters (probe_ctx's `filters`); NULL when there are none
 * or the probe is told not to (PF_MODE_OFF). */
struct pf *pf_new(SEXP_t *filters, enum pf_mode mode);
void pf_free(struct pf *pf);

/* True when OpenSCAP's filters would drop the item. The filters and their
 * entities are tried cheapest first (the answer does not depend on it). */
bool pf_drops(const struct pf *pf, struct pf_values *v);

/* AUDITDLINE_PREFILTER=check: the probe builds every item and reports a
 * rule pf_drops() drops but OpenSCAP keeps (tests/oval prefilter). */
bool pf_checking(const struct pf *pf);

#endif
