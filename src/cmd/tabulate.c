/*
 * tabulate.c - `foitab [OPTIONS] FILE`: the survey checked and counted,
 * its figures printed beside the baseline, or for each group of --by.
 */
#include <stdio.h>
#include <string.h>

#include "exitcodes.h"
#include "run.h"
#include "text.h"

/* Register columns --by can name, in the order of BY_REGISTER_. */
static const char *const register_columns[] = {
	"name", "ons_code", "ods_code", "region"
};

/*
 * Which column --by names: one of the rules' (not a list), or one of the
 * register's.  An unknown name is a usage error naming the choices.
 */
static int resolve_by(struct run *run)
{
	struct strbuf folded = STRBUF_INIT;
	char names[600] = "";
	size_t i, used = 0;
	int c;

	if (text_fold(run->opt->by, strlen(run->opt->by), &folded) < 0)
		return FOITAB_OSERR;
	c = rules_column(&run->rules, strbuf_str(&folded));
	run->grouping.column = run->opt->by;
	run->by.name = run->opt->by;
	run->by.column = -1;
	if (c >= 0 && run->rules.columns[c].type == COLUMN_NUMBER) {
		diag_error(run->diag, NULL, 0, "--by: '%s' is a number column, "
			   "and its figures are summed, not grouped; group by a "
			   "column of categories", run->opt->by);
		strbuf_release(&folded);
		return FOITAB_USAGE;
	}
	if (c >= 0 && run->rules.columns[c].type != COLUMN_LIST) {
		run->by.column = c;
		/* Grouped by, it must be in the header like a tested one. */
		run->rules.columns[c].tested = 1;
		strbuf_release(&folded);
		return FOITAB_OK;
	}
	for (i = 0; run->have_registry && i < 4; i++)
		if (strcmp(register_columns[i], strbuf_str(&folded)) == 0) {
			run->by.field = (int)i;
			strbuf_release(&folded);
			return FOITAB_OK;
		}
	strbuf_release(&folded);
	for (i = 0; i < run->rules.ncolumns && used < sizeof names; i++)
		if (run->rules.columns[i].type != COLUMN_LIST &&
		    run->rules.columns[i].type != COLUMN_NUMBER)
			used += (size_t)snprintf(names + used, sizeof names - used,
						 "%s%s", used ? ", " : "",
						 run->rules.columns[i].name);
	for (i = 0; run->have_registry && i < 4 && used < sizeof names; i++)
		used += (size_t)snprintf(names + used, sizeof names - used,
					 ", %s", register_columns[i]);
	if (c >= 0)
		diag_error(run->diag, NULL, 0, "--by: '%s' is a list, and a body "
			   "can be in several of its values; group by one of: %s",
			   run->opt->by, names);
	else
		diag_error(run->diag, NULL, 0, "--by: there is no column '%s'; "
			   "group by one of: %s%s", run->opt->by, names,
			   run->have_registry ? "" : " (or a column of a "
			   "register, with --register)");
	return FOITAB_USAGE;
}

static int tabulate(struct run *run)
{
	struct loader_counts counts;
	int status = FOITAB_OK, header_ok;

	if (!run->opt->by)
		status = run_load_baseline(run);
	if (status == FOITAB_OK)
		status = run_load_registry(run);
	if (status == FOITAB_OK && run->opt->by)
		status = resolve_by(run);
	if (status == FOITAB_OK)
		status = run_read_survey(run, run->opt->input, &run->tally,
					 &counts, &header_ok);
	if (status != FOITAB_OK)
		return status;
	return run_report(run, run->opt->by ? REPORT_BY : REPORT_FIGURES,
			  NULL, run->opt->input);
}

const struct command command_tabulate = {
	.name = "tabulate",
	.implicit = 1,
	.synopsis = "[OPTIONS] FILE",
	.help = "Tabulate a coded Freedom of Information survey (CSV) into the\n"
		"survey's buckets, with counts, denominators and percentages.\n",
	.run = tabulate,
	.options = OPTIONS_SHEET | OPTIONS_REPORT | OPTION_BASELINE |
		   OPTION_BY | OPTION_CI,
	.min = 1, .max = 1, .files = 1,
	.operands = "one file (or '-' for standard input)",
	.view = REPORT_FIGURES,
	.needs = NEEDS_RULES,
};
