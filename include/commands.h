/*
 * commands.h - the table of commands: one row a command, each defined in
 * a file of its own under src/cmd/ and listed in src/cmd/commands.c.
 *
 * A row says everything the command line needs to know about its
 * command: its name, its synopsis and help paragraph for --help, the
 * options it accepts, how many operands it takes and how many of them
 * are files it reads, whether it reads rules and which view of a format
 * it prints.  options.c parses from the table, --help and the usage line
 * come from it, and run.c does what a row says is needed before calling
 * the command's function.
 */
#ifndef FOITAB_COMMANDS_H
#define FOITAB_COMMANDS_H

#include <stdio.h>

#include "diag.h"

struct run;                     /* src/cmd/run.h: what a command reads */
struct options;                 /* options.h */

#define COMMAND_NO_VIEW (-1)    /* prints no report of a format */
#define COMMAND_ANY (-1)        /* operands: no upper bound; files: all */

/* What run.c sets up before the command's function runs. */
enum command_needs {
	NEEDS_RULES = 1 << 0,   /* the rules, read and -o checked against
				   the files they name */
	NEEDS_ROSTER = 1 << 1   /* keep every body, for lists of them */
};

struct command {
	const char *name;       /* as typed: foitab NAME ...  */
	int implicit;           /* run when no command is named: the first
				   row, whose name is never typed */
	const char *synopsis;   /* its usage line, after "foitab " */
	const char *help;       /* its paragraph of --help, lines ending \n */
	int (*run)(struct run *run);
	unsigned options;       /* the OPTION_ bits (options.h) it accepts */
	int min, max;           /* operands; max COMMAND_ANY: no bound */
	int files;              /* the leading operands that are files it
				   reads ('-' once at most); COMMAND_ANY:
				   every operand */
	const char *operands;   /* what its operands are, for a message:
				   "two files: the older, then the newer" */
	int view;               /* enum report_view, or COMMAND_NO_VIEW */
	unsigned needs;         /* enum command_needs */
};

/* Every command, in the order --help lists them; `*n` receives the count. */
const struct command *const *commands_all(size_t *n);

/* The command typed as `name`, or NULL (the implicit one is never typed). */
const struct command *command_find(const char *name);

/* The command run when none is named: tabulating. */
const struct command *command_implicit(void);

/*
 * How a message names the command: "'foitab check'", or its synopsis
 * without "[OPTIONS]" for the implicit one ("'foitab FILE'").  Returns
 * buf.
 */
const char *command_called(const struct command *c, char *buf, size_t size);

/*
 * Run the command `o` names: what its row needs first (-o checked
 * against every input, the rules read), then its function.  An exit
 * status (exitcodes.h) after reporting any problem through `diag`.
 */
int command_run(const struct options *o, struct diag *diag);

/* The commands' rows as --list-commands prints them: name and synopsis. */
void commands_list(FILE *out);

#endif
