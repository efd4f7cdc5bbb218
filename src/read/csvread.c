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
 * Bytes pass through three stages before libcsv: the first three are held
 * to look for a byte-order mark; then, when the delimiter is to be
 * detected, the first row is held until it is complete; then lines.
 *
 * It does not interpret cells: no trimming beyond libcsv's own (spaces and
 * tabs around unquoted cells), no case folding, no knowledge of columns.
 */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "csvread.h"
#include "exitcodes.h"
#include "mem.h"
#include "text.h"

#define CSVREAD_BLOCK ((size_t)64 * 1024)   /* default fread size */
#define CSVREAD_LIBCSV_BLOCK ((size_t)16 * 1024)

static const unsigned char utf8_bom[3] = { 0xEF, 0xBB, 0xBF };

/* ------------------------------------------------------------------ */
/* Rows. */

/* Make room for one more field in the row's index arrays. */
static int grow_fields(struct csvread *r)
{
	size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
	size_t *offsets, *lens;
	const char **ptrs;

	offsets = mem_realloc(r->offsets, cap * sizeof *offsets);
	if (!offsets)
		return -1;
	r->offsets = offsets;
	lens = mem_realloc(r->lens, cap * sizeof *lens);
	if (!lens)
		return -1;
	r->lens = lens;
	ptrs = mem_realloc(r->ptrs, cap * sizeof *ptrs);
	if (!ptrs)
		return -1;
	r->ptrs = ptrs;
	r->fields_cap = cap;
	return 0;
}

/* libcsv field callback: append the field to the current row. */
static void add_field(void *s, size_t len, void *data)
{
	struct csvread *r = data;

	r->fields_this_line++;
	if (r->status != FOITAB_OK)
		return;
	if (r->nfields == CSVREAD_MAX_CELLS) {
		r->too_wide = 1;      /* counted, never stored */
		return;
	}
	/* The common case, room already there, costs two comparisons. */
	if ((r->nfields == r->fields_cap && grow_fields(r) < 0) ||
	    (r->cells.cap - r->cells.len <= len + 1 &&
	     strbuf_grow(&r->cells, len + 1) < 0)) {
		r->status = FOITAB_OSERR;
		return;
	}
	r->offsets[r->nfields] = r->cells.len;
	r->lens[r->nfields] = len;
	if (len)
		memcpy(r->cells.buf + r->cells.len, s, len);
	r->cells.len += len;
	r->cells.buf[r->cells.len++] = '\0';
	r->nfields++;
}

#define ONES ((uint64_t)0x0101010101010101ULL)
#define HIGHS ((uint64_t)0x8080808080808080ULL)

/*
 * Is every byte of `s` ASCII and none of them NUL?  Eight bytes at a time:
 * the common case for a survey's cells, checked before the slower tests.
 */
static int plain_ascii(const unsigned char *s, size_t len)
{
	size_t i = 0;
	uint64_t v;

	if (len < 8) {
		for (; i < len; i++)
			if (s[i] == 0 || s[i] >= 0x80)
				return 0;
		return 1;
	}
	for (; i + 8 < len; i += 8) {
		memcpy(&v, s + i, 8);
		if ((v & HIGHS) || ((v - ONES) & ~v & HIGHS))
			return 0;
	}
	/* The last eight bytes, overlapping what was checked: no byte loop. */
	memcpy(&v, s + len - 8, 8);
	return !((v & HIGHS) || ((v - ONES) & ~v & HIGHS));
}

/* Convert every cell from Windows-1252 into r->converted; 0, or -1. */
static int convert_row(struct csvread *r)
{
	size_t i;

	strbuf_reset(&r->converted);
	for (i = 0; i < r->nfields; i++) {
		char *in = r->cells.buf + r->offsets[i], *out;
		size_t inleft = r->lens[i], outleft, start = r->converted.len;

		/* A Windows-1252 byte is at most 3 bytes of UTF-8. */
		/* A cell is at most 1 MiB: the guard is never reached. */
		if (inleft > ((size_t)-1 - 1) / 3 || /* GCOVR_EXCL_BR_LINE */
		    strbuf_grow(&r->converted, inleft * 3 + 1) < 0) {
			r->status = FOITAB_OSERR;
			return -1;
		}
		out = r->converted.buf + start;
		outleft = inleft * 3;
		iconv(r->cp1252, NULL, NULL, NULL, NULL);
		if (iconv(r->cp1252, &in, &inleft, &out, &outleft) == (size_t)-1) {
			diag_error(r->diag, r->name, r->record_line,
				   "cell %zu has the byte 0x%02X, which is not "
				   "Windows-1252 text; is the file really "
				   "--encoding cp1252?", i + 1,
				   (unsigned char)*in);
			return -1;
		}
		r->converted.len = (size_t)(out - r->converted.buf);
		r->converted.buf[r->converted.len++] = '\0';
		r->offsets[i] = start;
		r->lens[i] = r->converted.len - start - 1;
	}
	return 0;
}

/*
 * --encoding cp1252 on text that is UTF-8 turns "Café" into "CafÃ©": say
 * so, once, at the first cell with a UTF-8 character beyond ASCII.
 */
static void warn_if_utf8(struct csvread *r)
{
	size_t i;

	for (i = 0; i < r->nfields && !r->warned_utf8; i++) {
		const char *cell = r->cells.buf + r->offsets[i];
		size_t j;

		if (text_utf8_valid(cell, r->lens[i]) != r->lens[i])
			continue;
		for (j = 0; j < r->lens[i]; j++)
			if ((unsigned char)cell[j] >= 0x80)
				break;
		if (j == r->lens[i])
			continue;
		r->warned_utf8 = 1;
		diag_warning(r->diag, r->name, r->record_line,
			     "cell %zu reads as UTF-8 text, which --encoding "
			     "cp1252 would garble ('Caf\xC3\xA9' would become "
			     "'Caf\xC3\x83\xC2\xA9'); if the file is UTF-8, leave "
			     "the option out", i + 1);
	}
}

/*
 * Is the whole row plain ASCII with no NUL inside a cell, and short?  No
 * NUL has been fed at all (feed_lines() looks for one in every block, at
 * memchr's speed), and no byte of its cells, which lie one after another
 * in r->cells, has its high bit set: tested eight bytes at a time, once a
 * row rather than once a cell.  The common case.
 */
static int row_is_plain(const struct csvread *r)
{
	const unsigned char *p = (const unsigned char *)r->cells.buf;
	size_t n = r->cells.len, i = 0;
	uint64_t v, high = 0;

	if (r->seen_nul || n > CSVREAD_FIELD_MAX)
		return 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&v, p + i, 8);
		high |= v;
	}
	for (; i < n; i++)
		high |= p[i];
	return !(high & HIGHS);
}

/* Check one finished row for what no caller should ever see. */
static int row_is_sound(struct csvread *r)
{
	size_t i;

	if (row_is_plain(r))
		return r->format.encoding != CSV_CP1252 ? 1 :
		       (warn_if_utf8(r), convert_row(r) == 0);
	for (i = 0; i < r->nfields; i++) {
		const char *cell = r->cells.buf + r->offsets[i];

		if (r->lens[i] <= CSVREAD_FIELD_MAX &&
		    plain_ascii((const unsigned char *)cell, r->lens[i]))
			continue;
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
		if (r->format.encoding == CSV_UTF8 &&
		    text_utf8_valid(cell, r->lens[i]) !=
		    r->lens[i]) {
			diag_error(r->diag, r->name, r->record_line,
				   "cell %zu is not UTF-8 text. A file saved from "
				   "Excel as plain \"CSV\" is Windows-1252: run "
				   "again with --encoding cp1252, or save it as "
				   "\"CSV UTF-8\"", i + 1);
			return 0;
		}
	}
	if (r->format.encoding != CSV_CP1252)
		return 1;
	warn_if_utf8(r);
	return convert_row(r) == 0;
}

/* libcsv row callback: hand the finished row to the caller. */
static void end_row(int c, void *data)
{
	struct csvread *r = data;
	struct csv_row row;
	const char *base;
	size_t i;
	int first_on_line = r->rows_this_line == 0;

	(void)c;
	r->rows_this_line++;
	if (r->status != FOITAB_OK)
		goto done;
	/* The LF of a CRLF arrives as an empty row after the CR's row. */
	if (r->nfields == 0 && !first_on_line)
		goto done;
	if (r->too_wide) {
		diag_error(r->diag, r->name, r->record_line,
			   "this row has more than %zu cells, more than a "
			   "spreadsheet has columns; is it one survey row?",
			   CSVREAD_MAX_CELLS);
		r->rejected_rows++;
		goto done;
	}
	if (!row_is_sound(r)) {
		r->rejected_rows++;
		goto done;
	}
	base = r->format.encoding == CSV_CP1252 ? r->converted.buf : r->cells.buf;
	for (i = 0; i < r->nfields; i++)
		r->ptrs[i] = base + r->offsets[i];
	row.line = r->record_line;
	row.nfields = r->nfields;
	row.fields = r->ptrs;
	row.lens = r->lens;
	row.sheet_cells = 0;
	r->status = r->on_row(&row, r->ctx);
done:
	r->nfields = 0;
	r->too_wide = 0;
	strbuf_reset(&r->cells);
}

/* ------------------------------------------------------------------ */
/* Lines. */

int csvread_init(struct csvread *r, const char *name,
		 const struct csv_format *format, struct diag *diag,
		 csvread_row_fn on_row, void *ctx)
{
	assert(r && name && format && diag && on_row);
	memset(r, 0, sizeof *r);
	r->name = name;
	r->diag = diag;
	r->on_row = on_row;
	r->ctx = ctx;
	r->format = *format;
	r->delimiter_known = format->delimiter != 0;
	r->line = 1;
	r->record_line = 1;
	if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		return r->status = FOITAB_OSERR;
	csv_set_delim(&r->parser, format->delimiter ? format->delimiter : ',');
	csv_set_realloc_func(&r->parser, mem_realloc);
	csv_set_free_func(&r->parser, mem_free);
	csv_set_blk_size(&r->parser, CSVREAD_LIBCSV_BLOCK);
	if (format->encoding == CSV_CP1252) {
		r->cp1252 = iconv_open("UTF-8", "CP1252");
		if (r->cp1252 == (iconv_t)-1)
			return r->status = FOITAB_OSERR;
		r->have_cp1252 = 1;
	}
	return FOITAB_OK;
}

/* Where the quoted cell still open at this point began. */
static unsigned long open_quote_line(const struct csvread *r)
{
	if (r->line_begun &&
	    (r->line == r->record_line || r->fields_this_line > 0))
		return r->line;
	return r->quote_line ? r->quote_line : r->record_line;
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
		diag_error(r->diag, r->name, open_quote_line(r),
			   "a cell starting here is longer than 1 MiB; is a "
			   "quote left open?");
		r->status = FOITAB_DATAERR;
	}
}

static void begin_line(struct csvread *r)
{
	if (!r->record_open) {
		r->record_line = r->line;
		r->quote_line = 0;
	}
	r->rows_this_line = 0;
	r->fields_this_line = 0;
	r->line_begun = 1;
}

/* The current line's terminator has been fed. */
static void end_line(struct csvread *r)
{
	/* A line that ended no row is inside a quoted cell. */
	r->record_open = r->rows_this_line == 0;
	if (r->record_open)
		r->quote_line = open_quote_line(r);
	r->line++;
	r->line_begun = 0;
}

/* The first CR or LF in `p`, or `len` when there is none. */
static size_t line_end(struct csvread *r, const char *p, size_t len)
{
	const char *lf, *cr;

	/*
	 * Look for CRs only in files that have them: a CR found once is
	 * searched for from then on; LF-only files pay for one memchr a block.
	 */
	lf = memchr(p, '\n', len);
	if (r->seen_cr || (r->seen_cr = memchr(p, '\r', lf ? (size_t)(lf - p)
							   : len) != NULL)) {
		cr = memchr(p, '\r', lf ? (size_t)(lf - p) : len);
		if (cr)
			return (size_t)(cr - p);
	}
	return lf ? (size_t)(lf - p) : len;
}

/* Split `p` into physical lines and feed each to libcsv. */
static void feed_lines(struct csvread *r, const char *p, size_t len)
{
	if (!r->seen_nul && len > 0 && memchr(p, '\0', len))
		r->seen_nul = 1;
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
		i = line_end(r, p, len);
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

/* ------------------------------------------------------------------ */
/* The first row: the delimiter. */

unsigned char csvread_detect_delimiter(const char *row, size_t len)
{
	static const char candidates[] = { ',', ';', '\t' };
	size_t count[3] = { 0, 0, 0 }, i, k, best = 0;
	int quoted = 0;

	for (i = 0; i < len; i++) {
		if (row[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			for (k = 0; k < 3; k++)
				count[k] += row[i] == candidates[k];
	}
	for (k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return (unsigned char)candidates[best];
}

/*
 * Decide the delimiter from the first `row_len` held-back bytes (the
 * first row: what follows it must not count), then feed them all.
 */
static void decide_delimiter(struct csvread *r, size_t row_len)
{
	r->format.delimiter = csvread_detect_delimiter(r->first_row.buf,
							row_len);
	csv_set_delim(&r->parser, r->format.delimiter);
	r->delimiter_known = 1;
	feed_lines(r, r->first_row.buf, r->first_row.len);
	strbuf_release(&r->first_row);
}

/*
 * Feed bytes that follow any byte-order mark.  Until the delimiter is
 * known, hold them back up to the end of the first non-blank row.
 */
static void feed_body(struct csvread *r, const char *p, size_t len)
{
	size_t i;
	int quoted = 0, content = 0;

	if (r->delimiter_known) {
		feed_lines(r, p, len);
		return;
	}
	if (strbuf_add(&r->first_row, p, len) < 0) {
		r->status = FOITAB_OSERR;
		return;
	}
	/* Scan from the start each time: quote state runs from byte 0. */
	for (i = 0; i < r->first_row.len; i++) {
		char c = r->first_row.buf[i];

		if (c == '"')
			quoted = !quoted;
		else if ((c == '\n' || c == '\r') && !quoted && content)
			break;
		else if (c != '\n' && c != '\r' && c != ' ')
			content = 1;
	}
	if (i < r->first_row.len || r->first_row.len > CSVREAD_FIELD_MAX)
		decide_delimiter(r, i);
}

/*
 * Look at the first bytes for a byte-order mark.  Returns 1 once decided
 * (the held bytes dropped, fed on, or refused), 0 to wait for more; at the
 * end of the input (`final`) it always decides.
 */
static int check_head(struct csvread *r, int final)
{
	static const unsigned char zip[3] = { 'P', 'K', 3 };
	static const unsigned char ole[3] = { 0xD0, 0xCF, 0x11 };

	if (r->head_len == 3 && (memcmp(r->head, zip, 3) == 0 ||
				 memcmp(r->head, ole, 3) == 0)) {
		/* A .xlsx or .ods named as a file is read as a workbook
		 * before it gets here; one on a pipe, or an .xls, is not. */
		if (r->head[0] == 'P')
			diag_error(r->diag, r->name, 0, "this is a workbook (a "
				   "zip file) on a pipe; foitab reads .xlsx and "
				   ".ods named as files: give its name instead");
		else
			diag_error(r->diag, r->name, 0, "this is an old Excel "
				   "workbook (.xls), or one saved with a "
				   "password; save it as .xlsx without a "
				   "password, or as \"CSV UTF-8\"");
		r->status = FOITAB_DATAERR;
		return 1;
	}
	if (!final && r->head_len < 3 &&
	    (memcmp(r->head, zip, r->head_len) == 0 ||
	     memcmp(r->head, ole, r->head_len) == 0))
		return 0;   /* could still be a workbook: wait for more */
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
	feed_body(r, (const char *)r->head, r->head_len);
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
		feed_body(r, (const char *)p, len);
	return r->status;
}

int csvread_finish(struct csvread *r)
{
	if (r->status == FOITAB_OK && !r->head_done && r->head_len > 0)
		check_head(r, 1);
	if (r->status == FOITAB_OK && !r->delimiter_known)
		decide_delimiter(r, r->first_row.len);
	if (r->status != FOITAB_OK)
		return r->status;
	if (r->pending_cr) {
		r->pending_cr = 0;
		end_line(r);
	}
	if (csv_fini(&r->parser, add_field, end_row, r) != 0 &&
	    r->status == FOITAB_OK) {
		unsigned long at = open_quote_line(r);

		if (at == r->record_line)
			diag_error(r->diag, r->name, at,
				   "a quoted cell starting here is never closed: "
				   "a closing quote (\") is missing");
		else
			diag_error(r->diag, r->name, at,
				   "a quoted cell starting here (in the row that "
				   "starts on line %lu) is never closed: a closing "
				   "quote (\") is missing", r->record_line);
		r->status = FOITAB_DATAERR;
	}
	return r->status;
}

void csvread_follow(struct csvread *r, const struct csvread *first)
{
	assert(first->delimiter_known);
	r->head_done = 1;
	r->delimiter_known = 1;
	r->format.delimiter = first->format.delimiter;
	csv_set_delim(&r->parser, r->format.delimiter);
}

int csvread_at_row_start(const struct csvread *r)
{
	return r->status == FOITAB_OK && r->head_done && r->delimiter_known &&
	       !r->line_begun && !r->record_open && !r->pending_cr;
}

unsigned long csvread_lines(const struct csvread *r)
{
	return r->line - 1;
}

void csvread_add_lines(struct csvread *r, unsigned long n)
{
	r->line += n;
	if (!r->record_open && !r->line_begun)
		r->record_line = r->line;
}

void csvread_release(struct csvread *r)
{
	csv_free(&r->parser);
	strbuf_release(&r->cells);
	strbuf_release(&r->first_row);
	strbuf_release(&r->converted);
	if (r->have_cp1252)
		iconv_close(r->cp1252);
	r->have_cp1252 = 0;
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

int csvread_all(const struct csv_source *src, const char *name,
		const struct csv_format *format, struct diag *diag,
		csvread_row_fn on_row, void *ctx)
{
	struct csvread r;
	int status = csvread_init(&r, name, format, diag, on_row, ctx);

	if (status == FOITAB_OK && src->stream)
		status = csvread_stream(&r, src->stream, 0);
	else if (status == FOITAB_OK &&
		 csvread_feed(&r, src->bytes, src->len) == FOITAB_OK)
		status = csvread_finish(&r);
	else if (status == FOITAB_OK)
		status = r.status;
	csvread_release(&r);
	return status;
}

char *csvread_cell_copy(const struct csv_row *row, int at)
{
	const char *s = "";
	size_t len = 0;

	if (at >= 0 && (size_t)at < row->nfields) {
		s = row->fields[at];
		len = row->lens[at];
	}
	csvread_trim(&s, &len);
	return mem_strndup(s, len);
}
