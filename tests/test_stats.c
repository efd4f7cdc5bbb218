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

/* The three roundings publications use. */
static void test_rounding_modes(void **state)
{
	static const struct {
		unsigned long count, den;
		int decimals;
		enum stats_rounding how;
		unsigned long long scaled;
	} cases[] = {
		{ 1, 8, 0, STATS_HALF_UP, 13 },      /* 12.5 */
		{ 1, 8, 0, STATS_HALF_EVEN, 12 },
		{ 3, 8, 0, STATS_HALF_EVEN, 38 },    /* 37.5 */
		{ 1, 8, 0, STATS_TRUNCATE, 12 },
		{ 7, 8, 0, STATS_TRUNCATE, 87 },     /* 87.5 */
		{ 2, 3, 0, STATS_TRUNCATE, 66 },
		{ 2, 3, 0, STATS_HALF_EVEN, 67 },
		{ 1, 16, 1, STATS_HALF_EVEN, 62 },   /* 6.25 */
		{ 3, 16, 1, STATS_HALF_EVEN, 188 },  /* 18.75 */
		{ 0, 7, 2, STATS_HALF_EVEN, 0 },
		{ 7, 7, 2, STATS_TRUNCATE, 10000 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned long long got = stats_percent_rounded(cases[i].count,
			cases[i].den, cases[i].decimals, cases[i].how);

		if (got != cases[i].scaled) {
			print_error("%lu/%lu (%d): %llu, wanted %llu\n",
				    cases[i].count, cases[i].den, (int)cases[i].how,
				    got, cases[i].scaled);
			fail();
		}
	}
}

/*
 * Denominators behind published percentages: the 2023 figures fit 34
 * and no other count from 20 to 50, with the counts 2, 10, 2, 9, 4, 18.
 */
static void test_denominators(void **state)
{
	static const unsigned long long published[] = { 6, 29, 6, 26, 12, 53 };
	static const int whole[] = { 0, 0, 0, 0, 0, 0 };
	static const unsigned long counts[] = { 2, 10, 2, 9, 4, 18 };
	static const struct {
		unsigned long long percent;
		int decimals;
		unsigned long den;
		enum stats_rounding how;
		int fits;
		unsigned long first, last;
	} cases[] = {
		{ 50, 0, 3, STATS_HALF_UP, 0, 0, 0 },      /* 33, 67 only */
		{ 33, 0, 3, STATS_HALF_UP, 1, 1, 1 },
		{ 6, 0, 200, STATS_HALF_UP, 1, 11, 12 },   /* 5.5 to 6.49 */
		{ 6, 0, 200, STATS_TRUNCATE, 1, 12, 13 },  /* 6.0 to 6.99 */
		{ 6, 0, 200, STATS_HALF_EVEN, 1, 11, 13 }, /* 5.5 and 6.5 go to 6 */
		{ 13, 0, 8, STATS_HALF_UP, 1, 1, 1 },      /* 12.5 */
		{ 13, 0, 8, STATS_HALF_EVEN, 0, 0, 0 },    /* 12.5 is 12 */
		{ 0, 0, 1000, STATS_HALF_UP, 1, 0, 4 },
		{ 100, 0, 1000, STATS_HALF_UP, 1, 995, 1000 },
		{ 1000, 1, 7, STATS_HALF_UP, 1, 7, 7 },
		{ 529, 1, 34, STATS_HALF_UP, 1, 18, 18 },  /* 52.9% */
		{ 530, 1, 34, STATS_HALF_UP, 0, 0, 0 },
	};
	unsigned long first[6], last[6], den;
	size_t i, fitting = 0;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned long a = 0, b = 0;
		int fits = stats_counts_for(cases[i].percent, cases[i].decimals,
					    cases[i].den, cases[i].how, &a, &b);

		if (fits != cases[i].fits || (fits && (a != cases[i].first ||
							b != cases[i].last))) {
			print_error("%llu over %lu: %d %lu-%lu, wanted %d "
				    "%lu-%lu\n", cases[i].percent, cases[i].den,
				    fits, a, b, cases[i].fits, cases[i].first,
				    cases[i].last);
			fail();
		}
	}
	for (den = 20; den <= 50; den++)
		if (stats_denominator_fits(published, whole, 6, den, STATS_HALF_UP,
					   first, last)) {
			fitting++;
			assert_int_equal(den, 34);
			for (i = 0; i < 6; i++) {
				assert_int_equal(first[i], counts[i]);
				assert_int_equal(last[i], counts[i]);
			}
		}
	assert_int_equal(fitting, 1);
	/* 35, as the write-up says: 12% and 53% cannot be. */
	assert_false(stats_counts_for(12, 0, 35, STATS_HALF_UP, first, last));
	assert_false(stats_counts_for(53, 0, 35, STATS_HALF_UP, first, last));
	/* At whole percentages every denominator of 100 or more fits. */
	for (den = 100; den <= 400; den++)
		assert_true(stats_denominator_fits(published, whole, 6, den,
						   STATS_HALF_UP, first, last));
}

/*
 * Newcombe (1998), "Interval estimation for the difference between
 * independent proportions", Statistics in Medicine 17, Table II, method
 * 10 (the hybrid score interval, no continuity correction).
 */
static void test_newcombe(void **state)
{
	static const struct {
		unsigned long c1, n1, c2, n2;
		double low, high;
	} cases[] = {
		{ 56, 70, 48, 80, 0.0524, 0.3339 },
		{ 9, 10, 3, 10, 0.1705, 0.8090 },
		{ 5, 56, 0, 29, -0.0381, 0.1926 },
		{ 0, 10, 0, 20, -0.1611, 0.2775 },
		{ 0, 10, 0, 10, -0.2775, 0.2775 },
		{ 10, 10, 0, 20, 0.6791, 1.0000 },
		{ 10, 10, 0, 10, 0.6075, 1.0000 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		double low, high;

		stats_newcombe(cases[i].c1, cases[i].n1, cases[i].c2, cases[i].n2,
			       95, &low, &high);
		if (fabs(low - cases[i].low) > 0.00005 ||
		    fabs(high - cases[i].high) > 0.00005) {
			print_error("%lu/%lu - %lu/%lu: %.5f to %.5f, wanted "
				    "%.4f to %.4f\n", cases[i].c1, cases[i].n1,
				    cases[i].c2, cases[i].n2, low, high,
				    cases[i].low, cases[i].high);
			fail();
		}
	}
}

/* Signed points, rounded half away from zero, no "-0". */
static void test_points(void **state)
{
	int negative;

	(void)state;
	assert_int_equal(stats_points_scaled(0.0524, 1, &negative), 52);
	assert_false(negative);
	assert_int_equal(stats_points_scaled(-0.0381, 1, &negative), 38);
	assert_true(negative);
	assert_int_equal(stats_points_scaled(-0.001, 0, &negative), 0);
	assert_false(negative);
	assert_int_equal(stats_points_scaled(-1.0, 0, &negative), 100);
	assert_true(negative);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rounding_modes),
		cmocka_unit_test(test_denominators),
		cmocka_unit_test(test_newcombe),
		cmocka_unit_test(test_points),
		cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_wilson),
		cmocka_unit_test(test_wilson_ends_and_levels),
		cmocka_unit_test(test_change),
	};

	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
