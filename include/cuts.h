/*
 * cuts.h - a large CSV file read in parts on several threads, whatever
 * reads its rows: a survey's loader (split.h) or a table's (csvread.h's
 * csvread_table_parts(), for a register).
 *
 * The caller's first reader reads the file's start, up to its header, on
 * this thread.  cuts_read() then cuts the rest at record boundaries, gives
 * each part after the first a reader of its own (made by the caller) on a
 * thread of the pool, reads the first part itself, and offers the parts to
 * the caller in file order.  A part is offered only when it read cleanly
 * (to a record boundary, saying nothing); when one is not, or the caller
 * refuses it, it and every part after it is read again by the first
 * reader, in order, so that what is said and counted is what one pass
 * would say and count.
 */
#ifndef FOITAB_CUTS_H
#define FOITAB_CUTS_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "diag.h"

#define CUTS_MAX_PARTS 16                 /* threads, and so parts, at most */
#define CUTS_BLOCK ((size_t)256 * 1024)   /* bytes read at a time */

/* take(): the part cannot be taken; nothing was changed. */
#define CUTS_REFUSED (-1)

/* What reads a part's bytes (or the file's, for the first reader). */
struct cuts_reader {
	void *reader;
	/* Read the next bytes: FOITAB_OK, or the status that stopped it. */
	int (*feed)(void *reader, const void *bytes, size_t len);
	/* No more bytes (a part to the file's end): the final status. */
	int (*finish)(void *reader);
	/* Has it read all it was fed, ending between two records? */
	int (*at_row_start)(const void *reader);
	/* Where a part's reader says things; it is clean if nothing. */
	const struct diag *diag;
};

/* How the caller's parts are made and taken. */
struct cuts_jobs {
	unsigned jobs;                 /* threads; 1: this one only */
	off_t min_part;                /* bytes a part needs */
	/*
	 * Make part `k`'s reader (k from 1), to read `bytes` bytes from a
	 * record boundary on, following the first reader: 0, or -1 when it
	 * cannot be had (its bytes are then read in order).  Called on
	 * this thread.
	 */
	int (*open_part)(void *ctx, unsigned k, off_t bytes,
			 struct cuts_reader *part);
	/*
	 * Take part `k`, which read cleanly, after what the first reader
	 * has read: FOITAB_OK, CUTS_REFUSED (nothing changed: its bytes
	 * are read again in order), or a status that stops reading.
	 */
	int (*take)(void *ctx, unsigned k);
	/* Free part `k`, whether it was opened well, taken or not. */
	void (*close_part)(void *ctx, unsigned k);
	void *ctx;
};

/* pread() all of `len` bytes at `at` that there are; -1 on an error. */
ssize_t cuts_read_at(int fd, char *buf, size_t len, off_t at);

/*
 * Read the file `fd` (`size` bytes, a regular file) from its start
 * through `first`: in one pass up to its header (`ready(first->reader)`
 * says when it has read it), then the rest in parts as `jobs` says when it
 * is large enough, or in one pass.  `buf` holds CUTS_BLOCK bytes.  Does
 * not finish `first`.  Returns FOITAB_OK, the readers' or take()'s stop
 * status, or FOITAB_NOINPUT after reporting a read error or a file that
 * ended early to `diag` as `name`.
 */
int cuts_read(int fd, off_t size, const struct cuts_reader *first,
	      int (*ready)(const void *reader), const struct cuts_jobs *jobs,
	      char *buf, const char *name, struct diag *diag);

/* Has the file changed since `before` was taken?  Same size and time. */
int cuts_changed(int fd, const struct stat *before);

/* Report a file that changed under its reader; returns FOITAB_NOINPUT. */
int cuts_say_changed(struct diag *diag, const char *name);

#endif
