/*
 * agree.c - `foitab agree FILE FILE...`: how far two or more codings of
 * one survey agree, body by body (coders.c matches and measures them).
 */
#include <assert.h>
#include <string.h>

#include "coders.h"
#include "exitcodes.h"
#include "run.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/*
 * Each coding read and checked under the rules (every file, whatever
 * the others held), its bodies kept with their values; then coders.c
 * matches and measures them.
 */
static int agree_codings(struct run *run)
{
	const struct options *o = run->opt;
	size_t n = (size_t)o->noperands, i, read = 0;
	struct roster rosters[AGREE_FILES_MAX];
	struct tally tallies[AGREE_FILES_MAX];
	struct coding codings[AGREE_FILES_MAX];
	struct agree_report agree;
	struct loader_counts counts;
	int status = FOITAB_OK, header_ok;

	assert(n >= 2 && n <= AGREE_FILES_MAX && n <= CODERS_MAX);
	/* Each coding is checked against the register, as compare checks
	 * each of its files. */
	status = run_load_registry(run);
	if (status != FOITAB_OK)
		return status;
	for (i = 0; i < n && status != FOITAB_OSERR; i++) {
		int one;

		if (i > 0)
			registry_reset(&run->registry);
		tally_init(&tallies[i], &run->rules);
		run->roster = (struct roster)ROSTER_INIT;
		run->roster.keep_values = run->rules.ncolumns;
		run->keep_roster = 1;
		one = run_read_survey(run, o->operands[i], &tallies[i], &counts,
				  &header_ok);
		rosters[i] = run->roster;
		run->roster = (struct roster)ROSTER_INIT;
		read++;
		codings[i].file = run_input_name(o->operands[i]);
		codings[i].roster = &rosters[i];
		codings[i].tally = &tallies[i];
		if (one != FOITAB_OK && (status == FOITAB_OK ||
					 one == FOITAB_OSERR))
			status = one;
	}
	if (status == FOITAB_OK) {
		if (coders_agree(&run->rules, codings, n, &agree) < 0) {
			status = FOITAB_OSERR;
		} else {
			struct report report;

			memset(&report, 0, sizeof report);
			report.decimals = o->decimals;
			report.raw_cells = o->raw_cells;
			report.agree = &agree;
			status = reporter_print(o->output, &report,
						reporter_find(o->format),
						REPORT_AGREE, run->diag);
			agree_report_free(&agree);
		}
	}
	for (i = 0; i < read; i++) {
		roster_free(&rosters[i]);
		tally_free(&tallies[i]);
	}
	return status;
}

const struct command command_agree = {
	.name = "agree",
	.synopsis = "agree [OPTIONS] FILE FILE [FILE...]",
	.help = "'agree' measures how far two or more codings of one survey agree.\n",
	.run = agree_codings,
	.options = OPTIONS_SHEET | OPTIONS_REPORT,
	.min = 2, .max = AGREE_FILES_MAX, .files = COMMAND_ANY,
	.operands = "two to " STR(AGREE_FILES_MAX) " codings of the same "
		    "survey, as files",
	.view = REPORT_AGREE,
	.needs = NEEDS_RULES,
};
