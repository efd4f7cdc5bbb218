/*
 * pieces.c - a large part of a workbook read in pieces on several
 * threads, or in one pass; see pieces.h.  It knows nothing of what the
 * pieces hold: the .xlsx reader gives each kind its handlers.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "mem.h"
#include "pieces.h"

#define PIECE_DEFAULT ((size_t)512 << 10)
#define MIN_PART_DEFAULT ((size_t)8 << 20)
#define PIECE_LONGEST ((size_t)4 << 20)   /* an element, past the piece */

/* Parse a piece inside its element, as the part's parser would have. */
static void parse_piece(void *job)
{
	struct piece *p = job;
	const struct piece_kind *kind = p->kind;
	void *state;
	struct xml x;

	/* Once a piece could not be taken, those after it are not wanted. */
	if (atomic_load(p->cancel))
		return;
	state = kind->new_state();

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
		   !p->w.unnumbered && !p->w.whole_only && !p->diag.errors &&
		   !p->diag.warnings;
	xml_end(&x);
	if (state)
		kind->free_state(state);
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
	struct piece *p = pool_take(&s->pool);
	struct workbook *w = s->w;
	int status = WORKBOOK_REFUSED;

	if (s->cutting && p->clean && w->status == FOITAB_OK)
		status = s->kind->take(s, p);
	if (status == FOITAB_OK) {
		s->m->lines_skipped += lines_in(p->bytes, p->len);
	} else if (status == WORKBOOK_REFUSED) {
		/* From here on, one pass: it reports what is wrong. */
		s->cutting = 0;
		atomic_store(&s->cancel, 1);
		if (w->status == FOITAB_OK)
			feed(s, p->bytes, p->len, 0);
	} else if (w->status == FOITAB_OK) {
		w->status = status;
	}
	s->kind->close_part(s, p);
	mem_free(p->bytes);
	p->bytes = NULL;
}

/* Take every piece in flight, in order. */
static void take_all(struct pieces *s)
{
	while (pool_in_flight(&s->pool))
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
	struct piece *p;

	if (pool_in_flight(&s->pool) == s->slots)
		take_oldest(s);
	if (!s->cutting)
		return -1;
	p = &s->ring[s->sent % s->slots];
	memset(p, 0, sizeof *p);
	p->kind = s->kind;
	p->cancel = &s->cancel;
	/* The piece's own state, made here: the threads share nothing
	 * that this one writes. */
	p->w = *s->w;
	memset(&p->w.row, 0, sizeof p->w.row);
	p->w.rownum = 0;
	p->w.rows = 0;
	p->w.cells = 0;
	p->w.probing = 0;
	p->w.unnumbered = 0;
	p->w.whole_only = 0;
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
	s->sent++;
	pool_send(&s->pool, p);
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

/* The pool and the ring of pieces it works on; 0, or -1 for one pass. */
static int pieces_start(struct pieces *s, unsigned jobs)
{
	if (jobs > POOL_THREADS_MAX)
		jobs = POOL_THREADS_MAX;
	atomic_init(&s->cancel, 0);
	s->slots = 2 * (size_t)jobs + 1;
	s->ring = mem_calloc(s->slots, sizeof *s->ring);
	if (!s->ring)
		return -1;
	if (pool_start(&s->pool, jobs, s->slots, parse_piece) == 0)
		return 0;
	mem_free(s->ring);
	s->ring = NULL;
	return -1;
}

static void pieces_stop(struct pieces *s)
{
	if (!s->ring)
		return;
	take_all(s);
	pool_stop(&s->pool);
	mem_free(s->ring);
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
	if (pieces_start(&s, parts->jobs) < 0)
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
	pieces_stop(&s);
	strbuf_release(&stage);
}

int pieces_rows_ready(const struct pieces *s)
{
	const struct workbook_parts *parts = s->w->req->parts;

	return parts->ready(parts->ctx);
}

int pieces_rows_open(struct pieces *s, struct piece *p)
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

int pieces_rows_take(struct pieces *s, struct piece *p,
		     unsigned long rows_before)
{
	const struct workbook_parts *parts = s->w->req->parts;
	struct workbook *w = s->w;
	int status;

	if (w->rows + p->w.rows > WORKBOOK_ROWS_MAX ||
	    w->cells + p->w.cells > WORKBOOK_CELLS_MAX)
		return WORKBOOK_REFUSED;
	status = parts->take(parts->ctx, p->part, rows_before);
	if (status == FOITAB_OK) {
		w->rows += p->w.rows;
		w->cells += p->w.cells;
	}
	return status;
}

void pieces_rows_close(struct pieces *s, struct piece *p)
{
	const struct workbook_parts *parts = s->w->req->parts;

	if (p->part)
		parts->close_part(p->part);
	strbuf_release(&p->w.row.text);
	mem_free(p->w.row.offsets);
	mem_free(p->w.row.lens);
	mem_free(p->w.row.ptrs);
}

/* See pieces.h. */
int read_part(struct workbook *w, const char *part,
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
