/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fleet.h - the fleet report's model: what fleet.c reads from the ARFs
 * and host.json files, and fleet_out.c writes as fleet.json and
 * index.html.
 */
#ifndef ADL_FLEET_H
#define ADL_FLEET_H

#include "adl.h"

struct fleet_req {
	char *where;  /* disk, kernel, links, uid_min, disk b32, ... */
	char *text;   /* the requirement */
	char *result; /* pass, fail, error, n/a, ... */
	char *why;    /* "" when the ARF says nothing more */
};

struct fleet_drift {
	char *text, *disk, *kernel;
};

struct fleet_host {
	char *name;
	char *arf;     /* the ARF read, NULL when none */
	char *json;    /* its host.json, NULL when none */
	char *scanned; /* the TestResult's end-time, NULL when not scanned */
	char *result;  /* the rule's XCCDF result, or host.json's status */
	char *message; /* why (error, unreachable), NULL when nothing */
	int auditd;    /* host.json's: 1, 0, -1 unknown */
	struct fleet_req *reqs;
	size_t nreqs, rcap;
	struct fleet_drift *drift;
	size_t ndrift, dcap;
	char *tmp_page; /* its summary, before it has its name */
	char *page;	/* "hosts/NAME.html", NULL when none */
};

struct fleet_reject {
	char *file, *message;
};

struct fleet_report {
	const struct fleet_host *hosts; /* in the page's order */
	size_t nhosts;
	const struct fleet_reject *rej;
	size_t nrej;
};

/* Failing hosts first (fail, error, unknown, unreachable, ...), then
 * by name: the order of the page and of fleet.json. */
int fleet_host_order(const void *a, const void *b);

void fleet_json(const struct fleet_report *r, struct adl_buf *out);
void fleet_html(const struct fleet_report *r, struct adl_buf *out);

#endif
