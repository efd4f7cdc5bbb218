/*
 * agreement.c - agreement between coders; see agreement.h.
 *
 * Krippendorff's alpha is computed from the coincidence matrix, as in
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": each
 * unit with m >= 2 values adds, for every ordered pair of its values
 * from different coders, 1 / (m - 1) to the pair's cell.  Then
 *
 *     alpha = 1 - (n - 1) * sum(o[c][k] * d(c, k)) / sum(n_c * n_k * d(c, k))
 *
 * with n_c the row sums of the matrix and n their total.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "mem.h"

static double nominal(long a, long b, void *ctx)
{
	(void)ctx;
	return a == b ? 0.0 : 1.0;
}

enum agree_reason agree_alpha(const long *values, size_t units,
			      size_t coders, size_t k,
			      agree_distance_fn distance, void *ctx,
			      double *alpha)
{
	double *o, *n_c, n = 0, observed = 0, expected = 0;
	size_t u, i, j, c, used = 0;

	if (!distance)
		distance = nominal;
	if (k == 0)
		return AGREE_NO_PAIRS;
	/* k is a column's values, at most 64: a guard no input reaches. */
	if (k > ((size_t)-1 / sizeof *o) / k) /* GCOVR_EXCL_BR_LINE */
		return AGREE_NO_MEMORY;
	o = mem_realloc_array(NULL, k * k, sizeof *o);
	n_c = mem_realloc_array(NULL, k, sizeof *n_c);
	if (!o || !n_c) {
		mem_free(o);
		mem_free(n_c);
		return AGREE_NO_MEMORY;
	}
	memset(o, 0, k * k * sizeof *o);
	memset(n_c, 0, k * sizeof *n_c);
	for (u = 0; u < units; u++) {
		const long *row = values + u * coders;
		size_t m = 0;

		for (i = 0; i < coders; i++)
			if (row[i] != AGREE_MISSING)
				m++;
		if (m < 2)
			continue;
		used++;
		for (i = 0; i < coders; i++)
			for (j = 0; j < coders; j++)
				if (i != j && row[i] != AGREE_MISSING &&
				    row[j] != AGREE_MISSING) {
					assert((size_t)row[i] < k &&
					       (size_t)row[j] < k);
					o[(size_t)row[i] * k + (size_t)row[j]] +=
						1.0 / (double)(m - 1);
				}
	}
	for (c = 0; c < k; c++)
		for (j = 0; j < k; j++)
			n_c[c] += o[c * k + j];
	for (c = 0; c < k; c++)
		n += n_c[c];
	for (c = 0; c < k; c++)
		for (j = 0; j < k; j++) {
			double d = c == j ? 0.0 : distance((long)c, (long)j, ctx);

			observed += o[c * k + j] * d;
			expected += n_c[c] * n_c[j] * d;
		}
	mem_free(o);
	mem_free(n_c);
	if (used == 0)
		return AGREE_NO_PAIRS;
	if (expected <= 0)
		return AGREE_ONE_VALUE;
	*alpha = 1.0 - (n - 1) * observed / expected;
	return AGREE_DEFINED;
}

enum agree_reason agree_kappa(const long *values, size_t units, size_t k,
			      double *kappa, double *observed)
{
	size_t *a, *b, u, c, both = 0, same = 0;
	double expected = 0, po;

	a = mem_realloc_array(NULL, k ? k : 1, sizeof *a);
	b = mem_realloc_array(NULL, k ? k : 1, sizeof *b);
	if (!a || !b) {
		mem_free(a);
		mem_free(b);
		return AGREE_NO_MEMORY;
	}
	memset(a, 0, (k ? k : 1) * sizeof *a);
	memset(b, 0, (k ? k : 1) * sizeof *b);
	for (u = 0; u < units; u++) {
		long x = values[2 * u], y = values[2 * u + 1];

		if (x == AGREE_MISSING || y == AGREE_MISSING)
			continue;
		assert((size_t)x < k && (size_t)y < k);
		both++;
		same += x == y;
		a[x]++;
		b[y]++;
	}
	for (c = 0; c < k && both; c++)
		expected += ((double)a[c] / (double)both) *
			    ((double)b[c] / (double)both);
	mem_free(a);
	mem_free(b);
	if (both == 0)
		return AGREE_NO_PAIRS;
	po = (double)same / (double)both;
	*observed = po;
	if (expected >= 1.0)
		return AGREE_ONE_VALUE;
	*kappa = (po - expected) / (1.0 - expected);
	return AGREE_DEFINED;
}

double agree_share(const long *values, size_t units, size_t coders,
		   size_t *pairable)
{
	size_t u, i, agree = 0;

	*pairable = 0;
	for (u = 0; u < units; u++) {
		const long *row = values + u * coders;
		long first = AGREE_MISSING;
		size_t m = 0;
		int same = 1;

		for (i = 0; i < coders; i++) {
			if (row[i] == AGREE_MISSING)
				continue;
			if (m++ == 0)
				first = row[i];
			else if (row[i] != first)
				same = 0;
		}
		if (m < 2)
			continue;
		(*pairable)++;
		agree += same;
	}
	return *pairable ? (double)agree / (double)*pairable : 0.0;
}

double agree_masi(const struct bitset *a, const struct bitset *b)
{
	unsigned both = bitset_count_both(a, b);
	unsigned either = bitset_count(a) + bitset_count(b) - both;
	double jaccard, monotonicity;

	if (bitset_equal(a, b))
		return 0.0;
	if (both == 0)
		return 1.0;
	jaccard = (double)both / (double)either;
	monotonicity = bitset_within(a, b) || bitset_within(b, a) ?
		       2.0 / 3.0 : 1.0 / 3.0;
	return 1.0 - jaccard * monotonicity;
}
