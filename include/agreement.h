/*
 * agreement.h - how far coders agree: the share of units on which they
 * all agree, Cohen's kappa for two coders, and Krippendorff's alpha for
 * any number, with missing values, nominal or with a distance between
 * values (MASI for sets, Passonneau 2006).
 *
 * The data is a matrix of units (rows) by coders (columns) holding value
 * numbers from 0 to k - 1, or AGREE_MISSING where a coder has no value
 * for a unit.  Every function is pure.
 */
#ifndef FOITAB_AGREEMENT_H
#define FOITAB_AGREEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "bitset.h"

#define AGREE_MISSING (-1L)

/* Why a coefficient has no value; AGREE_DEFINED when it has one. */
enum agree_reason {
	AGREE_DEFINED,
	AGREE_NO_PAIRS,       /* no unit has two or more values */
	AGREE_ONE_VALUE,      /* every value given is the same one */
	AGREE_NO_MEMORY
};

/* The distance between values a and b (0 when a == b), for alpha. */
typedef double (*agree_distance_fn)(long a, long b, void *ctx);

/*
 * Krippendorff's alpha over `units` x `coders` values (row by row) among
 * `k` values, with distance `distance` (NULL: nominal, 1 for any two
 * different values).  Units with fewer than two values are left out, as
 * alpha requires.  Returns AGREE_DEFINED with *alpha set, or why not.
 */
enum agree_reason agree_alpha(const long *values, size_t units,
			      size_t coders, size_t k,
			      agree_distance_fn distance, void *ctx,
			      double *alpha);

/*
 * Cohen's kappa for two coders (values as above, two to a unit), over
 * the units both coded; *observed is their share of agreement there.
 */
enum agree_reason agree_kappa(const long *values, size_t units, size_t k,
			      double *kappa, double *observed);

/*
 * The share of units, of those with at least two values, on which every
 * value is the same; *pairable is how many units had two or more.
 */
double agree_share(const long *values, size_t units, size_t coders,
		   size_t *pairable);

/*
 * The MASI distance between two sets: 1 - J * M, with
 * J the Jaccard index and M 1 for equal sets, 2/3 when one holds the
 * other, 1/3 when they overlap otherwise, 0 when they are disjoint.  Two
 * empty sets are equal (distance 0).
 */
double agree_masi(const struct bitset *a, const struct bitset *b);

#endif
