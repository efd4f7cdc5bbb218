/*
 * stats.c - the arithmetic behind every figure; see stats.h.
 *
 * Percentages and changes are computed in whole numbers, so that no
 * floating-point artefact reaches a published figure; Wilson intervals
 * are estimates, computed in floating point and rounded at the end.
 * Nothing here knows about surveys or formats.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>

#include "stats.h"

unsigned long long stats_percent_scaled(unsigned long count,
					unsigned long den, int decimals)
{
	unsigned long long num = (unsigned long long)count * 100, q, r;
	int i;

	assert(den > 0 && count <= den);
	assert(decimals >= 0 && decimals <= STATS_MAX_DECIMALS);
	for (i = 0; i < decimals; i++)
		num *= 10;
	q = num / den;
	r = num % den;
	if (r >= den - r)      /* 2r >= den, without overflow: round half up */
		q++;
	return q;
}

const char *stats_fixed(char *buf, size_t size, unsigned long long scaled,
			int decimals)
{
	unsigned long long unit = 1;
	int i;

	for (i = 0; i < decimals; i++)
		unit *= 10;
	if (decimals == 0)
		snprintf(buf, size, "%llu", scaled);
	else
		snprintf(buf, size, "%llu.%0*llu", scaled / unit, decimals,
			 scaled % unit);
	return buf;
}

void stats_wilson(unsigned long count, unsigned long den, int level,
		  double *low, double *high)
{
	/* Two-sided normal quantiles. */
	double z = level == 90 ? 1.6448536269514722 :
		   level == 99 ? 2.5758293035489004 : 1.959963984540054;
	double n = (double)den, p = (double)count / n, z2 = z * z;
	double scale = 1 + z2 / n;
	double centre = (p + z2 / (2 * n)) / scale;
	double half = z / scale * sqrt(p * (1 - p) / n + z2 / (4 * n * n));

	assert(den > 0 && count <= den);
	*low = count == 0 ? 0.0 : centre - half;
	*high = count == den ? 1.0 : centre + half;
	if (*low < 0)
		*low = 0;
	if (*high > 1)
		*high = 1;
}

unsigned long long stats_proportion_scaled(double p, int decimals)
{
	double scaled = p * 100;
	int i;

	for (i = 0; i < decimals; i++)
		scaled *= 10;
	return (unsigned long long)floor(scaled + 0.5);
}

unsigned long long stats_change_scaled(unsigned long before_count,
				       unsigned long before_den,
				       unsigned long after_count,
				       unsigned long after_den,
				       int decimals, int *negative)
{
	/* after/aden - before/bden = (after*bden - before*aden) / (aden*bden) */
	unsigned __int128 a = (unsigned __int128)after_count * before_den;
	unsigned __int128 b = (unsigned __int128)before_count * after_den;
	unsigned __int128 num, den = (unsigned __int128)before_den * after_den;
	unsigned __int128 q, r;
	int i;

	assert(before_den > 0 && after_den > 0);
	*negative = a < b;
	num = (a < b ? b - a : a - b) * 100;
	for (i = 0; i < decimals; i++)
		num *= 10;
	q = num / den;
	r = num % den;
	if (r >= den - r)
		q++;
	if (q == 0)
		*negative = 0;
	return (unsigned long long)q;
}
