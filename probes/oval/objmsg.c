/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* objmsg.c - messages on a collected object (objmsg.h). */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <probe-api.h>
#include <probe/probe.h>

#include "adl.h"
#include "objmsg.h"

static void add_text(probe_ctx *ctx, oval_message_level_t level,
		     const char *file, uint32_t line, const char *text)
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
	if (text != NULL)
		adl_buf_put_visible(&b, text, strlen(text), 0);
	if (b.oom || text == NULL)
		msg = probe_msg_creatf(level, "%s", "out of memory");
	else
		msg = probe_msg_creatf(level, "%s", b.s ? b.s : "");
	probe_cobj_add_msg(probe_ctx_getresult(ctx), msg);
	SEXP_free(msg);
	adl_buf_free(&b);
}

static void __attribute__((format(printf, 5, 0)))
add_vtext(probe_ctx *ctx, oval_message_level_t level, const char *file,
	  uint32_t line, const char *fmt, va_list ap)
{
	char *text;

	ADL_ASSERT(ctx != NULL && fmt != NULL);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	add_text(ctx, level, file, line, text);
	free(text);
}

void objmsg_add(probe_ctx *ctx, oval_message_level_t level, const char *file,
		uint32_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_vtext(ctx, level, file, line, fmt, ap);
	va_end(ap);
}

void objmsg_fail(probe_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	probe_cobj_set_flag(probe_ctx_getresult(ctx), SYSCHAR_FLAG_ERROR);
	va_start(ap, fmt);
	add_vtext(ctx, OVAL_MESSAGE_LEVEL_ERROR, NULL, 0, fmt, ap);
	va_end(ap);
}
