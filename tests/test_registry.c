/*
 * test_registry.c - reading a register, and matching survey bodies to it
 * by code or forgiving name.
 */
#include "testutil.h"

#include "exitcodes.h"
#include "registry.h"

static const char reg_csv[] =
	"ons_code,ods_code,name,region\n"
	"E54000037,QJK,NHS Devon Integrated Care Board,South West\n"
	"E54000064,QNX,NHS Sussex Integrated Care Board,South East\n"
	"E54000024,QHG,\"NHS Bedfordshire, Luton and Milton Keynes Integrated "
	"Care Board\",East of England\n"
	"E54000040,QOX,\"NHS Bath and North East Somerset, Swindon and "
	"Wiltshire Integrated Care Board\",South West\n";

static void load(struct registry *g)
{
	struct captured cap;

	captured_open(&cap);
	registry_init(g);
	assert_int_equal(registry_read_bytes(g, reg_csv, strlen(reg_csv),
					     "reg.csv", &cap.diag), FOITAB_OK);
	assert_string_equal(captured_text(&cap), "");
	captured_close(&cap);
}

static void test_find(void **state)
{
	static const struct { const char *code, *body, *found; } cases[] = {
		{ "", "NHS Devon Integrated Care Board", "NHS Devon Integrated Care Board" },
		{ "", "NHS Devon", "NHS Devon Integrated Care Board" },
		{ "", "Devon ICB", "NHS Devon Integrated Care Board" },
		{ "", "  devon  ", "NHS Devon Integrated Care Board" },
		{ "", "NHS Bedfordshire Luton & Milton Keynes",
		  "NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board" },
		{ "", "Bath & North East Somerset, Swindon and Wiltshire ICB",
		  "NHS Bath and North East Somerset, Swindon and Wiltshire "
		  "Integrated Care Board" },
		{ "e54000064", "Whatever", "NHS Sussex Integrated Care Board" },
		{ "qnx", "", "NHS Sussex Integrated Care Board" },
		{ "", "NHS Dorset", NULL },
		{ "E99999999", "Sussex", "NHS Sussex Integrated Care Board" },
		{ "", "NHS", NULL },
		{ "", "", NULL },
		{ "E54000064 and then a cell far longer than any code would be "
		  "written", "Sussex", "NHS Sussex Integrated Care Board" },
	};
	struct strbuf scratch = STRBUF_INIT;
	struct registry g, none;
	size_t i;

	(void)state;
	load(&g);
	registry_init(&none);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct registry_entry *e;

		/* The loader's hint, on a register read and on one not:
		 * it changes nothing found (and reads nothing it should
		 * not, under ASan and valgrind). */
		registry_prefetch(&g, cases[i].code);
		registry_prefetch(&none, cases[i].code);
		assert_int_equal(registry_find(&g, cases[i].code, cases[i].body,
					       &scratch, &e), 0);

		if (cases[i].found)
			assert_non_null(e);
		if (!cases[i].found)
			assert_null(e);
		else
			assert_string_equal(registry_text(&g, e->name),
					    cases[i].found);
	}
	strbuf_release(&scratch);
	registry_free(&g);
}

static struct response row(unsigned long line, const char *code,
			   const char *body)
{
	struct response r;

	memset(&r, 0, sizeof r);
	r.line = line;
	r.code = code;
	r.body = body;
	r.summary = "";
	r.response = RESPONSE_PENDING;
	return r;
}

static void test_note_and_close(void **state)
{
	struct registry g;
	struct captured cap;
	struct response rs[5];
	size_t i;

	(void)state;
	rs[0] = row(2, "E54000037", "NHS Devon");
	rs[1] = row(3, "E54000037", "NHS Sussex");
	rs[2] = row(4, "E00000000", "Bedfordshire, Luton and Milton Keynes");
	rs[3] = row(5, "", "NHS Devonn");
	rs[4] = row(6, "", "Devon");
	load(&g);
	captured_open(&cap);
	for (i = 0; i < ARRAY_SIZE(rs); i++)
		assert_int_equal(registry_note(&g, &rs[i], "s.csv", &cap.diag),
				 FOITAB_OK);
	registry_close(&g, "s.csv", &cap.diag);
	assert_string_equal(captured_text(&cap),
		"foitab: s.csv:3: code 'E54000037' is 'NHS Devon Integrated Care "
		"Board' in the register, but the body is named 'NHS Sussex', whose "
		"code there is 'E54000064'; put the code or the name right\n"
		"foitab: s.csv:4: warning: code 'E00000000' is not in the register; "
		"its code for 'NHS Bedfordshire, Luton and Milton Keynes "
		"Integrated Care Board' is 'E54000024'\n"
		"foitab: s.csv:6: this body is the register's 'NHS Devon "
		"Integrated Care Board', like line 2; each body has one row\n"
		"foitab: s.csv:5: warning: body 'NHS Devonn' is not in the "
		"register reg.csv (closest: 'NHS Devon Integrated Care Board', "
		"'NHS Sussex Integrated Care Board', 'NHS Bedfordshire, Luton and "
		"Milton Keynes Integrated Care Board')\n");
	assert_int_equal(cap.diag.errors, 2);
	/* The row whose code and name disagree went to neither body; each
	 * body keeps the line of its first match. */
	assert_int_equal(g.entries[0].first_line, 2);
	assert_false(registry_matched(&g.entries[1]));
	assert_int_equal(g.entries[2].first_line, 4);
	captured_close(&cap);
	registry_free(&g);
}

/* Names written with or without punctuation and spaces are one body. */
static void test_punctuation(void **state)
{
	static const char text[] =
		"name\n"
		"King's Lynn and West Norfolk Council\n"
		"Stoke-on-Trent City Council\n"
		"Ynys M\xC3\xB4n County Council\n";
	static const struct { const char *body; int entry; } cases[] = {
		{ "Kings Lynn and West Norfolk Council", 0 },
		{ "King\xE2\x80\x99s Lynn & West Norfolk Council", 0 },
		{ "KINGS LYNN AND WEST NORFOLK COUNCIL", 0 },
		{ "StokeonTrent City Council", 1 },
		{ "Stoke on Trent City Council", 1 },
		{ "Stoke\xE2\x80\x93on\xE2\x80\x93Trent City Council", 1 },
		{ "YNYS M\xC3\x94N COUNTY COUNCIL", 2 },
		{ "Ynys\xC2\xA0Mon County Council", -1 },   /* o is not ô */
		{ "Kings Lynn", -1 },
		{ "&Kings Lynn&West Norfolk Council", -1 },  /* "and kings" */
		{ "Kings Lynn&West Norfolk Council", 0 },
		{ "Kings Lynn \xC2\xB4n\xCA\xBC West Norfolk Council", -1 },
		{ "Stoke\xE2\x80\x94on\xE2\x80\x90Trent\xE3\x80\x80" "City "
		  "Council", 1 },
		{ "Stoke-on-Trent City Council\xE2\x80\x99", 1 },
	};
	struct strbuf scratch = STRBUF_INIT;
	struct captured cap;
	struct registry g;
	size_t i;

	(void)state;
	captured_open(&cap);
	registry_init(&g);
	assert_int_equal(registry_read_bytes(&g, text, strlen(text), "r.csv",
					     &cap.diag), FOITAB_OK);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct registry_entry *e;

		assert_int_equal(registry_find(&g, "", cases[i].body, &scratch,
					       &e), 0);
		if (cases[i].entry < 0)
			assert_null(e);
		else
			assert_ptr_equal(e, &g.entries[cases[i].entry]);
	}
	strbuf_release(&scratch);
	registry_free(&g);
	captured_close(&cap);
}

/* Registers that cannot be trusted to send a row to one body. */
static void test_ambiguous_register(void **state)
{
	static const struct { const char *text, *messages; } cases[] = {
		{ "name,ons_code,ods_code\nA Council,E1,X1\nB Council,X1,E2\n",
		  "foitab: r.csv:3: 'B Council' is the same code as line 2; each "
		  "body is in the register once\n" },
		{ "name\nKing's Lynn Council\nKings Lynn Council\n",
		  "foitab: r.csv:3: 'Kings Lynn Council' is the same body as line "
		  "2; each body is in the register once\n" },
		{ "name,ons_code,ods_code\nA Council,E1,E1\n", "" },
		/* Repeats where they stand, in the register's order, each
		 * against the first entry with that name or code. */
		{ "name,ons_code,ods_code\n"
		  "A Council,E1,\n"          /* 2 */
		  "B Council,E2,X2\n"        /* 3 */
		  "a council,E3,\n"          /* 4: the body of 2 */
		  "C Council,e2,\n"          /* 5: the code of 3 */
		  "A. Council,E9,\n"         /* 6: the body of 2 again */
		  "D Council,E4,x2\n",       /* 7: 3's ODS code */
		  "foitab: r.csv:4: 'a council' is the same body as line 2; each "
		  "body is in the register once\n"
		  "foitab: r.csv:5: 'C Council' is the same code as line 3; each "
		  "body is in the register once\n"
		  "foitab: r.csv:6: 'A. Council' is the same body as line 2; each "
		  "body is in the register once\n"
		  "foitab: r.csv:7: 'D Council' is the same code as line 3; each "
		  "body is in the register once\n" },
	};
	struct captured cap;
	struct registry g;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		captured_open(&cap);
		registry_init(&g);
		assert_int_equal(registry_read_bytes(&g, cases[i].text,
						     strlen(cases[i].text), "r.csv",
						     &cap.diag),
				 *cases[i].messages ? FOITAB_DATAERR : FOITAB_OK);
		assert_string_equal(captured_text(&cap), cases[i].messages);
		registry_free(&g);
		captured_close(&cap);
	}
}

/* A register without codes: no message speaks of an empty code. */
static void test_register_without_codes(void **state)
{
	static const char text[] = "name\nA Council\n";
	struct response r = row(2, "E123", "A Council");
	struct captured cap;
	struct registry g;

	(void)state;
	captured_open(&cap);
	registry_init(&g);
	assert_int_equal(registry_read_bytes(&g, text, strlen(text), "r.csv",
					     &cap.diag), FOITAB_OK);
	assert_int_equal(registry_note(&g, &r, "s.csv", &cap.diag), FOITAB_OK);
	assert_string_equal(captured_text(&cap),
		"foitab: s.csv:2: warning: code 'E123' is not in the register, "
		"which gives 'A Council' no code\n");
	registry_free(&g);
	captured_close(&cap);
}

static void test_wrong_register_warns_once(void **state)
{
	struct registry g;
	struct captured cap;
	struct response a = row(2, "", "Northtown Council");
	struct response b = row(3, "", "Southville Council");

	(void)state;
	load(&g);
	captured_open(&cap);
	registry_note(&g, &a, "s.csv", &cap.diag);
	registry_note(&g, &b, "s.csv", &cap.diag);
	registry_close(&g, "s.csv", &cap.diag);
	assert_string_equal(captured_text(&cap),
		"foitab: s.csv: warning: none of the bodies is in the register "
		"reg.csv; name this survey's register with --register FILE, or "
		"leave the check out with --register none\n");
	captured_close(&cap);
	registry_free(&g);
}

static void test_bad_register(void **state)
{
	static const char bad[] =
		"Name,ONS code\nNHS A,E1\nA,E2\n,E3\nB,e1\n";
	struct registry g;
	struct captured cap;

	(void)state;
	registry_init(&g);
	captured_open(&cap);
	assert_int_equal(registry_read_bytes(&g, bad, strlen(bad), "r.csv",
					     &cap.diag), FOITAB_DATAERR);
	assert_string_equal(captured_text(&cap),
		"foitab: r.csv:4: column 'name': empty; each register row names a "
		"body\n"
		"foitab: r.csv:3: 'A' is the same body as line 2; each body is in "
		"the register once\n"
		"foitab: r.csv:5: 'B' is the same code as line 2; each body is in "
		"the register once\n");
	captured_close(&cap);
	registry_free(&g);
}

/*
 * A large register: every body found by its name and by each code; a
 * fork's matches merge into its register unless the register has matched
 * the same body.
 */
static void test_large_register(void **state)
{
	enum { N = 20000 };
	struct strbuf text = STRBUF_INIT, scratch = STRBUF_INIT;
	struct registry g, part;
	struct captured cap;
	char name[64], ons[16], ods[16];
	size_t i;

	(void)state;
	assert_int_equal(strbuf_add(&text, "name,ons_code,ods_code,region\n",
				    30), 0);
	for (i = 0; i < N; i++) {
		char line[128];

		snprintf(line, sizeof line, "Body %zu Council,E%zu,Q%zu,R%zu\n",
			 i, i, i, i % 9);
		assert_int_equal(strbuf_add(&text, line, strlen(line)), 0);
	}
	captured_open(&cap);
	registry_init(&g);
	assert_int_equal(registry_read_bytes(&g, text.buf, text.len, "r.csv",
					     &cap.diag), FOITAB_OK);
	assert_int_equal(g.n, N);
	for (i = 0; i < N; i += 7) {
		const struct registry_entry *e;

		snprintf(name, sizeof name, "body %zu council", i);
		snprintf(ons, sizeof ons, "e%zu", i);
		snprintf(ods, sizeof ods, "q%zu", i);
		assert_int_equal(registry_find(&g, "", name, &scratch, &e), 0);
		assert_ptr_equal(e, &g.entries[i]);
		assert_int_equal(registry_find(&g, ons, "", &scratch, &e), 0);
		assert_ptr_equal(e, &g.entries[i]);
		assert_int_equal(registry_find(&g, ods, "", &scratch, &e), 0);
		assert_ptr_equal(e, &g.entries[i]);
	}

	/* A fork matches bodies 10 and 11; the register, body 12. */
	assert_int_equal(registry_fork(&part, &g), 0);
	{
		struct response a = row(2, "E10", "x"), b = row(3, "", "Body 11 "
							      "Council");
		struct response c = row(2, "E12", "Body 12 Council");

		assert_int_equal(registry_note(&part, &a, "s.csv", &cap.diag),
				 FOITAB_OK);
		assert_int_equal(registry_note(&part, &b, "s.csv", &cap.diag),
				 FOITAB_OK);
		assert_int_equal(registry_note(&g, &c, "s.csv", &cap.diag),
				 FOITAB_OK);
	}
	assert_false(registry_matched(&g.entries[10]));
	assert_true(registry_can_merge(&g, &part));
	registry_merge(&g, &part, 100);
	assert_int_equal(g.entries[10].first_line, 102);
	assert_int_equal(g.entries[11].first_line, 103);
	assert_int_equal(g.entries[12].first_line, 2);
	assert_int_equal(g.matched_rows, 3);
	registry_free(&part);

	/* A second fork matching body 11 again cannot be merged. */
	assert_int_equal(registry_fork(&part, &g), 0);
	{
		struct response d = row(2, "E11", "Body 11 Council");

		assert_int_equal(registry_note(&part, &d, "s.csv", &cap.diag),
				 FOITAB_OK);
	}
	assert_false(registry_can_merge(&g, &part));
	/* A code names its body whatever the name says: no message. */
	assert_string_equal(captured_text(&cap), "");
	registry_free(&part);
	registry_free(&g);
	strbuf_release(&text);
	strbuf_release(&scratch);
	captured_close(&cap);
}

/* What is done to the register read in parts. */
enum twist {
	PLAIN,
	CRLF,                /* every line ends in CR LF */
	QUOTED,              /* names with line breaks and commas, quoted */
	SEMICOLONS,          /* ';' between cells */
	BLANK_LINES,         /* blank lines here and there */
	NOT_ASCII,           /* accents and '&' in the names */
	NAME_ONLY,           /* no codes and no region */
	REPEATED,            /* bodies and codes repeated far apart */
	EMPTY_NAME,          /* an empty name three quarters in */
	STRAY_QUOTE,         /* a quote inside an unquoted cell, late */
	UNCLOSED             /* the last name's quote never closed */
};

#define PARTS_ROWS 3000

/* A register of PARTS_ROWS bodies, twisted, in a temporary file. */
static FILE *twisted_register(enum twist twist)
{
	const char *sep = twist == SEMICOLONS ? ";" : ",";
	const char *end = twist == CRLF ? "\r\n" : "\n";
	FILE *f = tmpfile();
	size_t i;

	assert_non_null(f);
	if (twist == NAME_ONLY)
		fprintf(f, "name%s", end);
	else
		fprintf(f, "name%sons_code%sods_code%sregion%s", sep, sep, sep,
			end);
	for (i = 1; i <= PARTS_ROWS; i++) {
		char name[96];

		snprintf(name, sizeof name, "Body %zu", i);
		if (twist == QUOTED && i % 3 == 0)
			snprintf(name, sizeof name, "\"Body %zu,%sthe \"\"%s\"\"\"",
				 i, i % 2 ? "\n" : " ", i % 2 ? "north" : "south");
		if (twist == NOT_ASCII && i % 4 == 0)
			snprintf(name, sizeof name, "Bödy & Café %zu", i);
		if (twist == REPEATED && i == PARTS_ROWS - 7)
			snprintf(name, sizeof name, "body %d", 12);
		if (twist == EMPTY_NAME && i == PARTS_ROWS * 3 / 4)
			name[0] = '\0';
		if (twist == STRAY_QUOTE && i == PARTS_ROWS * 4 / 5)
			snprintf(name, sizeof name, "Bo\"dy %zu", i);
		if (twist == UNCLOSED && i == PARTS_ROWS)
			snprintf(name, sizeof name, "\"Body %zu", i);
		if (twist == BLANK_LINES && i % 250 == 0)
			fputs(end, f);
		if (twist == NAME_ONLY)
			fprintf(f, "%s%s", name, end);
		else
			fprintf(f, "%s%sE%zu%sQ%zu%sRegion %zu%s", name, sep,
				twist == REPEATED && i == PARTS_ROWS - 3 ? (size_t)40 :
				i, sep, i, sep, i % 9, end);
	}
	assert_int_equal(fflush(f), 0);
	rewind(f);
	return f;
}

/* Read `f` on `jobs` threads in parts of `min_part` bytes (1: one pass). */
static int read_parts(struct registry *g, FILE *f, unsigned jobs,
		      long min_part, struct captured *cap)
{
	rewind(f);
	captured_open(cap);
	registry_init(g);
	return registry_read_parts(g, f, "r.csv", &cap->diag, jobs, min_part);
}

/*
 * A register read in parts, on several threads, gives what one pass
 * gives: the status, the messages (their lines too), and every entry's
 * texts, in order; and the look-ups find the same entries.
 */
static void test_parts_read_as_one_pass(void **state)
{
	static const enum twist twists[] = {
		PLAIN, CRLF, QUOTED, SEMICOLONS, BLANK_LINES, NOT_ASCII,
		NAME_ONLY, REPEATED, EMPTY_NAME, STRAY_QUOTE, UNCLOSED
	};
	static const unsigned jobs[] = { 2, 3, 4, 16 };
	size_t t, j, i;

	(void)state;
	for (t = 0; t < ARRAY_SIZE(twists); t++) {
		FILE *f = twisted_register(twists[t]);
		struct captured one_cap;
		struct registry one;
		int one_status = read_parts(&one, f, 1, 0, &one_cap);

		if (twists[t] == PLAIN || twists[t] == QUOTED)
			assert_int_equal(one.n, PARTS_ROWS);
		for (j = 0; j < ARRAY_SIZE(jobs); j++) {
			struct captured cap;
			struct registry g;

			assert_int_equal(read_parts(&g, f, jobs[j], 2048, &cap),
					 one_status);
			assert_string_equal(captured_text(&cap),
					    captured_text(&one_cap));
			assert_int_equal(g.n, one.n);
			for (i = 0; i < g.n && one_status == FOITAB_OK; i++) {
				const struct registry_entry *a = &g.entries[i],
							    *b = &one.entries[i];

				assert_string_equal(registry_text(&g, a->name),
						    registry_text(&one, b->name));
				assert_string_equal(registry_text(&g, a->ons_code),
						    registry_text(&one, b->ons_code));
				assert_string_equal(registry_text(&g, a->ods_code),
						    registry_text(&one, b->ods_code));
				assert_string_equal(registry_text(&g, a->region),
						    registry_text(&one, b->region));
				assert_string_equal(registry_text(&g, a->key),
						    registry_text(&one, b->key));
			}
			for (i = 0; i < g.n && one_status == FOITAB_OK; i += 97) {
				struct strbuf scratch = STRBUF_INIT;
				const struct registry_entry *e;

				assert_int_equal(registry_find(&g, "",
					registry_text(&g, g.entries[i].name),
					&scratch, &e), 0);
				assert_ptr_equal(e, &g.entries[i]);
				strbuf_release(&scratch);
			}
			registry_free(&g);
			captured_close(&cap);
		}
		registry_free(&one);
		captured_close(&one_cap);
		fclose(f);
	}
}

/*
 * Each allocation failing in turn, reading in parts on three threads: the
 * read ends out of memory, or (when only a part's allocation failed and
 * this thread read its rows again) exactly as without failures.  What
 * leaks is caught by the valgrind and ASan runs of this test.
 */
static void test_parts_allocation_failures(void **state)
{
	FILE *f = twisted_register(PLAIN);
	struct captured cap;
	struct registry want, got;
	long n, total;
	size_t i;

	(void)state;
	mem_failing_arm(-1);
	assert_int_equal(read_parts(&want, f, 3, 16384, &cap), FOITAB_OK);
	total = mem_failing_made();
	captured_close(&cap);
	for (n = 0; n < total; n++) {
		int status;

		mem_failing_arm(n);
		status = read_parts(&got, f, 3, 16384, &cap);
		mem_failing_arm(-1);
		if (status == FOITAB_OK) {
			assert_string_equal(captured_text(&cap), "");
			assert_int_equal(got.n, want.n);
			for (i = 0; i < got.n; i++)
				assert_string_equal(
					registry_text(&got, got.entries[i].key),
					registry_text(&want, want.entries[i].key));
		} else {
			assert_int_equal(status, FOITAB_OSERR);
		}
		registry_free(&got);
		captured_close(&cap);
	}
	registry_free(&want);
	fclose(f);
}

static int read_with(struct diag *diag, void *ctx)
{
	struct registry g;
	int status;

	(void)ctx;
	registry_init(&g);
	status = registry_read_bytes(&g, reg_csv, strlen(reg_csv), "r.csv", diag);
	registry_free(&g);
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
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_note_and_close),
		cmocka_unit_test(test_punctuation),
		cmocka_unit_test(test_ambiguous_register),
		cmocka_unit_test(test_register_without_codes),
		cmocka_unit_test(test_wrong_register_warns_once),
		cmocka_unit_test(test_bad_register),
		cmocka_unit_test(test_large_register),
		cmocka_unit_test(test_parts_read_as_one_pass),
		cmocka_unit_test(test_parts_allocation_failures),
		cmocka_unit_test(test_allocation_failures),
	};

	return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
