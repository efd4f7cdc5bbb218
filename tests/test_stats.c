/*
 * test_stats.c - the arithmetic behind the figures: percentages rounded
 * half away from zero in integers, Wilson intervals against published
 * values, and changes in percentage points.
 */
#include "testutil.h"

#include <math.h>

#include "stats.h"

struct rounding {
	unsigned long count, den;
	int decimals;
	const char *percent;
};

static const struct rounding roundings[] = {
	{ 1, 8, 0, "13" },        /* 12.5: half away from zero */
	{ 3, 8, 0, "38" },        /* 37.5 */
	{ 1, 8, 1, "12.5" },
	{ 1, 16, 1, "6.3" },      /* 6.25 */
	{ 1, 16, 2, "6.25" },
	{ 1, 40, 0, "3" },        /* 2.5 */
	{ 1, 200, 0, "1" },       /* 0.5 */
	{ 1, 201, 0, "0" },       /* 0.497... */
	{ 1, 3, 0, "33" },
	{ 2, 3, 0, "67" },
	{ 1, 3, 3, "33.333" },
	{ 2, 3, 3, "66.667" },
	{ 1, 6, 1, "16.7" },
	{ 0, 5, 0, "0" },
	{ 0, 5, 2, "0.00" },
	{ 5, 5, 0, "100" },
	{ 5, 5, 3, "100.000" },
	{ 2, 34, 0, "6" },        /* the published 2023 figures */
	{ 10, 34, 0, "29" },
	{ 9, 34, 0, "26" },
	{ 4, 34, 0, "12" },
	{ 18, 34, 0, "53" },
	{ 2, 34, 2, "5.88" },
	{ 1, 1000, 1, "0.1" },
	{ 1, 2000, 1, "0.1" },    /* 0.05 */
	{ 1, 2001, 1, "0.0" },
	{ 4294967295UL, 4294967295UL, 3, "100.000" },
	{ 2147483647UL, 4294967295UL, 3, "50.000" },   /* 49.99999998... */
};

static void test_rounding(void **state)
{
	size_t i;
	char buf[32];

	(void)state;
	for (i = 0; i < ARRAY_SIZE(roundings); i++) {
		const struct rounding *r = &roundings[i];
		const char *got = stats_fixed(buf, sizeof buf,
			stats_percent_scaled(r->count, r->den, r->decimals),
			r->decimals);

		if (strcmp(got, r->percent) != 0) {
			print_error("%lu/%lu at %d decimals: %s, wanted %s\n",
				    r->count, r->den, r->decimals, got, r->percent);
			fail();
		}
	}
}

/*
 * Wilson score intervals against published values: Newcombe (1998),
 * "Two-sided confidence intervals for the single proportion", Statistics
 * in Medicine 17, Table I, method 3; and the survey's own 2 of 34.
 */
static void test_wilson(void **state)
{
	static const struct {
		unsigned long count, den;
		int level;
		double low, high;     /* to 4 decimals */
	} cases[] = {
		{ 81, 263, 95, 0.2553, 0.3662 },
		{ 15, 148, 95, 0.0624, 0.1605 },
		{ 0, 20, 95, 0.0000, 0.1611 },
		{ 1, 29, 95, 0.0061, 0.1718 },
		{ 29, 29, 95, 0.8830, 1.0000 },
		{ 2, 34, 95, 0.0163, 0.1909 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		double low, high;

		stats_wilson(cases[i].count, cases[i].den, cases[i].level, &low,
			     &high);
		if (fabs(low - cases[i].low) > 0.00005 ||
		    fabs(high - cases[i].high) > 0.00005) {
			print_error("%lu/%lu: %.5f-%.5f, wanted %.4f-%.4f\n",
				    cases[i].count, cases[i].den, low, high,
				    cases[i].low, cases[i].high);
			fail();
		}
	}
}

/* The ends are exact at 0% and 100%, and wider at higher confidence. */
static void test_wilson_ends_and_levels(void **state)
{
	double low, high, low90, high90, low99, high99;

	(void)state;
	stats_wilson(0, 1, 95, &low, &high);
	assert_true(low == 0.0);
	assert_true(high > 0.79 && high < 0.80);
	stats_wilson(5, 5, 99, &low, &high);
	assert_true(high == 1.0);
	stats_wilson(7, 40, 95, &low, &high);
	stats_wilson(7, 40, 90, &low90, &high90);
	stats_wilson(7, 40, 99, &low99, &high99);
	assert_true(low99 < low && low < low90);
	assert_true(high90 < high && high < high99);
	assert_true(stats_proportion_scaled(0.0163, 1) == 16);
	assert_true(stats_proportion_scaled(0.1909, 1) == 191);
	assert_true(stats_proportion_scaled(1.0, 2) == 10000);
	assert_true(stats_proportion_scaled(0.0, 0) == 0);
}

/* Changes in points, from the counts, rounded as percentages are. */
static void test_change(void **state)
{
	static const struct {
		unsigned long bc, bd, ac, ad;
		int decimals;
		const char *text;      /* with its sign */
	} cases[] = {
		{ 1, 4, 1, 5, 0, "-5" },         /* 25% to 20% */
		{ 1, 4, 2, 5, 0, "+15" },        /* 25% to 40% */
		{ 2, 4, 2, 5, 0, "-10" },
		{ 0, 4, 0, 5, 0, "0" },
		{ 1, 8, 1, 4, 1, "+12.5" },
		{ 1, 3, 2, 3, 2, "+33.33" },
		{ 1, 200, 0, 1, 0, "-1" },        /* -0.5: away from zero */
		{ 1, 201, 0, 1, 0, "0" },         /* -0.497...: no sign */
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char digits[32], got[40];
		int negative;
		unsigned long long q = stats_change_scaled(cases[i].bc,
			cases[i].bd, cases[i].ac, cases[i].ad, cases[i].decimals,
			&negative);

		stats_fixed(digits, sizeof digits, q, cases[i].decimals);
		snprintf(got, sizeof got, "%s%s",
			 q == 0 ? "" : negative ? "-" : "+", digits);
		if (strcmp(got, cases[i].text) != 0) {
			print_error("%lu/%lu to %lu/%lu: %s, wanted %s\n",
				    cases[i].bc, cases[i].bd, cases[i].ac,
				    cases[i].ad, got, cases[i].text);
			fail();
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_wilson),
		cmocka_unit_test(test_wilson_ends_and_levels),
		cmocka_unit_test(test_change),
	};

	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
