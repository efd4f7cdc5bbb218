/*
 * loader.h - the coded survey spreadsheet, read and checked against the
 * codebook of a rules file, one response at a time.
 *
 * The loader turns rows from csvread into `struct response` values.  It
 * maps header names to the rules' columns (case-insensitive, surrounding
 * spaces ignored, any order, unknown columns ignored), checks every value
 * against the codebook, and rejects duplicate bodies.  Each problem is
 * reported through diag with the record's physical line, and reading goes
 * on, so one run reports every problem in the file.  Only rows that pass
 * every check reach the callback; the caller decides what an error count
 * above zero means (foitab: exit 65, nothing on stdout).
 *
 * It does not tally or print anything.
 */
#ifndef FOITAB_LOADER_H
#define FOITAB_LOADER_H

#include <stdint.h>
#include <stdio.h>

#include "bodies.h"
#include "csvread.h"
#include "diag.h"
#include "rules.h"
#include "spellings.h"

/* One checked row.  The strings are valid only during the callback. */
struct response {
	unsigned long line;          /* physical line where the row starts,
					or a workbook sheet's row number */
	int sheet_row;               /* line is a sheet's row number */
	const char *body;            /* trimmed, never empty */
	const char *code;            /* trimmed; "" when not given */
	const char *summary;         /* trimmed; "" when not given */
	enum response_kind response;
	struct bitset bits[RULES_MAX_COLUMNS]; /* each column's values
					(rules.h) */
	struct number figure[RULES_MAX_COLUMNS]; /* a number column's figure;
					scale -1 when it has none */
	const char *text[RULES_MAX_COLUMNS];  /* each column's cell, trimmed */
};

/*
 * The header is the first row that holds the body column's header (by
 * its name or another the rules give it), among the first
 * LOADER_ABOVE_MAX rows that are not blank: rows above it are a title or
 * notes, skipped with a note, and the one just above it, when it has two
 * filled cells or more, groups the columns under it (csvread.h,
 * csvread_map_grouped()).  When none of those rows holds it, the first
 * is the header, and its mistakes are reported as they stand.
 */
#define LOADER_ABOVE_MAX 10


/* Return FOITAB_OK to go on, or a status to stop reading. */
typedef int (*loader_response_fn)(const struct response *r, void *ctx);

/*
 * A hint, called in a row's first pass with its code cell (trimmed, not
 * empty) and the response callback's context, before the row is checked:
 * what the callback will look up, to be fetched from memory meanwhile.
 */
typedef void (*loader_ahead_fn)(const char *code, void *ctx);

/* What the loader saw, for the response accounting. */
struct loader_counts {
	unsigned long rows;          /* data rows, blank ones included */
	unsigned long blank_rows;    /* skipped: blank lines and empty rows */
	unsigned long bad_rows;      /* rows with at least one error */
	unsigned long responses;     /* rows passed to the callback */
};

struct loader {
	struct csvread csv;
	const struct rules *rules;
	struct diag *diag;
	const char *name;
	loader_response_fn on_response;
	void *ctx;
	loader_ahead_fn ahead;       /* NULL: none */
	struct csv_held *held;    /* rows above the header, kept until
					it is found (LOADER_ABOVE_MAX) */
	size_t nheld;
	struct csv_held probe;    /* loader_header_fits()'s last row */
	int have_header;             /* the header row has been read */
	int header_ok;               /* ... and has every required column */
	unsigned long header_line;   /* ... and where it stands */
	size_t ncolumns;             /* cells in the header row */
	int column_at[RULES_MAX_COLUMNS];  /* rules column -> cell, or -1 */
	struct csv_column header[RULES_MAX_COLUMNS];
	struct bodies bodies;        /* the bodies named, to find one twice */
	struct spellings spellings;  /* coded cells' spellings met, and their
					values */
	struct strbuf scratch;       /* folded copies of values */
	struct strbuf cells[RULES_MAX_COLUMNS]; /* trimmed copies */
	struct strbuf header_text[RULES_MAX_COLUMNS]; /* as the sheet says */
	unsigned long errors_at_begin;
	struct loader_counts counts;
};

/*
 * Begin reading a survey file called `name` (used in messages), coded as
 * `rules` describe.  Returns FOITAB_OK or FOITAB_OSERR; call
 * loader_release() either way.  `rules` must outlive the loader.
 */
int loader_begin(struct loader *l, const char *name,
		 const struct csv_format *format, const struct rules *rules,
		 struct diag *diag, loader_response_fn on_response, void *ctx);

/* Give `l` a hint to call in each row (loader_follow() passes it on). */
void loader_set_ahead(struct loader *l, loader_ahead_fn ahead);

/*
 * Feed one row read elsewhere (a workbook's sheet), as csvread would.
 * Returns FOITAB_OK or a stop status.
 */
int loader_feed_row(struct loader *l, const struct csv_row *row);

/*
 * Would `row`, as the header, have every column the rules need, grouped
 * by the row given in the call before (a sheet's rows, probed in order,
 * up to LOADER_ABOVE_MAX of them)?
 */
int loader_header_fits(struct loader *l, const struct csv_row *row);

/*
 * A workbook's cells first_row..last_row (sheet rows, from 1) by
 * first_col..last_col (from 0) are merged: the sheet shows the first
 * cell's value over all of them, but the others are empty in the file.
 * If one of the others lies in a data row (below the header) and in a
 * column the rules read, that is an error at the range (FILE:SHEET!A3:A5),
 * never an empty cell read in silence.  Call it once the rows up to
 * first_row have been fed.  Returns FOITAB_OK (a problem is reported,
 * and makes loader_end() fail).
 */
int loader_merged(struct loader *l, unsigned long first_row, size_t first_col,
		  unsigned long last_row, size_t last_col);

/* Feed bytes in blocks of any size.  Returns FOITAB_OK or a stop status. */
int loader_feed(struct loader *l, const void *bytes, size_t len);

/*
 * End of input.  Returns FOITAB_OK when every row was valid, FOITAB_DATAERR
 * when any error was reported (including an empty file or one with no data
 * rows), or FOITAB_OSERR.
 */
int loader_end(struct loader *l);

/*
 * End of input, after feeding stopped with `status`: loader_end() when
 * that is FOITAB_OK; else the counts are settled and `status` returned.
 */
int loader_end_with(struct loader *l, int status);

/* Read all of `in` into `l`, begun: feed and end in one. */
int loader_stream(struct loader *l, FILE *in);

/* Free everything `l` holds, whatever state it is in. */
void loader_release(struct loader *l);

/*
 * Reading one file in parts, on several threads (split.h).  A part is
 * read by a loader of its own, begun as usual, then made to follow the
 * loader that read the header:
 */

/* Has `l` read a sound header? */
int loader_has_header(const struct loader *l);

/*
 * Make `l` (just begun, nothing fed) read rows from the middle of the file
 * `first` is reading, where a record begins, under `first`'s header (which
 * must be sound).  Its lines count from 1 there.
 */
void loader_follow(struct loader *l, const struct loader *first);

/* Has `l` read every byte fed, ending between two records? */
int loader_at_row_start(const struct loader *l);

/* A part that runs to the end of the file: flush its last record. */
int loader_finish_part(struct loader *l);

/* Lines wholly read so far (where a part that follows would begin). */
unsigned long loader_lines(const struct loader *l);

/*
 * May `part`, read from where `l` stopped (at a row start), be taken in
 * as if `l` had read its rows?  Only when none of its bodies is one `l`
 * has seen, and there are not too many in all; else `l` must read the
 * part's bytes itself, and will report the duplicate where it stands.
 * Only a part that reported nothing should be offered.
 */
int loader_can_absorb(const struct loader *l, const struct loader *part);

/*
 * Take in a part loader_can_absorb() allowed: its lines, counts and
 * bodies, the part's lines counted after `lines_before` (loader_lines(l)
 * for a file's part).  Returns 0, or -1 when out of memory.  The
 * responses the part passed on are the caller's to merge; `part` can then
 * be released.
 */
int loader_absorb(struct loader *l, struct loader *part,
		  unsigned long lines_before);

#endif
