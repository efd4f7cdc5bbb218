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

/*
 * count / den as a percentage times 10^decimals, rounded half away from
 * zero.  `den` must be > 0 and count <= den; decimals 0..3.
 */
unsigned long long stats_percent_scaled(unsigned long count,
					unsigned long den, int decimals);

/*
 * The Wilson score interval for count/den (den > 0) at `level` percent
 * confidence (90, 95 or 99), as proportions in [0, 1].  At count 0 the
 * low end is exactly 0, at count == den the high end exactly 1.
 */
void stats_wilson(unsigned long count, unsigned long den, int level,
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

/* `scaled` / 10^decimals as text ("12", "12.5", "0.333") into `buf`. */
const char *stats_fixed(char *buf, size_t size, unsigned long long scaled,
			int decimals);

#endif
