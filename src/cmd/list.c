/*
 * list.c - `foitab list FILE [BUCKET...]`: the bodies behind each
 * figure, in the buckets named (all when none is) and the groups
 * --pending and --refused ask for.
 */
#include <stdio.h>
#include <string.h>

#include "exitcodes.h"
#include "run.h"
#include "text.h"

/*
 * The buckets named on the command line, as bits; all buckets when none
 * is named and no other group is asked for.  An unknown name is a usage
 * error.
 */
static int select_buckets(struct run *run)
{
	const struct options *o = run->opt;
	const struct tally *t = &run->tally;
	int i;
	size_t b;

	if (o->noperands == 1 && !o->list_pending && !o->list_refused) {
		for (b = 0; b < t->nbuckets; b++)
			bitset_add(&run->selected, (unsigned)b);
		return FOITAB_OK;
	}
	for (i = 1; i < o->noperands; i++) {
		const char *name = o->operands[i];
		struct strbuf folded = STRBUF_INIT;
		const char *best = NULL;
		unsigned best_d = 3;
		char keys[400] = "";

		/* Keys are matched as the rules file's names are: folded. */
		if (text_fold(name, strlen(name), &folded) < 0)
			return FOITAB_OSERR;
		for (b = 0; b < t->nbuckets; b++) {
			const char *key = t->rules->buckets[b].key;
			unsigned d = text_distance(strbuf_str(&folded), key, 3);

			if (d == 0)
				break;
			if (d < best_d) {
				best_d = d;
				best = key;
			}
			snprintf(keys + strlen(keys), sizeof keys - strlen(keys),
				 "%s%s", b ? ", " : "", key);
		}
		strbuf_release(&folded);
		if (b < t->nbuckets) {
			bitset_add(&run->selected, (unsigned)b);
			continue;
		}
		if (best)
			diag_error(run->diag, NULL, 0, "list: unknown bucket '%s' "
				   "(did you mean '%s'?)", name, best);
		else
			diag_error(run->diag, NULL, 0, "list: unknown bucket '%s'; "
				   "the buckets are: %s", name, keys);
		return FOITAB_USAGE;
	}
	return FOITAB_OK;
}

static int list(struct run *run)
{
	struct loader_counts counts;
	int status, header_ok;

	status = select_buckets(run);
	if (status == FOITAB_OK)
		status = run_load_registry(run);
	if (status == FOITAB_OK)
		status = run_read_survey(run, run->opt->input, &run->tally,
					 &counts, &header_ok);
	if (status != FOITAB_OK)
		return status;
	return run_report(run, REPORT_LIST, NULL, run->opt->input);
}

const struct command command_list = {
	.name = "list",
	.synopsis = "list [OPTIONS] FILE [BUCKET...]",
	.help = "'list' names the bodies in each bucket, or in the BUCKETs named\n"
		"and the groups --pending and --refused ask for.\n",
	.run = list,
	.options = OPTIONS_SHEET | OPTIONS_REPORT | OPTION_PENDING |
		   OPTION_REFUSED,
	.min = 1, .max = COMMAND_ANY, .files = 1,
	.operands = "one file (or '-' for standard input), then the buckets "
		    "to list, if not all",
	.view = REPORT_LIST,
	.needs = NEEDS_RULES | NEEDS_ROSTER,
};
