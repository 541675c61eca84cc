/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * objmsg.h - messages on the object a probe collects, as the probes of
 * this tree write them.
 */
#ifndef ADL_OBJMSG_H
#define ADL_OBJMSG_H

#include <stdint.h>

#include <probe-api.h>

/*
 * Why a file the scan is told not to read (OpenSCAP's blocked paths,
 * OSCAP_PROBE_IGNORE_PATHS) was not read; the probes' messages go on to
 * say what that means for the answer.
 */
#define OBJMSG_BLOCKED \
	"skipped, as this scan is told to (OSCAP_PROBE_IGNORE_PATHS)"

/*
 * Adds "FILE:LINE: TEXT" (FILE: when `file` is not NULL; :LINE when `line`
 * is not 0) to the collected object, TEXT made from `fmt` as printf makes
 * it, bytes XML cannot carry as \xHH.
 */
void objmsg_add(probe_ctx *ctx, oval_message_level_t level, const char *file,
		uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Flags the collected object as an error, with the text as its message. */
void objmsg_fail(probe_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
