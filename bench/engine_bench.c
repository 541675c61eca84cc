/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * engine_bench - the engine alone, for `make bench`: how many rule lines
 * adl_load_text parses a second on one thread (the text already in
 * memory: no file I/O, but the stat() calls that auditctl's watch checks
 * make are part of parsing), how long adl_evaluate takes, and how many
 * bytes the rule set holds per rule.
 *
 * Parsing a watch (-w, -F path=, -F exe=) calls stat() as auditctl and the
 * kernel do: whether the path is a directory, whether its parent exists.
 * That is the kernel's path lookup, not the engine's work: this program's
 * stat() (it takes the place of libc's for the engine linked into it)
 * counts the calls and their time, and the rate without them is printed
 * too.
 *
 * Usage: engine_bench FILE [REPEATS]
 * Prints one "key<TAB>value" line per number (bench/table.awk reads them).
 *
 * Bytes are counted with glibc's mallinfo2(): the heap in use after the
 * load minus before it, so allocator headers and the slack of grown arrays
 * count. The breakdown says where they are: the rule array, each rule's
 * field and string blocks (malloc_usable_size plus the 8-byte header: the
 * strings block and the reason, if any), and the rest (interned syscall
 * masks, the duplicate index, file names, errors).
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "adl.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t stat_calls;
static double stat_seconds;

int stat(const char *restrict path, struct stat *restrict st)
{
	double t0 = now();
	int rc = fstatat(AT_FDCWD, path, st, 0);

	stat_seconds += now() - t0;
	stat_calls++;
	return rc;
}

static char *read_file(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) != 0) {
		fprintf(stderr, "engine_bench: %s: %s\n", path,
			strerror(errno));
		exit(2);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		exit(2);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n <= 0) {
			fprintf(stderr, "engine_bench: %s: short read\n", path);
			exit(2);
		}
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return buf;
}

static size_t count_lines(const char *buf, size_t len, size_t *rule_lines)
{
	size_t lines = 0, rules = 0, i;
	bool start = true;

	for (i = 0; i < len; i++) {
		if (start && buf[i] == '-' && i + 1 < len &&
		    (buf[i + 1] == 'a' || buf[i + 1] == 'w'))
			rules++;
		start = buf[i] == '\n';
		lines += start;
	}
	*rule_lines = rules;
	return lines;
}

static size_t block(const void *p)
{
	return p ? malloc_usable_size((void *)p) + sizeof(size_t) : 0;
}

int main(int argc, char **argv)
{
	size_t len, lines, rule_lines, nrules = 0, i;
	int repeats = argc > 2 ? atoi(argv[2]) : 5;
	double best = 1e9, best_eval = 1e9, best_stat = 0;
	size_t best_stats = 0;
	struct mallinfo2 before, after;
	size_t fields = 0, strings = 0, array, heap;
	struct adl_ruleset *rs;
	char *buf;

	if (argc < 2 || repeats < 1) {
		fprintf(stderr, "usage: engine_bench FILE [REPEATS]\n");
		return 2;
	}
	buf = read_file(argv[1], &len);
	lines = count_lines(buf, len, &rule_lines);

	for (int r = 0; r < repeats; r++) {
		double t0, t1, t2;
		int rc;

		rs = adl_ruleset_new(-1);
		if (!rs)
			return 2;
		stat_calls = 0;
		stat_seconds = 0;
		t0 = now();
		rc = adl_load_text(rs, argv[1], buf, len);
		t1 = now();
		adl_evaluate(rs);
		t2 = now();
		if (rc != ADL_OK || adl_ruleset_nerrors(rs)) {
			const struct adl_error *e = adl_ruleset_error(rs, 0);

			fprintf(stderr, "engine_bench: %s:%u: %s\n", argv[1],
				e ? e->line : 0,
				e ? e->message : "load failed");
			return 1;
		}
		nrules = adl_ruleset_count(rs);
		if (t1 - t0 < best) {
			best = t1 - t0;
			best_stat = stat_seconds;
			best_stats = stat_calls;
		}
		if (t2 - t1 < best_eval)
			best_eval = t2 - t1;
		adl_ruleset_free(rs);
	}

	/* Memory: one more load, measured and kept until counted. */
	malloc_trim(0);
	before = mallinfo2();
	rs = adl_ruleset_new(-1);
	if (!rs || adl_load_text(rs, argv[1], buf, len) != ADL_OK)
		return 1;
	after = mallinfo2();
	heap = after.uordblks - before.uordblks;
	/* the rules live in one array: its first rule is the block's start */
	array = block(adl_ruleset_rule(rs, 0));
	for (i = 0; i < adl_ruleset_count(rs); i++) {
		const struct adl_rule *r = adl_ruleset_rule(rs, i);

		fields += block(r->fields);
		strings += block(r->strings) + block(r->reason);
	}

	printf("file\t%s\n", argv[1]);
	printf("bytes\t%zu\n", len);
	printf("lines\t%zu\n", lines);
	printf("rule_lines\t%zu\n", rule_lines);
	printf("rules\t%zu\n", nrules);
	printf("repeats\t%d\n", repeats);
	printf("parse_best_s\t%.6f\n", best);
	printf("lines_per_s\t%.0f\n", (double)rule_lines / best);
	printf("stat_calls\t%zu\n", best_stats);
	printf("stat_s\t%.6f\n", best_stat);
	printf("lines_per_s_without_stat\t%.0f\n",
	       (double)rule_lines / (best - best_stat));
	printf("evaluate_best_s\t%.6f\n", best_eval);
	printf("heap_bytes\t%zu\n", heap);
	printf("bytes_per_rule\t%.1f\n", (double)heap / (double)nrules);
	printf("rule_struct_bytes\t%zu\n", sizeof(struct adl_rule));
	printf("array_bytes_per_rule\t%.1f\n", (double)array / (double)nrules);
	printf("fields_bytes_per_rule\t%.1f\n",
	       (double)fields / (double)nrules);
	printf("strings_bytes_per_rule\t%.1f\n",
	       (double)strings / (double)nrules);
	printf("rest_bytes_per_rule\t%.1f\n",
	       ((double)heap - (double)array - (double)fields -
		(double)strings) /
		       (double)nrules);
	adl_ruleset_free(rs);
	free(buf);
	return 0;
}
