/* test_number.c - figures as people write them, held exactly. */
#include "testutil.h"

#include "number.h"

static void test_parse(void **state)
{
	static const struct {
		const char *in;
		enum number_error error;
		const char *out;      /* number_text(), ungrouped */
	} cases[] = {
		{ "12", NUMBER_OK, "12" },
		{ "0.5", NUMBER_OK, "0.5" },
		{ ".5", NUMBER_OK, "0.5" },
		{ "5.", NUMBER_OK, "5" },
		{ "-3", NUMBER_OK, "-3" },
		{ "+3", NUMBER_OK, "3" },
		{ "\xe2\x88\x92" "3", NUMBER_OK, "-3" },       /* U+2212 */
		{ "1,234", NUMBER_OK, "1234" },
		{ "34,295", NUMBER_OK, "34295" },
		{ "1,234,567.25", NUMBER_OK, "1234567.25" },
		{ "1 234", NUMBER_OK, "1234" },
		{ "1\xc2\xa0" "234", NUMBER_OK, "1234" },      /* no-break */
		{ "1\xe2\x80\xaf" "234", NUMBER_OK, "1234" },  /* narrow */
		{ "\xc2\xa3" "1,234.50", NUMBER_OK, "1234.50" },
		{ "-\xc2\xa3" "5", NUMBER_OK, "-5" },
		{ "\xc2\xa3-5", NUMBER_OK, "-5" },
		{ "$7", NUMBER_OK, "7" },
		{ "\xe2\x82\xac" "7.5", NUMBER_OK, "7.5" },
		{ "12%", NUMBER_OK, "12" },
		{ "12.5%", NUMBER_OK, "12.5" },
		{ "1e-05", NUMBER_OK, "0.00001" },
		{ "1.5E3", NUMBER_OK, "1500" },
		{ "2.5e1", NUMBER_OK, "25" },
		{ "0.000000001", NUMBER_OK, "0.000000001" },
		{ "9223372036854775807", NUMBER_OK, "9223372036854775807" },
		{ "79934.363", NUMBER_OK, "79934.363" },
		{ "", NUMBER_NOT, NULL },
		{ "-", NUMBER_NOT, NULL },
		{ "\xc2\xa3", NUMBER_NOT, NULL },
		{ "%", NUMBER_NOT, NULL },
		{ ".", NUMBER_NOT, NULL },
		{ "abc", NUMBER_NOT, NULL },
		{ "12 apples", NUMBER_NOT, NULL },
		{ "1.2.3", NUMBER_NOT, NULL },
		{ ",5", NUMBER_NOT, NULL },
		{ "1e", NUMBER_NOT, NULL },
		{ "1,234e3", NUMBER_NOT, NULL },
		{ "1,23", NUMBER_GROUPING, NULL },
		{ "12,34", NUMBER_GROUPING, NULL },
		{ "1234,567", NUMBER_GROUPING, NULL },
		{ "1,2345", NUMBER_GROUPING, NULL },
		{ "1,234 567", NUMBER_GROUPING, NULL },
		{ "0.0000000001", NUMBER_DECIMALS, NULL },
		{ "1e-10", NUMBER_DECIMALS, NULL },
		{ "9223372036854775808", NUMBER_TOO_LARGE, NULL },
		{ "1e30", NUMBER_TOO_LARGE, NULL },
		{ "92233720368547758.08", NUMBER_TOO_LARGE, NULL },
	};
	char buf[NUMBER_TEXT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct number n = { 99, 0 };
		enum number_error e = number_parse(cases[i].in,
						   strlen(cases[i].in), &n);

		if (e != cases[i].error)
			fail_msg("'%s': %d, expected %d", cases[i].in, e,
				 cases[i].error);
		if (cases[i].out)
			assert_string_equal(number_text(&n, 0, buf, sizeof buf),
					    cases[i].out);
		else
			assert_true(n.units == 99);     /* left alone */
		assert_non_null(number_error_text(e));
	}
}

static struct number num(const char *s)
{
	struct number n;

	assert_int_equal(number_parse(s, strlen(s), &n), NUMBER_OK);
	return n;
}

static void test_text_grouped(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "0", "0" }, { "999", "999" }, { "1000", "1,000" },
		{ "-1234567.5", "-1,234,567.5" }, { "0.05", "0.05" },
		{ "-0.05", "-0.05" }, { "123456", "123,456" },
		{ "-9223372036854775807", "-9,223,372,036,854,775,807" },
	};
	char buf[NUMBER_TEXT_MAX];
	struct number n = { INT64_MIN, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct number x = num(cases[i].in);

		assert_string_equal(number_text(&x, 1, buf, sizeof buf),
				    cases[i].out);
	}
	assert_string_equal(number_text(&n, 1, buf, sizeof buf),
			    "-9,223,372,036,854,775,808");
}

static void test_compare(void **state)
{
	static const struct { const char *a, *b; int cmp; } cases[] = {
		{ "1", "1.0", 0 }, { "0.5", "0.50", 0 }, { "2", "10", -1 },
		{ "-1", "-0.5", -1 }, { "0.1", "0.09", 1 }, { "-0", "0", 0 },
		/* b overflows at a's scale: the larger in size */
		{ "0.000000001", "9223372036854775807", -1 },
		{ "9223372036854775807", "0.5", 1 },
		{ "-9223372036854775807", "0.5", -1 },
		{ "0.5", "-9223372036854775807", 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct number a = num(cases[i].a), b = num(cases[i].b);

		assert_int_equal(number_compare(&a, &b), cases[i].cmp);
		assert_int_equal(number_compare(&b, &a), -cases[i].cmp);
	}
}

static void test_add_and_mean(void **state)
{
	char buf[NUMBER_TEXT_MAX];
	struct number sum = num("0"), x = num("0.1"), big = num("9223372036854775807");
	struct number a = num("3"), b = num("4"), m;
	int i;

	(void)state;
	/* 0.1 ten times is 1.0 exactly, at the scale written. */
	for (i = 0; i < 10; i++)
		assert_int_equal(number_add(&sum, &x), 0);
	assert_string_equal(number_text(&sum, 0, buf, sizeof buf), "1.0");
	x = num("79934.362");
	assert_int_equal(number_add(&x, &(struct number){ 1, 3 }), 0);
	assert_string_equal(number_text(&x, 0, buf, sizeof buf), "79934.363");
	/* Overflow refuses and leaves the sum as it was. */
	sum = num("1");
	assert_int_equal(number_add(&big, &sum), -1);
	assert_string_equal(number_text(&big, 0, buf, sizeof buf),
			    "9223372036854775807");
	sum = num("0.5");
	assert_int_equal(number_add(&sum, &big), -1);
	/* The mean of two middle figures: exact, one decimal more if need be. */
	assert_int_equal(number_mean(&a, &b, &m), 0);
	assert_string_equal(number_text(&m, 0, buf, sizeof buf), "3.5");
	b = num("5");
	assert_int_equal(number_mean(&a, &b, &m), 0);
	assert_string_equal(number_text(&m, 0, buf, sizeof buf), "4");
	a = num("0.000000001");
	b = num("0");
	assert_int_equal(number_mean(&a, &b, &m), 0);
	assert_string_equal(number_text(&m, 0, buf, sizeof buf), "0.0000000005");
	assert_int_equal(number_mean(&big, &big, &m), -1);
	/* Written with more decimals, never fewer. */
	a = num("1.5");
	assert_int_equal(number_rescale(&a, 3), 0);
	assert_string_equal(number_text(&a, 0, buf, sizeof buf), "1.500");
	assert_int_equal(number_rescale(&a, 1), -1);
	assert_int_equal(number_rescale(&big, 1), -1);
	assert_string_equal(number_text(&big, 0, buf, sizeof buf),
			    "9223372036854775807");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_text_grouped),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_add_and_mean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
