/*
 * reporter.h - prints a tally, beside a baseline, in one of several formats.
 *
 * Every format is a function in one table, taking the same `struct report`
 * and a stream.  Percentages are computed here, in integers: count * 100 /
 * denominator rounded half away from zero at the chosen number of
 * decimals, so 12.5% is 13% and no float artefact can creep in.  The
 * same table gives lists of bodies, --by groups and comparisons in the
 * formats that can show them.
 *
 * Renderers write only to the stream they are given; checking that the
 * writes succeeded is the caller's job (ferror/fclose at the end).
 */
#ifndef FOITAB_REPORTER_H
#define FOITAB_REPORTER_H

#include <stddef.h>
#include <stdio.h>

#include "baseline.h"
#include "classifier.h"
#include "registry.h"

#define REPORTER_MAX_DECIMALS 3

struct report {
	const struct tally *tally;
	const struct baseline *baseline;   /* NULL: no baseline */
	const struct registry *registry;   /* NULL: no register check */
	int decimals;                      /* 0 .. REPORTER_MAX_DECIMALS */
	int raw_cells;                     /* csv/tsv: no formula guard */
	int ci_level;                      /* 90, 95 or 99; 0: no intervals */
	int bars;                          /* table: draw bars (a terminal) */
	int colour;                        /* bars in colour */
	/* For the lists of `foitab list`: */
	const struct roster *roster;       /* every body, in file order */
	unsigned long selected;            /* bit i: list bucket i */
	int list_pending, list_refused;    /* list these groups too */
	/* For `--by COLUMN`: */
	const struct grouping *grouping;
	/* For `foitab compare OLD NEW` (tally is NEW): */
	const struct tally *before;
	const char *before_name, *after_name;
};

typedef void (*report_render_fn)(const struct report *rep, FILE *out);

/*
 * A format: `render` prints the tally (the buckets' figures), `list` the
 * bodies in the selected buckets and groups, `by` the figures of each
 * group of a grouping, `compare` two tallies side by side.
 */
struct report_format {
	const char *name;                  /* as given to --format */
	report_render_fn render;
	report_render_fn list;
	report_render_fn by;
	report_render_fn compare;
};

/* The format called `name`, or NULL. */
const struct report_format *reporter_find(const char *name);

/* All formats, in the order --help lists them; `*n` receives the count. */
const struct report_format *reporter_formats(size_t *n);

/*
 * count / den as a percentage times 10^decimals, rounded half away from
 * zero.  `den` must be > 0 and count <= den; decimals 0..3.
 */
unsigned long long reporter_percent_scaled(unsigned long count,
					   unsigned long den, int decimals);

/*
 * The Wilson score interval for count/den (den > 0) at `level` percent
 * confidence (90, 95 or 99), as proportions in [0, 1].  At count 0 the
 * low end is exactly 0, at count == den the high end exactly 1.
 */
void reporter_wilson(unsigned long count, unsigned long den, int level,
		     double *low, double *high);

/*
 * A proportion in [0, 1] as a percentage times 10^decimals, rounded half
 * up (the ends of an interval).
 */
unsigned long long reporter_proportion_scaled(double p, int decimals);

/*
 * The change from before_count/before_den to after_count/after_den, in
 * percentage points times 10^decimals, rounded half away from zero; its
 * sign in *negative.  Both denominators must be > 0.
 */
unsigned long long reporter_change_scaled(unsigned long before_count,
					  unsigned long before_den,
					  unsigned long after_count,
					  unsigned long after_den,
					  int decimals, int *negative);

/*
 * Would a spreadsheet take cell text `s` for a formula?  True when it
 * starts with '=', '+', '-', '@', a tab or a CR and is not a plain number
 * such as "-3" or "+1.5".  The csv and tsv formats put a ' before such
 * cells (as OWASP advises) unless raw_cells is set.
 */
int reporter_formula_like(const char *s);

/* `scaled` / 10^decimals as text ("12", "12.5", "0.333") into `buf`. */
const char *reporter_fixed(char *buf, size_t size, unsigned long long scaled,
			   int decimals);

#endif
