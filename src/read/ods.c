/*
 * ods.c - the .ods reader (OpenDocument, as LibreOffice saves it): every
 * sheet a table of content.xml, its repeated rows and columns bounded,
 * each cell's value by its value-type.  See workbook.h; what the readers
 * share is sheetxml.h.
 *
 * content.xml is read at most twice: once to list the tables (which are
 * hidden, by their styles, and, when the caller wants the first that
 * fits, each visible table's first row tested on the way), and once to
 * read the table chosen, in pieces on threads when it is large
 * (pieces.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "mem.h"
#include "pieces.h"
#include "sheetxml.h"

#define ODS_SPACES_MAX 1024          /* spaces one <text:s> gives */
#define ODS_HIDDEN_STYLES_MAX 65536  /* table styles that hide a table */
#define ODS_HIDDEN_NAMES_MAX (1 << 20)  /* ... and their names' bytes */

/* A merged range that starts in the row now read: passed on after it. */
struct ods_merge {
	size_t col, cols;
	unsigned long rows;
};

/* What a piece of content.xml is parsed for (pieces.h). */
enum { WHOLE, PIECE_READ, PIECE_PASS };

struct ods_state {
	int piece;               /* WHOLE, or a piece: of the table read, or
				    of rows the listing passes over */
	int table;               /* the table now read, from 1 */
	int reading;             /* its rows are wanted (read or probed) */
	int found;               /* listing: a table that fits was found */
	int in_cell, in_annotation, p_depth, p_count;
	unsigned long repeat_cols, repeat_rows;
	long col;
	unsigned long pending_empty; /* empty cells not yet put */
	struct strbuf text;
	char value[96];          /* office:value and kin, if any */
	int has_value;
	/* Listing: the table styles that hide a table (automatic styles
	 * come before the tables), sorted when the first table begins. */
	struct strbuf hidden;    /* their names, NUL-separated */
	const char **hidden_by_name;
	size_t nhidden;
	int in_table_style;
	size_t style_at;         /* where the style's name is in `hidden` */
	struct ods_merge *merges;
	size_t nmerges, merges_cap;
	size_t sheets_cap;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The hiding styles, sorted to be looked up by each table. */
static void sort_hidden(struct workbook *w, struct ods_state *o)
{
	size_t i, at = 0;

	if (o->hidden_by_name || !o->nhidden)
		return;
	o->hidden_by_name = mem_calloc(o->nhidden, sizeof *o->hidden_by_name);
	if (!o->hidden_by_name) {
		wb_fail(w, FOITAB_OSERR, "out of memory");
		return;
	}
	for (i = 0; i < o->nhidden; i++) {
		o->hidden_by_name[i] = o->hidden.buf + at;
		at += strlen(o->hidden.buf + at) + 1;
	}
	qsort(o->hidden_by_name, o->nhidden, sizeof *o->hidden_by_name,
	      by_name);
}

static int is_hidden_style(const struct ods_state *o, const char *style)
{
	return style && o->hidden_by_name &&
	       bsearch(&style, o->hidden_by_name, o->nhidden,
		       sizeof *o->hidden_by_name, by_name) != NULL;
}

/* <style:style style:family="table">, and its <table-properties>. */
static void style_start(struct xml *x, struct ods_state *o, const char *name,
			const char **atts)
{
	struct workbook *w = x->w;
	const char *v;

	if (strcmp(name, "style") == 0) {
		v = xml_attr(atts, "family");
		o->in_table_style = v && strcmp(v, "table") == 0;
		v = xml_attr(atts, "name");
		if (o->in_table_style && !v)
			o->in_table_style = 0;
		if (o->in_table_style) {
			/* Kept for now; taken back unless it hides. */
			o->style_at = o->hidden.len;
			if (o->hidden.len + strlen(v) >= ODS_HIDDEN_NAMES_MAX)
				wb_fail(w, FOITAB_DATAERR, "content.xml names "
				     "more than %d KiB of table styles that hide "
				     "a table; foitab reads no more",
				     ODS_HIDDEN_NAMES_MAX >> 10);
			else if (strbuf_add(&o->hidden, v, strlen(v) + 1) < 0)
				wb_fail(w, FOITAB_OSERR, "out of memory");
		}
	} else if (strcmp(name, "table-properties") == 0 && o->in_table_style) {
		v = xml_attr(atts, "display");
		if (v && strcmp(v, "false") == 0) {
			if (o->nhidden == ODS_HIDDEN_STYLES_MAX) {
				wb_fail(w, FOITAB_DATAERR, "content.xml has more "
				     "than %d styles that hide a table; foitab "
				     "reads no more", ODS_HIDDEN_STYLES_MAX);
				return;
			}
			o->nhidden++;
			o->in_table_style = 0;      /* kept */
		}
	}
}

/* A table begins: listed (and perhaps probed), or read if it is the one. */
static void table_start(struct xml *x, struct ods_state *o, const char **atts)
{
	struct workbook *w = x->w;
	const char *v;

	/* A piece is parsed inside a table like the one read, or (listing)
	 * one whose rows are passed over. */
	if (o->piece == PIECE_PASS) {
		o->reading = 0;
		return;
	}
	o->table = o->piece == PIECE_READ ? w->target : o->table + 1;
	o->reading = o->table == w->target;
	w->rownum = 0;
	w->rows = 0;
	if (w->target >= 0)
		return;
	if (w->nsheets == WORKBOOK_SHEETS_MAX) {
		wb_fail(w, FOITAB_DATAERR, "the workbook has more than %d sheets; "
		     "foitab reads no more", WORKBOOK_SHEETS_MAX);
		return;
	}
	if (w->nsheets == o->sheets_cap) {
		size_t cap = o->sheets_cap ? o->sheets_cap * 2 : 8;
		struct sheet *more = mem_realloc_array(w->sheets, cap,
						       sizeof *more);

		if (!more) {
			wb_fail(w, FOITAB_OSERR, "out of memory");
			return;
		}
		w->sheets = more;
		o->sheets_cap = cap;
	}
	sort_hidden(w, o);
	memset(&w->sheets[w->nsheets], 0, sizeof *w->sheets);
	v = xml_attr(atts, "name");
	w->sheets[w->nsheets].name = wb_copy(w, v ? v : "");
	w->sheets[w->nsheets].hidden =
		is_hidden_style(o, xml_attr(atts, "style-name"));
	w->nsheets++;
	/* Wanted: the first visible table whose first row fits. */
	if (w->req->fits && !w->req->sheet && !o->found &&
	    !w->sheets[w->nsheets - 1].hidden) {
		o->reading = 1;
		w->probing = 1;
		w->probed = 0;
		w->probe_rows = 0;
		w->probe_spoiled = 0;
		w->fits = 0;
		w->sheet_name = w->sheets[w->nsheets - 1].name;
	}
}

/* A number of repeats or spans as written; 1 if none or not a number. */
static unsigned long count_attr(const char **atts, const char *name)
{
	const char *v = xml_attr(atts, name);
	unsigned long n = v ? strtoul(v, NULL, 10) : 1;

	return n < 1 ? 1 : n;
}

/* Is `v` an ISO 8601 date, with or without a time ("2023-06-01")? */
static int iso_date(const char *v)
{
	int y, m, d, n = 0;

	if (sscanf(v, "%5d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n < 10 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	return v[n] == '\0' || v[n] == 'T';
}

/*
 * A cell's value from its attributes, as the sheet shows it; a value the
 * cell says it has but that cannot be read is an error at the cell.
 */
static void cell_value(struct xml *x, struct ods_state *o, const char **atts)
{
	struct workbook *w = x->w;
	const char *type = xml_attr(atts, "value-type");
	const char *formula = xml_attr(atts, "formula");
	size_t col = (size_t)o->col + o->pending_empty;
	const char *v = NULL, *attr = NULL;

	o->has_value = 0;
	if (!type) {
		if (formula)
			wb_unsaved_formula(w, col);
		return;
	}
	if (strcmp(type, "string") == 0)
		return;              /* its text, in paragraphs */
	if (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
	    strcmp(type, "currency") == 0)
		attr = "value";
	else if (strcmp(type, "boolean") == 0)
		attr = "boolean-value";
	else if (strcmp(type, "date") == 0)
		attr = "date-value";
	else if (strcmp(type, "time") == 0)
		attr = "time-value";
	else {
		wb_cell_fail(w, col, "this cell has a type foitab does not know "
			     "('%.40s'); the workbook is damaged", type);
		return;
	}
	v = xml_attr(atts, attr);
	if (!v) {
		if (formula)
			wb_unsaved_formula(w, col);
		else
			wb_cell_fail(w, col, "this cell is of type '%s' but "
				     "stores no value; the workbook is damaged",
				     type);
		return;
	}
	if (*attr == 'v') {
		char *end;
		double d = strtod(v, &end);

		if (!*v || *v == ' ' || *end || d != d) {
			wb_cell_fail(w, col, "this cell is a number but stores "
				     "'%.40s'; the workbook is damaged", v);
			return;
		}
		wb_number_text(v, o->value, sizeof o->value);
	} else if (*attr == 'b') {
		/* The schema's spellings of a boolean, and no others. */
		if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
			snprintf(o->value, sizeof o->value, "yes");
		else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
			snprintf(o->value, sizeof o->value, "no");
		else {
			wb_cell_fail(w, col, "this cell is TRUE or FALSE but "
				     "stores '%.40s'; the workbook is damaged",
				     v);
			return;
		}
	} else if (*attr == 'd') {
		if (!iso_date(v) || strlen(v) >= sizeof o->value) {
			wb_cell_fail(w, col, "this cell is a date but stores "
				     "'%.40s'; the workbook is damaged", v);
			return;
		}
		snprintf(o->value, sizeof o->value, "%s", v);
	} else {
		unsigned h = 0, m = 0;
		double s = 0;
		int n = 0;

		if (sscanf(v, "PT%uH%uM%lfS%n", &h, &m, &s, &n) != 3 ||
		    v[n] || s < 0 || s >= 60) {
			wb_cell_fail(w, col, "this cell is a time but stores "
				     "'%.40s'; the workbook is damaged", v);
			return;
		}
		snprintf(o->value, sizeof o->value, "%02u:%02u:%02.0f", h, m, s);
	}
	o->has_value = 1;
}

/* A merged range starts at this cell: kept until its row is passed on. */
static void cell_merge(struct xml *x, struct ods_state *o, const char **atts)
{
	unsigned long rows = count_attr(atts, "number-rows-spanned");
	unsigned long cols = count_attr(atts, "number-columns-spanned");
	struct ods_merge *m;

	if (rows == 1 && cols == 1)
		return;
	if (o->piece) {
		/* Passed on after its row, with the row's number, which a
		 * piece does not know: the whole table reads it. */
		x->w->whole_only = 1;
		return;
	}
	if (!x->w->req->on_merge || x->w->probing)
		return;
	if (o->nmerges == o->merges_cap) {
		size_t cap = o->merges_cap ? o->merges_cap * 2 : 8;

		if (cap > CSVREAD_MAX_CELLS)
			return;              /* the row fails on its cells */
		m = mem_realloc_array(o->merges, cap, sizeof *m);
		if (!m) {
			wb_fail(x->w, FOITAB_OSERR, "out of memory");
			return;
		}
		o->merges = m;
		o->merges_cap = cap;
	}
	m = &o->merges[o->nmerges++];
	m->col = (size_t)o->col + o->pending_empty;
	m->cols = cols > CSVREAD_MAX_CELLS ? CSVREAD_MAX_CELLS : cols;
	m->rows = rows > WORKBOOK_ROWS_MAX ? WORKBOOK_ROWS_MAX : rows;
}

static void ods_start(struct xml *x, const char *name, const char **atts)
{
	struct ods_state *o = x->ctx;
	struct workbook *w = x->w;

	if (strcmp(name, "table") == 0) {
		table_start(x, o, atts);
	} else if (o->table == 0 && w->target < 0) {
		style_start(x, o, name, atts);
	} else if (!o->reading) {
		return;
	} else if (strcmp(name, "table-row") == 0) {
		o->repeat_rows = count_attr(atts, "number-rows-repeated");
		w->rownum++;
		wb_row_reset(&w->row);
		o->col = 0;
		o->pending_empty = 0;
		o->nmerges = 0;
	} else if (strcmp(name, "table-cell") == 0 ||
		   strcmp(name, "covered-table-cell") == 0) {
		o->repeat_cols = count_attr(atts, "number-columns-repeated");
		o->in_cell = 1;
		o->p_count = 0;
		o->p_depth = 0;
		strbuf_reset(&o->text);
		cell_value(x, o, atts);
		cell_merge(x, o, atts);
	} else if (!o->in_cell) {
		return;
	} else if (strcmp(name, "annotation") == 0 ||
		   strcmp(name, "frame") == 0 ||
		   strcmp(name, "custom-shape") == 0) {
		/* A comment or a drawing: not the cell's text. */
		o->in_annotation++;
		x->text = NULL;
	} else if (o->in_annotation) {
		return;
	} else if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0) {
		if (o->p_count++ && strbuf_addch(&o->text, '\n') < 0)
			wb_fail(w, FOITAB_OSERR, "out of memory");
		o->p_depth++;
		x->text = &o->text;
	} else if (strcmp(name, "s") == 0) {
		/* c spaces (1 if absent or not a count), at most 1024. */
		unsigned long n = count_attr(atts, "c");

		if (n > ODS_SPACES_MAX)
			n = ODS_SPACES_MAX;
		for (; n > 0 && w->status == FOITAB_OK; n--)
			xml_add_text(x, " ", 1);
	} else if (strcmp(name, "tab") == 0) {
		xml_add_text(x, "\t", 1);
	} else if (strcmp(name, "line-break") == 0) {
		xml_add_text(x, "\n", 1);
	}
}

static void ods_cell_done(struct xml *x, struct ods_state *o)
{
	struct workbook *w = x->w;
	const char *v = o->has_value ? o->value : strbuf_str(&o->text);
	size_t len = strlen(v), k;

	if (len == 0) {
		/* Empty cells count only if a filled one follows. */
		o->pending_empty += o->repeat_cols;
		if (o->pending_empty > CSVREAD_MAX_CELLS)
			o->pending_empty = CSVREAD_MAX_CELLS;
		return;
	}
	o->col += (long)o->pending_empty;
	o->pending_empty = 0;
	for (k = 0; k < o->repeat_cols && w->status == FOITAB_OK; k++)
		if (wb_row_put(w, (size_t)o->col++, v, len) != FOITAB_OK)
			return;
}

/* The row is done: passed on (a filled one once a repeat), then the
 * ranges merged from it. */
static void row_done(struct xml *x, struct ods_state *o)
{
	struct workbook *w = x->w;
	unsigned long n = o->repeat_rows, first = w->rownum;
	size_t i;

	if (!w->row.any) {
		/* An empty row repeated (LibreOffice writes a million) is
		 * skipped once. */
		w->rownum += n - 1;
	} else {
		for (; n > 0 && w->status == FOITAB_OK && !x->stopped; n--) {
			wb_row_end(w, x);
			if (w->probed)
				break;
			if (n > 1)
				w->rownum++;
		}
	}
	for (i = 0; i < o->nmerges && w->status == FOITAB_OK; i++)
		wb_merged(w, first, o->merges[i].col, first + o->merges[i].rows - 1,
			  o->merges[i].col + o->merges[i].cols - 1);
	if (w->probed) {
		/* Listing: this table is probed; the next may be. */
		w->sheets[w->nsheets - 1].fits = w->fits;
		o->found = w->fits;
		o->reading = 0;
		w->probing = 0;
		w->probed = 0;
	}
}

static void ods_end(struct xml *x, const char *name)
{
	struct ods_state *o = x->ctx;
	struct workbook *w = x->w;

	if (strcmp(name, "table") == 0) {
		if (w->probing)
			w->probing = 0;      /* no row in it fit */
		o->reading = 0;
		return;
	}
	if (strcmp(name, "style") == 0 && o->in_table_style) {
		/* A table style that hides nothing: its name taken back. */
		o->hidden.len = o->style_at;
		o->in_table_style = 0;
		return;
	}
	if (!o->reading)
		return;
	if (strcmp(name, "annotation") == 0 || strcmp(name, "frame") == 0 ||
	    strcmp(name, "custom-shape") == 0) {
		/* The text after a comment goes on in its paragraph. */
		if (o->in_annotation && --o->in_annotation == 0 && o->p_depth)
			x->text = &o->text;
	} else if (o->in_annotation) {
		return;
	} else if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0) {
		if (o->p_depth && --o->p_depth == 0)
			x->text = NULL;
	} else if (strcmp(name, "table-cell") == 0 ||
		   strcmp(name, "covered-table-cell") == 0) {
		x->text = NULL;
		o->in_cell = 0;
		ods_cell_done(x, o);
	} else if (strcmp(name, "table-row") == 0) {
		row_done(x, o);
	}
}

/*
 * The table's rows in pieces: <table:table-row> elements inside the
 * <table:table> read (at depth 4, under <office:document-content>,
 * <office:body> and <office:spreadsheet>).  A piece's rows are numbered
 * from its start, and counted after the rows before it when it is taken.
 * A piece that reaches past the table's end does not parse as rows of
 * one table, and is read again by the part's parser, as is all that
 * follows it: rows of another table are never taken for the table's.
 */
static void *ods_piece_new(void)
{
	struct ods_state *o = mem_calloc(1, sizeof *o);

	if (o)
		o->piece = PIECE_READ;
	return o;
}

/* What a state holds (not the state itself). */
static void ods_release(struct ods_state *o)
{
	strbuf_release(&o->text);
	strbuf_release(&o->hidden);
	mem_free(o->hidden_by_name);
	mem_free(o->merges);
}

static void ods_piece_free(void *state)
{
	ods_release(state);
	mem_free(state);
}

/*
 * At a cut the part's parser stands between two rows of a table (pieces.c
 * checks the depth): it must be the table read, not one after it.
 */
static int ods_idle(const void *state)
{
	const struct ods_state *o = state;

	return o->reading;
}

static int ods_rows_take(struct pieces *s, struct piece *p)
{
	struct workbook *w = s->w;
	int status = pieces_rows_take(s, p, w->rownum);

	if (status == FOITAB_OK)
		w->rownum += p->w.rownum;
	return status;
}

static const struct piece_kind ods_row_pieces = {
	"table:table-row", "<table:table>", "</table:table>", 4,
	ods_start, ods_end, ods_piece_new, ods_piece_free, ods_idle,
	pieces_rows_ready, pieces_rows_open, ods_rows_take, pieces_rows_close,
};

/*
 * Listing, the rows of tables not read are parsed only to be passed
 * over: in pieces too, once the table probed (if any) has been probed.
 * A piece that holds a table's end, or the start of another, does not
 * parse as rows of one table and is read by the part's parser, with all
 * that follows it, so that every table is listed, and probed if wanted.
 */
static void *ods_pass_new(void)
{
	struct ods_state *o = mem_calloc(1, sizeof *o);

	if (o) {
		o->piece = PIECE_PASS;
		o->table = 1;        /* past the styles */
	}
	return o;
}

/* ... and, listing, not a table being probed. */
static int ods_pass_idle(const void *state)
{
	const struct ods_state *o = state;

	return !o->reading;
}

static int ods_pass_ready(const struct pieces *s)
{
	const struct ods_state *o = s->m->ctx;

	return o->table > 0 && !o->reading && !s->w->probing;
}

static int ods_pass_open(struct pieces *s, struct piece *p)
{
	p->req = *s->w->req;
	p->req.parts = NULL;
	p->w.req = &p->req;
	return 0;
}

static int ods_pass_take(struct pieces *s, struct piece *p)
{
	(void)s;
	(void)p;
	return FOITAB_OK;
}

static void ods_pass_close(struct pieces *s, struct piece *p)
{
	(void)s;
	(void)p;
}

static const struct piece_kind ods_pass_pieces = {
	"table:table-row", "<table:table>", "</table:table>", 4,
	ods_start, ods_end, ods_pass_new, ods_piece_free, ods_pass_idle,
	ods_pass_ready, ods_pass_open, ods_pass_take, ods_pass_close,
};

/*
 * Read content.xml: table `target` (from 1), or with target -1 list the
 * tables (and, when the caller wants the first that fits, test each
 * visible one's first row, setting its `fits`).
 */
int ods_read(struct workbook *w, int target)
{
	struct ods_state o;

	memset(&o, 0, sizeof o);
	w->target = target;
	if (target > 0)
		w->sheet_name = w->sheets[target - 1].name;
	if (read_part(w, "content.xml", target > 0 ? &ods_row_pieces :
		      &ods_pass_pieces, &o) == 1)
		wb_fail(w, FOITAB_DATAERR, "the workbook has no content.xml; it "
		     "is damaged");
	w->probing = 0;
	ods_release(&o);
	return w->status;
}
