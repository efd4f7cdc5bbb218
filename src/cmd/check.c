/*
 * check.c - `foitab check FILE`: every problem in the survey, then a
 * one-line summary of the rows.
 */
#include <stdio.h>
#include <stdlib.h>

#include "exitcodes.h"
#include "output.h"
#include "run.h"

/* What the one-line summary says. */
struct summary {
	const struct run *run;
	struct loader_counts counts;
};

static void write_summary(const void *ctx, FILE *out)
{
	const struct summary *s = ctx;
	const struct run *run = s->run;
	unsigned long rows = s->counts.rows - s->counts.blank_rows;
	unsigned long bad = s->counts.bad_rows + run->register_errors;
	char warnings[64] = "";

	if (run->diag->warnings)
		snprintf(warnings, sizeof warnings, "; %lu warning%s",
			 run->diag->warnings, run->diag->warnings == 1 ? "" : "s");
	fprintf(out, "%lu rows: %lu valid, %lu with errors; %lu blank rows "
		"skipped%s\n", rows, rows > bad ? rows - bad : 0, bad,
		s->counts.blank_rows, warnings);
}

/* The summary of a file with errors: on stderr, in the messages' shape. */
static void summarise_errors(const struct summary *s, int header_ok)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem;

	if (!header_ok) {
		diag_note(s->run->diag, s->run->name, 0, "no rows checked: the "
			  "header must be put right first");
		return;
	}
	mem = open_memstream(&text, &len);
	if (!mem)
		return;
	write_summary(s, mem);
	fclose(mem);
	if (len && text[len - 1] == '\n')
		text[len - 1] = '\0';
	diag_note(s->run->diag, s->run->name, 0, "%s", text);
	free(text);
}

static int check(struct run *run)
{
	struct summary summary;
	int status, header_ok;

	summary.run = run;
	run->diag->each = 1;     /* every column not read, on its own line */
	status = run_load_registry(run);
	if (status != FOITAB_OK)
		return status;
	status = run_read_survey(run, run->opt->input, &run->tally,
				 &summary.counts, &header_ok);
	if (status == FOITAB_OSERR)
		return status;
	diag_close(run->diag);   /* the count of hidden messages first */
	if (status != FOITAB_OK) {
		summarise_errors(&summary, header_ok);
		return status;
	}
	return output_write(run->opt->output, write_summary, &summary,
			    run->diag);
}

const struct command command_check = {
	.name = "check",
	.synopsis = "check [OPTIONS] FILE",
	.help = "'check' only checks the file and prints a one-line summary.\n",
	.run = check,
	.options = OPTIONS_SHEET,
	.min = 1, .max = 1, .files = 1,
	.operands = "one file (or '-' for standard input)",
	.view = COMMAND_NO_VIEW,
	.needs = NEEDS_RULES,
};
