/*
 * test_workbook.c - what a real workbook holds, one case each: workbooks
 * are built here with libzip from the parts a case gives, read with
 * workbook_read(), and their rows compared with what the sheet shows.
 */
#include "testutil.h"

#include <unistd.h>
#include <zip.h>

#include "mem.h"

#include "workbook.h"

#define CT "[Content_Types].xml"
#define WB "xl/workbook.xml"
#define RELS "xl/_rels/workbook.xml.rels"
#define SHEET1 "xl/worksheets/sheet1.xml"

static const char content_types[] = "<Types/>";
static const char rels[] =
	"<Relationships>"
	"<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet2.xml\"/>"
	"</Relationships>";
static const char one_sheet[] =
	"<workbook><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/>"
	"</sheets></workbook>";

/* A part of a workbook to build. */
struct part {
	const char *name, *text;
};

/* Write a zip of `parts` (NULL-ended) to a temporary file, at its start. */
static FILE *build(const struct part *parts)
{
	char path[] = "/tmp/test_workbook.XXXXXX";
	int fd = mkstemp(path), err;
	zip_t *z;
	FILE *f;

	assert_true(fd >= 0);
	close(fd);
	z = zip_open(path, ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (; parts->name; parts++) {
		zip_source_t *s = zip_source_buffer(z, parts->text,
						    strlen(parts->text), 0);

		assert_non_null(s);
		assert_true(zip_file_add(z, parts->name, s, 0) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	f = fopen(path, "rb");
	assert_non_null(f);
	unlink(path);
	return f;
}

/* Rows as text: "line|cell|cell\n" each. */
static int collect(const struct csv_row *row, void *ctx)
{
	struct strbuf *sb = ctx;
	size_t i;
	char num[32];

	snprintf(num, sizeof num, "%lu", row->line);
	strbuf_add(sb, num, strlen(num));
	for (i = 0; i < row->nfields; i++) {
		strbuf_addch(sb, '|');
		strbuf_add(sb, row->fields[i], row->lens[i]);
	}
	strbuf_addch(sb, '\n');
	return FOITAB_OK;
}

/* A sheet fits when its first cell says "body". */
static int fits(const struct csv_row *row, void *ctx)
{
	(void)ctx;
	return row->nfields > 0 && strcmp(row->fields[0], "body") == 0;
}

struct wb_case {
	const char *name;
	struct part parts[8];
	const char *sheet;
	const char *rows;      /* what collect() writes */
	const char *read;      /* the sheet read */
	const char *messages;
	int status;
};

#define XLSX(...) { { CT, content_types }, { RELS, rels }, __VA_ARGS__, \
		    { NULL, NULL } }
#define ROW(n, cells) "<row r=\"" #n "\">" cells "</row>"
#define SHEET(rows) "<worksheet><sheetData>" rows "</sheetData></worksheet>"
#define STYLES(xfs) "<styleSheet><numFmts><numFmt numFmtId=\"164\" " \
	"formatCode=\"d mmm yyyy\"/><numFmt numFmtId=\"165\" " \
	"formatCode=\"0.00&quot;d&quot;\"/></numFmts><cellXfs>" xfs \
	"</cellXfs></styleSheet>"

static const struct wb_case cases[] = {
	{ "shared, inline and rich text; phonetic runs left out",
	  XLSX({ WB, one_sheet },
	       { "xl/sharedStrings.xml", "<sst><si><t>body</t></si>"
		 "<si><r><t>Rich</t></r><r><rPr/><t xml:space=\"preserve\"> "
		 "text</t></r><rPh><t>ignored</t></rPh></si></sst>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" t=\"s\"><v>0</v></c>"
		 "<c r=\"B1\" t=\"inlineStr\"><is><t>inline</t></is></c>")
		 ROW(2, "<c r=\"A2\" t=\"s\"><v>1</v></c>"
		 "<c r=\"B2\" t=\"inlineStr\"><is><r><t>a</t></r><r><t>b"
		 "</t></r></is></c>")) }),
	  NULL, "1|body|inline\n2|Rich text|ab\n", "Data", "", FOITAB_OK },
	{ "numbers without float noise; booleans; errors; a formula's value",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>3</v></c>"
		 "<c r=\"B1\"><v>3.0000000000000004</v></c>"
		 "<c r=\"C1\"><v>0.1</v></c><c r=\"D1\" t=\"b\"><v>1</v></c>"
		 "<c r=\"E1\" t=\"b\"><v>0</v></c>"
		 "<c r=\"F1\" t=\"e\"><v>#N/A</v></c>"
		 "<c r=\"G1\" t=\"str\"><f>A1&amp;\"x\"</f><v>3x</v></c>"
		 "<c r=\"H1\"><f>A1*2</f><v>6</v></c>")) }),
	  NULL, "1|3|3|0.1|yes|no|#N/A|3x|6\n", "Data", "", FOITAB_OK },
	{ "gaps: missing cells are empty, missing rows are no rows",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" t=\"inlineStr\"><is><t>a"
		 "</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>c</t></is>"
		 "</c>") ROW(4, "<c r=\"AB4\"><v>1</v></c>")
		 ROW(5, "<c r=\"A5\" s=\"0\"/>")) }),
	  NULL, "1|a||c\n4" "|||||||||||||||||||||||||||" "|1\n", "Data", "",
	  FOITAB_OK },
	{ "dates and times by the cell's format, in the 1900 system",
	  XLSX({ WB, one_sheet },
	       { "xl/styles.xml", STYLES("<xf numFmtId=\"0\"/><xf numFmtId="
		 "\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
		 "<xf numFmtId=\"22\"/><xf numFmtId=\"21\"/>") },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" s=\"1\"><v>45078</v></c>"
		 "<c r=\"B1\" s=\"2\"><v>1</v></c>"
		 "<c r=\"C1\" s=\"2\"><v>60</v></c>"
		 "<c r=\"D1\" s=\"2\"><v>61</v></c>"
		 "<c r=\"E1\" s=\"4\"><v>45078.5</v></c>"
		 "<c r=\"F1\" s=\"5\"><v>0.75</v></c>"
		 "<c r=\"G1\" s=\"3\"><v>45078</v></c>"
		 "<c r=\"H1\" s=\"0\"><v>45078</v></c>")) }),
	  NULL, "1|2023-06-01|1900-01-01|1900-02-29|1900-03-01|"
	  "2023-06-01T12:00:00|18:00:00|45078|45078\n", "Data", "",
	  FOITAB_OK },
	{ "dates in the 1904 system",
	  XLSX({ WB, "<workbook><workbookPr date1904=\"1\"/><sheets><sheet "
		 "name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
		 "</workbook>" },
	       { "xl/styles.xml", STYLES("<xf numFmtId=\"0\"/><xf numFmtId="
		 "\"14\"/>") },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" s=\"1\"><v>0</v></c>"
		 "<c r=\"B1\" s=\"1\"><v>43616</v></c>")) }),
	  NULL, "1|1904-01-01|2023-06-01\n", "Data", "", FOITAB_OK },
	{ "a cell of several lines",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" t=\"inlineStr\"><is><t>"
		 "one\ntwo</t></is></c>")) }),
	  NULL, "1|one\ntwo\n", "Data", "", FOITAB_OK },
	{ "the first sheet whose header fits, found through the index",
	  XLSX({ WB, "<workbook><sheets><sheet name=\"Notes\" sheetId=\"1\" "
		 "r:id=\"rId1\"/><sheet name=\"Coded\" sheetId=\"2\" "
		 "r:id=\"rId2\"/></sheets></workbook>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" t=\"inlineStr\"><is><t>"
		 "notes</t></is></c>")) },
	       { "xl/worksheets/sheet2.xml", SHEET(ROW(1, "<c r=\"A1\" "
		 "t=\"inlineStr\"><is><t>body</t></is></c>")
		 ROW(2, "<c r=\"A2\"><v>7</v></c>")) }),
	  NULL, "1|body\n2|7\n", "Coded",
	  "foitab: b.xlsx: reading sheet 'Coded' (2 of 2); --sheet names "
	  "another\n", FOITAB_OK },
	{ "a sheet named, and one numbered",
	  XLSX({ WB, "<workbook><sheets><sheet name=\"Notes\" sheetId=\"1\" "
		 "r:id=\"rId1\"/><sheet name=\"Coded\" sheetId=\"2\" "
		 "r:id=\"rId2\"/></sheets></workbook>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c>")) },
	       { "xl/worksheets/sheet2.xml", SHEET(ROW(1, "<c r=\"A1\">"
		 "<v>2</v></c>")) }),
	  "1", "1|1\n", "Notes", "", FOITAB_OK },
	{ "a cell given twice is a damaged sheet",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"B1\"><v>1</v></c><c r=\"A1\">"
		 "<v>2</v></c>")) }),
	  NULL, "", NULL,
	  "foitab: b.xlsx: row 1 of the sheet gives a cell twice; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: types, repeats, spaces, line breaks, comments left out",
	  { { "mimetype", "application/vnd.oasis.opendocument.spreadsheet" },
	    { "content.xml", "<office:document-content><office:body>"
	      "<office:spreadsheet><table:table table:name=\"Replies\">"
	      "<table:table-row><table:table-cell office:value-type=\"string\">"
	      "<text:p>body</text:p></table:table-cell><table:table-cell "
	      "table:number-columns-repeated=\"2\"/><table:table-cell "
	      "office:value-type=\"float\" office:value=\"2.50\"><text:p>2.5"
	      "</text:p></table:table-cell></table:table-row>"
	      "<table:table-row table:number-rows-repeated=\"1000000\">"
	      "<table:table-cell table:number-columns-repeated=\"1024\"/>"
	      "</table:table-row>"
	      "<table:table-row><table:table-cell office:value-type="
	      "\"string\"><office:annotation><text:p>a comment</text:p>"
	      "</office:annotation><text:p>a<text:s text:c=\"2\"/>b</text:p>"
	      "<text:p>c<text:line-break/>d</text:p></table:table-cell>"
	      "<table:table-cell office:value-type=\"boolean\" "
	      "office:boolean-value=\"true\"><text:p>TRUE</text:p>"
	      "</table:table-cell><table:table-cell office:value-type=\"date\" "
	      "office:date-value=\"2023-06-01\"><text:p>01/06/23</text:p>"
	      "</table:table-cell><table:table-cell office:value-type="
	      "\"time\" office:time-value=\"PT18H30M00S\"/></table:table-row>"
	      "<table:table-row table:number-rows-repeated=\"2\">"
	      "<table:table-cell office:value-type=\"string\" "
	      "table:number-columns-repeated=\"2\"><text:p>x</text:p>"
	      "</table:table-cell></table:table-row>"
	      "</table:table></office:spreadsheet></office:body>"
	      "</office:document-content>" },
	    { NULL, NULL } },
	  NULL, "1|body|||2.5\n1000002|a  b\nc\nd|yes|2023-06-01|18:30:00\n"
	  "1000003|x|x\n1000004|x|x\n", "Replies", "", FOITAB_OK },
};

static void test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct wb_case *c = &cases[i];
		struct strbuf rows = STRBUF_INIT;
		struct workbook_request req;
		struct captured cap;
		FILE *f = build(c->parts);
		int status;

		captured_open(&cap);
		memset(&req, 0, sizeof req);
		req.sheet = c->sheet;
		req.fits = fits;
		req.on_row = collect;
		req.ctx = &rows;
		status = workbook_read(f, "b.xlsx", &req, &cap.diag);
		if (status != c->status ||
		    strcmp(strbuf_str(&rows), c->rows) != 0 ||
		    strcmp(captured_text(&cap), c->messages) != 0 ||
		    (c->read && (!req.sheet_read ||
				 strcmp(req.sheet_read, c->read) != 0))) {
			print_error("case '%s': status %d\nrows:\n%s\nmessages:\n"
				    "%s\nsheet: %s\n", c->name, status,
				    strbuf_str(&rows), captured_text(&cap),
				    req.sheet_read ? req.sheet_read : "(none)");
			fail();
		}
		mem_free(req.sheet_read);
		strbuf_release(&rows);
		captured_close(&cap);
		fclose(f);
	}
}

/* Every allocation failing in turn ends cleanly, without a leak. */
static int read_with(struct diag *diag, void *ctx)
{
	const struct part *parts = ctx;
	struct strbuf rows = STRBUF_INIT;
	struct workbook_request req;
	FILE *f = build(parts);
	int status;

	memset(&req, 0, sizeof req);
	req.on_row = collect;
	req.ctx = &rows;
	status = workbook_read(f, "b.xlsx", &req, diag);
	mem_free(req.sheet_read);
	strbuf_release(&rows);
	fclose(f);
	return status;
}

static void test_allocation_failures(void **state)
{
	(void)state;
	sweep_allocation_failures(read_with, (void *)cases[0].parts, FOITAB_OK);
	sweep_allocation_failures(read_with, (void *)cases[3].parts, FOITAB_OK);
	sweep_allocation_failures(read_with, (void *)cases[9].parts, FOITAB_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_allocation_failures),
	};

	return cmocka_run_group_tests_name("workbook", tests, NULL, NULL);
}
