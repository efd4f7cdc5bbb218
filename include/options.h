/*
 * options.h - the command line, parsed once into a read-only struct.
 *
 *     foitab [OPTIONS] FILE                    tabulate
 *     foitab check [OPTIONS] FILE              check only
 *     foitab list [OPTIONS] FILE [BUCKET...]   the bodies in buckets
 *     foitab compare [OPTIONS] OLD NEW         two files side by side
 *     foitab rules [--rules FILE]              print the rules in use
 *     foitab init [OPTIONS] FILE               draft rules from a sheet
 *     foitab agree [OPTIONS] FILE FILE...      agreement between coders
 *     foitab denominators [OPTIONS] PERCENT... denominators that fit
 *     foitab --help | --version
 *
 * Nothing else reads argv; every module gets what it needs from here.
 */
#ifndef FOITAB_OPTIONS_H
#define FOITAB_OPTIONS_H

#include <stdio.h>

#include "csvread.h"
#include "diag.h"
#include "stats.h"

#define AGREE_FILES_MAX 16    /* codings `foitab agree` compares */

enum command {
	COMMAND_TABULATE,       /* check, then print the report */
	COMMAND_CHECK,          /* check, then print a one-line summary */
	COMMAND_LIST,           /* check, then list the bodies in buckets */
	COMMAND_COMPARE,        /* check two files, print them side by side */
	COMMAND_RULES,          /* print the rules in use */
	COMMAND_INIT,           /* draft rules from a sheet */
	COMMAND_AGREE,          /* agreement between coders of one survey */
	COMMAND_DENOMINATORS    /* denominators behind percentages */
};

struct options {
	enum command command;
	const char *format;     /* a name reporter_find() knows */
	int decimals;           /* 0 .. REPORTER_MAX_DECIMALS */
	int decimals_given;     /* -d was given */
	const char *baseline;   /* NULL: as the rules say; "none"; a path */
	const char *registry;   /* NULL: as the rules say; "none"; a path */
	const char *rules;      /* NULL: the built-in rules; a path */
	struct csv_format csv;  /* delimiter (0: detect) and encoding */
	const char *input;      /* the survey file; "-" for standard input */
	const char *before;     /* compare: the older file */
	const char *by;         /* --by COLUMN, or NULL */
	const char *sheet;      /* --sheet NAME|NUMBER of a workbook, or NULL */
	int ci_level;           /* --ci: 90, 95 or 99; 0 without */
	const char *output;     /* NULL: standard output; else a path */
	int raw_cells;          /* csv/tsv: no formula guard */
	unsigned jobs;          /* threads to read a large file on; 0: one
	                           per processor */
	char **buckets;         /* list: the buckets named (argv), or none */
	int nbuckets;
	char **operands;        /* agree: the files; denominators: the
				   percentages (argv) */
	int noperands;
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

/* Just the "usage:" lines, for a misused command line. */
void options_synopsis(FILE *out);

#endif
