/*
 * test_classifier.c - the truth table of the 2023 buckets, and the
 * response accounting of a tally.
 */
#include "testutil.h"

#include "classifier.h"

#define OP DRUG_OPIOIDS
#define GA DRUG_GABAPENTINOIDS
#define BZ DRUG_BENZODIAZEPINES
#define ZD DRUG_Z_DRUGS
#define AD DRUG_ANTIDEPRESSANTS

struct truth_row {
	enum response_kind response;
	enum action_kind action;
	unsigned drugs;
	enum flag_value flag;
	const char *buckets;   /* keys of the buckets it must be in, space-led */
};

static const struct truth_row truth[] = {
	{ RESPONSE_ANSWERED, ACTION_SPECIALIST, 0, FLAG_NO, " specialist" },
	{ RESPONSE_ANSWERED, ACTION_CONSIDERING, 0, FLAG_NO, " considering" },
	{ RESPONSE_ANSWERED, ACTION_UNSPECIFIED, 0, FLAG_NO, " unspecified" },
	{ RESPONSE_ANSWERED, ACTION_NONE, 0, FLAG_NO, " none" },
	{ RESPONSE_ANSWERED, ACTION_UNDER_WAY, 0, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, ACTION_UNDER_WAY, 0, FLAG_YES, " substance_misuse" },
	{ RESPONSE_ANSWERED, ACTION_UNDER_WAY, OP, FLAG_NO, " opioid_focus" },
	{ RESPONSE_ANSWERED, ACTION_UNDER_WAY, OP | GA, FLAG_NO, " opioid_focus" },
	{ RESPONSE_ANSWERED, ACTION_UNDER_WAY, GA, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, ACTION_UNDER_WAY, OP | BZ, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, ACTION_UNDER_WAY, OP | ZD, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, ACTION_UNDER_WAY, OP | AD, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, ACTION_UNDER_WAY, OP | GA | BZ | ZD | AD, FLAG_NO, "" },
	{ RESPONSE_ANSWERED, ACTION_SPECIALIST, OP, FLAG_YES,
	  " specialist substance_misuse opioid_focus" },
	{ RESPONSE_ANSWERED, ACTION_NONE, OP | GA, FLAG_YES,
	  " none substance_misuse opioid_focus" },
	{ RESPONSE_REFUSED, ACTION_NOT_GIVEN, OP, FLAG_YES, "" },
	{ RESPONSE_PENDING, ACTION_NOT_GIVEN, OP, FLAG_YES, "" },
};

static void test_truth_table(void **state)
{
	size_t n, i, b;
	const struct bucket_rule *rules = classifier_survey_2023(&n);

	(void)state;
	assert_int_equal(n, 6);
	for (i = 0; i < ARRAY_SIZE(truth); i++) {
		struct response r = { 0 };
		char got[128] = "";

		r.line = i + 2;
		r.body = "B";
		r.code = r.summary = "";
		r.response = truth[i].response;
		r.action = truth[i].action;
		r.drugs = truth[i].drugs;
		r.substance_misuse = truth[i].flag;
		for (b = 0; b < n; b++) {
			if (bucket_matches(&rules[b], &r)) {
				strcat(got, " ");
				strcat(got, rules[b].key);
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
	size_t n, i;
	const struct bucket_rule *rules = classifier_survey_2023(&n);
	struct tally t;

	(void)state;
	tally_init(&t, rules, n);
	for (i = 0; i < ARRAY_SIZE(truth); i++) {
		struct response r = { 0 };

		r.body = r.code = r.summary = "";
		r.response = truth[i].response;
		r.action = truth[i].action;
		r.drugs = truth[i].drugs;
		r.substance_misuse = truth[i].flag;
		tally_add(&t, &r);
	}
	assert_int_equal(t.asked, 17);
	assert_int_equal(t.answered, 15);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truth_table),
		cmocka_unit_test(test_tally_accounting),
	};

	return cmocka_run_group_tests_name("classifier", tests, NULL, NULL);
}
