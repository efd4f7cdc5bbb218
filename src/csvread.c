/*
 * csvread.c - CSV text to rows, through libcsv, with physical line numbers.
 *
 * libcsv reports fields and row ends but no positions.  To know the line
 * on which each record starts, we hand libcsv one physical line at a time
 * (a line ends at LF, CR or CRLF, wherever it stands, even inside quotes)
 * and watch which lines end a row: a line that ends no row left a quoted
 * cell open, so the record it began carries on into the next line.
 * CSV_REPALL_NL makes libcsv end a row at every blank line too, so that
 * rule holds for them, and lets callers count blank lines.
 *
 * It does not interpret cells: no trimming beyond libcsv's own (spaces and
 * tabs around unquoted cells), no case folding, no knowledge of columns.
 */
#include <assert.h>
#include <errno.h>
#include <string.h>

#include "csvread.h"
#include "exitcodes.h"
#include "mem.h"

#define CSVREAD_BLOCK ((size_t)64 * 1024)   /* default fread size */
#define CSVREAD_LIBCSV_BLOCK ((size_t)16 * 1024)

static const unsigned char utf8_bom[3] = { 0xEF, 0xBB, 0xBF };

static void end_row(int c, void *data);

/* libcsv field callback: append the field to the current row. */
static void add_field(void *s, size_t len, void *data)
{
	struct csvread *r = data;
	size_t need;

	if (r->status != FOITAB_OK)
		return;
	if (r->nfields == r->fields_cap) {
		size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
		size_t *offsets = mem_realloc(r->offsets, cap * sizeof *offsets);
		size_t *lens;
		const char **ptrs;

		if (offsets)
			r->offsets = offsets;
		lens = offsets ? mem_realloc(r->lens, cap * sizeof *lens) : NULL;
		if (lens)
			r->lens = lens;
		ptrs = lens ? mem_realloc(r->ptrs, cap * sizeof *ptrs) : NULL;
		if (!ptrs) {
			r->status = FOITAB_OSERR;
			return;
		}
		r->ptrs = ptrs;
		r->fields_cap = cap;
	}
	need = len;
	r->offsets[r->nfields] = r->cells.len;
	r->lens[r->nfields] = len;
	if (strbuf_grow(&r->cells, need + 1) < 0) {
		r->status = FOITAB_OSERR;
		return;
	}
	if (len)
		memcpy(r->cells.buf + r->cells.len, s, len);
	r->cells.len += len;
	r->cells.buf[r->cells.len++] = '\0';
	r->nfields++;
}

/* Check one finished row for what no caller should ever see. */
static int row_is_sound(struct csvread *r)
{
	size_t i;

	for (i = 0; i < r->nfields; i++) {
		const char *cell = r->cells.buf + r->offsets[i];

		if (memchr(cell, '\0', r->lens[i])) {
			diag_error(r->diag, r->name, r->record_line,
				   "cell %zu holds a NUL byte, which never belongs in "
				   "a spreadsheet export; re-save the file as CSV",
				   i + 1);
			return 0;
		}
		if (r->lens[i] > CSVREAD_FIELD_MAX) {
			diag_error(r->diag, r->name, r->record_line,
				   "cell %zu is longer than 1 MiB; is a quote "
				   "left open?", i + 1);
			return 0;
		}
	}
	return 1;
}

/* libcsv row callback: hand the finished row to the caller. */
static void end_row(int c, void *data)
{
	struct csvread *r = data;
	struct csv_row row;
	size_t i;
	int first_on_line = r->rows_this_line == 0;

	(void)c;
	r->rows_this_line++;
	if (r->status != FOITAB_OK)
		goto done;
	/* The LF of a CRLF arrives as an empty row after the CR's row. */
	if (r->nfields == 0 && !first_on_line)
		goto done;
	if (!row_is_sound(r))
		goto done;
	for (i = 0; i < r->nfields; i++)
		r->ptrs[i] = r->cells.buf + r->offsets[i];
	row.line = r->record_line;
	row.nfields = r->nfields;
	row.fields = r->ptrs;
	row.lens = r->lens;
	r->status = r->on_row(&row, r->ctx);
done:
	r->nfields = 0;
	strbuf_reset(&r->cells);
}

int csvread_init(struct csvread *r, const char *name, unsigned char delim,
		 struct diag *diag, csvread_row_fn on_row, void *ctx)
{
	assert(r && name && diag && on_row);
	memset(r, 0, sizeof *r);
	r->name = name;
	r->diag = diag;
	r->on_row = on_row;
	r->ctx = ctx;
	r->line = 1;
	r->record_line = 1;
	if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		return r->status = FOITAB_OSERR;
	csv_set_delim(&r->parser, delim);
	csv_set_realloc_func(&r->parser, mem_realloc);
	csv_set_free_func(&r->parser, mem_free);
	csv_set_blk_size(&r->parser, CSVREAD_LIBCSV_BLOCK);
	return FOITAB_OK;
}

/* Parse `len` bytes that lie within one physical line. */
static void parse_piece(struct csvread *r, const char *p, size_t len)
{
	size_t done;

	if (r->status != FOITAB_OK || len == 0)
		return;
	done = csv_parse(&r->parser, p, len, add_field, end_row, r);
	if (r->status != FOITAB_OK)
		return;
	if (done < len) {
		if (csv_error(&r->parser) == CSV_EPARSE) {
			diag_error(r->diag, r->name, r->line,
				   "misplaced quote: a quoted cell must end at a "
				   "delimiter or the end of the line, and a quote "
				   "inside a cell is written twice (\"\")");
			r->status = FOITAB_DATAERR;
		} else {
			r->status = FOITAB_OSERR;
		}
		return;
	}
	if (csv_get_buffer_size(&r->parser) >
	    CSVREAD_FIELD_MAX + 2 * CSVREAD_LIBCSV_BLOCK) {
		diag_error(r->diag, r->name, r->record_line,
			   "a cell in the record starting here is longer than "
			   "1 MiB; is a quote left open?");
		r->status = FOITAB_DATAERR;
	}
}

static void begin_line(struct csvread *r)
{
	if (!r->record_open)
		r->record_line = r->line;
	r->rows_this_line = 0;
	r->line_begun = 1;
}

/* The current line's terminator has been fed. */
static void end_line(struct csvread *r)
{
	/* A line that ended no row is inside a quoted cell. */
	r->record_open = r->rows_this_line == 0;
	r->line++;
	r->rows_this_line = 0;
	r->line_begun = 0;
}

/* Split `p` into physical lines and feed each to libcsv. */
static void feed_lines(struct csvread *r, const char *p, size_t len)
{
	while (len > 0 && r->status == FOITAB_OK) {
		size_t i;

		if (r->pending_cr) {
			r->pending_cr = 0;
			if (p[0] == '\n') {
				parse_piece(r, p, 1);
				p++;
				len--;
			}
			end_line(r);
			continue;
		}
		if (!r->line_begun)
			begin_line(r);
		for (i = 0; i < len && p[i] != '\n' && p[i] != '\r'; i++)
			;
		if (i == len) {
			parse_piece(r, p, len);
			return;
		}
		if (p[i] == '\n' || i + 1 < len) {
			size_t end = i + 1;

			if (p[i] == '\r' && p[i + 1] == '\n')
				end++;
			parse_piece(r, p, end);
			end_line(r);
			p += end;
			len -= end;
		} else {
			/* A CR at the end of the block: an LF may follow. */
			parse_piece(r, p, len);
			r->pending_cr = 1;
			return;
		}
	}
}

/*
 * Look at the first bytes for a byte-order mark.  Returns 1 once decided
 * (the held bytes dropped, fed on, or refused), 0 to wait for more; at the
 * end of the input (`final`) it always decides.
 */
static int check_head(struct csvread *r, int final)
{
	if (r->head_len >= 2 &&
	    ((r->head[0] == 0xFF && r->head[1] == 0xFE) ||
	     (r->head[0] == 0xFE && r->head[1] == 0xFF))) {
		diag_error(r->diag, r->name, 0,
			   "this file is UTF-16 text (Excel's \"Unicode text\"); "
			   "save it as \"CSV UTF-8 (comma delimited)\" instead");
		r->status = FOITAB_DATAERR;
		return 1;
	}
	if (!final && r->head_len < 3 &&
	    memcmp(r->head, utf8_bom, r->head_len) == 0)
		return 0;   /* could still be a UTF-8 BOM: wait for more */
	if (!final && r->head_len < 2 &&
	    (r->head[0] == 0xFF || r->head[0] == 0xFE))
		return 0;   /* could still be a UTF-16 BOM */
	r->head_done = 1;
	if (r->head_len == 3 && memcmp(r->head, utf8_bom, 3) == 0)
		return 1;   /* a UTF-8 BOM: drop it */
	feed_lines(r, (const char *)r->head, r->head_len);
	return 1;
}

int csvread_feed(struct csvread *r, const void *bytes, size_t len)
{
	const unsigned char *p = bytes;

	while (!r->head_done && len > 0 && r->status == FOITAB_OK) {
		r->head[r->head_len++] = *p++;
		len--;
		if (check_head(r, 0))
			break;
	}
	if (r->status == FOITAB_OK && len > 0)
		feed_lines(r, (const char *)p, len);
	return r->status;
}

int csvread_finish(struct csvread *r)
{
	if (r->status == FOITAB_OK && !r->head_done && r->head_len > 0)
		check_head(r, 1);
	if (r->status != FOITAB_OK)
		return r->status;
	if (r->pending_cr) {
		r->pending_cr = 0;
		end_line(r);
	}
	if (csv_fini(&r->parser, add_field, end_row, r) != 0 &&
	    r->status == FOITAB_OK) {
		diag_error(r->diag, r->name, r->record_line,
			   "a quoted cell in the record starting here is never "
			   "closed: a closing quote (\") is missing");
		r->status = FOITAB_DATAERR;
	}
	return r->status;
}

void csvread_release(struct csvread *r)
{
	csv_free(&r->parser);
	strbuf_release(&r->cells);
	mem_free(r->offsets);
	mem_free(r->lens);
	mem_free(r->ptrs);
	r->offsets = r->lens = NULL;
	r->ptrs = NULL;
	r->nfields = r->fields_cap = 0;
}

int csvread_stream(struct csvread *r, FILE *in, size_t block)
{
	char *buf;
	size_t n;

	if (block == 0)
		block = CSVREAD_BLOCK;
	buf = mem_realloc(NULL, block);
	if (!buf)
		return r->status = FOITAB_OSERR;
	while (r->status == FOITAB_OK && (n = fread(buf, 1, block, in)) > 0)
		csvread_feed(r, buf, n);
	if (r->status == FOITAB_OK && ferror(in)) {
		diag_error(r->diag, r->name, 0, "cannot read: %s",
			   strerror(errno));
		r->status = FOITAB_NOINPUT;
	}
	mem_free(buf);
	if (r->status != FOITAB_OK)
		return r->status;
	return csvread_finish(r);
}

void csvread_trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t' || **s == '\r' || **s == '\n')) {
		(*s)++;
		(*len)--;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
			(*s)[*len - 1] == '\r' || (*s)[*len - 1] == '\n'))
		(*len)--;
}

int csvread_row_is_blank(const struct csv_row *row)
{
	size_t i;

	for (i = 0; i < row->nfields; i++) {
		const char *s = row->fields[i];
		size_t len = row->lens[i];

		csvread_trim(&s, &len);
		if (len)
			return 0;
	}
	return 1;
}
