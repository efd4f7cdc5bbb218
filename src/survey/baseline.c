/*
 * baseline.c - reads a baseline CSV file (see baseline.h) through csvread.
 * It checks the file as strictly as the survey: every problem reported
 * with its line, nothing guessed.
 */
#include <assert.h>
#include <ctype.h>
#include <string.h>

#include "baseline.h"
#include "csvread.h"
#include "exitcodes.h"
#include "mem.h"
#include "stats.h"
#include "text.h"

enum { BCOL_KEY, BCOL_YEAR, BCOL_LABEL, BCOL_PERCENT, BCOL_COUNT,
       BCOL_DENOMINATOR, BNCOLUMNS };

static const struct csv_column bcolumns[BNCOLUMNS] = {
	[BCOL_KEY] = { "key", 1, NULL, 0 },
	[BCOL_YEAR] = { "year", 1, NULL, 0 },
	[BCOL_LABEL] = { "label", 1, NULL, 0 },
	[BCOL_PERCENT] = { "percent", 1, NULL, 0 },
	[BCOL_COUNT] = { "count", 0, NULL, 0 },
	[BCOL_DENOMINATOR] = { "denominator", 0, NULL, 0 },
};

struct baseline_reader {
	struct baseline *b;
	struct diag *diag;
	const char *name;
	unsigned long errors_at_begin;
	struct strbuf folded;
};

/*
 * The key index: an open-addressing table of row numbers + 1 over the
 * folded keys, at most half full, so that finding a duplicate among any
 * number of rows takes near-constant time.
 */
static size_t key_hash(const char *key)
{
	uint64_t h = TEXT_HASH_START;

	for (; *key; key++)
		h = text_hash_add(h, (unsigned char)*key);
	return (size_t)h;
}

/* Place row `i` in the table, which has room. */
static void index_place(struct baseline *b, size_t i)
{
	size_t k = key_hash(b->rows[i].key) & (b->nslots - 1);

	while (b->slot[k])
		k = (k + 1) & (b->nslots - 1);
	b->slot[k] = i + 1;
}

/* Make room for one more key; -1 when out of memory. */
static int index_grow(struct baseline *b)
{
	size_t nslots = b->nslots ? b->nslots * 2 : 32, i;

	if (b->n < b->nslots / 2)
		return 0;
	mem_free(b->slot);
	b->slot = mem_calloc(nslots, sizeof *b->slot);
	if (!b->slot) {
		b->nslots = 0;
		return -1;
	}
	b->nslots = nslots;
	for (i = 0; i < b->n; i++)
		if (*b->rows[i].key)
			index_place(b, i);
	return 0;
}

/* "83", "11.5": percent times 1000 and its decimals; -1 if not a percent. */
static int parse_percent(const char *s, unsigned long *milli, int *decimals)
{
	unsigned long long scaled;
	int d;

	if (stats_parse_percent(s, &scaled, decimals) < 0)
		return -1;
	for (d = *decimals; d < 3; d++)
		scaled *= 10;
	*milli = (unsigned long)scaled;
	return 0;
}

/* A whole number of at most 9 digits; -1 if not one. */
static int parse_whole(const char *s, unsigned long *n)
{
	int digits = 0;

	for (*n = 0; isdigit((unsigned char)*s) && digits < 9; s++, digits++)
		*n = *n * 10 + (unsigned long)(*s - '0');
	return *s || digits == 0 ? -1 : 0;
}

/*
 * The row's count and denominator, when the file has those columns: both
 * or neither, count <= denominator, and the percentage they give, rounded
 * half up to the decimals published, the one the row states.
 */
static void read_counts(struct baseline_reader *br, struct baseline_row *r,
			const struct csv_row *row, const int *at)
{
	const char *count = "", *den = "";

	if (at[BCOL_COUNT] >= 0 && (size_t)at[BCOL_COUNT] < row->nfields)
		count = row->fields[at[BCOL_COUNT]];
	if (at[BCOL_DENOMINATOR] >= 0 &&
	    (size_t)at[BCOL_DENOMINATOR] < row->nfields)
		den = row->fields[at[BCOL_DENOMINATOR]];
	if (!*count && !*den)
		return;
	if (!*count || !*den) {
		diag_error(br->diag, br->name, row->line, "column '%s': empty, "
			   "but '%s' is given; give both or neither",
			   *count ? "denominator" : "count",
			   *count ? "count" : "denominator");
		return;
	}
	if (parse_whole(count, &r->count) < 0) {
		diag_error(br->diag, br->name, row->line, "column 'count': '%s' "
			   "is not a whole number", count);
		return;
	}
	if (parse_whole(den, &r->denominator) < 0 || r->denominator == 0) {
		diag_error(br->diag, br->name, row->line, "column 'denominator': "
			   "'%s' is not a whole number above 0", den);
		return;
	}
	if (r->count > r->denominator) {
		diag_error(br->diag, br->name, row->line, "column 'count': %lu "
			   "is more than the denominator, %lu", r->count,
			   r->denominator);
		return;
	}
	{
		unsigned long long got = stats_percent_scaled(r->count,
			r->denominator, r->decimals);
		unsigned long long unit = r->decimals == 0 ? 1000 :
					  r->decimals == 1 ? 100 :
					  r->decimals == 2 ? 10 : 1;
		char text[32];

		if (got * unit != r->milli) {
			diag_error(br->diag, br->name, row->line, "%lu of %lu is "
				   "%s%%, not the %s given in column 'percent'; "
				   "one of the three is wrong", r->count,
				   r->denominator, stats_fixed(text, sizeof text,
				   got, r->decimals), row->fields[at[BCOL_PERCENT]]);
			return;
		}
	}
	r->has_counts = 1;
}

static int on_record(const struct csv_row *row, const int *at, void *ctx)
{
	struct baseline_reader *br = ctx;
	struct baseline *b = br->b;
	struct baseline_row *r;
	char *year;

	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 8;
		struct baseline_row *rows = mem_realloc(b->rows, cap * sizeof *rows);

		if (!rows)
			return FOITAB_OSERR;
		b->rows = rows;
		b->cap = cap;
	}
	r = &b->rows[b->n];
	memset(r, 0, sizeof *r);
	r->line = row->line;
	{
		/* Keys are folded as bucket keys are: 'Specialist' is
		 * 'specialist'. */
		const char *s = "";
		size_t len = 0;
		int cell = at[BCOL_KEY];

		if (cell >= 0 && (size_t)cell < row->nfields) {
			s = row->fields[cell];
			len = row->lens[cell];
		}
		if (text_fold(s, len, &br->folded) < 0)
			return FOITAB_OSERR;
		r->key = mem_strndup(br->folded.buf, br->folded.len);
	}
	r->label = r->key ? csvread_cell_copy(row, at[BCOL_LABEL]) : NULL;
	year = r->label ? csvread_cell_copy(row, at[BCOL_YEAR]) : NULL;
	if (!year || index_grow(b) < 0) {
		mem_free(r->key);
		mem_free(r->label);
		mem_free(year);
		return FOITAB_OSERR;
	}
	b->n++;
	if (!*r->key) {
		diag_error(br->diag, br->name, row->line,
			   "column 'key': empty; each baseline row needs the "
			   "key of the bucket it matches, or a key of its own");
	} else if (baseline_find(b, r->key)) {
		diag_error(br->diag, br->name, row->line,
			   "column 'key': '%s' is already on line %lu",
			   r->key, baseline_find(b, r->key)->line);
	} else {
		index_place(b, b->n - 1);
	}
	if (!b->year) {
		b->year = year;
		year = NULL;
	} else if (strcmp(b->year, year) != 0) {
		diag_error(br->diag, br->name, row->line,
			   "column 'year': '%s' differs from '%s' above; a "
			   "baseline file holds one survey", year, b->year);
	}
	mem_free(year);
	{
		char *pct = csvread_cell_copy(row, at[BCOL_PERCENT]);

		if (!pct)
			return FOITAB_OSERR;
		if (parse_percent(pct, &r->milli, &r->decimals) < 0)
			diag_error(br->diag, br->name, row->line,
				   "column 'percent': '%s' is not a percentage "
				   "from 0 to 100 (at most 3 decimals)", pct);
		else
			read_counts(br, r, row, at);
		mem_free(pct);
	}
	return FOITAB_OK;
}

int baseline_read(struct baseline *b, const struct csv_source *src,
             const char *name, struct diag *diag)
{
	struct baseline_reader br;
	struct csv_table table = { "baseline", bcolumns, BNCOLUMNS, on_record,
				   &br };
	int status;

	memset(&br, 0, sizeof br);
	br.b = b;
	br.diag = diag;
	br.name = name;
	br.errors_at_begin = diag->errors;
	status = csvread_table(&table, src, name, diag);
	strbuf_release(&br.folded);
	if (status != FOITAB_OK)
		return status;
	return diag->errors == br.errors_at_begin ? FOITAB_OK : FOITAB_DATAERR;
}

int baseline_read_stream(struct baseline *b, FILE *in, const char *name,
			 struct diag *diag)
{
	struct csv_source src = { in, NULL, 0 };

	return baseline_read(b, &src, name, diag);
}

int baseline_read_bytes(struct baseline *b, const void *bytes, size_t len,
			const char *name, struct diag *diag)
{
	struct csv_source src = { NULL, bytes, len };

	return baseline_read(b, &src, name, diag);
}

const struct baseline_row *baseline_find(const struct baseline *b,
					 const char *key)
{
	size_t k;

	if (!b->nslots)
		return NULL;
	for (k = key_hash(key) & (b->nslots - 1); b->slot[k];
	     k = (k + 1) & (b->nslots - 1))
		if (strcmp(b->rows[b->slot[k] - 1].key, key) == 0)
			return &b->rows[b->slot[k] - 1];
	return NULL;
}

void baseline_free(struct baseline *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		mem_free(b->rows[i].key);
		mem_free(b->rows[i].label);
	}
	mem_free(b->rows);
	mem_free(b->year);
	mem_free(b->slot);
	b->rows = NULL;
	b->year = NULL;
	b->slot = NULL;
	b->n = b->cap = b->nslots = 0;
}
