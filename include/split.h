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
 * Only a named regular file can be cut; standard input, pipes and small
 * files are read in one pass (loader_read()).
 */
#ifndef FOITAB_SPLIT_H
#define FOITAB_SPLIT_H

#include <stdio.h>

#include "loader.h"

#define SPLIT_MAX_JOBS 16                  /* threads at most */
#define SPLIT_MIN_PART ((long)4 << 20)     /* bytes a part needs: 4 MiB */

/* How responses read on other threads are counted. */
struct split_jobs {
	unsigned jobs;               /* threads to read on; 1: this one only */
	long min_part;               /* bytes a part needs; 0: SPLIT_MIN_PART */
	/* Called on part k's thread with ctx[k] (k from 1 to jobs - 1). */
	loader_response_fn on_response;
	void *ctx[SPLIT_MAX_JOBS];
	/*
	 * On this thread, in file order, once part k is taken: add what
	 * ctx[k] holds to `into`, the ctx given to split_read().  Returns
	 * FOITAB_OK or a stop status.
	 */
	int (*merge)(void *into, void *part);
};

/*
 * As loader_read(), on up to `jobs->jobs` threads when `in` is a regular
 * file large enough to share out.  The loader's counts, the messages and
 * the status are those loader_read() would give; responses from part k go
 * to `jobs->on_response(r, jobs->ctx[k])`, those of the rest to
 * `on_response(r, ctx)`.  The caller releases `l`.
 */
int split_read(struct loader *l, FILE *in, const char *name,
	       const struct csv_format *format, const struct rules *rules,
	       struct diag *diag, loader_response_fn on_response, void *ctx,
	       const struct split_jobs *jobs);

/* The number of processors online, from 1 to SPLIT_MAX_JOBS. */
unsigned split_default_jobs(void);

#endif
