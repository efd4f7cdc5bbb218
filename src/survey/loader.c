/*
 * loader.c - checks each row of a coded survey against the codebook of a
 * rules file.
 *
 * Values are compared after folding case, trimming spaces and treating
 * '_', '-' and ' ' alike, so `Under way`, `under-way` and `UNDER_WAY` are
 * one value.  Anything else is an error with a suggestion when a codebook
 * value is close; nothing is guessed.  A row is checked in two passes:
 * first every coded cell is read into its bits, then each column, in the
 * rules' order, is reported on, so that a requirement such as "required
 * when response is answered" can look at any other column.
 *
 * This file does not count buckets (classifier.c) or print (reporter.c).
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <ctype.h>
#include <string.h>

#include "exitcodes.h"
#include "loader.h"
#include "mem.h"
#include "text.h"

/* ------------------------------------------------------------------ */
/* Rows. */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The trimmed cell of rules column `col`; "" when absent. */
static inline const char *cell(const struct loader *l, const struct csv_row *row,
			int col, size_t *len)
{
	int at = l->column_at[col];
	const char *s;
	size_t n;

	*len = 0;
	if (at < 0 || (size_t)at >= row->nfields)
		return "";
	s = row->fields[at];
	n = row->lens[at];
	/* libcsv has trimmed unquoted cells; only quoted ones need it. */
	while (n && is_space(*s)) {
		s++;
		n--;
	}
	while (n && is_space(s[n - 1]))
		n--;
	*len = n;
	return s;
}

/*
 * The value of column `c` that `s` (trimmed, `len` bytes) names, or -1;
 * -2 when out of memory.  A cell written as the codebook writes it is
 * matched as it stands; another spelling met before, in the memo; any
 * other is folded, and kept in the memo if it names a value.
 */
static int lookup(struct loader *l, int c, const char *s, size_t len)
{
	const struct rules_column *col = &l->rules->columns[c];
	uint64_t key;
	size_t i;
	int v;

	for (i = 0; i < col->nvalues; i++)
		if (col->folded_len[i] == len && col->folded[i][0] == s[0] &&
		    memcmp(col->folded[i], s, len) == 0)
			return (int)i;
	key = spellings_key((unsigned)c, s, len);
	v = spellings_find(&l->spellings, key, (unsigned)c, s, len);
	if (v >= 0)
		return v;
	if (text_fold(s, len, &l->scratch) < 0)
		return -2;
	v = rules_value(col, strbuf_str(&l->scratch));
	if (v >= 0)
		spellings_keep(&l->spellings, key, (unsigned)c, s, len, v);
	return v;
}

/* "a, b, c": the values of a column, for messages. */
static const char *listed_names(const struct rules_column *c, char *buf,
				size_t size)
{
	size_t used = 0, i;

	buf[0] = '\0';
	for (i = 0; i < c->nvalues; i++) {
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
				 c->values[i]);

		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

/* Column letters of cell index `cell`: 0 -> A, 25 -> Z, 26 -> AA. */
static void column_letters(size_t cell, char letters[8])
{
	size_t n = 0, k;

	for (k = cell + 1; k > 0 && n < 7; k = (k - 1) / 26)
		letters[n++] = (char)('A' + (k - 1) % 26);
	for (k = 0; k < n / 2; k++) {
		char t = letters[k];

		letters[k] = letters[n - 1 - k];
		letters[n - 1 - k] = t;
	}
	letters[n] = '\0';
}

/*
 * Report a problem with cell `cell` (an index into the row; NO_CELL: the
 * row as a whole) of `row`: at FILE:LINE, or for a workbook's row at the
 * cell a spreadsheet user clicks on, FILE:SHEET!D5.
 */
#define NO_CELL ((size_t)-1)
static void cell_error(struct loader *l, const struct csv_row *row,
		       size_t cell, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void cell_error(struct loader *l, const struct csv_row *row,
		       size_t cell, const char *fmt, ...)
{
	char message[2048], where[300], letters[8];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	if (!row->sheet_cells || cell == NO_CELL) {
		diag_error(l->diag, l->name, row->line, "%s", message);
		return;
	}
	column_letters(cell, letters);
	snprintf(where, sizeof where, "%s!%s%lu", l->name, letters, row->line);
	diag_error(l->diag, where, 0, "%s", message);
}

/* The cell of rules column `c` in the row, or NO_CELL if none. */
static size_t cell_of(const struct loader *l, int c)
{
	return l->column_at[c] >= 0 ? (size_t)l->column_at[c] : NO_CELL;
}

/*
 * What messages call column `c`: the header cell as the sheet writes it
 * (trimmed), so that a column the rules map from `Drug classes` is not
 * called `drugs`; the rules' name when the sheet has no such column.
 */
static const char *column_label(const struct loader *l, int c)
{
	return l->header_text[c].len ? strbuf_str(&l->header_text[c])
				     : l->rules->columns[c].name;
}

static void unknown_value(struct loader *l, const struct csv_row *row, int c,
			  const char *raw, size_t len)
{
	const struct rules_column *col = &l->rules->columns[c];
	char show[80], names[600];
	const char *hint = rules_suggest(col, strbuf_str(&l->scratch));

	text_shown(raw, len, show, sizeof show);
	if (hint)
		cell_error(l, row, cell_of(l, c),
			   "column '%s': unknown %s '%s' (did you mean '%s'?)",
			   column_label(l, c), col->item, show, hint);
	else
		cell_error(l, row, cell_of(l, c),
			   "column '%s': unknown %s '%s'; expected one of: %s",
			   column_label(l, c), col->item, show,
			   listed_names(col, names, sizeof names));
}

/* A number column's cell that is neither a figure nor one of its words. */
static void not_a_figure(struct loader *l, const struct csv_row *row, int c,
			 const char *raw, size_t len, enum number_error why)
{
	const struct rules_column *col = &l->rules->columns[c];
	char show[80], names[600];
	const char *hint;

	text_shown(raw, len, show, sizeof show);
	if (why != NUMBER_NOT) {
		cell_error(l, row, cell_of(l, c), "column '%s': '%s': %s",
			   column_label(l, c), show, number_error_text(why));
		return;
	}
	hint = rules_suggest(col, strbuf_str(&l->scratch));
	if (hint)
		cell_error(l, row, cell_of(l, c), "column '%s': '%s' is not a "
			   "number (did you mean '%s'?)", column_label(l, c),
			   show, hint);
	else if (col->nvalues)
		cell_error(l, row, cell_of(l, c), "column '%s': '%s' is not a "
			   "number, nor one of the words this column may hold "
			   "instead: %s", column_label(l, c), show,
			   listed_names(col, names, sizeof names));
	else
		cell_error(l, row, cell_of(l, c), "column '%s': '%s' is not a "
			   "number; if the sheet writes such words in place of "
			   "a figure, list them in the rules ('values = %s')",
			   column_label(l, c), show, show);
}

/* The bytes that part a list's items: ';', ',' and '|'. */
static const unsigned char is_separator[256] = {
	[';'] = 1, [','] = 1, ['|'] = 1
};

/* What pass 1 found in a coded cell. */
enum cell_state { CELL_EMPTY, CELL_OK, CELL_UNKNOWN };

/*
 * Read a coded cell into `*bits`.  An unknown value (of a list, the first
 * one) is reported at once when `report`; returns the state, or -1 when
 * out of memory.
 */
static int read_cell(struct loader *l, const struct csv_row *row, int c,
		     const char *s, size_t len, struct bitset *bits,
		     struct number *figure, int report)
{
	const struct rules_column *col = &l->rules->columns[c];
	int state = CELL_EMPTY;

	bitset_clear(bits);
	figure->scale = -1;
	if (col->type == COLUMN_TEXT || len == 0)
		return CELL_EMPTY;
	if (col->type != COLUMN_LIST) {
		int v = col->nvalues ? lookup(l, c, s, len) : -1;

		if (v == -2)
			return -1;
		if (v < 0 && col->type == COLUMN_NUMBER) {
			/* A figure, as people write them. */
			enum number_error why = number_parse(s, len, figure);

			if (why == NUMBER_OK)
				return CELL_OK;
			figure->scale = -1;
			if (report) {
				if (!col->nvalues && lookup(l, c, s, len) == -2)
					return -1;
				not_a_figure(l, row, c, s, len, why);
			}
			return CELL_UNKNOWN;
		}
		if (v < 0) {
			if (report)
				unknown_value(l, row, c, s, len);
			return CELL_UNKNOWN;
		}
		bitset_add(bits, (unsigned)v);
		return CELL_OK;
	}
	/* A list: items split by ';', ',' or '|'; empty items ignored. */
	while (len > 0) {
		size_t n = 0, item_len;
		const char *item = s;
		int v;

		while (n < len && !is_separator[(unsigned char)s[n]])
			n++;
		item_len = n;
		csvread_trim(&item, &item_len);
		if (item_len > 0) {
			v = lookup(l, c, item, item_len);
			if (v == -2)
				return -1;
			if (v >= 0) {
				bitset_add(bits, (unsigned)v);
				if (state == CELL_EMPTY)
					state = CELL_OK;
			} else {
				if (report)
					unknown_value(l, row, c, item,
						      item_len);
				state = CELL_UNKNOWN;
			}
		}
		s += n < len ? n + 1 : n;
		len -= n < len ? n + 1 : n;
	}
	return state;
}

static int cell_is_blank(const char *s, size_t len)
{
	csvread_trim(&s, &len);
	return len == 0;
}

/* Keep a copy of `row` above the header; -1 when out of memory. */
static int hold_row(struct loader *l, const struct csv_row *row)
{
	if (!l->held) {
		l->held = mem_calloc(LOADER_ABOVE_MAX, sizeof *l->held);
		if (!l->held)
			return -1;
	}
	return csvread_hold(&l->held[l->nheld++], row);
}

/* Held row `k` as a csv_row. */
static struct csv_row held_row(const struct loader *l, size_t k)
{
	return csvread_held_row(&l->held[k]);
}

static void release_held(struct loader *l)
{
	size_t k;

	for (k = 0; k < l->nheld; k++)
		csvread_held_free(&l->held[k]);
	mem_free(l->held);
	l->held = NULL;
	l->nheld = 0;
}

/* Does a cell of `row` hold the body column's header?  -1: memory. */
static int holds_body_header(struct loader *l, const struct csv_row *row)
{
	const struct csv_column *body = &l->header[COLUMN_BODY];
	size_t i, k;

	for (i = 0; i < row->nfields; i++) {
		if (text_fold(row->fields[i], row->lens[i], &l->scratch) < 0)
			return -1;
		if (strcmp(body->name, strbuf_str(&l->scratch)) == 0)
			return 1;
		for (k = 0; k < body->nalso; k++)
			if (strcmp(body->also[k], strbuf_str(&l->scratch)) == 0)
				return 1;
	}
	return 0;
}

/* Cells of `row` that are not blank. */
static size_t filled_cells(const struct csv_row *row)
{
	size_t i, n = 0;

	for (i = 0; i < row->nfields; i++)
		n += !cell_is_blank(row->fields[i], row->lens[i]);
	return n;
}

/* The header row, with `groups` (NULL: none) the row grouping its
 * columns: where each rules column is. */
static int read_header(struct loader *l, const struct csv_row *row,
		       const struct csv_row *groups)
{
	int by_group[RULES_MAX_COLUMNS];
	size_t c;
	int status;

	l->have_header = 1;
	l->header_line = row->line;
	l->ncolumns = row->nfields;
	/* Rows cannot be read without a sound header: stop if it is not. */
	status = csvread_map_grouped(row, groups, l->header,
				     l->rules->ncolumns, l->column_at,
				     by_group, l->name, 1, l->diag);
	l->header_ok = status == FOITAB_OK;
	for (c = 0; c < l->rules->ncolumns && status != FOITAB_OSERR; c++) {
		const char *s;
		size_t len;
		int g;

		if (l->column_at[c] < 0)
			continue;
		s = row->fields[l->column_at[c]];
		len = row->lens[l->column_at[c]];
		text_trim(&s, &len);
		strbuf_reset(&l->header_text[c]);
		g = by_group[c] ? csvread_group_of(groups,
						   (size_t)l->column_at[c]) : -1;
		/* Messages call it as the sheet shows it: under its group. */
		if (g >= 0 ? csvread_joined(groups->fields[g], groups->lens[g],
					    s, len, &l->header_text[c]) < 0
			   : strbuf_add(&l->header_text[c], s, len) < 0)
			status = FOITAB_OSERR;
	}
	if (status == FOITAB_DATAERR && !l->rules->dir)
		diag_note(l->diag, l->name, 0, "these are the built-in rules, for "
			  "the 2023 survey of ICBs ('foitab rules' prints them); "
			  "for another survey, 'foitab init FILE' drafts rules "
			  "from its sheet, and --rules RULES uses them");
	return status;
}

/* Report on column `c` of a row whose bits pass 1 has read. */
static int check_column(struct loader *l, const struct csv_row *row, int c,
			struct response *r, const int *state)
{
	const struct rules_column *col = &l->rules->columns[c];
	const char *need = NULL;
	char names[600];

	if (col->type != COLUMN_TEXT && state[c] == CELL_UNKNOWN) {
		/* Report every unknown value now, in the column's order. */
		struct bitset bits;
		struct number figure;
		size_t len;
		const char *s = cell(l, row, c, &len);

		return read_cell(l, row, c, s, len, &bits, &figure, 1) < 0 ?
		       -1 : 0;
	}
	if (col->required_always)
		need = "every row";
	else if (col->required_when &&
		 expr_holds(col->required_when, r->bits, r->figure))
		need = col->required_phrase;
	/* A list of separators only (";") names nothing: it is empty. */
	if (!need || (col->type == COLUMN_TEXT ? *r->text[c] != '\0'
					       : state[c] != CELL_EMPTY))
		return 0;
	if (c == COLUMN_BODY)
		cell_error(l, row, cell_of(l, c), "column '%s': empty; "
			   "every row needs the public body's name",
			   column_label(l, c));
	else if (col->type == COLUMN_TEXT)
		cell_error(l, row, cell_of(l, c), "column '%s': empty; %s "
			   "needs one", column_label(l, c), need);
	else if (col->type == COLUMN_NUMBER)
		cell_error(l, row, cell_of(l, c), "column '%s': empty; %s "
			   "needs a figure%s%s", column_label(l, c), need,
			   col->nvalues ? " or one of: " : "",
			   listed_names(col, names, sizeof names));
	else
		cell_error(l, row, cell_of(l, c),
			   "column '%s': empty; %s needs one of: %s",
			   column_label(l, c), need,
			   listed_names(col, names, sizeof names));
	return 0;
}

static int on_row(const struct csv_row *row, void *ctx);

/*
 * No held row holds the body's header: the first is the header, as it
 * stands (its mistakes reported), and the others its first rows.
 */
static int settle_header(struct loader *l)
{
	struct csv_row row = held_row(l, 0);
	size_t k;
	int status = read_header(l, &row, NULL);

	for (k = 1; k < l->nheld && status == FOITAB_OK; k++) {
		row = held_row(l, k);
		status = on_row(&row, l);
	}
	release_held(l);
	return status;
}

/* A row that is not blank, before the header: is it the header? */
static int find_header(struct loader *l, const struct csv_row *row)
{
	struct csv_row above;
	int found = holds_body_header(l, row), status;

	if (found < 0)
		return FOITAB_OSERR;
	if (found) {
		const struct csv_row *groups = NULL;

		if (l->nheld) {
			above = held_row(l, l->nheld - 1);
			if (above.line + 1 == row->line &&
			    filled_cells(&above) >= 2)
				groups = &above;
			diag_note(l->diag, l->name, row->line, "the header is "
				  "on this %s; the %zu row%s above it %s not read%s",
				  row->sheet_cells ? "row" : "line", l->nheld,
				  l->nheld == 1 ? "" : "s", l->nheld == 1 ?
				  "is" : "are", groups ? ", but the one just "
				  "above groups the columns under it" : "");
		}
		status = read_header(l, row, groups);
		release_held(l);
		return status;
	}
	if (l->nheld < LOADER_ABOVE_MAX)
		return hold_row(l, row) < 0 ? FOITAB_OSERR : FOITAB_OK;
	status = settle_header(l);
	return status == FOITAB_OK ? on_row(row, l) : status;
}

static int on_row(const struct csv_row *row, void *ctx)
{
	struct loader *l = ctx;
	const struct rules *rules;
	unsigned long errors = l->diag->errors, first;
	struct response r;
	int state[RULES_MAX_COLUMNS];
	uint64_t hash = 0;
	size_t c;
	int dup;

	if (!l->have_header) {
		/* A row refused before the header (a bad byte) was the
		 * header: the next row must not be taken for it. */
		if (l->csv.rejected_rows) {
			l->have_header = 1;
			return FOITAB_DATAERR;
		}
		/* Blank lines and rows of empty cells above it are skipped. */
		if (csvread_row_is_blank(row))
			return FOITAB_OK;
		return find_header(l, row);
	}
	rules = l->rules;
	l->counts.rows++;
	if (csvread_row_is_blank(row)) {
		l->counts.blank_rows++;
		return FOITAB_OK;
	}
	/* Every column's bits and text are set in pass 1: no memset. */
	r.line = row->line;
	r.sheet_row = row->sheet_cells;
	if (row->nfields > l->ncolumns) {
		size_t i;

		/* Empty cells past the header's end are harmless. */
		for (i = l->ncolumns; i < row->nfields; i++)
			if (!cell_is_blank(row->fields[i], row->lens[i]))
				break;
		if (i < row->nfields)
			cell_error(l, row, i,
				   "this row has %zu cells but the header has "
				   "%zu; cell %zu has no column (a stray "
				   "delimiter?)", row->nfields, l->ncolumns,
				   i + 1);
	}
	/* Pass 1: every cell, trimmed; coded cells into bits. */
	for (c = 0; c < rules->ncolumns; c++) {
		size_t len;
		const char *s = cell(l, row, (int)c, &len);

		if (len == 0) {
			r.text[c] = "";
		} else if (s[len] == '\0') {
			r.text[c] = s;    /* the cell itself ends there */
		} else {
			/* Trailing spaces in a quoted cell: a trimmed copy. */
			strbuf_reset(&l->cells[c]);
			if (strbuf_add(&l->cells[c], s, len) < 0)
				return FOITAB_OSERR;
			r.text[c] = strbuf_str(&l->cells[c]);
		}
		if (len == 0 || rules->columns[c].type == COLUMN_TEXT) {
			/* Nothing to look up: read_cell()'s first case, here
			 * without a call, as most cells are. */
			bitset_clear(&r.bits[c]);
			r.figure[c].scale = -1;
			state[c] = CELL_EMPTY;
		} else {
			state[c] = read_cell(l, row, (int)c, s, len, &r.bits[c],
					     &r.figure[c], 0);
		}
		if (c == COLUMN_BODY && len) {
			/* Start fetching the body's slot; pass 2 will use it. */
			hash = bodies_hash(r.text[COLUMN_BODY]);
			bodies_prefetch(&l->bodies, hash);
		} else if (c == COLUMN_CODE && len && l->ahead) {
			l->ahead(r.text[COLUMN_CODE], l->ctx);
		}
		if (state[c] < 0)
			return FOITAB_OSERR;
	}
	/* Pass 2: report, column by column (only those that can fail). */
	for (c = 0; c < rules->ncolumns; c++) {
		if (!l->header[c].required && state[c] != CELL_UNKNOWN)
			continue;
		if (check_column(l, row, (int)c, &r, state) < 0)
			return FOITAB_OSERR;
		if (c != COLUMN_BODY || !*r.text[COLUMN_BODY])
			continue;
		dup = bodies_note(&l->bodies, hash, row->line, &first);
		if (dup == -2) {
			diag_error(l->diag, l->name, row->line, "more than %zu "
				   "bodies: foitab checks for duplicates among at "
				   "most that many; split the file", BODIES_MAX);
			return FOITAB_DATAERR;
		}
		if (dup < 0)
			return FOITAB_OSERR;
		if (dup)
			cell_error(l, row, cell_of(l, COLUMN_BODY),
				   row->sheet_cells ? "column '%s': '%s' is already "
				   "in row %lu; each body has one row" :
				   "column '%s': '%s' is already on line %lu; "
				   "each body has one row",
				   column_label(l, COLUMN_BODY),
				   r.text[COLUMN_BODY], first);
	}
	if (l->diag->errors != errors) {
		l->counts.bad_rows++;
		return FOITAB_OK;
	}
	r.body = r.text[COLUMN_BODY];
	r.code = r.text[COLUMN_CODE];
	r.summary = r.text[COLUMN_SUMMARY];
	if (rules->all_answered)   /* answered, its first value */
		bitset_add(&r.bits[COLUMN_RESPONSE], RESPONSE_ANSWERED);
	r.response = bitset_has(&r.bits[COLUMN_RESPONSE], 0) ? RESPONSE_ANSWERED :
		     bitset_has(&r.bits[COLUMN_RESPONSE], 1) ? RESPONSE_REFUSED :
		     bitset_has(&r.bits[COLUMN_RESPONSE], 2) ? RESPONSE_PENDING :
							       RESPONSE_EXCLUDED;
	l->counts.responses++;
	return l->on_response(&r, l->ctx);
}

int loader_feed_row(struct loader *l, const struct csv_row *row)
{
	return on_row(row, l);
}

int loader_header_fits(struct loader *l, const struct csv_row *row)
{
	int at[RULES_MAX_COLUMNS], fits;
	struct diag silent;
	struct csv_row above;
	const struct csv_row *groups = NULL;

	diag_init(&silent, NULL);
	if (l->probe.line && l->probe.line + 1 == row->line) {
		above = csvread_held_row(&l->probe);
		if (filled_cells(&above) >= 2)
			groups = &above;
	}
	fits = csvread_map_grouped(row, groups, l->header, l->rules->ncolumns,
				   at, NULL, l->name, 0, &silent) == FOITAB_OK;
	/* The row may group the columns of the next one. */
	csvread_held_free(&l->probe);
	if (!fits && csvread_hold(&l->probe, row) < 0)
		csvread_held_free(&l->probe);
	return fits;
}

int loader_begin(struct loader *l, const char *name,
		 const struct csv_format *format, const struct rules *rules,
		 struct diag *diag, loader_response_fn on_response, void *ctx)
{
	size_t c;

	assert(l && name && rules && diag && on_response);
	memset(l, 0, sizeof *l);
	l->rules = rules;
	/* The header must have every column a row may need. */
	for (c = 0; c < rules->ncolumns; c++) {
		l->header[c].name = rules->columns[c].name;
		l->header[c].also = rules->columns[c].headers;
		l->header[c].nalso = rules->columns[c].nheaders;
		/* ... and every column a condition tests: a column missing
		 * from the header would be read as empty, silently. */
		l->header[c].required = rules->columns[c].required_always ||
					rules->columns[c].required_when ||
					rules->columns[c].tested ||
					rules->columns[c].type == COLUMN_NUMBER;
	}
	if (rules->all_answered) {
		/* Every row is an answered reply: no column says so. */
		l->header[COLUMN_RESPONSE].name = NULL;
		l->header[COLUMN_RESPONSE].nalso = 0;
		l->header[COLUMN_RESPONSE].required = 0;
	}
	l->diag = diag;
	l->name = name;
	l->on_response = on_response;
	l->ctx = ctx;
	l->errors_at_begin = diag->errors;
	spellings_init(&l->spellings);
	if (csvread_init(&l->csv, name, format, diag, on_row, l) != FOITAB_OK)
		return FOITAB_OSERR;
	return bodies_init(&l->bodies) == 0 ? FOITAB_OK : FOITAB_OSERR;
}

int loader_feed(struct loader *l, const void *bytes, size_t len)
{
	return csvread_feed(&l->csv, bytes, len);
}

/* After the last byte: the file-level checks and the final status. */
int loader_merged(struct loader *l, unsigned long first_row, size_t first_col,
		  unsigned long last_row, size_t last_col)
{
	unsigned long data = l->header_line + 1;   /* the first data row */
	char where[400], a[8], b[8];
	size_t c;

	if (!l->have_header || !l->header_ok)
		return FOITAB_OK;
	for (c = 0; c < l->rules->ncolumns; c++) {
		size_t k;
		unsigned long from;

		if (l->column_at[c] < 0)
			continue;
		k = (size_t)l->column_at[c];
		if (k < first_col || k > last_col)
			continue;
		/* The range's cells in this column but its first. */
		from = k == first_col ? first_row + 1 : first_row;
		if (from < data)
			from = data;
		if (last_row < from)
			continue;
		column_letters(first_col, a);
		column_letters(last_col, b);
		snprintf(where, sizeof where, "%s!%s%lu:%s%lu", l->name, a,
			 first_row, b, last_row);
		diag_error(l->diag, where, 0, "these cells are merged: the sheet "
			   "shows one value over them, but only %s%lu holds it, "
			   "so column '%s' would read as empty in the others; "
			   "unmerge the cells and fill in each one", a, first_row,
			   column_label(l, (int)c));
		break;
	}
	return FOITAB_OK;
}

static int conclude(struct loader *l, int status)
{
	/* Rows held in the hope of a header below them: the first is it. */
	if (status == FOITAB_OK && !l->have_header && l->nheld)
		status = settle_header(l);
	release_held(l);
	if (status == FOITAB_OSERR)
		return status;
	/* An unreadable header was reported already: say nothing more. */
	if (status == FOITAB_OK && !l->have_header &&
	    l->diag->errors == l->errors_at_begin) {
		char names[400] = "";
		size_t c, used = 0;

		for (c = 0; c < l->rules->ncolumns && used < sizeof names; c++)
			if (l->header[c].required)
				used += (size_t)snprintf(names + used,
							 sizeof names - used,
							 "%s, ", l->header[c].name);
		diag_error(l->diag, l->name, 0,
			   "the file is empty; it needs a header row (%s...) "
			   "and a row for each body", names);
	}
	/* Rows csvread refused (a NUL byte, not UTF-8) were rows with errors. */
	l->counts.rows += l->csv.rejected_rows;
	l->counts.bad_rows += l->csv.rejected_rows;
	if (status == FOITAB_OK && l->have_header &&
	    l->counts.rows == l->counts.blank_rows)
		diag_error(l->diag, l->name, 0,
			   "there are no data rows under the header");
	if (status != FOITAB_OK)
		return status;
	return l->diag->errors == l->errors_at_begin ? FOITAB_OK : FOITAB_DATAERR;
}

int loader_end(struct loader *l)
{
	return conclude(l, csvread_finish(&l->csv));
}

int loader_end_with(struct loader *l, int status)
{
	return status == FOITAB_OK ? loader_end(l) : conclude(l, status);
}

int loader_stream(struct loader *l, FILE *in)
{
	return conclude(l, csvread_stream(&l->csv, in, 0));
}

void loader_set_ahead(struct loader *l, loader_ahead_fn ahead)
{
	l->ahead = ahead;
}

void loader_follow(struct loader *l, const struct loader *first)
{
	assert(first->have_header && first->header_ok);
	l->have_header = 1;
	l->header_ok = 1;
	l->ncolumns = first->ncolumns;
	l->ahead = first->ahead;
	memcpy(l->column_at, first->column_at, sizeof l->column_at);
	csvread_follow(&l->csv, &first->csv);
}

int loader_has_header(const struct loader *l)
{
	return l->have_header && l->header_ok;
}

int loader_at_row_start(const struct loader *l)
{
	return csvread_at_row_start(&l->csv);
}

int loader_finish_part(struct loader *l)
{
	return csvread_finish(&l->csv);
}

int loader_can_absorb(const struct loader *l, const struct loader *part)
{
	return bodies_can_take(&l->bodies, &part->bodies);
}

unsigned long loader_lines(const struct loader *l)
{
	return csvread_lines(&l->csv);
}

int loader_absorb(struct loader *l, struct loader *part,
		  unsigned long lines_before)
{
	if (bodies_take(&l->bodies, &part->bodies, lines_before) < 0)
		return -1;
	csvread_add_lines(&l->csv, csvread_lines(&part->csv));
	l->counts.rows += part->counts.rows;
	l->counts.blank_rows += part->counts.blank_rows;
	l->counts.bad_rows += part->counts.bad_rows;
	l->counts.responses += part->counts.responses;
	return 0;
}

void loader_release(struct loader *l)
{
	size_t c;

	csvread_release(&l->csv);
	release_held(l);
	csvread_held_free(&l->probe);
	bodies_free(&l->bodies);
	spellings_free(&l->spellings);
	strbuf_release(&l->scratch);
	for (c = 0; c < RULES_MAX_COLUMNS; c++) {
		strbuf_release(&l->cells[c]);
		strbuf_release(&l->header_text[c]);
	}
}

