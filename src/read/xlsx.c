/*
 * xlsx.c - the .xlsx reader (Office Open XML, as Excel and Google Sheets
 * save it): the sheets through xl/workbook.xml and its relationships,
 * the shared strings, the styles that make a number a date, and each
 * sheet's rows.  See workbook.h; what the readers share is sheetxml.h.
 */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "mem.h"
#include "sheetxml.h"

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static void civil(long long days, long long *y, unsigned *m, unsigned *d)
{
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

/*
 * An Excel date serial as ISO 8601: a date, a date and time, or a time
 * alone (serial under 1).  The 1900 system counts a 29 February 1900
 * that never was, as Excel does.
 */
static void date_text(const char *s, int date1904, char *buf, size_t size)
{
	char *end;
	double v = strtod(s, &end), day;
	long long days, secs;
	long long y;
	unsigned m, d;

	if (end == s || *end || !isfinite(v) || v < 0 || v > 2958466) {
		wb_number_text(s, buf, size);
		return;
	}
	secs = llround((v - floor(v)) * 86400);
	day = floor(v);
	if (secs == 86400) {
		secs = 0;
		day += 1;
	}
	if (v < 1 && !date1904) {
		snprintf(buf, size, "%02lld:%02lld:%02lld", secs / 3600,
			 secs / 60 % 60, secs % 60);
		return;
	}
	if (date1904)
		days = (long long)day - 24107;          /* 1904-01-01 */
	else if (day == 60) {
		snprintf(buf, size, "1900-02-29");
		return;
	} else
		days = (long long)day - (day < 60 ? 25568 : 25569);
	civil(days, &y, &m, &d);
	if (secs)
		snprintf(buf, size, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", y,
			 m, d, secs / 3600, secs / 60 % 60, secs % 60);
	else
		snprintf(buf, size, "%04lld-%02u-%02u", y, m, d);
}

/* Does a custom number format show a date or a time? */
static int date_format(const char *code)
{
	int quoted = 0;

	for (; *code; code++) {
		char c = *code;

		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\\' && code[1])
			code++;
		else if (c == '[') {
			/* [Red], [$-409]: not a date; [h], [mm]: time. */
			if (code[1] == 'h' || code[1] == 'm' || code[1] == 's')
				return 1;
			while (*code && *code != ']')
				code++;
			if (!*code)
				break;
		} else if (strchr("dmyhsDMYHS", c))
			return 1;
	}
	return 0;
}

/* The built-in number formats that show dates and times. */
static int builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	       (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

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
		ix->fmts[ix->nfmts].is_date = code && date_format(code);
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
							: builtin_date(fmt));
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
			date_text(v, w->date1904, buf, sizeof buf);
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

/* ------------------------------------------------------------------ */
/*
 * A large part on several threads (workbook.h, struct workbook_parts):
 * the shared strings and the sheet.  The part's own parser reads up to a
 * point where it stands between two elements of the kind cut before
 * (<si>, <row>), having read every byte it was given; from there its XML
 * is cut into pieces just before such an element, each parsed on a
 * thread of its own inside an element like the one it stands in, and the
 * pieces are taken in order.  A cut that falls anywhere else (inside a
 * comment, a CDATA section, a tag or an attribute) leaves the piece
 * before it unfinished, which expat reports; the piece is then not taken,
 * and the part's parser reads it and all that follows in one pass.  So a
 * cut can cost time, never a different result.
 */

#define PIECE_DEFAULT ((size_t)512 << 10)
#define MIN_PART_DEFAULT ((size_t)8 << 20)
#define PIECE_LONGEST ((size_t)4 << 20)   /* an element, past the piece */
#define PIECE_THREADS_MAX 16              /* as -j allows */

struct piece;
struct pieces;

/* What differs between the parts read in pieces. */
struct piece_kind {
	const char *tag;             /* the element cut before */
	const char *open, *close;    /* the element a piece is parsed in */
	int depth;                   /* ... and its depth in the part */
	xml_start_fn start;
	xml_end_fn end;
	/* The handlers' state: made for a piece, and is it between elements? */
	void *(*new_state)(void);
	void (*free_state)(void *state);
	int (*idle)(const void *state);
	int (*ready)(const struct pieces *s);  /* may cutting begin? */
	int (*open_part)(struct pieces *s, struct piece *p);
	/* On this thread, in order: FOITAB_OK, WORKBOOK_REFUSED or a stop. */
	int (*take)(struct pieces *s, struct piece *p);
	void (*close_part)(struct pieces *s, struct piece *p);
};

/* One piece of the part's XML: whole elements, parsed on a thread. */
struct piece {
	char *bytes;
	size_t len;
	void *part;                  /* the caller's, for a sheet's rows */
	struct workbook w;           /* its own rows or strings */
	struct workbook_request req;
	struct diag diag;            /* counts only: a piece shows nothing */
	int done, clean;
};

struct pool {
	pthread_mutex_t lock;
	pthread_cond_t work, done;
	struct piece *ring;          /* the pieces in flight */
	size_t slots;
	unsigned long sent, started, taken;   /* pieces, by sequence */
	int closing;
	atomic_int cancel;           /* pieces not yet parsed are not wanted */
	const struct piece_kind *kind;
	pthread_t threads[PIECE_THREADS_MAX];
	unsigned nthreads;
};

/* The reader of a part in pieces. */
struct pieces {
	struct workbook *w;
	const struct piece_kind *kind;
	struct xml *m;               /* the part's own parser */
	struct pool pool;
	size_t fed;                  /* bytes given to the part's parser */
	int cutting;                 /* pieces are being cut and taken */
};

/* Parse a piece inside its element, as the part's parser would have. */
static void parse_piece(const struct piece_kind *kind, struct piece *p)
{
	void *state = kind->new_state();
	struct xml x;

	memset(&x, 0, sizeof x);
	x.w = &p->w;
	x.start = kind->start;
	x.end = kind->end;
	x.ctx = state;
	x.depth = kind->depth - 1;
	if (!state)
		wb_fail(&p->w, FOITAB_OSERR, "out of memory");
	else if (xml_begin(&x, "a part") == FOITAB_OK) {
		xml_feed(&x, kind->open, strlen(kind->open), 0);
		xml_feed(&x, p->bytes, p->len, 0);
		xml_feed(&x, kind->close, strlen(kind->close), 1);
	}
	p->clean = p->w.status == FOITAB_OK && !x.stopped &&
		   !p->w.unnumbered && !p->diag.errors && !p->diag.warnings;
	xml_end(&x);
	if (state)
		kind->free_state(state);
}

static void *pool_thread(void *arg)
{
	struct pool *pool = arg;

	pthread_mutex_lock(&pool->lock);
	for (;;) {
		struct piece *p;

		while (pool->started == pool->sent && !pool->closing)
			pthread_cond_wait(&pool->work, &pool->lock);
		if (pool->started == pool->sent)
			break;
		p = &pool->ring[pool->started++ % pool->slots];
		pthread_mutex_unlock(&pool->lock);
		if (!atomic_load(&pool->cancel))
			parse_piece(pool->kind, p);
		pthread_mutex_lock(&pool->lock);
		p->done = 1;
		pthread_cond_broadcast(&pool->done);
	}
	pthread_mutex_unlock(&pool->lock);
	return NULL;
}

/* Give the part's own parser `len` bytes of the part. */
static int feed(struct pieces *s, const char *bytes, size_t len, int final)
{
	s->fed += len;
	return xml_feed(s->m, bytes, len, final);
}

/* Lines in `len` bytes: the part's parser counts lines it never sees. */
static unsigned long lines_in(const char *p, size_t len)
{
	unsigned long n = 0;
	const char *end = p + len;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/*
 * Take the oldest piece in flight, waiting for it: what it read, or,
 * once a piece could not be taken, its bytes read again by the part's
 * parser.
 */
static void take_oldest(struct pieces *s)
{
	struct pool *pool = &s->pool;
	struct piece *p = &pool->ring[pool->taken % pool->slots];
	struct workbook *w = s->w;
	int status = WORKBOOK_REFUSED;

	pthread_mutex_lock(&pool->lock);
	while (!p->done)
		pthread_cond_wait(&pool->done, &pool->lock);
	pthread_mutex_unlock(&pool->lock);
	if (s->cutting && p->clean && w->status == FOITAB_OK)
		status = s->kind->take(s, p);
	if (status == FOITAB_OK) {
		s->m->lines_skipped += lines_in(p->bytes, p->len);
	} else if (status == WORKBOOK_REFUSED) {
		/* From here on, one pass: it reports what is wrong. */
		s->cutting = 0;
		atomic_store(&pool->cancel, 1);
		if (w->status == FOITAB_OK)
			feed(s, p->bytes, p->len, 0);
	} else if (w->status == FOITAB_OK) {
		w->status = status;
	}
	s->kind->close_part(s, p);
	mem_free(p->bytes);
	p->bytes = NULL;
	pool->taken++;
}

/* Take every piece in flight, in order. */
static void take_all(struct pieces *s)
{
	while (s->pool.taken < s->pool.sent)
		take_oldest(s);
}

/*
 * Cut no more: the pieces in flight are taken (those read cleanly as
 * they read), and the part's parser reads on from there.
 */
static void stop_cutting(struct pieces *s)
{
	take_all(s);
	s->cutting = 0;
}

/*
 * Hand the first `cut` bytes of `stage` (whole elements) to the pool: the
 * piece takes the buffer, and `stage` is left holding the rest in a new
 * one of `room` bytes.  0, or -1 if it cannot (nothing changed).
 */
static int send_piece(struct pieces *s, struct strbuf *stage, size_t cut,
		      size_t room)
{
	struct strbuf rest = STRBUF_INIT;
	struct pool *pool = &s->pool;
	struct piece *p;

	if (pool->sent - pool->taken == pool->slots)
		take_oldest(s);
	if (!s->cutting)
		return -1;
	p = &pool->ring[pool->sent % pool->slots];
	memset(p, 0, sizeof *p);
	/* The piece's own state, made here: the threads share nothing
	 * that this one writes. */
	p->w = *s->w;
	memset(&p->w.row, 0, sizeof p->w.row);
	p->w.rownum = 0;
	p->w.rows = 0;
	p->w.cells = 0;
	p->w.probing = 0;
	p->w.unnumbered = 0;
	p->w.first_row = 0;
	diag_init(&p->diag, NULL);
	p->w.diag = &p->diag;
	if (strbuf_grow(&rest, room) < 0 ||
	    strbuf_add(&rest, stage->buf + cut, stage->len - cut) < 0 ||
	    s->kind->open_part(s, p) < 0) {
		strbuf_release(&rest);
		return -1;
	}
	p->bytes = stage->buf;
	p->len = cut;
	*stage = rest;
	pthread_mutex_lock(&pool->lock);
	pool->sent++;
	pthread_cond_signal(&pool->work);
	pthread_mutex_unlock(&pool->lock);
	return 0;
}

/* Where a start tag of `tag` begins in `p`, at or after `from`; -1: none. */
static long tag_at(const char *p, size_t len, size_t from, const char *tag)
{
	size_t n = strlen(tag);

	while (from + n + 2 <= len) {
		const char *lt = memchr(p + from, '<', len - from);
		size_t at;

		if (!lt)
			return -1;
		at = (size_t)(lt - p);
		if (at + n + 2 > len)
			return -1;
		if (memcmp(lt + 1, tag, n) == 0 && strchr(" \t\r\n/>", lt[n + 1]))
			return (long)at;
		from = at + 1;
	}
	return -1;
}

/*
 * Has the part's parser read every byte it was given, and does it stand
 * where a piece is parsed, between two elements?  Only then can what
 * follows be cut.
 */
static int at_a_cut(const struct pieces *s)
{
	const struct xml *m = s->m;

	return s->w->status == FOITAB_OK && !m->stopped &&
	       m->depth == s->kind->depth && !m->in_cdata && !m->text &&
	       s->kind->idle(m->ctx) &&
	       (size_t)XML_GetCurrentByteIndex(m->parser) == s->fed;
}

static void pool_start(struct pieces *s, unsigned jobs)
{
	struct pool *pool = &s->pool;
	unsigned i;

	pool->kind = s->kind;
	atomic_init(&pool->cancel, 0);
	if (jobs > PIECE_THREADS_MAX)
		jobs = PIECE_THREADS_MAX;
	pool->slots = 2 * (size_t)jobs + 1;
	pool->ring = mem_calloc(pool->slots, sizeof *pool->ring);
	if (!pool->ring)
		return;
	/* The pthread calls fail only when the system runs out of threads
	 * or memory for them, which no input brings about: each branch
	 * marked so is defensive (tests/README.md, make coverage). */
	if (pthread_mutex_init(&pool->lock, NULL) != 0) /* GCOVR_EXCL_BR_LINE */
		return;
	if (pthread_cond_init(&pool->work, NULL) != 0) { /* GCOVR_EXCL_BR_LINE */
		pthread_mutex_destroy(&pool->lock);
		return;
	}
	if (pthread_cond_init(&pool->done, NULL) != 0) { /* GCOVR_EXCL_BR_LINE */
		pthread_cond_destroy(&pool->work);
		pthread_mutex_destroy(&pool->lock);
		return;
	}
	for (i = 0; i < jobs; i++) {
		int failed = pthread_create(&pool->threads[i], NULL,
					    pool_thread, pool);

		if (failed) /* GCOVR_EXCL_BR_LINE */
			break;
		pool->nthreads++;
	}
	if (!pool->nthreads) { /* GCOVR_EXCL_BR_LINE */
		pthread_cond_destroy(&pool->done);
		pthread_cond_destroy(&pool->work);
		pthread_mutex_destroy(&pool->lock);
	}
}

static void pool_stop(struct pieces *s)
{
	struct pool *pool = &s->pool;
	unsigned i;

	if (pool->nthreads) {
		take_all(s);
		pthread_mutex_lock(&pool->lock);
		pool->closing = 1;
		pthread_cond_broadcast(&pool->work);
		pthread_mutex_unlock(&pool->lock);
		for (i = 0; i < pool->nthreads; i++)
			pthread_join(pool->threads[i], NULL);
		pthread_cond_destroy(&pool->done);
		pthread_cond_destroy(&pool->work);
		pthread_mutex_destroy(&pool->lock);
	}
	mem_free(pool->ring);
}

/*
 * Inflate `part` (open as `f`) into its parser `m`, in pieces from where
 * the kind is ready, with what follows the last piece read by `m`.
 */
static void read_in_pieces(struct workbook *w, zip_file_t *f,
			   const char *part, struct xml *m,
			   const struct piece_kind *kind)
{
	const struct workbook_parts *parts = w->req->parts;
	size_t piece = parts->piece ? parts->piece : PIECE_DEFAULT;
	struct strbuf stage = STRBUF_INIT;   /* inflated, not yet handed on */
	struct pieces s;
	size_t total = 0;
	int waiting = 1, done = 0;

	memset(&s, 0, sizeof s);
	s.w = w;
	s.kind = kind;
	s.m = m;
	pool_start(&s, parts->jobs);
	if (!s.pool.nthreads)
		waiting = 0;
	while (!done && !m->stopped && w->status == FOITAB_OK) {
		zip_int64_t n;
		long cut;

		if (strbuf_grow(&stage, WORKBOOK_BLOCK) < 0) {
			wb_fail(w, FOITAB_OSERR, "out of memory");
			break;
		}
		n = zip_fread(f, stage.buf + stage.len, WORKBOOK_BLOCK);
		if (n < 0 || total + (size_t)n > WORKBOOK_PART_MAX ||
		    w->inflated + (size_t)n > w->inflate_budget) {
			/* What came before is read first, as in one pass,
			 * where a problem in it is found before this. */
			stop_cutting(&s);
			if (w->status == FOITAB_OK)
				feed(&s, stage.buf, stage.len, 0);
			if (w->status == FOITAB_OK)
				wb_inflated(w, f, part, n, &total);
			break;
		}
		total += (size_t)n;
		w->inflated += (size_t)n;
		stage.len += (size_t)n;
		stage.buf[stage.len] = '\0';
		done = n == 0;
		if (waiting && kind->ready(&s)) {
			/* Cut from the next element on, if the parser stands
			 * where a piece would be parsed. */
			cut = tag_at(stage.buf, stage.len, 0, kind->tag);
			if (cut >= 0) {
				waiting = 0;
				feed(&s, stage.buf, (size_t)cut, 0);
				strbuf_drop(&stage, (size_t)cut);
				s.cutting = at_a_cut(&s);
			}
		}
		while (s.cutting && stage.len > piece &&
		       (cut = tag_at(stage.buf, stage.len, piece, kind->tag)) > 0)
			if (send_piece(&s, &stage, (size_t)cut,
				       piece + 2 * WORKBOOK_BLOCK) < 0)
				stop_cutting(&s);
		if (s.cutting && stage.len > piece + PIECE_LONGEST)
			stop_cutting(&s);    /* an element this long: one pass */
		if (s.cutting && done) {
			/* All but the last element is one more piece. */
			long last = -1, next = 0;

			while ((next = tag_at(stage.buf, stage.len,
					      (size_t)next, kind->tag)) >= 0)
				last = next++;
			if (last > 0)
				send_piece(&s, &stage, (size_t)last, 0);
		}
		if (!s.cutting || done) {
			/* The pieces come before these bytes. */
			stop_cutting(&s);
			if (w->status == FOITAB_OK)
				feed(&s, stage.buf, stage.len, done);
			strbuf_reset(&stage);
		}
	}
	pool_stop(&s);
	strbuf_release(&stage);
}

/*
 * Read `part` with the handlers of `kind` and their state `state`: in
 * pieces when the request allows and the part is large, else in one pass.
 * Returns 0; 1 when the zip has no such part; -1 after a failure.
 */
static int read_part(struct workbook *w, const char *part,
		     const struct piece_kind *kind, void *state)
{
	const struct workbook_parts *parts = w->req->parts;
	size_t min_part = parts && parts->min_part ? parts->min_part
						   : MIN_PART_DEFAULT;
	zip_stat_t st;
	zip_file_t *f;
	struct xml x;

	if (w->probing || !parts || parts->jobs < 2 ||
	    zip_stat(w->zip, part, 0, &st) != 0 ||
	    !(st.valid & ZIP_STAT_SIZE) || st.size < min_part)
		return xml_read(w, part, kind->start, kind->end, state);
	f = wb_open_part(w, part);
	if (!f)
		return -1;
	memset(&x, 0, sizeof x);
	x.w = w;
	x.start = kind->start;
	x.end = kind->end;
	x.ctx = state;
	if (xml_begin(&x, part) == FOITAB_OK)
		read_in_pieces(w, f, part, &x, kind);
	xml_end(&x);
	zip_fclose(f);
	return w->status == FOITAB_OK ? 0 : -1;
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

/* Rows go to parts once the caller has read the header. */
static int rows_ready(const struct pieces *s)
{
	const struct workbook_parts *parts = s->w->req->parts;

	return parts->ready(parts->ctx);
}

static int rows_open(struct pieces *s, struct piece *p)
{
	const struct workbook_parts *parts = s->w->req->parts;

	p->part = parts->open_part(parts->ctx);
	if (!p->part)
		return -1;
	p->req.on_row = parts->part_row;
	p->req.ctx = p->part;
	p->w.req = &p->req;
	return 0;
}

/*
 * A piece's rows, as its part read them.  A piece whose first row has no
 * number cannot know it, and is read again.
 */
static int rows_take(struct pieces *s, struct piece *p)
{
	const struct workbook_parts *parts = s->w->req->parts;
	struct workbook *w = s->w;
	int status;

	if (w->rows + p->w.rows > WORKBOOK_ROWS_MAX ||
	    w->cells + p->w.cells > WORKBOOK_CELLS_MAX ||
	    (p->w.first_row && p->w.first_row <= w->rownum))
		return WORKBOOK_REFUSED;
	status = parts->take(parts->ctx, p->part);
	if (status == FOITAB_OK) {
		w->rows += p->w.rows;
		w->cells += p->w.cells;
		if (p->w.rownum)
			w->rownum = p->w.rownum;
	}
	return status;
}

static void rows_close(struct pieces *s, struct piece *p)
{
	const struct workbook_parts *parts = s->w->req->parts;

	if (p->part)
		parts->close_part(p->part);
	strbuf_release(&p->w.row.text);
	mem_free(p->w.row.offsets);
	mem_free(p->w.row.lens);
	mem_free(p->w.row.ptrs);
}

static const struct piece_kind row_pieces = {
	"row", "<sheetData>", "</sheetData>", 2, sheet_start, sheet_end,
	cells_new, cells_free, cells_idle, rows_ready,
	rows_open, rows_take, rows_close,
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
