/*
 * coders.h - the same survey coded by two or more people (`foitab
 * agree`): their codings matched body by body, and for every checked
 * column and every bucket how far they agree (stats/agreement.c does the
 * sums), with the disagreements.
 *
 * A body is matched by its name as the loader reads it, case and spacing
 * folded; a body missing from a coding is missing data for that coder,
 * not an error.  A cell left empty is missing too.
 */
#ifndef FOITAB_CODERS_H
#define FOITAB_CODERS_H

#include <stddef.h>

#include "agreement.h"
#include "classifier.h"
#include "rules.h"

#define CODERS_MAX 16

/* One person's coding: a file read under the rules, its bodies kept. */
struct coding {
	const char *file;
	const struct roster *roster;     /* with keep_values set */
	const struct tally *tally;
};

/* A coefficient, or why it has none. */
struct coefficient {
	enum agree_reason reason;        /* AGREE_DEFINED: value is set */
	double value;
};

/* What the codings say of one column (or the response, or a bucket). */
struct agree_item {
	const char *name;                /* the column's or bucket's key */
	const char *label;               /* a bucket's label; else NULL */
	const char *kind;                /* "response", "choice", "boolean",
					    "list" or "bucket" */
	size_t pairable;                 /* bodies with two or more values */
	size_t agreeing;                 /* of those, the ones all agree on */
	double share;                    /* agreeing / pairable (0 if none) */
	struct coefficient alpha, kappa; /* kappa: two codings only */
	/* buckets: each coding's count and denominator */
	unsigned long count[CODERS_MAX], denominator[CODERS_MAX];
};

/* A body the codings do not agree on, in one column. */
struct disagreement {
	size_t body;                     /* index into agree_report.bodies */
	size_t item;                     /* index into items */
	unsigned long line[CODERS_MAX];  /* 0: the body is not in that file */
	int sheet_row[CODERS_MAX];
	char *value[CODERS_MAX];         /* as the rules name it; "" empty */
};

struct agree_report {
	size_t ncodings;
	const struct coding *codings;
	char **bodies;                   /* every body in any coding, in the
					    order first seen */
	size_t nbodies;
	size_t *missing;                 /* per coding: bodies it lacks */
	unsigned char *present;          /* [body * ncodings + coding] */
	struct agree_item *items;        /* columns first, then buckets */
	size_t nitems, ncolumn_items;
	struct disagreement *disagreements;
	size_t ndisagreements;
};

/*
 * Match `n` codings (2 .. CODERS_MAX) of one survey under `rules` and
 * measure their agreement into `out` (free it with agree_report_free()).
 * Returns 0, or -1 when out of memory.
 */
int coders_agree(const struct rules *rules, const struct coding *codings,
		 size_t n, struct agree_report *out);

void agree_report_free(struct agree_report *r);

/* Why a coefficient has no value, in words ("one value in use"). */
const char *coefficient_reason(enum agree_reason reason);

#endif
