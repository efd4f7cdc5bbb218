/*
 * test_classifier.c - the truth table of the 2023 buckets as the built-in
 * rules state them, a custom denominator, and the response accounting.
 */
#include "testutil.h"

#include <limits.h>

#include "classifier.h"

/* Drug classes as the rules order them. */
#define OP (1u << 0)
#define GA (1u << 1)
#define BZ (1u << 2)
#define ZD (1u << 3)
#define AD (1u << 4)

enum { NO_ACTION = -1, SPECIALIST, UNDER_WAY, UNSPECIFIED, CONSIDERING, NONE };
enum { FLAG_EMPTY, FLAG_YES, FLAG_NO };

struct truth_row {
	enum response_kind response;
	int action;
	unsigned drugs;
	int flag;
	const char *buckets;   /* keys of the buckets it must be in, space-led */
};

static const struct truth_row truth[] = {
	{ RESPONSE_ANSWERED, SPECIALIST, 0, FLAG_NO, " specialist" },
	{ RESPONSE_ANSWERED, CONSIDERING, 0, FLAG_NO, " considering" },
	{ RESPONSE_ANSWERED, UNSPECIFIED, 0, FLAG_NO, " unspecified" },
	{ RESPONSE_ANSWERED, NONE, 0, FLAG_NO, " none" },
	{ RESPONSE_ANSWERED, UNDER_WAY, 0, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, UNDER_WAY, 0, FLAG_YES, " substance_misuse" },
	{ RESPONSE_ANSWERED, UNDER_WAY, OP, FLAG_NO, " opioid_focus" },
	{ RESPONSE_ANSWERED, UNDER_WAY, OP | GA, FLAG_NO, " opioid_focus" },
	{ RESPONSE_ANSWERED, UNDER_WAY, GA, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, UNDER_WAY, OP | BZ, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, UNDER_WAY, OP | ZD, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, UNDER_WAY, OP | AD, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, UNDER_WAY, OP | GA | BZ | ZD | AD, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, SPECIALIST, OP, FLAG_YES,
	  " specialist substance_misuse opioid_focus" },
	{ RESPONSE_ANSWERED, NONE, OP | GA, FLAG_YES,
	  " none substance_misuse opioid_focus" },
	{ RESPONSE_REFUSED, NO_ACTION, OP, FLAG_YES, "" },
	{ RESPONSE_PENDING, NO_ACTION, OP, FLAG_YES, "" },
};

static struct rules rules;

static struct response make(const struct truth_row *t)
{
	struct response r;

	memset(&r, 0, sizeof r);
	r.body = r.code = r.summary = "";
	r.response = t->response;
	r.bits[COLUMN_RESPONSE].w[0] = (uint64_t)1 << t->response;
	if (t->action >= 0)
		r.bits[rules_column(&rules, "action")].w[0] = (uint64_t)1 << t->action;
	r.bits[rules_column(&rules, "drugs")].w[0] = t->drugs;
	if (t->flag)
		r.bits[rules_column(&rules, "substance_misuse")].w[0] =
			(uint64_t)1 << (t->flag - 1);
	return r;
}

static void test_truth_table(void **state)
{
	size_t i, b;

	(void)state;
	assert_int_equal(rules.nbuckets, 6);
	for (i = 0; i < ARRAY_SIZE(truth); i++) {
		struct response r = make(&truth[i]);
		char got[128] = "";

		for (b = 0; b < rules.nbuckets; b++) {
			if (in_bucket(&rules, b, &r)) {
				strcat(got, " ");
				strcat(got, rules.buckets[b].key);
			}
		}
		if (strcmp(got, truth[i].buckets) != 0) {
			print_error("row %zu: in '%s', wanted '%s'\n", i, got,
				    truth[i].buckets);
			fail();
		}
	}
}

static void test_tally_accounting(void **state)
{
	struct tally t;
	size_t i;

	(void)state;
	tally_init(&t, &rules);
	for (i = 0; i < ARRAY_SIZE(truth); i++) {
		struct response r = make(&truth[i]);

		tally_add(&t, &r);
	}
	assert_int_equal(t.asked, 17);
	assert_int_equal(t.answered, 15);
	assert_int_equal(t.counted, 15);
	assert_int_equal(t.refused, 1);
	assert_int_equal(t.pending, 1);
	assert_int_equal(tally_replied(&t), 16);
	assert_int_equal(t.count[0], 2);   /* specialist */
	assert_int_equal(t.count[1], 1);   /* considering */
	assert_int_equal(t.count[2], 1);   /* unspecified */
	assert_int_equal(t.count[3], 2);   /* none */
	assert_int_equal(t.count[4], 3);   /* substance_misuse */
	assert_int_equal(t.count[5], 4);   /* opioid_focus */
}

/* A denominator other than the answered: those with an action given. */
static void test_custom_denominator(void **state)
{
	static const char text[] =
		"denominator = response is answered and not action is under_way\n"
		"[column action]\nvalues = specialist, under_way\n"
		"[bucket s]\nlabel = S\nwhen = action is specialist\n";
	struct rules custom;
	struct tally t;
	struct diag d;
	struct response r;
	size_t i;

	(void)state;
	diag_init(&d, stderr);
	assert_int_equal(rules_read_bytes(&custom, text, strlen(text), "c",
					  NULL, &d), FOITAB_OK);
	tally_init(&t, &custom);
	for (i = 0; i < 3; i++) {
		memset(&r, 0, sizeof r);
		r.response = RESPONSE_ANSWERED;
		r.bits[COLUMN_RESPONSE].w[0] = 1;
		r.bits[RULES_BUILTIN_COLUMNS].w[0] = i == 2 ? 2 : 1;
		tally_add(&t, &r);
	}
	assert_int_equal(t.answered, 3);
	assert_int_equal(t.counted, 2);
	assert_int_equal(t.count[0], 2);
	rules_free(&custom);
}

/*
 * A number column's figures, and a bucket with its own denominator, over
 * rows added to one tally, and to two tallies merged (every cut): the
 * same bodies, total, median, least and greatest (the first body to give
 * each), words, and counts.
 */
static void test_figures(void **state)
{
	static const char text[] =
		"[column n]\ntype = number\nvalues = Not held\n"
		"[bucket some]\nlabel = S\nwhen = n > 0\nof = n >= 0\n";
	static const struct { const char *cell; const char *body; } rows[] = {
		{ "5", "A" }, { "Not held", "B" }, { "", "C" }, { "0.25", "D" },
		{ "-3", "E" }, { "5", "F" }, { "-3", "G" }, { "12", "H" },
		{ "Not held", "I" }, { "0", "J" }, { "1", "K" },
	};
	struct rules custom;
	struct diag d;
	size_t cut, i;

	(void)state;
	diag_init(&d, stderr);
	assert_int_equal(rules_read_bytes(&custom, text, strlen(text), "c",
					  NULL, &d), FOITAB_OK);
	for (cut = 0; cut <= ARRAY_SIZE(rows); cut++) {
		struct tally t, more;
		struct number median;
		char buf[NUMBER_TEXT_MAX];
		const struct figures *f;

		tally_init(&t, &custom);
		tally_init(&more, &custom);
		for (i = 0; i < ARRAY_SIZE(rows); i++) {
			struct response r;
			int c = RULES_BUILTIN_COLUMNS;

			memset(&r, 0, sizeof r);
			r.body = rows[i].body;
			r.code = r.summary = "";
			r.line = i + 2;
			r.response = RESPONSE_ANSWERED;
			r.bits[COLUMN_RESPONSE].w[0] = 1;
			r.figure[c].scale = -1;
			if (strcmp(rows[i].cell, "Not held") == 0)
				r.bits[c].w[0] = 1;
			else if (*rows[i].cell)
				assert_int_equal(number_parse(rows[i].cell,
					strlen(rows[i].cell), &r.figure[c]),
					NUMBER_OK);
			assert_int_equal(tally_add(i < cut ? &t : &more, &r), 0);
		}
		assert_int_equal(tally_merge(&t, &more), 0);
		tally_finish(&t);
		assert_int_equal(t.counted, 11);
		assert_int_equal(t.base[0], 6);       /* a figure of 0 or more */
		assert_int_equal(t.count[0], 5);      /* 5, 0.25, 5, 12, 1 */
		assert_int_equal(t.nfigures, 1);
		f = &t.figures[0];
		assert_int_equal(f->bodies, 8);
		assert_string_equal(number_text(&f->total, 0, buf, sizeof buf),
				    "17.25");
		assert_int_equal(tally_median(f, &median), 0);
		assert_string_equal(number_text(&median, 0, buf, sizeof buf),
				    "0.625");      /* (0.25 + 1) / 2 */
		assert_string_equal(strbuf_str(&f->min_body), "E"); /* first -3 */
		assert_string_equal(strbuf_str(&f->max_body), "H");
		assert_non_null(f->words);
		assert_int_equal(f->words[0], 2);
		assert_int_equal(f->overflow_line, 0);
		tally_free(&t);
		tally_free(&more);
	}
	rules_free(&custom);
}

/* A total past 64 bits is refused at the row that passes it, whether
 * the rows are added to one tally or merged from two. */
static void test_figures_overflow(void **state)
{
	static const char text[] = "[column n]\ntype = number\n";
	static const char *const cells[] = {
		"9223372036854775807", "1", "2"
	};
	struct rules custom;
	struct diag d;
	size_t cut, i;

	(void)state;
	diag_init(&d, stderr);
	assert_int_equal(rules_read_bytes(&custom, text, strlen(text), "c",
					  NULL, &d), FOITAB_OK);
	for (cut = 0; cut <= ARRAY_SIZE(cells); cut++) {
		struct tally t, more;

		tally_init(&t, &custom);
		tally_init(&more, &custom);
		for (i = 0; i < ARRAY_SIZE(cells); i++) {
			struct response r;

			memset(&r, 0, sizeof r);
			r.body = "X";
			r.code = r.summary = "";
			r.line = i + 2;
			r.response = RESPONSE_ANSWERED;
			r.bits[COLUMN_RESPONSE].w[0] = 1;
			assert_int_equal(number_parse(cells[i], strlen(cells[i]),
				&r.figure[RULES_BUILTIN_COLUMNS]), NUMBER_OK);
			tally_add(i < cut ? &t : &more, &r);
		}
		tally_merge(&t, &more);
		/* One table: at line 3; merged: at line 3, or in the sum. */
		assert_true(t.figures[0].overflow_line == 3 ||
			    (cut == 1 && t.figures[0].overflow_line == ULONG_MAX));
		tally_free(&t);
		tally_free(&more);
	}
	rules_free(&custom);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truth_table),
		cmocka_unit_test(test_tally_accounting),
		cmocka_unit_test(test_custom_denominator),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_figures_overflow),
	};
	int failed;

	builtin_rules(&rules);
	failed = cmocka_run_group_tests_name("classifier", tests, NULL, NULL);
	rules_free(&rules);
	return failed;
}
