/*
 * run.h - what one run of a command reads and counts, and the loading
 * every command shares: the rules, the baseline, the register, the
 * survey files, and the report at the end.  Private to src/cmd/: each
 * command's file builds on it, and run.c calls the command's function
 * once its row's needs are met (commands.h).
 */
#ifndef FOITAB_RUN_H
#define FOITAB_RUN_H

#include "baseline.h"
#include "classifier.h"
#include "collect.h"
#include "commands.h"
#include "diag.h"
#include "loader.h"
#include "options.h"
#include "registry.h"
#include "reporter.h"
#include "rules.h"

struct run {
	const struct options *opt;
	struct diag *diag;
	const char *name;            /* the survey file, for messages */
	struct rules rules;          /* read when the row needs them */
	struct tally tally;
	struct baseline baseline;
	struct registry registry;
	struct roster roster;        /* every body, when the row keeps them */
	struct tally before;         /* compare: the older file's */
	struct grouping grouping;    /* --by */
	struct collect_by by;        /* --by: which column */
	int keep_roster;             /* lists of bodies are shown */
	struct bitset selected;      /* list: the buckets asked for */
	char *registry_name;         /* a register the rules name */
	int have_baseline, have_registry;
	unsigned long register_errors; /* rows the register check rejected */
};

/* A file as messages and reports name it: "-" is <stdin>. */
const char *run_input_name(const char *path);

/*
 * Open `path` ("-" is standard input), naming it in `*name`; NULL after
 * reporting why it cannot be opened.  run_close_input() closes it.
 */
FILE *run_open_input(const char *path, const char **name, struct diag *diag);
void run_close_input(FILE *in);

/* The baseline: --baseline's, the rules', or none.  A status. */
int run_load_baseline(struct run *run);

/* The register: --register's, the rules', or none.  A status. */
int run_load_registry(struct run *run);

/*
 * Read and check the survey `path` into `t` (and the roster or grouping
 * the run keeps); fills `counts` with what the loader saw and
 * `*header_ok` with whether the header was sound.  A status:
 * FOITAB_DATAERR when a row had an error.
 */
int run_read_survey(struct run *run, const char *path, struct tally *t,
		    struct loader_counts *counts, int *header_ok);

/*
 * Print the run's report in the format -f names, as `view`; `before`
 * and `after` name compare's files (NULL otherwise).
 */
int run_report(struct run *run, enum report_view view, const char *before,
	       const char *after);

#endif
