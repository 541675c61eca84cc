/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz.h - what the libFuzzer harnesses share: after a reader has filled a
 * rule set, every consumer of it runs, so that a malformed rule the reader
 * let through shows up as a crash, a leak or undefined behaviour there too.
 */
#ifndef ADL_FUZZ_H
#define ADL_FUZZ_H

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "adl.h"

/* The machines whose syscall tables and arch names differ most. */
static const char *const fuzz_machines[] = { "x86_64", "aarch64", "i386",
					     "ppc64le", "s390x" };
#define FUZZ_NMACHINES (sizeof(fuzz_machines) / sizeof(fuzz_machines[0]))

/*
 * libFuzzer's SIGALRM handler decides whether an input ran too long, but
 * its signal also cuts a blocking system call short (EINTR): a reader
 * stuck in open() on a FIFO would go on as if the open had failed, a hang
 * unseen. Restarted, the call stays stuck until the handler reports it.
 * The handler is installed by the time the first input runs.
 */
static inline void fuzz_restart_on_alarm(void)
{
	static int done;
	struct sigaction sa;

	if (done++ || sigaction(SIGALRM, NULL, &sa) != 0)
		return;
	sa.sa_flags |= SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
}

static inline struct adl_ruleset *fuzz_ruleset(unsigned pick)
{
	int m = adl_machine_from_name(fuzz_machines[pick % FUZZ_NMACHINES]);

	fuzz_restart_on_alarm();
	return adl_ruleset_new(m);
}

/* Reads every byte of a string, so that ASan sees a bad one. */
static inline size_t fuzz_touch(const char *s)
{
	return s ? strlen(s) : 0;
}

static inline void fuzz_format_all(struct adl_ruleset *rs)
{
	size_t i, n = adl_ruleset_count(rs);
	int flags;

	for (flags = 0; flags <= ADL_FMT_CANONICAL; flags++) {
		struct adl_buf b = { 0 };

		adl_format_list(rs, flags, &b);
		adl_buf_free(&b);
	}
	for (i = 0; i < n; i++) {
		const struct adl_rule *r = adl_ruleset_rule(rs, i);
		size_t pos = 0, len;
		const char *key;
		uint32_t j;

		for (flags = 0; flags <= ADL_FMT_CANONICAL; flags++) {
			char *text = adl_rule_text(rs, r, flags);
			struct adl_buf b = { 0 };

			/* as the probe and the command show it, both ways */
			if (text)
				adl_buf_put_visible(&b, text, strlen(text),
						    flags ? ADL_VIS_KEEP_SPACE
							  : 0);
			adl_buf_free(&b);
			free(text);
		}
		while (adl_rule_next_key(r, &pos, &key, &len))
			;
		for (j = 0; j < r->nfields; j++) {
			const struct adl_field *f = &r->fields[j];
			struct adl_buf b = { 0 };
			char arch[64];

			if (f->type == AUDIT_ARCH) {
				adl_arch_text(rs, f, arch, sizeof(arch));
				continue;
			}
			if (f->type != AUDIT_FILTERKEY)
				adl_format_field(r, f, &b);
			adl_buf_free(&b);
		}
		fuzz_touch(adl_ruleset_file(rs, r->file));
		fuzz_touch(adl_list_name(r->list));
		fuzz_touch(r->reason);
		adl_rule_machine(rs, r);
	}
}

/* Evaluates, formats (formatting does not depend on it), frees. */
static inline void fuzz_consume(struct adl_ruleset *rs)
{
	size_t i;

	adl_evaluate(rs);
	fuzz_format_all(rs);
	for (i = 0; i < adl_ruleset_nerrors(rs); i++) {
		const struct adl_error *e = adl_ruleset_error(rs, i);
		const char *file = adl_ruleset_file(rs, e->file);
		struct adl_buf b = { 0 };

		/* as the probe and the command show it */
		adl_buf_put_visible(&b, e->message, strlen(e->message), 0);
		if (file)
			adl_buf_put_visible(&b, file, strlen(file), 0);
		adl_buf_free(&b);
	}
	adl_ruleset_free(rs);
}

#endif
