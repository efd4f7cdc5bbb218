/*
 * test_agreement.c - agreement between coders against published values:
 * Krippendorff's own worked example for alpha, Artstein and Poesio's for
 * kappa, a 2x2 table with kappa 0.4, the MASI distance, and the cases
 * where a coefficient has no value.
 */
#include "testutil.h"

#include <math.h>

#include "agreement.h"

#define M AGREE_MISSING

/*
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
 * section C: 4 observers, 12 units, values 1 to 5 (here 0 to 4), with
 * missing values; nominal alpha 0.743.
 */
static const long krippendorff[12 * 4] = {
	/* A  B  C  D */
	0, 0, M, 0,
	1, 1, 2, 1,
	2, 2, 2, 2,
	2, 2, 2, 2,
	1, 1, 1, 1,
	0, 1, 2, 3,
	3, 3, 3, 3,
	0, 0, 1, 0,
	1, 1, 1, 1,
	M, 4, 4, 4,
	M, M, 0, 0,
	M, 2, M, M,
};

/*
 * Two coders' units from a table of counts: table[a][b] units where the
 * first coder gave a and the second b.
 */
static size_t from_table(const unsigned *table, size_t k, long *values)
{
	size_t a, b, n = 0;
	unsigned i;

	for (a = 0; a < k; a++)
		for (b = 0; b < k; b++)
			for (i = 0; i < table[a * k + b]; i++) {
				values[2 * n] = (long)a;
				values[2 * n + 1] = (long)b;
				n++;
			}
	return n;
}

static void test_alpha_krippendorff(void **state)
{
	double alpha = 0;
	size_t pairable;

	(void)state;
	assert_int_equal(agree_alpha(krippendorff, 12, 4, 5, NULL, NULL,
				     &alpha), AGREE_DEFINED);
	assert_true(fabs(alpha - 0.743) < 0.0005);
	/* Unit 12 has one value: it is left out. */
	agree_share(krippendorff, 12, 4, &pairable);
	assert_int_equal(pairable, 11);
}

struct kappa_case {
	const char *what;
	size_t k;
	unsigned table[9];
	double kappa, observed;
};

static const struct kappa_case kappas[] = {
	/*
	 * Artstein and Poesio (2008), "Inter-coder agreement for
	 * computational linguistics", table 1: statements, information
	 * requests and checks; Ao 0.88, kappa 0.8013.
	 */
	{ "Artstein and Poesio", 3, { 46, 6, 0, 0, 32, 0, 0, 6, 10 },
	  0.8013, 0.88 },
	/* Yes/no, 50 units: Ao 0.7, chance 0.5, kappa 0.4. */
	{ "2x2", 2, { 20, 5, 10, 15 }, 0.4, 0.7 },
	/* Perfect agreement on two values. */
	{ "perfect", 2, { 7, 0, 0, 3 }, 1.0, 1.0 },
	/* Agreement no better than chance. */
	{ "chance", 2, { 25, 25, 25, 25 }, 0.0, 0.5 },
};

static void test_kappa(void **state)
{
	long values[2 * 200];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(kappas); i++) {
		const struct kappa_case *c = &kappas[i];
		size_t n = from_table(c->table, c->k, values);
		double kappa = -9, observed = -9;

		assert_int_equal(agree_kappa(values, n, c->k, &kappa, &observed),
				 AGREE_DEFINED);
		if (fabs(kappa - c->kappa) > 0.00005 ||
		    fabs(observed - c->observed) > 0.00005) {
			print_error("%s: kappa %.5f, Ao %.5f; wanted %.4f, %.4f\n",
				    c->what, kappa, observed, c->kappa,
				    c->observed);
			fail();
		}
	}
}

/* Alpha for two coders, no missing values: Artstein and Poesio's alpha. */
static void test_alpha_two_coders(void **state)
{
	long values[2 * 100];
	size_t n = from_table(kappas[0].table, 3, values);
	double alpha = 0;

	(void)state;
	assert_int_equal(agree_alpha(values, n, 2, 3, NULL, NULL, &alpha),
			 AGREE_DEFINED);
	/* pi is 0.7995; alpha corrects it for the sample: 1 - 199/200 ... */
	assert_true(fabs(alpha - (1 - 199.0 * 0.12 / (200 * 0.5986))) < 0.0005);
}

/* No value, and why. */
static void test_undefined(void **state)
{
	static const long one_value[] = { 2, 2, 2, 2, 2, M };
	static const long no_pairs[] = { 0, M, M, 1, M, M };
	static const long kappa_one[] = { 1, 1, 1, 1 };
	double x = 123, y = 456;

	(void)state;
	assert_int_equal(agree_alpha(one_value, 3, 2, 3, NULL, NULL, &x),
			 AGREE_ONE_VALUE);
	assert_int_equal(agree_alpha(no_pairs, 3, 2, 2, NULL, NULL, &x),
			 AGREE_NO_PAIRS);
	assert_int_equal(agree_kappa(kappa_one, 2, 2, &x, &y), AGREE_ONE_VALUE);
	assert_int_equal(agree_kappa(no_pairs, 3, 2, &x, &y), AGREE_NO_PAIRS);
	assert_true(x == 123);    /* left alone */
}

/* MASI (Passonneau 2006) for sets as bit masks. */
static void test_masi(void **state)
{
	static const struct {
		uint64_t a, b;          /* the sets' first words */
		double distance;
	} cases[] = {
		{ 0x1, 0x1, 0.0 },
		{ 0x0, 0x0, 0.0 },
		{ 0x1, 0x3, 1 - 0.5 * 2 / 3.0 },        /* subset */
		{ 0x3, 0x1, 1 - 0.5 * 2 / 3.0 },
		{ 0x3, 0x6, 1 - (1 / 3.0) * (1 / 3.0) }, /* overlap */
		{ 0x1, 0x2, 1.0 },                      /* disjoint */
		{ 0x0, 0x2, 1.0 },
		{ 0x7, 0xF, 1 - 0.75 * 2 / 3.0 },
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		for (k = 0; k < BITSET_WORDS; k++) {
			/* The same sets in each word: far values count alike. */
			struct bitset a, b;

			bitset_clear(&a);
			bitset_clear(&b);
			a.w[k] = cases[i].a;
			b.w[k] = cases[i].b;
			assert_true(fabs(agree_masi(&a, &b) -
					 cases[i].distance) < 1e-12);
		}
}

/* With a distance: sets coded by two coders, near misses count less. */
static struct bitset sets[] = {
	{ { 0x1 } }, { { 0x3 } }, { { 0x2 } }, { { 0x4 } }
};

static double masi_of(long a, long b, void *ctx)
{
	const struct bitset *s = ctx;

	return agree_masi(&s[a], &s[b]);
}

static void test_alpha_distance(void **state)
{
	/* Unit by unit: {a}/{a,b}, {b}/{b}, {c}/{c}, {a}/{a}, {a,b}/{a,b}. */
	static const long near[] = { 0, 1, 2, 2, 3, 3, 0, 0, 1, 1 };
	/* The same with the near miss made a clash: {a}/{c}. */
	static const long far[] = { 0, 3, 2, 2, 3, 3, 0, 0, 1, 1 };
	double with_masi, nominal, clash;

	(void)state;
	assert_int_equal(agree_alpha(near, 5, 2, 4, masi_of, sets, &with_masi),
			 AGREE_DEFINED);
	assert_int_equal(agree_alpha(near, 5, 2, 4, NULL, NULL, &nominal),
			 AGREE_DEFINED);
	assert_int_equal(agree_alpha(far, 5, 2, 4, masi_of, sets, &clash),
			 AGREE_DEFINED);
	assert_true(with_masi > nominal);
	assert_true(with_masi > clash);
	assert_true(with_masi < 1.0);
}

static void test_share(void **state)
{
	static const long v[] = { 0, 0, 0, 1, M, 1, M, M, 2, 2 };
	size_t pairable;

	(void)state;
	/* Units 1 and 5 agree, unit 2 does not; 3 and 4 have one value. */
	assert_true(fabs(agree_share(v, 5, 2, &pairable) - 2 / 3.0) < 1e-12);
	assert_int_equal(pairable, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alpha_krippendorff),
		cmocka_unit_test(test_kappa),
		cmocka_unit_test(test_alpha_two_coders),
		cmocka_unit_test(test_undefined),
		cmocka_unit_test(test_masi),
		cmocka_unit_test(test_alpha_distance),
		cmocka_unit_test(test_share),
	};

	return cmocka_run_group_tests_name("agreement", tests, NULL, NULL);
}
