/*
 * xlsx.c - the .xlsx reader (Office Open XML, as Excel and Google Sheets
 * save it): the sheets through xl/workbook.xml and its relationships,
 * the shared strings, the styles that make a number a date, and each
 * sheet's rows.  See workbook.h; what the readers share is sheetxml.h.
 */
#include <math.h>
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

struct xlsx_index {
	char **ids, **targets;
	size_t n;
	struct strbuf date_formats;   /* numFmtIds of custom date formats */
	long *fmts;                   /* custom numFmtId ... */
	unsigned char *is_date;       /* ... and whether it is a date */
	size_t nfmts;
	int in_xfs;
};

static void workbook_start(struct xml *x, const char *name, const char **atts)
{
	struct workbook *w = x->w;
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
		more = mem_realloc_array(w->sheets, w->nsheets + 1, sizeof *more);
		if (!more) {
			wb_fail(w, FOITAB_OSERR, "out of memory");
			return;
		}
		w->sheets = more;
		more[w->nsheets].name = wb_copy(w, sheet_name);
		more[w->nsheets].part = wb_copy(w, id);   /* the id, for now */
		w->nsheets++;
	}
}

static void rels_start(struct xml *x, const char *name, const char **atts)
{
	struct xlsx_index *ix = x->ctx;
	const char *id = xml_attr(atts, "Id"), *target = xml_attr(atts, "Target");
	char **ids, **targets;

	if (strcmp(name, "Relationship") != 0 || !id || !target)
		return;
	ids = mem_realloc_array(ix->ids, ix->n + 1, sizeof *ids);
	if (ids)
		ix->ids = ids;
	targets = ids ? mem_realloc_array(ix->targets, ix->n + 1,
					  sizeof *targets) : NULL;
	if (!targets) {
		wb_fail(x->w, FOITAB_OSERR, "out of memory");
		return;
	}
	ix->targets = targets;
	ix->ids[ix->n] = wb_copy(x->w, id);
	ix->targets[ix->n] = wb_copy(x->w, target);
	ix->n++;
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
		if (w->strings.len + st->text.len > WORKBOOK_STRINGS_MAX) {
			wb_fail(w, FOITAB_DATAERR, "the workbook's shared strings "
			     "pass %zu MiB; foitab keeps no more",
			     WORKBOOK_STRINGS_MAX >> 20);
			return;
		}
		if (w->nstrings == w->strings_cap) {
			size_t cap = w->strings_cap ? w->strings_cap * 2 : 256;
			size_t *at = mem_realloc_array(w->string_at, cap,
						       sizeof *at);

			if (!at) {
				wb_fail(w, FOITAB_OSERR, "out of memory");
				return;
			}
			w->string_at = at;
			w->strings_cap = cap;
		}
		w->string_at[w->nstrings++] = w->strings.len;
		if (strbuf_add(&w->strings, st->text.buf ? st->text.buf : "",
			       st->text.len) < 0 ||
		    strbuf_addch(&w->strings, '\0') < 0)
			wb_fail(w, FOITAB_OSERR, "out of memory");
	}
}

/* Styles: which cell formats (cellXfs, by index) show dates. */
static void styles_start(struct xml *x, const char *name, const char **atts)
{
	struct xlsx_index *ix = x->ctx;
	struct workbook *w = x->w;
	const char *id = xml_attr(atts, "numFmtId");

	if (strcmp(name, "numFmt") == 0 && id) {
		const char *code = xml_attr(atts, "formatCode");
		long *fmts = mem_realloc_array(ix->fmts, ix->nfmts + 1,
					       sizeof *fmts);
		unsigned char *is_date = fmts ?
			mem_realloc_array(ix->is_date, ix->nfmts + 1, 1) : NULL;

		if (fmts)
			ix->fmts = fmts;
		if (!is_date) {
			wb_fail(w, FOITAB_OSERR, "out of memory");
			return;
		}
		ix->is_date = is_date;
		ix->fmts[ix->nfmts] = strtol(id, NULL, 10);
		ix->is_date[ix->nfmts] = code && date_format(code);
		ix->nfmts++;
	} else if (strcmp(name, "cellXfs") == 0) {
		ix->in_xfs = 1;
	} else if (strcmp(name, "xf") == 0 && ix->in_xfs) {
		long fmt = id ? strtol(id, NULL, 10) : 0;
		unsigned char date = (unsigned char)builtin_date(fmt), *more;
		size_t i;

		for (i = 0; i < ix->nfmts; i++)
			if (ix->fmts[i] == fmt)
				date = ix->is_date[i];
		more = mem_realloc_array(w->date_style, w->nstyles + 1, 1);
		if (!more) {
			wb_fail(w, FOITAB_OSERR, "out of memory");
			return;
		}
		w->date_style = more;
		w->date_style[w->nstyles++] = date;
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
	int in_is;
	long next_col;           /* for cells that give no reference */
};

static void sheet_start(struct xml *x, const char *name, const char **atts)
{
	struct cell_state *c = x->ctx;
	struct workbook *w = x->w;
	const char *v;

	if (strcmp(name, "row") == 0) {
		v = xml_attr(atts, "r");
		w->rownum = v ? strtoul(v, NULL, 10) : w->rownum + 1;
		wb_row_reset(&w->row);
		c->next_col = 0;
	} else if (strcmp(name, "c") == 0) {
		/* The commonest element: its attributes in one pass. */
		c->col = c->next_col;
		c->type[0] = 'n';
		c->type[1] = '\0';
		c->style = 0;
		for (; atts[0]; atts += 2) {
			const char *a = xml_local(atts[0]);

			if (a[0] == 'r' && !a[1]) {
				long col = wb_column_of(atts[1]);

				if (col >= 0)
					c->col = col;
			} else if (a[0] == 't' && !a[1]) {
				snprintf(c->type, sizeof c->type, "%s", atts[1]);
			} else if (a[0] == 's' && !a[1]) {
				c->style = strtol(atts[1], NULL, 10);
			}
		}
		strbuf_reset(&c->value);
	} else if (strcmp(name, "v") == 0) {
		x->text = &c->value;
	} else if (strcmp(name, "is") == 0) {
		c->in_is = 1;
	} else if (strcmp(name, "t") == 0 && c->in_is) {
		x->text = &c->value;
	}
}

/* A finished cell's text, as the sheet shows it. */
static void cell_done(struct xml *x, struct cell_state *c)
{
	struct workbook *w = x->w;
	const char *v = strbuf_str(&c->value);
	char buf[64];

	if (strcmp(c->type, "s") == 0) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);

		if (end == v || *end || i >= w->nstrings) {
			wb_fail(w, FOITAB_DATAERR, "a cell in row %lu refers to a "
			     "shared string the workbook does not have",
			     w->rownum);
			return;
		}
		v = w->strings.buf + w->string_at[i];
		wb_row_put(w, (size_t)c->col, v, strlen(v));
	} else if (strcmp(c->type, "b") == 0) {
		v = strcmp(v, "1") == 0 ? "yes" : strcmp(v, "0") == 0 ? "no" : v;
		wb_row_put(w, (size_t)c->col, v, strlen(v));
	} else if (strcmp(c->type, "n") == 0 && *v) {
		if (c->style >= 0 && (size_t)c->style < w->nstyles &&
		    w->date_style[c->style])
			date_text(v, w->date1904, buf, sizeof buf);
		else
			wb_number_text(v, buf, sizeof buf);
		wb_row_put(w, (size_t)c->col, buf, strlen(buf));
	} else {
		/* inlineStr, str (a formula's text), e (#N/A...), d (ISO). */
		wb_row_put(w, (size_t)c->col, v, c->value.len);
	}
	c->next_col = c->col + 1;
}

static void sheet_end(struct xml *x, const char *name)
{
	struct cell_state *c = x->ctx;

	if (strcmp(name, "v") == 0 || (strcmp(name, "t") == 0 && c->in_is))
		x->text = NULL;
	else if (strcmp(name, "is") == 0)
		c->in_is = 0;
	else if (strcmp(name, "c") == 0)
		cell_done(x, c);
	else if (strcmp(name, "row") == 0)
		wb_row_end(x->w, x);
}

/* Where relationship `id` points, as a path in the zip; NULL if nowhere. */
static char *resolve(struct workbook *w, const struct xlsx_index *ix,
		     const char *id)
{
	size_t i, len;
	char *path;

	for (i = 0; i < ix->n; i++)
		if (ix->ids[i] && strcmp(ix->ids[i], id) == 0)
			break;
	if (i == ix->n || !ix->targets[i])
		return NULL;
	if (ix->targets[i][0] == '/')
		return wb_copy(w, ix->targets[i] + 1);
	len = strlen(ix->targets[i]) + 4;
	path = mem_realloc(NULL, len);
	if (!path) {
		wb_fail(w, FOITAB_OSERR, "out of memory");
		return NULL;
	}
	snprintf(path, len, "xl/%s", ix->targets[i]);
	return path;
}

static void index_free(struct xlsx_index *ix)
{
	size_t i;

	for (i = 0; i < ix->n; i++) {
		mem_free(ix->ids[i]);
		mem_free(ix->targets[i]);
	}
	mem_free(ix->ids);
	mem_free(ix->targets);
	mem_free(ix->fmts);
	mem_free(ix->is_date);
}

/* The workbook's index: its sheets, strings and date formats. */
int xlsx_open(struct workbook *w)
{
	struct xlsx_index ix;
	struct strings_state st;
	size_t i;
	int got;

	memset(&ix, 0, sizeof ix);
	got = xml_read(w, "xl/workbook.xml", workbook_start, NULL, NULL);
	if (got == 1)
		wb_fail(w, FOITAB_DATAERR, "a zip file, but not a workbook foitab "
		     "reads: it has no xl/workbook.xml");
	if (w->status == FOITAB_OK &&
	    xml_read(w, "xl/_rels/workbook.xml.rels", rels_start, NULL,
		     &ix) == 1)
		wb_fail(w, FOITAB_DATAERR, "the workbook has no "
		     "xl/_rels/workbook.xml.rels; it is damaged");
	for (i = 0; i < w->nsheets && w->status == FOITAB_OK; i++) {
		char *path = resolve(w, &ix, w->sheets[i].part);

		mem_free(w->sheets[i].part);
		w->sheets[i].part = path;
		if (!path)
			wb_fail(w, FOITAB_DATAERR, "the workbook's index does not "
			     "say where sheet '%s' is; it is damaged",
			     w->sheets[i].name);
	}
	memset(&st, 0, sizeof st);
	if (w->status == FOITAB_OK)
		xml_read(w, "xl/sharedStrings.xml", strings_start, strings_end,
			 &st);
	strbuf_release(&st.text);
	if (w->status == FOITAB_OK)
		xml_read(w, "xl/styles.xml", styles_start, styles_end, &ix);
	index_free(&ix);
	return w->status;
}

/* Read sheet `i` (or, probing, its first row). */
int xlsx_sheet(struct workbook *w, size_t i)
{
	struct cell_state c;

	memset(&c, 0, sizeof c);
	w->rownum = 0;
	w->rows = 0;
	if (xml_read(w, w->sheets[i].part, sheet_start, sheet_end, &c) == 1)
		wb_fail(w, FOITAB_DATAERR, "sheet '%s' is missing from the "
		     "workbook (%s); it is damaged", w->sheets[i].name,
		     w->sheets[i].part);
	strbuf_release(&c.value);
	return w->status;
}

