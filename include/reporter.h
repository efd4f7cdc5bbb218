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
	struct bitset selected;            /* i: list bucket i */
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
 * What a report shows, each printed by one renderer of a format:
 * the figures of one file, the bodies in the selected buckets and groups
 * (list), the figures of each group of a grouping (by), two tallies side
 * by side (compare), and what `denominators` and `agree` found.  A
 * command names the view it prints (commands.h).
 */
enum report_view {
	REPORT_FIGURES,
	REPORT_LIST,
	REPORT_BY,
	REPORT_COMPARE,
	REPORT_DENOMINATORS,             /* rep->denominators */
	REPORT_AGREE,                    /* rep->agree */
	REPORT_VIEWS
};

/*
 * A format: a row of the table in reporter.c, defined in a file of its
 * own under src/report/.  `view` holds a renderer for each view it can
 * show, NULL for the others.  `whole` marks a format that is one whole
 * document: it lists every bucket's bodies and who did not answer, at
 * once, whatever the command line selected.
 */
struct report_format {
	const char *name;                /* as given to --format */
	const char *label;               /* as a page offers it: "chart (SVG)" */
	const char *extension;           /* a file of it: "txt", "md" */
	const char *media_type;          /* "text/csv" */
	int whole;
	report_render_fn view[REPORT_VIEWS];
};

/*
 * Print `rep` with `render` to the file `output` names, or to standard
 * output when it is NULL, as output_write() does; its status.
 */
int reporter_write(const char *output, const struct report *rep,
		   report_render_fn render, struct diag *diag);

/*
 * Print the `view` of `rep` in `format` (which must have that view) as
 * reporter_write() does.  A whole format selects every bucket and
 * group; standard output that is a terminal gets bars, coloured unless
 * NO_COLOR is set or TERM is dumb.
 */
int reporter_print(const char *output, struct report *rep,
		   const struct report_format *format, enum report_view view,
		   struct diag *diag);

/* The format called `name`, or NULL. */
const struct report_format *reporter_find(const char *name);

/* All formats, in the order --help lists them; `*n` receives the count. */
const struct report_format *const *reporter_formats(size_t *n);

/*
 * The formats that have `view`, as "table, csv, tsv" into `buf` (cut
 * short to fit `size`); returns buf.
 */
const char *reporter_names(enum report_view view, char *buf, size_t size);

/* Every format on a line: name, extension, media type, views, label. */
void reporter_list_formats(FILE *out);

/*
 * Would a spreadsheet take cell text `s` for a formula?  True when it
 * starts with '=', '+', '-', '@', a tab or a CR and is not a plain number
 * such as "-3" or "+1.5".  The csv and tsv formats put a ' before such
 * cells (as OWASP advises) unless raw_cells is set.
 */
int reporter_formula_like(const char *s);

#endif
