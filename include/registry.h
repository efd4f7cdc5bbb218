/*
 * registry.h - the register of the bodies a survey asked, and the check
 * that each body in a coded file is one of them.
 *
 * A register file is CSV with a `name` column and optional `ons_code`,
 * `ods_code` and `region` columns (data/icb-register-2023.csv has all
 * four).  A body in the survey matches an entry by either code (any case)
 * or by name, where names are compared forgivingly: case, spacing and
 * punctuation, '&' for "and", a leading "NHS" and a trailing "Integrated
 * Care Board" or "ICB" make no difference.
 *
 * The check only warns: an unknown body is more likely a typing slip in
 * the name than a reason to refuse the file.  Warnings are held until the
 * end, so that a register that fits none of the bodies (the wrong register
 * for the survey) gives one warning instead of one per row.
 */
#ifndef FOITAB_REGISTRY_H
#define FOITAB_REGISTRY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csvread.h"
#include "diag.h"
#include "loader.h"
#include "strbuf.h"

/*
 * One body of the register.  Its texts are kept one after another in the
 * register's `text` (registry_text() turns a place into a string), so that
 * a register of a million bodies costs some 100 bytes a body in all.
 */
struct registry_entry {
	uint32_t name;         /* as the register gives it */
	uint32_t ons_code;     /* "" when the register has none */
	uint32_t ods_code;     /* "" when the register has none */
	uint32_t region;       /* "" when the register has none */
	uint32_t key;          /* the folded name used for matching */
	uint32_t first_line;   /* the survey line of its first match; 0:
				  none yet (lines past 2^32 - 1 kept as that) */
};

/* A match found by a fork (registry_fork()), for registry_merge(). */
struct registry_match {
	uint32_t entry;
	uint32_t line;
};

/* A body the register does not know, held for the closing warning. */
struct registry_miss {
	unsigned long line;
	char *body;
};

#define REGISTRY_MISSES_KEPT 100
#define REGISTRY_MORE 15       /* blocks of text from parts (cuts.h) */

struct registry {
	const char *name;      /* the register's file name, for messages */
	struct registry_entry *entries;
	size_t n, cap;
	struct strbuf text;    /* the entries' texts, each NUL-ended */
	/*
	 * The texts of parts read on other threads, kept as they were read
	 * rather than copied: block k holds the texts from more_at[k] on;
	 * texts kept after them go in the last.
	 */
	struct strbuf more[REGISTRY_MORE];
	uint32_t more_at[REGISTRY_MORE];
	size_t nmore;
	/*
	 * The hash table over each entry's name key and codes: a slot holds
	 * 0 (empty), or a reference to a text (entry * 3 + which, plus 1) in
	 * its low `ref_bits` bits and some bits of the text's hash above.
	 */
	uint32_t *slot;
	size_t nslots;         /* a power of two, at most 3/4 full */
	unsigned ref_bits;
	unsigned long matched_rows;
	struct registry_miss misses[REGISTRY_MISSES_KEPT];
	size_t nmisses;        /* kept in misses[] */
	unsigned long missed_rows; /* all rows that matched nothing */
	struct strbuf scratch;
	/*
	 * A fork shares its register's entries, text and table, read only,
	 * and keeps its matches here instead: a bit an entry, and the list.
	 */
	int borrowed;
	uint64_t *seen;
	struct registry_match *matches;
	size_t nmatches, matches_cap;
};

/* The text at `at` of `g`'s texts (an entry's name, code, region, key). */
static inline const char *registry_text(const struct registry *g, uint32_t at)
{
	size_t k = g->nmore;

	if (at < g->text.len || k == 0)
		return g->text.buf + at;
	while (at < g->more_at[k - 1])
		k--;
	return g->more[k - 1].buf + (at - g->more_at[k - 1]);
}

/* Has a survey row matched entry `e`? */
static inline int registry_matched(const struct registry_entry *e)
{
	return e->first_line != 0;
}

/* An empty register, ready to read into (or to free). */
void registry_init(struct registry *g);

/*
 * Read a register from `src` (a stream or bytes), reporting problems as
 * `name:LINE: ...`; `name` must outlive `g`.  Returns FOITAB_OK,
 * FOITAB_DATAERR or FOITAB_OSERR.  Free `g` with registry_free() in every
 * case.  registry_read_stream() and registry_read_bytes() are shorthands.
 */
int registry_read(struct registry *g, const struct csv_source *src,
		  const char *name, struct diag *diag);
int registry_read_stream(struct registry *g, FILE *in, const char *name,
			 struct diag *diag);
int registry_read_bytes(struct registry *g, const void *bytes, size_t len,
			const char *name, struct diag *diag);

/*
 * As registry_read_stream(), on up to `jobs` threads when `in` is a large
 * regular file (csvread_table_parts(); `min_part` 0 for its default):
 * the same entries, messages and status as one pass.
 */
int registry_read_parts(struct registry *g, FILE *in, const char *name,
			struct diag *diag, unsigned jobs, long min_part);

/*
 * A hint: the look-up of `code` (a survey row's code cell) is coming;
 * start fetching where it will look.
 */
void registry_prefetch(const struct registry *g, const char *code);

/*
 * Match one checked response of survey file `file` against the register.
 * A code that names one entry while the name names another is warned
 * about at once; a body matching nothing is held for registry_close().
 * Returns FOITAB_OK or FOITAB_OSERR.
 */
int registry_note(struct registry *g, const struct response *r,
		  const char *file, struct diag *diag);

/*
 * After the last row: warn about the bodies that matched nothing, each
 * with the closest register names, or once if nothing matched at all.
 */
void registry_close(struct registry *g, const char *file, struct diag *diag);

/*
 * A register for a part of a survey read on another thread (split.h):
 * `g`'s entries, sharing their text and index (read only, so `g` must
 * outlive the fork and not change), with matches of its own.  Returns 0,
 * or -1 when out of memory.  Free it with registry_free().
 */
int registry_fork(struct registry *fork, const struct registry *g);

/*
 * Can what the fork `part` saw be added to what `g` saw?  Not when an
 * entry was matched in both: that body is in two rows, and the part must
 * be read again in order for the error to stand where it belongs.
 */
int registry_can_merge(const struct registry *g, const struct registry *part);

/*
 * Add what the fork `part` saw (its lines counting from 1 at
 * `lines_before` + 1) to `g`, after registry_can_merge() said yes; the
 * bodies it missed move to `g`.
 */
void registry_merge(struct registry *g, struct registry *part,
		    unsigned long lines_before);

/* Forget what registry_note() saw, to check another survey file. */
void registry_reset(struct registry *g);

/*
 * The entry for a body with `code` and name `body` into *entry (NULL: no
 * entry), using the caller's `scratch`, so that finding allocates nothing
 * once `scratch` has grown.  Returns 0, or -1 when out of memory.  Changes
 * nothing in `g`.
 */
int registry_find(const struct registry *g, const char *code,
		  const char *body, struct strbuf *scratch,
		  const struct registry_entry **entry);

void registry_free(struct registry *g);

#endif
