/*
 * header.c - a header row mapped to the columns a caller looks for
 * (csvread_map_header(), declared in csvread.h): which cell holds each
 * column, by folded name or another name it is given, or by its group
 * and its own header joined when a row of groups stands above it; a
 * column given twice, a required one missing (with the nearest cell, if
 * one is close) and the cells no column reads (in one line, or one
 * warning each when diag.each is set), all reported through diag.  Also
 * the copies of rows kept above a header until it is found.  It reads no
 * file.
 */
#include <string.h>

#include "csvread.h"
#include "exitcodes.h"
#include "mem.h"
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

/* Is `folded` column `c`'s name or one of its other names? */
static int names_column(const struct csv_column *c, const char *folded)
{
	size_t k;

	if (strcmp(c->name, folded) == 0)
		return 1;
	for (k = 0; k < c->nalso; k++)
		if (strcmp(c->also[k], folded) == 0)
			return 1;
	return 0;
}

int csvread_group_of(const struct csv_row *groups, size_t i)
{
	long g = -1;
	size_t j;

	if (!groups)
		return -1;
	for (j = 0; j <= i && j < groups->nfields; j++) {
		const char *s = groups->fields[j];
		size_t len = groups->lens[j];

		text_trim(&s, &len);
		if (len)
			g = (long)j;
	}
	return (int)g;
}

/* Cell `i`'s group and header joined by a space, folded into `out`
 * (empty when the cell has no group or no header); -1: out of memory. */
static int joined_name(const struct csv_row *header,
		       const struct csv_row *groups, size_t i,
		       struct strbuf *out)
{
	struct strbuf text = STRBUF_INIT;
	int g = csvread_group_of(groups, i), status;

	strbuf_reset(out);
	if (g < 0 || header->lens[i] == 0)
		return 0;
	status = csvread_joined(groups->fields[g], groups->lens[g],
				header->fields[i], header->lens[i], &text) < 0 ||
		 text_fold(strbuf_str(&text), text.len, out) < 0 ? -1 : 0;
	strbuf_release(&text);
	return status;
}

int csvread_joined(const char *group, size_t glen, const char *cell,
		   size_t clen, struct strbuf *out)
{
	text_trim(&group, &glen);
	text_trim(&cell, &clen);
	strbuf_reset(out);
	return strbuf_add(out, group, glen) < 0 || strbuf_addch(out, ' ') < 0 ||
	       strbuf_add(out, cell, clen) < 0 ? -1 : 0;
}

int csvread_map_header(const struct csv_row *header,
		       const struct csv_column *columns, size_t n, int *at,
		       const char *file, int warn_unknown, struct diag *diag)
{
	return csvread_map_grouped(header, NULL, columns, n, at, NULL, file,
				   warn_unknown, diag);
}

int csvread_map_grouped(const struct csv_row *header,
			const struct csv_row *groups,
			const struct csv_column *columns, size_t n, int *at,
			int *by_group, const char *file, int warn_unknown,
			struct diag *diag)
{
	struct strbuf folded = STRBUF_INIT, one = STRBUF_INIT;
	struct strbuf joined = STRBUF_INIT, scratch = STRBUF_INIT;
	struct strbuf unread = STRBUF_INIT;   /* columns not read, shown */
	char first[200], other[200];          /* the first alone, as said */
	unsigned long errors = diag->errors;
	size_t i, c, nunread = 0;
	int *bare = mem_calloc(n ? n * 2 : 1, sizeof *bare);

	if (!bare)
		return FOITAB_OSERR;
	for (c = 0; c < n; c++) {
		at[c] = -1;
		bare[c] = -1;          /* the first cell its name alone names */
		bare[n + c] = -1;      /* ... and a second */
	}
	for (i = 0; i < header->nfields; i++) {
		int known = 0;

		if (text_fold(header->fields[i], header->lens[i], &one) < 0 ||
		    strbuf_add(&folded, one.buf, one.len + 1) < 0 ||
		    joined_name(header, groups, i, &joined) < 0) {
			strbuf_release(&folded);
			strbuf_release(&one);
			strbuf_release(&joined);
			strbuf_release(&unread);
			mem_free(bare);
			return FOITAB_OSERR;
		}
		for (c = 0; c < n; c++) {
			if (!columns[c].name)
				continue;    /* not sought */
			if (joined.len && names_column(&columns[c], joined.buf)) {
				/* Named with its group: the cell is the one. */
				known = 1;
				if (at[c] >= 0)
					diag_error(diag, file, header->line,
						   "column '%s' appears twice in the "
						   "header (cells %d and %zu); keep "
						   "one", columns[c].name, at[c] + 1,
						   i + 1);
				else
					at[c] = (int)i;
			} else if (names_column(&columns[c], one.buf)) {
				known = 1;
				if (bare[c] < 0)
					bare[c] = (int)i;
				else if (bare[n + c] < 0)
					bare[n + c] = (int)i;
			}
		}
		if (!known && warn_unknown && one.len &&
		    unread_column(header, i, columns, n, file, diag, &unread,
				  &nunread, nunread ? other : first) < 0) {
			strbuf_release(&folded);
			strbuf_release(&one);
			strbuf_release(&joined);
			strbuf_release(&unread);
			mem_free(bare);
			return FOITAB_OSERR;
		}
	}
	for (c = 0; by_group && c < n; c++)
		by_group[c] = at[c] >= 0;     /* found by group and header */
	/* A column its header alone names: once, and not by its group. */
	for (c = 0; c < n; c++) {
		if (!columns[c].name || at[c] >= 0 || bare[c] < 0)
			continue;
		if (bare[n + c] < 0) {
			at[c] = bare[c];
			continue;
		}
		if (joined_name(header, groups, (size_t)bare[c], &joined) < 0 ||
		    joined_name(header, groups, (size_t)bare[n + c],
				&scratch) < 0) {
			strbuf_release(&joined);
			strbuf_release(&scratch);
			strbuf_release(&unread);
			strbuf_release(&folded);
			mem_free(bare);
			return FOITAB_OSERR;
		}
		if (joined.len && scratch.len && strcmp(joined.buf,
							scratch.buf) != 0)
			diag_error(diag, file, header->line, "column '%s' appears "
				   "twice in the header (cells %d and %d), under "
				   "two groups: name the one to read with its "
				   "group, as '%s' or '%s'", columns[c].name,
				   bare[c] + 1, bare[n + c] + 1, joined.buf,
				   scratch.buf);
		else
			diag_error(diag, file, header->line, "column '%s' appears "
				   "twice in the header (cells %d and %d); keep "
				   "one", columns[c].name, bare[c] + 1,
				   bare[n + c] + 1);
		at[c] = bare[c];     /* reported; not missing as well */
	}
	strbuf_release(&joined);
	strbuf_release(&scratch);
	mem_free(bare);
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


int csvread_hold(struct csv_held *h, const struct csv_row *row)
{
	size_t i, at = 0;

	memset(h, 0, sizeof *h);
	h->line = row->line;
	h->sheet_cells = row->sheet_cells;
	h->n = row->nfields;
	h->lens = mem_calloc(row->nfields + 1, sizeof *h->lens);
	h->fields = mem_calloc(row->nfields + 1, sizeof *h->fields);
	if (!h->lens || !h->fields)
		return -1;
	for (i = 0; i < row->nfields; i++)
		if (strbuf_add(&h->text, row->fields[i], row->lens[i]) < 0 ||
		    strbuf_addch(&h->text, '\0') < 0)
			return -1;
	for (i = 0; i < row->nfields; i++) {
		h->lens[i] = row->lens[i];
		h->fields[i] = h->text.buf ? h->text.buf + at : "";
		at += row->lens[i] + 1;
	}
	return 0;
}

struct csv_row csvread_held_row(const struct csv_held *h)
{
	struct csv_row row;

	memset(&row, 0, sizeof row);
	row.line = h->line;
	row.sheet_cells = h->sheet_cells;
	row.nfields = h->n;
	row.fields = h->fields;
	row.lens = h->lens;
	return row;
}

void csvread_held_free(struct csv_held *h)
{
	strbuf_release(&h->text);
	mem_free(h->lens);
	mem_free(h->fields);
	memset(h, 0, sizeof *h);
}
