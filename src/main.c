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
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "baseline.h"
#include "builtin.h"
#include "classifier.h"
#include "diag.h"
#include "exitcodes.h"
#include "loader.h"
#include "options.h"
#include "registry.h"
#include "reporter.h"
#include "version.h"

#define MESSAGES_SHOWN 100   /* errors (and warnings) shown per run */

/* Everything one run reads and counts. */
struct run {
	const struct options *opt;
	struct diag *diag;
	const char *name;            /* the survey file, for messages */
	struct tally tally;
	struct baseline baseline;
	struct registry registry;
	int have_baseline, have_registry;
	unsigned long register_errors; /* rows the register check rejected */
};

/* Loader callback: check each response against the register, count it. */
static int count_response(const struct response *r, void *ctx)
{
	struct run *run = ctx;
	unsigned long errors = run->diag->errors;

	if (run->have_registry &&
	    registry_note(&run->registry, r, run->name, run->diag) != FOITAB_OK)
		return FOITAB_OSERR;
	if (run->diag->errors != errors)
		run->register_errors++;
	tally_add(&run->tally, r);
	return FOITAB_OK;
}

/* Open `path` ("-" is standard input) and name it for messages. */
static FILE *open_input(const char *path, const char **name,
			struct diag *diag)
{
	FILE *in;

	if (strcmp(path, "-") == 0) {
		*name = "<stdin>";
		return stdin;
	}
	*name = path;
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

static int load_baseline(struct run *run)
{
	const char *path = run->opt->baseline, *name;
	FILE *in;
	int status;

	if (path && strcmp(path, "none") == 0)
		return FOITAB_OK;
	run->have_baseline = 1;
	if (!path)
		return baseline_read_bytes(&run->baseline, builtin_baseline_2011,
					   builtin_baseline_2011_len,
					   BUILTIN_BASELINE_NAME, run->diag);
	in = open_input(path, &name, run->diag);
	if (!in)
		return FOITAB_NOINPUT;
	status = baseline_read_stream(&run->baseline, in, name, run->diag);
	close_input(in);
	return status;
}

static int load_registry(struct run *run)
{
	const char *path = run->opt->registry, *name;
	FILE *in;
	int status;

	if (path && strcmp(path, "none") == 0)
		return FOITAB_OK;
	run->have_registry = 1;
	if (!path)
		return registry_read_bytes(&run->registry,
					   builtin_icb_register_2023,
					   builtin_icb_register_2023_len,
					   BUILTIN_REGISTER_NAME, run->diag);
	in = open_input(path, &name, run->diag);
	if (!in)
		return FOITAB_NOINPUT;
	status = registry_read_stream(&run->registry, in, name, run->diag);
	close_input(in);
	return status;
}

/* `foitab check`: the one-line summary; stdout only when all is well. */
static void summarise(const struct run *run, const struct loader *l,
		      int status)
{
	unsigned long rows = l->counts.rows - l->counts.blank_rows;
	unsigned long bad = l->counts.bad_rows + run->register_errors;
	char warnings[64] = "";

	if (run->diag->warnings)
		snprintf(warnings, sizeof warnings, "; %lu warning%s",
			 run->diag->warnings, run->diag->warnings == 1 ? "" : "s");
	if (!l->header_ok && status != FOITAB_OK)
		diag_note(run->diag, run->name, 0, "no rows checked: the header "
			  "must be put right first");
	else if (status == FOITAB_OK)
		printf("%lu rows: %lu valid, 0 with errors; %lu blank rows "
		       "skipped%s\n", rows, rows, l->counts.blank_rows, warnings);
	else
		diag_note(run->diag, run->name, 0, "%lu rows: %lu valid, %lu with "
			  "errors; %lu blank rows skipped%s", rows,
			  rows > bad ? rows - bad : 0, bad, l->counts.blank_rows,
			  warnings);
}

/* Read and check the survey; then summarise, or print the report. */
static int run_survey(struct run *run, FILE *out)
{
	const struct options *o = run->opt;
	const struct bucket_rule *rules;
	struct loader loader;
	struct report report;
	size_t nrules;
	FILE *in;
	int status;

	rules = classifier_survey_2023(&nrules);
	tally_init(&run->tally, rules, nrules);
	in = open_input(o->input, &run->name, run->diag);
	if (!in)
		return FOITAB_NOINPUT;
	status = loader_read(&loader, in, run->name, &o->csv, run->diag,
			     count_response, run);
	close_input(in);
	if (status != FOITAB_OSERR && run->have_registry)
		registry_close(&run->registry, run->name, run->diag);
	if (status == FOITAB_OK && run->register_errors)
		status = FOITAB_DATAERR;
	if (o->command == COMMAND_CHECK && status != FOITAB_OSERR) {
		diag_close(run->diag);   /* the count of hidden messages first */
		summarise(run, &loader, status);
	}
	loader_release(&loader);
	if (status != FOITAB_OK || o->command == COMMAND_CHECK)
		return status;
	report.tally = &run->tally;
	report.baseline = run->have_baseline ? &run->baseline : NULL;
	report.registry = run->have_registry ? &run->registry : NULL;
	report.decimals = o->decimals;
	reporter_find(o->format)->render(&report, out);
	return FOITAB_OK;
}

static int run_command(const struct options *o, struct diag *diag, FILE *out)
{
	struct run run;
	int status = FOITAB_OK;

	memset(&run, 0, sizeof run);
	run.opt = o;
	run.diag = diag;
	registry_init(&run.registry);
	if (o->command == COMMAND_TABULATE)
		status = load_baseline(&run);
	if (status == FOITAB_OK)
		status = load_registry(&run);
	if (status == FOITAB_OK)
		status = run_survey(&run, out);
	baseline_free(&run.baseline);
	registry_free(&run.registry);
	return status;
}

/*
 * Flush and close stdout.  A write error is exit 74 with a message; a
 * reader that went away (EPIPE) ends the program quietly.
 */
static int finish_output(int status, struct diag *diag)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);
	int err = errno;

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
		status = run_command(&opt, &diag, stdout);
	diag_close(&diag);
	if (status == FOITAB_OSERR)
		diag_error(&diag, NULL, 0, "out of memory");
	return finish_output(status, &diag);
}
