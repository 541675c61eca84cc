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
 * Adds "FILE:LINE: TEXT" (FILE: when `file` is not NULL; :LINE when `line`
 * is not 0) to the collected object, bytes XML cannot carry as \xHH.
 */
void objmsg_add(probe_ctx *ctx, oval_message_level_t level, const char *file,
		uint32_t line, const char *text);
/* Flags the collected object as an error, with `text` as its message. */
void objmsg_fail(probe_ctx *ctx, const char *text);

#endif
