/*
 * sheetxml.h - what the workbook readers share (src/read/workbook.c and
 * the readers of its formats, xlsx.c and ods.c); nothing else includes
 * it.  A workbook is a zip of XML parts: each part is inflated into expat
 * a block at a time with the bounds every part gets (workbook.h), and
 * each reader's handlers build rows cell by cell.
 */
#ifndef FOITAB_SHEETXML_H
#define FOITAB_SHEETXML_H

#include <expat.h>
#include <stddef.h>
#include <stdint.h>
#include <zip.h>

#include "strbuf.h"
#include "workbook.h"

#define WORKBOOK_BLOCK ((size_t)64 * 1024)

enum kind { XLSX, ODS };

/* One sheet of the workbook, in its order. */
struct sheet {
	char *name;
	char *part;              /* xlsx: the part's path in the zip */
	int hidden;              /* hidden (or very hidden) in the workbook */
	int fits;                /* ods: its first row fits (probed listing) */
};

/* The row being built: cells by column, NUL-separated. */
struct row {
	struct strbuf text;
	size_t *offsets, *lens;
	const char **ptrs;
	size_t n, cap;
	int any;                 /* a cell is not empty */
};

struct workbook {
	const char *name;
	struct diag *diag;
	struct workbook_request *req;
	zip_t *zip;
	enum kind kind;
	struct sheet *sheets;
	size_t nsheets;
	/* xlsx */
	struct strbuf strings;   /* shared strings, NUL-separated */
	uint32_t *string_at;     /* where each starts (the whole is kept
				    under WORKBOOK_STRINGS_MAX) */
	size_t nstrings, strings_cap;
	unsigned char *date_style;  /* per cellXfs index: a date format? */
	size_t nstyles;
	int date1904;
	size_t inflated;         /* XML inflated so far, every part */
	size_t inflate_budget;   /* ... and how much the file may give */
	/* the sheet being read */
	const char *sheet_name;  /* for messages at a cell (Coded!D5) */
	struct row row;
	unsigned long rownum;    /* the row's number in the sheet */
	unsigned long rows;      /* rows passed on */
	unsigned long cells;     /* ... and their cells */
	int status;              /* first non-OK status; sticky */
	int probing;             /* only the first non-blank row is wanted */
	int fits;                /* probing: it fit */
	int probed;              /* probing: done with this sheet */
	unsigned probe_rows;     /* probing: rows tried in this sheet */
	int probe_spoiled;       /* probing: a row past the first could not
				    be read (reported if the sheet is) */
	int target;              /* ods: the table to read (-1: probe all) */
	int unnumbered;          /* a row with no number came first */
	int whole_only;          /* a piece met what only a pass over the
				    whole part reads right (an .ods merge) */
	unsigned long first_row; /* the number of the first row read */
};


/* An XML part being read, with the handlers of the reader reading it. */
struct xml;
typedef void (*xml_start_fn)(struct xml *x, const char *name,
			     const char **atts);
typedef void (*xml_end_fn)(struct xml *x, const char *name);

struct xml {
	struct workbook *w;
	XML_Parser parser;
	const char *part;
	int depth;
	xml_start_fn start;      /* names come without their prefix */
	xml_end_fn end;
	struct strbuf *text;     /* where character data goes; NULL: none */
	int stopped;             /* the handler has all it wants */
	int in_cdata;            /* inside a CDATA section */
	unsigned long lines_skipped;  /* lines read elsewhere (xlsx parts) */
	void *ctx;               /* the reader's own state */
};

/*
 * Report a problem with the workbook as a whole (FOITAB_OSERR silently),
 * unless one is reported already; the status is kept in w->status and
 * returned.
 */
int wb_fail(struct workbook *w, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Report a problem with the cell in column `col` (from 0) of the row now
 * read, at the cell a spreadsheet user clicks on: FILE:SHEET!D5.  As
 * wb_fail() otherwise.
 */
int wb_cell_fail(struct workbook *w, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* wb_cell_fail(): a formula whose result was never saved (the writer did
 * not compute it), and how to have it saved. */
int wb_unsaved_formula(struct workbook *w, size_t col);

/* As wb_cell_fail(), for the sheet as a whole: FILE:SHEET. */
int wb_sheet_fail(struct workbook *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Column letters of `col` (from 0): 0 -> "A", 26 -> "AA". */
void wb_column_name(size_t col, char buf[8]);

/*
 * A range of merged cells (rows from 1, columns from 0) is found: passed
 * to the caller once the rows up to its first have been passed on.
 */
int wb_merged(struct workbook *w, unsigned long first_row, size_t first_col,
	      unsigned long last_row, size_t last_col);

/* A copy of `s`; NULL after reporting that memory ran out. */
char *wb_copy(struct workbook *w, const char *s);

/*
 * Open `part` of the zip; NULL when it is not there (nothing said) or
 * after reporting why it cannot be read (encrypted, damaged).
 */
zip_file_t *wb_open_part(struct workbook *w, const char *part);

/*
 * Inflate up to `len` bytes of `part` (open as `f`) into `into`, adding
 * them to *total.  Returns the bytes (0: the end), or -1 after reporting
 * a damaged part or one past WORKBOOK_PART_MAX.
 */
zip_int64_t wb_inflate(struct workbook *w, zip_file_t *f, const char *part,
		       void *into, size_t len, size_t *total);

/*
 * wb_inflate() in two steps: after zip_fread() gave `n`, FOITAB_OK, or
 * the status after reporting as wb_inflate() does.
 */
int wb_inflated(struct workbook *w, zip_file_t *f, const char *part,
		zip_int64_t n, size_t *total);

/*
 * Parsing a part in pieces: a parser for `x` (x->w and the handlers set;
 * x->depth as the caller wants it), bytes fed to it (`final` on the
 * last), and the parser freed.  xml_begin() and xml_feed() return
 * w->status, after reporting what went wrong.
 */
int xml_begin(struct xml *x, const char *part);
int xml_feed(struct xml *x, const char *bytes, size_t len, int final);
void xml_end(struct xml *x);

/*
 * Inflate `part` into expat with the handlers of `x` (x->w set).
 * Returns 0; 1 when the zip has no such part; -1 after a failure (kept
 * in w->status).
 */
int xml_parse_part(struct xml *x, const char *part);

/*
 * Read `part` with the handlers `start` and `end` (either may be NULL)
 * and their state `ctx`: xml_parse_part() on a fresh struct xml.
 */
int xml_read(struct workbook *w, const char *part, xml_start_fn start,
	     xml_end_fn end, void *ctx);

/* The name without its namespace prefix ("table:table-cell" -> "table-cell"). */
const char *xml_local(const char *name);

/* The value of attribute `name` (by local name), or NULL. */
const char *xml_attr(const char **atts, const char *name);

/* Stop the parse: the handler has what it wants. */
void xml_stop(struct xml *x);

/* Add character data to x->text, if set (expat's handler; data: x). */
void xml_add_text(void *data, const char *s, int len);

/* Start a row; put a cell in column `col` (from 0); end it. */
void wb_row_reset(struct row *r);
int wb_row_put(struct workbook *w, size_t col, const char *s, size_t len);
int wb_row_end(struct workbook *w, struct xml *x);

/* "D5" -> 3; -1 if `ref` does not start with letters. */
long wb_column_of(const char *ref);

/*
 * A row number as a sheet writes it ("5"): from 1 to WORKBOOK_ROWS_MAX,
 * digits only; 0 if it is not one.
 */
unsigned long wb_row_number(const char *s);

/* A number as the sheet shows it, without float noise: "3", "0.1". */
void wb_number_text(const char *s, char *buf, size_t size);

/* .xlsx dates (xlsx_dates.c): a serial as ISO 8601 ("2023-06-01",
 * "2023-06-01T09:30:00", "18:00:00"), or as a number when it is none;
 * does a custom number format code show a date or time; does a built-in
 * number format id. */
void xlsx_date_text(const char *s, int date1904, char *buf, size_t size);
int xlsx_date_format(const char *code);
int xlsx_builtin_date(long id);

/* The readers of the formats. */
int xlsx_open(struct workbook *w);           /* sheets, strings, styles */
int xlsx_sheet(struct workbook *w, size_t i);
int ods_read(struct workbook *w, int target); /* table `target` from 1;
						 -1: list the tables */

#endif
