/*
 * stats.h - the arithmetic of the figures, apart from how they are shown:
 * percentages in integers with their rounding, Wilson score intervals,
 * and changes in percentage points.
 *
 * Every function is pure: numbers in, numbers (or text) out.
 */
#ifndef FOITAB_STATS_H
#define FOITAB_STATS_H

#include <stddef.h>

#define STATS_MAX_DECIMALS 3

/* How a percentage is rounded to its printed decimals. */
enum stats_rounding {
	STATS_HALF_UP,       /* half away from zero: foitab's own */
	STATS_HALF_EVEN,     /* half to the even digit ("banker's") */
	STATS_TRUNCATE       /* the digits after the last cut off */
};

/*
 * count / den as a percentage times 10^decimals, rounded half away from
 * zero.  `den` must be > 0 and count <= den; decimals 0..3.
 */
unsigned long long stats_percent_scaled(unsigned long count,
					unsigned long den, int decimals);

/* The same, rounded as `how` says. */
unsigned long long stats_percent_rounded(unsigned long count,
					 unsigned long den, int decimals,
					 enum stats_rounding how);

/*
 * The counts out of `den` (> 0) that print as `percent` (a percentage
 * times 10^decimals) when rounded as `how` says: they run from *first to
 * *last.  Returns 1, or 0 when no count does (the two left as they were).
 */
int stats_counts_for(unsigned long long percent, int decimals,
		     unsigned long den, enum stats_rounding how,
		     unsigned long *first, unsigned long *last);

/*
 * The Wilson score interval for count/den (den > 0) at `level` percent
 * confidence (90, 95 or 99), as proportions in [0, 1].  At count 0 the
 * low end is exactly 0, at count == den the high end exactly 1.
 */
void stats_wilson(unsigned long count, unsigned long den, int level,
		  double *low, double *high);

/*
 * Does `den` fit every one of the `n` percentages (percents[i] times
 * 10^decimals[i])?  Returns 1 with each one's counts in first[i] ..
 * last[i], or 0 (the GRIM test of Brown and Heathers, for percentages).
 */
int stats_denominator_fits(const unsigned long long *percents,
			   const int *decimals, size_t n, unsigned long den,
			   enum stats_rounding how, unsigned long *first,
			   unsigned long *last);

/*
 * Newcombe's hybrid score interval (Newcombe 1998, method 10) for the
 * difference of two independent proportions, count1/den1 - count2/den2
 * (both den > 0), at `level` percent (90, 95 or 99): built from the
 * Wilson interval of each.  *low and *high lie in [-1, 1].
 */
void stats_newcombe(unsigned long count1, unsigned long den1,
		    unsigned long count2, unsigned long den2, int level,
		    double *low, double *high);

/*
 * A proportion in [0, 1] as a percentage times 10^decimals, rounded half
 * up (the ends of an interval).
 */
unsigned long long stats_proportion_scaled(double p, int decimals);

/*
 * The change from before_count/before_den to after_count/after_den, in
 * percentage points times 10^decimals, rounded half away from zero; its
 * sign in *negative.  Both denominators must be > 0.
 */
unsigned long long stats_change_scaled(unsigned long before_count,
				       unsigned long before_den,
				       unsigned long after_count,
				       unsigned long after_den,
				       int decimals, int *negative);

/*
 * A signed proportion in [-1, 1] as percentage points times 10^decimals,
 * rounded half away from zero, with its sign in *negative (never set for
 * a zero).
 */
unsigned long long stats_points_scaled(double d, int decimals, int *negative);

/*
 * A percentage as written ("53", "52.9", "12%"): *scaled is it times
 * 10^decimals, *decimals the decimals written.  Returns 0, or -1 when it
 * is not a number from 0 to 100 with at most STATS_MAX_DECIMALS decimals.
 */
int stats_parse_percent(const char *s, unsigned long long *scaled,
			int *decimals);

/* `scaled` / 10^decimals as text ("12", "12.5", "0.333") into `buf`. */
const char *stats_fixed(char *buf, size_t size, unsigned long long scaled,
			int decimals);

#endif
