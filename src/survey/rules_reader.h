/*
 * rules_reader.h - the state of a rules file being read, shared by the
 * two halves of the reader: rules.c (lines, sections, the whole file)
 * and settings.c (each `key = value`).  Nothing else includes it.
 */
#ifndef FOITAB_RULES_READER_H
#define FOITAB_RULES_READER_H

#include "condition.h"
#include "rules.h"
#include "strbuf.h"

enum section {
	SECTION_TOP,
	SECTION_COLUMN,
	SECTION_BUCKET,
	SECTION_IGNORED      /* a faulty header: its settings are skipped */
};

/* A condition to parse in the second pass. */
struct pending_expr {
	char *text;
	unsigned long line;
	const char *setting;     /* "when", "required", "denominator" */
	struct expr **target;
	char **text_target;      /* where the condition's text is kept */
	int column;              /* for "required": the column it is for */
};

struct reader {
	struct rules *r;
	struct diag *diag;
	const char *name;
	struct strbuf folded;
	enum section section;
	int current;             /* column or bucket index in this section */
	unsigned long section_line;
	unsigned seen;           /* settings seen in this section (bits) */
	struct pending_expr *pending;
	size_t npending, cap_pending;
	int have_denominator;
	int nomem;
};

#define FAIL_NOMEM(rd) ((rd)->nomem = 1)

/* Bits of reader.seen: which settings a section has had. */
enum {
	SEEN_TITLE = 1, SEEN_DENOMINATOR = 2, SEEN_BASELINE = 4,
	SEEN_REGISTER = 8, SEEN_TYPE = 16, SEEN_VALUES = 32,
	SEEN_REQUIRED = 64, SEEN_ITEM = 128, SEEN_LABEL = 256, SEEN_WHEN = 512,
	SEEN_HEADER = 1024, SEEN_RESPONSES = 2048, SEEN_OF = 4096
};

/* A copy of `len` bytes of `s`; NULL (and nomem set) when out of memory. */
char *rd_dup(struct reader *rd, const char *s, size_t len);

/* `s` folded into rd->folded; NULL (and nomem set) when out of memory. */
const char *rd_fold(struct reader *rd, const char *s, size_t len);

/*
 * Keep condition `text` (the value of `setting` on `line`) to parse once
 * every column is declared, into *target, its text into *text_target;
 * `column` is the column a `required` condition is for, or -1.
 */
int rd_defer(struct reader *rd, const char *text, unsigned long line,
	     const char *setting, struct expr **target, char **text_target,
	     int column);

/* A setting before the first section, in a [column], in a [bucket]. */
void settings_top(struct reader *rd, const char *key, const char *value,
		  unsigned long line);
void settings_column(struct reader *rd, const char *key, const char *value,
		     unsigned long line);
void settings_bucket(struct reader *rd, const char *key, const char *value,
		     unsigned long line);

/* Add value `s` (`len` bytes) to column `ctx`; -1 when out of memory. */
int settings_add_value(struct reader *rd, const char *s, size_t len,
		       unsigned long line, void *ctx);

/* Give a yes/no column its two values and their spellings; -1: memory. */
int settings_make_boolean(struct reader *rd, struct rules_column *col);

/* Report header names that would name two columns. */
void settings_check_headers(struct reader *rd);

#endif
