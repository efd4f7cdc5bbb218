/*
 * dsv.c - the `csv` and `tsv` formats, for programs: a header that never
 * changes, one row per bucket (or, for a list, per body), quoted as
 * RFC 4180 asks and only where needed, and text that a spreadsheet would
 * run as a formula made inert unless --raw.  When the rules have number
 * columns, their figures follow as a second table, after a blank line,
 * with a fixed header of its own.
 */
#include <ctype.h>
#include <string.h>

#include "render.h"

int reporter_formula_like(const char *s)
{
	const char *p = s;
	int digits = 0;

	if (!strchr("=+-@\t\r", *s) || !*s)
		return 0;
	/* A plain number, such as -3 or +1.5, stays a number. */
	if (*p == '+' || *p == '-')
		p++;
	for (; isdigit((unsigned char)*p); p++)
		digits++;
	if (*p == '.' && digits)
		for (p++; isdigit((unsigned char)*p); p++)
			;
	return !(digits && *p == '\0');
}

/* Delimiter-separated output: the cell writer for csv and tsv. */
struct dsv {
	FILE *out;
	char delimiter;
	int guard;     /* make formula-like text inert */
};

/* One cell, quoted only when RFC 4180 needs it. */
static void dsv_cell(const struct dsv *w, const char *s, int last)
{
	int guarded = w->guard && reporter_formula_like(s);
	int quote = guarded && (*s == '\t' || *s == '\r');
	const char *p;

	for (p = s; *p && !quote; p++)
		quote = *p == w->delimiter || *p == '"' || *p == '\r' ||
			*p == '\n';
	if (*s && (s[0] == ' ' || s[strlen(s) - 1] == ' '))
		quote = 1;
	if (quote)
		fputc('"', w->out);
	if (guarded)
		fputc('\'', w->out);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', w->out);
		fputc(*p, w->out);
	}
	if (quote)
		fputc('"', w->out);
	fputc(last ? '\n' : w->delimiter, w->out);
}

/* A header row of `n` cells. */
static void dsv_header(const struct dsv *w, const char *const *cells,
		       size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dsv_cell(w, cells[i], i + 1 == n);
}

static void dsv_number(const struct dsv *w, unsigned long n, int last)
{
	fprintf(w->out, "%lu%c", n, last ? '\n' : w->delimiter);
}

/* baseline_count ... change_ci_high, ending the row; den 0: no change. */
static void dsv_change(const struct report *rep, const struct dsv *w,
		       const struct baseline_row *br, unsigned long count,
		       unsigned long den)
{
	char change[32], low[32], high[32];

	if (br && br->has_counts) {
		dsv_number(w, br->count, 0);
		dsv_number(w, br->denominator, 0);
	} else {
		dsv_cell(w, "", 0);
		dsv_cell(w, "", 0);
	}
	baseline_change_text(rep, count, den, br, change, low, high,
			     sizeof change);
	/* A leading + would make a spreadsheet read a formula. */
	dsv_cell(w, change[0] == '+' ? change + 1 : change, 0);
	dsv_cell(w, low[0] == '+' ? low + 1 : low, 0);
	dsv_cell(w, high[0] == '+' ? high + 1 : high, 1);
}

/*
 * The second table: a blank line, its header (after `first`, a column
 * naming the group or file, when given), then numbers_rows() for each
 * tally.
 */
static void numbers_header(const struct dsv *w, const char *first)
{
	static const char *const header[] = {
		"figure", "label", "bodies", "total", "median", "min",
		"min_body", "max", "max_body", "words"
	};

	fputc('\n', w->out);
	if (first)
		dsv_cell(w, first, 0);
	dsv_header(w, header, sizeof header / sizeof header[0]);
}

/* A row for each number column of `t`, after a cell `first` if given. */
static void numbers_rows(const struct dsv *w, const struct tally *t,
			 const char *first)
{
	struct figure_text ft;
	char words[600];
	size_t i;

	for (i = 0; i < t->nfigures; i++) {
		figure_text(t, i, 0, &ft);
		if (first)
			dsv_cell(w, first, 0);
		dsv_cell(w, ft.column, 0);
		dsv_cell(w, ft.label, 0);
		dsv_number(w, ft.bodies, 0);
		dsv_cell(w, ft.total, 0);
		dsv_cell(w, ft.median, 0);
		dsv_cell(w, ft.min, 0);
		dsv_cell(w, ft.min_body, 0);
		dsv_cell(w, ft.max, 0);
		dsv_cell(w, ft.max_body, 0);
		dsv_cell(w, figure_words_text(t, i, ": ", words, sizeof words), 1);
	}
}

static void dsv_figures(const struct report *rep, const struct dsv *w)
{
	const struct tally *t = rep->tally;
	const struct baseline *b = rep->baseline;
	size_t i;
	char pct[32], base[32];
	static const char *const header[] = {
		"bucket", "label", "count", "denominator", "percent",
		"baseline_percent", "ci_low", "ci_high", "baseline_count",
		"baseline_denominator", "change_points", "change_ci_low",
		"change_ci_high"
	};
	int counted = baseline_counted(rep);
	int ncols = counted ? 13 : rep->ci_level ? 8 : 6;
	char low[32], high[32];

	dsv_header(w, header, (size_t)ncols);
	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br = baseline_for(rep, t->rules->buckets[i].key);

		dsv_cell(w, t->rules->buckets[i].key, 0);
		dsv_cell(w, t->rules->buckets[i].label, 0);
		dsv_number(w, t->count[i], 0);
		dsv_number(w, t->base[i], 0);
		dsv_cell(w, bucket_percent(rep, i, pct, sizeof pct), 0);
		dsv_cell(w, baseline_percent(br, base, sizeof base), ncols == 6);
		if (ncols >= 8) {
			interval_text(rep, t->count[i], t->base[i], low, high,
				      sizeof low);
			dsv_cell(w, low, 0);
			dsv_cell(w, high, ncols == 8);
		}
		if (counted)
			dsv_change(rep, w, br, t->count[i], t->base[i]);
	}
	for (i = 0; b && i < b->n; i++) {
		if (!baseline_only(rep, &b->rows[i]))
			continue;
		dsv_cell(w, b->rows[i].key, 0);
		dsv_cell(w, b->rows[i].label, 0);
		dsv_cell(w, "", 0);
		dsv_cell(w, "", 0);
		dsv_cell(w, "", 0);
		dsv_cell(w, baseline_percent(&b->rows[i], base, sizeof base),
			 ncols == 6);
		if (ncols >= 8) {
			dsv_cell(w, "", 0);
			dsv_cell(w, "", ncols == 8);
		}
		if (counted)
			dsv_change(rep, w, &b->rows[i], 0, 0);
	}
	if (t->rules->nnumbers) {
		numbers_header(w, NULL);
		numbers_rows(w, t, NULL);
	}
}

static void dsv_list(const struct report *rep, const struct dsv *w)
{
	struct list_group groups[MAX_GROUPS];
	size_t ng = list_groups(rep, groups), i, j;
	static const char *const header[] = {
		"bucket", "body", "code", "line", "summary"
	};

	dsv_header(w, header, 5);
	for (i = 0; i < ng; i++) {
		for (j = 0; j < rep->roster->n; j++) {
			const struct member *m = &rep->roster->members[j];

			if (!in_group(&groups[i], m))
				continue;
			dsv_cell(w, groups[i].key, 0);
			dsv_cell(w, m->body, 0);
			dsv_cell(w, m->code, 0);
			dsv_number(w, m->line, 0);
			dsv_cell(w, m->summary, 1);
		}
	}
}

static void dsv_by(const struct report *rep, const struct dsv *w)
{
	const struct grouping *g = rep->grouping;
	static const char *const header[] = {
		"bucket", "label", "count", "denominator", "percent", "ci_low",
		"ci_high"
	};
	size_t i, b;
	char pct[32];

	dsv_cell(w, g->column, 0);
	dsv_header(w, header, rep->ci_level ? 7 : 5);
	for (i = 0; i < g->n; i++) {
		const struct tally *t = &g->groups[i].tally;

		for (b = 0; b < t->nbuckets; b++) {
			char low[32], high[32];

			dsv_cell(w, g->groups[i].name, 0);
			dsv_cell(w, t->rules->buckets[b].key, 0);
			dsv_cell(w, t->rules->buckets[b].label, 0);
			dsv_number(w, t->count[b], 0);
			dsv_number(w, t->base[b], 0);
			dsv_cell(w, percent_text(rep, t->count[b], t->base[b], pct,
						 sizeof pct), !rep->ci_level);
			if (rep->ci_level) {
				interval_text(rep, t->count[b], t->base[b], low,
					      high, sizeof low);
				dsv_cell(w, low, 0);
				dsv_cell(w, high, 1);
			}
		}
	}
	if (rep->tally->rules->nnumbers) {
		numbers_header(w, g->column);
		for (i = 0; i < g->n; i++)
			numbers_rows(w, &g->groups[i].tally, g->groups[i].name);
	}
}

static void dsv_compare(const struct report *rep, const struct dsv *w)
{
	const struct tally *t0 = rep->before, *t1 = rep->tally;
	static const char *const header[] = {
		"bucket", "label", "before_count", "before_denominator",
		"before_percent", "after_count", "after_denominator",
		"after_percent", "change_points", "change_ci_low",
		"change_ci_high"
	};
	size_t b;
	char pct[32], low[32], high[32];

	dsv_header(w, header, rep->ci_level ? 11 : 9);
	for (b = 0; b < t1->nbuckets; b++) {
		dsv_cell(w, t1->rules->buckets[b].key, 0);
		dsv_cell(w, t1->rules->buckets[b].label, 0);
		dsv_number(w, t0->count[b], 0);
		dsv_number(w, t0->base[b], 0);
		dsv_cell(w, percent_text(rep, t0->count[b], t0->base[b], pct,
					 sizeof pct), 0);
		dsv_number(w, t1->count[b], 0);
		dsv_number(w, t1->base[b], 0);
		dsv_cell(w, percent_text(rep, t1->count[b], t1->base[b], pct,
					 sizeof pct), 0);
		/* A leading + would make a spreadsheet read a formula. */
		change_text(rep, b, pct, sizeof pct);
		if (!rep->ci_level) {
			dsv_cell(w, pct[0] == '+' ? pct + 1 : pct, 1);
			continue;
		}
		dsv_cell(w, pct[0] == '+' ? pct + 1 : pct, 0);
		bucket_change_interval(rep, b, low, high, sizeof low);
		dsv_cell(w, low[0] == '+' ? low + 1 : low, 0);
		dsv_cell(w, high[0] == '+' ? high + 1 : high, 1);
	}
	if (t1->rules->nnumbers) {
		numbers_header(w, "file");
		numbers_rows(w, t0, rep->before_name);
		numbers_rows(w, t1, rep->after_name);
	}
}

/* One row a denominator that fits; a column a percentage, its counts. */
static void dsv_denominators(const struct report *rep, const struct dsv *w)
{
	const struct denominators_report *d = rep->denominators;
	size_t i, f;
	char cell[64];

	dsv_cell(w, "denominator", d->n == 0);
	for (i = 0; i < d->n; i++) {
		snprintf(cell, sizeof cell, "%s%%", d->given[i]);
		dsv_cell(w, cell, i + 1 == d->n);
	}
	for (f = 0; f < d->nfits; f++) {
		dsv_number(w, d->fits[f], d->n == 0);
		for (i = 0; i < d->n; i++)
			dsv_cell(w, fit_counts_text(d, f, i, cell, sizeof cell),
				 i + 1 == d->n);
	}
}

/*
 * One row a column, a bucket or a disagreement (`kind`), with a cell for
 * each coding, headed by its file: a bucket's count "2 of 34", a
 * disagreement's "line 5: none".
 */
static void dsv_agree(const struct report *rep, const struct dsv *w)
{
	const struct agree_report *a = rep->agree;
	static const char *const header[] = {
		"kind", "name", "body", "bodies", "agreement_percent", "alpha",
		"kappa", "note"
	};
	size_t i, c;
	char cell[128], alpha[80], kappa[80], where[40];

	for (i = 0; i < sizeof header / sizeof header[0]; i++)
		dsv_cell(w, header[i], 0);
	for (c = 0; c < a->ncodings; c++)
		dsv_cell(w, a->codings[c].file, 0);
	dsv_cell(w, "range_points", 1);
	for (i = 0; i < a->nitems; i++) {
		const struct agree_item *it = &a->items[i];
		const char *why = it->alpha.reason != AGREE_DEFINED ?
			coefficient_reason(it->alpha.reason) :
			a->ncodings == 2 && it->kappa.reason != AGREE_DEFINED ?
			coefficient_reason(it->kappa.reason) : "";

		dsv_cell(w, it->kind, 0);
		dsv_cell(w, it->name, 0);
		dsv_cell(w, "", 0);
		dsv_number(w, it->pairable, 0);
		dsv_cell(w, agreement_text(rep, it, cell, sizeof cell), 0);
		dsv_cell(w, it->alpha.reason == AGREE_DEFINED ?
			 coefficient_text(&it->alpha, alpha, sizeof alpha) : "", 0);
		dsv_cell(w, a->ncodings == 2 && it->kappa.reason == AGREE_DEFINED ?
			 coefficient_text(&it->kappa, kappa, sizeof kappa) : "", 0);
		dsv_cell(w, why, 0);
		for (c = 0; c < a->ncodings; c++) {
			if (strcmp(it->kind, "bucket") == 0)
				snprintf(cell, sizeof cell, "%lu of %lu",
					 it->count[c], it->denominator[c]);
			else
				cell[0] = '\0';
			dsv_cell(w, cell, 0);
		}
		if (strcmp(it->kind, "bucket") == 0)
			range_text(rep, it, cell, sizeof cell);
		else
			cell[0] = '\0';
		dsv_cell(w, cell, 1);
	}
	for (i = 0; i < a->nbodies; i++) {
		for (c = 0; c < a->ncodings; c++)
			if (!a->present[i * a->ncodings + c])
				break;
		if (c == a->ncodings)
			continue;
		dsv_cell(w, "missing", 0);
		dsv_cell(w, "", 0);
		dsv_cell(w, a->bodies[i], 0);
		for (c = 0; c < 5; c++)
			dsv_cell(w, "", 0);
		for (c = 0; c < a->ncodings; c++)
			dsv_cell(w, a->present[i * a->ncodings + c] ? "" :
				 "not in the file", 0);
		dsv_cell(w, "", 1);
	}
	for (i = 0; i < a->ndisagreements; i++) {
		const struct disagreement *d = &a->disagreements[i];

		dsv_cell(w, "disagreement", 0);
		dsv_cell(w, a->items[d->item].name, 0);
		dsv_cell(w, a->bodies[d->body], 0);
		for (c = 0; c < 5; c++)
			dsv_cell(w, "", 0);
		for (c = 0; c < a->ncodings; c++) {
			where_text(d->line[c], d->sheet_row[c], where,
				   sizeof where);
			if (d->line[c])
				snprintf(cell, sizeof cell, "%s: %s", where,
					 *d->value[c] ? d->value[c] : "(empty)");
			else
				snprintf(cell, sizeof cell, "%s", where);
			dsv_cell(w, cell, 0);
		}
		dsv_cell(w, "", 1);
	}
}

/*
 * The csv and tsv entry points of a writer dsv_WHAT: the same rows, with
 * ',' or a tab between cells.
 */
#define DSV_ENTRIES(what) \
	static void what##_csv(const struct report *rep, FILE *out) \
	{ \
		struct dsv w = { out, ',', !rep->raw_cells }; \
		dsv_##what(rep, &w); \
	} \
	static void what##_tsv(const struct report *rep, FILE *out) \
	{ \
		struct dsv w = { out, '\t', !rep->raw_cells }; \
		dsv_##what(rep, &w); \
	}

DSV_ENTRIES(figures)
DSV_ENTRIES(list)
DSV_ENTRIES(by)
DSV_ENTRIES(compare)
DSV_ENTRIES(denominators)
DSV_ENTRIES(agree)

const struct report_format report_csv = {
	.name = "csv",
	.label = "CSV",
	.extension = "csv",
	.media_type = "text/csv",
	.view = {
		[REPORT_FIGURES] = figures_csv,
		[REPORT_LIST] = list_csv,
		[REPORT_BY] = by_csv,
		[REPORT_COMPARE] = compare_csv,
		[REPORT_DENOMINATORS] = denominators_csv,
		[REPORT_AGREE] = agree_csv,
	},
};

const struct report_format report_tsv = {
	.name = "tsv",
	.label = "TSV",
	.extension = "tsv",
	.media_type = "text/tab-separated-values",
	.view = {
		[REPORT_FIGURES] = figures_tsv,
		[REPORT_LIST] = list_tsv,
		[REPORT_BY] = by_tsv,
		[REPORT_COMPARE] = compare_tsv,
		[REPORT_DENOMINATORS] = denominators_tsv,
		[REPORT_AGREE] = agree_tsv,
	},
};
