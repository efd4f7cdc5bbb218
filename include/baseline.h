/*
 * baseline.h - published percentages from an earlier survey, to print
 * beside this one's buckets.
 *
 * A baseline file is CSV with the columns key, year, label and percent
 * (any order, names matched as in the survey file).  `key` matches a row
 * to the bucket of the same key, folded as bucket keys are (text_fold():
 * `Specialist` is `specialist`); rows with no such bucket are printed on
 * their own.  Only percentages are kept: earlier surveys often published
 * no counts.  Every row must share one year, which heads the column.
 */
#ifndef FOITAB_BASELINE_H
#define FOITAB_BASELINE_H

#include <stddef.h>
#include <stdio.h>

#include "csvread.h"
#include "diag.h"

struct baseline_row {
	char *key;             /* folded */
	char *label;
	unsigned long milli;   /* the percentage times 1000 */
	int decimals;          /* decimals as published (0-3) */
	unsigned long line;
	/* With the optional columns 'count' and 'denominator': */
	int has_counts;
	unsigned long count, denominator;  /* count <= denominator, > 0 */
};

struct baseline {
	char *year;            /* e.g. "2011"; NULL until a row is read */
	struct baseline_row *rows;
	size_t n, cap;
	size_t *slot;          /* hash table over the keys: row + 1, or 0 */
	size_t nslots;         /* a power of two, over twice n */
};

#define BASELINE_INIT { NULL, NULL, 0, 0, NULL, 0 }

/*
 * Read a baseline from `src` (a stream or bytes), reporting problems as
 * `name:LINE: ...`.  Returns FOITAB_OK, FOITAB_DATAERR or FOITAB_OSERR.
 * The caller frees `b` with baseline_free() in every case.
 * baseline_read_stream() and baseline_read_bytes() are shorthands.
 */
int baseline_read(struct baseline *b, const struct csv_source *src,
		  const char *name, struct diag *diag);
int baseline_read_stream(struct baseline *b, FILE *in, const char *name,
			 struct diag *diag);
int baseline_read_bytes(struct baseline *b, const void *bytes, size_t len,
			const char *name, struct diag *diag);

/* The row with key `key`, or NULL. */
const struct baseline_row *baseline_find(const struct baseline *b,
					 const char *key);

void baseline_free(struct baseline *b);

#endif
