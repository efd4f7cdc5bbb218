/*
 * workbook.h - a spreadsheet workbook (.xlsx from Excel or Google Sheets,
 * .ods from LibreOffice) read as rows, through libzip and expat, so that
 * a campaigner's sheet needs no "save as CSV".
 *
 * Rows come out as csvread's do (struct csv_row), one a sheet row, with
 * `line` the row's number in the sheet and `sheet_cells` set, so that
 * messages can name the cell (Coded!D5).  Cells hold what the sheet
 * shows: shared, inline and rich text as text; TRUE/FALSE cells as yes
 * and no; numbers without float noise (3, not 3.0); dates and times in
 * ISO 8601 by the cell's number format and the workbook's date system;
 * formulas by their stored value.  Charts, comments and formatting are
 * not read.
 *
 * Every input is bounded: the size of each part as it is inflated, the
 * shared strings kept, the depth of the XML, the cells of a row and the
 * bytes of a cell; a DOCTYPE (and with it any entity) is refused.  Any
 * problem is an error naming the file, never a crash or a partial read.
 */
#ifndef FOITAB_WORKBOOK_H
#define FOITAB_WORKBOOK_H

#include <stddef.h>
#include <stdio.h>

#include "csvread.h"
#include "diag.h"

#define WORKBOOK_PART_MAX ((size_t)256 << 20)   /* a part, inflated */
/* All parts read, each time one is read, inflate to at most
 * max(FLOOR, RATIO x the workbook's size): a spreadsheet's XML packs
 * about ten to one, a zip bomb a thousand to one. */
#define WORKBOOK_INFLATE_FLOOR ((size_t)32 << 20)
#define WORKBOOK_INFLATE_RATIO 100
/* Shared strings kept: their text, a NUL and a 4-byte index each. */
#define WORKBOOK_STRINGS_MAX ((size_t)48 << 20)
#define WORKBOOK_SHEETS_MAX 10000                /* as LibreOffice's */
#define WORKBOOK_FORMATS_MAX 65536               /* number formats */
#define WORKBOOK_STYLES_MAX 1048576              /* cell formats */
#define WORKBOOK_DEPTH_MAX 64                    /* XML elements nested */
#define WORKBOOK_ROWS_MAX 1048576UL              /* as Excel's sheets */
/* Cells passed on from one sheet, an .ods's repeated rows counted. */
#define WORKBOOK_CELLS_MAX 100000000UL

/* Does `in` (a regular file, read from its start) begin as a zip does? */
int workbook_sniff(FILE *in);

/*
 * Could `header` be the header row of a sheet: does it hold the columns
 * the caller looks for?  Used to pick the sheet when none is named: it
 * is called with a sheet's first non-blank rows in order, up to
 * WORKBOOK_PROBE_ROWS of them, until one fits.
 */
#define WORKBOOK_PROBE_ROWS 10
typedef int (*workbook_fits_fn)(const struct csv_row *header, void *ctx);

/* take(): the part cannot be taken; its rows are read again in order. */
#define WORKBOOK_REFUSED (-1)

/*
 * Reading a large .xlsx sheet on several threads.  Its XML is cut into
 * pieces of whole rows, each parsed on a thread of its own with rows
 * going to a part the caller opens for it; the parts are then taken in
 * sheet order.  A part is taken only when it read exactly as one pass
 * would have (the cut fell between two rows, it reported nothing); else
 * its rows and those of every later part are read again in order, with
 * on_row, so that the rows, messages and counts are those of one pass.
 */
struct workbook_parts {
	unsigned jobs;               /* threads; under 2: one pass */
	size_t piece;                /* bytes of XML a piece; 0: 512 KiB */
	size_t min_part;             /* XML a part needs; 0: 8 MiB */
	int (*ready)(void *ctx);     /* may pieces be cut yet (a header read)? */
	void *(*open_part)(void *ctx);  /* on this thread; NULL: none */
	csvread_row_fn part_row;     /* a part's row, on the part's thread;
					not FOITAB_OK: the part is not taken */
	/* On this thread, in order: FOITAB_OK, WORKBOOK_REFUSED or a stop
	 * status.  A part's rows are numbered as they stand in the sheet
	 * (.xlsx: rows_before is 0), or from 1 at the part's first row, which
	 * follows `rows_before` rows of the sheet (.ods, whose rows carry no
	 * numbers). */
	int (*take)(void *ctx, void *part, unsigned long rows_before);
	void (*close_part)(void *part);
	void *ctx;
};

struct workbook_request {
	const char *sheet;           /* a name or a number from 1 (hidden
					sheets counted); NULL: the first
					visible sheet whose header fits, else
					the first visible one */
	workbook_fits_fn fits;       /* NULL: the first sheet */
	void *fits_ctx;
	csvread_row_fn on_row;       /* every row of the sheet, in order */
	void *ctx;
	/* A merged range over rows first_row..last_row (from 1) and columns
	 * first_col..last_col (from 0), called once the rows up to its
	 * first have gone to on_row; NULL: merges are not wanted.  Returns
	 * FOITAB_OK or a stop status. */
	int (*on_merge)(unsigned long first_row, size_t first_col,
			unsigned long last_row, size_t last_col, void *ctx);
	char *sheet_read;            /* out: the sheet's name (free it) */
	const struct workbook_parts *parts;  /* NULL: one pass */
};

/*
 * Read the workbook `in` (a regular file, named `name` in messages) and
 * pass the rows of one sheet to req->on_row.  Returns FOITAB_OK, a stop
 * status of on_row, FOITAB_DATAERR (reported: not a workbook foitab
 * reads, no such sheet, a damaged or hostile part), FOITAB_NOINPUT (a
 * read error) or FOITAB_OSERR.
 */
int workbook_read(FILE *in, const char *name, struct workbook_request *req,
		  struct diag *diag);

#endif
