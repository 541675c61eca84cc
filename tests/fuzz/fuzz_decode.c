/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz_decode.c - libFuzzer harness of the kernel-rule decoder
 * (adl_add_kernel_rule): arbitrary bytes as struct audit_rule_data, any
 * field_count, buflen, string lengths and message length, several rules
 * into one rule set, then formatted and evaluated.
 *
 * Input: one byte choosing the machine, then records, each a 16-bit
 * little-endian length and that many bytes (fewer when the input ends
 * first). Each record is copied into a buffer of exactly its length, as
 * the kernel's message is one, so that any read past it is caught.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct adl_ruleset *rs;
	uint32_t position = 0;
	size_t pos = 1;

	if (size < 1)
		return 0;
	rs = fuzz_ruleset(data[0]);
	if (!rs)
		return 0;
	while (pos + 2 <= size) {
		size_t len = (size_t)data[pos] | (size_t)data[pos + 1] << 8;
		void *rule;

		pos += 2;
		if (len > size - pos)
			len = size - pos;
		rule = malloc(len ? len : 1);
		if (!rule)
			break;
		memcpy(rule, data + pos, len);
		pos += len;
		adl_add_kernel_rule(rs, rule, len, ++position);
		free(rule);
	}
	fuzz_consume(rs);
	return 0;
}
