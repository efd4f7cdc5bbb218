/*
 * reporter.h - prints a tally, beside a baseline, in one of several formats.
 *
 * Every format is a row in one table (one file each under src/report/),
 * taking the same `struct report` and a stream.  The figures come from
 * stats.h: count * 100 / denominator in integers, rounded half away from
 * zero at the chosen number of decimals, so 12.5% is 13% and no float
 * artefact can creep in.  The same table gives lists of bodies, --by
 * groups and comparisons in the formats that can show them.
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
#include "stats.h"

#define REPORTER_MAX_DECIMALS STATS_MAX_DECIMALS

struct denominators_report {
	char *const *given;            /* the percentages as given ("6%") */
	const unsigned long long *percents;  /* each times 10^decimals[i] */
	const int *decimals;
	size_t n;
	enum stats_rounding rounding;
	unsigned long min, max;        /* the denominators tried */
	const unsigned long *fits;     /* the denominators that fit them all */
	size_t nfits;
};

struct agree_report;                   /* agree.h */

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
	/* For `foitab denominators` and `foitab agree` (no tally): */
	const struct denominators_report *denominators;
	const struct agree_report *agree;
};

typedef void (*report_render_fn)(const struct report *rep, FILE *out);

/*
 * A format: `render` prints the tally (the buckets' figures), `list` the
 * bodies in the selected buckets and groups, `by` the figures of each
 * group of a grouping, `compare` two tallies side by side, `denominators`
 * and `agree` what those commands found; NULL for what it does not show.
 */
struct report_format {
	const char *name;                  /* as given to --format */
	report_render_fn render;
	report_render_fn list;
	report_render_fn by;
	report_render_fn compare;
	report_render_fn denominators;   /* rep->denominators */
	report_render_fn agree;          /* rep->agree */
};

/*
 * Print `rep` with `render` to the file `output` names, or to standard
 * output when it is NULL, as output_write() does; its status.
 */
int reporter_write(const char *output, const struct report *rep,
		   report_render_fn render, struct diag *diag);

/* The format called `name`, or NULL. */
const struct report_format *reporter_find(const char *name);

/* All formats, in the order --help lists them; `*n` receives the count. */
const struct report_format *const *reporter_formats(size_t *n);

/*
 * Would a spreadsheet take cell text `s` for a formula?  True when it
 * starts with '=', '+', '-', '@', a tab or a CR and is not a plain number
 * such as "-3" or "+1.5".  The csv and tsv formats put a ' before such
 * cells (as OWASP advises) unless raw_cells is set.
 */
int reporter_formula_like(const char *s);

#endif
