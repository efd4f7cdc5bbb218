/*
 * rules.h - a survey described as data: its codebook, its denominator and
 * its buckets, read from a rules file (format: README.md, foitab-rules(5)).
 *
 * A rules file is checked as strictly as a survey file: every mistake is
 * reported as FILE:LINE: message, and a file with any mistake is refused
 * before any data is read.  It is UTF-8 text (a byte-order mark is
 * allowed), and every size is bounded (RULES_MAX_*), so that no rules
 * file, however written, can exhaust the stack or take quadratic time.  Four columns are built in, as every FOI survey
 * has them: `body`, `code`, `response` (answered, refused or pending) and
 * `summary`; a rules file declares the others.
 *
 * Values are kept as bit sets (bitset.h), so that every condition is a
 * mask test:
 * a choice column holds one bit (its value's index), a list column the
 * bits of its values, a yes/no column bit 0 for yes and bit 1 for no; an
 * empty cell holds no bit.  A number column holds the bit of the word in
 * its cell, or none and a figure (loader.h) beside the bits.
 */
#ifndef FOITAB_RULES_H
#define FOITAB_RULES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "condition.h"
#include "diag.h"
#include "strbuf.h"

#define RULES_MAX_COLUMNS 256
#define RULES_MAX_VALUES 256     /* BITSET_BITS: a cell's values are a set */
#define RULES_MAX_BUCKETS 256    /* ... and so are a body's buckets */
#define RULES_MAX_ALIASES 1000  /* spellings of a column's values */
#define RULES_MAX_HEADERS 16    /* other names of a column's header */
#define RULES_MAX_DEPTH 64      /* 'not's and '('s nested in a condition */
#define RULES_MAX_TESTS 1000    /* tests in one condition */

/* The built-in columns, at these indexes in every rules. */
enum {
	COLUMN_BODY,
	COLUMN_CODE,
	COLUMN_RESPONSE,
	COLUMN_SUMMARY,
	RULES_BUILTIN_COLUMNS
};

/*
 * Values of the built-in `response` column, in its order.  Values after
 * these are states the rules exclude (`excluded = ...`, or the shipped
 * `responses = alaveteli`): such a row is counted as asked, and by its
 * state in the accounting, but in no figure.
 */
enum response_kind {
	RESPONSE_ANSWERED,   /* a substantive reply */
	RESPONSE_REFUSED,    /* an exemption was claimed */
	RESPONSE_PENDING,    /* no reply yet */
	RESPONSE_EXCLUDED    /* any value after pending */
};

#define RULES_MAX_EXCLUDED 16   /* excluded states of the response */

enum column_type {
	COLUMN_CHOICE,       /* one value from a list */
	COLUMN_LIST,         /* any number of values from a list */
	COLUMN_BOOLEAN,      /* yes or no (also y/n, true/false, 1/0) */
	COLUMN_TEXT,         /* free text, not checked */
	COLUMN_NUMBER        /* a figure, or one of its values: the words
				that may stand in place of one ("Not held") */
};

/* A spelling of a value other than its name ("opiates" for "opioids"). */
struct rules_alias {
	char *alias;         /* folded */
	unsigned value;      /* index into values */
};

struct rules_column {
	char *name;          /* folded, e.g. "substance_misuse" */
	enum column_type type;
	char *item;          /* what one value is called in messages */
	char *label;         /* a number column's figures, as reports name
				them; NULL: its name */
	char **values;       /* names, in the file's order */
	char **folded;       /* the same, folded for matching */
	size_t *folded_len;
	size_t nvalues, values_cap;
	struct rules_alias *aliases;
	size_t naliases;
	int required_always;
	struct expr *required_when;       /* NULL: not required */
	char *required_text;              /* the condition as written */
	char *required_phrase; /* "an answered response", "a row where ..." */
	char **headers;      /* other header names, folded (`header = ...`) */
	size_t nheaders;
	unsigned long line;  /* where it is declared (0: built in, with no
				section) */
	int tested;          /* a condition (bucket, denominator, required)
				tests it, or --by groups by it: the header
				must have it */
};

struct rules_bucket {
	char *key;
	char *label;
	struct expr *when;
	char *when_text;     /* the condition as written */
	struct expr *of;     /* its own denominator: the survey's rows for
				which this holds; NULL: the survey's */
	char *of_text;
	unsigned long line;
};

struct rules {
	char *name;          /* the rules file's name, for messages */
	char *dir;           /* its directory, for relative paths; NULL: built in */
	char *title;
	int all_answered;    /* `responses = answered`: no response column;
				every row is an answered reply */
	char *baseline;      /* as written in the file, or NULL */
	char *registry;      /* as written in the file, or NULL */
	struct expr *denominator;
	char *denominator_text;
	struct rules_column columns[RULES_MAX_COLUMNS];
	size_t ncolumns;
	size_t nnumbers;     /* columns of type number */
	struct rules_bucket buckets[RULES_MAX_BUCKETS];
	size_t nbuckets;
	struct strbuf source;    /* the file's text, for `foitab rules` */
};

/*
 * Read rules from `len` bytes (or a stream) called `name`; `dir` is the
 * directory relative paths in it are taken from (NULL for built-in rules).
 * Returns FOITAB_OK, FOITAB_DATAERR (every mistake reported) or
 * FOITAB_OSERR.  Free with rules_free() in every case.
 */
int rules_read_bytes(struct rules *r, const void *bytes, size_t len,
		     const char *name, const char *dir, struct diag *diag);
int rules_read_stream(struct rules *r, FILE *in, const char *name,
		      const char *dir, struct diag *diag);

void rules_free(struct rules *r);

/* The index of the column whose folded name is `name`, or -1. */
int rules_column(const struct rules *r, const char *name);

/* The value whose name or alias folds to `folded`, or -1. */
int rules_value(const struct rules_column *c, const char *folded);

/*
 * The nearest spelling to `folded` for a "did you mean": a value's name,
 * or an alias (folded) when that is nearer; NULL when none is close.
 */
const char *rules_suggest(const struct rules_column *c, const char *folded);

#endif
