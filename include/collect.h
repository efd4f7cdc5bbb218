/*
 * collect.h - what becomes of each checked response: checked against the
 * register, counted in the tally, kept in the roster (for lists), counted
 * in its --by group.
 *
 * A collector is filled by the caller and given to collect_read(), which
 * reads the survey through split_read(): rows of the parts read on other
 * threads go to collectors of their own, merged into this one in file
 * order, so that what is collected is what one pass would collect.
 */
#ifndef FOITAB_COLLECT_H
#define FOITAB_COLLECT_H

#include <stdio.h>

#include "classifier.h"
#include "loader.h"
#include "registry.h"
#include "split.h"
#include "strbuf.h"
#include "workbook.h"

/* The register fields --by can name, in this order (collect_by.field). */
enum { BY_REGISTER_NAME, BY_REGISTER_ONS, BY_REGISTER_ODS, BY_REGISTER_REGION };

/* What --by groups by. */
struct collect_by {
	const char *name;            /* as given to --by, for messages */
	int column;                  /* a rules column (not a list), or -1 */
	int field;                   /* with column -1: a BY_REGISTER_ field */
};

struct collector {
	const struct rules *rules;
	const char *file;            /* the survey, for messages */
	const struct collect_by *by; /* with a grouping */
	struct diag *diag;
	struct registry *registry;   /* NULL: no register check */
	struct tally *tally;
	struct roster *roster;       /* NULL: not kept */
	struct grouping *grouping;   /* NULL: no --by */
	unsigned long register_errors; /* rows the register check rejected */
	struct strbuf scratch;       /* --by: finding bodies in the register */
};

/*
 * The loader callback (ctx: a struct collector): collect one response.
 * Returns FOITAB_OK; FOITAB_DATAERR past GROUPING_MAX groups (reported at
 * the row); FOITAB_OSERR when out of memory.
 */
int collect_response(const struct response *r, void *ctx);

/*
 * Read and check the survey `in` (named c->file) into `c`, on `jobs`
 * threads (0: one per processor) when it is a large regular file.  A
 * workbook (.xlsx, .ods) is read instead from `sheet` (a name or number;
 * NULL: the first whose header fits the rules), its messages naming the
 * sheet and the cell.
 * Returns split_read()'s status; the caller releases `l` (its counts
 * are the survey's) and c->scratch.
 */
int collect_read(struct collector *c, struct loader *l, FILE *in,
		 const struct csv_format *format, unsigned jobs,
		 const char *sheet);

#endif
