/*
 * test_loader.c - the codebook checks: which rows become responses, with
 * what values, and which messages the rest produce.  Each case is fed in
 * every block size.
 */
#include "testutil.h"

#include "bodies.h"
#include "exitcodes.h"
#include "loader.h"
#include "spellings.h"
#include "strbuf.h"

#define HEAD "body,response,action,substance_misuse,drugs\n"
/* What follows a header that does not fit the built-in rules. */
#define BUILTIN_NOTE "foitab: t.csv: these are the built-in rules, for the " \
	"2023 survey of ICBs ('foitab rules' prints them); for another " \
	"survey, 'foitab init FILE' drafts rules from its sheet, and --rules " \
	"RULES uses them\n"

static const struct csv_format detect = { 0, CSV_UTF8 };

struct loader_case {
	const char *name;
	const char *input;
	const char *responses;   /* "LINE body|response|action|drugs|flag|code|summary" */
	const char *messages;
	int status;
	unsigned long blank_rows;
};

static const struct loader_case cases[] = {
	{ "plain rows",
	  HEAD "A,answered,none,no,\nB,refused,,,\nC,pending,,,\n",
	  "2 A|answered|none|0|n||\n3 B|refused||0|-||\n4 C|pending||0|-||\n",
	  "", FOITAB_OK, 0 },
	{ "headers in any order, case and spacing; extra columns warned of",
	  " Substance Misuse ,NOTES,Action,BODY,Response,Code,Summary,drugs\n"
	  "no,x,specialist,A,answered,E54000001,went well\n",
	  "2 A|answered|specialist|0|n|E54000001|went well\n",
	  "foitab: t.csv:1: warning: column 'NOTES' is not one of the rules' "
	  "columns, so it is not read\n", FOITAB_OK, 0 },
	{ "a column a bucket tests is missing: an error, not an empty column",
	  "body,response,action,drug,substance_misuse\n"
	  "A,answered,none,opioids,no\n", "",
	  "foitab: t.csv:1: warning: column 'drug' is not one of the rules' "
	  "columns, so it is not read (did you mean 'drugs'?)\n"
	  "foitab: t.csv:1: the header has no 'drugs' column (did you mean "
	  "'drug'? the header found: 'body', 'response', 'action', 'drug', "
	  "'substance_misuse')\n"
	  BUILTIN_NOTE, FOITAB_DATAERR, 0 },
	{ "a first row of empty cells is not the header",
	  ",,,\n" HEAD "A,answered,none,no,\n",
	  "3 A|answered|none|0|n||\n", "", FOITAB_OK, 0 },
	{ "a header refused for a bad byte: no later row is taken for it",
	  "body,response,action,substance_misuse,dr\xFFugs\n"
	  "A,answered,none,no,\n"
	  "body,response,action,substance_misuse,drugs\n", "",
	  "foitab: t.csv:1: cell 5 is not UTF-8 text. A file saved from Excel "
	  "as plain \"CSV\" is Windows-1252: run again with --encoding cp1252, "
	  "or save it as \"CSV UTF-8\"\n", FOITAB_DATAERR, 0 },
	{ "values in any case, with spaces, '-' and '_' alike",
	  HEAD "A, Answered ,Under way,YES,Z drugs\n"
	  "B,ANSWERED,under-way,No,z_drugs; Opioids\n",
	  "2 A|answered|under_way|8|y||\n3 B|answered|under_way|9|n||\n", "",
	  FOITAB_OK, 0 },
	{ "booleans as spreadsheets write them",
	  HEAD "A,answered,none,TRUE,\nB,answered,none,false,\n"
	  "C,answered,none,1,\nD,answered,none,0,\nE,answered,none,y,\n"
	  "F,answered,none,N,\n",
	  "2 A|answered|none|0|y||\n3 B|answered|none|0|n||\n"
	  "4 C|answered|none|0|y||\n5 D|answered|none|0|n||\n"
	  "6 E|answered|none|0|y||\n7 F|answered|none|0|n||\n",
	  "", FOITAB_OK, 0 },
	{ "drug lists: separators and common names",
	  HEAD "A,answered,none,no,\"benzos, opiates | pregabalin;gabapentin\"\n"
	  "B,answered,none,no,antidepressant;;\n",
	  "2 A|answered|none|7|n||\n3 B|answered|none|16|n||\n", "",
	  FOITAB_OK, 0 },
	{ "blank lines and rows of empty cells are skipped and counted",
	  HEAD "\nA,answered,none,no,\n,,,,\n  , ,\"\",,\nB,pending,,,\n,,,,\n",
	  "3 A|answered|none|0|n||\n6 B|pending||0|-||\n", "", FOITAB_OK, 4 },
	{ "a summary over several lines keeps line numbers right",
	  "body,response,action,substance_misuse,summary,drugs\n"
	  "A,answered,none,no,\"one\ntwo\nthree\"\nB,answered,bogus,no,\n",
	  "2 A|answered|none|0|n||one\ntwo\nthree\n",
	  "foitab: t.csv:5: column 'action': unknown value 'bogus'; expected "
	  "one of: specialist, under_way, unspecified, considering, none\n",
	  FOITAB_DATAERR, 0 },
	{ "misspelt values get a suggestion",
	  HEAD "A,answred,none,no,\nB,answered,consdering,no,\n"
	  "C,answered,none,yse,\nD,answered,none,no,opiods\n",
	  "",
	  "foitab: t.csv:2: column 'response': unknown value 'answred' (did "
	  "you mean 'answered'?)\n"
	  "foitab: t.csv:3: column 'action': unknown value 'consdering' (did "
	  "you mean 'considering'?)\n"
	  "foitab: t.csv:4: column 'substance_misuse': unknown value 'yse'; "
	  "expected one of: yes, no\n"
	  "foitab: t.csv:5: column 'drugs': unknown drug class 'opiods' (did "
	  "you mean 'opioids'?)\n",
	  FOITAB_DATAERR, 0 },
	{ "an answered row needs an action and the flag",
	  HEAD "A,answered,,,\nB,pending,,,\n",
	  "3 B|pending||0|-||\n",
	  "foitab: t.csv:2: column 'action': empty; an answered response needs "
	  "one of: specialist, under_way, unspecified, considering, none\n"
	  "foitab: t.csv:2: column 'substance_misuse': empty; an answered "
	  "response needs one of: yes, no\n",
	  FOITAB_DATAERR, 0 },
	{ "every row needs a body and a response",
	  HEAD ",answered,none,no,\nB,,,,\n",
	  "",
	  "foitab: t.csv:2: column 'body': empty; every row needs the public "
	  "body's name\n"
	  "foitab: t.csv:3: column 'response': empty; every row needs one of: "
	  "answered, refused, pending\n",
	  FOITAB_DATAERR, 0 },
	{ "duplicate bodies, compared without case or extra spaces",
	  HEAD "NHS Devon,answered,none,no,\nnhs  DEVON ,pending,,,\n",
	  "2 NHS Devon|answered|none|0|n||\n",
	  "foitab: t.csv:3: column 'body': 'nhs  DEVON' is already on line 2; "
	  "each body has one row\n",
	  FOITAB_DATAERR, 0 },
	{ "more cells than the header",
	  "body,response,action,substance_misuse,drugs\n"
	  "A,answered,none,no,,,\nB,answered,none,no,,oops\n",
	  "2 A|answered|none|0|n||\n",
	  "foitab: t.csv:3: this row has 6 cells but the header has 5; cell 6 "
	  "has no column (a stray delimiter?)\n",
	  FOITAB_DATAERR, 0 },
	{ "European Excel: semicolons, decimal commas in notes",
	  "body;response;action;substance_misuse;summary;drugs\n"
	  "A;answered;none;no;costs 1,5 million\n",
	  "2 A|answered|none|0|n||costs 1,5 million\n", "", FOITAB_OK, 0 },
	{ "a required column missing from the header",
	  "body,response,substance misuse,drugs\nA,answered,no\n", "",
	  "foitab: t.csv:1: the header has no 'action' column (the header "
	  "found: 'body', 'response', 'substance misuse', 'drugs')\n"
	  BUILTIN_NOTE,
	  FOITAB_DATAERR, 0 },
	{ "a column twice in the header",
	  "body,response,action,Action,substance_misuse,drugs\n"
	  "A,answered,none,none,no\n",
	  "",
	  "foitab: t.csv:1: column 'action' appears twice in the header (cells "
	  "3 and 4); keep one\n" BUILTIN_NOTE,
	  FOITAB_DATAERR, 0 },
	{ "an empty file", "", "",
	  "foitab: t.csv: the file is empty; it needs a header row (body, "
	  "response, action, substance_misuse, drugs, ...) and a row for each body\n",
	  FOITAB_DATAERR, 0 },
	{ "a header and no rows", HEAD "\n,,,,\n", "",
	  "foitab: t.csv: there are no data rows under the header\n",
	  FOITAB_DATAERR, 2 },
	{ "control characters in a bad value are not echoed",
	  HEAD "A,answered,\"no\tne\x01\",no,\n", "",
	  "foitab: t.csv:2: column 'action': unknown value 'no\\tne\\x01'; expected "
	  "one of: specialist, under_way, unspecified, considering, none\n",
	  FOITAB_DATAERR, 0 },
};

static struct rules rules;

/* The name of a choice column's value in `r`, or "". */
static const char *choice(const struct response *r, const char *column)
{
	int c = rules_column(&rules, column);
	unsigned v;

	for (v = 0; v < rules.columns[c].nvalues; v++)
		if (bitset_has(&r->bits[c], v))
			return rules.columns[c].values[v];
	return "";
}

static int collect(const struct response *r, void *ctx)
{
	struct strbuf *out = ctx;
	uint64_t flag = r->bits[rules_column(&rules, "substance_misuse")].w[0];
	char buf[256];

	snprintf(buf, sizeof buf, "%lu %s|%s|%s|%u|%s|", r->line, r->body,
		 choice(r, "response"), choice(r, "action"),
		 (unsigned)r->bits[rules_column(&rules, "drugs")].w[0],
		 flag & 1 ? "y" : flag & 2 ? "n" : "-");
	strbuf_add(out, buf, strlen(buf));
	strbuf_add(out, r->code, strlen(r->code));
	strbuf_addch(out, '|');
	strbuf_add(out, r->summary, strlen(r->summary));
	strbuf_addch(out, '\n');
	return FOITAB_OK;
}

static void run_case(const struct loader_case *c, size_t block)
{
	size_t len = strlen(c->input), at;
	struct strbuf got = STRBUF_INIT;
	struct captured cap;
	struct loader l;
	int status;

	captured_open(&cap);
	status = loader_begin(&l, "t.csv", &detect, &rules, &cap.diag, collect, &got);
	for (at = 0; at < len && status == FOITAB_OK; at += block)
		status = loader_feed(&l, c->input + at,
				     len - at < block ? len - at : block);
	status = status == FOITAB_OK ? loader_end(&l) : status;
	if (strcmp(strbuf_str(&got), c->responses) != 0 ||
	    strcmp(captured_text(&cap), c->messages) != 0 ||
	    status != c->status || l.counts.blank_rows != c->blank_rows) {
		print_error("case '%s', block %zu:\nresponses:\n%s\nwanted:\n%s\n"
			    "messages:\n%s\nwanted:\n%s\nstatus %d, wanted %d; "
			    "blank rows %lu, wanted %lu\n", c->name, block,
			    strbuf_str(&got), c->responses, captured_text(&cap),
			    c->messages, status, c->status, l.counts.blank_rows,
			    c->blank_rows);
		fail();
	}
	loader_release(&l);
	strbuf_release(&got);
	captured_close(&cap);
}

static void test_cases_in_every_block_size(void **state)
{
	size_t i, block;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		for (block = 1; block <= strlen(cases[i].input) + 1; block++)
			run_case(&cases[i], block);
}

/*
 * Many bodies: the duplicate index grows (past the size at which it hands
 * pages back while growing) and still finds the one repeat.
 */
static void test_many_bodies(void **state)
{
	struct strbuf in = STRBUF_INIT, got = STRBUF_INIT;
	struct captured cap;
	struct loader l;
	char row[64];
	int i;

	(void)state;
	strbuf_add(&in, HEAD, strlen(HEAD));
	for (i = 0; i < 20000; i++) {
		snprintf(row, sizeof row, "Body %d,pending,,,\n", i);
		strbuf_add(&in, row, strlen(row));
	}
	strbuf_add(&in, "body 4321,pending,,,\n", 21);
	captured_open(&cap);
	loader_begin(&l, "t.csv", &detect, &rules, &cap.diag, collect, &got);
	loader_feed(&l, in.buf, in.len);
	assert_int_equal(loader_end(&l), FOITAB_DATAERR);
	assert_int_equal(l.counts.responses, 20000);
	assert_string_equal(captured_text(&cap),
			    "foitab: t.csv:20002: column 'body': 'body 4321' is "
			    "already on line 4323; each body has one row\n");
	loader_release(&l);
	strbuf_release(&in);
	strbuf_release(&got);
	captured_close(&cap);
}

/* A long header is cut short in the message, never overflowing it. */
static void test_long_header(void **state)
{
	struct strbuf in = STRBUF_INIT, got = STRBUF_INIT;
	struct captured cap;
	struct loader l;
	const char *text, *line_end;
	int i, j;

	(void)state;
	for (i = 0; i < 40; i++) {
		for (j = 0; j < 5 + i % 7; j++)
			strbuf_addch(&in, 'a' + i % 26);
		strbuf_addch(&in, i < 39 ? ',' : '\n');
	}
	/* The unknown cells in one line, the first four named ... */
	captured_open(&cap);
	loader_begin(&l, "t.csv", &detect, &rules, &cap.diag, collect, &got);
	loader_feed(&l, in.buf, in.len);
	assert_int_equal(loader_end(&l), FOITAB_DATAERR);
	assert_int_equal(cap.diag.warnings, 1);
	assert_int_equal(cap.diag.errors, 5);
	text = captured_text(&cap);
	assert_non_null(strstr(text, "warning: 40 columns are not the rules' "
			       "columns, so they are not read: 'aaaaa', "
			       "'bbbbbb', 'ccccccc', 'dddddddd' and 36 more "
			       "('foitab check' names each)\n"));
	loader_release(&l);
	captured_close(&cap);
	strbuf_reset(&got);
	/* ... and each a warning of its own for check. */
	captured_open(&cap);
	cap.diag.each = 1;
	loader_begin(&l, "t.csv", &detect, &rules, &cap.diag, collect, &got);
	loader_feed(&l, in.buf, in.len);
	assert_int_equal(loader_end(&l), FOITAB_DATAERR);
	text = captured_text(&cap);
	/* Each unknown cell is a warning; then the five missing columns. */
	assert_int_equal(cap.diag.warnings, 40);
	assert_int_equal(cap.diag.errors, 5);
	for (i = 0; i < 40; i++)
		text = strchr(text, '\n') + 1;
	for (i = 0; i < 5; i++) {
		line_end = strchr(text, '\n');
		assert_non_null(line_end);
		assert_true(line_end - text < 340);
		assert_memory_equal(line_end - 6, ", ...)", 6);
		text = line_end + 1;
	}
	loader_release(&l);
	strbuf_release(&in);
	strbuf_release(&got);
	captured_close(&cap);
}

static int load_with(struct diag *diag, void *ctx)
{
	const char *input = ctx;
	struct strbuf got = STRBUF_INIT;
	struct loader l;
	int status = loader_begin(&l, "t.csv", &detect, &rules, diag, collect, &got);

	if (status == FOITAB_OK)
		status = loader_feed(&l, input, strlen(input));
	if (status == FOITAB_OK)
		status = loader_end(&l);
	loader_release(&l);
	strbuf_release(&got);
	return status;
}

static void test_allocation_failures(void **state)
{
	(void)state;
	sweep_allocation_failures(load_with, (void *)(HEAD
				  "A,answered,none,no,opioids\n"
				  "B,answered,bad,no,\nC,pending,,,\n"),
				  FOITAB_DATAERR);
}

/*
 * A body's key folds case and runs of white space, Unicode's included,
 * whether a name is plain ASCII (the quick path) or not, and nothing
 * else: names that differ otherwise have different keys.
 */
static void test_body_keys(void **state)
{
	static const struct { const char *a, *b; int same; } keys[] = {
		{ "Body One", "body one", 1 },
		{ "Body One", "BODY  ONE", 1 },
		{ "Body One", "Body\tOne", 1 },
		{ "Body One", "Body \r\n\v\fOne", 1 },
		{ "Body One", "Body\xC2\xA0One", 1 },          /* no-break */
		{ "Body One", "Body\xE2\x80\x83One", 1 },      /* em space */
		{ "Body One", "Body \xE3\x80\x80 One", 1 },    /* ideographic */
		{ "Caf\xC3\xA9 Trust", "CAF\xC3\x89 TRUST", 1 },
		{ "\xC3\x84rzte", "\xC3\xA4RZTE", 1 },
		{ "Caf\xE9", "CAF\xE9", 1 },                   /* not UTF-8 */
		{ "caf\xC3\xA9 \xC3\xA9" "cole", "CAF\xC3\x89\xC2\xA0\xC3\x89" "COLE", 1 },
		{ "\xCE\x91\xCE\x98\xCE\x97\xCE\x9D\xCE\x91",       /* Greek */
		  "\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1", 1 },
		{ "\xCE\x91\xCE\x98", "\xCE\xB1\xCE\xB7", 0 },
		{ "Body One", "Body On", 0 },
		{ "Body One", "BodyOne", 0 },
		{ "Body One", "Body_One", 0 },
		{ "Body One", "Body-One", 0 },
		{ "Body 1", "Body 2", 0 },
		{ "[body]", "{body}", 0 },                     /* not +32 */
		{ "@", "`", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		uint64_t a = bodies_hash(keys[i].a), b = bodies_hash(keys[i].b);

		if ((a == b) != keys[i].same)
			fail_msg("case %zu: '%s' and '%s' %s", i, keys[i].a,
				 keys[i].b, keys[i].same ? "differ" : "agree");
		assert_true(a != 0);
	}
}

/*
 * The memo of spellings: a spelling is found in its own column only,
 * byte for byte, whatever its length; once full, or for a spelling too
 * long, it keeps nothing more and says so by finding nothing.
 */
static void test_spellings_memo(void **state)
{
	char text[SPELLINGS_LONGEST + 2];
	struct spellings m;
	size_t len;
	int i;

	(void)state;
	spellings_init(&m);
	assert_int_equal(spellings_find(&m, spellings_key(3, "Yes", 3), 3,
					"Yes", 3), -1);
	spellings_keep(&m, spellings_key(3, "Yes", 3), 3, "Yes", 3, 0);
	assert_int_equal(spellings_find(&m, spellings_key(3, "Yes", 3), 3,
					"Yes", 3), 0);
	assert_int_equal(spellings_find(&m, spellings_key(4, "Yes", 3), 4,
					"Yes", 3), -1);
	assert_int_equal(spellings_find(&m, spellings_key(3, "yes", 3), 3,
					"yes", 3), -1);
	/* Every length, so every way of making a key: "a", "aa", ... */
	memset(text, 'a', sizeof text);
	for (len = 1; len <= 40; len++)
		spellings_keep(&m, spellings_key(5, text, len), 5, text, len,
			       (int)len);
	for (len = 1; len <= 40; len++)
		assert_int_equal(spellings_find(&m, spellings_key(5, text, len),
						5, text, len), (int)len);
	/* Same ends, different middle: found apart. */
	spellings_keep(&m, spellings_key(5, "abcdefgh-1-abcdefgh", 19), 5,
		       "abcdefgh-1-abcdefgh", 19, 101);
	assert_int_equal(spellings_find(&m, spellings_key(5,
					"abcdefgh-2-abcdefgh", 19), 5,
					"abcdefgh-2-abcdefgh", 19), -1);
	/* Too long to keep. */
	spellings_keep(&m, spellings_key(6, text, SPELLINGS_LONGEST + 1), 6,
		       text, SPELLINGS_LONGEST + 1, 7);
	assert_int_equal(spellings_find(&m, spellings_key(6, text,
					SPELLINGS_LONGEST + 1), 6, text,
					SPELLINGS_LONGEST + 1), -1);
	/* Filled up: the first kept are found, the rest not. */
	for (i = 0; i < 2 * SPELLINGS_MAX; i++) {
		char s[16];
		int n = snprintf(s, sizeof s, "s%d", i);

		spellings_keep(&m, spellings_key(1, s, (size_t)n), 1, s,
			       (size_t)n, i % 7);
	}
	for (i = 0; i < 2 * SPELLINGS_MAX; i++) {
		char s[16];
		int n = snprintf(s, sizeof s, "s%d", i);
		int v = spellings_find(&m, spellings_key(1, s, (size_t)n), 1, s,
				       (size_t)n);

		assert_int_equal(v, m.n == SPELLINGS_MAX &&
				 i >= SPELLINGS_MAX - 42 ? -1 : i % 7);
	}
	assert_int_equal(m.n, SPELLINGS_MAX);
	spellings_free(&m);
	assert_null(m.slot);
}

/*
 * A body named again is found with the line it was first named on,
 * however far apart the rows stand (a step of one line, of many, of more
 * than 254), whether it was noted here or in a part taken in, folded into
 * the index or kept beside it.
 */
static void test_body_lines(void **state)
{
	enum { N = 5000 };
	static const unsigned long gaps[] = { 1, 1, 2, 254, 255, 300, 1, 70000 };
	unsigned long line = 1, lines[N], first;
	struct bodies b, part, big;
	char name[32];
	size_t i;

	(void)state;
	assert_int_equal(bodies_init(&b), 0);
	for (i = 0; i < N; i++) {
		line += gaps[i % ARRAY_SIZE(gaps)];
		lines[i] = line;
		snprintf(name, sizeof name, "Body %zu", i);
		assert_int_equal(bodies_note(&b, bodies_hash(name), line, &first), 0);
	}
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof name, "BODY  %zu", i);
		assert_int_equal(bodies_note(&b, bodies_hash(name), line + 1,
					     &first), 1);
		assert_int_equal(first, lines[i]);
	}
	/* A part's bodies, their lines counted from its own start. */
	assert_int_equal(bodies_init(&part), 0);
	assert_int_equal(bodies_init(&big), 0);
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof name, "Part %zu", i);
		assert_int_equal(bodies_note(&part, bodies_hash(name),
					     lines[i], &first), 0);
	}
	for (i = 0; i < 70000; i++) {
		snprintf(name, sizeof name, "Big %zu", i);
		assert_int_equal(bodies_note(&big, bodies_hash(name), 3 * i + 1,
					     &first), 0);
	}
	assert_true(bodies_can_take(&b, &part));
	assert_int_equal(bodies_take(&b, &part, 1000000), 0);
	assert_true(bodies_can_take(&b, &big));
	assert_int_equal(bodies_take(&b, &big, 2000000), 0);
	assert_false(bodies_can_take(&b, &b));
	for (i = 0; i < N; i += 7) {
		snprintf(name, sizeof name, "part %zu", i);
		assert_int_equal(bodies_note(&b, bodies_hash(name), 9999999,
					     &first), 1);
		assert_int_equal(first, lines[i] + 1000000);
	}
	for (i = 0; i < 70000; i += 997) {
		snprintf(name, sizeof name, "big %zu", i);
		assert_int_equal(bodies_note(&b, bodies_hash(name), 9999999,
					     &first), 1);
		assert_int_equal(first, 3 * i + 1 + 2000000);
	}
	bodies_free(&part);
	bodies_free(&big);
	bodies_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases_in_every_block_size),
		cmocka_unit_test(test_many_bodies),
		cmocka_unit_test(test_body_keys),
		cmocka_unit_test(test_body_lines),
		cmocka_unit_test(test_spellings_memo),
		cmocka_unit_test(test_long_header),
		cmocka_unit_test(test_allocation_failures),
	};

	int failed;

	builtin_rules(&rules);
	failed = cmocka_run_group_tests_name("loader", tests, NULL, NULL);
	rules_free(&rules);
	return failed;
}
