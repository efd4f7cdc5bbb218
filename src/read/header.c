/*
 * header.c - a header row mapped to the columns a caller looks for
 * (csvread_map_header(), declared in csvread.h): which cell holds each
 * column, by folded name or another name it is given; a column given
 * twice, a required one missing (with the nearest cell, if one is close)
 * and the cells no column reads (in one line, or one warning each when
 * diag.each is set), all reported through diag.  It reads no file.
 */
#include <string.h>

#include "csvread.h"
#include "exitcodes.h"
#include "text.h"

/*
 * The cell of `header` whose folded name is nearest `name` (an edit or
 * two away, or one is the start of the other), or -1; `folded` holds each
 * cell's folded name, NUL-separated.
 */
static int nearest_cell(const char *name, const struct strbuf *folded,
			size_t ncells)
{
	const char *cell = strbuf_str(folded);
	unsigned best_d = 3;
	int best = -1;
	size_t i;

	for (i = 0; i < ncells; i++, cell += strlen(cell) + 1) {
		size_t n = strlen(cell), m = strlen(name);
		unsigned d = text_distance(name, cell, 3);

		if (n && d == 3 && (strncmp(cell, name, n < m ? n : m) == 0))
			d = 2;      /* "substance" for "substance_misuse" */
		if (n && d > 0 && d < best_d && (d == 1 || (n >= 4 && m >= 4))) {
			best_d = d;
			best = (int)i;
		}
	}
	return best;
}

/* Columns not read named in the one line, before "and N more". */
#define UNREAD_SHOWN 4

/*
 * Header cell `i` (in `file`) names no column of the rules: with
 * diag->each (check), a warning of its own; else counted in *count and,
 * among the first few, added to `unread` with the column it may mean.
 * -1 when out of memory.
 */
static int unread_column(const struct csv_row *header, size_t i,
			 const struct csv_column *columns, size_t n,
			 const char *file, struct diag *diag,
			 struct strbuf *unread, size_t *count, char first[200])
{
	struct strbuf one = STRBUF_INIT;
	char show[60], item[200];
	const char *near = NULL;
	unsigned best_d = 3;
	size_t c;

	if (text_fold(header->fields[i], header->lens[i], &one) < 0)
		return -1;
	for (c = 0; c < n; c++) {
		unsigned d = columns[c].name ?
			     text_distance(columns[c].name, one.buf, 3) : 3;

		if (d < best_d) {
			best_d = d;
			near = columns[c].name;
		}
	}
	strbuf_release(&one);
	text_shown(header->fields[i], header->lens[i], show, sizeof show);
	/* Alone: "column 'x' is not ... read (did you mean 'y'?)". */
	if (near)
		snprintf(first, 200, "column '%s' is not one of the rules' "
			 "columns, so it is not read (did you mean '%s'?)", show,
			 near);
	else
		snprintf(first, 200, "column '%s' is not one of the rules' "
			 "columns, so it is not read", show);
	if (diag->each) {
		diag_warning(diag, file, header->line, "%s", first);
		return 0;
	}
	if (near)
		snprintf(item, sizeof item, "'%s' (did you mean '%s'?)", show,
			 near);
	else
		snprintf(item, sizeof item, "'%s'", show);
	if (++*count > UNREAD_SHOWN)
		return 0;
	if (*count > 1 && strbuf_add(unread, ", ", 2) < 0)
		return -1;
	return strbuf_add(unread, item, strlen(item));
}

int csvread_map_header(const struct csv_row *header,
		       const struct csv_column *columns, size_t n, int *at,
		       const char *file, int warn_unknown, struct diag *diag)
{
	struct strbuf folded = STRBUF_INIT, one = STRBUF_INIT;
	struct strbuf unread = STRBUF_INIT;   /* columns not read, shown */
	char first[200], other[200];          /* the first alone, as said */
	unsigned long errors = diag->errors;
	size_t i, c, nunread = 0;

	for (c = 0; c < n; c++)
		at[c] = -1;
	for (i = 0; i < header->nfields; i++) {
		int known = 0;

		if (text_fold(header->fields[i], header->lens[i], &one) < 0 ||
		    strbuf_add(&folded, one.buf, one.len + 1) < 0) {
			strbuf_release(&folded);
			strbuf_release(&one);
			strbuf_release(&unread);
			return FOITAB_OSERR;
		}
		for (c = 0; c < n; c++) {
			size_t k;
			int match;

			if (!columns[c].name)
				continue;    /* not sought */
			match = strcmp(columns[c].name, one.buf) == 0;

			for (k = 0; !match && k < columns[c].nalso; k++)
				match = strcmp(columns[c].also[k], one.buf) == 0;
			if (!match)
				continue;
			known = 1;
			if (at[c] >= 0)
				diag_error(diag, file, header->line,
					   "column '%s' appears twice in the header "
					   "(cells %d and %zu); keep one",
					   columns[c].name, at[c] + 1, i + 1);
			else
				at[c] = (int)i;
		}
		if (!known && warn_unknown && one.len &&
		    unread_column(header, i, columns, n, file, diag, &unread,
				  &nunread, nunread ? other : first) < 0) {
			strbuf_release(&folded);
			strbuf_release(&one);
			strbuf_release(&unread);
			return FOITAB_OSERR;
		}
	}
	if (nunread == 1)
		diag_warning(diag, file, header->line, "%s", first);
	else if (nunread > UNREAD_SHOWN)
		diag_warning(diag, file, header->line, "%zu columns are not the "
			     "rules' columns, so they are not read: %s and %zu "
			     "more ('foitab check' names each)", nunread,
			     strbuf_str(&unread), nunread - UNREAD_SHOWN);
	else if (nunread > 1)
		diag_warning(diag, file, header->line, "%zu columns are not the "
			     "rules' columns, so they are not read: %s", nunread,
			     strbuf_str(&unread));
	strbuf_release(&unread);
	strbuf_release(&one);
	for (c = 0; c < n; c++) {
		char found[240], show[60];
		size_t used = 0;
		int near;

		if (!columns[c].required || at[c] >= 0)
			continue;
		found[0] = '\0';
		for (i = 0; i < header->nfields; i++) {
			int k = snprintf(found + used, sizeof found - used,
					 "%s'%s'", i ? ", " : "",
					 text_shown(header->fields[i],
						    header->lens[i], show,
						    sizeof show));

			if (k < 0 || (size_t)k >= sizeof found - used) {
				/* ", ..." and its NUL: 6 bytes. */
				strcpy(found + (used < sizeof found - 6 ?
						used : sizeof found - 6), ", ...");
				break;
			}
			used += (size_t)k;
		}
		near = nearest_cell(columns[c].name, &folded, header->nfields);
		if (columns[c].nalso)
			diag_error(diag, file, header->line,
				   "the header has no '%s' column, nor one called "
				   "'%s'%s (the header found: %s)", columns[c].name,
				   columns[c].also[0], columns[c].nalso > 1 ?
				   " or another name the rules give it" : "",
				   found);
		else if (near >= 0)
			diag_error(diag, file, header->line,
				   "the header has no '%s' column (did you mean "
				   "'%s'? the header found: %s)", columns[c].name,
				   text_shown(header->fields[near],
					      header->lens[near], show,
					      sizeof show), found);
		else
			diag_error(diag, file, header->line,
				   "the header has no '%s' column (the header "
				   "found: %s)", columns[c].name, found);
	}
	strbuf_release(&folded);
	return diag->errors == errors ? FOITAB_OK : FOITAB_DATAERR;
}

