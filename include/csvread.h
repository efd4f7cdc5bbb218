/*
 * csvread.h - reads CSV text into rows of fields, through libcsv.
 *
 * This is the only place foitab touches libcsv.  It adds what libcsv
 * leaves to its caller:
 *   - the physical line on which each record starts (libcsv reports no
 *     positions; we feed it one physical line at a time and count);
 *   - a UTF-8 byte-order mark at the start is dropped; UTF-16 is refused;
 *   - the delimiter (',', ';' or tab) can be detected from the first row;
 *   - text is checked to be UTF-8, or converted from Windows-1252;
 *   - strict quoting: a stray quote, or a quote left open at the end of
 *     the file, is an error naming its line, never a silently lost row;
 *   - NUL bytes in a cell, cells over CSVREAD_FIELD_MAX bytes and rows of
 *     over CSVREAD_MAX_CELLS cells are errors (bounding memory whatever
 *     the input; the cells past the bound are never stored);
 *   - a workbook (.xlsx, .ods, .xls) is recognised and refused by name.
 * A row with a cell it rejects is reported and not passed on.
 *
 * It knows nothing about surveys: a row is a list of byte strings.  Blank
 * lines are passed on as rows with no fields, so that callers can count
 * them.  Bytes may be fed in blocks of any size; the rows and line numbers
 * are the same whatever the block boundaries.
 */
#ifndef FOITAB_CSVREAD_H
#define FOITAB_CSVREAD_H

#include <csv.h>
#include <iconv.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "strbuf.h"

#define CSVREAD_FIELD_MAX ((size_t)1 << 20) /* 1 MiB: longest cell accepted */
#define CSVREAD_MAX_CELLS ((size_t)16384) /* a row's cells, as Excel's columns */

/* One record.  The strings are valid only during the row callback. */
struct csv_row {
	unsigned long line;      /* physical line where the record starts */
	size_t nfields;          /* 0 for a blank line */
	const char *const *fields;  /* NUL-terminated; no NUL bytes inside */
	const size_t *lens;      /* byte length of each field */
	int sheet_cells;         /* a workbook's row: line is the sheet's row
				    number, field i is column i (A, B, ...) */
};

/*
 * Called once per record, in order.  Return FOITAB_OK to go on; any other
 * status (from exitcodes.h) stops reading, and csvread_feed() or
 * csvread_finish() returns it.
 */
typedef int (*csvread_row_fn)(const struct csv_row *row, void *ctx);

enum csv_encoding {
	CSV_UTF8,        /* check that every cell is UTF-8 */
	CSV_CP1252       /* convert every cell from Windows-1252 to UTF-8 */
};

/* How the bytes are to be read. */
struct csv_format {
	unsigned char delimiter;   /* ',', ';', '\t'...; 0: detect */
	enum csv_encoding encoding;
};

/* The format of a plain CSV UTF-8 file with commas. */
#define CSV_FORMAT_DEFAULT { ',', CSV_UTF8 }

/*
 * The delimiter of a first row: whichever of ',', ';' and tab stands
 * most often outside quotes (',' when none does, or on a tie).
 */
unsigned char csvread_detect_delimiter(const char *row, size_t len);

struct csvread {
	struct csv_parser parser;
	const char *name;        /* file name for messages (e.g. "<stdin>") */
	struct diag *diag;
	csvread_row_fn on_row;
	void *ctx;
	int status;              /* first non-OK status; sticky */
	unsigned long rejected_rows; /* rows reported and not passed on */
	struct csv_format format;
	int delimiter_known;     /* format.delimiter decided */
	struct strbuf first_row; /* bytes held back to detect the delimiter */
	iconv_t cp1252;          /* valid when have_cp1252 */
	int have_cp1252;
	struct strbuf converted; /* the row's cells in UTF-8, when converting */

	unsigned long line;      /* physical line now being fed */
	unsigned long record_line; /* line where the open record began */
	int record_open;         /* a record carries on from an earlier line */
	int line_begun;          /* bytes of the current line have been fed */
	unsigned long rows_this_line; /* rows ended during the current line */
	unsigned long fields_this_line; /* cells ended during the current line */
	unsigned long quote_line; /* where the quoted cell now open began */
	int pending_cr;          /* the last byte fed was a CR ending a line */
	int seen_cr;             /* a CR has been met: look for CRs too */
	int seen_nul;            /* a NUL byte has been fed: check each cell */
	unsigned char head[3];   /* first bytes, held back to look for a BOM */
	size_t head_len;
	int head_done;

	struct strbuf cells;     /* the current row's fields, NUL-separated */
	size_t *offsets;         /* where each field starts in `cells` */
	size_t *lens;
	const char **ptrs;
	size_t nfields, fields_cap;
	int too_wide;            /* the row passed CSVREAD_MAX_CELLS */
	int warned_utf8;         /* cp1252 asked of UTF-8 text: said once */
};

/*
 * Prepare `r` to read a file called `name` in `format`, reporting
 * problems to `diag` and passing rows to `on_row(row, ctx)`.  Returns
 * FOITAB_OK or FOITAB_OSERR.  Call csvread_release() either way.
 */
int csvread_init(struct csvread *r, const char *name,
		 const struct csv_format *format, struct diag *diag,
		 csvread_row_fn on_row, void *ctx);

/* Feed the next `len` bytes.  Returns FOITAB_OK or the stopping status. */
int csvread_feed(struct csvread *r, const void *bytes, size_t len);

/* No more bytes: flush the last record.  Returns the final status. */
int csvread_finish(struct csvread *r);

/* Free everything `r` holds. */
void csvread_release(struct csvread *r);

/*
 * Make `r` (just initialised) read on from a point in the middle of the
 * file `first` is reading, where a record begins: no byte-order mark is
 * looked for and the delimiter is the one `first` found.  Its line numbers
 * count from 1 at that point; see csvread_add_lines().
 */
void csvread_follow(struct csvread *r, const struct csvread *first);

/*
 * Has `r` read every byte fed so far, ending between two records (after a
 * line break that ended a record), with nothing held back?  A reader in
 * this state reads on as a fresh csvread_follow() reader would.
 */
int csvread_at_row_start(const struct csvread *r);

/* Lines wholly read so far (the number of line breaks passed). */
unsigned long csvread_lines(const struct csvread *r);

/* Count `n` lines read elsewhere, before the bytes still to be fed. */
void csvread_add_lines(struct csvread *r, unsigned long n);

/*
 * Read all of `in` in blocks of `block` bytes (0: a default size), then
 * finish.  A read error is reported against `r->name`.  Does not release.
 */
int csvread_stream(struct csvread *r, FILE *in, size_t block);

/* A whole small file to read: from a stream, or from bytes in memory. */
struct csv_source {
	FILE *stream;          /* NULL: read `bytes` */
	const void *bytes;
	size_t len;
};

/*
 * Read all of `src` called `name` through a reader of its own, passing
 * rows to `on_row(row, ctx)`.  Returns the final status (see
 * csvread_feed() and csvread_finish()).
 */
int csvread_all(const struct csv_source *src, const char *name,
		const struct csv_format *format, struct diag *diag,
		csvread_row_fn on_row, void *ctx);

/* A small file of records under a header: a baseline, a register. */
#define CSVREAD_TABLE_MAX 8          /* columns a table may name */
struct csv_table {
	const char *what;            /* "baseline": "the baseline file is empty" */
	const struct csv_column *columns;
	size_t ncolumns;             /* at most CSVREAD_TABLE_MAX */
	/*
	 * Each data row, blank ones skipped, with at[c] the cell of column
	 * c or -1; returns FOITAB_OK to go on, or a status to stop.
	 */
	int (*on_record)(const struct csv_row *row, const int *at, void *ctx);
	void *ctx;
};

/*
 * Read `src` called `name` as table `t`: the delimiter found, blank rows
 * skipped, the first other row mapped as its header (csvread_map_header(),
 * unknown columns ignored), each row after it passed to t->on_record.  A
 * file with no header is reported as empty.  Returns what csvread_all()
 * does: FOITAB_OK unless reading stopped; errors reported along the way
 * are the caller's to count.
 */
int csvread_table(const struct csv_table *t, const struct csv_source *src,
		  const char *name, struct diag *diag);

/*
 * A table in a large regular file read in parts on several threads: the
 * header and the first part on this thread, each other part on a thread
 * of its own, its records going to a context of its own; the parts are
 * then merged in file order.  A part that says anything (an empty name, a
 * stray quote) or that the caller refuses is read again, with all after
 * it, in order: what is said and read is what one pass would give.
 */
#define CSVREAD_MIN_PART ((long)4 << 20)   /* bytes a part needs: 4 MiB */
struct csv_table_parts {
	unsigned jobs;               /* threads to read on; 1: one pass */
	long min_part;               /* bytes a part needs; 0: CSVREAD_MIN_PART */
	/*
	 * A new, empty context for a part's records, which report to
	 * `diag` (it shows nothing); NULL when out of memory.
	 */
	void *(*open_part)(void *ctx, struct diag *diag);
	/*
	 * On this thread, in file order: add the records of `part`, a part
	 * read cleanly, to `ctx` (the table's own), their lines counted
	 * after `lines_before`.  FOITAB_OK; CUTS_REFUSED (cuts.h) when they
	 * cannot be (nothing changed; the part is read again in order); or a
	 * status that stops reading.
	 */
	int (*merge)(void *ctx, void *part, unsigned long lines_before);
	void (*close_part)(void *part);   /* free a part's context */
};

/*
 * As csvread_table() on the stream `in`, on up to `parts->jobs` threads
 * when it is a regular file, read from its start, of twice the least part
 * or more; else in one pass.
 */
int csvread_table_parts(const struct csv_table *t, FILE *in, const char *name,
			struct diag *diag, const struct csv_table_parts *parts);

/* A trimmed, NUL-terminated copy of cell `at` ("" past the row's end). */
char *csvread_cell_copy(const struct csv_row *row, int at);

/* A column a file's header must or may have. */
struct csv_column {
	const char *name;   /* folded as text_fold() folds: "substance_misuse";
			       NULL: not sought (never matched nor missing) */
	int required;
	char *const *also;  /* other header names, folded, or NULL */
	size_t nalso;
};

/*
 * Find each of the `n` columns in `header`, comparing folded names (the
 * column's name, or one of its `also` names), so that case, surrounding
 * spaces and ' '/'-' for '_' do not matter: at[c]
 * receives the cell index of column c, or -1.  A required column that is
 * missing (the message lists the header found) and a column given twice
 * are reported against `file`, the former with the nearest header cell as
 * a "did you mean".  When `warn_unknown`, a cell that names none of the
 * columns is a warning (with the nearest column, if one is close).
 * Returns FOITAB_OK, FOITAB_DATAERR or FOITAB_OSERR.
 */
int csvread_map_header(const struct csv_row *header,
		       const struct csv_column *columns, size_t n, int *at,
		       const char *file, int warn_unknown, struct diag *diag);

/*
 * csvread_map_header(), with `groups` (NULL: none) the row above the
 * header that groups its columns, as a title over merged cells does: a
 * filled cell there is the group of the header cells below it and to its
 * right, up to the next filled one.  A column is then found by its group
 * and its own header joined by a space ("2021-22 financial year
 * Contracts handed back", folded), or by its own header when only one
 * cell has it; a header repeated under two groups, and named alone, is
 * an error that gives both joined names.  When `by_group` is not NULL,
 * by_group[c] says whether column c was found by its joined name.
 */
int csvread_map_grouped(const struct csv_row *header,
			const struct csv_row *groups,
			const struct csv_column *columns, size_t n, int *at,
			int *by_group, const char *file, int warn_unknown,
			struct diag *diag);

/* The group of header cell `i` under `groups` (NULL: none): the index of
 * the last filled cell of `groups` at or before `i`, or -1. */
int csvread_group_of(const struct csv_row *groups, size_t i);

/* A group and a header cell joined by a space, each trimmed, into `out`;
 * -1 when out of memory. */
int csvread_joined(const char *group, size_t glen, const char *cell,
		   size_t clen, struct strbuf *out);

/* A copy of a row, kept past its callback (rows above a header). */
struct csv_held {
	struct strbuf text;          /* the cells, one after another */
	size_t *lens;
	const char **fields;
	size_t n;
	unsigned long line;          /* 0: none kept */
	int sheet_cells;
};

/* Keep a copy of `row` in `h` (which it overwrites); -1 when out of
 * memory (free `h` all the same). */
int csvread_hold(struct csv_held *h, const struct csv_row *row);

/* The kept row, valid until `h` is freed. */
struct csv_row csvread_held_row(const struct csv_held *h);

void csvread_held_free(struct csv_held *h);

/* Narrow `*s`/`*len` to the cell without surrounding white space. */
void csvread_trim(const char **s, size_t *len);

/* Is every cell of `row` empty or white space (or has it no cells)? */
int csvread_row_is_blank(const struct csv_row *row);

#endif
