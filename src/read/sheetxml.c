/*
 * sheetxml.c - what the workbook readers share (sheetxml.h): messages at
 * the workbook, the sheet and the cell; zip parts inflated a block at a
 * time within the workbook's bounds into expat; rows built cell by cell
 * and passed on; cell references, row numbers and numbers as a sheet
 * shows them.  It calls no reader: xlsx.c and ods.c build on it, and
 * workbook.c chooses between them.
 */
#include <assert.h>
#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "exitcodes.h"
#include "mem.h"
#include "sheetxml.h"

/* ------------------------------------------------------------------ */
/* Messages. */

/*
 * Say `fmt` (with `ap`) at `where` (NULL: the workbook) and keep
 * `status`, unless a problem is reported already; FOITAB_OSERR silently.
 */
static int report(struct workbook *w, int status, const char *where,
		  const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static int report(struct workbook *w, int status, const char *where,
		  const char *fmt, va_list ap)
{
	char message[400];

	if (w->status != FOITAB_OK)
		return w->status;
	if (w->probing && w->probe_rows > 0 && status == FOITAB_DATAERR) {
		/* Past a sheet's first row, a probe looks for a header: a
		 * sheet that cannot be read so far is not the one, and is
		 * reported only if it is read. */
		w->probe_spoiled = 1;
		return FOITAB_OK;
	}
	vsnprintf(message, sizeof message, fmt, ap);
	if (status != FOITAB_OSERR)
		diag_error(w->diag, where ? where : w->name, 0, "%s", message);
	w->status = status;
	return status;
}

int wb_fail(struct workbook *w, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(w, status, NULL, fmt, ap);
	va_end(ap);
	return w->status;
}

void wb_column_name(size_t col, char buf[8])
{
	size_t n = 0, k;

	for (k = col + 1; k > 0 && n < 7; k = (k - 1) / 26)
		buf[n++] = (char)('A' + (k - 1) % 26);
	buf[n] = '\0';
	for (k = 0; k < n / 2; k++) {
		char t = buf[k];

		buf[k] = buf[n - 1 - k];
		buf[n - 1 - k] = t;
	}
}

int wb_cell_fail(struct workbook *w, size_t col, const char *fmt, ...)
{
	char where[600], letters[8];
	va_list ap;

	wb_column_name(col, letters);
	snprintf(where, sizeof where, "%s:%s!%s%lu", w->name,
		 w->sheet_name ? w->sheet_name : "", letters, w->rownum);
	va_start(ap, fmt);
	report(w, FOITAB_DATAERR, where, fmt, ap);
	va_end(ap);
	return w->status;
}

int wb_sheet_fail(struct workbook *w, const char *fmt, ...)
{
	char where[600];
	va_list ap;

	snprintf(where, sizeof where, "%s:%s", w->name,
		 w->sheet_name ? w->sheet_name : "");
	va_start(ap, fmt);
	report(w, FOITAB_DATAERR, where, fmt, ap);
	va_end(ap);
	return w->status;
}

int wb_unsaved_formula(struct workbook *w, size_t col)
{
	return wb_cell_fail(w, col, "this cell holds a formula whose result "
			    "was never saved in the workbook; open it in a "
			    "spreadsheet program and save it (or export it as "
			    "CSV), so that the result is stored");
}

int wb_merged(struct workbook *w, unsigned long first_row, size_t first_col,
	      unsigned long last_row, size_t last_col)
{
	if (w->status != FOITAB_OK || w->probing || !w->req->on_merge ||
	    (first_row == last_row && first_col == last_col))
		return w->status;
	w->status = w->req->on_merge(first_row, first_col, last_row, last_col,
				     w->req->ctx);
	return w->status;
}

/* ------------------------------------------------------------------ */
/* XML: expat over one part, with the bounds every part gets. */

/* The name without its namespace prefix ("table:table-cell" -> "table-cell"). */
const char *xml_local(const char *name)
{
	const char *local = name;

	/* Names are short: a loop beats a call. */
	for (; *name; name++)
		if (*name == ':')
			local = name + 1;
	return local;
}

/* The value of attribute `name` (local name), or NULL. */
const char *xml_attr(const char **atts, const char *name)
{
	for (; atts[0]; atts += 2)
		if (strcmp(xml_local(atts[0]), name) == 0)
			return atts[1];
	return NULL;
}

void xml_stop(struct xml *x)
{
	x->stopped = 1;
	XML_StopParser(x->parser, XML_FALSE);
}

static void on_start(void *data, const char *name, const char **atts)
{
	struct xml *x = data;

	if (++x->depth > WORKBOOK_DEPTH_MAX) {
		wb_fail(x->w, FOITAB_DATAERR, "%s nests more than %d elements "
		     "deep; this is no workbook a spreadsheet program wrote",
		     x->part, WORKBOOK_DEPTH_MAX);
		xml_stop(x);
		return;
	}
	if (x->start)
		x->start(x, xml_local(name), atts);
	if (x->w->status != FOITAB_OK)
		xml_stop(x);
}

static void on_end(void *data, const char *name)
{
	struct xml *x = data;

	x->depth--;
	if (x->end)
		x->end(x, xml_local(name));
	if (x->w->status != FOITAB_OK && !x->stopped)
		xml_stop(x);
}

void xml_add_text(void *data, const char *s, int len)
{
	struct xml *x = data;

	if (x->text && len > 0) {
		if (x->text->len + (size_t)len > CSVREAD_FIELD_MAX) {
			wb_fail(x->w, FOITAB_DATAERR, "%s: a cell is longer than "
			     "1 MiB", x->part);
			xml_stop(x);
		} else if (strbuf_add(x->text, s, (size_t)len) < 0) {
			wb_fail(x->w, FOITAB_OSERR, "out of memory");
			xml_stop(x);
		}
	}
}

/* A DOCTYPE, and with it any entity, never belongs in a workbook. */
static void on_doctype(void *data, const char *name, const char *sysid,
		       const char *pubid, int has_internal)
{
	struct xml *x = data;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	wb_fail(x->w, FOITAB_DATAERR, "%s declares a DOCTYPE, which no workbook "
	     "needs; it is refused", x->part);
	xml_stop(x);
}

/* CDATA sections, followed so that a cut never falls inside one. */
static void on_cdata_start(void *data)
{
	((struct xml *)data)->in_cdata = 1;
}

static void on_cdata_end(void *data)
{
	((struct xml *)data)->in_cdata = 0;
}

zip_file_t *wb_open_part(struct workbook *w, const char *part)
{
	zip_int64_t index = zip_name_locate(w->zip, part, 0);
	zip_file_t *f;

	if (index < 0)
		return NULL;
	f = zip_fopen_index(w->zip, (zip_uint64_t)index, 0);
	if (!f) {
		zip_error_t *e = zip_get_error(w->zip);

		if (zip_error_code_zip(e) == ZIP_ER_NOPASSWD ||
		    zip_error_code_zip(e) == ZIP_ER_WRONGPASSWD)
			wb_fail(w, FOITAB_DATAERR, "%s is encrypted; save the "
			     "workbook without a password", part);
		else
			wb_fail(w, FOITAB_DATAERR, "cannot read %s from the "
			     "workbook: %s", part, zip_error_strerror(e));
	}
	return f;
}

int wb_inflated(struct workbook *w, zip_file_t *f, const char *part,
		zip_int64_t n, size_t *total)
{
	if (n < 0)
		return wb_fail(w, FOITAB_DATAERR, "%s is damaged in the workbook "
			       "(%s)", part,
			       zip_error_strerror(zip_file_get_error(f)));
	*total += (size_t)n;
	w->inflated += (size_t)n;
	if (*total > WORKBOOK_PART_MAX)
		return wb_fail(w, FOITAB_DATAERR, "%s inflates to more than %zu "
			       "MiB; foitab reads no larger part", part,
			       WORKBOOK_PART_MAX >> 20);
	if (w->inflated > w->inflate_budget)
		return wb_fail(w, FOITAB_DATAERR, "its parts inflate to more "
			       "than %zu MiB, over %d times the workbook's own "
			       "size; no spreadsheet packs that tightly, so it "
			       "is refused (save it again, or as CSV)",
			       w->inflate_budget >> 20, WORKBOOK_INFLATE_RATIO);
	return FOITAB_OK;
}

zip_int64_t wb_inflate(struct workbook *w, zip_file_t *f, const char *part,
		       void *into, size_t len, size_t *total)
{
	zip_int64_t n = zip_fread(f, into, len);

	return wb_inflated(w, f, part, n, total) == FOITAB_OK ? n : -1;
}

int xml_begin(struct xml *x, const char *part)
{
	x->parser = XML_ParserCreate("UTF-8");
	if (!x->parser)
		return wb_fail(x->w, FOITAB_OSERR, "out of memory");
	x->part = part;
	x->stopped = 0;
	x->in_cdata = 0;
	XML_SetUserData(x->parser, x);
	XML_SetElementHandler(x->parser, on_start, on_end);
	XML_SetCharacterDataHandler(x->parser, xml_add_text);
	XML_SetCdataSectionHandler(x->parser, on_cdata_start, on_cdata_end);
	XML_SetStartDoctypeDeclHandler(x->parser, on_doctype);
	return FOITAB_OK;
}

/* Report what expat found wrong in the part; the status is kept. */
static void xml_error(struct xml *x)
{
	struct workbook *w = x->w;

	wb_fail(w, FOITAB_DATAERR, "%s is not sound XML (line %lu: %s)%s",
		x->part, (unsigned long)XML_GetCurrentLineNumber(x->parser) +
		x->lines_skipped,
		XML_ErrorString(XML_GetErrorCode(x->parser)),
		w->kind == ODS ? "; is the workbook saved with a password?" : "");
}

int xml_feed(struct xml *x, const char *bytes, size_t len, int final)
{
	while (!x->stopped && x->w->status == FOITAB_OK) {
		int n = len > WORKBOOK_BLOCK ? (int)WORKBOOK_BLOCK : (int)len;

		len -= (size_t)n;
		if (XML_Parse(x->parser, bytes, n, final && !len) ==
		    XML_STATUS_ERROR && !x->stopped)
			xml_error(x);
		bytes += n;
		if (!len)
			break;
	}
	return x->w->status;
}

void xml_end(struct xml *x)
{
	if (x->parser)
		XML_ParserFree(x->parser);
	x->parser = NULL;
}

/*
 * Inflate `part` a block at a time into expat with the handlers of `x`.
 * Returns 0; 1 when the zip has no such part; -1 after a failure (kept
 * in w->status).
 */
int xml_parse_part(struct xml *x, const char *part)
{
	struct workbook *w = x->w;
	zip_file_t *f;
	size_t total = 0;
	int done = 0;

	f = wb_open_part(w, part);
	if (!f)
		return w->status == FOITAB_OK ? 1 : -1;   /* no such part */
	x->depth = 0;
	if (xml_begin(x, part) != FOITAB_OK) {
		zip_fclose(f);
		return -1;
	}
	while (!done && !x->stopped && w->status == FOITAB_OK) {
		/* Inflate straight into expat's own buffer: no copy. */
		void *into = XML_GetBuffer(x->parser, (int)WORKBOOK_BLOCK);
		zip_int64_t n;

		if (!into) {
			wb_fail(w, FOITAB_OSERR, "out of memory");
			break;
		}
		n = wb_inflate(w, f, part, into, WORKBOOK_BLOCK, &total);
		if (n < 0)
			break;
		done = n == 0;
		if (XML_ParseBuffer(x->parser, (int)n, done) == XML_STATUS_ERROR &&
		    !x->stopped)
			xml_error(x);
	}
	xml_end(x);
	zip_fclose(f);
	return w->status == FOITAB_OK ? 0 : -1;
}

int xml_read(struct workbook *w, const char *part, xml_start_fn start,
	     xml_end_fn end, void *ctx)
{
	struct xml x;

	memset(&x, 0, sizeof x);
	x.w = w;
	x.start = start;
	x.end = end;
	x.ctx = ctx;
	return xml_parse_part(&x, part);
}

/* ------------------------------------------------------------------ */
/* Rows. */

static int row_reserve(struct row *r, size_t n)
{
	size_t cap = r->cap ? r->cap : 16, *offsets, *lens;
	const char **ptrs;

	if (n <= r->cap)
		return 0;
	while (cap < n)
		cap *= 2;
	offsets = mem_realloc_array(r->offsets, cap, sizeof *offsets);
	if (!offsets)
		return -1;
	r->offsets = offsets;
	lens = mem_realloc_array(r->lens, cap, sizeof *lens);
	if (!lens)
		return -1;
	r->lens = lens;
	ptrs = mem_realloc_array(r->ptrs, cap, sizeof *ptrs);
	if (!ptrs)
		return -1;
	r->ptrs = ptrs;
	r->cap = cap;
	return 0;
}

void wb_row_reset(struct row *r)
{
	strbuf_reset(&r->text);
	r->n = 0;
	r->any = 0;
}

/*
 * Put `len` bytes of `s` in column `col` (from 0) of the row, empty cells
 * before it; a cell already there (a damaged sheet) is an error.
 */
int wb_row_put(struct workbook *w, size_t col, const char *s, size_t len)
{
	struct row *r = &w->row;

	if (col + 1 == r->n)
		return wb_cell_fail(w, col, "the sheet gives this cell twice; "
				    "the workbook is damaged");
	if (col < r->n) {
		char after[8];

		wb_column_name(r->n - 1, after);
		return wb_cell_fail(w, col, "this cell comes after column %s "
				    "of its row, out of order; the workbook "
				    "is damaged", after);
	}
	if (col >= CSVREAD_MAX_CELLS)
		return wb_fail(w, FOITAB_DATAERR, "row %lu of the sheet has more "
			    "than %zu cells", w->rownum, CSVREAD_MAX_CELLS);
	if (row_reserve(r, col + 1) < 0 ||
	    strbuf_grow(&r->text, col - r->n + len + 1) < 0)
		return wb_fail(w, FOITAB_OSERR, "out of memory");
	/* Empty cells before it, then the cell, each ended by a NUL. */
	while (r->n < col) {
		r->offsets[r->n] = r->text.len;
		r->lens[r->n++] = 0;
		r->text.buf[r->text.len++] = '\0';
	}
	r->offsets[r->n] = r->text.len;
	r->lens[r->n++] = len;
	memcpy(r->text.buf + r->text.len, s, len);
	r->text.len += len;
	r->text.buf[r->text.len++] = '\0';
	r->text.buf[r->text.len] = '\0';
	if (len)
		r->any = 1;
	return FOITAB_OK;
}

/* The row is complete: pass it on (or, probing, test it and stop). */
int wb_row_end(struct workbook *w, struct xml *x)
{
	struct row *r = &w->row;
	struct csv_row row;
	size_t i;

	if (w->status != FOITAB_OK || !r->any)
		return w->status;
	if (++w->rows > WORKBOOK_ROWS_MAX)
		return wb_fail(w, FOITAB_DATAERR, "the sheet has more than %lu "
			    "rows", WORKBOOK_ROWS_MAX);
	for (i = 0; i < r->n; i++)
		r->ptrs[i] = r->text.buf + r->offsets[i];
	row.line = w->rownum;
	row.nfields = r->n;
	row.fields = r->ptrs;
	row.lens = r->lens;
	row.sheet_cells = 1;
	if (w->probing) {
		/* An .xlsx sheet is probed alone; an .ods table while the
		 * tables are listed, which goes on. */
		w->fits = !w->probe_spoiled && w->req->fits &&
			  w->req->fits(&row, w->req->fits_ctx);
		/* The header may be below a title: a few rows are tried. */
		if (w->fits || w->probe_spoiled ||
		    ++w->probe_rows >= WORKBOOK_PROBE_ROWS) {
			w->probed = 1;
			if (w->kind == XLSX)
				xml_stop(x);
		}
		return FOITAB_OK;
	}
	w->cells += r->n;
	if (w->cells > WORKBOOK_CELLS_MAX)
		return wb_sheet_fail(w, "the sheet passes %lu million cells, "
				     "its repeated rows counted; foitab reads "
				     "no more", WORKBOOK_CELLS_MAX / 1000000);
	w->status = w->req->on_row(&row, w->req->ctx);
	return w->status;
}

/* "D5" -> column 3; -1 if `ref` does not start with letters. */
long wb_column_of(const char *ref)
{
	long col = 0;
	int letters = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++) {
		col = col * 26 + (*ref - 'A' + 1);
		if (col > (long)CSVREAD_MAX_CELLS)
			return (long)CSVREAD_MAX_CELLS;
	}
	return letters ? col - 1 : -1;
}

unsigned long wb_row_number(const char *s)
{
	unsigned long n = 0;

	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		n = n * 10 + (unsigned long)(*s - '0');
		if (n > WORKBOOK_ROWS_MAX)
			return 0;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Numbers and dates as the sheet shows them. */

/* A number without float noise: "3", "0.1", "12.5", "-7E+20". */
void wb_number_text(const char *s, char *buf, size_t size)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !isfinite(v)) {
		snprintf(buf, size, "%s", s);
		return;
	}
	snprintf(buf, size, "%.15g", v);
}

/* strdup into the workbook's allocator; NULL sets the status. */
char *wb_copy(struct workbook *w, const char *s)
{
	char *p = mem_strndup(s, strlen(s));

	if (!p)
		wb_fail(w, FOITAB_OSERR, "out of memory");
	return p;
}

