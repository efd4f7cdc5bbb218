/*
 * compare.c - `foitab compare OLD NEW`: both files checked under the
 * same rules, their figures side by side with the change.
 */
#include "exitcodes.h"
#include "run.h"

static int compare(struct run *run)
{
	const char *older = run->opt->operands[0];
	const char *newer = run->opt->operands[1];
	struct loader_counts counts;
	int status, after, header_ok;

	status = run_load_registry(run);
	if (status != FOITAB_OK)
		return status;
	status = run_read_survey(run, older, &run->before, &counts,
				 &header_ok);
	if (status != FOITAB_OK && status != FOITAB_DATAERR)
		return status;
	/* The new file is checked whatever the old one held. */
	registry_reset(&run->registry);
	after = run_read_survey(run, newer, &run->tally, &counts, &header_ok);
	if (status == FOITAB_OK || after == FOITAB_OSERR)
		status = after;
	if (status != FOITAB_OK)
		return status;
	return run_report(run, REPORT_COMPARE, older, newer);
}

const struct command command_compare = {
	.name = "compare",
	.synopsis = "compare [OPTIONS] OLD NEW",
	.help = "'compare' puts two files' figures side by side, with the change.\n",
	.run = compare,
	.options = OPTIONS_SHEET | OPTIONS_REPORT | OPTION_CI |
		   OPTION_BASELINE,   /* accepted, as "-b none", and never printed */
	.min = 2, .max = 2, .files = 2,
	.operands = "two files: the older, then the newer",
	.view = REPORT_COMPARE,
	.needs = NEEDS_RULES,
};
