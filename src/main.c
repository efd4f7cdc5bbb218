/*
 * main.c - parses the options and runs the stages in order:
 *
 *     loader (CSV -> checked responses) -> classifier (responses -> tally)
 *     -> reporter (tally + baseline -> the chosen format)
 *
 * It owns the streams: nothing is written to stdout until the whole input
 * has been read without an error, and stdout is checked when closed, so a
 * pipe never receives half a table and a failed write is exit 74.
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
#include "reporter.h"
#include "version.h"

/* Loader callback: count each checked response. */
static int count_response(const struct response *r, void *ctx)
{
	tally_add(ctx, r);
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

static int load_baseline(const struct options *o, struct baseline *b,
			 struct diag *diag)
{
	const char *name;
	FILE *in;
	int status;

	if (!o->baseline)
		return baseline_read_bytes(b, builtin_baseline_2011,
					   builtin_baseline_2011_len,
					   BUILTIN_BASELINE_NAME, diag);
	in = open_input(o->baseline, &name, diag);
	if (!in)
		return FOITAB_NOINPUT;
	status = baseline_read_stream(b, in, name, diag);
	close_input(in);
	return status;
}

/* Read, classify, and (only if all went well) print. */
static int tabulate(const struct options *o, struct diag *diag, FILE *out)
{
	struct baseline baseline = BASELINE_INIT;
	struct tally tally;
	struct loader loader;
	struct report report;
	const struct bucket_rule *rules;
	const char *name;
	size_t nrules;
	FILE *in;
	int status = FOITAB_OK, have_baseline = 0;

	if (!o->baseline || strcmp(o->baseline, "none") != 0) {
		status = load_baseline(o, &baseline, diag);
		have_baseline = 1;
	}
	if (status != FOITAB_OK) {
		baseline_free(&baseline);
		return status;
	}
	rules = classifier_survey_2023(&nrules);
	tally_init(&tally, rules, nrules);
	in = open_input(o->input, &name, diag);
	if (!in) {
		baseline_free(&baseline);
		return FOITAB_NOINPUT;
	}
	status = loader_read(&loader, in, name, diag, count_response, &tally);
	loader_release(&loader);
	close_input(in);
	if (status == FOITAB_OK) {
		report.tally = &tally;
		report.baseline = have_baseline ? &baseline : NULL;
		report.decimals = o->decimals;
		reporter_find(o->format)->render(&report, out);
	}
	baseline_free(&baseline);
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
	if (!failed)
		return status;
	if (err == EPIPE)
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
	if (opt.help)
		options_usage(stdout);
	else if (opt.version)
		printf("foitab %s\n", FOITAB_VERSION);
	else
		status = tabulate(&opt, &diag, stdout);
	if (status == FOITAB_OSERR)
		diag_error(&diag, NULL, 0, "out of memory");
	return finish_output(status, &diag);
}
