/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * diff.c - a unified diff of two listings, as `diff -u` prints it: the
 * edit script by longest common subsequence after trimming what both
 * ends share, hunks with three lines of context.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

struct lines {
	char **v;
	size_t n;
};

static void split_lines(char *s, struct lines *l)
{
	size_t cap = 0;

	l->n = 0;
	l->v = NULL;
	while (s && *s) {
		char *nl = strchr(s, '\n');

		if (adl_grow(&l->v, &cap, l->n + 1, sizeof(*l->v)) != ADL_OK)
			break;
		l->v[l->n++] = s;
		if (!nl)
			break;
		*nl = '\0';
		s = nl + 1;
	}
}

/* Edit script by longest common subsequence, after trimming what both
 * ends share; ops: ' ' keep, '-' only in a, '+' only in b. */
static char *edit_script(const struct lines *a, const struct lines *b,
			 size_t *nops)
{
	size_t pre = 0, suf = 0, n, m, i, j, k = 0;
	char *ops = malloc(a->n + b->n + 1);
	unsigned *t = NULL;

	if (!ops)
		return NULL;
	while (pre < a->n && pre < b->n && !strcmp(a->v[pre], b->v[pre]))
		pre++;
	while (suf < a->n - pre && suf < b->n - pre &&
	       !strcmp(a->v[a->n - 1 - suf], b->v[b->n - 1 - suf]))
		suf++;
	n = a->n - pre - suf;
	m = b->n - pre - suf;
	for (i = 0; i < pre; i++)
		ops[k++] = ' ';
	if (n && m && n * m <= 4000000)
		t = calloc((n + 1) * (m + 1), sizeof(*t));
	if (t) {
#define T(x, y) t[(x) * (m + 1) + (y)]
		for (i = n; i-- > 0;)
			for (j = m; j-- > 0;)
				T(i, j) = !strcmp(a->v[pre + i], b->v[pre + j])
						  ? T(i + 1, j + 1) + 1
					  : T(i + 1, j) > T(i, j + 1)
						  ? T(i + 1, j)
						  : T(i, j + 1);
		for (i = 0, j = 0; i < n || j < m;) {
			if (i < n && j < m &&
			    !strcmp(a->v[pre + i], b->v[pre + j])) {
				ops[k++] = ' ';
				i++;
				j++;
			} else if (j < m &&
				   (i == n || T(i, j + 1) >= T(i + 1, j))) {
				ops[k++] = '+';
				j++;
			} else {
				ops[k++] = '-';
				i++;
			}
		}
#undef T
		free(t);
	} else {
		for (i = 0; i < n; i++)
			ops[k++] = '-';
		for (j = 0; j < m; j++)
			ops[k++] = '+';
	}
	for (i = 0; i < suf; i++)
		ops[k++] = ' ';
	/* every line of a and of b in one op at most: ops has room */
	ADL_ASSERT(k <= a->n + b->n);
	*nops = k;
	return ops;
}

#define CONTEXT 3

static void print_unified(const char *aname, const char *bname,
			  const struct lines *a, const struct lines *b,
			  const char *ops, size_t nops)
{
	size_t k = 0, ai = 0, bi = 0;

	printf("--- %s\n+++ %s\n", aname, bname);
	while (k < nops) {
		size_t start, end, last, x, an = 0, bn = 0, sa, sb, kk;

		if (ops[k] == ' ') {
			k++;
			ai++;
			bi++;
			continue;
		}
		/* a hunk: back up for context, run on while changes are near */
		start = k >= CONTEXT ? k - CONTEXT : 0;
		sa = ai - (k - start);
		sb = bi - (k - start);
		last = k;
		for (x = k; x < nops; x++) {
			if (ops[x] != ' ')
				last = x;
			else if (x - last > 2 * CONTEXT)
				break;
		}
		end = last + CONTEXT + 1 < nops ? last + CONTEXT + 1 : nops;
		for (kk = start; kk < end; kk++) {
			if (ops[kk] != '+')
				an++;
			if (ops[kk] != '-')
				bn++;
		}
		printf("@@ -%zu,%zu +%zu,%zu @@\n", an ? sa + 1 : sa, an,
		       bn ? sb + 1 : sb, bn);
		for (kk = start; kk < end; kk++) {
			ADL_ASSERT(sa <= a->n && sb <= b->n);
			if (ops[kk] == ' ') {
				printf(" %s\n", a->v[sa++]);
				sb++;
			} else if (ops[kk] == '-')
				printf("-%s\n", a->v[sa++]);
			else
				printf("+%s\n", b->v[sb++]);
		}
		for (kk = k; kk < end; kk++) {
			if (ops[kk] != '+')
				ai++;
			if (ops[kk] != '-')
				bi++;
		}
		k = end;
	}
}

bool diff_print(const char *aname, const char *bname, char *a, char *b)
{
	struct lines la, lb;
	size_t nops;
	char *ops;
	bool differ = true;

	split_lines(a, &la);
	split_lines(b, &lb);
	ops = edit_script(&la, &lb, &nops);
	if (ops && memchr(ops, '-', nops) == NULL &&
	    memchr(ops, '+', nops) == NULL)
		differ = false;
	else if (ops)
		print_unified(aname, bname, &la, &lb, ops, nops);
	free(ops);
	free(la.v);
	free(lb.v);
	return differ;
}
