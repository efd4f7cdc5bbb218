/*
 * run.c - what every command needs before it runs, in one place: -o
 * checked against every file the run reads, the rules, the baseline, the
 * register, each survey file read and checked, and the report printed
 * at the end.  command_run() does what the command's row says it needs,
 * then calls the command's function.
 */
#include <assert.h>
#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "exitcodes.h"
#include "mem.h"
#include "output.h"
#include "run.h"
#include "text.h"

const char *run_input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

FILE *run_open_input(const char *path, const char **name,
			struct diag *diag)
{
	FILE *in;

	*name = run_input_name(path);
	if (strcmp(path, "-") == 0)
		return stdin;
	in = fopen(path, "rb");
	if (!in)
		diag_error(diag, path, 0, "cannot open: %s", strerror(errno));
	return in;
}

void run_close_input(FILE *in)
{
	if (in && in != stdin)
		fclose(in);
}

/*
 * Read the rules: a file, or the built-in ones.  Relative paths in a rules
 * file are taken from the file's directory.
 */
static int load_rules(struct run *run)
{
	const struct builtin_file *b;
	const char *path = run->opt->rules, *name, *slash;
	char *dir;
	FILE *in;
	int status;

	if (!path) {
		b = builtin_find(BUILTIN_RULES);
		return rules_read_bytes(&run->rules, b->bytes, b->len,
					"data/" BUILTIN_RULES " (built in)", NULL,
					run->diag);
	}
	in = run_open_input(path, &name, run->diag);
	if (!in)
		return FOITAB_NOINPUT;
	slash = strrchr(path, '/');
	dir = mem_strndup(path, slash ? (size_t)(slash - path) : 1);
	if (!dir) {
		run_close_input(in);
		return FOITAB_OSERR;
	}
	if (!slash)
		dir[0] = '.';
	status = rules_read_stream(&run->rules, in, name, dir, run->diag);
	mem_free(dir);
	run_close_input(in);
	return status;
}

/*
 * The path of a file a rules file names (`written`): as it is if absolute,
 * else beside the rules file.  The caller frees it; NULL when out of
 * memory.  Only for rules read from a file (rules->dir set).
 */
static char *rules_path(const struct rules *rules, const char *written)
{
	size_t len = strlen(rules->dir) + strlen(written) + 2;
	char *path = mem_realloc(NULL, len);

	if (path && written[0] == '/')
		snprintf(path, len, "%s", written);
	else if (path)
		snprintf(path, len, "%s/%s", rules->dir, written);
	return path;
}

/*
 * Open the data file that `option` names (a path, or "-"), or failing
 * that the one the rules name (`written`): beside the rules file, or
 * built in with the built-in rules.  Fills `src` and `*name`, which the
 * caller frees with mem_free() once done with the data.
 */
static int open_data(struct run *run, const char *option, const char *written,
		     struct csv_source *src, char **name)
{
	const struct rules *rules = &run->rules;
	const struct builtin_file *b;
	const char *shown;
	size_t len;

	memset(src, 0, sizeof *src);
	if (option) {
		src->stream = run_open_input(option, &shown, run->diag);
		*name = mem_strndup(shown, strlen(shown));
		if (!*name)
			return FOITAB_OSERR;
		return src->stream ? FOITAB_OK : FOITAB_NOINPUT;
	}
	if (!rules->dir) {
		len = strlen(written) + sizeof "data/ (built in)";
		*name = mem_realloc(NULL, len);
		if (!*name)
			return FOITAB_OSERR;
		snprintf(*name, len, "data/%s (built in)", written);
		b = builtin_find(written);
		if (!b) {
			diag_error(run->diag, rules->name, 0, "'%s' is not built in",
				   written);
			return FOITAB_NOINPUT;
		}
		src->bytes = b->bytes;
		src->len = b->len;
		return FOITAB_OK;
	}
	*name = rules_path(rules, written);
	if (!*name)
		return FOITAB_OSERR;
	src->stream = fopen(*name, "rb");
	if (!src->stream) {
		diag_error(run->diag, *name, 0, "cannot open: %s (named in %s)",
			   strerror(errno), rules->name);
		return FOITAB_NOINPUT;
	}
	return FOITAB_OK;
}

static void close_data(struct csv_source *src)
{
	run_close_input(src->stream);
	src->stream = NULL;
}

/*
 * A baseline key that is no bucket's but is close to one is most likely
 * a slip (printed on a row of its own, its figure would stand beside
 * nothing): a warning naming the bucket.
 */
static void warn_near_keys(struct run *run, const char *name)
{
	const struct rules *rules = &run->rules;
	size_t i, k;

	for (i = 0; i < run->baseline.n; i++) {
		const struct baseline_row *row = &run->baseline.rows[i];

		for (k = 0; k < rules->nbuckets; k++)
			if (strcmp(rules->buckets[k].key, row->key) == 0)
				break;
		if (k < rules->nbuckets)
			continue;
		for (k = 0; k < rules->nbuckets; k++)
			if (text_distance(rules->buckets[k].key, row->key, 3) < 3)
				break;
		if (k < rules->nbuckets)
			diag_warning(run->diag, name, row->line, "key '%s' is no "
				     "bucket's, so it is shown on a row of its own "
				     "(did you mean '%s'?)", row->key,
				     rules->buckets[k].key);
	}
}

int run_load_baseline(struct run *run)
{
	const char *option = run->opt->baseline;
	struct csv_source src;
	char *name = NULL;
	int status;

	if ((option && strcmp(option, "none") == 0) ||
	    (!option && !run->rules.baseline))
		return FOITAB_OK;
	run->have_baseline = 1;
	status = open_data(run, option, run->rules.baseline, &src, &name);
	if (status == FOITAB_OK)
		status = baseline_read(&run->baseline, &src, name, run->diag);
	if (status == FOITAB_OK)
		warn_near_keys(run, name);
	close_data(&src);
	mem_free(name);
	return status;
}

int run_load_registry(struct run *run)
{
	const char *option = run->opt->registry;
	struct csv_source src;
	int status;

	if ((option && strcmp(option, "none") == 0) ||
	    (!option && !run->rules.registry))
		return FOITAB_OK;
	run->have_registry = 1;
	/* Messages name the register to the end: run keeps its name. */
	status = open_data(run, option, run->rules.registry, &src,
			   &run->registry_name);
	/* A file is read on as many threads as a survey is (-j). */
	if (status == FOITAB_OK && src.stream)
		status = registry_read_parts(&run->registry, src.stream,
					     run->registry_name, run->diag,
					     run->opt->jobs ? run->opt->jobs :
					     split_default_jobs(), 0);
	else if (status == FOITAB_OK)
		status = registry_read(&run->registry, &src, run->registry_name,
				       run->diag);
	close_data(&src);
	return status;
}

/*
 * Refuse an -o that names a file this run reads: written at the end, it
 * would replace the survey (or the rules, baseline or register) with the
 * report.  `paths` ends with NULL; NULLs before it are skipped.
 */
static int check_output(const struct options *o, const char *const *paths,
			size_t n, struct diag *diag)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (paths[i] && strcmp(paths[i], "none") != 0 &&
		    output_is(o->output, paths[i])) {
			diag_error(diag, NULL, 0, "-o %s: that is %s, which this "
				   "run reads; writing the report there would "
				   "replace it. Name another output file",
				   o->output, strcmp(paths[i], "-") == 0 ?
				   "standard input" : paths[i]);
			return FOITAB_USAGE;
		}
	return FOITAB_OK;
}

/* A total too large to add exactly is refused, never wrapped. */
static int overflowed(struct run *run, const struct tally *t)
{
	size_t i;
	int status = FOITAB_OK;

	for (i = 0; i < t->nfigures; i++) {
		const struct figures *f = &t->figures[i];

		if (!f->overflow_line)
			continue;
		diag_error(run->diag, run->name, f->overflow_line == ULONG_MAX ?
			   0 : f->overflow_line, "column '%s': the total of its "
			   "figures is too large for foitab to add exactly "
			   "(about 9.2e18 in units of its smallest decimal); "
			   "check the figures for a slip, or divide them by a "
			   "thousand", run->rules.columns[f->column].name);
		status = FOITAB_DATAERR;
	}
	return status;
}

/* Every total of `t` (and of the --by groups) was taken exactly. */
static int check_totals(struct run *run, const struct tally *t)
{
	size_t g;
	int status = overflowed(run, t);

	for (g = 0; g < run->grouping.n && status == FOITAB_OK; g++)
		status = overflowed(run, &run->grouping.groups[g].tally);
	return status;
}

int run_read_survey(struct run *run, const char *path, struct tally *t,
		       struct loader_counts *counts, int *header_ok)
{
	struct collector collector;
	struct loader loader;
	FILE *in;
	int status;

	in = run_open_input(path, &run->name, run->diag);
	if (!in)
		return FOITAB_NOINPUT;
	collector.rules = &run->rules;
	collector.file = run->name;
	collector.by = &run->by;
	collector.diag = run->diag;
	collector.registry = run->have_registry ? &run->registry : NULL;
	collector.tally = t;
	collector.roster = run->keep_roster ? &run->roster : NULL;
	collector.grouping = run->opt->by ? &run->grouping : NULL;
	collector.register_errors = 0;
	collector.scratch = (struct strbuf)STRBUF_INIT;
	status = collect_read(&collector, &loader, in, &run->opt->csv,
			      run->opt->jobs, run->opt->sheet);
	run_close_input(in);
	if (status != FOITAB_OSERR && run->have_registry)
		registry_close(&run->registry, run->name, run->diag);
	run->register_errors = collector.register_errors;
	strbuf_release(&collector.scratch);
	if (status == FOITAB_OK && run->register_errors)
		status = FOITAB_DATAERR;
	*counts = loader.counts;
	*header_ok = loader.header_ok;
	loader_release(&loader);
	if (status == FOITAB_OK)
		status = check_totals(run, t);
	return status;
}

int run_report(struct run *run, enum report_view view, const char *before,
	       const char *after)
{
	const struct options *o = run->opt;
	struct report report;

	grouping_sort(&run->grouping);
	tally_finish(&run->tally);
	tally_finish(&run->before);
	memset(&report, 0, sizeof report);
	report.tally = &run->tally;
	report.baseline = run->have_baseline ? &run->baseline : NULL;
	report.registry = run->have_registry ? &run->registry : NULL;
	report.decimals = o->decimals;
	report.raw_cells = o->raw_cells;
	report.ci_level = o->ci_level;
	report.roster = &run->roster;
	report.selected = run->selected;
	report.list_pending = o->list_pending;
	report.list_refused = o->list_refused;
	report.grouping = &run->grouping;
	report.before = &run->before;
	report.before_name = before ? run_input_name(before) : NULL;
	report.after_name = after ? run_input_name(after) : NULL;
	return reporter_print(o->output, &report, reporter_find(o->format),
			      view, run->diag);
}

/*
 * Refuse an -o that names the rules, or the baseline or register the rules
 * file names (by path, beside it), before they are read.
 */
static int check_output_named(struct run *run)
{
	const struct options *o = run->opt;
	char *named[2] = { NULL, NULL };
	const char *written[2];
	size_t i;
	int status;

	if (!o->output || !run->rules.dir)
		return FOITAB_OK;
	written[0] = o->baseline ? NULL : run->rules.baseline;
	written[1] = o->registry ? NULL : run->rules.registry;
	for (i = 0; i < 2; i++)
		if (written[i])
			named[i] = rules_path(&run->rules, written[i]);
	if ((written[0] && !named[0]) || (written[1] && !named[1]))
		status = FOITAB_OSERR;
	else
		status = check_output(o, (const char *const *)named, 2,
				      run->diag);
	mem_free(named[0]);
	mem_free(named[1]);
	return status;
}

int command_run(const struct options *o, struct diag *diag)
{
	const struct command *c = o->command;
	const char *inputs[3 + AGREE_FILES_MAX];
	size_t ninputs = 0;
	int i, files, status;
	struct run run;

	memset(&run, 0, sizeof run);
	run.opt = o;
	run.diag = diag;
	registry_init(&run.registry);
	files = c->files == COMMAND_ANY || c->files > o->noperands ?
		o->noperands : c->files;
	assert(files <= AGREE_FILES_MAX);
	for (i = 0; i < files; i++)
		inputs[ninputs++] = o->operands[i];
	inputs[ninputs++] = o->rules;
	inputs[ninputs++] = o->baseline;
	inputs[ninputs++] = o->registry;
	/* Nothing is read before -o is known to name no input. */
	status = check_output(o, inputs, ninputs, diag);
	if (status == FOITAB_OK && (c->needs & NEEDS_RULES))
		status = load_rules(&run);
	if (status == FOITAB_OK && (c->needs & NEEDS_RULES))
		status = check_output_named(&run);
	run.keep_roster = (c->needs & NEEDS_ROSTER) ||
			  reporter_find(o->format)->whole;
	if (status == FOITAB_OK) {
		tally_init(&run.tally, &run.rules);
		tally_init(&run.before, &run.rules);
		status = c->run(&run);
	}
	baseline_free(&run.baseline);
	registry_free(&run.registry);
	roster_free(&run.roster);
	tally_free(&run.tally);
	tally_free(&run.before);
	grouping_free(&run.grouping);
	rules_free(&run.rules);
	mem_free(run.registry_name);
	return status;
}
