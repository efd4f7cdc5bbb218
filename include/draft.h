/*
 * draft.h - the first draft of a rules file, guessed from a sheet
 * (`foitab init FILE`): which column holds the bodies, which the replies,
 * and for every other column a type (yes/no, number, list, choice or
 * text) with a comment saying why, and commented example buckets.
 *
 * The draft loads as it is (no buckets yet); every guess is written out,
 * never hidden.
 */
#ifndef FOITAB_DRAFT_H
#define FOITAB_DRAFT_H

#include <stdio.h>

#include "csvread.h"
#include "diag.h"

struct draft_reader;            /* draft.c */

struct draft {
	const char *name;            /* the sheet, for the draft's title */
	long body, response;         /* their columns, or -1 */
	struct draft_reader *reader;
};

/*
 * Read the sheet `src` called `name` (CSV, or a workbook's `sheet`: a
 * name or number; NULL: the first that starts with a header) and place
 * its columns.  Returns
 * FOITAB_OK, FOITAB_DATAERR (reported: unreadable, or no rows) or
 * FOITAB_OSERR.  Free with draft_free() in every case.
 */
int draft_read(struct draft *d, const struct csv_source *src,
	       const char *name, const struct csv_format *format,
	       const char *sheet, struct diag *diag);

/* Write the draft rules to `out`. */
void draft_write(const struct draft *d, FILE *out);

void draft_free(struct draft *d);

#endif
