/*
 * init.c - `foitab init FILE`: a first draft of rules for a sheet, to
 * start a survey's own (draft.c does the guessing).
 */
#include "draft.h"
#include "exitcodes.h"
#include "output.h"
#include "run.h"

static void write_draft(const void *ctx, FILE *out)
{
	draft_write(ctx, out);
}

static int init(struct run *run)
{
	struct csv_source src = { NULL, NULL, 0 };
	struct draft draft;
	int status;

	src.stream = run_open_input(run->opt->input, &run->name, run->diag);
	if (!src.stream)
		return FOITAB_NOINPUT;
	status = draft_read(&draft, &src, run->name, &run->opt->csv,
			    run->opt->sheet, run->diag);
	run_close_input(src.stream);
	if (status == FOITAB_OK)
		status = output_write(run->opt->output, write_draft, &draft,
				      run->diag);
	draft_free(&draft);
	return status;
}

/* It writes rules, so it reads none. */
const struct command command_init = {
	.name = "init",
	.synopsis = "init [OPTIONS] FILE",
	.help = "'init' drafts a rules file from a sheet, to start a survey's own.\n",
	.run = init,
	.options = OPTION_OUTPUT | OPTION_DELIMITER | OPTION_ENCODING |
		   OPTION_SHEET,
	.min = 1, .max = 1, .files = 1,
	.operands = "one file (or '-' for standard input)",
	.view = COMMAND_NO_VIEW,
	.needs = 0,
};
