/*
 * test_split.c - a file read in parts on several threads reads exactly as
 * it does in one pass: the same messages, status, counts and tally, for
 * clean files (where the parts must really be used) and for every way a
 * part can fall short (a duplicate body across parts, a bad value, a
 * stray or unclosed quote, cells over many lines around a cut).  The
 * parts are made small (min_part) so that files of a few hundred
 * kilobytes are cut many times.
 */
#include "testutil.h"

#include "classifier.h"
#include "loader.h"
#include "split.h"
#include "strbuf.h"

#define ROWS 3000
#define MIN_PART 4096L

/* What is done to the generated file. */
enum twist {
	PLAIN,
	CRLF,                /* every line ends in CR LF */
	DUPLICATE_ACROSS,    /* a body near the end repeats one near the start */
	DUPLICATE_LATE,      /* two bodies in the last tenth are the same */
	BAD_VALUE,           /* an unknown action three quarters in */
	STRAY_QUOTE,         /* a quote inside an unquoted cell, halfway */
	UNCLOSED_QUOTE,      /* the last row's quoted cell never ends */
	LONG_CELL,           /* a cell of 200 lines, with quotes, mid-file */
	BLANK_LINES,         /* blank lines and rows of empty cells */
	BOM_AND_SEMICOLONS,  /* a byte-order mark; ';' between cells */
	CP1252,              /* Windows-1252 letters, read as such */
	NOT_UTF8             /* the same, read as UTF-8: one error a row */
};

struct split_case {
	const char *name;
	enum twist twist;
	int parts_used;      /* a clean file: parts other than the first count */
};

static const struct split_case cases[] = {
	{ "a clean file", PLAIN, 1 },
	{ "CR LF line ends", CRLF, 1 },
	{ "a body in two parts", DUPLICATE_ACROSS, 0 },
	{ "a body twice in the last part", DUPLICATE_LATE, 0 },
	{ "an unknown value in a later part", BAD_VALUE, 0 },
	{ "a stray quote halfway", STRAY_QUOTE, 0 },
	{ "a quote never closed at the end", UNCLOSED_QUOTE, 0 },
	{ "a cell of many lines and quotes mid-file", LONG_CELL, 1 },
	{ "blank lines and empty rows", BLANK_LINES, 1 },
	{ "a byte-order mark and semicolons", BOM_AND_SEMICOLONS, 1 },
	{ "Windows-1252 read as such", CP1252, 1 },
	{ "Windows-1252 read as UTF-8", NOT_UTF8, 0 },
};

/* Write the case's file: ROWS rows of the 2023 survey's columns. */
static FILE *make_file(enum twist twist)
{
	static const char *const actions[] = {
		"specialist", "considering", "unspecified", "none", "under_way"
	};
	const char *eol = twist == CRLF ? "\r\n" : "\n";
	char sep = twist == BOM_AND_SEMICOLONS ? ';' : ',';
	FILE *f = tmpfile();
	int i;

	assert_non_null(f);
	if (twist == BOM_AND_SEMICOLONS)
		fputs("\xEF\xBB\xBF", f);
	fprintf(f, "body%ccode%cresponse%caction%cdrugs%csubstance_misuse%c"
		"summary%s", sep, sep, sep, sep, sep, sep, eol);
	for (i = 1; i <= ROWS; i++) {
		int body = i;
		const char *action = actions[i % 5];

		if ((twist == DUPLICATE_ACROSS && i == ROWS - 7) ||
		    (twist == DUPLICATE_LATE && i == ROWS - 2))
			body = twist == DUPLICATE_ACROSS ? 5 : ROWS - 40;
		if (twist == BAD_VALUE && i == ROWS * 3 / 4)
			action = "consdering";
		if (twist == BLANK_LINES && i % 97 == 0)
			fprintf(f, "%s%c%c%c%c%c%c%s", eol, sep, sep, sep, sep,
				sep, sep, eol);
		fprintf(f, "Body %05d%cE%05d%c%s%c%s%c%s%c%s%c", body, sep, i,
			sep, i % 7 ? "answered" : "pending", sep,
			i % 7 ? action : "", sep, i % 3 ? "opioids" : "", sep,
			i % 7 ? (i % 4 ? "no" : "yes") : "", sep);
		if (twist == STRAY_QUOTE && i == ROWS / 2)
			fputs("a \"stray\" quote", f);
		else if (twist == UNCLOSED_QUOTE && i == ROWS)
			fputs("\"never closed", f);
		else if (twist == LONG_CELL && i == ROWS / 2) {
			int k;

			fputc('"', f);
			for (k = 0; k < 200; k++)
				fprintf(f, "line %d, \"\"quoted\"\"%s", k, eol);
			fputc('"', f);
		} else if (twist == CP1252 || twist == NOT_UTF8)
			fputs("\"caf\xE9, na\xEFve\"", f);
		else if (i % 3 == 0)
			fprintf(f, "\"two lines,%sand \"\"a quote\"\"\"", eol);
		else
			fputs("short note", f);
		fputs(eol, f);
	}
	rewind(f);
	return f;
}

/* Everything one read gives. */
struct outcome {
	int status;
	struct loader_counts counts;
	struct tally tally;
	unsigned long from_parts;   /* responses counted on other threads */
	char *messages;
};

/* What a read collects: a tally, and what became of the parts. */
struct collected {
	struct tally tally;          /* first: count() takes either struct */
	unsigned long from_parts;    /* responses merged from parts */
	int opened, closed;          /* part contexts */
};

/* A part's own tally. */
struct part_tally {
	struct tally tally;          /* first, as above */
	struct collected *owner;
};

static int count(const struct response *r, void *ctx)
{
	tally_add(ctx, r);
	return FOITAB_OK;
}

static void *open_part(void *ctx, struct diag *diag)
{
	struct collected *c = ctx;
	struct part_tally *p = malloc(sizeof *p);

	(void)diag;
	assert_non_null(p);
	tally_init(&p->tally, c->tally.rules);
	p->owner = c;
	c->opened++;
	return p;
}

static int merge(void *ctx, void *part, unsigned long lines_before)
{
	struct collected *c = ctx;
	struct part_tally *p = part;

	(void)lines_before;
	assert_ptr_equal(p->owner, c);
	tally_merge(&c->tally, &p->tally);
	c->from_parts += p->tally.asked;
	return FOITAB_OK;
}

static void close_part(void *part)
{
	struct part_tally *p = part;

	p->owner->closed++;
	free(p);
}

static void read_file(FILE *f, const struct rules *rules, enum twist twist,
		      unsigned jobs, struct outcome *out)
{
	struct csv_format format = { 0, twist == CP1252 ? CSV_CP1252 : CSV_UTF8 };
	struct split_jobs split;
	struct collected c;
	struct captured cap;
	struct loader l;

	rewind(f);
	captured_open(&cap);
	memset(&split, 0, sizeof split);
	split.jobs = jobs;
	split.min_part = MIN_PART;
	split.open_part = open_part;
	split.on_response = count;
	split.merge = merge;
	split.close_part = close_part;
	tally_init(&c.tally, rules);
	c.from_parts = 0;
	c.opened = c.closed = 0;
	out->status = split_read(&l, f, "t.csv", &format, rules, &cap.diag,
				 count, &c, &split);
	out->counts = l.counts;
	loader_release(&l);
	/* Every part's context is closed before split_read() returns. */
	assert_int_equal(c.opened, c.closed);
	out->tally = c.tally;
	out->from_parts = c.from_parts;
	out->messages = strdup(captured_text(&cap));
	captured_close(&cap);
}

static void test_parts_read_as_one_pass(void **state)
{
	static const unsigned jobs[] = { 2, 3, 4, 7, 16 };
	struct rules rules;
	size_t i, j;

	(void)state;
	builtin_rules(&rules);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		FILE *f = make_file(cases[i].twist);
		struct outcome one, many;

		read_file(f, &rules, cases[i].twist, 1, &one);
		assert_int_equal(one.from_parts, 0);
		if (cases[i].parts_used) {
			assert_int_equal(one.status, FOITAB_OK);
			assert_string_equal(one.messages, "");
		} else {
			assert_int_not_equal(one.status, FOITAB_OK);
			assert_string_not_equal(one.messages, "");
		}
		for (j = 0; j < ARRAY_SIZE(jobs); j++) {
			read_file(f, &rules, cases[i].twist, jobs[j], &many);
			if (strcmp(one.messages, many.messages) != 0)
				fail_msg("%s, %u threads: messages\n%s\nnot\n%s",
					 cases[i].name, jobs[j], many.messages,
					 one.messages);
			assert_int_equal(many.status, one.status);
			assert_memory_equal(&many.counts, &one.counts,
					    sizeof one.counts);
			/* The main tally holds everything, parts included. */
			assert_int_equal(many.tally.asked, one.tally.asked);
			assert_int_equal(many.tally.answered, one.tally.answered);
			assert_int_equal(many.tally.pending, one.tally.pending);
			assert_int_equal(many.tally.counted, one.tally.counted);
			assert_int_equal(many.tally.overlaps, one.tally.overlaps);
			assert_memory_equal(many.tally.count, one.tally.count,
					    sizeof one.tally.count);
			/* A clean file really was shared out. */
			if (cases[i].parts_used && many.from_parts == 0)
				fail_msg("%s, %u threads: no part was used",
					 cases[i].name, jobs[j]);
			free(many.messages);
		}
		free(one.messages);
		fclose(f);
	}
	rules_free(&rules);
}

/*
 * Each allocation failing in turn, on three threads: a run ends out of
 * memory, or (when only a part's allocation failed and this thread could
 * read on without more memory) exactly as without failures.  What leaks
 * is caught by the valgrind and ASan runs of this test.
 */
static void test_allocation_failures(void **state)
{
	FILE *f = make_file(PLAIN);
	struct outcome want, got;
	struct rules rules;
	long n, total;

	(void)state;
	builtin_rules(&rules);
	mem_failing_arm(-1);
	read_file(f, &rules, PLAIN, 3, &want);
	total = mem_failing_made();
	assert_int_equal(want.status, FOITAB_OK);
	assert_true(want.from_parts > 0);
	for (n = 0; n < total; n++) {
		mem_failing_arm(n);
		read_file(f, &rules, PLAIN, 3, &got);
		mem_failing_arm(-1);
		if (got.status == FOITAB_OK) {
			assert_string_equal(got.messages, "");
			assert_memory_equal(&got.counts, &want.counts,
					    sizeof want.counts);
			assert_memory_equal(got.tally.count, want.tally.count,
					    sizeof want.tally.count);
		} else {
			assert_int_equal(got.status, FOITAB_OSERR);
		}
		free(got.messages);
	}
	free(want.messages);
	fclose(f);
	rules_free(&rules);
}

/* Standard input, pipes and small files are read in one pass. */
static void test_small_file_in_one_pass(void **state)
{
	struct rules rules;
	struct outcome out;
	FILE *f = tmpfile();

	(void)state;
	builtin_rules(&rules);
	assert_non_null(f);
	fputs("body,response,action,substance_misuse,drugs\n"
	      "A,answered,none,no\nB,pending,,\n", f);
	read_file(f, &rules, PLAIN, 8, &out);
	assert_int_equal(out.status, FOITAB_OK);
	assert_int_equal(out.tally.asked, 2);
	assert_int_equal(out.from_parts, 0);
	free(out.messages);
	fclose(f);
	rules_free(&rules);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts_read_as_one_pass),
		cmocka_unit_test(test_small_file_in_one_pass),
		cmocka_unit_test(test_allocation_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
