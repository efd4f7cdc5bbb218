/*
 * test_csvread.c - the libcsv layer: rows, physical line numbers and byte
 * level oddities.  Every case is fed in every block size from one byte to
 * the whole input, and must give the same rows and messages each time.
 */
#include "testutil.h"

#include "csvread.h"
#include "exitcodes.h"
#include "strbuf.h"

struct csv_case {
	const char *name;
	struct csv_format format;
	const char *input;
	size_t len;              /* 0: strlen(input) */
	const char *rows;        /* "LINE:cell|cell\n" per row; "LINE:" blank */
	const char *messages;    /* what diag printed */
	int status;
};

#define C { ',', CSV_UTF8 }
#define DETECT { 0, CSV_UTF8 }
#define CP1252 { ',', CSV_CP1252 }

static const struct csv_case cases[] = {
	{ "LF", C, "a,b\n1,2\n", 0, "1:a|b\n2:1|2\n", "", FOITAB_OK },
	{ "CRLF", C, "a,b\r\n1,2\r\n", 0, "1:a|b\n2:1|2\n", "", FOITAB_OK },
	{ "CR only", C, "a,b\r1,2\r", 0, "1:a|b\n2:1|2\n", "", FOITAB_OK },
	{ "no final newline", C, "a,b\n1,2", 0, "1:a|b\n2:1|2\n", "", FOITAB_OK },
	{ "blank lines are rows with no cells", C, "a\n\n\nb\n", 0,
	  "1:a\n2:\n3:\n4:b\n", "", FOITAB_OK },
	{ "CRLF blank lines", C, "a\r\n\r\nb\r\n", 0, "1:a\n2:\n3:b\n", "",
	  FOITAB_OK },
	{ "CR blank lines", C, "a\r\rb\r", 0, "1:a\n2:\n3:b\n", "", FOITAB_OK },
	{ "quoted LF keeps the start line", C, "h\n\"x\ny\",z\nnext\n", 0,
	  "1:h\n2:x\ny|z\n4:next\n", "", FOITAB_OK },
	{ "quoted CRLF keeps the start line", C, "h\r\n\"x\r\ny\r\n\",z\r\nn\r\n",
	  0, "1:h\n2:x\r\ny\r\n|z\n5:n\n", "", FOITAB_OK },
	{ "quoted blank line", C, "\"a\n\nb\"\nc\n", 0, "1:a\n\nb\n4:c\n", "",
	  FOITAB_OK },
	{ "escaped quotes", C, "\"say \"\"hi\"\"\",2\n", 0, "1:say \"hi\"|2\n",
	  "", FOITAB_OK },
	{ "UTF-8 BOM dropped", C, "\xEF\xBB\xBF" "a,b\n", 0, "1:a|b\n", "",
	  FOITAB_OK },
	{ "BOM-like start kept", CP1252, "\xEF\xBBx\n", 0,
	  "1:\xC3\xAF\xC2\xBBx\n", "", FOITAB_OK },
	{ "empty input", C, "", 0, "", "", FOITAB_OK },
	{ "one byte", C, "a", 0, "1:a\n", "", FOITAB_OK },
	{ "spaces around unquoted cells trimmed", C, " a , b \n", 0, "1:a|b\n",
	  "", FOITAB_OK },
	{ "empty cells", C, ",,\n", 0, "1:||\n", "", FOITAB_OK },
	{ "UTF-16 LE refused", C, "\xFF\xFE" "a\0,\0b\0", 8, "",
	  "foitab: t.csv: this file is UTF-16 text (Excel's \"Unicode text\"); "
	  "save it as \"CSV UTF-8 (comma delimited)\" instead\n",
	  FOITAB_DATAERR },
	{ "UTF-16 BE refused", C, "\xFE\xFF\0a", 4, "",
	  "foitab: t.csv: this file is UTF-16 text (Excel's \"Unicode text\"); "
	  "save it as \"CSV UTF-8 (comma delimited)\" instead\n",
	  FOITAB_DATAERR },
	{ "unterminated quote names the record's line", C,
	  "a\nb\n\"open,\nstill\nopen\n", 0, "1:a\n2:b\n",
	  "foitab: t.csv:3: a quoted cell starting here is never closed: a "
	  "closing quote (\") is missing\n", FOITAB_DATAERR },
	{ "stray quote after a quoted cell", C, "a\n\"x\"y,z\nw\n", 0, "1:a\n",
	  "foitab: t.csv:2: misplaced quote: a quoted cell must end at a "
	  "delimiter or the end of the line, and a quote inside a cell is "
	  "written twice (\"\")\n", FOITAB_DATAERR },
	{ "stray quote inside an unquoted cell", C, "a\nb\nx\"y\n", 0,
	  "1:a\n2:b\n",
	  "foitab: t.csv:3: misplaced quote: a quoted cell must end at a "
	  "delimiter or the end of the line, and a quote inside a cell is "
	  "written twice (\"\")\n", FOITAB_DATAERR },
	{ "NUL byte in a cell", C, "a\nb\0c\nd\n", 8, "1:a\n3:d\n",
	  "foitab: t.csv:2: cell 1 holds a NUL byte, which never belongs in a "
	  "spreadsheet export; re-save the file as CSV\n", FOITAB_OK },
	{ "NUL or a high byte as the last of a long cell", C,
	  "long ascii,abcdefghijk\nabcdefghijk\0,x\nabcdefgh\xE9,y\nok\n", 53,
	  "1:long ascii|abcdefghijk\n4:ok\n",
	  "foitab: t.csv:2: cell 1 holds a NUL byte, which never belongs in a "
	  "spreadsheet export; re-save the file as CSV\n"
	  "foitab: t.csv:3: cell 1 is not UTF-8 text. A file saved from Excel "
	  "as plain \"CSV\" is Windows-1252: run again with --encoding cp1252, "
	  "or save it as \"CSV UTF-8\"\n", FOITAB_OK },
	{ "quote opened on a later line of the record", C,
	  "h\n\"a\nb\",\"c\nd\n", 0, "1:h\n",
	  "foitab: t.csv:3: a quoted cell starting here (in the row that starts "
	  "on line 2) is never closed: a closing quote (\") is missing\n",
	  FOITAB_DATAERR },
	{ "quote opened on the record's only line", C, "h\nx,\"y", 0, "1:h\n",
	  "foitab: t.csv:2: a quoted cell starting here is never closed: a "
	  "closing quote (\") is missing\n", FOITAB_DATAERR },
	{ "semicolons detected", DETECT, "a;b;c\n1,5;2;3\n", 0,
	  "1:a|b|c\n2:1,5|2|3\n", "", FOITAB_OK },
	{ "tabs detected", DETECT, "a\tb\t c\n1\t\t3\n", 0,
	  "1:a|b|c\n2:1||3\n", "", FOITAB_OK },
	{ "commas win a tie", DETECT, "a;b,c\n", 0, "1:a;b|c\n", "", FOITAB_OK },
	{ "only the first row decides, whatever the block size", DETECT,
	  "a,b\r\nc;d;e;f;g\n", 0, "1:a|b\n2:c;d;e;f;g\n", "", FOITAB_OK },
	{ "detection skips blank lines and quoted delimiters", DETECT,
	  "\n\r\n\"x,y,z\";b;c\n1;2;3", 0,
	  "1:\n2:\n3:x,y,z|b|c\n4:1|2|3\n", "", FOITAB_OK },
	{ "detection with a BOM and no newline", DETECT,
	  "\xEF\xBB\xBF" "a;b", 0, "1:a|b\n", "", FOITAB_OK },
	{ "a forced delimiter", { '|', CSV_UTF8 }, "a|b,c\n", 0, "1:a|b,c\n",
	  "", FOITAB_OK },
	{ "UTF-8 text passes", C, "caf\xC3\xA9,\xE2\x80\x99,\xF0\x9F\x98\x80\n",
	  0, "1:caf\xC3\xA9|\xE2\x80\x99|\xF0\x9F\x98\x80\n", "", FOITAB_OK },
	{ "Windows-1252 text refused as UTF-8", C,
	  "a,b\ncaf\xE9,x\nok,\x92y\x92\n", 0, "1:a|b\n",
	  "foitab: t.csv:2: cell 1 is not UTF-8 text. A file saved from Excel "
	  "as plain \"CSV\" is Windows-1252: run again with --encoding cp1252, "
	  "or save it as \"CSV UTF-8\"\n"
	  "foitab: t.csv:3: cell 2 is not UTF-8 text. A file saved from Excel "
	  "as plain \"CSV\" is Windows-1252: run again with --encoding cp1252, "
	  "or save it as \"CSV UTF-8\"\n", FOITAB_OK },
	{ "overlong and surrogate UTF-8 refused", C, "\xC0\xAF\n\xED\xA0\x80\n",
	  0, "",
	  "foitab: t.csv:1: cell 1 is not UTF-8 text. A file saved from Excel "
	  "as plain \"CSV\" is Windows-1252: run again with --encoding cp1252, "
	  "or save it as \"CSV UTF-8\"\n"
	  "foitab: t.csv:2: cell 1 is not UTF-8 text. A file saved from Excel "
	  "as plain \"CSV\" is Windows-1252: run again with --encoding cp1252, "
	  "or save it as \"CSV UTF-8\"\n", FOITAB_OK },
	{ "Windows-1252 converted", CP1252, "caf\xE9,\x92q\x92,\x80\n", 0,
	  "1:caf\xC3\xA9|\xE2\x80\x99q\xE2\x80\x99|\xE2\x82\xAC\n", "",
	  FOITAB_OK },
	{ "a byte Windows-1252 lacks", CP1252, "a\x81\nb\n", 0, "2:b\n",
	  "foitab: t.csv:1: cell 1 has the byte 0x81, which is not "
	  "Windows-1252 text; is the file really --encoding cp1252?\n",
	  FOITAB_OK },
};

/* Rows as text, for comparison. */
static int collect(const struct csv_row *row, void *ctx)
{
	struct strbuf *out = ctx;
	char line[32];
	size_t i;

	snprintf(line, sizeof line, "%lu:", row->line);
	strbuf_add(out, line, strlen(line));
	for (i = 0; i < row->nfields; i++) {
		if (i)
			strbuf_addch(out, '|');
		strbuf_add(out, row->fields[i], row->lens[i]);
	}
	strbuf_addch(out, '\n');
	return FOITAB_OK;
}

static void run_case(const struct csv_case *c, size_t block)
{
	size_t len = c->len ? c->len : strlen(c->input), at;
	struct strbuf rows = STRBUF_INIT;
	struct captured cap;
	struct csvread r;
	int status;

	captured_open(&cap);
	assert_int_equal(csvread_init(&r, "t.csv", &c->format, &cap.diag,
				      collect, &rows), FOITAB_OK);
	status = FOITAB_OK;
	for (at = 0; at < len && status == FOITAB_OK; at += block)
		status = csvread_feed(&r, c->input + at,
				      len - at < block ? len - at : block);
	if (status == FOITAB_OK)
		status = csvread_finish(&r);
	if (strcmp(strbuf_str(&rows), c->rows) != 0 ||
	    strcmp(captured_text(&cap), c->messages) != 0 ||
	    status != c->status) {
		print_error("case '%s', block %zu:\nrows:\n%s\nwanted:\n%s\n"
			    "messages:\n%s\nwanted:\n%s\nstatus %d, wanted %d\n",
			    c->name, block, strbuf_str(&rows), c->rows,
			    captured_text(&cap), c->messages, status, c->status);
		fail();
	}
	csvread_release(&r);
	strbuf_release(&rows);
	captured_close(&cap);
}

static void test_every_block_size(void **state)
{
	size_t i, block;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].input);

		for (block = 1; block <= len; block++)
			run_case(&cases[i], block);
		run_case(&cases[i], len + 1);
	}
}

/* A cell far over the limit is refused without reading it all in. */
static void test_runaway_quote_is_bounded(void **state)
{
	static const struct csv_format comma = C;
	static char chunk[64 * 1024];
	struct strbuf rows = STRBUF_INIT;
	struct captured cap;
	struct csvread r;
	int status = FOITAB_OK, i;

	(void)state;
	memset(chunk, 'x', sizeof chunk);
	captured_open(&cap);
	csvread_init(&r, "t.csv", &comma, &cap.diag, collect, &rows);
	csvread_feed(&r, "h\n\"", 3);
	for (i = 0; i < 64 && status == FOITAB_OK; i++)
		status = csvread_feed(&r, chunk, sizeof chunk);
	assert_int_equal(status, FOITAB_DATAERR);
	assert_true(i < 64);
	assert_true(csv_get_buffer_size(&r.parser) < 2 * CSVREAD_FIELD_MAX);
	assert_string_equal(captured_text(&cap),
			    "foitab: t.csv:2: a cell starting here is longer "
			    "than 1 MiB; is a quote left open?\n");
	csvread_release(&r);
	strbuf_release(&rows);
	captured_close(&cap);
}

/* Every allocation failure ends in FOITAB_OSERR, never a crash. */
static int read_with(struct diag *diag, void *ctx)
{
	const char *input = ctx;
	struct strbuf rows = STRBUF_INIT;
	struct csvread r;
	static const struct csv_format detect = DETECT;
	int status = csvread_init(&r, "t.csv", &detect, diag, collect, &rows);

	if (status == FOITAB_OK)
		status = csvread_feed(&r, input, strlen(input));
	if (status == FOITAB_OK)
		status = csvread_finish(&r);
	csvread_release(&r);
	strbuf_release(&rows);
	return status;
}

static void test_allocation_failures(void **state)
{
	(void)state;
	sweep_allocation_failures(read_with, (void *)"a;b;c\n\"long cell; with "
				  "semicolons\";2;3\n4;5;6\n", FOITAB_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_block_size),
		cmocka_unit_test(test_runaway_quote_is_bounded),
		cmocka_unit_test(test_allocation_failures),
	};

	return cmocka_run_group_tests_name("csvread", tests, NULL, NULL);
}
