/*
 * workbook.c - .xlsx and .ods read as rows; see workbook.h.
 *
 * The file is held in memory (it is compressed) and opened with libzip;
 * each XML part is inflated a block at a time straight into expat, so
 * that a sheet is never held whole: memory grows with the shared strings
 * and one row.  An .xlsx is found through its own index: xl/workbook.xml
 * lists the sheets, xl/_rels/workbook.xml.rels says where each is, and
 * xl/sharedStrings.xml and xl/styles.xml give the text and the number
 * formats cells refer to.  An .ods is its mimetype and content.xml, in
 * which every sheet is a table.
 *
 * This file knows nothing of surveys: the caller gets rows of text.
 */
#include <assert.h>
#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "exitcodes.h"
#include "mem.h"
#include "strbuf.h"
#include "workbook.h"

#define WORKBOOK_BLOCK ((size_t)64 * 1024)
#define WORKBOOK_FILE_MAX ((size_t)1 << 30)     /* the workbook itself */

enum kind { XLSX, ODS };

/* One sheet of the workbook, in its order. */
struct sheet {
	char *name;
	char *part;              /* xlsx: the part's path in the zip */
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
	size_t *string_at;
	size_t nstrings, strings_cap;
	unsigned char *date_style;  /* per cellXfs index: a date format? */
	size_t nstyles;
	int date1904;
	/* the sheet being read */
	struct row row;
	unsigned long rownum;    /* the row's number in the sheet */
	unsigned long rows;      /* rows passed on */
	int status;              /* first non-OK status; sticky */
	int probing;             /* only the first non-blank row is wanted */
	int fits;                /* probing: it fit */
	int target;              /* ods: the table to read (-1: probe all) */
};

/* ------------------------------------------------------------------ */
/* Messages. */

static int fail(struct workbook *w, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Report a problem with the workbook as a whole; the status is kept. */
static int fail(struct workbook *w, int status, const char *fmt, ...)
{
	char message[400];
	va_list ap;

	if (w->status != FOITAB_OK)
		return w->status;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	if (status != FOITAB_OSERR)
		diag_error(w->diag, w->name, 0, "%s", message);
	w->status = status;
	return status;
}

/* ------------------------------------------------------------------ */
/* XML: expat over one part, with the bounds every part gets. */

struct xml;
typedef void (*xml_start_fn)(struct xml *x, const char *name,
			     const char **atts);
typedef void (*xml_end_fn)(struct xml *x, const char *name);

struct xml {
	struct workbook *w;
	XML_Parser parser;
	const char *part;
	int depth;
	xml_start_fn start;
	xml_end_fn end;
	struct strbuf *text;     /* where character data goes; NULL: none */
	int stopped;             /* the handler has all it wants */
	void *ctx;
};

/* The name without its namespace prefix ("table:table-cell" -> "table-cell"). */
static const char *local(const char *name)
{
	const char *colon = strrchr(name, ':');

	return colon ? colon + 1 : name;
}

/* The value of attribute `name` (local name), or NULL. */
static const char *attr(const char **atts, const char *name)
{
	for (; atts[0]; atts += 2)
		if (strcmp(local(atts[0]), name) == 0)
			return atts[1];
	return NULL;
}

static void stop(struct xml *x)
{
	x->stopped = 1;
	XML_StopParser(x->parser, XML_FALSE);
}

static void on_start(void *data, const char *name, const char **atts)
{
	struct xml *x = data;

	if (++x->depth > WORKBOOK_DEPTH_MAX) {
		fail(x->w, FOITAB_DATAERR, "%s nests more than %d elements "
		     "deep; this is no workbook a spreadsheet program wrote",
		     x->part, WORKBOOK_DEPTH_MAX);
		stop(x);
		return;
	}
	if (x->start)
		x->start(x, local(name), atts);
	if (x->w->status != FOITAB_OK)
		stop(x);
}

static void on_end(void *data, const char *name)
{
	struct xml *x = data;

	x->depth--;
	if (x->end)
		x->end(x, local(name));
	if (x->w->status != FOITAB_OK && !x->stopped)
		stop(x);
}

static void on_text(void *data, const char *s, int len)
{
	struct xml *x = data;

	if (x->text && len > 0) {
		if (x->text->len + (size_t)len > CSVREAD_FIELD_MAX) {
			fail(x->w, FOITAB_DATAERR, "%s: a cell is longer than "
			     "1 MiB", x->part);
			stop(x);
		} else if (strbuf_add(x->text, s, (size_t)len) < 0) {
			fail(x->w, FOITAB_OSERR, "out of memory");
			stop(x);
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
	fail(x->w, FOITAB_DATAERR, "%s declares a DOCTYPE, which no workbook "
	     "needs; it is refused", x->part);
	stop(x);
}

/*
 * Inflate `part` a block at a time into expat with the handlers of `x`.
 * Returns 0; 1 when the zip has no such part; -1 after a failure (kept
 * in w->status).
 */
static int parse_part(struct xml *x, const char *part)
{
	struct workbook *w = x->w;
	zip_int64_t index = zip_name_locate(w->zip, part, 0);
	zip_file_t *f;
	size_t total = 0;
	int done = 0;

	if (index < 0)
		return 1;
	f = zip_fopen_index(w->zip, (zip_uint64_t)index, 0);
	if (!f) {
		zip_error_t *e = zip_get_error(w->zip);

		if (zip_error_code_zip(e) == ZIP_ER_NOPASSWD ||
		    zip_error_code_zip(e) == ZIP_ER_WRONGPASSWD)
			fail(w, FOITAB_DATAERR, "%s is encrypted; save the "
			     "workbook without a password", part);
		else
			fail(w, FOITAB_DATAERR, "cannot read %s from the "
			     "workbook: %s", part, zip_error_strerror(e));
		return -1;
	}
	x->parser = XML_ParserCreate("UTF-8");
	if (!x->parser) {
		zip_fclose(f);
		fail(w, FOITAB_OSERR, "out of memory");
		return -1;
	}
	x->part = part;
	x->depth = 0;
	x->stopped = 0;
	XML_SetUserData(x->parser, x);
	XML_SetElementHandler(x->parser, on_start, on_end);
	XML_SetCharacterDataHandler(x->parser, on_text);
	XML_SetStartDoctypeDeclHandler(x->parser, on_doctype);
	while (!done && !x->stopped && w->status == FOITAB_OK) {
		/* Inflate straight into expat's own buffer: no copy. */
		void *into = XML_GetBuffer(x->parser, (int)WORKBOOK_BLOCK);
		zip_int64_t n = into ? zip_fread(f, into, WORKBOOK_BLOCK) : -2;

		if (n == -2) {
			fail(w, FOITAB_OSERR, "out of memory");
			break;
		}
		if (n < 0) {
			fail(w, FOITAB_DATAERR, "%s is damaged in the workbook "
			     "(%s)", part, zip_error_strerror(zip_file_get_error(f)));
			break;
		}
		total += (size_t)n;
		if (total > WORKBOOK_PART_MAX) {
			fail(w, FOITAB_DATAERR, "%s inflates to more than %zu "
			     "MiB; foitab reads no larger part", part,
			     WORKBOOK_PART_MAX >> 20);
			break;
		}
		done = n == 0;
		if (XML_ParseBuffer(x->parser, (int)n, done) == XML_STATUS_ERROR &&
		    !x->stopped)
			fail(w, FOITAB_DATAERR, "%s is not sound XML (line %lu: "
			     "%s)%s", part,
			     (unsigned long)XML_GetCurrentLineNumber(x->parser),
			     XML_ErrorString(XML_GetErrorCode(x->parser)),
			     w->kind == ODS ? "; is the workbook saved with a "
			     "password?" : "");
	}
	XML_ParserFree(x->parser);
	x->parser = NULL;
	zip_fclose(f);
	return w->status == FOITAB_OK ? 0 : -1;
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

static void row_reset(struct row *r)
{
	strbuf_reset(&r->text);
	r->n = 0;
	r->any = 0;
}

/*
 * Put `len` bytes of `s` in column `col` (from 0) of the row, empty cells
 * before it; a cell already there (a damaged sheet) is an error.
 */
static int row_put(struct workbook *w, size_t col, const char *s, size_t len)
{
	struct row *r = &w->row;

	if (col < r->n)
		return fail(w, FOITAB_DATAERR, "row %lu of the sheet gives a "
			    "cell twice; the workbook is damaged", w->rownum);
	if (col >= CSVREAD_MAX_CELLS)
		return fail(w, FOITAB_DATAERR, "row %lu of the sheet has more "
			    "than %zu cells", w->rownum, CSVREAD_MAX_CELLS);
	if (row_reserve(r, col + 1) < 0)
		return fail(w, FOITAB_OSERR, "out of memory");
	while (r->n <= col) {
		int last = r->n == col;

		r->offsets[r->n] = r->text.len;
		r->lens[r->n] = last ? len : 0;
		if ((last && strbuf_add(&r->text, s, len) < 0) ||
		    strbuf_addch(&r->text, '\0') < 0)
			return fail(w, FOITAB_OSERR, "out of memory");
		r->n++;
	}
	if (len)
		r->any = 1;
	return FOITAB_OK;
}

/* The row is complete: pass it on (or, probing, test it and stop). */
static int row_end(struct workbook *w, struct xml *x)
{
	struct row *r = &w->row;
	struct csv_row row;
	size_t i;

	if (w->status != FOITAB_OK || !r->any)
		return w->status;
	if (++w->rows > WORKBOOK_ROWS_MAX)
		return fail(w, FOITAB_DATAERR, "the sheet has more than %lu "
			    "rows", WORKBOOK_ROWS_MAX);
	for (i = 0; i < r->n; i++)
		r->ptrs[i] = r->text.buf + r->offsets[i];
	row.line = w->rownum;
	row.nfields = r->n;
	row.fields = r->ptrs;
	row.lens = r->lens;
	row.sheet_cells = 1;
	if (w->probing) {
		w->fits = w->req->fits && w->req->fits(&row, w->req->fits_ctx);
		stop(x);
		return FOITAB_OK;
	}
	w->status = w->req->on_row(&row, w->req->ctx);
	return w->status;
}

/* "D5" -> column 3; -1 if `ref` does not start with letters. */
static long column_of(const char *ref)
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

/* ------------------------------------------------------------------ */
/* Numbers and dates as the sheet shows them. */

/* A number without float noise: "3", "0.1", "12.5", "-7E+20". */
static void number_text(const char *s, char *buf, size_t size)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !isfinite(v)) {
		snprintf(buf, size, "%s", s);
		return;
	}
	snprintf(buf, size, "%.15g", v);
}

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
		number_text(s, buf, size);
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

/* strdup into the workbook's allocator; NULL sets the status. */
static char *copy(struct workbook *w, const char *s)
{
	char *p = mem_strndup(s, strlen(s));

	if (!p)
		fail(w, FOITAB_OSERR, "out of memory");
	return p;
}

static void workbook_start(struct xml *x, const char *name, const char **atts)
{
	struct workbook *w = x->w;
	struct sheet *more;
	const char *v;

	if (strcmp(name, "workbookPr") == 0) {
		v = attr(atts, "date1904");
		w->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(name, "sheet") == 0) {
		const char *sheet_name = attr(atts, "name");
		const char *id = attr(atts, "id");

		if (!sheet_name || !id) {
			fail(w, FOITAB_DATAERR, "xl/workbook.xml lists a sheet "
			     "with no name or no id; the workbook is damaged");
			return;
		}
		more = mem_realloc_array(w->sheets, w->nsheets + 1, sizeof *more);
		if (!more) {
			fail(w, FOITAB_OSERR, "out of memory");
			return;
		}
		w->sheets = more;
		more[w->nsheets].name = copy(w, sheet_name);
		more[w->nsheets].part = copy(w, id);   /* the id, for now */
		w->nsheets++;
	}
}

static void rels_start(struct xml *x, const char *name, const char **atts)
{
	struct xlsx_index *ix = x->ctx;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	char **ids, **targets;

	if (strcmp(name, "Relationship") != 0 || !id || !target)
		return;
	ids = mem_realloc_array(ix->ids, ix->n + 1, sizeof *ids);
	if (ids)
		ix->ids = ids;
	targets = ids ? mem_realloc_array(ix->targets, ix->n + 1,
					  sizeof *targets) : NULL;
	if (!targets) {
		fail(x->w, FOITAB_OSERR, "out of memory");
		return;
	}
	ix->targets = targets;
	ix->ids[ix->n] = copy(x->w, id);
	ix->targets[ix->n] = copy(x->w, target);
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
			fail(w, FOITAB_DATAERR, "the workbook's shared strings "
			     "pass %zu MiB; foitab keeps no more",
			     WORKBOOK_STRINGS_MAX >> 20);
			return;
		}
		if (w->nstrings == w->strings_cap) {
			size_t cap = w->strings_cap ? w->strings_cap * 2 : 256;
			size_t *at = mem_realloc_array(w->string_at, cap,
						       sizeof *at);

			if (!at) {
				fail(w, FOITAB_OSERR, "out of memory");
				return;
			}
			w->string_at = at;
			w->strings_cap = cap;
		}
		w->string_at[w->nstrings++] = w->strings.len;
		if (strbuf_add(&w->strings, st->text.buf ? st->text.buf : "",
			       st->text.len) < 0 ||
		    strbuf_addch(&w->strings, '\0') < 0)
			fail(w, FOITAB_OSERR, "out of memory");
	}
}

/* Styles: which cell formats (cellXfs, by index) show dates. */
static void styles_start(struct xml *x, const char *name, const char **atts)
{
	struct xlsx_index *ix = x->ctx;
	struct workbook *w = x->w;
	const char *id = attr(atts, "numFmtId");

	if (strcmp(name, "numFmt") == 0 && id) {
		const char *code = attr(atts, "formatCode");
		long *fmts = mem_realloc_array(ix->fmts, ix->nfmts + 1,
					       sizeof *fmts);
		unsigned char *is_date = fmts ?
			mem_realloc_array(ix->is_date, ix->nfmts + 1, 1) : NULL;

		if (fmts)
			ix->fmts = fmts;
		if (!is_date) {
			fail(w, FOITAB_OSERR, "out of memory");
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
			fail(w, FOITAB_OSERR, "out of memory");
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
		v = attr(atts, "r");
		w->rownum = v ? strtoul(v, NULL, 10) : w->rownum + 1;
		row_reset(&w->row);
		c->next_col = 0;
	} else if (strcmp(name, "c") == 0) {
		/* The commonest element: its attributes in one pass. */
		c->col = c->next_col;
		c->type[0] = 'n';
		c->type[1] = '\0';
		c->style = 0;
		for (; atts[0]; atts += 2) {
			const char *a = local(atts[0]);

			if (a[0] == 'r' && !a[1]) {
				long col = column_of(atts[1]);

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
			fail(w, FOITAB_DATAERR, "a cell in row %lu refers to a "
			     "shared string the workbook does not have",
			     w->rownum);
			return;
		}
		v = w->strings.buf + w->string_at[i];
		row_put(w, (size_t)c->col, v, strlen(v));
	} else if (strcmp(c->type, "b") == 0) {
		v = strcmp(v, "1") == 0 ? "yes" : strcmp(v, "0") == 0 ? "no" : v;
		row_put(w, (size_t)c->col, v, strlen(v));
	} else if (strcmp(c->type, "n") == 0 && *v) {
		if (c->style >= 0 && (size_t)c->style < w->nstyles &&
		    w->date_style[c->style])
			date_text(v, w->date1904, buf, sizeof buf);
		else
			number_text(v, buf, sizeof buf);
		row_put(w, (size_t)c->col, buf, strlen(buf));
	} else {
		/* inlineStr, str (a formula's text), e (#N/A...), d (ISO). */
		row_put(w, (size_t)c->col, v, c->value.len);
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
		row_end(x->w, x);
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
		return copy(w, ix->targets[i] + 1);
	len = strlen(ix->targets[i]) + 4;
	path = mem_realloc(NULL, len);
	if (!path) {
		fail(w, FOITAB_OSERR, "out of memory");
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
static int xlsx_open(struct workbook *w)
{
	struct xlsx_index ix;
	struct strings_state st;
	struct xml x;
	size_t i;
	int got;

	memset(&ix, 0, sizeof ix);
	memset(&x, 0, sizeof x);
	x.w = w;
	x.start = workbook_start;
	got = parse_part(&x, "xl/workbook.xml");
	if (got == 1)
		fail(w, FOITAB_DATAERR, "a zip file, but not a workbook foitab "
		     "reads: it has no xl/workbook.xml");
	memset(&x, 0, sizeof x);
	x.w = w;
	x.start = rels_start;
	x.ctx = &ix;
	if (w->status == FOITAB_OK &&
	    parse_part(&x, "xl/_rels/workbook.xml.rels") == 1)
		fail(w, FOITAB_DATAERR, "the workbook has no "
		     "xl/_rels/workbook.xml.rels; it is damaged");
	for (i = 0; i < w->nsheets && w->status == FOITAB_OK; i++) {
		char *path = resolve(w, &ix, w->sheets[i].part);

		mem_free(w->sheets[i].part);
		w->sheets[i].part = path;
		if (!path)
			fail(w, FOITAB_DATAERR, "the workbook's index does not "
			     "say where sheet '%s' is; it is damaged",
			     w->sheets[i].name);
	}
	memset(&st, 0, sizeof st);
	memset(&x, 0, sizeof x);
	x.w = w;
	x.start = strings_start;
	x.end = strings_end;
	x.ctx = &st;
	if (w->status == FOITAB_OK)
		parse_part(&x, "xl/sharedStrings.xml");
	strbuf_release(&st.text);
	memset(&x, 0, sizeof x);
	x.w = w;
	x.start = styles_start;
	x.end = styles_end;
	x.ctx = &ix;
	if (w->status == FOITAB_OK)
		parse_part(&x, "xl/styles.xml");
	index_free(&ix);
	return w->status;
}

/* Read sheet `i` (or, probing, its first row). */
static int xlsx_sheet(struct workbook *w, size_t i)
{
	struct cell_state c;
	struct xml x;

	memset(&c, 0, sizeof c);
	memset(&x, 0, sizeof x);
	x.w = w;
	x.start = sheet_start;
	x.end = sheet_end;
	x.ctx = &c;
	w->rownum = 0;
	w->rows = 0;
	if (parse_part(&x, w->sheets[i].part) == 1)
		fail(w, FOITAB_DATAERR, "sheet '%s' is missing from the "
		     "workbook (%s); it is damaged", w->sheets[i].name,
		     w->sheets[i].part);
	strbuf_release(&c.value);
	return w->status;
}

/* ------------------------------------------------------------------ */
/* .ods */

struct ods_state {
	int table;               /* index of the table now read */
	int in_cell, in_p, in_annotation, p_count;
	unsigned long repeat_cols;
	unsigned long repeat_rows;
	long col;
	unsigned long pending_empty; /* empty cells not yet put */
	struct strbuf text;
	char value[96];          /* office:value and kin, if any */
	int has_value;
};

/* Is the table now read the one wanted?  None is, while listing them. */
static int is_target(const struct workbook *w, const struct ods_state *o)
{
	return o->table == w->target;
}

static void ods_start(struct xml *x, const char *name, const char **atts)
{
	struct ods_state *o = x->ctx;
	struct workbook *w = x->w;
	const char *v;

	if (strcmp(name, "table") == 0) {
		o->table++;
		if (w->target < 0 && !w->probing) {
			/* Listing the tables: note each name. */
			struct sheet *more = mem_realloc_array(w->sheets,
				w->nsheets + 1, sizeof *more);

			if (!more) {
				fail(w, FOITAB_OSERR, "out of memory");
				return;
			}
			w->sheets = more;
			v = attr(atts, "name");
			more[w->nsheets].name = copy(w, v ? v : "");
			more[w->nsheets].part = NULL;
			w->nsheets++;
		}
		w->rownum = 0;
		w->rows = 0;
	} else if (strcmp(name, "table-row") == 0 && is_target(w, o)) {
		v = attr(atts, "number-rows-repeated");
		o->repeat_rows = v ? strtoul(v, NULL, 10) : 1;
		if (o->repeat_rows < 1)
			o->repeat_rows = 1;
		w->rownum++;
		row_reset(&w->row);
		o->col = 0;
		o->pending_empty = 0;
	} else if ((strcmp(name, "table-cell") == 0 ||
		    strcmp(name, "covered-table-cell") == 0) && is_target(w, o)) {
		const char *type = attr(atts, "value-type");

		v = attr(atts, "number-columns-repeated");
		o->repeat_cols = v ? strtoul(v, NULL, 10) : 1;
		if (o->repeat_cols < 1)
			o->repeat_cols = 1;
		o->in_cell = 1;
		o->p_count = 0;
		o->has_value = 0;
		strbuf_reset(&o->text);
		v = NULL;
		if (type && (strcmp(type, "float") == 0 ||
			     strcmp(type, "percentage") == 0 ||
			     strcmp(type, "currency") == 0)) {
			v = attr(atts, "value");
			if (v)
				number_text(v, o->value, sizeof o->value);
		} else if (type && strcmp(type, "boolean") == 0) {
			v = attr(atts, "boolean-value");
			if (v)
				snprintf(o->value, sizeof o->value, "%s",
					 strcmp(v, "true") == 0 ? "yes" : "no");
		} else if (type && strcmp(type, "date") == 0) {
			v = attr(atts, "date-value");
			if (v)
				snprintf(o->value, sizeof o->value, "%s", v);
		} else if (type && strcmp(type, "time") == 0) {
			unsigned h = 0, m = 0;
			double s = 0;

			v = attr(atts, "time-value");
			if (v && sscanf(v, "PT%uH%uM%lfS", &h, &m, &s) == 3)
				snprintf(o->value, sizeof o->value,
					 "%02u:%02u:%02.0f", h, m, s);
			else if (v)
				snprintf(o->value, sizeof o->value, "%s", v);
		}
		o->has_value = v != NULL;
	} else if (!o->in_cell || !is_target(w, o)) {
		return;
	} else if (strcmp(name, "annotation") == 0) {
		o->in_annotation++;
		x->text = NULL;
	} else if (o->in_annotation) {
		return;
	} else if (strcmp(name, "p") == 0) {
		if (o->p_count++ && strbuf_addch(&o->text, '\n') < 0)
			fail(w, FOITAB_OSERR, "out of memory");
		x->text = &o->text;
	} else if (strcmp(name, "s") == 0) {
		unsigned long n;

		v = attr(atts, "c");
		for (n = v ? strtoul(v, NULL, 10) : 1; n > 0 && n < 1000; n--)
			on_text(x, " ", 1);
	} else if (strcmp(name, "tab") == 0) {
		on_text(x, "\t", 1);
	} else if (strcmp(name, "line-break") == 0) {
		on_text(x, "\n", 1);
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
		if (row_put(w, (size_t)o->col++, v, len) != FOITAB_OK)
			return;
}

static void ods_end(struct xml *x, const char *name)
{
	struct ods_state *o = x->ctx;
	struct workbook *w = x->w;

	if (!is_target(w, o) && strcmp(name, "table") != 0)
		return;
	if (strcmp(name, "annotation") == 0) {
		o->in_annotation--;
	} else if (strcmp(name, "p") == 0 && !o->in_annotation) {
		x->text = NULL;
	} else if (strcmp(name, "table-cell") == 0 ||
		   strcmp(name, "covered-table-cell") == 0) {
		x->text = NULL;
		o->in_cell = 0;
		ods_cell_done(x, o);
	} else if (strcmp(name, "table-row") == 0) {
		unsigned long n = o->repeat_rows;

		/* An empty row repeated (LibreOffice writes a million) is
		 * skipped once; a filled one is passed on each time. */
		if (!w->row.any) {
			w->rownum += n - 1;
			return;
		}
		for (; n > 0 && w->status == FOITAB_OK && !x->stopped; n--) {
			row_end(w, x);
			if (n > 1)
				w->rownum++;
		}
	}
}

/*
 * Read content.xml: table `target` (from 1), or with target -1 list the
 * tables (and, probing, test each one's first row into `fits`).
 */
static int ods_read(struct workbook *w, int target)
{
	struct ods_state o;
	struct xml x;

	memset(&o, 0, sizeof o);
	memset(&x, 0, sizeof x);
	x.w = w;
	x.start = ods_start;
	x.end = ods_end;
	x.ctx = &o;
	w->target = target;
	if (parse_part(&x, "content.xml") == 1)
		fail(w, FOITAB_DATAERR, "the workbook has no content.xml; it "
		     "is damaged");
	strbuf_release(&o.text);
	return w->status;
}

/* ------------------------------------------------------------------ */

int workbook_sniff(FILE *in)
{
	unsigned char head[4];
	struct stat st;
	int fd = fileno(in);

	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    ftello(in) != 0)
		return 0;
	return pread(fd, head, 4, 0) == 4 && memcmp(head, "PK\3\4", 4) == 0;
}

/* The whole file, into `out`; FOITAB_OK or a reported status. */
static int slurp(struct workbook *w, FILE *in, struct strbuf *out)
{
	char block[65536];
	size_t n;

	while ((n = fread(block, 1, sizeof block, in)) > 0) {
		if (out->len + n > WORKBOOK_FILE_MAX)
			return fail(w, FOITAB_DATAERR, "the workbook is over "
				    "%zu MiB", WORKBOOK_FILE_MAX >> 20);
		if (strbuf_add(out, block, n) < 0)
			return fail(w, FOITAB_OSERR, "out of memory");
	}
	if (ferror(in)) {
		diag_error(w->diag, w->name, 0, "cannot read: %s",
			   strerror(errno));
		return w->status = FOITAB_NOINPUT;
	}
	return FOITAB_OK;
}

/* Which kind of workbook the zip holds, by its own manifest. */
static int identify(struct workbook *w)
{
	zip_int64_t i = zip_name_locate(w->zip, "mimetype", 0);

	if (i >= 0) {
		static const char ods[] =
			"application/vnd.oasis.opendocument.spreadsheet";
		char buf[sizeof ods];
		zip_file_t *f = zip_fopen_index(w->zip, (zip_uint64_t)i, 0);
		zip_int64_t n = f ? zip_fread(f, buf, sizeof buf) : -1;

		if (f)
			zip_fclose(f);
		if (n == (zip_int64_t)sizeof ods - 1 &&
		    memcmp(buf, ods, sizeof ods - 1) == 0) {
			w->kind = ODS;
			return FOITAB_OK;
		}
		return fail(w, FOITAB_DATAERR, "an OpenDocument file, but not a "
			    "spreadsheet (.ods); foitab reads spreadsheets");
	}
	if (zip_name_locate(w->zip, "[Content_Types].xml", 0) >= 0 &&
	    zip_name_locate(w->zip, "xl/workbook.xml", 0) >= 0) {
		w->kind = XLSX;
		return FOITAB_OK;
	}
	return fail(w, FOITAB_DATAERR, "a zip file, but not a workbook foitab "
		    "reads: save the sheet as .xlsx, .ods or CSV UTF-8");
}

/* Which sheet to read: named, numbered, the first that fits, or the first. */
static int choose(struct workbook *w, size_t *chosen)
{
	const char *want = w->req->sheet;
	size_t i;

	if (w->nsheets == 0)
		return fail(w, FOITAB_DATAERR, "the workbook has no sheets");
	if (want) {
		char *end;
		unsigned long k = strtoul(want, &end, 10);

		for (i = 0; i < w->nsheets; i++)
			if (strcmp(w->sheets[i].name, want) == 0) {
				*chosen = i;
				return FOITAB_OK;
			}
		if (*want && !*end && k >= 1 && k <= w->nsheets) {
			*chosen = k - 1;
			return FOITAB_OK;
		}
		{
			char names[300] = "";
			size_t used = 0;

			for (i = 0; i < w->nsheets && used < sizeof names; i++)
				used += (size_t)snprintf(names + used,
					sizeof names - used, "%s'%s'",
					i ? ", " : "", w->sheets[i].name);
			return fail(w, FOITAB_DATAERR, "--sheet %s: the workbook "
				    "has no such sheet; its sheets are %s", want,
				    names);
		}
	}
	*chosen = 0;
	if (!w->req->fits || w->nsheets == 1)
		return FOITAB_OK;
	w->probing = 1;
	for (i = 0; i < w->nsheets && w->status == FOITAB_OK; i++) {
		w->fits = 0;
		if (w->kind == XLSX)
			xlsx_sheet(w, i);
		else
			ods_read(w, (int)i + 1);
		if (w->fits) {
			*chosen = i;
			break;
		}
	}
	w->probing = 0;
	return w->status;
}

int workbook_read(FILE *in, const char *name, struct workbook_request *req,
		  struct diag *diag)
{
	struct workbook w;
	struct strbuf bytes = STRBUF_INIT;
	zip_source_t *src;
	zip_error_t error;
	size_t chosen = 0, i;

	memset(&w, 0, sizeof w);
	w.name = name;
	w.diag = diag;
	w.req = req;
	w.status = FOITAB_OK;
	w.target = -1;
	req->sheet_read = NULL;
	if (slurp(&w, in, &bytes) == FOITAB_OK) {
		zip_error_init(&error);
		src = zip_source_buffer_create(bytes.buf, bytes.len, 0, &error);
		w.zip = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : NULL;
		if (!w.zip) {
			if (src)
				zip_source_free(src);
			fail(&w, FOITAB_DATAERR, "this looks like a zip file but "
			     "cannot be opened as one (%s); is the workbook "
			     "whole?", zip_error_strerror(&error));
		}
		zip_error_fini(&error);
	}
	if (w.status == FOITAB_OK)
		identify(&w);
	if (w.status == FOITAB_OK && w.kind == XLSX)
		xlsx_open(&w);
	else if (w.status == FOITAB_OK)
		ods_read(&w, -1);    /* the list of tables */
	if (w.status == FOITAB_OK)
		choose(&w, &chosen);
	if (w.status == FOITAB_OK) {
		if (w.nsheets > 1)
			diag_note(diag, name, 0, "reading sheet '%s' (%zu of "
				  "%zu); --sheet names another",
				  w.sheets[chosen].name, chosen + 1, w.nsheets);
		req->sheet_read = copy(&w, w.sheets[chosen].name);
	}
	if (w.status == FOITAB_OK) {
		if (w.kind == XLSX)
			xlsx_sheet(&w, chosen);
		else
			ods_read(&w, (int)chosen + 1);
	}
	if (w.zip)
		zip_discard(w.zip);
	for (i = 0; i < w.nsheets; i++) {
		mem_free(w.sheets[i].name);
		mem_free(w.sheets[i].part);
	}
	mem_free(w.sheets);
	strbuf_release(&w.strings);
	mem_free(w.string_at);
	mem_free(w.date_style);
	strbuf_release(&w.row.text);
	mem_free(w.row.offsets);
	mem_free(w.row.lens);
	mem_free(w.row.ptrs);
	strbuf_release(&bytes);
	return w.status;
}
