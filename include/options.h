/*
 * options.h - the command line, parsed once into a read-only struct.
 * Which command, its synopsis and the options it takes are rows of the
 * table of commands (commands.h); the options themselves, with their
 * help, are a table in options.c.  Nothing else reads argv; every module
 * gets what it needs from here.
 */
#ifndef FOITAB_OPTIONS_H
#define FOITAB_OPTIONS_H

#include <stdio.h>

#include "commands.h"
#include "csvread.h"
#include "diag.h"
#include "stats.h"

#define AGREE_FILES_MAX 16    /* codings `foitab agree` compares */

/* Each option as a bit, for the options a command accepts. */
enum option_bit {
	OPTION_FORMAT = 1u << 0,
	OPTION_DECIMALS = 1u << 1,
	OPTION_BY = 1u << 2,
	OPTION_CI = 1u << 3,
	OPTION_RULES = 1u << 4,
	OPTION_BASELINE = 1u << 5,
	OPTION_REGISTER = 1u << 6,
	OPTION_DELIMITER = 1u << 7,
	OPTION_ENCODING = 1u << 8,
	OPTION_SHEET = 1u << 9,
	OPTION_OUTPUT = 1u << 10,
	OPTION_JOBS = 1u << 11,
	OPTION_RAW = 1u << 12,
	OPTION_RANGE = 1u << 13,
	OPTION_ROUNDING = 1u << 14,
	OPTION_PENDING = 1u << 15,
	OPTION_REFUSED = 1u << 16
};

/* The options every command that reads a sheet takes. */
#define OPTIONS_SHEET (OPTION_RULES | OPTION_REGISTER | OPTION_DELIMITER | \
		       OPTION_ENCODING | OPTION_SHEET | OPTION_JOBS | \
		       OPTION_OUTPUT)
/* ... and those that print a report of a format. */
#define OPTIONS_REPORT (OPTION_FORMAT | OPTION_DECIMALS | OPTION_RAW)

struct options {
	const struct command *command;   /* its row of the table */
	unsigned given;         /* the OPTION_ bits given */
	const char *format;     /* a name reporter_find() knows */
	int decimals;           /* 0 .. REPORTER_MAX_DECIMALS */
	int decimals_given;     /* -d was given */
	const char *baseline;   /* NULL: as the rules say; "none"; a path */
	const char *registry;   /* NULL: as the rules say; "none"; a path */
	const char *rules;      /* NULL: the built-in rules; a path */
	struct csv_format csv;  /* delimiter (0: detect) and encoding */
	const char *input;      /* the first file operand; "-": standard input */
	const char *by;         /* --by COLUMN, or NULL */
	const char *sheet;      /* --sheet NAME|NUMBER of a workbook, or NULL */
	int ci_level;           /* --ci: 90, 95 or 99; 0 without */
	const char *output;     /* NULL: standard output; else a path */
	int raw_cells;          /* csv/tsv: no formula guard */
	unsigned jobs;          /* threads to read a large file on; 0: one
	                           per processor */
	char **operands;        /* what follows the command (argv): files,
				   buckets, percentages */
	int noperands;
	int list_formats;       /* --list-formats was given */
	int list_commands;      /* --list-commands was given */
	unsigned long range_min, range_max;  /* denominators: --range */
	enum stats_rounding rounding;        /* denominators: --rounding */
	int list_pending;       /* list: --pending */
	int list_refused;       /* list: --refused */
	int help;               /* --help was given */
	int version;            /* --version was given */
};

/*
 * Parse `argv` into `o`.  Returns FOITAB_OK, or FOITAB_USAGE after
 * reporting the problem through `diag` (the caller then prints a hint).
 */
int options_parse(struct options *o, int argc, char **argv, struct diag *diag);

/* The --help text, to `out`. */
void options_usage(FILE *out);

/*
 * A misused command line: the usage line of `command` (options_parse()
 * always sets one) and where to read more, to `out`.
 */
void options_usage_line(const struct command *command, FILE *out);

#endif
