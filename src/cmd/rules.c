/*
 * rules.c - `foitab rules`: the rules file in use, as it is written
 * (the built-in one when --rules names none).
 */
#include <stdio.h>

#include "output.h"
#include "run.h"

static void write_rules(const void *ctx, FILE *out)
{
	const struct rules *rules = ctx;

	fwrite(strbuf_str(&rules->source), 1, rules->source.len, out);
}

static int show_rules(struct run *run)
{
	return output_write(run->opt->output, write_rules, &run->rules,
			    run->diag);
}

const struct command command_rules = {
	.name = "rules",
	.synopsis = "rules [--rules FILE]",
	.help = "'rules' prints the rules file in use.\n",
	.run = show_rules,
	.options = OPTION_RULES | OPTION_OUTPUT,
	.min = 0, .max = 0, .files = 0,
	.operands = "no file (name a rules file with --rules FILE)",
	.view = COMMAND_NO_VIEW,
	.needs = NEEDS_RULES,
};
