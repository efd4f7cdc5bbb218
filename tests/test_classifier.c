/*
 * test_classifier.c - the truth table of the 2023 buckets as the built-in
 * rules state them, a custom denominator, and the response accounting.
 */
#include "testutil.h"

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
	r.bits[COLUMN_RESPONSE] = (uint64_t)1 << t->response;
	if (t->action >= 0)
		r.bits[rules_column(&rules, "action")] = (uint64_t)1 << t->action;
	r.bits[rules_column(&rules, "drugs")] = t->drugs;
	if (t->flag)
		r.bits[rules_column(&rules, "substance_misuse")] =
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
		r.bits[COLUMN_RESPONSE] = 1;
		r.bits[RULES_BUILTIN_COLUMNS] = i == 2 ? 2 : 1;
		tally_add(&t, &r);
	}
	assert_int_equal(t.answered, 3);
	assert_int_equal(t.counted, 2);
	assert_int_equal(t.count[0], 2);
	rules_free(&custom);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truth_table),
		cmocka_unit_test(test_tally_accounting),
		cmocka_unit_test(test_custom_denominator),
	};
	int failed;

	builtin_rules(&rules);
	failed = cmocka_run_group_tests_name("classifier", tests, NULL, NULL);
	rules_free(&rules);
	return failed;
}
