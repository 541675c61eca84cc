/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz_parse.c - libFuzzer harness of the rules-file reader: the input is
 * the text of a rules file, read as `auditctl -R` reads it, then once more
 * on top (as `auditdline list FILE FILE` does: duplicates, -D, a lock that
 * holds), then formatted and evaluated.
 *
 * A first line "#machine=NAME" (a comment to the reader) names the
 * machine whose syscall table rules without arch use; x86_64 otherwise.
 */
#include "fuzz.h"

#define MACHINE_TAG "#machine="

static unsigned pick_machine(const uint8_t *data, size_t size)
{
	size_t tag = sizeof(MACHINE_TAG) - 1, i;

	if (size < tag || memcmp(data, MACHINE_TAG, tag))
		return 0;
	for (i = 0; i < FUZZ_NMACHINES; i++) {
		size_t n = strlen(fuzz_machines[i]);

		if (size - tag >= n && !memcmp(data + tag, fuzz_machines[i], n))
			return (unsigned)i;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct adl_ruleset *rs = fuzz_ruleset(pick_machine(data, size));

	if (!rs)
		return 0;
	adl_load_text(rs, "fuzz.rules", (const char *)data, size);
	adl_load_text(rs, "again.rules", (const char *)data, size);
	fuzz_consume(rs);
	return 0;
}
