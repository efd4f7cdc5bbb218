/*
 * xlsx.c - the .xlsx reader (Office Open XML, as Excel and Google Sheets
 * save it): the sheets through xl/workbook.xml and its relationships,
 * the shared strings, the styles that make a number a date, and each
 * sheet's rows.  See workbook.h; what the readers share is sheetxml.h.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "mem.h"
#include "pieces.h"
#include "sheetxml.h"

/* ------------------------------------------------------------------ */
/* .xlsx */

struct number_format {
	long id;                      /* a custom numFmtId ... */
	int is_date;                  /* ... and whether it shows a date */
	size_t order;                 /* ... and where it stands */
};

struct xlsx_index {
	struct sheet_ref *refs;       /* the sheets by relationship id */
	char **paths;                 /* each sheet's part, once found */
	struct number_format *fmts;   /* sorted by id once cellXfs begins */
	size_t nfmts, fmts_cap;
	size_t styles_cap;
	int in_xfs, sorted;
};

/*
 * `array` (of *cap items of `size` bytes) with room for item `n`: itself,
 * or a copy twice as large (*cap updated); NULL if memory runs out, the
 * array left as it was.
 */
static void *grow(void *array, size_t *cap, size_t n, size_t size)
{
	void *more;
	size_t want = *cap ? *cap * 2 : 16;

	if (n < *cap)
		return array;
	more = mem_realloc_array(array, want, size);
	if (more)
		*cap = want;
	return more;
}

static void workbook_start(struct xml *x, const char *name, const char **atts)
{
	struct workbook *w = x->w;
	size_t *cap = x->ctx;
	struct sheet *more;
	const char *v;

	if (strcmp(name, "workbookPr") == 0) {
		v = xml_attr(atts, "date1904");
		w->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(name, "sheet") == 0) {
		const char *sheet_name = xml_attr(atts, "name");
		const char *id = xml_attr(atts, "id");

		if (!sheet_name || !id) {
			wb_fail(w, FOITAB_DATAERR, "xl/workbook.xml lists a sheet "
			     "with no name or no id; the workbook is damaged");
			return;
		}
		if (w->nsheets == WORKBOOK_SHEETS_MAX) {
			wb_fail(w, FOITAB_DATAERR, "the workbook has more than %d "
			     "sheets; foitab reads no more", WORKBOOK_SHEETS_MAX);
			return;
		}
		more = grow(w->sheets, cap, w->nsheets, sizeof *more);
		if (!more) {
			wb_fail(w, FOITAB_OSERR, "out of memory");
			return;
		}
		w->sheets = more;
		v = xml_attr(atts, "state");
		memset(&w->sheets[w->nsheets], 0, sizeof *w->sheets);
		w->sheets[w->nsheets].hidden = v && (strcmp(v, "hidden") == 0 ||
						     strcmp(v, "veryHidden") == 0);
		w->sheets[w->nsheets].name = wb_copy(w, sheet_name);
		/* The relationship's id, until it is resolved to a path. */
		w->sheets[w->nsheets].part = wb_copy(w, id);
		w->nsheets++;
	}
}

/* A sheet's relationship id, sorted to be found by rels_start(). */
struct sheet_ref {
	const char *id;
	size_t sheet;
};

static int by_id(const void *a, const void *b)
{
	const struct sheet_ref *p = a, *q = b;
	int c = strcmp(p->id, q->id);

	return c ? c : (p->sheet > q->sheet) - (p->sheet < q->sheet);
}

/* Where a relationship's target is, as a path in the zip. */
static char *target_path(struct workbook *w, const char *target)
{
	size_t len;
	char *path;

	if (target[0] == '/')
		return wb_copy(w, target + 1);
	len = strlen(target) + 4;
	path = mem_realloc(NULL, len);
	if (!path) {
		wb_fail(w, FOITAB_OSERR, "out of memory");
		return NULL;
	}
	snprintf(path, len, "xl/%s", target);
	return path;
}

/* A relationship: the path of every sheet that names its id (the first
 * relationship with an id wins), found by a binary search. */
static void rels_start(struct xml *x, const char *name, const char **atts)
{
	struct xlsx_index *ix = x->ctx;
	struct workbook *w = x->w;
	const char *id = xml_attr(atts, "Id"), *target = xml_attr(atts, "Target");
	size_t lo = 0, hi = w->nsheets;

	if (strcmp(name, "Relationship") != 0 || !id || !target)
		return;
	while (lo < hi) {             /* the first ref not below id */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->refs[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < w->nsheets && strcmp(ix->refs[lo].id, id) == 0; lo++) {
		size_t i = ix->refs[lo].sheet;

		if (!ix->paths[i] && !(ix->paths[i] = target_path(w, target)))
			return;
	}
}

/* What `bytes` of text and `n` strings cost to keep: the bound counts both. */
static size_t strings_size(size_t bytes, size_t n)
{
	return bytes + n * sizeof(uint32_t);
}

/* Shared strings: the text of each <si>, its phonetic runs left out. */
struct strings_state {
	struct strbuf text;
	int in_t, in_phonetic;
};

static void strings_start(struct xml *x, const char *name, const char **atts)
{
	struct strings_state *st = x->ctx;

	(void)atts;
	if (strcmp(name, "si") == 0)
		strbuf_reset(&st->text);
	else if (strcmp(name, "rPh") == 0)
		st->in_phonetic = 1;
	else if (strcmp(name, "t") == 0 && !st->in_phonetic)
		x->text = &st->text;
}

static void strings_end(struct xml *x, const char *name)
{
	struct strings_state *st = x->ctx;
	struct workbook *w = x->w;

	if (strcmp(name, "t") == 0) {
		x->text = NULL;
	} else if (strcmp(name, "rPh") == 0) {
		st->in_phonetic = 0;
	} else if (strcmp(name, "si") == 0) {
		if (strings_size(w->strings.len + st->text.len + 1,
				 w->nstrings + 1) > WORKBOOK_STRINGS_MAX) {
			wb_fail(w, FOITAB_DATAERR, "the workbook's shared strings "
			     "pass %zu MiB; foitab keeps no more",
			     WORKBOOK_STRINGS_MAX >> 20);
			return;
		}
		uint32_t *at = grow(w->string_at, &w->strings_cap, w->nstrings,
				    sizeof *at);

		if (!at) {
			wb_fail(w, FOITAB_OSERR, "out of memory");
			return;
		}
		w->string_at = at;
		w->string_at[w->nstrings++] = (uint32_t)w->strings.len;
		if (strbuf_add(&w->strings, st->text.buf ? st->text.buf : "",
			       st->text.len) < 0 ||
		    strbuf_addch(&w->strings, '\0') < 0)
			wb_fail(w, FOITAB_OSERR, "out of memory");
	}
}

/* Styles: which cell formats (cellXfs, by index) show dates. */
static int by_format(const void *a, const void *b)
{
	const struct number_format *p = a, *q = b;

	if (p->id != q->id)
		return (p->id > q->id) - (p->id < q->id);
	return (p->order > q->order) - (p->order < q->order);
}

/* Does custom number format `id` show a date?  -1: no such format. */
static int custom_date(const struct xlsx_index *ix, long id)
{
	size_t lo = 0, hi = ix->nfmts;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ix->fmts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->nfmts && ix->fmts[lo].id == id ? ix->fmts[lo].is_date
						       : -1;
}

static void styles_start(struct xml *x, const char *name, const char **atts)
{
	struct xlsx_index *ix = x->ctx;
	struct workbook *w = x->w;
	const char *id = xml_attr(atts, "numFmtId");

	if (strcmp(name, "numFmt") == 0 && id) {
		const char *code = xml_attr(atts, "formatCode");

		if (ix->sorted) {
			wb_fail(w, FOITAB_DATAERR, "xl/styles.xml gives a number "
			     "format after the cell formats; the workbook is "
			     "damaged");
			return;
		}
		if (ix->nfmts == WORKBOOK_FORMATS_MAX) {
			wb_fail(w, FOITAB_DATAERR, "xl/styles.xml has more than %d "
			     "number formats; foitab reads no more",
			     WORKBOOK_FORMATS_MAX);
			return;
		}
		struct number_format *fmts = grow(ix->fmts, &ix->fmts_cap,
						  ix->nfmts, sizeof *fmts);

		if (!fmts) {
			wb_fail(w, FOITAB_OSERR, "out of memory");
			return;
		}
		ix->fmts = fmts;
		ix->fmts[ix->nfmts].id = strtol(id, NULL, 10);
		ix->fmts[ix->nfmts].is_date = code && xlsx_date_format(code);
		ix->fmts[ix->nfmts].order = ix->nfmts;
		ix->nfmts++;
	} else if (strcmp(name, "cellXfs") == 0) {
		ix->in_xfs = 1;
		if (!ix->sorted) {
			/* Every format is known: sorted, each is found in
			 * log time (a later one of an id wins, as before). */
			size_t i, n = 0;

			if (ix->nfmts)
				qsort(ix->fmts, ix->nfmts, sizeof *ix->fmts,
				      by_format);
			for (i = 0; i < ix->nfmts; i++) {
				if (n && ix->fmts[n - 1].id == ix->fmts[i].id)
					n--;
				ix->fmts[n++] = ix->fmts[i];
			}
			ix->nfmts = n;
			ix->sorted = 1;
		}
	} else if (strcmp(name, "xf") == 0 && ix->in_xfs) {
		long fmt = id ? strtol(id, NULL, 10) : 0;
		int date = custom_date(ix, fmt);

		if (w->nstyles == WORKBOOK_STYLES_MAX) {
			wb_fail(w, FOITAB_DATAERR, "xl/styles.xml has more than %d "
			     "cell formats; foitab reads no more",
			     WORKBOOK_STYLES_MAX);
			return;
		}
		unsigned char *more = grow(w->date_style, &ix->styles_cap,
					   w->nstyles, 1);

		if (!more) {
			wb_fail(w, FOITAB_OSERR, "out of memory");
			return;
		}
		w->date_style = more;
		w->date_style[w->nstyles++] = (unsigned char)(date >= 0 ? date
							: xlsx_builtin_date(fmt));
	}
}

static void styles_end(struct xml *x, const char *name)
{
	struct xlsx_index *ix = x->ctx;

	if (strcmp(name, "cellXfs") == 0)
		ix->in_xfs = 0;
}

/* The sheet: rows of cells. */
struct cell_state {
	long col;                /* the cell's column */
	char type[16];           /* its t attribute */
	long style;
	struct strbuf value;     /* <v>, or the text of <is> */
	int in_is, in_phonetic;
	int has_v, has_f;        /* a <v> and a <f> were given */
	int in_is_seen;          /* ... and an <is> */
	long next_col;           /* for cells that give no reference */
};

/* A decimal number of up to nine digits; -1 if `s` is not one. */
static long small_number(const char *s)
{
	long n = 0;
	int digits = 0;

	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 9)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return digits && !*s ? n : -1;
}

/* The element names of a sheet, tested without a call: "v", "c", "row". */
#define IS1(name, a) ((name)[0] == (a) && !(name)[1])
#define IS2(name, a, b) ((name)[0] == (a) && (name)[1] == (b) && !(name)[2])
#define IS3(name, a, b, c) ((name)[0] == (a) && (name)[1] == (b) && \
			    (name)[2] == (c) && !(name)[3])

/* A <row>: its number as written, which must follow the last one. */
static void row_start(struct xml *x, struct cell_state *c, const char **atts)
{
	struct workbook *w = x->w;
	const char *v = xml_attr(atts, "r");
	unsigned long n;

	if (!v) {
		if (!w->rownum)
			w->unnumbered = 1;
		n = w->rownum + 1;
		if (n > WORKBOOK_ROWS_MAX) {
			wb_sheet_fail(w, "the sheet has more than %lu rows",
				      WORKBOOK_ROWS_MAX);
			return;
		}
	} else if (!(n = wb_row_number(v))) {
		wb_sheet_fail(w, "the sheet numbers a row '%.40s', but rows "
			      "are numbered from 1 to %lu; the workbook is "
			      "damaged", v, WORKBOOK_ROWS_MAX);
		return;
	} else if (n <= w->rownum) {
		wb_sheet_fail(w, "row %lu comes after row %lu, out of order; "
			      "the workbook is damaged", n, w->rownum);
		return;
	}
	if (!w->first_row)
		w->first_row = n;
	w->rownum = n;
	wb_row_reset(&w->row);
	c->next_col = 0;
}

/* A <mergeCell ref="A2:A4">: its rows and columns, passed on. */
static void merge_start(struct xml *x, const char **atts)
{
	struct workbook *w = x->w;
	const char *ref = xml_attr(atts, "ref"), *colon, *p;
	long col1, col2;
	unsigned long row1, row2;
	char first[32];

	if (!ref || !(colon = strchr(ref, ':')) ||
	    (size_t)(colon - ref) >= sizeof first)
		return;              /* one cell: nothing is merged */
	memcpy(first, ref, (size_t)(colon - ref));
	first[colon - ref] = '\0';
	col1 = wb_column_of(first);
	col2 = wb_column_of(colon + 1);
	for (p = first; *p >= 'A' && *p <= 'Z'; p++)
		;
	row1 = wb_row_number(p);
	for (p = colon + 1; *p >= 'A' && *p <= 'Z'; p++)
		;
	row2 = wb_row_number(p);
	if (col1 < 0 || col2 < col1 || !row1 || row2 < row1) {
		wb_sheet_fail(w, "the sheet merges cells '%.40s', which is no "
			      "range; the workbook is damaged", ref);
		return;
	}
	wb_merged(w, row1, (size_t)col1, row2, (size_t)col2);
}

static void sheet_start(struct xml *x, const char *name, const char **atts)
{
	struct cell_state *c = x->ctx;

	if (IS1(name, 'c')) {
		/* The commonest element: its attributes in one pass. */
		c->col = c->next_col;
		c->type[0] = 'n';
		c->type[1] = '\0';
		c->style = 0;
		c->has_v = c->has_f = c->in_is_seen = 0;
		for (; atts[0]; atts += 2) {
			const char *a = xml_local(atts[0]);

			if (IS1(a, 'r')) {
				long col = wb_column_of(atts[1]);

				if (col >= 0)
					c->col = col;
			} else if (IS1(a, 't')) {
				size_t n = strlen(atts[1]);

				if (n >= sizeof c->type)
					n = sizeof c->type - 1;
				memcpy(c->type, atts[1], n);
				c->type[n] = '\0';
			} else if (IS1(a, 's')) {
				long style = small_number(atts[1]);

				c->style = style >= 0 ? style
						      : strtol(atts[1], NULL, 10);
			}
		}
		strbuf_reset(&c->value);
	} else if (IS1(name, 'v')) {
		c->has_v = 1;
		x->text = &c->value;
	} else if (IS1(name, 'f')) {
		c->has_f = 1;
	} else if (strcmp(name, "row") == 0) {
		row_start(x, c, atts);
	} else if (IS2(name, 'i', 's')) {
		c->in_is = c->in_is_seen = 1;
	} else if (c->in_is && strcmp(name, "rPh") == 0) {
		c->in_phonetic = 1;
	} else if (IS1(name, 't') && c->in_is && !c->in_phonetic) {
		x->text = &c->value;
	} else if (strcmp(name, "mergeCell") == 0) {
		merge_start(x, atts);
	}
}

/* Is `v` a number as a cell stores one ("3", "-0.5", "1E-3")? */
static int stored_number(const char *v)
{
	char *end;
	double d;

	if (!*v || *v == ' ')
		return 0;
	d = strtod(v, &end);
	return !*end && isfinite(d);
}

/* A finished cell's text, as the sheet shows it. */
static void cell_done(struct xml *x, struct cell_state *c)
{
	struct workbook *w = x->w;
	const char *v = strbuf_str(&c->value);
	char buf[64];

	if (!c->has_v && !c->has_f && !c->in_is_seen) {
		wb_row_put(w, (size_t)c->col, "", 0);   /* an empty cell */
		c->next_col = c->col + 1;
		return;
	}
	if (c->has_f && (!c->has_v || (!*v && !IS3(c->type, 's', 't', 'r')))) {
		/* Written by a program that does not compute formulas. */
		wb_unsaved_formula(w, (size_t)c->col);
		return;
	}
	if (IS1(c->type, 's')) {
		long i = small_number(v);
		size_t to;

		if (i < 0) {
			/* Not plain digits: as strtoul() reads it, whole. */
			char *end;
			unsigned long u = strtoul(v, &end, 10);

			i = end == v || *end || u > LONG_MAX ? -1 : (long)u;
		}
		if (i < 0 || (unsigned long)i >= w->nstrings) {
			wb_cell_fail(w, (size_t)c->col, "this cell refers to "
				     "a shared string the workbook does not "
				     "have; the workbook is damaged");
			return;
		}
		/* Each string ends with a NUL where the next begins. */
		to = (size_t)i + 1 < w->nstrings ? w->string_at[i + 1]
						 : w->strings.len;
		wb_row_put(w, (size_t)c->col, w->strings.buf + w->string_at[i],
			   to - w->string_at[i] - 1);
	} else if (IS1(c->type, 'b')) {
		if (IS1(v, '1') || IS1(v, '0')) {
			v = *v == '1' ? "yes" : "no";
			wb_row_put(w, (size_t)c->col, v, strlen(v));
		} else {
			wb_cell_fail(w, (size_t)c->col, "this cell is marked "
				     "TRUE or FALSE but stores '%.40s'; the "
				     "workbook is damaged", v);
		}
	} else if (IS1(c->type, 'n')) {
		if (!*v) {
			wb_row_put(w, (size_t)c->col, "", 0);
			c->next_col = c->col + 1;
			return;
		}
		if (!stored_number(v)) {
			wb_cell_fail(w, (size_t)c->col, "this cell is marked as "
				     "a number but stores '%.40s'; the workbook "
				     "is damaged", v);
			return;
		}
		if (c->style >= 0 && (size_t)c->style < w->nstyles &&
		    w->date_style[c->style])
			xlsx_date_text(v, w->date1904, buf, sizeof buf);
		else
			wb_number_text(v, buf, sizeof buf);
		wb_row_put(w, (size_t)c->col, buf, strlen(buf));
	} else if (IS3(c->type, 's', 't', 'r') || IS1(c->type, 'e') ||
		   IS1(c->type, 'd') || strcmp(c->type, "inlineStr") == 0) {
		/* A formula's text, an error (#N/A) as shown, an ISO date,
		 * an inline string. */
		wb_row_put(w, (size_t)c->col, v, c->value.len);
	} else {
		wb_cell_fail(w, (size_t)c->col, "this cell has a type foitab "
			     "does not know ('%s'); the workbook is damaged",
			     c->type);
		return;
	}
	c->next_col = c->col + 1;
}

static void sheet_end(struct xml *x, const char *name)
{
	struct cell_state *c = x->ctx;

	if (IS1(name, 'v') || (IS1(name, 't') && c->in_is && !c->in_phonetic))
		x->text = NULL;
	else if (IS1(name, 'c'))
		cell_done(x, c);
	else if (IS2(name, 'i', 's'))
		c->in_is = 0;
	else if (c->in_is && strcmp(name, "rPh") == 0)
		c->in_phonetic = 0;
	else if (strcmp(name, "row") == 0)
		wb_row_end(x->w, x);
}

static void index_free(struct xlsx_index *ix, size_t nsheets)
{
	size_t i;

	for (i = 0; ix->paths && i < nsheets; i++)
		mem_free(ix->paths[i]);
	mem_free(ix->paths);
	mem_free(ix->refs);
	mem_free(ix->fmts);
}

/* The shared strings in pieces: <si> elements inside <sst>. */

static void *strings_new(void)
{
	return mem_calloc(1, sizeof(struct strings_state));
}

static void strings_free(void *state)
{
	struct strings_state *st = state;

	strbuf_release(&st->text);
	mem_free(st);
}

static int strings_idle(const void *state)
{
	const struct strings_state *st = state;

	return !st->in_phonetic;
}

static int strings_ready(const struct pieces *s)
{
	(void)s;
	return 1;
}

static int strings_open(struct pieces *s, struct piece *p)
{
	(void)s;
	memset(&p->w.strings, 0, sizeof p->w.strings);
	p->w.string_at = NULL;
	p->w.nstrings = p->w.strings_cap = 0;
	return 0;
}

/* A piece's strings follow those read so far. */
static int strings_take(struct pieces *s, struct piece *p)
{
	struct workbook *w = s->w;
	size_t base = w->strings.len, i, n = w->nstrings + p->w.nstrings;

	if (strings_size(w->strings.len + p->w.strings.len, n) >
	    WORKBOOK_STRINGS_MAX)
		return WORKBOOK_REFUSED;   /* read again: it says so */
	if (n > w->strings_cap) {
		uint32_t *at = mem_realloc_array(w->string_at, n, sizeof *at);

		if (!at)
			return wb_fail(w, FOITAB_OSERR, "out of memory");
		w->string_at = at;
		w->strings_cap = n;
	}
	if (strbuf_add(&w->strings, p->w.strings.buf, p->w.strings.len) < 0)
		return wb_fail(w, FOITAB_OSERR, "out of memory");
	for (i = 0; i < p->w.nstrings; i++)
		w->string_at[w->nstrings + i] = p->w.string_at[i] +
						(uint32_t)base;
	w->nstrings = n;
	return FOITAB_OK;
}

static void strings_close(struct pieces *s, struct piece *p)
{
	(void)s;
	strbuf_release(&p->w.strings);
	mem_free(p->w.string_at);
}

static const struct piece_kind strings_pieces = {
	"si", "<sst>", "</sst>", 1, strings_start, strings_end,
	strings_new, strings_free, strings_idle, strings_ready,
	strings_open, strings_take, strings_close,
};

/* The sheet in pieces: <row> elements inside <sheetData>. */

static void *cells_new(void)
{
	return mem_calloc(1, sizeof(struct cell_state));
}

static void cells_free(void *state)
{
	struct cell_state *c = state;

	strbuf_release(&c->value);
	mem_free(c);
}

static int cells_idle(const void *state)
{
	const struct cell_state *c = state;

	return !c->in_is;
}

/*
 * A piece's rows, as its part read them, numbered as they stand in the
 * sheet.  A piece whose first row has no number cannot know it, and is
 * read again.
 */
static int rows_take(struct pieces *s, struct piece *p)
{
	struct workbook *w = s->w;
	int status;

	if (p->w.first_row && p->w.first_row <= w->rownum)
		return WORKBOOK_REFUSED;
	status = pieces_rows_take(s, p, 0);
	if (status == FOITAB_OK && p->w.rownum)
		w->rownum = p->w.rownum;
	return status;
}

static const struct piece_kind row_pieces = {
	"row", "<sheetData>", "</sheetData>", 2, sheet_start, sheet_end,
	cells_new, cells_free, cells_idle, pieces_rows_ready,
	pieces_rows_open, rows_take, pieces_rows_close,
};

/* Where each sheet is: the relationships of xl/workbook.xml, each found
 * by a binary search among the sheets' ids. */
static int locate_sheets(struct workbook *w, struct xlsx_index *ix)
{
	size_t i;

	ix->refs = mem_calloc(w->nsheets ? w->nsheets : 1, sizeof *ix->refs);
	ix->paths = mem_calloc(w->nsheets ? w->nsheets : 1, sizeof *ix->paths);
	if (!ix->refs || !ix->paths)
		return wb_fail(w, FOITAB_OSERR, "out of memory");
	for (i = 0; i < w->nsheets; i++) {
		ix->refs[i].id = w->sheets[i].part;
		ix->refs[i].sheet = i;
	}
	qsort(ix->refs, w->nsheets, sizeof *ix->refs, by_id);
	if (xml_read(w, "xl/_rels/workbook.xml.rels", rels_start, NULL,
		     ix) == 1)
		return wb_fail(w, FOITAB_DATAERR, "the workbook has no "
			       "xl/_rels/workbook.xml.rels; it is damaged");
	for (i = 0; i < w->nsheets && w->status == FOITAB_OK; i++) {
		if (!ix->paths[i])
			return wb_fail(w, FOITAB_DATAERR, "the workbook's index "
				       "does not say where sheet '%s' is; it is "
				       "damaged", w->sheets[i].name);
		mem_free(w->sheets[i].part);
		w->sheets[i].part = ix->paths[i];
		ix->paths[i] = NULL;
	}
	return w->status;
}

/* The workbook's index: its sheets, strings and date formats. */
int xlsx_open(struct workbook *w)
{
	struct xlsx_index ix;
	struct strings_state st;
	size_t sheets_cap = 0;
	int got;

	memset(&ix, 0, sizeof ix);
	got = xml_read(w, "xl/workbook.xml", workbook_start, NULL, &sheets_cap);
	if (got == 1)
		wb_fail(w, FOITAB_DATAERR, "a zip file, but not a workbook foitab "
		     "reads: it has no xl/workbook.xml");
	if (w->status == FOITAB_OK)
		locate_sheets(w, &ix);
	memset(&st, 0, sizeof st);
	if (w->status == FOITAB_OK)
		read_part(w, "xl/sharedStrings.xml", &strings_pieces, &st);
	strbuf_release(&st.text);
	if (w->status == FOITAB_OK)
		xml_read(w, "xl/styles.xml", styles_start, styles_end, &ix);
	index_free(&ix, w->nsheets);
	return w->status;
}

/* Read sheet `i` (or, probing, its first row). */
int xlsx_sheet(struct workbook *w, size_t i)
{
	struct cell_state c;

	memset(&c, 0, sizeof c);
	w->rownum = 0;
	w->rows = 0;
	w->first_row = 0;
	w->sheet_name = w->sheets[i].name;
	if (read_part(w, w->sheets[i].part, &row_pieces, &c) == 1)
		wb_fail(w, FOITAB_DATAERR, "sheet '%s' is missing from the "
		     "workbook (%s); it is damaged", w->sheets[i].name,
		     w->sheets[i].part);
	strbuf_release(&c.value);
	return w->status;
}
