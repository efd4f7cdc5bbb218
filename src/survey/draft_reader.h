/*
 * draft_reader.h - what draft.c keeps of a sheet while it drafts rules
 * from it, and the guesses draft_guess.c makes from that: which column is
 * the body, which the replies, and what each other column looks like.
 * Private to src/survey/draft*.c.
 */
#ifndef FOITAB_DRAFT_READER_H
#define FOITAB_DRAFT_READER_H

#include <stddef.h>

#include "csvread.h"
#include "rules.h"
#include "strbuf.h"

#define DRAFT_MAX_VALUES 64     /* as many as a column may have */
#define DRAFT_CHOICE_MAX 12     /* distinct values a choice may have */
#define DRAFT_VALUE_LEN 40      /* the longest value worth a codebook */
#define DRAFT_WORDS_MAX 8       /* words a number column may hold instead */

/* One distinct value: folded, and as first written. */
struct draft_value {
	char *folded;
	char *written;
	unsigned long rows;
};

struct draft_column {
	char *header;           /* as the sheet writes it, trimmed */
	char *name;             /* folded: the rules' name for it */
	unsigned long filled;   /* cells not empty */
	unsigned long answered_filled; /* ... on answered rows */
	size_t longest;         /* bytes in the longest cell */
	int with_separator;     /* some cell holds ';' or '|' */
	int too_many;           /* more distinct values than kept */
	int has_comma_value;    /* a value holds ',': cannot be listed */
	struct draft_value values[DRAFT_MAX_VALUES];   /* whole cells */
	size_t nvalues;
	struct draft_value items[DRAFT_MAX_VALUES];    /* list items */
	size_t nitems;
	int items_too_many;
	int body_clash;         /* two cells fold alike: not a body column */
	unsigned long figures;  /* cells that read as numbers */
	struct draft_value words[DRAFT_MAX_VALUES];    /* the other cells */
	size_t nwords;
	int words_too_many;
};

/* What a row's cell was, kept to count the answered rows' cells later. */
#define CELL_EMPTY_MARK 255     /* the cell was empty */
#define CELL_OTHER_MARK 254     /* a value past those kept */

/* Rows above the header a draft looks among for it (as the loader). */
#define DRAFT_ABOVE_MAX 10

struct draft_reader {
	struct draft_column *columns;
	size_t ncolumns;
	struct csv_held held[DRAFT_ABOVE_MAX];  /* the first rows, until the
						   header is chosen */
	size_t nheld;
	unsigned long header_line;
	int header_sheet_row;      /* header_line is a sheet's row number */
	size_t skipped;            /* rows above the header, not read */
	int grouped;               /* ... the one above it grouping columns */
	int have_header;
	unsigned long rows;
	unsigned long answered;    /* rows whose reply reads as answered */
	int *coded;                /* columns written as coded ones */
	struct strbuf folded;
	struct strbuf marks;       /* a byte a cell: its value's index */
};

/* Folded words a column's values or header are compared with. */
extern const char *const answered_words[];   /* the response's own */
extern const char *const alaveteli_words[];  /* Alaveteli's states */
extern const char *const plain_responses[];  /* answered, refused, pending */
extern const char *const boolean_words[];    /* yes, no and their kin */

/* Is `folded` one of `words` (a list ending with NULL)? */
int in_words(const char *const *words, const char *folded);

/* Is every value of `c` one of `words`? */
int all_in(const struct draft_column *c, const char *const *words);

/* Can every value be written in a values list and a condition? */
int writable(const struct draft_value *v, size_t n);

/* Does `c` look like a list, a choice, figures? */
int is_list(const struct draft_column *c);
int is_choice(const struct draft_column *c);
int is_number(const struct draft_column *c);

/* The columns of the bodies and of the replies, or -1. */
long find_body(const struct draft_reader *dr);
long find_response(const struct draft_reader *dr, long body);

/* What a reply written as `folded` says, by its words; RESPONSE_EXCLUDED
 * when none tells. */
enum response_kind guess_reply(const char *folded);

#endif
