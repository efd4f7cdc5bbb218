/*
 * test_rules.c - reading rules files: what a sound one declares, every
 * mistake a faulty one can hold, and how conditions evaluate.
 */
#include "testutil.h"

#include "rules.h"

#define MINI "[bucket b]\nlabel = B\nwhen = response is answered\n"

struct rules_case {
	const char *name;
	const char *text;
	const char *messages;
	int status;
};

static const struct rules_case cases[] = {
	{ "the smallest sound file", MINI, "", FOITAB_OK },
	{ "comments, blank lines, spaces and case",
	  "# a comment\n\n  TITLE =  A survey  \n[Bucket B]\n Label = B\n"
	  "WHEN = Response IS Answered\n", "", FOITAB_OK },
	{ "no buckets: a draft, which loads", "title = x\n", "", FOITAB_OK },
	{ "a line that is not a setting", "what is this\n" MINI,
	  "foitab: r.rules:1: expected 'setting = value', a '[section]' or a "
	  "'# comment'\n", FOITAB_DATAERR },
	{ "unknown settings and sections",
	  "colour = red\n[table x]\n[column c]\nvalues = a\nshape = round\n"
	  MINI "size = 3\n",
	  "foitab: r.rules:1: unknown setting 'colour' before the first "
	  "section; the settings there are: title, denominator, baseline, "
	  "register, responses\n"
	  "foitab: r.rules:2: unknown section '[table x]'; a section is "
	  "'[column NAME]' or '[bucket KEY]'\n"
	  "foitab: r.rules:5: unknown setting 'shape' in [column c]; the "
	  "settings are: type, values, required, item, label, header, alias VALUE\n"
	  "foitab: r.rules:9: unknown setting 'size' in [bucket b]; the "
	  "settings are: label, when, of\n", FOITAB_DATAERR },
	{ "twice over",
	  "title = a\ntitle = b\n[column c]\nvalues = x, y, X\n[column C]\n"
	  "values = z\n" MINI "[bucket b]\nlabel = again\nwhen = c is x\n",
	  "foitab: r.rules:2: 'title' is set twice in this section\n"
	  "foitab: r.rules:4: values: 'X' is listed twice\n"
	  "foitab: r.rules:5: column 'c' is declared twice (first on line 3)\n"
	  "foitab: r.rules:10: bucket 'b' is defined twice (first on line 7)\n",
	  FOITAB_DATAERR },
	{ "every setting given twice in its section, and empty sections",
	  "responses = alaveteli\n"
	  "responses = alaveteli\n"
	  "denominator = response is answered\n"
	  "denominator = response is answered\n"
	  "[column c]\n"
	  "header = C\n"
	  "header = D\n"
	  "type = choice\n"
	  "type = list\n"
	  "values = a, b\n"
	  "values = c\n"
	  "item = thing\n"
	  "item = things\n"
	  "required = yes\n"
	  "required = no\n"
	  "[column d]\n"
	  "type = yes_no\n"
	  "required = maybe\n"
	  "[bucket b]\n"
	  "label = B\n"
	  "label = C\n"
	  "when = c is a\n"
	  "when = c is b\n"
	  "[]\n"
	  "[column ]\n"
	  "[bucket]\n",
	  "foitab: r.rules:2: 'responses' is set twice in this section\n"
	  "foitab: r.rules:4: 'denominator' is set twice in this section\n"
	  "foitab: r.rules:7: 'header' is set twice in this section\n"
	  "foitab: r.rules:9: 'type' is set twice in this section\n"
	  "foitab: r.rules:11: 'values' is set twice in this section\n"
	  "foitab: r.rules:13: 'item' is set twice in this section\n"
	  "foitab: r.rules:15: 'required' is set twice in this section\n"
	  "foitab: r.rules:21: 'label' is set twice in this section\n"
	  "foitab: r.rules:23: 'when' is set twice in this section\n"
	  "foitab: r.rules:24: a section is '[column NAME]' or '[bucket KEY]'\n"
	  "foitab: r.rules:25: a section is '[column NAME]' or '[bucket KEY]'\n"
	  "foitab: r.rules:26: a section is '[column NAME]' or '[bucket KEY]'\n"
	  "foitab: r.rules:18: required 'maybe': there is no column 'maybe' "
	  "in these rules\n",
	  FOITAB_DATAERR },
	{ "values written as the sheet writes them, several words or quoted",
	  "[column crm]\nvalues = No CRM, Custom In-House, Salesforce, "
	  "Yes and No, Full (late)\n"
	  "[bucket a]\nlabel = A\nwhen = crm is not No CRM\n"
	  "[bucket b]\nlabel = B\nwhen = crm in Custom In-House, no crm\n"
	  "[bucket c]\nlabel = C\nwhen = crm is \"Yes and No\" or crm is "
	  "\"Full (late)\"\n"
	  "[bucket d]\nlabel = D\nwhen = (crm is Custom  In-House) and "
	  "response is answered\n", "", FOITAB_OK },
	{ "values written wrongly: each error shows a spelling that works",
	  "[column crm]\nvalues = No CRM, Yes and No, Full (late)\n"
	  "[bucket a]\nlabel = A\nwhen = crm is No CRMM\n"
	  "[bucket b]\nlabel = B\nwhen = crm is \"Yes and Noo\"\n"
	  "[bucket c]\nlabel = C\nwhen = crm is \"No CRM\n"
	  "[bucket d]\nlabel = D\nwhen = crm is Nothing\n"
	  "[bucket e]\nlabel = E\nwhen = crm in No CRM, and\n",
	  "foitab: r.rules:5: when 'crm is No CRMM': 'No CRMM' is not a "
	  "value of column 'crm' (did you mean 'No CRM'?)\n"
	  "foitab: r.rules:8: when 'crm is \"Yes and Noo\"': 'Yes and Noo' "
	  "is not a value of column 'crm' (did you mean \"Yes and No\"?)\n"
	  "foitab: r.rules:11: when 'crm is \"No CRM': a double quote is "
	  "not closed\n"
	  "foitab: r.rules:14: when 'crm is Nothing': 'Nothing' is not a "
	  "value of column 'crm', whose values are: No CRM, \"Yes and No\", "
	  "\"Full (late)\"\n"
	  "foitab: r.rules:17: when 'crm in No CRM, and': a value is "
	  "missing before 'and' or 'or'\n", FOITAB_DATAERR },
	{ "'is not' before a value that begins with 'not'",
	  "[column held]\nvalues = not held, other\n"
	  "[column both]\nvalues = not held, held\n"
	  "[bucket a]\nlabel = A\nwhen = held is not held\n"
	  "[bucket b]\nlabel = B\nwhen = both is not held\n"
	  "[bucket c]\nlabel = C\nwhen = both is \"not held\" or not both is "
	  "held\n"
	  "[bucket d]\nlabel = D\nwhen = held is not\n",
	  "foitab: r.rules:10: when 'both is not held': 'both' has both values "
	  "'not held' and 'held': write \"not held\" in double quotes for the "
	  "first, or 'not' before the test for the second\n"
	  "foitab: r.rules:16: when 'held is not': a value is missing at the "
	  "end\n", FOITAB_DATAERR },
	{ "conditions cut short or closed wrongly, each said where",
	  "[bucket b0]\n"
	  "label = B\n"
	  "when = response is\n"
	  "[bucket b1]\n"
	  "label = B\n"
	  "when = response is )\n"
	  "[bucket b2]\n"
	  "label = B\n"
	  "when = response in ,\n"
	  "[bucket b3]\n"
	  "label = B\n"
	  "when = response is answered and\n"
	  "[bucket b4]\n"
	  "label = B\n"
	  "when = response is answered or )\n"
	  "[bucket b5]\n"
	  "label = B\n"
	  "when = (response is answered\n"
	  "[bucket b6]\n"
	  "label = B\n"
	  "when = response is answered )\n"
	  "[bucket b7]\n"
	  "label = B\n"
	  "when = ( )\n"
	  "[bucket b8]\n"
	  "label = B\n"
	  "when = not\n",
	  "foitab: r.rules:3: when 'response is': a value is missing "
	  "at the end\n"
	  "foitab: r.rules:6: when 'response is )': a value is missing "
	  "before a punctuation mark\n"
	  "foitab: r.rules:9: when 'response in ,': a value is missing "
	  "before a punctuation mark\n"
	  "foitab: r.rules:12: when 'response is answered and': a "
	  "column name is missing at the end\n"
	  "foitab: r.rules:15: when 'response is answered or )': a "
	  "column name is missing before a punctuation mark\n"
	  "foitab: r.rules:18: when '(response is answered': a ')' is "
	  "missing\n"
	  "foitab: r.rules:21: when 'response is answered )': ')' is "
	  "not understood here (expected 'and', 'or' or the end)\n"
	  "foitab: r.rules:24: when '( )': a column name is missing "
	  "before a punctuation mark\n"
	  "foitab: r.rules:27: when 'not': a column name is missing at "
	  "the end\n",
	  FOITAB_DATAERR },
	{ "built-in columns take a header, and the response aliases",
	  "[column Body]\nheader = Trust, Authority\n[column response]\n"
	  "header = reply\nalias answered = successful, partially successful\n"
	  MINI, "", FOITAB_OK },
	{ "built-in columns take nothing else",
	  "[column Response]\nvalues = yes\n[column code]\nalias x = y\n" MINI,
	  "foitab: r.rules:2: [column response] is built in: only its "
	  "'header', 'excluded' and aliases of its values ('alias answered = "
	  "...') may be set\n"
	  "foitab: r.rules:4: [column code] is built in: only its 'header' "
	  "may be set\n", FOITAB_DATAERR },
	{ "a built-in column's section twice",
	  "[column body]\nheader = a\n[column body]\n" MINI,
	  "foitab: r.rules:3: column 'body' is declared twice (first on line "
	  "1)\n", FOITAB_DATAERR },
	{ "at most 16 header names and 16 excluded states",
	  "[column body]\nheader = a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, "
	  "a11, a12, a13, a14, a15, a16, a17\n[column response]\n"
	  "excluded = e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, "
	  "e14, e15, e16, e17\n" MINI,
	  "foitab: r.rules:2: header: a column has at most 16 header names\n"
	  "foitab: r.rules:4: excluded: at most 16 states\n", FOITAB_DATAERR },
	{ "a header name must name one column",
	  "[column kind]\nvalues = a\nheader = Type\n[column area]\n"
	  "header = type, Body\n" MINI,
	  "foitab: r.rules:4: header: 'type' would name both column 'kind' and "
	  "column 'area'\n"
	  "foitab: r.rules:4: header: 'body' would name both column 'body' and "
	  "column 'area'\n", FOITAB_DATAERR },
	{ "incomplete sections",
	  "[column c]\ntype = list\n[column d]\ntype = text\nvalues = a\n"
	  "[column e]\n[bucket b]\n",
	  "foitab: r.rules:1: [column c] lists no values: add 'values = A, B, "
	  "...'\n"
	  "foitab: r.rules:3: [column d] is of type text, which takes no "
	  "'values'\n"
	  "foitab: r.rules:7: [bucket b] has no 'label'\n"
	  "foitab: r.rules:7: [bucket b] has no 'when'\n", FOITAB_DATAERR },
	{ "types and aliases",
	  "[column c]\ntype = shape\nvalues = a, b\nalias a = aa, b\n"
	  "alias z = zz\n" MINI,
	  "foitab: r.rules:2: type: 'shape' is not a column type; the types "
	  "are: choice, list, boolean, text, number\n"
	  "foitab: r.rules:4: alias: 'b' already stands for 'b'\n"
	  "foitab: r.rules:5: alias: 'z' is not one of the values listed above "
	  "it\n", FOITAB_DATAERR },
	{ "conditions: unknown columns and values",
	  "[column action]\nvalues = none, some\n"
	  "[bucket a]\nlabel = A\nwhen = actoin is none\n"
	  "[bucket b]\nlabel = B\nwhen = action is nonee\n"
	  "[bucket c]\nlabel = C\nwhen = action is many\n",
	  "foitab: r.rules:5: when 'actoin is none': there is no column "
	  "'actoin' in these rules (did you mean 'action'?)\n"
	  "foitab: r.rules:8: when 'action is nonee': 'nonee' is not a value "
	  "of column 'action' (did you mean 'none'?)\n"
	  "foitab: r.rules:11: when 'action is many': 'many' is not a value of "
	  "column 'action', whose values are: none, some\n", FOITAB_DATAERR },
	{ "conditions: syntax",
	  "[column c]\nvalues = x, y\n[column l]\ntype = list\nvalues = p, q\n"
	  "[column t]\ntype = text\n"
	  "[bucket a]\nlabel = A\nwhen = (c is x\n"
	  "[bucket b]\nlabel = B\nwhen = c is x or\n"
	  "[bucket d]\nlabel = D\nwhen = c x\n"
	  "[bucket e]\nlabel = E\nwhen = l is p\n"
	  "[bucket f]\nlabel = F\nwhen = c contains x\n"
	  "[bucket g]\nlabel = G\nwhen = c\n"
	  "[bucket h]\nlabel = H\nwhen = t is x\n"
	  "[bucket i]\nlabel = I\nwhen = c is x, y\n",
	  "foitab: r.rules:10: when '(c is x': a ')' is missing\n"
	  "foitab: r.rules:13: when 'c is x or': a column name is missing at "
	  "the end\n"
	  "foitab: r.rules:16: when 'c x': 'c' is not a yes/no column: say "
	  "what to test, as in 'COLUMN is VALUE'\n"
	  "foitab: r.rules:19: when 'l is p': 'l' is a list: test it with "
	  "'contains' or 'only'\n"
	  "foitab: r.rules:22: when 'c contains x': 'contains' and 'only' test "
	  "a list column; 'c' is not one\n"
	  "foitab: r.rules:25: when 'c': 'c' is not a yes/no column: say what "
	  "to test, as in 'COLUMN is VALUE'\n"
	  "foitab: r.rules:28: when 't is x': 't' is free text and cannot be "
	  "tested\n"
	  "foitab: r.rules:31: when 'c is x, y': 'is' takes one value; for "
	  "several, write 'c in A, B'\n", FOITAB_DATAERR },
	{ "trailing words",
	  "[column f]\ntype = boolean\n[bucket a]\nlabel = A\nwhen = f g\n"
	  "[bucket b]\nlabel = B\nwhen = f in yes,\n",
	  "foitab: r.rules:5: when 'f g': 'g' is not understood here (expected "
	  "'and', 'or' or the end)\n"
	  "foitab: r.rules:8: when 'f in yes,': a value is missing at the end\n",
	  FOITAB_DATAERR },
	{ "a bad required condition",
	  "[column c]\nvalues = x\nrequired = response is maybe\n" MINI,
	  "foitab: r.rules:3: required 'response is maybe': 'maybe' is not a "
	  "value of column 'response', whose values are: answered, refused, "
	  "pending\n", FOITAB_DATAERR },
	{ "empty values and lists",
	  "title =\n[column c]\nvalues = a,,b\n" MINI,
	  "foitab: r.rules:1: 'title' has no value\n"
	  "foitab: r.rules:3: values: an empty item in the list (two commas "
	  "together?)\n", FOITAB_DATAERR },
};

static void test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct captured cap;
		struct rules r;
		int status;

		captured_open(&cap);
		status = rules_read_bytes(&r, cases[i].text, strlen(cases[i].text),
					  "r.rules", NULL, &cap.diag);
		if (status != cases[i].status ||
		    strcmp(captured_text(&cap), cases[i].messages) != 0) {
			print_error("case '%s': status %d\n%s\nwanted:\n%s\n",
				    cases[i].name, status, captured_text(&cap),
				    cases[i].messages);
			fail();
		}
		rules_free(&r);
		captured_close(&cap);
	}
}

/* The built-in rules declare what README says they do. */
static void test_builtin(void **state)
{
	struct rules r;
	int c;

	(void)state;
	builtin_rules(&r);
	assert_int_equal(r.ncolumns, 7);
	c = rules_column(&r, "drugs");
	assert_int_equal(r.columns[c].type, COLUMN_LIST);
	assert_string_equal(r.columns[c].item, "drug class");
	assert_int_equal(rules_value(&r.columns[c], "benzos"), 2);
	assert_int_equal(rules_value(&r.columns[c], "z_drugs"), 3);
	assert_string_equal(rules_suggest(&r.columns[c], "opiods"), "opioids");
	c = rules_column(&r, "substance_misuse");
	assert_int_equal(r.columns[c].type, COLUMN_BOOLEAN);
	assert_int_equal(rules_value(&r.columns[c], "true"), 0);
	assert_int_equal(rules_value(&r.columns[c], "0"), 1);
	assert_string_equal(r.columns[rules_column(&r, "action")].required_phrase,
			    "an answered response");
	assert_string_equal(r.baseline, "baseline-2011.csv");
	assert_string_equal(r.registry, "icb-register-2023.csv");
	assert_int_equal(r.nbuckets, 6);
	assert_string_equal(r.buckets[5].key, "opioid_focus");
	rules_free(&r);
}

/* Conditions evaluate as the README says, on bit sets. */
static void test_conditions(void **state)
{
	static const char text[] =
		"[column c]\nvalues = x, y, z\n"
		"[column l]\ntype = list\nvalues = p, q, r\n"
		"[column f]\ntype = boolean\n"
		"[bucket b0]\nlabel = 0\nwhen = c is x\n"
		"[bucket b1]\nlabel = 1\nwhen = c is not x\n"
		"[bucket b2]\nlabel = 2\nwhen = c in y, z\n"
		"[bucket b3]\nlabel = 3\nwhen = l contains p, q\n"
		"[bucket b4]\nlabel = 4\nwhen = l only p, q\n"
		"[bucket b5]\nlabel = 5\nwhen = f\n"
		"[bucket b6]\nlabel = 6\nwhen = not f and (c is x or l contains r)\n"
		"[bucket b7]\nlabel = 7\nwhen = f is no\n";
	static const struct {
		uint64_t c, l, f;
		const char *holds;    /* which buckets, as digits */
	} rows[] = {
		{ 1, 0, 0, "0 4 6" },          /* c=x, l empty, f empty */
		{ 2, 3, 1, "1 2 3 4 5" },      /* c=y, l=p,q, f=yes */
		{ 4, 4, 2, "1 2 6 7" },        /* c=z, l=r, f=no */
		{ 0, 7, 0, "1 3 6" },          /* c empty, l=p,q,r */
	};
	struct rules r;
	struct diag d;
	size_t i, b;

	(void)state;
	diag_init(&d, stderr);
	assert_int_equal(rules_read_bytes(&r, text, strlen(text), "c", NULL,
					  &d), FOITAB_OK);
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		struct bitset bits[RULES_MAX_COLUMNS];
		char got[64] = "";

		memset(bits, 0, sizeof bits);
		bits[4].w[0] = rows[i].c;
		bits[5].w[0] = rows[i].l;
		bits[6].w[0] = rows[i].f;
		for (b = 0; b < r.nbuckets; b++)
			if (expr_holds(r.buckets[b].when, bits, NULL))
				snprintf(got + strlen(got), sizeof got - strlen(got),
					 "%s%zu", *got ? " " : "", b);
		if (strcmp(got, rows[i].holds) != 0) {
			print_error("row %zu: %s, wanted %s\n", i, got,
				    rows[i].holds);
			fail();
		}
	}
	rules_free(&r);
}

static int read_with(struct diag *diag, void *ctx)
{
	const struct builtin_file *b = builtin_find(BUILTIN_RULES);
	struct rules r;
	int status;

	(void)ctx;
	status = rules_read_bytes(&r, b->bytes, b->len, "r", NULL, diag);
	rules_free(&r);
	return status;
}

static void test_allocation_failures(void **state)
{
	(void)state;
	sweep_allocation_failures(read_with, NULL, FOITAB_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_conditions),
		cmocka_unit_test(test_allocation_failures),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
