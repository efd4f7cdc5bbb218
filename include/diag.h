/*
 * diag.h - the one diagnostics routine.
 *
 * Every message foitab prints about its input goes through here, to
 * stderr, in one shape:
 *
 *     foitab: FILE:LINE: message
 *     foitab: FILE:LINE: warning: message
 *     foitab: FILE: message            (no line: the file as a whole)
 *     foitab: message                  (no file: the command line)
 *
 * LINE is the physical line where the record starts, counted from 1.  The
 * struct only counts what was said; it never decides what happens next.
 */
#ifndef FOITAB_DIAG_H
#define FOITAB_DIAG_H

#include <stdio.h>

struct diag {
	FILE *stream;            /* where messages go (stderr); NULL: none */
	unsigned long errors;    /* errors reported so far, shown or not */
	unsigned long warnings;  /* warnings reported so far, shown or not */
	unsigned long limit;     /* show at most this many of each; 0: all */
	int each;                /* one warning a thing, where several are
				    otherwise said in one line (check) */
	int closed;              /* diag_close() has said its piece */
};

/*
 * Start counting from zero, writing to `stream`, showing everything.  A
 * NULL stream only counts (a part of a file read ahead on another thread,
 * whose messages, if any, come from reading it again in order).
 */
void diag_init(struct diag *d, FILE *stream);

/* A line of information in the same shape; not counted, never held back. */
void diag_note(struct diag *d, const char *file, unsigned long line,
	       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Show at most `limit` errors and `limit` warnings (0: no limit); the rest
 * are counted, and diag_close() says how many were not shown.
 */
void diag_set_limit(struct diag *d, unsigned long limit);

/* Say how many messages the limit held back, if any (once). */
void diag_close(struct diag *d);

/*
 * Report an error about `file` (NULL: none) at `line` (0: no line).  The
 * message is a printf format; it should say what is wrong and what to do.
 */
void diag_error(struct diag *d, const char *file, unsigned long line,
		const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* As diag_error(), but a warning: reported and counted, not fatal. */
void diag_warning(struct diag *d, const char *file, unsigned long line,
		  const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
