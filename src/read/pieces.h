/*
 * pieces.h - a large part of a workbook read in pieces on several threads
 * (src/read/pieces.c), shared by the .xlsx and .ods readers, which give
 * each kind of piece (shared strings, sheet rows, a table's rows) its
 * handlers and callbacks.  Nothing outside src/read/ includes it.
 *
 * A large part (workbook.h, struct workbook_parts): the shared strings
 * and the sheet of an .xlsx, the content of an .ods.  The part's own
 * parser reads up to a point where it stands between two elements of the
 * kind cut before (<si>, <row>, <table:table-row>), having read every
 * byte it was given; from there its XML
 * is cut into pieces just before such an element, each parsed on a
 * thread of its own inside an element like the one it stands in, and the
 * pieces are taken in order.  A cut that falls anywhere else (inside a
 * comment, a CDATA section, a tag or an attribute) leaves the piece
 * before it unfinished, which expat reports; the piece is then not taken,
 * and the part's parser reads it and all that follows in one pass.  So a
 * cut can cost time, never a different result.
 */
#ifndef FOITAB_PIECES_H
#define FOITAB_PIECES_H

#include <stdatomic.h>

#include "pool.h"
#include "sheetxml.h"

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
	const struct piece_kind *kind;
	atomic_int *cancel;          /* set: pieces not yet parsed are not
					wanted */
	int clean;
};

/* The reader of a part in pieces. */
struct pieces {
	struct workbook *w;
	const struct piece_kind *kind;
	struct xml *m;               /* the part's own parser */
	struct pool pool;            /* the threads the pieces are parsed on */
	struct piece *ring;          /* the pieces in flight */
	size_t slots;
	unsigned long sent;          /* pieces handed to the pool */
	atomic_int cancel;
	size_t fed;                  /* bytes given to the part's parser */
	int cutting;                 /* pieces are being cut and taken */
};

/*
 * For a sheet's rows in pieces, what the readers share: rows go to parts
 * once the caller has read the header (ready); each piece's rows go to a
 * part of the caller's (open, close); a piece is taken if the sheet has
 * room for its rows and cells, and the caller takes its part, its rows
 * counted after `rows_before` (workbook.h): FOITAB_OK, WORKBOOK_REFUSED
 * or a stop status.
 */
int pieces_rows_ready(const struct pieces *s);
int pieces_rows_open(struct pieces *s, struct piece *p);
void pieces_rows_close(struct pieces *s, struct piece *p);
int pieces_rows_take(struct pieces *s, struct piece *p,
		     unsigned long rows_before);

/*
 * Read `part` with the handlers of `kind` and their state `state`: in
 * pieces when the request allows and the part is large, else in one pass.
 * Returns 0; 1 when the zip has no such part; -1 after a failure (kept in
 * w->status).
 */
int read_part(struct workbook *w, const char *part,
	      const struct piece_kind *kind, void *state);

#endif
