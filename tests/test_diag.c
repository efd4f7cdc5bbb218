/*
 * test_diag.c - the one diagnostics routine: the shape of each kind of
 * message, the limit and what diag_close() says of what it held back,
 * terminal escapes in file names, and messages too long to show whole.
 */
#include "testutil.h"

#include "diag.h"

/* Errors and warnings past a limit, and the closing line for them. */
static void test_limit(void **state)
{
	static const struct {
		unsigned long limit, errors, warnings;
		const char *last;      /* the closing line, or "" */
	} cases[] = {
		{ 0, 3, 3, "" },
		{ 2, 2, 2, "" },
		{ 2, 3, 2, "foitab: 1 more error not shown\n" },
		{ 2, 2, 5, "foitab: 3 more warnings not shown\n" },
		{ 2, 4, 2, "foitab: 2 more errors not shown\n" },
		{ 2, 3, 3, "foitab: 1 more error and 1 more warning not shown\n" },
		{ 1, 4, 6, "foitab: 3 more errors and 5 more warnings not "
			   "shown\n" },
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct captured cap;
		const char *text, *last;
		size_t lines = 0;

		captured_open(&cap);
		diag_set_limit(&cap.diag, cases[i].limit);
		for (k = 0; k < cases[i].errors; k++)
			diag_error(&cap.diag, "f.csv", k + 1, "bad %zu", k);
		for (k = 0; k < cases[i].warnings; k++)
			diag_warning(&cap.diag, "f.csv", 0, "odd %zu", k);
		diag_close(&cap.diag);
		diag_close(&cap.diag);          /* said once only */
		text = captured_text(&cap);
		for (last = text; *last; last++)
			lines += *last == '\n';
		assert_int_equal(cap.diag.errors, cases[i].errors);
		assert_int_equal(cap.diag.warnings, cases[i].warnings);
		k = (cases[i].limit && cases[i].errors > cases[i].limit ?
		     cases[i].limit : cases[i].errors) +
		    (cases[i].limit && cases[i].warnings > cases[i].limit ?
		     cases[i].limit : cases[i].warnings);
		assert_int_equal(lines, k + (*cases[i].last ? 1 : 0));
		if (*cases[i].last) {
			size_t n = strlen(cases[i].last);

			assert_true(strlen(text) >= n);
			assert_string_equal(text + strlen(text) - n,
					    cases[i].last);
		}
		captured_close(&cap);
	}
}

/* Each kind of message in its shape; escapes and long texts made safe. */
static void test_shapes(void **state)
{
	static const char expect[] =
		"foitab: a.csv:3: error 1\n"
		"foitab: a.csv: the file\n"
		"foitab: the command line\n"
		"foitab: a\\x1B[2J.csv:7: warning: warned\n"
		"foitab: a.csv: noted\n"
		"foitab: a.csv:1: xxx";
	struct captured cap;
	char long_text[5000];
	const char *text;

	(void)state;
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	captured_open(&cap);
	diag_error(&cap.diag, "a.csv", 3, "error %d", 1);
	diag_error(&cap.diag, "a.csv", 0, "the file");
	diag_error(&cap.diag, NULL, 0, "the command line");
	diag_warning(&cap.diag, "a\x1B[2J.csv", 7, "warned");
	diag_note(&cap.diag, "a.csv", 0, "noted");
	diag_error(&cap.diag, "a.csv", 1, "%s", long_text);
	text = captured_text(&cap);
	assert_memory_equal(text, expect, sizeof expect - 1);
	/* Cut to what the routine shows, and said to be cut. */
	assert_true(strlen(text) < sizeof expect + 4100);
	assert_memory_equal(text + strlen(text) - 5, "x...\n", 5);
	assert_int_equal(cap.diag.errors, 4);
	assert_int_equal(cap.diag.warnings, 1);
	captured_close(&cap);
}

/* A diag with no stream only counts. */
static void test_counting_only(void **state)
{
	struct diag d;

	(void)state;
	diag_init(&d, NULL);
	diag_set_limit(&d, 1);
	diag_error(&d, "a.csv", 1, "one");
	diag_error(&d, "a.csv", 2, "two");
	diag_warning(&d, "a.csv", 2, "three");
	diag_note(&d, "a.csv", 0, "four");
	diag_close(&d);
	assert_int_equal(d.errors, 2);
	assert_int_equal(d.warnings, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_counting_only),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
