/*
 * draft.c - the first draft of a rules file, from a sheet (`foitab init`).
 *
 * Every row is read once; for each column it keeps how many cells are
 * filled, the distinct values (folded, each with its first spelling, up
 * to DRAFT_MAX_VALUES), whether cells hold list separators and the items
 * between them, and how long the longest cell is.  Then each column is
 * placed: the body (by its header, or the first column of distinct
 * names), the response (by its header or its values: answered, refused,
 * pending, or Alaveteli's states; with none, every row is a reply), and
 * every other column as boolean, number (figures, perhaps with a few
 * words in place of one), list, choice or text, each with a comment
 * saying why (the guesses are draft_guess.c's).  A guess is never
 * hidden: what cannot be placed is a text column with a note.  The
 * header is sought among the first rows, below a title, as the loader
 * seeks it.
 *
 * It does not check the data: `foitab check --rules DRAFT FILE` does.
 */
#include <assert.h>
#include <string.h>

#include "draft.h"
#include "exitcodes.h"
#include "mem.h"
#include "number.h"
#include "rules.h"
#include "text.h"
#include "workbook.h"

#include "draft_reader.h"

/*
 * Count `s` (`len` bytes, trimmed) among the distinct values `v`.
 * Returns its index, CELL_OTHER_MARK past DRAFT_MAX_VALUES, or -1 when
 * out of memory.
 */
static int note_value(struct draft_reader *dr, struct draft_value *v,
		      size_t *n, int *too_many, const char *s, size_t len)
{
	size_t i;

	if (text_fold(s, len, &dr->folded) < 0)
		return -1;
	for (i = 0; i < *n; i++)
		if (strcmp(v[i].folded, dr->folded.buf) == 0) {
			v[i].rows++;
			return (int)i;
		}
	if (*n == DRAFT_MAX_VALUES) {
		*too_many = 1;
		return CELL_OTHER_MARK;
	}
	v[*n].folded = mem_strndup(dr->folded.buf, dr->folded.len);
	v[*n].written = mem_strndup(s, len);
	v[*n].rows = 1;
	(*n)++;
	return v[*n - 1].folded && v[*n - 1].written ? (int)(*n - 1) : -1;
}

/* The header, with `groups` (NULL: none) the row grouping its cells:
 * a grouped column is named by its group and header joined. */
static int read_header(struct draft_reader *dr, const struct csv_row *row,
		       const struct csv_row *groups)
{
	struct strbuf joined = STRBUF_INIT;
	size_t i;

	dr->columns = mem_calloc(row->nfields ? row->nfields : 1,
				 sizeof *dr->columns);
	if (!dr->columns)
		return -1;
	dr->ncolumns = row->nfields;
	for (i = 0; i < row->nfields; i++) {
		struct draft_column *c = &dr->columns[i];
		const char *s = row->fields[i];
		size_t len = row->lens[i];

		int g = csvread_group_of(groups, i);

		text_trim(&s, &len);
		if (g >= 0 && len) {
			if (csvread_joined(groups->fields[g], groups->lens[g],
					   s, len, &joined) < 0)
				return strbuf_release(&joined), -1;
			s = strbuf_str(&joined);
			len = joined.len;
		}
		if (text_fold(s, len, &dr->folded) < 0)
			return strbuf_release(&joined), -1;
		c->header = mem_strndup(s, len);
		c->name = mem_strndup(dr->folded.buf, dr->folded.len);
		if (!c->header || !c->name)
			return strbuf_release(&joined), -1;
	}
	strbuf_release(&joined);
	return 0;
}

/* Cells of `row` that are not blank. */
static size_t filled(const struct csv_row *row)
{
	size_t i, n = 0;

	for (i = 0; i < row->nfields; i++) {
		const char *s = row->fields[i];
		size_t len = row->lens[i];

		text_trim(&s, &len);
		n += len > 0;
	}
	return n;
}

static int on_row(const struct csv_row *row, void *ctx);

/*
 * Choose the header among the rows held: the first nearly as full as the
 * fullest (a title, a note or a row of groups above it has fewer cells),
 * with the row just above it as its groups when that has two cells or
 * more; the rows after it are the first rows of data.
 */
static int choose_header(struct draft_reader *dr)
{
	struct csv_row row, above;
	size_t k, most = 0, at = 0;
	int status = FOITAB_OK;

	for (k = 0; k < dr->nheld; k++) {
		row = csvread_held_row(&dr->held[k]);
		if (filled(&row) > most)
			most = filled(&row);
	}
	for (k = 0; k < dr->nheld; k++) {
		row = csvread_held_row(&dr->held[k]);
		if (filled(&row) >= 2 && filled(&row) * 4 >= most * 3)
			break;
	}
	if (k < dr->nheld)
		at = k;
	row = csvread_held_row(&dr->held[at]);
	dr->have_header = 1;
	dr->header_line = row.line;
	dr->header_sheet_row = row.sheet_cells;
	dr->skipped = at;
	if (at) {
		above = csvread_held_row(&dr->held[at - 1]);
		dr->grouped = above.line + 1 == row.line && filled(&above) >= 2;
	}
	if (read_header(dr, &row, dr->grouped ? &above : NULL) < 0)
		status = FOITAB_OSERR;
	for (k = at + 1; k < dr->nheld && status == FOITAB_OK; k++) {
		row = csvread_held_row(&dr->held[k]);
		status = on_row(&row, dr);
	}
	for (k = 0; k < dr->nheld; k++)
		csvread_held_free(&dr->held[k]);
	dr->nheld = 0;
	return status;
}

/* A cell of a data row: counted in its column's statistics. */
static int read_cell(struct draft_reader *dr, struct draft_column *c,
		     const char *s, size_t len)
{
	size_t start, i;
	int v;

	text_trim(&s, &len);
	if (len == 0)
		return strbuf_addch(&dr->marks, CELL_EMPTY_MARK);
	c->filled++;
	if (len > c->longest)
		c->longest = len;
	if (memchr(s, ',', len))
		c->has_comma_value = 1;
	if (memchr(s, ';', len) || memchr(s, '|', len))
		c->with_separator = 1;
	{
		struct number n;

		if (number_parse(s, len, &n) == NUMBER_OK)
			c->figures++;
		else if (note_value(dr, c->words, &c->nwords,
				    &c->words_too_many, s, len) < 0)
			return -1;
	}
	v = note_value(dr, c->values, &c->nvalues, &c->too_many, s, len);
	if (v < 0 || strbuf_addch(&dr->marks, v) < 0)
		return -1;
	/* The items between ';', ',' and '|', as a list column reads them. */
	for (start = i = 0; i <= len; i++) {
		const char *item;
		size_t n;

		if (i < len && s[i] != ';' && s[i] != ',' && s[i] != '|')
			continue;
		item = s + start;
		n = i - start;
		text_trim(&item, &n);
		if (n && note_value(dr, c->items, &c->nitems,
				    &c->items_too_many, item, n) < 0)
			return -1;
		start = i + 1;
	}
	return 0;
}

static int on_row(const struct csv_row *row, void *ctx)
{
	struct draft_reader *dr = ctx;
	size_t i;

	if (csvread_row_is_blank(row))
		return FOITAB_OK;
	if (!dr->have_header) {
		int status;

		if (dr->nheld < DRAFT_ABOVE_MAX)
			return csvread_hold(&dr->held[dr->nheld++], row) < 0 ?
			       FOITAB_OSERR : FOITAB_OK;
		status = choose_header(dr);
		if (status != FOITAB_OK)
			return status;
	}
	dr->rows++;
	for (i = 0; i < dr->ncolumns; i++) {
		const char *s = i < row->nfields ? row->fields[i] : "";
		size_t len = i < row->nfields ? row->lens[i] : 0;

		if (read_cell(dr, &dr->columns[i], s, len) < 0)
			return FOITAB_OSERR;
	}
	return FOITAB_OK;
}

/* Text for one line of the rules: line breaks and tabs as spaces. */
static void put_flat(FILE *out, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, out);
}

/* `values = ...` of `n` values, as first written. */
static void put_values(FILE *out, const char *setting,
		       const struct draft_value *v, size_t n)
{
	size_t i;

	fprintf(out, "%s = ", setting);
	for (i = 0; i < n; i++)
		fprintf(out, "%s%s", i ? ", " : "", v[i].written);
	fputc('\n', out);
}

/* Is `c` headed as column `k` (a built-in's, if k >= 0) is? */
static int same_name(const struct draft_reader *dr,
		     const struct draft_column *c, long k)
{
	return k >= 0 && &dr->columns[k] != c &&
	       strcmp(dr->columns[k].name, c->name) == 0;
}

/*
 * The column for a built-in one known by `names` (the first name is its
 * own, preferred): the first headed so, not body or response; or -1.
 */
static long find_named(const struct draft_reader *dr,
		       const char *const *names, long body, long response)
{
	size_t i, k;

	for (k = 0; names[k]; k++)
		for (i = 0; i < dr->ncolumns; i++)
			if ((long)i != body && (long)i != response &&
			    !same_name(dr, &dr->columns[i], body) &&
			    !same_name(dr, &dr->columns[i], response) &&
			    strcmp(dr->columns[i].name, names[k]) == 0)
				return (long)i;
	return -1;
}

/* Is column `i`'s name that of an earlier column? */
static int named_before(const struct draft_reader *dr, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (strcmp(dr->columns[k].name, dr->columns[i].name) == 0)
			return 1;
	return 0;
}

/* A header line when the sheet's header is not the column's own name. */
static void put_header(FILE *out, const struct draft_column *c,
		       const char *name)
{
	if (strcmp(c->name, name) != 0) {
		fputs("header = ", out);
		put_flat(out, c->header);
		fputc('\n', out);
	}
}

/* One column other than body and response: its guessed type, and why. */
static void put_column(FILE *out, const struct draft_reader *dr,
		       const struct draft_column *c, int with_response)
{
	unsigned long seen = c->filled;

	fprintf(out, "\n[column %s]\n", c->name);
	put_header(out, c, c->name);
	if (seen == 0) {
		fprintf(out, "# empty in all %lu rows: kept as text\n"
			"type = text\n", dr->rows);
		return;
	}
	if (all_in(c, boolean_words)) {
		fprintf(out, "# guessed yes/no: %lu of %lu rows filled, every "
			"value a yes or a no\ntype = boolean\n", seen, dr->rows);
	} else if (is_number(c)) {
		fprintf(out, "# guessed figures: %lu of %lu rows filled, %lu "
			"with a number", seen, dr->rows, c->figures);
		if (c->nwords)
			fprintf(out, " and the rest with %zu word%s in place of "
				"one", c->nwords, c->nwords == 1 ? "" : "s");
		fputs("\ntype = number\nlabel = ", out);
		put_flat(out, c->header);
		fputc('\n', out);
		if (c->nwords)
			put_values(out, "values", c->words, c->nwords);
		return;
	} else if (is_list(c)) {
		fprintf(out, "# guessed a list: %lu of %lu rows filled, some "
			"with several items between ';', ',' or '|'; %zu "
			"different items\ntype = list\n", seen, dr->rows,
			c->nitems);
		put_values(out, "values", c->items, c->nitems);
	} else if (is_choice(c)) {
		fprintf(out, "# guessed a choice: %lu of %lu rows filled with "
			"%zu different values\n", seen, dr->rows, c->nvalues);
		put_values(out, "values", c->values, c->nvalues);
	} else {
		fprintf(out, "# kept as text: %lu of %lu rows filled with %s%zu "
			"different values; if it is coded, list its values "
			"and give it a type (foitab-rules(5))\ntype = text\n",
			seen, dr->rows, c->too_many ? "over " : "",
			c->nvalues);
		return;
	}
	if (with_response && dr->answered &&
	    c->answered_filled == dr->answered)
		fputs("# filled on every answered row: required there\n"
		      "required = response is answered\n", out);
}

/* Commented example buckets: one a choice value, one a yes/no column. */
static void put_examples(FILE *out, const struct draft_reader *dr,
			 const int *coded)
{
	size_t i, v;

	fputs("\n# Buckets: one section for each figure, as in these "
	      "examples.\n# Take the '# ' off the lines of the ones you "
	      "want, and give\n# them labels; see foitab-rules(5).\n", out);
	for (i = 0; i < dr->ncolumns; i++) {
		const struct draft_column *c = &dr->columns[i];

		if (!coded[i] || !c->filled)
			continue;
		if (all_in(c, boolean_words)) {
			fprintf(out, "\n# [bucket %s]\n# label = ", c->name);
			put_flat(out, c->header);
			fprintf(out, "\n# when = %s\n", c->name);
			continue;
		}
		if (is_number(c)) {
			fprintf(out, "\n# [bucket %s_some]\n# label = ", c->name);
			put_flat(out, c->header);
			fprintf(out, ": more than 0, of those giving a figure\n"
				"# when = %s > 0\n# of = %s >= 0\n", c->name,
				c->name);
			continue;
		}
		if (is_list(c)) {
			fprintf(out, "\n# [bucket %s_%s]\n# label = ", c->name,
				c->items[0].folded);
			put_flat(out, c->header);
			fprintf(out, ": %s\n# when = %s contains %s\n",
				c->items[0].written, c->name,
				c->items[0].folded);
			continue;
		}
		if (!is_choice(c))
			continue;
		for (v = 0; v < c->nvalues; v++) {
			fprintf(out, "\n# [bucket %s_%s]\n# label = ", c->name,
				c->values[v].folded);
			put_flat(out, c->header);
			fprintf(out, ": %s\n# when = %s is %s\n",
				c->values[v].written, c->name,
				c->values[v].folded);
		}
	}
}

/* `alias KIND = ...` (or `excluded = ...`) of the response's values
 * that are not its own and read as `kind`; nothing when none does. */
static void put_replies(FILE *out, const struct draft_column *c,
			enum response_kind kind, const char *setting)
{
	size_t i, k = 0;

	for (i = 0; i < c->nvalues; i++) {
		if (in_words(plain_responses, c->values[i].folded) ||
		    guess_reply(c->values[i].folded) != kind)
			continue;
		fprintf(out, "%s%s", k++ ? ", " : setting, c->values[i].written);
	}
	if (k)
		fputc('\n', out);
}

/* The built-in column `name` mapped from column `c`, if any. */
static void put_builtin(FILE *out, const struct draft_column *c,
			const char *name, const char *why)
{
	fprintf(out, "\n[column %s]\n# %s\n", name, why);
	put_header(out, c, name);
}

/*
 * Place the body and the response, and count each column's cells on the
 * answered rows (by the response's values, or Alaveteli's for answered).
 * Returns 0, or -1 when out of memory.
 */
static int place(struct draft *d)
{
	static const char *const answered[] = {
		"answered", "successful", "partially_successful", "not_held",
		NULL
	};
	struct draft_reader *dr = d->reader;
	const unsigned char *mark = (const unsigned char *)dr->marks.buf;
	unsigned long row;
	size_t i;

	d->body = find_body(dr);
	d->response = find_response(dr, d->body);
	dr->coded = mem_calloc(dr->ncolumns ? dr->ncolumns : 1,
			       sizeof *dr->coded);
	if (!dr->coded)
		return -1;
	if (d->response < 0)
		return 0;
	for (row = 0; row < dr->rows; row++, mark += dr->ncolumns) {
		const struct draft_column *r = &dr->columns[d->response];
		unsigned v = mark[d->response];

		if (v >= r->nvalues || !in_words(answered, r->values[v].folded))
			continue;
		dr->answered++;
		for (i = 0; i < dr->ncolumns; i++)
			if (mark[i] != CELL_EMPTY_MARK)
				dr->columns[i].answered_filled++;
	}
	return 0;
}

/* A sheet worth drafting from starts with two headers or more. */
static int looks_like_header(const struct csv_row *row, void *ctx)
{
	size_t i, filled = 0;

	(void)ctx;
	for (i = 0; i < row->nfields; i++)
		filled += row->lens[i] > 0;
	return filled >= 2;
}

int draft_read(struct draft *d, const struct csv_source *src,
	       const char *name, const struct csv_format *format,
	       const char *sheet, struct diag *diag)
{
	struct draft_reader *dr = mem_calloc(1, sizeof *dr);
	unsigned long errors = diag->errors;
	int status;

	memset(d, 0, sizeof *d);
	d->body = d->response = -1;
	if (!dr)
		return FOITAB_OSERR;
	d->reader = dr;
	d->name = name;
	if (src->stream && workbook_sniff(src->stream)) {
		struct workbook_request req;

		memset(&req, 0, sizeof req);
		req.sheet = sheet;
		req.fits = looks_like_header;
		req.on_row = on_row;
		req.ctx = dr;
		status = workbook_read(src->stream, name, &req, diag);
		mem_free(req.sheet_read);
	} else {
		status = csvread_all(src, name, format, diag, on_row, dr);
	}
	if (status == FOITAB_OK && !dr->have_header && dr->nheld)
		status = choose_header(dr);
	if (status == FOITAB_OK && !dr->have_header)
		diag_error(diag, name, 0, "the file is empty; foitab init "
			   "needs the sheet's header row and its rows");
	else if (status == FOITAB_OK && dr->rows == 0)
		diag_error(diag, name, 0, "there are no rows under the "
			   "header; foitab init guesses from the rows");
	if (status == FOITAB_OK && diag->errors != errors)
		status = FOITAB_DATAERR;
	if (status == FOITAB_OK && place(d) < 0)
		status = FOITAB_OSERR;
	return status;
}

void draft_write(const struct draft *d, FILE *out)
{
	const struct draft_reader *dr = d->reader;
	static const char *const code_names[] = {
		"code", "ons_code", "ods_code", "org_code", NULL
	};
	static const char *const summary_names[] = {
		"summary", "notes", "note", "comment", "comments", NULL
	};
	long body = d->body, response = d->response;
	long code = find_named(dr, code_names, body, response);
	long summary = find_named(dr, summary_names, body, response);
	static const char *const builtin_names[] = {
		"body", "code", "response", "summary", NULL
	};
	int *coded = dr->coded;
	const char *base = strrchr(d->name, '/');
	size_t i, len;
	int declared = 0;        /* columns of the survey's own */

	base = base ? base + 1 : d->name;
	len = strlen(base);
	if (len > 4 && (strcmp(base + len - 4, ".csv") == 0 ||
			strcmp(base + len - 4, ".ods") == 0))
		len -= 4;
	else if (len > 5 && strcmp(base + len - 5, ".xlsx") == 0)
		len -= 5;
	fprintf(out, "# foitab rules: a first draft, made by 'foitab init' "
		"from %s\n# (%lu rows).  Check every guess below; then add "
		"buckets.\n\ntitle = %.*s\n", d->name, dr->rows, (int)len,
		base);
	if (dr->skipped)
		fprintf(out, "# The header is on %s %lu; the %zu row%s above it "
			"%s not read%s.\n", dr->header_sheet_row ? "row" : "line",
			dr->header_line, dr->skipped, dr->skipped == 1 ? "" : "s",
			dr->skipped == 1 ? "is" : "are", dr->grouped ?
			", but the one just above\n# groups the columns under it: "
			"each is named by its group and its header" : "");
	if (response >= 0 && all_in(&dr->columns[response], alaveteli_words) &&
	    !all_in(&dr->columns[response], plain_responses))
		fputs("# The replies are the request states of an Alaveteli "
		      "export.\nresponses = alaveteli\n", out);
	if (response < 0)
		fputs("# No column holds the replies (answered, refused or "
		      "pending), so every\n# row is taken as an answered reply. "
		      "If the sheet has such a column,\n# head it 'response', or "
		      "give [column response] a 'header = ...'.\n"
		      "responses = answered\n", out);
	fputs("denominator = response is answered\n", out);
	if (body >= 0)
		put_builtin(out, &dr->columns[body], "body",
			    dr->columns[body].nvalues == dr->rows ||
			    dr->columns[body].too_many ?
			    "the public bodies: every name different" :
			    "the public bodies (some names repeat: check them)");
	else
		fputs("\n# No column looks like the bodies' names: head it "
		      "'body', or give\n# [column body] a 'header = ...'.\n",
		      out);
	if (response >= 0) {
		const struct draft_column *c = &dr->columns[response];

		put_builtin(out, c, "response", "each reply: answered, "
			    "refused or pending");
		if (!all_in(c, plain_responses) && !all_in(c, alaveteli_words) &&
		    !c->too_many && writable(c->values, c->nvalues)) {
			fputs("# Its values guessed by their words: check each. "
			      "A value no word\n# places is excluded: counted as "
			      "asked, in no figure.\n", out);
			put_replies(out, c, RESPONSE_ANSWERED, "alias answered = ");
			put_replies(out, c, RESPONSE_REFUSED, "alias refused = ");
			put_replies(out, c, RESPONSE_PENDING, "alias pending = ");
			put_replies(out, c, RESPONSE_EXCLUDED, "excluded = ");
		} else if (!all_in(c, plain_responses) &&
			   !all_in(c, alaveteli_words)) {
			fputs("# Say which of its values is which, as in\n"
			      "# 'alias answered = replied, sent'.\n", out);
		}
	}
	for (i = 0; i < dr->ncolumns; i++) {
		const struct draft_column *c = &dr->columns[i];

		if ((long)i == body || (long)i == response)
			continue;
		if (!*c->name) {
			fprintf(out, "\n# Column %zu has no header: it is left "
				"out; give it one to read it.\n", i + 1);
			continue;
		}
		if (named_before(dr, i)) {
			fputs("\n# Column ", out);
			fprintf(out, "%zu is headed '", i + 1);
			put_flat(out, c->header);
			fputs("' again: it is left out; give it a header of its "
			      "own.\n", out);
			continue;
		}
		if ((long)i == code) {
			put_builtin(out, c, "code", "the bodies' codes");
			continue;
		}
		if ((long)i == summary) {
			put_builtin(out, c, "summary", "the coder's notes");
			continue;
		}
		if (in_words(answered_words, c->name) ||
		    in_words(plain_responses, c->name)) {
			fputs("\n# '", out);
			put_flat(out, c->header);
			fputs("' is left out: its name is one of the response's "
			      "values.\n", out);
			continue;
		}
		if (in_words(builtin_names, c->name) ||
		    same_name(dr, c, body) || same_name(dr, c, response) ||
		    same_name(dr, c, code) || same_name(dr, c, summary)) {
			fprintf(out, "\n# Column %zu, '", i + 1);
			put_flat(out, c->header);
			fprintf(out, "', is left out: '%s' names a built-in "
				"column, read from another\n# column here; rename "
				"it to read it too.\n", c->name);
			continue;
		}
		if (declared == RULES_MAX_COLUMNS - RULES_BUILTIN_COLUMNS) {
			fprintf(out, "\n# Column %zu, '", i + 1);
			put_flat(out, c->header);
			fprintf(out, "', is left out: rules take at most %d "
				"columns besides the\n# built-in ones.\n",
				RULES_MAX_COLUMNS - RULES_BUILTIN_COLUMNS);
			continue;
		}
		put_column(out, dr, c, response >= 0);
		coded[i] = 1;
		declared++;
	}
	put_examples(out, dr, coded);
}

void draft_free(struct draft *d)
{
	struct draft_reader *dr = d->reader;
	size_t i, v;

	if (!dr)
		return;
	for (i = 0; i < dr->ncolumns; i++) {
		struct draft_column *c = &dr->columns[i];

		mem_free(c->header);
		mem_free(c->name);
		for (v = 0; v < c->nvalues; v++) {
			mem_free(c->values[v].folded);
			mem_free(c->values[v].written);
		}
		for (v = 0; v < c->nitems; v++) {
			mem_free(c->items[v].folded);
			mem_free(c->items[v].written);
		}
		for (v = 0; v < c->nwords; v++) {
			mem_free(c->words[v].folded);
			mem_free(c->words[v].written);
		}
	}
	for (i = 0; i < dr->nheld; i++)
		csvread_held_free(&dr->held[i]);
	mem_free(dr->columns);
	mem_free(dr->coded);
	strbuf_release(&dr->folded);
	strbuf_release(&dr->marks);
	mem_free(dr);
	d->reader = NULL;
}
