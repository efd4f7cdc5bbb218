/*
 * split.h - reading one large survey file on several threads.
 *
 * A file of many megabytes is cut into parts at record boundaries, and
 * each part after the first is read by a loader of its own on a thread of
 * its own, while this thread reads the header and the first part.  The
 * parts are then taken in file order.  A part is used only when it reads
 * exactly as it would have in one pass: it began where a record begins,
 * reported nothing, and shares no body with the parts before it.  When a
 * part falls short of that (a duplicate body, a bad cell, a quote that
 * makes the cut fall inside a cell), its work and that of every part after
 * it is thrown away and this thread reads on from there in order, so the
 * messages, line numbers and counts are always those of a one-pass read.
 *
 * Only a regular file read from its start can be cut (standard input
 * redirected from one included); pipes and small files are read in one
 * pass (loader_stream()).
 */
#ifndef FOITAB_SPLIT_H
#define FOITAB_SPLIT_H

#include <stdio.h>

#include "loader.h"

#define SPLIT_MAX_JOBS 16                  /* threads at most */
#define SPLIT_MIN_PART ((long)4 << 20)     /* bytes a part needs: 4 MiB */

/* merge(): the part cannot be taken; nothing was changed. */
#define SPLIT_REFUSED (-1)

/*
 * What the caller does with the responses of parts read on other threads:
 * each part has a context of its own, made before its thread starts and
 * freed after it ends; a part's responses go to it, on the part's thread;
 * the parts taken are merged into the caller's own context in file order.
 */
struct split_jobs {
	unsigned jobs;               /* threads to read on; 1: this one only */
	long min_part;               /* bytes a part needs; 0: SPLIT_MIN_PART */
	/*
	 * A new, empty context for a part; NULL when out of memory.  What
	 * the part's responses call for reporting goes to `diag`, which
	 * shows nothing: a part that reports anything is read again.
	 */
	void *(*open_part)(void *ctx, struct diag *diag);
	/* Called on the part's thread with the part's context. */
	loader_response_fn on_response;
	/*
	 * On this thread, in file order, for a part that read cleanly: add
	 * what `part` holds to `ctx`, the context given to split_read().  Its
	 * responses' lines count from 1 at the part's start: add
	 * `lines_before`.  Returns FOITAB_OK, SPLIT_REFUSED when the part
	 * cannot be taken (something in it clashes with what came before;
	 * nothing may have changed, and the part is read again in order, so
	 * that the clash is reported where it stands), or a stop status.
	 */
	int (*merge)(void *ctx, void *part, unsigned long lines_before);
	void (*close_part)(void *part);   /* free a part's context */
	loader_ahead_fn ahead;       /* every loader's hint; NULL: none */
};

/*
 * As loader_begin() then loader_stream(), on up to `jobs->jobs` threads
 * when `in` is a regular file large enough to share out.  The loader's counts, the messages and
 * the status are those one pass would give, and so, once merged, are
 * the responses: those of the first part (and of any part read again in
 * order) go to `on_response(r, ctx)`, the others to their parts' contexts.
 * The caller releases `l`.
 */
int split_read(struct loader *l, FILE *in, const char *name,
	       const struct csv_format *format, const struct rules *rules,
	       struct diag *diag, loader_response_fn on_response, void *ctx,
	       const struct split_jobs *jobs);

/*
 * Take `part` (a loader that followed `l` and read its rows cleanly) into
 * `l`, after merge(ctx, part_ctx, loader_lines(l)) has taken what its
 * responses left in its context.  Returns FOITAB_OK, SPLIT_REFUSED when
 * it cannot be taken (nothing changed: a body `l` has seen, or merge()
 * refused), or a stop status.  Parts of a workbook's sheet (workbook.h)
 * are taken so too.
 */
int split_take(struct loader *l, struct loader *part,
	       int (*merge)(void *ctx, void *part, unsigned long lines_before),
	       void *ctx, void *part_ctx);

/*
 * The same, for a part whose lines count from 1 after `lines_before`
 * lines, however many `l` has read itself (a workbook's sheet, whose rows
 * `l` is given with their numbers).
 */
int split_take_after(struct loader *l, struct loader *part,
		     unsigned long lines_before,
		     int (*merge)(void *ctx, void *part,
				  unsigned long lines_before),
		     void *ctx, void *part_ctx);

/* The number of processors online, from 1 to SPLIT_MAX_JOBS. */
unsigned split_default_jobs(void);

#endif
