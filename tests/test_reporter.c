/*
 * test_reporter.c - the exact text of each format for a small tally (the
 * arithmetic is test_stats.c's).
 */
#include "testutil.h"

#include "baseline.h"
#include "classifier.h"
#include "exitcodes.h"
#include "render.h"
#include "reporter.h"

static struct rules rules;

enum { NO_ACTION = -1, SPECIALIST, UNDER_WAY, UNSPECIFIED, CONSIDERING, NONE };
enum { FLAG_EMPTY, FLAG_YES, FLAG_NO };
#define OPIOIDS 1u
#define GABAPENTINOIDS 2u

/* A checked response as the loader would give it, under the 2023 rules. */
static struct response resp(unsigned long line, const char *body,
			    const char *code, const char *summary,
			    enum response_kind kind, int action,
			    unsigned drugs, int flag)
{
	struct response r;

	memset(&r, 0, sizeof r);
	r.line = line;
	r.body = body;
	r.code = code;
	r.summary = summary;
	r.response = kind;
	r.bits[COLUMN_RESPONSE].w[0] = (uint64_t)1 << kind;
	if (action >= 0)
		r.bits[rules_column(&rules, "action")].w[0] = (uint64_t)1 << action;
	r.bits[rules_column(&rules, "drugs")].w[0] = drugs;
	if (flag)
		r.bits[rules_column(&rules, "substance_misuse")].w[0] =
			(uint64_t)1 << (flag - 1);
	return r;
}


static const char baseline_csv[] =
	"key,year,label,percent\n"
	"specialist,2011,Specialist services,6\n"
	"very_limited,2011,\"Very limited, patchy\",11.5\n";

/* A tally of three answered bodies, one refused, one pending. */
static void small_report(struct tally *t, struct baseline *b,
			 struct report *rep, int decimals)
{
	struct captured cap;
	struct response rs[5];
	size_t i;

	rs[0] = resp(2, "A", "", "", RESPONSE_ANSWERED, SPECIALIST, OPIOIDS,
		     FLAG_NO);
	rs[1] = resp(3, "B", "", "", RESPONSE_ANSWERED, NONE, 0, FLAG_YES);
	rs[2] = resp(4, "C", "", "", RESPONSE_ANSWERED, NONE,
		     OPIOIDS | GABAPENTINOIDS, FLAG_NO);
	rs[3] = resp(5, "D", "", "", RESPONSE_REFUSED, NO_ACTION, 0, FLAG_EMPTY);
	rs[4] = resp(6, "E", "", "", RESPONSE_PENDING, NO_ACTION, 0, FLAG_EMPTY);
	tally_init(t, &rules);
	for (i = 0; i < ARRAY_SIZE(rs); i++)
		tally_add(t, &rs[i]);
	captured_open(&cap);
	assert_int_equal(baseline_read_bytes(b, baseline_csv,
					     strlen(baseline_csv), "b.csv",
					     &cap.diag), FOITAB_OK);
	captured_close(&cap);
	memset(rep, 0, sizeof *rep);
	rep->tally = t;
	rep->baseline = b;
	rep->decimals = decimals;
}

static char *render(const char *format, const struct report *rep)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(reporter_find(format));
	reporter_find(format)->view[REPORT_FIGURES](rep, out);
	fclose(out);
	return text;
}

struct format_case {
	const char *format;
	int decimals;
	int with_baseline;
	const char *expected;
};

static const struct format_case format_cases[] = {
	{ "csv", 0, 1,
	  "bucket,label,count,denominator,percent,baseline_percent\n"
	  "specialist,Specialist withdrawal service,1,3,33,6\n"
	  "considering,Still considering or reviewing,0,3,0,\n"
	  "unspecified,Some unspecified action planned,0,3,0,\n"
	  "none,No action planned as yet,2,3,67,\n"
	  "substance_misuse,Quoted substance misuse services,1,3,33,\n"
	  "opioid_focus,Focusing mainly on opioids (some also gabapentinoids),"
	  "2,3,67,\n"
	  "very_limited,\"Very limited, patchy\",,,,11.5\n" },
	{ "csv", 1, 0,
	  "bucket,label,count,denominator,percent,baseline_percent\n"
	  "specialist,Specialist withdrawal service,1,3,33.3,\n"
	  "considering,Still considering or reviewing,0,3,0.0,\n"
	  "unspecified,Some unspecified action planned,0,3,0.0,\n"
	  "none,No action planned as yet,2,3,66.7,\n"
	  "substance_misuse,Quoted substance misuse services,1,3,33.3,\n"
	  "opioid_focus,Focusing mainly on opioids (some also gabapentinoids),"
	  "2,3,66.7,\n" },
	{ "table", 0, 1,
	  "Responses: 5 asked, 4 replied (1 refused), 1 pending; 3 answered "
	  "and counted\n\n"
	  "Bucket                                                 Count    Of "
	  "  Percent    2011\n"
	  "Specialist withdrawal service                              1     3 "
	  "      33%      6%\n"
	  "Still considering or reviewing                             0     3 "
	  "       0%\n"
	  "Some unspecified action planned                            0     3 "
	  "       0%\n"
	  "No action planned as yet                                   2     3 "
	  "      67%\n"
	  "Quoted substance misuse services                           1     3 "
	  "      33%\n"
	  "Focusing mainly on opioids (some also gabapentinoids)      2     3 "
	  "      67%\n"
	  "Very limited, patchy (2011 only)                                   "
	  "            11.5%\n"
	  "\nBuckets overlap (a body can be in several), so the percentages "
	  "do not add up to 100.\n" },
};

static void test_formats(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(format_cases); i++) {
		const struct format_case *c = &format_cases[i];
		struct baseline b = BASELINE_INIT;
		struct tally t;
		struct report rep;
		char *got;

		small_report(&t, &b, &rep, c->decimals);
		if (!c->with_baseline)
			rep.baseline = NULL;
		got = render(c->format, &rep);
		if (strcmp(got, c->expected) != 0) {
			print_error("format %s, case %zu:\n%s\nwanted:\n%s\n",
				    c->format, i, got, c->expected);
			fail();
		}
		free(got);
		baseline_free(&b);
	}
}

/* Nothing counted: no percentage is invented. */
static void test_empty_denominator(void **state)
{
	struct response r = resp(2, "A", "", "", RESPONSE_PENDING, NO_ACTION, 0,
				 FLAG_EMPTY);
	struct tally t;
	struct report rep;
	char *got;

	(void)state;
	memset(&rep, 0, sizeof rep);
	rep.tally = &t;
	tally_init(&t, &rules);
	tally_add(&t, &r);
	got = render("csv", &rep);
	assert_non_null(strstr(got, "\nspecialist,Specialist withdrawal "
				    "service,0,0,,\n"));
	free(got);
	got = render("table", &rep);
	assert_non_null(strstr(got, "Specialist withdrawal service          "
				    "                    0     0        - \n"));
	free(got);
}

/* The register's bodies with no row are named under the accounting. */
static void test_missing_bodies(void **state)
{
	static const char reg[] = "name\nA\nB\nC\nD\n";
	struct baseline b = BASELINE_INIT;
	struct registry g;
	struct captured cap;
	struct tally t;
	struct report rep;
	struct response ra = resp(2, "A", "", "", RESPONSE_PENDING, NO_ACTION, 0,
				  FLAG_EMPTY);
	struct response rc = resp(3, "C", "", "", RESPONSE_PENDING, NO_ACTION, 0,
				  FLAG_EMPTY);
	char *got;

	(void)state;
	small_report(&t, &b, &rep, 0);
	registry_init(&g);
	captured_open(&cap);
	assert_int_equal(registry_read_bytes(&g, reg, strlen(reg), "r.csv",
					     &cap.diag), FOITAB_OK);
	registry_note(&g, &ra, "s.csv", &cap.diag);
	registry_note(&g, &rc, "s.csv", &cap.diag);
	captured_close(&cap);
	rep.registry = &g;
	got = render("table", &rep);
	assert_non_null(strstr(got, "counted\nNot in the file: 2 of the 4 "
				    "bodies in the register:\n  B\n  D\n\nBucket"));
	free(got);
	got = render("csv", &rep);
	assert_null(strstr(got, "Not in the file"));
	free(got);
	registry_free(&g);
	baseline_free(&b);
}

static void test_formula_like(void **state)
{
	static const struct { const char *cell; int formula; } cases[] = {
		{ "=1+1", 1 }, { "=HYPERLINK(\"x\")", 1 }, { "+44 20", 1 },
		{ "-", 1 }, { "-x", 1 }, { "@SUM(A1)", 1 }, { "\tx", 1 },
		{ "\rx", 1 }, { "-3", 0 }, { "+1.5", 0 }, { "-0.25", 0 },
		{ "-3.", 0 }, { "-.5", 1 },   /* the guard errs on the safe side */ { "3", 0 }, { "a=b", 0 }, { "", 0 },
		{ " =x", 0 }, { "NHS Devon", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (reporter_formula_like(cases[i].cell) != cases[i].formula) {
			print_error("'%s': wanted %d\n", cases[i].cell,
				    cases[i].formula);
			fail();
		}
}

/* Lists in each format, from a roster with awkward text. */
static void test_lists(void **state)
{
	static const struct {
		const char *format;
		int raw;
		const char *expected;
	} cases[] = {
		{ "csv", 0, "bucket,body,code,line,summary\n"
		  "specialist,\"A, \"\"B\"\"\",E1,2,'=2+2\n" },
		{ "csv", 1, "bucket,body,code,line,summary\n"
		  "specialist,\"A, \"\"B\"\"\",E1,2,=2+2\n" },
		{ "tsv", 0, "bucket\tbody\tcode\tline\tsummary\n"
		  "specialist\t\"A, \"\"B\"\"\"\tE1\t2\t'=2+2\n" },
		{ "json", 0, "{\n  \"responses\": {\"asked\": 2, \"replied\": 1, "
		  "\"refused\": 0, \"pending\": 1, \"counted\": 1},\n"
		  "  \"not_in_file\": [],\n  \"lists\": [\n"
		  "    {\"key\": \"specialist\", \"label\": \"Specialist withdrawal "
		  "service\", \"count\": 1, \"denominator\": 1, \"bodies\": [\n"
		  "      {\"body\": \"A, \\\"B\\\"\", \"code\": \"E1\", \"line\": 2, "
		  "\"summary\": \"=2+2\"}\n    ]},\n"
		  "    {\"key\": \"pending\", \"label\": \"No reply yet\", "
		  "\"count\": 1, \"denominator\": null, \"bodies\": [\n"
		  "      {\"body\": \"C\\tD\", \"code\": \"\", \"line\": 3, "
		  "\"summary\": \"\\u0001\"}\n    ]}\n  ]\n}\n" },
		{ "markdown", 0, "### Specialist withdrawal service: 1 of 1, 100%\n\n"
		  "- **A, \"B\"**: =2+2\n\n### No reply yet: 1\n\n- **C\tD**: \x01\n" },
	};
	size_t i;
	struct response a = resp(2, "A, \"B\"", "E1", "=2+2", RESPONSE_ANSWERED,
				 SPECIALIST, 0, FLAG_NO);
	struct response c = resp(3, "C\tD", "", "\x01", RESPONSE_PENDING,
				 NO_ACTION, 0, FLAG_EMPTY);
	struct roster roster = ROSTER_INIT;
	struct tally t;
	struct report rep;

	(void)state;
	tally_init(&t, &rules);
	tally_add(&t, &a);
	tally_add(&t, &c);
	assert_int_equal(roster_add(&roster, &t, &a), 0);
	assert_int_equal(roster_add(&roster, &t, &c), 0);
	memset(&rep, 0, sizeof rep);
	rep.tally = &t;
	rep.roster = &roster;
	bitset_add(&rep.selected, 0);   /* specialist */
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&text, &len);

		rep.raw_cells = cases[i].raw;
		rep.list_pending = strcmp(cases[i].format, "json") == 0 ||
				   strcmp(cases[i].format, "markdown") == 0;
		reporter_find(cases[i].format)->view[REPORT_LIST](&rep, out);
		fclose(out);
		if (strcmp(text, cases[i].expected) != 0) {
			print_error("%s:\n%s\nwanted:\n%s\n", cases[i].format,
				    text, cases[i].expected);
			fail();
		}
		free(text);
	}
	roster_free(&roster);
}

/* A coefficient as printed in every format: never "-0.000". */
static void test_coefficient_text(void **state)
{
	static const struct { double value; const char *text; } cases[] = {
		{ -0.0004, "0.000" }, { -0.0, "0.000" }, { 0.0004, "0.000" },
		{ -0.0006, "-0.001" }, { 0.7434, "0.743" }, { -1.0, "-1.000" },
	};
	struct coefficient c;
	char buf[80];
	size_t i;

	(void)state;
	c.reason = AGREE_DEFINED;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		c.value = cases[i].value;
		assert_string_equal(coefficient_text(&c, buf, sizeof buf),
				    cases[i].text);
	}
}

static void test_unknown_format(void **state)
{
	(void)state;
	assert_null(reporter_find("xml"));
	assert_null(reporter_find(""));
	assert_non_null(reporter_find("table"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_empty_denominator),
		cmocka_unit_test(test_missing_bodies),
		cmocka_unit_test(test_formula_like),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_unknown_format),
		cmocka_unit_test(test_coefficient_text),
	};

	int failed;

	builtin_rules(&rules);
	failed = cmocka_run_group_tests_name("reporter", tests, NULL, NULL);
	rules_free(&rules);
	return failed;
}
