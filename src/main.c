/*
 * main.c - parses the options and runs the stages in order:
 *
 *     loader (CSV -> checked responses) -> classifier (responses -> tally)
 *     -> reporter (tally + baseline -> the chosen format)
 *
 * with the register check beside the classifier.  It owns the streams:
 * nothing is written to stdout until the whole input has been read without
 * an error, and stdout is checked when closed, so a pipe never receives
 * half a table and a failed write is exit 74.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "builtin.h"
#include "classifier.h"
#include "coders.h"
#include "collect.h"
#include "commands.h"
#include "diag.h"
#include "draft.h"
#include "exitcodes.h"
#include "loader.h"
#include "mem.h"
#include "options.h"
#include "output.h"
#include "registry.h"
#include "rules.h"
#include "reporter.h"
#include "text.h"
#include "version.h"

#define MESSAGES_SHOWN 100   /* errors (and warnings) shown per run */

/* Everything one run reads and counts. */
struct run {
	const struct options *opt;
	struct diag *diag;
	const char *name;            /* the survey file, for messages */
	struct rules rules;
	struct tally tally;
	struct baseline baseline;
	struct registry registry;
	struct roster roster;        /* every body, for `foitab list` */
	struct tally before;         /* compare: the older file's */
	struct grouping grouping;    /* --by */
	struct collect_by by;        /* --by: which column */
	int keep_roster;             /* list and html name the bodies */
	unsigned long selected;      /* list: the buckets asked for */
	char *registry_name;         /* a register the rules name */
	int have_baseline, have_registry;
	unsigned long register_errors; /* rows the register check rejected */
};

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
		if (run->rules.columns[i].type != COLUMN_LIST)
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

/* A file as messages and reports name it: "-" is <stdin>. */
static const char *input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Open `path` ("-" is standard input) and name it for messages. */
static FILE *open_input(const char *path, const char **name,
			struct diag *diag)
{
	FILE *in;

	*name = input_name(path);
	if (strcmp(path, "-") == 0)
		return stdin;
	in = fopen(path, "rb");
	if (!in)
		diag_error(diag, path, 0, "cannot open: %s", strerror(errno));
	return in;
}

static void close_input(FILE *in)
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
	in = open_input(path, &name, run->diag);
	if (!in)
		return FOITAB_NOINPUT;
	slash = strrchr(path, '/');
	dir = mem_strndup(path, slash ? (size_t)(slash - path) : 1);
	if (!dir) {
		close_input(in);
		return FOITAB_OSERR;
	}
	if (!slash)
		dir[0] = '.';
	status = rules_read_stream(&run->rules, in, name, dir, run->diag);
	mem_free(dir);
	close_input(in);
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
		src->stream = open_input(option, &shown, run->diag);
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
	close_input(src->stream);
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

/* The baseline: --baseline's, the rules', or none. */
static int load_baseline(struct run *run)
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

/* The register: --register's, the rules', or none. */
static int load_registry(struct run *run)
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
	if (status == FOITAB_OK)
		status = registry_read(&run->registry, &src, run->registry_name,
				       run->diag);
	close_data(&src);
	return status;
}

/* What `foitab check` says in its one-line summary. */
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


/*
 * The buckets named on the command line of `foitab list`, as bits; all
 * buckets when none is named and no other group is asked for.  An
 * unknown name is a usage error.
 */
static int select_buckets(struct run *run)
{
	const struct options *o = run->opt;
	const struct tally *t = &run->tally;
	int i;
	size_t b;

	if (o->nbuckets == 0 && !o->list_pending && !o->list_refused) {
		run->selected = (1UL << t->nbuckets) - 1;
		return FOITAB_OK;
	}
	for (i = 0; i < o->nbuckets; i++) {
		struct strbuf folded = STRBUF_INIT;
		const char *best = NULL;
		unsigned best_d = 3;
		char keys[400] = "";

		/* Keys are matched as the rules file's names are: folded. */
		if (text_fold(o->buckets[i], strlen(o->buckets[i]), &folded) < 0)
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
			run->selected |= 1UL << b;
			continue;
		}
		if (best)
			diag_error(run->diag, NULL, 0, "list: unknown bucket '%s' "
				   "(did you mean '%s'?)", o->buckets[i], best);
		else
			diag_error(run->diag, NULL, 0, "list: unknown bucket '%s'; "
				   "the buckets are: %s", o->buckets[i], keys);
		return FOITAB_USAGE;
	}
	return FOITAB_OK;
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

/* The renderer the command and format call for; NULL if none. */
static report_render_fn renderer(const struct options *o)
{
	const struct report_format *format = reporter_find(o->format);

	if (o->command == COMMAND_LIST)
		return format->list;
	if (o->command == COMMAND_COMPARE)
		return format->compare;
	if (o->command == COMMAND_AGREE)
		return format->agree;
	if (o->command == COMMAND_DENOMINATORS)
		return format->denominators;
	if (o->by)
		return format->by;
	return format->render;
}

/*
 * Read and check the survey `path` into `t` (and the roster or grouping
 * the command needs); fills `counts` with what the loader saw.
 */
static int read_survey(struct run *run, const char *path, struct tally *t,
		       struct loader_counts *counts, int *header_ok)
{
	struct collector collector;
	struct loader loader;
	FILE *in;
	int status;

	in = open_input(path, &run->name, run->diag);
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
	close_input(in);
	if (status != FOITAB_OSERR && run->have_registry)
		registry_close(&run->registry, run->name, run->diag);
	run->register_errors = collector.register_errors;
	strbuf_release(&collector.scratch);
	if (status == FOITAB_OK && run->register_errors)
		status = FOITAB_DATAERR;
	*counts = loader.counts;
	*header_ok = loader.header_ok;
	loader_release(&loader);
	return status;
}

/* Print the report the command and format call for, from what was read. */
static int print_report(struct run *run)
{
	const struct options *o = run->opt;
	struct report report;

	grouping_sort(&run->grouping);
	memset(&report, 0, sizeof report);
	report.tally = &run->tally;
	report.baseline = run->have_baseline ? &run->baseline : NULL;
	report.registry = run->have_registry ? &run->registry : NULL;
	report.decimals = o->decimals;
	report.raw_cells = o->raw_cells;
	report.ci_level = o->ci_level;
	if (!o->output && isatty(fileno(stdout))) {
		/* A person at a terminal: bars, coloured unless NO_COLOR. */
		const char *no_colour = getenv("NO_COLOR");
		const char *term = getenv("TERM");

		report.bars = 1;
		report.colour = !(no_colour && *no_colour) &&
				!(term && strcmp(term, "dumb") == 0);
	}
	report.roster = &run->roster;
	report.selected = run->selected;
	report.list_pending = o->list_pending;
	report.list_refused = o->list_refused;
	if (strcmp(o->format, "html") == 0) {
		/* The page lists every bucket, and who did not answer. */
		report.selected = (1UL << run->tally.nbuckets) - 1;
		report.list_pending = report.list_refused = 1;
	}
	report.grouping = &run->grouping;
	report.before = &run->before;
	report.before_name = o->before ? input_name(o->before) : NULL;
	report.after_name = o->input ? input_name(o->input) : NULL;
	return reporter_write(o->output, &report, renderer(o), run->diag);
}

/*
 * The commands.  Each states its stages in order; the rules are read, and
 * -o checked against the inputs, before any of them runs (run_command()).
 */

/* foitab FILE: the figures (by group with --by), beside the baseline. */
static int cmd_tabulate(struct run *run)
{
	struct loader_counts counts;
	int status = FOITAB_OK, header_ok;

	if (!run->opt->by)
		status = load_baseline(run);
	if (status == FOITAB_OK)
		status = load_registry(run);
	if (status == FOITAB_OK && run->opt->by)
		status = resolve_by(run);
	if (status == FOITAB_OK)
		status = read_survey(run, run->opt->input, &run->tally, &counts,
				     &header_ok);
	return status == FOITAB_OK ? print_report(run) : status;
}

/* foitab check FILE: every problem, then a one-line summary. */
static int cmd_check(struct run *run)
{
	struct summary summary;
	int status, header_ok;

	summary.run = run;
	run->diag->each = 1;     /* every column not read, on its own line */
	status = load_registry(run);
	if (status != FOITAB_OK)
		return status;
	status = read_survey(run, run->opt->input, &run->tally,
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

/* foitab list FILE [BUCKET...]: the bodies behind each figure. */
static int cmd_list(struct run *run)
{
	struct loader_counts counts;
	int status, header_ok;

	status = select_buckets(run);
	if (status == FOITAB_OK)
		status = load_registry(run);
	if (status == FOITAB_OK)
		status = read_survey(run, run->opt->input, &run->tally, &counts,
				     &header_ok);
	return status == FOITAB_OK ? print_report(run) : status;
}

/* foitab compare OLD NEW: both files checked, side by side. */
static int cmd_compare(struct run *run)
{
	struct loader_counts counts;
	int status, after, header_ok;

	status = load_registry(run);
	if (status != FOITAB_OK)
		return status;
	status = read_survey(run, run->opt->before, &run->before, &counts,
			     &header_ok);
	if (status != FOITAB_OK && status != FOITAB_DATAERR)
		return status;
	/* The new file is checked whatever the old one held. */
	registry_reset(&run->registry);
	after = read_survey(run, run->opt->input, &run->tally, &counts,
			    &header_ok);
	if (status == FOITAB_OK || after == FOITAB_OSERR)
		status = after;
	return status == FOITAB_OK ? print_report(run) : status;
}

/* `foitab rules`: the rules file in use, as it is written. */
static void write_rules(const void *ctx, FILE *out)
{
	const struct rules *rules = ctx;

	fwrite(strbuf_str(&rules->source), 1, rules->source.len, out);
}

static int cmd_rules(struct run *run)
{
	return output_write(run->opt->output, write_rules, &run->rules,
			    run->diag);
}

/* foitab init FILE: a first draft of rules for the sheet. */
static void write_draft(const void *ctx, FILE *out)
{
	draft_write(ctx, out);
}

/*
 * `foitab agree FILE FILE...`: each coding read and checked under the
 * rules (every file, whatever the others held), its bodies kept with
 * their values; then coders.c matches and measures them.
 */
static int cmd_agree(struct run *run)
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
	status = load_registry(run);
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
		one = read_survey(run, o->operands[i], &tallies[i], &counts,
				  &header_ok);
		rosters[i] = run->roster;
		run->roster = (struct roster)ROSTER_INIT;
		read++;
		codings[i].file = input_name(o->operands[i]);
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
			status = reporter_write(o->output, &report, renderer(o),
						run->diag);
			agree_report_free(&agree);
		}
	}
	for (i = 0; i < read; i++)
		roster_free(&rosters[i]);
	return status;
}

static int cmd_init(struct run *run)
{
	struct csv_source src = { NULL, NULL, 0 };
	struct draft draft;
	int status;

	src.stream = open_input(run->opt->input, &run->name, run->diag);
	if (!src.stream)
		return FOITAB_NOINPUT;
	status = draft_read(&draft, &src, run->name, &run->opt->csv,
			    run->opt->sheet, run->diag);
	close_input(src.stream);
	if (status == FOITAB_OK)
		status = output_write(run->opt->output, write_draft, &draft,
				      run->diag);
	draft_free(&draft);
	return status;
}

/* The command table, as options.h numbers the commands. */
static const struct command_entry {
	const char *name;
	int (*run)(struct run *run);
} commands[] = {
	[COMMAND_TABULATE] = { "tabulate", cmd_tabulate },
	[COMMAND_CHECK] = { "check", cmd_check },
	[COMMAND_LIST] = { "list", cmd_list },
	[COMMAND_COMPARE] = { "compare", cmd_compare },
	[COMMAND_RULES] = { "rules", cmd_rules },
	[COMMAND_INIT] = { "init", cmd_init },
	[COMMAND_AGREE] = { "agree", cmd_agree },
	[COMMAND_DENOMINATORS] = { "denominators", NULL },
};

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

/* What every command needs first: the rules, and -o named no input. */
static int run_command(const struct options *o, struct diag *diag)
{
	const char *inputs[5 + AGREE_FILES_MAX];
	size_t ninputs = 5;
	struct run run;
	int status;

	assert((size_t)o->command < sizeof commands / sizeof commands[0]);
	/* denominators reads nothing: no rules, no files. */
	if (o->command == COMMAND_DENOMINATORS)
		return cmd_denominators(o, diag);
	memset(&run, 0, sizeof run);
	run.opt = o;
	run.diag = diag;
	registry_init(&run.registry);
	inputs[0] = o->input;
	inputs[1] = o->before;
	inputs[2] = o->rules;
	inputs[3] = o->baseline;
	inputs[4] = o->registry;
	while (ninputs - 5 < (size_t)o->noperands && o->command == COMMAND_AGREE) {
		inputs[ninputs] = o->operands[ninputs - 5];
		ninputs++;
	}
	/* Nothing is read before -o is known to name no input. */
	status = check_output(o, inputs, ninputs, diag);
	/* init writes rules: it reads none. */
	if (status == FOITAB_OK && o->command == COMMAND_INIT)
		return commands[o->command].run(&run);
	if (status == FOITAB_OK)
		status = load_rules(&run);
	if (status == FOITAB_OK)
		status = check_output_named(&run);
	run.keep_roster = o->command == COMMAND_LIST ||
			  strcmp(o->format, "html") == 0;
	if (status == FOITAB_OK && !renderer(o)) {
		diag_error(diag, NULL, 0, "--format %s shows the figures of one "
			   "file, and does not go with %s", o->format,
			   o->command == COMMAND_LIST ? "'foitab list'" :
			   o->command == COMMAND_COMPARE ? "'foitab compare'" :
			   o->command == COMMAND_AGREE ? "'foitab agree'" :
			   "--by");
		status = FOITAB_USAGE;
	}
	if (status == FOITAB_OK) {
		tally_init(&run.tally, &run.rules);
		tally_init(&run.before, &run.rules);
		status = commands[o->command].run(&run);
	}
	baseline_free(&run.baseline);
	registry_free(&run.registry);
	roster_free(&run.roster);
	grouping_free(&run.grouping);
	rules_free(&run.rules);
	mem_free(run.registry_name);
	return status;
}

/*
 * Flush and close stdout.  A write error is exit 74 with a message; a
 * reader that went away (EPIPE) ends the program quietly.
 */
static int finish_output(int status, int used, struct diag *diag)
{
	int failed, err;

	/* A stream foitab did not write to is no business of its own: with
	 * -o FILE, standard output may even be closed. */
	if (!used)
		return status;
	failed = fflush(stdout) != 0 || ferror(stdout);
	err = errno;

	if (fclose(stdout) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	if (!failed || err == EPIPE)
		return status;
	diag_error(diag, NULL, 0, "cannot write output: %s", strerror(err));
	return status == FOITAB_OK ? FOITAB_IOERR : status;
}

int main(int argc, char **argv)
{
	struct diag diag;
	struct options opt;
	int status;

	diag_init(&diag, stderr);
	status = options_parse(&opt, argc, argv, &diag);
	if (status != FOITAB_OK) {
		options_synopsis(stderr);
		fputs("Try 'foitab --help' for more information.\n", stderr);
		return status;
	}
	diag_set_limit(&diag, MESSAGES_SHOWN);
	if (opt.help)
		options_usage(stdout);
	else if (opt.version)
		printf("foitab %s\n", FOITAB_VERSION);
	else
		status = run_command(&opt, &diag);
	diag_close(&diag);
	if (status == FOITAB_USAGE) {
		options_synopsis(stderr);
		fputs("Try 'foitab --help' for more information.\n", stderr);
	}
	if (status == FOITAB_OSERR)
		diag_error(&diag, NULL, 0, "out of memory");
	return finish_output(status, !opt.output || opt.help || opt.version,
			     &diag);
}
