/* test_baseline.c - reading a baseline file, good and bad. */
#include "testutil.h"

#include "baseline.h"
#include "exitcodes.h"

struct baseline_case {
	const char *name;
	const char *input;
	const char *rows;       /* "key=milli/decimals;" per row */
	const char *year;
	const char *messages;
	int status;
};

static const struct baseline_case cases[] = {
	{ "the 2011 file",
	  "key,year,label,percent\nspecialist,2011,Specialist services,6\n"
	  "very_limited,2011,Very limited services,11\n"
	  "no_specialist,2011,No specialist withdrawal services,83\n",
	  "specialist=6000/0;very_limited=11000/0;no_specialist=83000/0;",
	  "2011", "", FOITAB_OK },
	{ "columns in any order, decimals, a % sign, blank rows",
	  "Percent, Label ,KEY,year\n12.5%,a,k1,2019\n\n,,,\n0.125,b,k2,2019\n"
	  "100,c,k3,2019\n",
	  "k1=12500/1;k2=125/3;k3=100000/0;", "2019", "", FOITAB_OK },
	{ "bad percentages",
	  "key,year,label,percent\na,2011,x,101\nb,2011,x,-3\nc,2011,x,\n"
	  "d,2011,x,1.2345\ne,2011,x,5.\n",
	  NULL, "2011",
	  "foitab: b.csv:2: column 'percent': '101' is not a percentage from 0 "
	  "to 100 (at most 3 decimals)\n"
	  "foitab: b.csv:3: column 'percent': '-3' is not a percentage from 0 "
	  "to 100 (at most 3 decimals)\n"
	  "foitab: b.csv:4: column 'percent': '' is not a percentage from 0 "
	  "to 100 (at most 3 decimals)\n"
	  "foitab: b.csv:5: column 'percent': '1.2345' is not a percentage "
	  "from 0 to 100 (at most 3 decimals)\n"
	  "foitab: b.csv:6: column 'percent': '5.' is not a percentage from 0 "
	  "to 100 (at most 3 decimals)\n",
	  FOITAB_DATAERR },
	{ "duplicate keys, missing keys, mixed years",
	  "key,year,label,percent\na,2011,x,1\na,2011,y,2\n,2011,z,3\n"
	  "b,2012,w,4\n",
	  NULL, "2011",
	  "foitab: b.csv:3: column 'key': 'a' is already on line 2\n"
	  "foitab: b.csv:4: column 'key': empty; each baseline row needs the "
	  "key of the bucket it matches, or a key of its own\n"
	  "foitab: b.csv:5: column 'year': '2012' differs from '2011' above; a "
	  "baseline file holds one survey\n",
	  FOITAB_DATAERR },
	{ "keys folded as bucket keys are",
	  "key,year,label,percent\nSpecialist,2011,x,6\nVery Limited,2011,y,11\n"
	  "NO-SPECIALIST,2011,z,83\n",
	  "specialist=6000/0;very_limited=11000/0;no_specialist=83000/0;",
	  "2011", "", FOITAB_OK },
	{ "keys that fold alike are duplicates",
	  "key,year,label,percent\nvery_limited,2011,x,1\nVery Limited,2011,y,2\n",
	  NULL, "2011",
	  "foitab: b.csv:3: column 'key': 'very_limited' is already on line 2\n",
	  FOITAB_DATAERR },
	{ "a missing column", "key,label,percent\na,x,1\n", NULL, NULL,
	  "foitab: b.csv:1: the header has no 'year' column (the header found: "
	  "'key', 'label', 'percent')\n", FOITAB_DATAERR },
	{ "empty", "", "", NULL, "foitab: b.csv: the baseline file is empty\n",
	  FOITAB_DATAERR },
};

static void test_cases(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct baseline_case *c = &cases[i];
		struct baseline b = BASELINE_INIT;
		struct captured cap;
		char rows[512] = "";
		int status;

		captured_open(&cap);
		status = baseline_read_bytes(&b, c->input, strlen(c->input),
					     "b.csv", &cap.diag);
		for (j = 0; j < b.n; j++)
			snprintf(rows + strlen(rows), sizeof rows - strlen(rows),
				 "%s=%lu/%d;", b.rows[j].key, b.rows[j].milli,
				 b.rows[j].decimals);
		assert_int_equal(status, c->status);
		assert_string_equal(captured_text(&cap), c->messages);
		if (c->rows)
			assert_string_equal(rows, c->rows);
		if (c->year)
			assert_string_equal(b.year, c->year);
		else
			assert_null(b.year);
		baseline_free(&b);
		captured_close(&cap);
	}
}

static void test_find(void **state)
{
	const char *in = "key,year,label,percent\nx,1,X,1\ny,1,Y,2\n";
	struct baseline b = BASELINE_INIT;
	struct captured cap;

	(void)state;
	captured_open(&cap);
	assert_int_equal(baseline_read_bytes(&b, in, strlen(in), "b.csv",
					     &cap.diag), FOITAB_OK);
	assert_string_equal(baseline_find(&b, "y")->label, "Y");
	assert_null(baseline_find(&b, "z"));
	baseline_free(&b);
	captured_close(&cap);
}

static int read_with(struct diag *diag, void *ctx)
{
	const char *in = ctx;
	struct baseline b = BASELINE_INIT;
	int status = baseline_read_bytes(&b, in, strlen(in), "b.csv", diag);

	baseline_free(&b);
	return status;
}

static void test_allocation_failures(void **state)
{
	(void)state;
	sweep_allocation_failures(read_with, (void *)("key,year,label,percent\n"
				  "x,1,X,1\ny,1,Y,2\nz,1,Z,3\nw,1,W,4\nv,1,V,5\n"
				  "u,1,U,6\nt,1,T,7\ns,1,S,8\nr,1,R,9\n"),
				  FOITAB_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_allocation_failures),
	};

	return cmocka_run_group_tests_name("baseline", tests, NULL, NULL);
}
