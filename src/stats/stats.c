/*
 * stats.c - the arithmetic behind every figure; see stats.h.
 *
 * Percentages and changes are computed in whole numbers, so that no
 * floating-point artefact reaches a published figure; Wilson intervals
 * are estimates, computed in floating point and rounded at the end.
 * Nothing here knows about surveys or formats.
 */
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>

#include "stats.h"

unsigned long long stats_percent_rounded(unsigned long count,
					 unsigned long den, int decimals,
					 enum stats_rounding how)
{
	unsigned long long num = (unsigned long long)count * 100, q, r;
	int i;

	assert(den > 0 && count <= den);
	assert(decimals >= 0 && decimals <= STATS_MAX_DECIMALS);
	for (i = 0; i < decimals; i++)
		num *= 10;
	q = num / den;
	r = num % den;
	/* r against den - r is 2r against den, without overflow. */
	switch (how) {
	case STATS_HALF_UP:
		if (r >= den - r)
			q++;
		break;
	case STATS_HALF_EVEN:
		if (r > den - r || (r == den - r && r && q % 2 == 1))
			q++;
		break;
	case STATS_TRUNCATE:
		break;
	}
	return q;
}

unsigned long long stats_percent_scaled(unsigned long count,
					unsigned long den, int decimals)
{
	return stats_percent_rounded(count, den, decimals, STATS_HALF_UP);
}

int stats_counts_for(unsigned long long percent, int decimals,
		     unsigned long den, enum stats_rounding how,
		     unsigned long *first, unsigned long *last)
{
	unsigned long lo = 0, hi = den, mid, a;

	assert(den > 0);
	/* The rounded percentage never falls as the count grows: the
	 * first count that reaches `percent`, by bisection ... */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (stats_percent_rounded(mid, den, decimals, how) < percent)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (stats_percent_rounded(lo, den, decimals, how) != percent)
		return 0;
	a = lo;
	/* ... and the first that passes it. */
	hi = den;
	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (stats_percent_rounded(mid, den, decimals, how) > percent)
			hi = mid - 1;
		else
			lo = mid;
	}
	*first = a;
	*last = lo;
	return 1;
}

int stats_parse_percent(const char *s, unsigned long long *scaled,
			int *decimals)
{
	unsigned long long whole = 0, frac = 0;
	int digits = 0, d = 0, i;

	for (; isdigit((unsigned char)*s); s++, digits++)
		if ((whole = whole * 10 + (unsigned long long)(*s - '0')) > 100)
			return -1;
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++, d++) {
			if (d == STATS_MAX_DECIMALS)
				return -1;
			frac = frac * 10 + (unsigned long long)(*s - '0');
		}
		if (d == 0)
			return -1;
	}
	if (*s == '%')
		s++;
	if (*s || digits == 0 || (whole == 100 && frac))
		return -1;
	*scaled = whole;
	for (i = 0; i < d; i++)
		*scaled *= 10;
	*scaled += frac;
	*decimals = d;
	return 0;
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

int stats_denominator_fits(const unsigned long long *percents,
			   const int *decimals, size_t n, unsigned long den,
			   enum stats_rounding how, unsigned long *first,
			   unsigned long *last)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!stats_counts_for(percents[i], decimals[i], den, how,
				      &first[i], &last[i]))
			return 0;
	return 1;
}

void stats_newcombe(unsigned long count1, unsigned long den1,
		    unsigned long count2, unsigned long den2, int level,
		    double *low, double *high)
{
	double l1, u1, l2, u2;
	double p1 = (double)count1 / (double)den1;
	double p2 = (double)count2 / (double)den2;

	assert(den1 > 0 && den2 > 0);
	stats_wilson(count1, den1, level, &l1, &u1);
	stats_wilson(count2, den2, level, &l2, &u2);
	*low = p1 - p2 - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
	*high = p1 - p2 + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
	if (*low < -1)
		*low = -1;
	if (*high > 1)
		*high = 1;
}

unsigned long long stats_points_scaled(double d, int decimals, int *negative)
{
	unsigned long long q = stats_proportion_scaled(fabs(d), decimals);

	*negative = d < 0 && q > 0;
	return q;
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
