/*
 * classifier.h - the survey's buckets, and the tally of responses in each.
 *
 * A bucket is a condition of the rules (rules.h) over one checked
 * response.  Buckets overlap: a body can be in several, so their
 * percentages need not add up to 100.  Only responses in the rules'
 * denominator (the answered ones, unless the rules say otherwise) are
 * counted in buckets; every response is counted in the accounting.
 *
 * Nothing here reads files or prints.
 */
#ifndef FOITAB_CLASSIFIER_H
#define FOITAB_CLASSIFIER_H

#include <stddef.h>

#include "loader.h"
#include "rules.h"

/*
 * One number column's figures, over the rows of the denominator: how many
 * bodies gave a figure, their exact total, the least and the greatest
 * (with the first body to give each), every figure (for the median), and
 * how many gave each of the column's words instead.
 */
struct figures {
	int column;                  /* the rules column */
	unsigned long bodies;        /* rows with a figure */
	struct number total;
	unsigned long overflow_line; /* the row whose figure the total could
					not take exactly; 0: none */
	struct number min, max;
	struct strbuf min_body;      /* kept in buffers that are reused: a */
	struct strbuf max_body;      /* new extreme costs no allocation */
	unsigned long *words;        /* by value; NULL until one is seen */
	struct number *values;       /* every figure, in no order until
					tally_finish() sorts them */
	size_t cap;
};

struct tally {
	const struct rules *rules;
	size_t nbuckets;
	unsigned long asked;      /* every body with a row */
	unsigned long answered;
	unsigned long refused;
	unsigned long pending;
	unsigned long excluded;   /* rows in a state the rules exclude */
	unsigned long excluded_by[RULES_MAX_EXCLUDED]; /* ... by state */
	unsigned long counted;    /* in the denominator */
	unsigned long counted_answered; /* ... of them, answered rows */
	unsigned long overlaps;   /* counted bodies in more than one bucket */
	unsigned long count[RULES_MAX_BUCKETS];
	unsigned long base[RULES_MAX_BUCKETS]; /* each bucket's denominator:
				     `counted`, or its `of` rows */
	struct figures *figures;  /* one a number column, in the rules'
				     order; NULL until the first row */
	size_t nfigures;
	int nomem;                /* a figure could not be kept */
};

/* One body, kept for `foitab list`: who it is and which buckets hold it. */
struct member {
	char *body;
	char *code;
	char *summary;
	unsigned long line;          /* where its row starts in the survey */
	int sheet_row;               /* line is a workbook sheet's row */
	enum response_kind response;
	struct bitset buckets;       /* i: in bucket i */
	struct bitset bases;         /* i: in bucket i's denominator */
	int counted;                 /* in the denominator */
	struct bitset *values;       /* each column's values, when the
					roster keeps them; else NULL */
};

/* Every body of a survey, in file order. */
struct roster {
	struct member *members;
	size_t n, cap;
	size_t keep_values;          /* columns whose values each member
					keeps (`foitab agree`); 0: none */
};

#define ROSTER_INIT { NULL, 0, 0, 0 }

/* Is `r` in the denominator of `rules`?  Never in an excluded state. */
int in_denominator(const struct rules *rules, const struct response *r);

/* Is `r` in bucket `b` of `rules` (its denominator included)? */
int in_bucket(const struct rules *rules, size_t b, const struct response *r);

/* Is `r` in the denominator of bucket `b` (the survey's, and its `of`)? */
int in_bucket_base(const struct rules *rules, size_t b,
		   const struct response *r);

/* Start an empty tally of the buckets of `rules`. */
void tally_init(struct tally *t, const struct rules *rules);

/* Count one checked response.  Returns 0, or -1 when out of memory (the
 * row is counted, its figures perhaps not; t->nomem is set). */
int tally_add(struct tally *t, const struct response *r);

/* Add the responses `more` counted (under the same rules) to `t`, in file
 * order: `more`'s rows come after `t`'s.  Returns 0, or -1 when out of
 * memory (t->nomem set). */
int tally_merge(struct tally *t, const struct tally *more);

/* Sort each number column's figures, for tally_median(). */
void tally_finish(struct tally *t);

/* The median of `f`'s figures (tally_finish() first): the middle one, or
 * the mean of the middle two.  Returns 0, or -1 when it cannot be taken
 * (no figures, or their mean would overflow). */
int tally_median(const struct figures *f, struct number *median);

void tally_free(struct tally *t);

/* The replies received: answered plus refused. */
unsigned long tally_replied(const struct tally *t);

/*
 * Keep a copy of `r` in `roster`, with its buckets under the rules of `t`.
 * Returns 0, or -1 when out of memory (the roster is left as it was).
 */
int roster_add(struct roster *roster, const struct tally *t,
	       const struct response *r);

/*
 * Move every member of `more` (whose lines count from 1 at
 * `lines_before` + 1) to the end of `roster`, leaving `more` empty.
 * Returns 0, or -1 when out of memory (nothing moved).
 */
int roster_append(struct roster *roster, struct roster *more,
		  unsigned long lines_before);

void roster_free(struct roster *roster);

/* A tally for each value of one column (`foitab --by COLUMN`). */
struct group {
	char *name;          /* the value, or a placeholder's text */
	int placeholder;     /* not a value: "(empty)", "(not in the register)" */
	long order;          /* sorts groups: a value's index, or the name */
	struct tally tally;
};

/*
 * Groups a grouping holds at most: a report of more is no summary (--by
 * a column with a value on every row), and the limit keeps memory small.
 */
#define GROUPING_MAX 1000

struct grouping {
	const char *column;  /* what the groups are values of */
	struct group *groups;
	size_t n, cap;
	size_t *slot;        /* hash index of the names: 0 empty, else i + 1 */
	size_t nslots;       /* a power of two, or 0 (built on first use) */
};

#define GROUPING_INIT { NULL, NULL, 0, 0, NULL, 0 }

/*
 * Count `r` in the group called `name` (made on first use, with `order`:
 * groups sort by order, then by name; use GROUP_BY_NAME to sort by name
 * alone).  A `placeholder` group is never the same as a value's group,
 * whatever its name.  Returns 0, -1 when out of memory, or -2 when the
 * group would be one more than GROUPING_MAX.
 */
#define GROUP_BY_NAME 0x7fff0000L
int grouping_add(struct grouping *g, const char *name, int placeholder,
		 long order, const struct rules *rules,
		 const struct response *r);

/*
 * Add the groups of `more` (counted under the same rules) to `g`: their
 * tallies to those of the same name, the rest as new groups.  Returns 0,
 * -1 when out of memory, or -2 past GROUPING_MAX groups.
 */
int grouping_merge(struct grouping *g, const struct grouping *more);

/* Put the groups in their order (after the last grouping_add()). */
void grouping_sort(struct grouping *g);

void grouping_free(struct grouping *g);

#endif
