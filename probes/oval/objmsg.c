/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* objmsg.c - messages on a collected object (objmsg.h). */
#include <config.h>

#include <string.h>

#include <probe-api.h>
#include <probe/probe.h>

#include "adl.h"
#include "objmsg.h"

void objmsg_add(probe_ctx *ctx, oval_message_level_t level, const char *file,
		uint32_t line, const char *text)
{
	struct adl_buf b = { 0 };
	SEXP_t *msg;

	/* Line 0: the whole file (it cannot be read, augenrules skips it). */
	if (file != NULL) {
		adl_buf_put_visible(&b, file, strlen(file), 0);
		if (line > 0)
			adl_buf_printf(&b, ":%u", line);
		adl_buf_puts(&b, ": ");
	}
	adl_buf_put_visible(&b, text, strlen(text), 0);
	msg = probe_msg_creatf(level, "%s", b.oom ? "out of memory" : b.s);
	probe_cobj_add_msg(probe_ctx_getresult(ctx), msg);
	SEXP_free(msg);
	adl_buf_free(&b);
}

void objmsg_fail(probe_ctx *ctx, const char *text)
{
	probe_cobj_set_flag(probe_ctx_getresult(ctx), SYSCHAR_FLAG_ERROR);
	objmsg_add(ctx, OVAL_MESSAGE_LEVEL_ERROR, NULL, 0, text);
}
