/*
 * denominators.c - `foitab denominators [--range MIN-MAX] [-d N]
 * [--rounding HOW] PERCENT...`: which denominators could give a set of
 * published percentages (the GRIM test of Brown and Heathers, applied to
 * percentages), and the counts out of each.  stats.c does the sums; a
 * format prints what was found.
 */
#include <string.h>

#include "exitcodes.h"
#include "mem.h"
#include "run.h"
#include "stats.h"

#define DENOMINATOR_TESTS_MAX 10000000ULL   /* denominators x percentages */

static int denominators(struct run *run)
{
	const struct options *o = run->opt;
	struct diag *diag = run->diag;
	size_t n = (size_t)o->noperands, i, nfits = 0, cap = 0;
	unsigned long long *percents;
	int *decimals;
	char **given;
	unsigned long *fits = NULL;
	unsigned long *first, *last, den;
	struct denominators_report d;
	struct report report;
	int status = FOITAB_OK;

	/* Each test is cheap, but not a hundred million of them. */
	if ((unsigned long long)(o->range_max - o->range_min + 1) * n >
	    DENOMINATOR_TESTS_MAX) {
		diag_error(diag, NULL, 0, "--range %lu-%lu with %zu percentage%s "
			   "is more than %llu tests; narrow the range",
			   o->range_min, o->range_max, n, n == 1 ? "" : "s",
			   DENOMINATOR_TESTS_MAX);
		return FOITAB_USAGE;
	}
	percents = mem_realloc_array(NULL, n, sizeof *percents);
	decimals = mem_realloc_array(NULL, n, sizeof *decimals);
	given = mem_calloc(n, sizeof *given);
	first = mem_realloc_array(NULL, n, sizeof *first);
	last = mem_realloc_array(NULL, n, sizeof *last);
	if (!percents || !decimals || !given || !first || !last)
		status = FOITAB_OSERR;
	for (i = 0; i < n && status == FOITAB_OK; i++) {
		char text[32];

		if (stats_parse_percent(o->operands[i], &percents[i],
					&decimals[i]) < 0) {
			diag_error(diag, NULL, 0, "'%s' is not a percentage from "
				   "0 to 100 with at most %d decimals",
				   o->operands[i], STATS_MAX_DECIMALS);
			status = FOITAB_USAGE;
			break;
		}
		/* -d N: every percentage was printed at N decimals. */
		if (o->decimals_given) {
			if (decimals[i] > o->decimals) {
				diag_error(diag, NULL, 0, "'%s' has %d decimal%s, "
					   "but -d %d says %d", o->operands[i],
					   decimals[i], decimals[i] == 1 ? "" : "s",
					   o->decimals, o->decimals);
				status = FOITAB_USAGE;
				break;
			}
			for (; decimals[i] < o->decimals; decimals[i]++)
				percents[i] *= 10;
		}
		stats_fixed(text, sizeof text, percents[i], decimals[i]);
		given[i] = mem_strndup(text, strlen(text));
		if (!given[i])
			status = FOITAB_OSERR;
	}
	for (den = o->range_min; status == FOITAB_OK && den <= o->range_max;
	     den++) {
		if (!stats_denominator_fits(percents, decimals, n, den,
					    o->rounding, first, last))
			continue;
		if (nfits == cap) {
			unsigned long *more;

			cap = cap ? cap * 2 : 16;
			more = mem_realloc_array(fits, cap, sizeof *more);
			if (!more) {
				status = FOITAB_OSERR;
				break;
			}
			fits = more;
		}
		/* The counts are found again as they are printed. */
		fits[nfits++] = den;
	}
	if (status == FOITAB_OK) {
		memset(&d, 0, sizeof d);
		d.given = given;
		d.percents = percents;
		d.decimals = decimals;
		d.n = n;
		d.rounding = o->rounding;
		d.min = o->range_min;
		d.max = o->range_max;
		d.fits = fits;
		d.nfits = nfits;
		memset(&report, 0, sizeof report);
		report.denominators = &d;
		report.decimals = o->decimals;
		report.raw_cells = o->raw_cells;
		status = reporter_print(o->output, &report,
					reporter_find(o->format),
					REPORT_DENOMINATORS, diag);
		if (status == FOITAB_OK && nfits == 0)
			status = FOITAB_NONE_FIT;
	}
	mem_free(fits);
	for (i = 0; given && i < n; i++)
		mem_free(given[i]);
	mem_free(given);
	mem_free(percents);
	mem_free(decimals);
	mem_free(first);
	mem_free(last);
	return status;
}

/* It reads no file: no rules, no survey. */
const struct command command_denominators = {
	.name = "denominators",
	.synopsis = "denominators [OPTIONS] PERCENT...",
	.help = "'denominators' finds the denominators that fit published\n"
		"percentages, and the counts behind them.\n",
	.run = denominators,
	.options = OPTIONS_REPORT | OPTION_OUTPUT | OPTION_RANGE |
		   OPTION_ROUNDING,
	.min = 1, .max = COMMAND_ANY, .files = 0,
	.operands = "the published percentages, such as: foitab denominators "
		    "6 29 12",
	.view = REPORT_DENOMINATORS,
	.needs = 0,
};
