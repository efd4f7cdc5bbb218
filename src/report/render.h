/*
 * render.h - what the format files under src/report/ share.  Only they
 * include it; everything else sees reporter.h.
 *
 * A format is one file that defines one `struct report_format`, listed
 * in reporter.c's table.  The pieces here print what
 * several formats print the same way, so that no figure is ever computed
 * in two places.
 */
#ifndef FOITAB_RENDER_H
#define FOITAB_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "coders.h"
#include "reporter.h"

/* What follows the figures when a body is in more than one bucket. */
extern const char overlap_note[];

/* What the figures of number columns are, under their table. */
extern const char figures_note[];

/* ---- figures as text, at the report's decimals (stats.c does the sums) */

/* count / den as text into `buf`, or "" when den is 0.  Returns buf. */
const char *percent_text(const struct report *rep, unsigned long count,
			 unsigned long den, char *buf, size_t size);

/* Bucket i's percentage of the denominator, as percent_text(). */
const char *bucket_percent(const struct report *rep, size_t i,
			   char *buf, size_t size);

/* The interval's ends as text into low and high ("" if no --ci). */
void interval_text(const struct report *rep, unsigned long count,
		   unsigned long den, char *low, char *high, size_t size);

/* The change in bucket b from `before`: "+4", "-2.5", "0"; "" unknown. */
const char *change_text(const struct report *rep, size_t b, char *buf,
			size_t size);

/*
 * The ends of the interval for the change from c0/n0 to c1/n1 (Newcombe's
 * hybrid score interval), in signed percentage points at the report's
 * decimals ("-22", "+19.5", "0"), into low and high; both "" without
 * --ci or when a denominator is 0.
 */
void change_interval_text(const struct report *rep, unsigned long c0,
			  unsigned long n0, unsigned long c1, unsigned long n1,
			  char *low, char *high, size_t size);

/* The same for bucket b of `before` and the tally. */
void bucket_change_interval(const struct report *rep, size_t b, char *low,
			    char *high, size_t size);

/* ---- `foitab denominators` */

/* "2", or "11 to 12" when several counts print the same. */
const char *counts_text(unsigned long first, unsigned long last, char *buf,
			size_t size);

/* The counts out of fit f that print as percentage i. */
void fit_counts(const struct denominators_report *d, size_t f, size_t i,
		unsigned long *first, unsigned long *last);

/* The same as counts_text(). */
const char *fit_counts_text(const struct denominators_report *d, size_t f,
			    size_t i, char *buf, size_t size);

/* "half-up", "half-even" or "truncate". */
const char *rounding_name(enum stats_rounding how);

/* The sentence above the table, with its newline. */
void denominators_heading(const struct report *rep, FILE *out);

/* What the test shows and what it cannot, after the table. */
extern const char denominators_note[];

/* ---- `foitab agree` */

/* "0.743", or "undefined (one value in use)". */
const char *coefficient_text(const struct coefficient *c, char *buf,
			     size_t size);

/* The share of bodies all coders agree on, as percent_text(). */
const char *agreement_text(const struct report *rep,
			   const struct agree_item *item, char *buf,
			   size_t size);

/* A bucket's range across the codings, in points ("3"); "" if unknown. */
const char *range_text(const struct report *rep,
		       const struct agree_item *item, char *buf, size_t size);

/* "line 5", "row 5" (a sheet's), or "not in the file". */
const char *where_text(unsigned long line, int sheet_row, char *buf,
		       size_t size);

/*
 * A line for each coding (its number, its file, its bodies and how many
 * it lacks), and one for each body it lacks: as "  1: FILE ..." and
 * "     missing: BODY", or with `markdown` as a numbered list with the
 * missing bodies under their file; `text` writes text as the format does.
 */
void agree_codings(const struct report *rep, FILE *out, int markdown,
		   void (*text)(FILE *out, const char *s));

/* What alpha and kappa are here, after the tables. */
extern const char agree_note[];

/* ---- the baseline */

/* A baseline row's percentage as published, or "" for no row. */
const char *baseline_percent(const struct baseline_row *b, char *buf,
			     size_t size);

/* The baseline row beside bucket `key`, or NULL. */
const struct baseline_row *baseline_for(const struct report *rep,
					const char *key);

/* Is baseline row `b` printed on its own (no bucket has its key)? */
int baseline_only(const struct report *rep, const struct baseline_row *b);

/* What heads the baseline column: its year, or "Baseline". */
const char *baseline_year(const struct report *rep);

/*
 * With --ci and a baseline that gives counts (its 'count' and
 * 'denominator' columns): the change from the baseline row's count to
 * count/den is shown with its interval.  Does this report show them?
 */
int baseline_counted(const struct report *rep);

/*
 * The change from baseline row `br` to count/den, as change_text(), and
 * its interval as change_interval_text(); all "" when `br` gives no
 * counts or den is 0.
 */
void baseline_change_text(const struct report *rep, unsigned long count,
			  unsigned long den, const struct baseline_row *br,
			  char *change, char *low, char *high, size_t size);

/* What the change columns are, for the note under a table. */
void baseline_change_note(const struct report *rep, FILE *out);

/* Bodies of the register with no row (0 when the register does not apply). */
size_t missing_count(const struct report *rep);

/* ---- the groups `foitab list` shows: selected buckets, pending, refused */

struct list_group {
	const char *key;
	const char *label;
	unsigned long count;
	unsigned long denominator;   /* 0: not a share of the answered */
	int bucket;                  /* the bucket, or -1 for a response kind */
	enum response_kind response;
};

#define MAX_GROUPS (RULES_MAX_BUCKETS + 2)

/* Fill `g` (MAX_GROUPS long) with the groups asked for; their number. */
size_t list_groups(const struct report *rep, struct list_group *g);

/* Is body `m` in group `g`? */
int in_group(const struct list_group *g, const struct member *m);

/* ---- a number column's figures (classifier.h), as every format shows
 * them: "" where there is no figure to show */

struct figure_text {
	const char *column;          /* the rules column's name */
	const char *label;           /* its label, or its name */
	unsigned long bodies;        /* bodies that gave a figure */
	char total[NUMBER_TEXT_MAX];
	char median[NUMBER_TEXT_MAX];
	char min[NUMBER_TEXT_MAX];
	char max[NUMBER_TEXT_MAX];
	const char *min_body;        /* the first to give the least; "" */
	const char *max_body;        /* ... the greatest */
	size_t nwords;               /* words any body gave instead */
};

/* Figures `i` of `t` as text: digits grouped ("7,077") when `grouped`. */
void figure_text(const struct tally *t, size_t i, int grouped,
		 struct figure_text *ft);

/*
 * Word `w` of figures `i` of `t`: its name and count into *name and
 * *count; 0 when no body gave it (skip it), else 1.
 */
int figure_word(const struct tally *t, size_t i, size_t w, const char **name,
		unsigned long *count);

/* The words of figures `i` with their counts, "Not held 3, NA 1"; "". */
const char *figure_words_text(const struct tally *t, size_t i,
			      const char *between, char *buf, size_t size);

/* ---- text */

/* Characters (not bytes) in UTF-8 text, for aligning columns. */
size_t text_width(const char *s);

/* One character for a terminal, *s moved past it: controls as '?'. */
void put_char(FILE *out, const char **s);

/* put_char() over all of `s`. */
void put_text(FILE *out, const char *s);

/* put_text(), then spaces up to `width` characters. */
void pad_right(FILE *out, const char *s, size_t width);

/* "6 asked, 5 replied (1 refused), 1 pending; 4 answered and counted" */
void accounting_text(const struct tally *t, FILE *out);

/* "Responses: " and accounting_text() of the report's tally, a line. */
void accounting_line(const struct report *rep, FILE *out);

/* Text for XML (svg, html): escaped, controls XML forbids as '?'. */
void xml_text(FILE *out, const char *s);

/* The survey's title, or a plain one when the rules give none. */
const char *survey_title(const struct report *rep);

/* The bar chart, as svg.c draws it; `standalone` adds the XML prolog. */
void svg_chart(const struct report *rep, FILE *out, int standalone);

#endif
