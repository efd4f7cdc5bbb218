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
/*
 * A row as "LINE|cell|cell\n"; `marked`: its number as "\001LINE\002", to
 * be counted on when its piece is taken.
 */
static int add_row(struct strbuf *sb, int marked, const struct csv_row *row)
{
	size_t i;
	char num[32];

	snprintf(num, sizeof num, marked ? "\001%lu\002" : "%lu", row->line);
	strbuf_add(sb, num, strlen(num));
	for (i = 0; i < row->nfields; i++) {
		strbuf_addch(sb, '|');
		strbuf_add(sb, row->fields[i], row->lens[i]);
	}
	strbuf_addch(sb, '\n');
	return FOITAB_OK;
}

static int collect(const struct csv_row *row, void *ctx)
{
	return add_row(ctx, 0, row);
}

/* Merged ranges as text: "merged ROW COL ROW COL\n". */
static int merged(unsigned long first_row, size_t first_col,
		  unsigned long last_row, size_t last_col, void *ctx)
{
	char line[100];

	snprintf(line, sizeof line, "merged %lu %zu %lu %zu\n", first_row,
		 first_col, last_row, last_col);
	return strbuf_add(ctx, line, strlen(line)) < 0 ? FOITAB_OSERR
						       : FOITAB_OK;
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

#define ODS(tables) { { "mimetype", \
	"application/vnd.oasis.opendocument.spreadsheet" }, \
	{ "content.xml", "<office:document-content>" tables \
	  "</office:document-content>" }, { NULL, NULL } }
#define BODY(tables) "<office:body><office:spreadsheet>" tables \
	"</office:spreadsheet></office:body>"
#define TABLE(name, rows) "<table:table table:name=\"" name "\">" rows \
	"</table:table>"
#define TR(cells) "<table:table-row>" cells "</table:table-row>"
#define TEXT(t) "<table:table-cell office:value-type=\"string\"><text:p>" t \
	"</text:p></table:table-cell>"
#define SPAN2 "<table:table-cell office:value-type=\"string\" " \
	"table:number-columns-spanned=\"2\"><text:p>x</text:p>" \
	"</table:table-cell><table:covered-table-cell/>"
#define BOOL(v) "<table:table-cell office:value-type=\"boolean\" " \
	"office:boolean-value=\"" v "\"/>"

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
	  "foitab: b.xlsx:Data!A1: this cell comes after column B of its row, "
	  "out of order; the workbook is damaged\n", FOITAB_DATAERR },
	{ "a cell given twice is a damaged sheet too",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c><c r=\"B1\">"
		 "<v>1</v></c><c r=\"B1\"><v>2</v></c>")) }),
	  NULL, "", NULL,
	  "foitab: b.xlsx:Data!B1: the sheet gives this cell twice; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "many rows and strings, each a piece of its own",
	  XLSX({ WB, one_sheet },
	       { "xl/sharedStrings.xml", "<sst count=\"4\"><si><t>body</t>"
		 "</si><si><t>one</t></si><si><r><t>tw</t></r><r><t>o</t></r>"
		 "</si><si><t>three</t><rPh><t>x</t></rPh></si></sst>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" t=\"s\"><v>0</v></c>")
		 ROW(2, "<c r=\"A2\" t=\"s\"><v>1</v></c>")
		 ROW(3, "<c r=\"B3\" t=\"s\"><v>2</v></c>")
		 ROW(4, "<c r=\"A4\" t=\"s\"><v>3</v></c>")
		 ROW(5, "") ROW(6, "<c r=\"A6\"/>")
		 ROW(7, "<c r=\"A7\" t=\"b\"><v>1</v></c>")
		 ROW(9, "<c r=\"A9\" t=\"s\"><v>1</v></c>")
		 ROW(10, "<c r=\"A10\" t=\"s\"><v>2</v></c>")) }),
	  NULL, "1|body\n2|one\n3||two\n4|three\n7|yes\n9|one\n10|two\n",
	  "Data", "", FOITAB_OK },
	{ "a comment and a CDATA section that hold rows are not rows",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c>")
		 "<!-- <row r=\"2\"><c r=\"A2\"><v>2</v></c></row> -->"
		 ROW(3, "<c r=\"A3\" t=\"inlineStr\"><is><t><![CDATA[<row "
		 "r=\"4\">]]></t></is></c>")
		 ROW(5, "<c r=\"A5\"><v>5</v></c>")) }),
	  NULL, "1|1\n3|<row r=\"4\">\n5|5\n", "Data", "", FOITAB_OK },
	{ "rows that give no number follow the one before",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET("<row><c><v>1</v></c><c><v>2</v></c></row>"
		 ROW(3, "<c r=\"A3\"><v>3</v></c>")
		 "<row><c><v>4</v></c></row><row>\n<c><v>5</v></c></row>") }),
	  NULL, "1|1|2\n3|3\n4|4\n5|5\n", "Data", "", FOITAB_OK },
	{ "a bad shared string late in the sheet",
	  XLSX({ WB, one_sheet },
	       { "xl/sharedStrings.xml", "<sst><si><t>a</t></si>\n<si><t>b"
		 "</t></si><si><t>c</t></si></sst>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" t=\"s\"><v>0</v></c>")
		 ROW(2, "<c r=\"A2\" t=\"s\"><v>2</v></c>")
		 ROW(3, "<c r=\"A3\" t=\"s\"><v>3</v></c>")) }),
	  NULL, "1|a\n2|c\n", NULL,
	  "foitab: b.xlsx:Data!A3: this cell refers to a shared string the "
	  "workbook does not have; the workbook is damaged\n",
	  FOITAB_DATAERR },
	{ "unsound XML after many rows, on its own line",
	  XLSX({ WB, one_sheet },
	       { SHEET1, "<worksheet><sheetData>\n" ROW(1, "<c r=\"A1\"><v>1"
		 "</v></c>") "\n" ROW(2, "<c r=\"A2\"><v>2</v></c>") "\n"
		 "<row r=\"3\"><c r=\"A3\"><v>3</v></c>\n</sheetData>"
		 "</worksheet>" }),
	  NULL, "1|1\n2|2\n", NULL,
	  "foitab: b.xlsx: xl/worksheets/sheet1.xml is not sound XML (line 5: "
	  "mismatched tag)\n", FOITAB_DATAERR },
	/* A cell is what the spreadsheet shows, or an error at the cell. */
	{ "a formula whose result was never saved, with no <v>",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c>")
		 ROW(2, "<c r=\"A2\"><v>2</v></c><c r=\"B2\"><f>A2*2</f></c>")) }),
	  NULL, "1|1\n", NULL,
	  "foitab: b.xlsx:Data!B2: this cell holds a formula whose result was "
	  "never saved in the workbook; open it in a spreadsheet program and "
	  "save it (or export it as CSV), so that the result is stored\n",
	  FOITAB_DATAERR },
	{ "a formula whose result was never saved, with an empty <v>",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(3, "<c r=\"C3\" t=\"b\"><f>A1>0</f><v/>"
		 "</c>")) }),
	  NULL, "", NULL,
	  "foitab: b.xlsx:Data!C3: this cell holds a formula whose result was "
	  "never saved in the workbook; open it in a spreadsheet program and "
	  "save it (or export it as CSV), so that the result is stored\n",
	  FOITAB_DATAERR },
	{ "a formula whose saved result is empty text is an empty cell",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c><c r=\"B1\" "
		 "t=\"str\"><f>\"\"</f><v></v></c><c r=\"C1\" t=\"inlineStr\">"
		 "<is><t>c</t></is></c>")) }),
	  NULL, "1|1||c\n", "Data", "", FOITAB_OK },
	{ "a boolean that is not 0 or 1",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"D1\" t=\"b\"><v>2</v></c>")) }),
	  NULL, "", NULL,
	  "foitab: b.xlsx:Data!D1: this cell is marked TRUE or FALSE but "
	  "stores '2'; the workbook is damaged\n", FOITAB_DATAERR },
	{ "a number that is not a number",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c>")
		 ROW(2, "<c r=\"E2\"><v>twelve</v></c>")) }),
	  NULL, "1|1\n", NULL,
	  "foitab: b.xlsx:Data!E2: this cell is marked as a number but stores "
	  "'twelve'; the workbook is damaged\n", FOITAB_DATAERR },
	{ "a type no spreadsheet writes",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" t=\"q\"><v>1</v></c>")) }),
	  NULL, "", NULL,
	  "foitab: b.xlsx:Data!A1: this cell has a type foitab does not know "
	  "('q'); the workbook is damaged\n", FOITAB_DATAERR },
	{ "phonetic runs left out of inline strings too; empty typed cells",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" t=\"inlineStr\"><is><r><t>"
		 "kan</t></r><rPh sb=\"0\" eb=\"1\"><t>KANA</t></rPh><r><t>ji"
		 "</t></r></is></c><c r=\"B1\" t=\"s\"/><c r=\"C1\" t=\"b\"/>"
		 "<c r=\"D1\" t=\"inlineStr\"><is><t>d</t><rPh><t>x</t></rPh>"
		 "</is></c>")) }),
	  NULL, "1|kanji|||d\n", "Data", "", FOITAB_OK },
	{ "a row numbered below 1 is reported as written",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c>")
		 "<row r=\"-5\"><c><v>2</v></c></row>") }),
	  NULL, "1|1\n", NULL,
	  "foitab: b.xlsx:Data: the sheet numbers a row '-5', but rows are "
	  "numbered from 1 to 1048576; the workbook is damaged\n",
	  FOITAB_DATAERR },
	{ "a row numbered 0, and one past the last a sheet has",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET("<row r=\"0\"><c><v>2</v></c></row>") }),
	  NULL, "", NULL,
	  "foitab: b.xlsx:Data: the sheet numbers a row '0', but rows are "
	  "numbered from 1 to 1048576; the workbook is damaged\n",
	  FOITAB_DATAERR },
	{ "a row past the last a sheet has",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET("<row r=\"1048577\"><c><v>2</v></c></row>") }),
	  NULL, "", NULL,
	  "foitab: b.xlsx:Data: the sheet numbers a row '1048577', but rows "
	  "are numbered from 1 to 1048576; the workbook is damaged\n",
	  FOITAB_DATAERR },
	{ "rows out of order",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c>")
		 ROW(7, "<c r=\"A7\"><v>7</v></c>")
		 ROW(3, "<c r=\"A3\"><v>3</v></c>")) }),
	  NULL, "1|1\n7|7\n", NULL,
	  "foitab: b.xlsx:Data: row 3 comes after row 7, out of order; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "merged ranges go to the caller after the rows",
	  XLSX({ WB, one_sheet },
	       { SHEET1, "<worksheet><sheetData>" ROW(1, "<c r=\"A1\"><v>1</v>"
		 "</c>") ROW(2, "<c r=\"A2\"><v>2</v></c>") "</sheetData>"
		 "<mergeCells count=\"3\"><mergeCell ref=\"A1:A3\"/><mergeCell "
		 "ref=\"B2:D2\"/><mergeCell ref=\"E5\"/></mergeCells>"
		 "</worksheet>" }),
	  NULL, "1|1\n2|2\nmerged 1 0 3 0\nmerged 2 1 2 3\n", "Data", "",
	  FOITAB_OK },
	{ "a merged range that is no range",
	  XLSX({ WB, one_sheet },
	       { SHEET1, "<worksheet><sheetData>" ROW(1, "<c r=\"A1\"><v>1</v>"
		 "</c>") "</sheetData><mergeCells><mergeCell ref=\"B3:A1\"/>"
		 "</mergeCells></worksheet>" }),
	  NULL, "1|1\n", NULL,
	  "foitab: b.xlsx:Data: the sheet merges cells 'B3:A1', which is no "
	  "range; the workbook is damaged\n", FOITAB_DATAERR },
	{ "a hidden sheet is never the default, even when it fits",
	  XLSX({ WB, "<workbook><sheets><sheet name=\"Old\" sheetId=\"1\" "
		 "state=\"hidden\" r:id=\"rId1\"/><sheet name=\"Coded\" "
		 "sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" t=\"inlineStr\"><is><t>"
		 "body</t></is></c>") ROW(2, "<c r=\"A2\"><v>1</v></c>")) },
	       { "xl/worksheets/sheet2.xml", SHEET(ROW(1, "<c r=\"A1\" "
		 "t=\"inlineStr\"><is><t>body</t></is></c>")
		 ROW(2, "<c r=\"A2\"><v>2</v></c>")) }),
	  NULL, "1|body\n2|2\n", "Coded",
	  "foitab: b.xlsx: reading sheet 'Coded' (2 of 2); --sheet names "
	  "another\n", FOITAB_OK },
	{ "a hidden sheet is counted by --sheet, and named as hidden",
	  XLSX({ WB, "<workbook><sheets><sheet name=\"Old\" sheetId=\"1\" "
		 "state=\"veryHidden\" r:id=\"rId1\"/><sheet name=\"Coded\" "
		 "sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c>")) },
	       { "xl/worksheets/sheet2.xml", SHEET(ROW(1, "<c r=\"A1\">"
		 "<v>2</v></c>")) }),
	  "1", "1|1\n", "Old",
	  "foitab: b.xlsx: reading sheet 'Old' (1 of 2), which is hidden in "
	  "the workbook\n", FOITAB_OK },
	{ "with no sheet fitting, the first visible one",
	  XLSX({ WB, "<workbook><sheets><sheet name=\"Old\" sheetId=\"1\" "
		 "state=\"hidden\" r:id=\"rId1\"/><sheet name=\"New\" "
		 "sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c>")) },
	       { "xl/worksheets/sheet2.xml", SHEET(ROW(1, "<c r=\"A1\">"
		 "<v>2</v></c>")) }),
	  NULL, "1|2\n", "New",
	  "foitab: b.xlsx: reading sheet 'New' (2 of 2); --sheet names "
	  "another\n", FOITAB_OK },
	{ "the same number format twice: the later one wins",
	  XLSX({ WB, one_sheet },
	       { "xl/styles.xml", "<styleSheet><numFmts><numFmt numFmtId="
		 "\"164\" formatCode=\"0.0\"/><numFmt numFmtId=\"164\" "
		 "formatCode=\"yyyy\"/><numFmt numFmtId=\"170\" "
		 "formatCode=\"0\"/></numFmts><cellXfs><xf numFmtId=\"164\"/>"
		 "<xf numFmtId=\"170\"/><xf numFmtId=\"14\"/></cellXfs>"
		 "</styleSheet>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" s=\"0\"><v>45078</v></c>"
		 "<c r=\"B1\" s=\"1\"><v>45078</v></c><c r=\"C1\" s=\"2\"><v>"
		 "45078</v></c>")) }),
	  NULL, "1|2023-06-01|45078|2023-06-01\n", "Data", "", FOITAB_OK },
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
	{ "an .ods of two tables, the first read: none of the second's rows",
	  ODS(BODY(TABLE("A", TR(TEXT("body")) TR(TEXT("a1")) TR(TEXT("a2"))
			 TR(TEXT("a3")))
		   TABLE("B", TR(TEXT("body")) TR(TEXT("b1")) TR(TEXT("b2"))))),
	  "A", "1|body\n2|a1\n3|a2\n4|a3\n", "A", "", FOITAB_OK },
	{ "an .ods of two tables, the second read, its rows numbered from 1",
	  ODS(BODY(TABLE("A", TR(TEXT("body")) TR(TEXT("a1")) TR(TEXT("a2")))
		   TABLE("B", TR(TEXT("body")) TR(TEXT("b1")) TR(TEXT("b2"))
			 TR(TEXT("b3"))))),
	  "B", "1|body\n2|b1\n3|b2\n4|b3\n", "B", "", FOITAB_OK },
	{ "an .ods whose first table does not fit: the second, found past "
	  "the first's rows",
	  ODS(BODY(TABLE("Notes", TR(TEXT("note")) TR(TEXT("n1")) TR(TEXT("n2"))
			 TR(TEXT("n3")) TR(TEXT("n4")))
		   TABLE("Coded", TR(TEXT("body")) TR(TEXT("c1")) TR(TEXT("c2")))
		   TABLE("Later", TR(TEXT("body")) TR(TEXT("l1"))))),
	  NULL, "1|body\n2|c1\n3|c2\n", "Coded",
	  "foitab: b.xlsx: reading sheet 'Coded' (2 of 3); --sheet names "
	  "another\n", FOITAB_OK },
	{ "an .ods: booleans in the schema's spellings",
	  ODS(BODY(TABLE("T", TR(TEXT("body") BOOL("true") BOOL("false")
			 BOOL("1") BOOL("0"))))),
	  NULL, "1|body|yes|no|yes|no\n", "T", "", FOITAB_OK },
	{ "an .ods: a boolean in any other spelling is an error at the cell",
	  ODS(BODY(TABLE("T", TR(TEXT("body")) TR(TEXT("x") BOOL("TRUE"))))),
	  NULL, "1|body\n", NULL,
	  "foitab: b.xlsx:T!B2: this cell is TRUE or FALSE but stores 'TRUE'; "
	  "the workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a comment inside a paragraph, the text after it kept",
	  ODS(BODY(TABLE("T", TR(TEXT("opioids;<office:annotation><dc:creator>"
		 "A</dc:creator><text:p>check</text:p><text:p>this</text:p>"
		 "</office:annotation> benzos") TEXT("x<office:annotation>"
		 "<text:p>n</text:p></office:annotation>"))))),
	  NULL, "1|opioids; benzos|x\n", "T", "", FOITAB_OK },
	{ "an .ods: spans, links, tabs, breaks and spaces of any count",
	  ODS(BODY(TABLE("T", TR(TEXT("<text:span text:style-name=\"b\">a"
		 "</text:span><text:a xlink:href=\"http://x\">b<text:span>c"
		 "</text:span></text:a><text:tab/>d<text:line-break/>e"
		 "<text:soft-page-break/>f")
		 TEXT("g<text:s/>h<text:s text:c=\"3\"/>i<text:s text:c=\"0\"/>"
		 "j<text:s text:c=\"x\"/>k")
		 TEXT("l<text:s text:c=\"99999\"/>m"))))),
	  NULL, "1|abc\td\nef|g h   i j k|l"
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "                                                                "
	  "m\n", "T", "", FOITAB_OK },
	{ "an .ods: a formula whose result was never saved",
	  ODS(BODY(TABLE("T", TR(TEXT("body")) TR("<table:table-cell "
		 "table:formula=\"of:=1+1\"/>")))),
	  NULL, "1|body\n", NULL,
	  "foitab: b.xlsx:T!A2: this cell holds a formula whose result was "
	  "never saved in the workbook; open it in a spreadsheet program and "
	  "save it (or export it as CSV), so that the result is stored\n",
	  FOITAB_DATAERR },
	{ "an .ods: a number cell with no number, and a bad date",
	  ODS(BODY(TABLE("T", TR("<table:table-cell office:value-type=\"float\""
		 " table:formula=\"of:=[.B1]\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!A1: this cell holds a formula whose result was "
	  "never saved in the workbook; open it in a spreadsheet program and "
	  "save it (or export it as CSV), so that the result is stored\n",
	  FOITAB_DATAERR },
	{ "an .ods: a date that is not one",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"date\" office:date-value=\"June\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a date but stores 'June'; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a number that is not one",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"float\" office:value=\"1,5\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a number but stores '1,5'; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a hidden table is never the default",
	  ODS("<office:automatic-styles><style:style style:name=\"ta1\" "
	      "style:family=\"table\"><style:table-properties table:display="
	      "\"true\"/></style:style><style:style style:name=\"ta2\" "
	      "style:family=\"table\"><style:table-properties table:display="
	      "\"false\"/></style:style></office:automatic-styles>"
	      BODY("<table:table table:name=\"Old\" table:style-name=\"ta2\">"
		   TR(TEXT("body")) TR(TEXT("old")) "</table:table>"
		   "<table:table table:name=\"New\" table:style-name=\"ta1\">"
		   TR(TEXT("body")) TR(TEXT("new")) "</table:table>")),
	  NULL, "1|body\n2|new\n", "New",
	  "foitab: b.xlsx: reading sheet 'New' (2 of 2); --sheet names "
	  "another\n", FOITAB_OK },
	{ "an .ods: a hidden table named by --sheet is said to be hidden",
	  ODS("<office:automatic-styles><style:style style:name=\"ta2\" "
	      "style:family=\"table\"><style:table-properties table:display="
	      "\"false\"/></style:style></office:automatic-styles>"
	      BODY("<table:table table:name=\"Old\" table:style-name=\"ta2\">"
		   TR(TEXT("body")) TR(TEXT("old")) "</table:table>"
		   "<table:table table:name=\"New\">"
		   TR(TEXT("body")) TR(TEXT("new")) "</table:table>")),
	  "Old", "1|body\n2|old\n", "Old",
	  "foitab: b.xlsx: reading sheet 'Old' (1 of 2), which is hidden in "
	  "the workbook\n", FOITAB_OK },
	{ "an .ods: merged ranges go to the caller after their first row",
	  ODS(BODY(TABLE("T", TR(TEXT("body") TEXT("b"))
		 TR("<table:table-cell office:value-type=\"string\" "
		    "table:number-rows-spanned=\"2\"><text:p>x</text:p>"
		    "</table:table-cell><table:table-cell office:value-type="
		    "\"string\" table:number-columns-spanned=\"3\"><text:p>y"
		    "</text:p></table:table-cell><table:covered-table-cell "
		    "table:number-columns-repeated=\"2\"/>")
		 TR("<table:covered-table-cell/>" TEXT("z"))))),
	  NULL, "1|body|b\n2|x|y\nmerged 2 0 3 0\nmerged 2 1 2 3\n3||z\n", "T",
	  "", FOITAB_OK },
	/* Each kind of value an .ods cell stores, and each way one is not. */
	{ "an .ods: percentages, currencies, dates with times, times",
	  ODS(BODY(TABLE("T", TR(TEXT("a")
		 "<table:table-cell office:value-type=\"percentage\" "
		 "office:value=\"0.125\"/><table:table-cell office:value-type="
		 "\"currency\" office:value=\"34295\"/><table:table-cell "
		 "office:value-type=\"date\" office:date-value="
		 "\"2023-06-01T09:30:00\"/><table:table-cell office:value-type="
		 "\"time\" office:time-value=\"PT09H05M07S\"/>")))),
	  NULL, "1|a|0.125|34295|2023-06-01T09:30:00|09:05:07\n", "T", "",
	  FOITAB_OK },
	{ "an .ods: a time that is not one",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"time\" office:time-value=\"PT9H\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a time but stores 'PT9H'; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: seconds past 59 are no time",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"time\" office:time-value=\"PT01H02M60S\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a time but stores 'PT01H02M60S'; "
	  "the workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a month past 12 is no date",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"date\" office:date-value=\"2023-13-01\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a date but stores '2023-13-01'; "
	  "the workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a type no spreadsheet writes",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"void\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell has a type foitab does not know "
	  "('void'); the workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a boolean that stores no value",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"boolean\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is of type 'boolean' but stores no "
	  "value; the workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a number with a space before it",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"float\" office:value=\" 1\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a number but stores ' 1'; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a formula's saved result is read, text or number",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell table:formula="
		 "\"of:=1+1\" office:value-type=\"float\" office:value=\"2\">"
		 "<text:p>2</text:p></table:table-cell><table:table-cell "
		 "table:formula=\"of:=&quot;x&quot;\" office:value-type="
		 "\"string\"><text:p>x</text:p></table:table-cell>")))),
	  NULL, "1|a|2|x\n", "T", "", FOITAB_OK },
	{ "an .ods: a heading paragraph, a drawing's text left out",
	  ODS(BODY(TABLE("T", TR("<table:table-cell office:value-type=\"string\">"
		 "<text:h>title</text:h><text:p>a<draw:frame><draw:text-box>"
		 "<text:p>boxed</text:p></draw:text-box></draw:frame>b</text:p>"
		 "</table:table-cell>")))),
	  NULL, "1|title\nab\n", "T", "", FOITAB_OK },
	{ "an .ods: a table with no name, and styles of other families",
	  ODS("<office:automatic-styles><style:style style:name=\"co1\" "
	      "style:family=\"table-column\"><style:table-column-properties/>"
	      "</style:style><style:style style:family=\"table\">"
	      "<style:table-properties table:display=\"false\"/></style:style>"
	      "<style:style style:name=\"ta3\" style:family=\"table\">"
	      "<style:table-properties/></style:style>"
	      "</office:automatic-styles>"
	      BODY("<table:table table:style-name=\"ta3\">" TR(TEXT("body"))
		   "</table:table>")),
	  NULL, "1|body\n", "", "", FOITAB_OK },
	{ "an .ods: a sheet named past the workbook's sheets",
	  ODS(BODY(TABLE("T", TR(TEXT("a"))))),
	  "2", "", NULL,
	  "foitab: b.xlsx: --sheet 2: the workbook has no such sheet; its "
	  "sheets are 'T'\n", FOITAB_DATAERR },
	{ "an .ods: a merge from a row repeated goes to the caller once",
	  ODS(BODY(TABLE("T", TR(TEXT("body"))
		 "<table:table-row table:number-rows-repeated=\"2\">"
		 "<table:table-cell office:value-type=\"string\" "
		 "table:number-columns-spanned=\"2\"><text:p>x</text:p>"
		 "</table:table-cell><table:covered-table-cell/>"
		 "</table:table-row>"))),
	  NULL, "1|body\n2|x\n3|x\nmerged 2 0 2 1\n", "T", "", FOITAB_OK },
	{ "an .xlsx: date formats by their codes",
	  XLSX({ WB, one_sheet },
	       { "xl/styles.xml", "<styleSheet><numFmts>"
		 "<numFmt numFmtId=\"164\" formatCode=\"[h]:mm\"/>"
		 "<numFmt numFmtId=\"165\" formatCode=\"[Red]0.00\"/>"
		 "<numFmt numFmtId=\"166\" formatCode=\"&quot;day&quot; 0\"/>"
		 "<numFmt numFmtId=\"167\" formatCode=\"0\\d\"/>"
		 "<numFmt numFmtId=\"168\" formatCode=\"[$-409]0\"/>"
		 "<numFmt numFmtId=\"169\" formatCode=\"[Blue\"/>"
		 "<numFmt numFmtId=\"170\"/>"
		 "</numFmts><cellXfs><xf numFmtId=\"164\"/><xf numFmtId="
		 "\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/>"
		 "<xf numFmtId=\"168\"/><xf numFmtId=\"169\"/><xf numFmtId="
		 "\"170\"/><xf/><xf numFmtId=\"47\"/></cellXfs></styleSheet>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" s=\"0\"><v>0.5</v></c>"
		 "<c r=\"B1\" s=\"1\"><v>0.5</v></c><c r=\"C1\" s=\"2\"><v>2</v>"
		 "</c><c r=\"D1\" s=\"3\"><v>2</v></c><c r=\"E1\" s=\"4\"><v>2"
		 "</v></c><c r=\"F1\" s=\"5\"><v>2</v></c><c r=\"G1\" s=\"6\">"
		 "<v>2</v></c><c r=\"H1\" s=\"7\"><v>2</v></c><c r=\"I1\" "
		 "s=\"8\"><v>0.25</v></c><c r=\"J1\" s=\"99\"><v>2</v></c>")) }),
	  NULL, "1|12:00:00|0.5|2|2|2|2|2|2|06:00:00|2\n", "Data", "",
	  FOITAB_OK },
	{ "an .xlsx: a number format given after the cell formats",
	  XLSX({ WB, one_sheet },
	       { "xl/styles.xml", "<styleSheet><cellXfs><xf numFmtId=\"164\"/>"
		 "</cellXfs><numFmts><numFmt numFmtId=\"164\" formatCode="
		 "\"yyyy\"/></numFmts></styleSheet>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c>")) }),
	  NULL, "", NULL,
	  "foitab: b.xlsx: xl/styles.xml gives a number format after the cell "
	  "formats; the workbook is damaged\n", FOITAB_DATAERR },
	{ "an .xlsx: dates past the calendar, and a date and time at midnight",
	  XLSX({ WB, "<workbook><workbookPr date1904=\"true\"/><sheets><sheet "
		 "name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
		 "</workbook>" },
	       { "xl/styles.xml", STYLES("<xf numFmtId=\"22\"/>") },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" s=\"0\"><v>-1</v></c>"
		 "<c r=\"B1\" s=\"0\"><v>9999999</v></c><c r=\"C1\" s=\"0\">"
		 "<v>0.9999999</v></c><c r=\"D1\" s=\"0\"><v>0.5</v></c>")) }),
	  NULL, "1|-1|9999999|1904-01-02|1904-01-01T12:00:00\n", "Data", "",
	  FOITAB_OK },
	{ "an .xlsx: a sheet listed with no id, or no name",
	  XLSX({ WB, "<workbook><sheets><sheet name=\"Data\" sheetId=\"1\"/>"
		 "</sheets></workbook>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c>")) }),
	  NULL, "", NULL,
	  "foitab: b.xlsx: xl/workbook.xml lists a sheet with no name or no "
	  "id; the workbook is damaged\n", FOITAB_DATAERR },
	{ "an .xlsx: a sheet whose relationship is not there",
	  XLSX({ WB, "<workbook><sheets><sheet name=\"Data\" sheetId=\"1\" "
		 "r:id=\"rId9\"/></sheets></workbook>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\"><v>1</v></c>")) }),
	  NULL, "", NULL,
	  "foitab: b.xlsx: the workbook's index does not say where sheet "
	  "'Data' is; it is damaged\n", FOITAB_DATAERR },
	{ "an .xlsx: a row past the last a sheet has, unnumbered",
	  XLSX({ WB, one_sheet },
	       { SHEET1, SHEET("<row r=\"1048576\"><c><v>1</v></c></row>"
		 "<row><c><v>2</v></c></row>") }),
	  NULL, "1048576|1\n", NULL,
	  "foitab: b.xlsx:Data: the sheet has more than 1048576 rows\n",
	  FOITAB_DATAERR },
	{ "an .xlsx: odd references and types kept as the sheet shows them",
	  XLSX({ WB, one_sheet },
	       { "xl/sharedStrings.xml", "<sst><si><t>s0</t></si></sst>" },
	       { SHEET1, "<worksheet><sheetData>" ROW(1, "<c r=\"A1\" "
		 "t=\"s\"><v>00</v></c><c r=\"1B\"><v>2</v></c><c r=\"C1\" "
		 "t=\"d\"><v>2023-06-01</v></c><c r=\"D1\" t=\"inlineStrXYZ"
		 "WithALongName\"><v>x</v></c>") "</sheetData><mergeCells>"
		 "<mergeCell ref=\"A1\"/><mergeCell ref=\"AAAAAAAAAAAAAAAAAAAA"
		 "AAAAAAAAAAAAAAAAAAAAAAAAA1:B2\"/></mergeCells></worksheet>" }),
	  NULL, "", NULL,
	  "foitab: b.xlsx:Data!D1: this cell has a type foitab does not know "
	  "('inlineStrXYZWit'); the workbook is damaged\n", FOITAB_DATAERR },
	{ "an .xlsx: a workbook that lists no sheets",
	  XLSX({ WB, "<workbook><sheets/></workbook>" }),
	  NULL, "", NULL, "foitab: b.xlsx: the workbook has no sheets\n",
	  FOITAB_DATAERR },
	{ "an .xlsx: string indexes as strtoul reads them, and styles not small",
	  XLSX({ WB, one_sheet },
	       { "xl/sharedStrings.xml", "<sst><si><t>s0</t></si><si><t>s1</t>"
		 "</si></sst>" },
	       { "xl/styles.xml", STYLES("<xf numFmtId=\"0\"/><xf numFmtId="
		 "\"14\"/>") },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" t=\"s\"><v>+1</v></c>"
		 "<c r=\"B1\" s=\"1x\"><v>45078</v></c><c r=\"C1\" "
		 "s=\"12345678901\"><v>7</v></c><c r=\"D1\" s=\"-1\"><v>8</v>"
		 "</c>")) }),
	  NULL, "1|s1|2023-06-01|7|8\n", "Data", "", FOITAB_OK },
	{ "an .xlsx: a string index past any there could be",
	  XLSX({ WB, one_sheet },
	       { "xl/sharedStrings.xml", "<sst><si><t>s0</t></si></sst>" },
	       { SHEET1, SHEET(ROW(1, "<c r=\"A1\" t=\"s\"><v>99999999999999"
		 "</v></c>")) }),
	  NULL, "", NULL,
	  "foitab: b.xlsx:Data!A1: this cell refers to a shared string the "
	  "workbook does not have; the workbook is damaged\n",
	  FOITAB_DATAERR },
	{ "an .ods: a date with one-digit month",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"date\" office:date-value=\"2023-6-01\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a date but stores '2023-6-01'; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a date past the 31st",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"date\" office:date-value=\"2023-06-32\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a date but stores '2023-06-32'; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a date with more after it",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"date\" office:date-value=\"2023-06-01X\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a date but stores '2023-06-01X'; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: an empty number",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"float\" office:value=\"\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a number but stores ''; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a number that is not a number",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"float\" office:value=\"nan\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a number but stores 'nan'; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a time with more after it",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"time\" office:time-value=\"PT01H02M03SZ\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a time but stores 'PT01H02M03SZ'; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: a time with negative seconds",
	  ODS(BODY(TABLE("T", TR(TEXT("a") "<table:table-cell office:value-type="
		 "\"time\" office:time-value=\"PT01H02M-3S\"/>")))),
	  NULL, "", NULL,
	  "foitab: b.xlsx:T!B1: this cell is a time but stores 'PT01H02M-3S'; the "
	  "workbook is damaged\n", FOITAB_DATAERR },
	{ "an .ods: nine ranges merged in one row, and a style with no family",
	  ODS("<office:automatic-styles><style:style style:name=\"x\"/>"
	      "</office:automatic-styles>"
	      BODY(TABLE("T", TR(TEXT("body"))
		 TR(SPAN2 SPAN2 SPAN2 SPAN2 SPAN2 SPAN2 SPAN2 SPAN2 SPAN2)))),
	  NULL, "1|body\n2|x||x||x||x||x||x||x||x||x\nmerged 2 0 2 1\n"
	  "merged 2 2 2 3\nmerged 2 4 2 5\nmerged 2 6 2 7\nmerged 2 8 2 9\n"
	  "merged 2 10 2 11\nmerged 2 12 2 13\nmerged 2 14 2 15\n"
	  "merged 2 16 2 17\n", "T", "", FOITAB_OK },
	{ "an .ods: a first table with no rows is passed over for one that fits",
	  ODS(BODY("<table:table table:name=\"Empty\"/>" TABLE("T",
		   TR(TEXT("body")) TR(TEXT("b"))))),
	  NULL, "1|body\n2|b\n", "T",
	  "foitab: b.xlsx: reading sheet 'T' (2 of 2); --sheet names "
	  "another\n", FOITAB_OK },
};

/*
 * A large part read in pieces (workbook.h): here every row and every
 * shared string is a piece, each piece's rows are kept apart and added
 * to the rest when the piece is taken, and `refuse` pieces from the
 * `refuse_at`th on are refused, so that their rows are read again.
 */
struct in_pieces {
	struct strbuf *rows;
	int taken, refuse_at;
};

static int always_ready(void *ctx)
{
	(void)ctx;
	return 1;
}

static void *open_piece_rows(void *ctx)
{
	(void)ctx;
	return mem_calloc(1, sizeof(struct strbuf));
}

/* A piece's row, its number marked "\001N\002" to be counted on. */
static int collect_piece_row(const struct csv_row *row, void *part)
{
	return add_row(part, 1, row);
}

/* A piece's rows, their numbers counted after `rows_before`. */
static int take_piece_rows(void *ctx, void *part, unsigned long rows_before)
{
	struct in_pieces *t = ctx;
	const char *p = strbuf_str(part);

	if (t->refuse_at >= 0 && t->taken >= t->refuse_at)
		return WORKBOOK_REFUSED;
	t->taken++;
	while (*p) {
		const char *mark = strchr(p, '\001');
		char num[32];
		char *end;

		if (!mark)
			return strbuf_add(t->rows, p, strlen(p)) < 0 ?
			       FOITAB_OSERR : FOITAB_OK;
		if (strbuf_add(t->rows, p, (size_t)(mark - p)) < 0)
			return FOITAB_OSERR;
		snprintf(num, sizeof num, "%lu",
			 strtoul(mark + 1, &end, 10) + rows_before);
		if (strbuf_add(t->rows, num, strlen(num)) < 0)
			return FOITAB_OSERR;
		p = end + 1;
	}
	return FOITAB_OK;
}

static void close_piece_rows(void *part)
{
	strbuf_release(part);
	mem_free(part);
}

/* Read case `c` in one pass (jobs 0) or in pieces on `jobs` threads. */
static int read_case(const struct wb_case *c, unsigned jobs, int refuse_at,
		     struct strbuf *rows, struct captured *cap, char **read,
		     int *taken)
{
	struct workbook_request req;
	struct workbook_parts parts;
	struct in_pieces t;
	FILE *f = build(c->parts);
	int status;

	memset(&req, 0, sizeof req);
	memset(&parts, 0, sizeof parts);
	t.rows = rows;
	t.taken = 0;
	t.refuse_at = refuse_at;
	parts.jobs = jobs;
	parts.piece = 1;
	parts.min_part = 1;
	parts.ready = always_ready;
	parts.open_part = open_piece_rows;
	parts.part_row = collect_piece_row;
	parts.take = take_piece_rows;
	parts.close_part = close_piece_rows;
	parts.ctx = &t;
	req.sheet = c->sheet;
	req.fits = fits;
	req.on_row = collect;
	req.on_merge = merged;
	req.ctx = rows;
	req.parts = jobs ? &parts : NULL;
	status = workbook_read(f, "b.xlsx", &req, &cap->diag);
	*read = req.sheet_read;
	*taken = t.taken;
	fclose(f);
	return status;
}

static void test_cases(void **state)
{
	/* One pass; in pieces on 2 and 3 threads, every piece taken; on 2,
	 * the third piece and those after it read again. */
	static const struct { unsigned jobs; int refuse_at; } ways[] = {
		{ 0, -1 }, { 2, -1 }, { 3, -1 }, { 2, 2 },
	};
	size_t i, k;
	int all_taken = 0, ods_taken = 0;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		for (k = 0; k < ARRAY_SIZE(ways); k++) {
			const struct wb_case *c = &cases[i];
			struct strbuf rows = STRBUF_INIT;
			struct captured cap;
			char *read;
			int status, taken;

			captured_open(&cap);
			status = read_case(c, ways[k].jobs, ways[k].refuse_at,
					   &rows, &cap, &read, &taken);
			if (ways[k].refuse_at < 0)
				all_taken += taken;
			if (ways[k].refuse_at < 0 && strstr(c->name, ".ods"))
				ods_taken += taken;
			if (status != c->status ||
			    strcmp(strbuf_str(&rows), c->rows) != 0 ||
			    strcmp(captured_text(&cap), c->messages) != 0 ||
			    (c->read && (!read || strcmp(read, c->read) != 0))) {
				print_error("case '%s', jobs %u, refused from %d: "
					    "status %d\nrows:\n%s\nmessages:\n"
					    "%s\nsheet: %s\n", c->name,
					    ways[k].jobs, ways[k].refuse_at,
					    status, strbuf_str(&rows),
					    captured_text(&cap),
					    read ? read : "(none)");
				fail();
			}
			mem_free(read);
			strbuf_release(&rows);
			captured_close(&cap);
		}
	/* The pieces were read on the threads, not all again in one pass. */
	assert_true(all_taken >= 24);
	assert_true(ods_taken >= 6);
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

/* The case whose name starts with `name`. */
static const struct wb_case *case_named(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (strncmp(cases[i].name, name, strlen(name)) == 0)
			return &cases[i];
	fail_msg("no case '%s'", name);
	return NULL;
}

static void test_allocation_failures(void **state)
{
	static const char *const names[] = {
		"shared, inline", "dates and times", "many rows",
		"an .ods: a hidden table is never", "an .ods: merged ranges",
		"a hidden sheet is never", "the same number format",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		sweep_allocation_failures(read_with,
					  (void *)case_named(names[i])->parts,
					  FOITAB_OK);
}

/*
 * In pieces, every allocation failing in turn: a run ends out of memory,
 * or, when only a piece's allocation failed and its rows were read again
 * in one pass, exactly as a run with all its memory.
 */
static void test_pieces_allocation_failures(void **state)
{
	const struct wb_case *c = case_named("many rows");
	long n, all;

	(void)state;
	mem_failing_arm(-1);
	{
		struct strbuf rows = STRBUF_INIT;
		struct captured cap;
		char *read;
		int taken;

		captured_open(&cap);
		mem_failing_arm(1L << 30);
		read_case(c, 2, -1, &rows, &cap, &read, &taken);
		all = mem_failing_made();
		mem_failing_arm(-1);
		mem_free(read);
		strbuf_release(&rows);
		captured_close(&cap);
	}
	for (n = 0; n < all; n++) {
		struct strbuf rows = STRBUF_INIT;
		struct captured cap;
		char *read;
		int status, taken;

		captured_open(&cap);
		mem_failing_arm(n);
		status = read_case(c, 2, -1, &rows, &cap, &read, &taken);
		mem_failing_arm(-1);
		if (status == FOITAB_OK) {
			assert_string_equal(strbuf_str(&rows), c->rows);
		} else {
			assert_int_equal(status, FOITAB_OSERR);
		}
		mem_free(read);
		strbuf_release(&rows);
		captured_close(&cap);
	}
	assert_true(all > 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_allocation_failures),
		cmocka_unit_test(test_pieces_allocation_failures),
	};

	return cmocka_run_group_tests_name("workbook", tests, NULL, NULL);
}
