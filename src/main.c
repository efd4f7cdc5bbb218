/*
 * main.c - parses the command line and runs the command it names, from
 * the table of commands (src/cmd/).  It owns the streams: nothing is
 * written to stdout until the whole input has been read without an
 * error, and stdout is checked when closed, so a pipe never receives
 * half a table and a failed write is exit 74.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "exitcodes.h"
#include "options.h"
#include "reporter.h"
#include "version.h"

#define MESSAGES_SHOWN 100   /* errors (and warnings) shown per run */

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
	int status, informed;

	diag_init(&diag, stderr);
	status = options_parse(&opt, argc, argv, &diag);
	if (status != FOITAB_OK) {
		options_usage_line(opt.command, stderr);
		return status;
	}
	diag_set_limit(&diag, MESSAGES_SHOWN);
	informed = opt.help || opt.version || opt.list_formats ||
		   opt.list_commands;
	if (opt.help)
		options_usage(stdout);
	else if (opt.version)
		printf("foitab %s\n", FOITAB_VERSION);
	else if (opt.list_formats)
		reporter_list_formats(stdout);
	else if (opt.list_commands)
		commands_list(stdout);
	else
		status = command_run(&opt, &diag);
	diag_close(&diag);
	if (status == FOITAB_USAGE)
		options_usage_line(opt.command, stderr);
	if (status == FOITAB_OSERR)
		diag_error(&diag, NULL, 0, "out of memory");
	return finish_output(status, !opt.output || informed, &diag);
}
