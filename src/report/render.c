/*
 * render.c - the pieces of text several formats print the same way
 * (render.h): percentages and intervals at the report's decimals,
 * baseline cells and changes, the response accounting, the groups of
 * `foitab list`, the denominators and agreement cells, and text made
 * safe for a terminal or for XML.  The arithmetic is stats.c's; the
 * formats build on this file, and reporter.c, on top, chooses among them.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "stats.h"

const char figures_note[] =
	"Figures: over the bodies counted. Median: the middle figure, or the "
	"mean of the\nmiddle two. Min, Max: with the first body to give each.";
const char overlap_note[] =
	"Buckets overlap (a body can be in several), so the percentages do "
	"not add up to 100.";

/* The interval's ends as text at the report's decimals ("" if none). */
void interval_text(const struct report *rep, unsigned long count,
		   unsigned long den, char *low, char *high, size_t size)
{
	double lo, hi;

	low[0] = high[0] = '\0';
	if (!rep->ci_level || den == 0)
		return;
	stats_wilson(count, den, rep->ci_level, &lo, &hi);
	stats_fixed(low, size, stats_proportion_scaled(lo, rep->decimals),
		    rep->decimals);
	stats_fixed(high, size, stats_proportion_scaled(hi, rep->decimals),
		    rep->decimals);
}

/* count / den as text at the report's decimals, or "" when den is 0. */
const char *percent_text(const struct report *rep, unsigned long count,
			 unsigned long den, char *buf, size_t size)
{
	buf[0] = '\0';
	if (den == 0)
		return buf;
	return stats_fixed(buf, size,
			   stats_percent_scaled(count, den, rep->decimals),
			   rep->decimals);
}

const char *bucket_percent(const struct report *rep, size_t i,
			   char *buf, size_t size)
{
	return percent_text(rep, rep->tally->count[i], rep->tally->base[i],
			    buf, size);
}

/* A baseline percentage as published, or "" for no row. */
const char *baseline_percent(const struct baseline_row *b, char *buf,
			     size_t size)
{
	unsigned long long scaled;
	int d;

	buf[0] = '\0';
	if (!b)
		return buf;
	scaled = b->milli;
	for (d = 3; d > b->decimals; d--)
		scaled /= 10;
	return stats_fixed(buf, size, scaled, b->decimals);
}

const struct baseline_row *baseline_for(const struct report *rep,
					const char *key)
{
	return rep->baseline ? baseline_find(rep->baseline, key) : NULL;
}

/* Is baseline row `b` printed on its own (no bucket has its key)? */
int baseline_only(const struct report *rep, const struct baseline_row *b)
{
	size_t i;

	for (i = 0; i < rep->tally->nbuckets; i++)
		if (strcmp(rep->tally->rules->buckets[i].key, b->key) == 0)
			return 0;
	return 1;
}

const char *baseline_year(const struct report *rep)
{
	return rep->baseline && rep->baseline->year ? rep->baseline->year
						    : "Baseline";
}

/* Does the register apply, with bodies in it that have no row? */
size_t missing_count(const struct report *rep)
{
	const struct registry *g = rep->registry;
	size_t i, missing = 0;

	/* A register none of the bodies matched was the wrong one. */
	if (!g || g->matched_rows == 0)
		return 0;
	for (i = 0; i < g->n; i++)
		missing += !registry_matched(&g->entries[i]);
	return missing;
}

size_t list_groups(const struct report *rep, struct list_group *g)
{
	const struct tally *t = rep->tally;
	size_t i, n = 0;

	for (i = 0; i < t->nbuckets; i++) {
		if (!bitset_has(&rep->selected, (unsigned)i))
			continue;
		g[n].key = t->rules->buckets[i].key;
		g[n].label = t->rules->buckets[i].label;
		g[n].count = t->count[i];
		g[n].denominator = t->base[i];
		g[n].bucket = (int)i;
		g[n].response = RESPONSE_ANSWERED;
		n++;
	}
	if (rep->list_pending) {
		g[n].key = "pending";
		g[n].label = "No reply yet";
		g[n].count = t->pending;
		g[n].denominator = 0;
		g[n].bucket = -1;
		g[n].response = RESPONSE_PENDING;
		n++;
	}
	if (rep->list_refused) {
		g[n].key = "refused";
		g[n].label = "Refused, an exemption claimed";
		g[n].count = t->refused;
		g[n].denominator = 0;
		g[n].bucket = -1;
		g[n].response = RESPONSE_REFUSED;
		n++;
	}
	return n;
}

int in_group(const struct list_group *g, const struct member *m)
{
	return g->bucket >= 0 ? bitset_has(&m->buckets, (unsigned)g->bucket)
			      : m->response == g->response;
}

/* Display width of UTF-8 text: one column per code point. */
size_t text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

/*
 * One character of text for a terminal, at *s (moved past it): control
 * characters, which could move the cursor or recolour the screen (C0,
 * DEL, and C1 such as U+009B, a CSI), shown as '?'.
 */
void put_char(FILE *out, const char **s)
{
	unsigned char c = (unsigned char)**s;

	if (c == 0xC2 && (unsigned char)(*s)[1] >= 0x80 &&
	    (unsigned char)(*s)[1] <= 0x9F) {
		fputc('?', out);
		(*s)++;
	} else {
		fputc(c < 0x20 || c == 0x7f ? '?' : c, out);
	}
}

/* Text for a terminal: put_char() over `s`. */
void put_text(FILE *out, const char *s)
{
	for (; *s; s++)
		put_char(out, &s);
}

void pad_right(FILE *out, const char *s, size_t width)
{
	size_t w = text_width(s);

	put_text(out, s);
	for (; w < width; w++)
		fputc(' ', out);
}

void figure_text(const struct tally *t, size_t i, int grouped,
		 struct figure_text *ft)
{
	const struct figures *f = &t->figures[i];
	const struct rules_column *col = &t->rules->columns[f->column];
	struct number median, min, max;
	size_t w;

	memset(ft, 0, sizeof *ft);
	ft->column = col->name;
	ft->label = col->label ? col->label : col->name;
	ft->bodies = f->bodies;
	ft->min_body = ft->max_body = "";
	for (w = 0; f->words && w < col->nvalues; w++)
		ft->nwords += f->words[w] != 0;
	if (!f->bodies)
		return;
	/* Every figure with the decimals of the most precise cell, as a
	 * spreadsheet column shows them (a median may have one more). */
	min = f->min;
	max = f->max;
	number_rescale(&min, f->total.scale);
	number_rescale(&max, f->total.scale);
	number_text(&f->total, grouped, ft->total, sizeof ft->total);
	if (tally_median(f, &median) == 0) {
		number_rescale(&median, f->total.scale);
		number_text(&median, grouped, ft->median, sizeof ft->median);
	}
	number_text(&min, grouped, ft->min, sizeof ft->min);
	number_text(&max, grouped, ft->max, sizeof ft->max);
	ft->min_body = strbuf_str(&f->min_body);
	ft->max_body = strbuf_str(&f->max_body);
}

int figure_word(const struct tally *t, size_t i, size_t w, const char **name,
		unsigned long *count)
{
	const struct figures *f = &t->figures[i];

	if (!f->words || !f->words[w])
		return 0;
	*name = t->rules->columns[f->column].values[w];
	*count = f->words[w];
	return 1;
}

const char *figure_words_text(const struct tally *t, size_t i,
			      const char *between, char *buf, size_t size)
{
	size_t w, used = 0;
	const char *name;
	unsigned long count;

	buf[0] = '\0';
	for (w = 0; w < t->rules->columns[t->figures[i].column].nvalues; w++)
		if (figure_word(t, i, w, &name, &count) && used < size)
			used += (size_t)snprintf(buf + used, size - used,
						 "%s%s%s%lu", used ? ", " : "",
						 name, between, count);
	return buf;
}

/* "6 asked, 5 replied (1 refused), 1 pending; 4 answered and counted" */
void accounting_text(const struct tally *t, FILE *out)
{
	if (t->rules->all_answered)
		fprintf(out, "%lu rows, each an answered reply (responses = "
			"answered)", t->asked);
	else
		fprintf(out, "%lu asked, %lu replied (%lu refused), %lu "
			"pending", t->asked, tally_replied(t), t->refused,
			t->pending);
	if (t->excluded) {
		/* Rows no figure counts, by state, so none goes unseen. */
		const struct rules_column *col =
			&t->rules->columns[COLUMN_RESPONSE];
		size_t i, k = 0;

		fprintf(out, ", %lu excluded (", t->excluded);
		for (i = RESPONSE_EXCLUDED; i < col->nvalues; i++)
			if (t->excluded_by[i - RESPONSE_EXCLUDED])
				fprintf(out, "%s%s %lu", k++ ? ", " : "",
					col->values[i],
					t->excluded_by[i - RESPONSE_EXCLUDED]);
		fputc(')', out);
	}
	fputs("; ", out);
	/* The same rows, not only as many: every counted row answered. */
	if (t->counted == t->answered && t->counted_answered == t->counted)
		fprintf(out, "%lu answered and counted", t->answered);
	else
		fprintf(out, "%lu answered, %lu counted", t->answered,
			t->counted);
}

void accounting_line(const struct report *rep, FILE *out)
{
	fputs("Responses: ", out);
	accounting_text(rep->tally, out);
	fputc('\n', out);
}

/* Text for XML and HTML: the five special characters as entities. */
void xml_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			/* XML 1.0 allows no control characters but these;
			 * a line break is LF, whether CR LF or CR. */
			if (*s == '\r' && s[1] == '\n')
				break;
			if (*s == '\r')
				fputc('\n', out);
			else if ((unsigned char)*s < 0x20 && *s != '\n' &&
				 *s != '\t')
				fputc('?', out);
			else
				fputc(*s, out);
		}
	}
}

const char *survey_title(const struct report *rep)
{
	const char *title = rep->tally->rules->title;

	return title && *title ? title : "Survey figures";
}

/* The change in bucket b as text: "+4", "-2.5", "0"; "" if not known. */
const char *change_text(const struct report *rep, size_t b, char *buf,
			size_t size)
{
	const struct tally *t0 = rep->before, *t1 = rep->tally;
	unsigned long long q;
	int negative;
	char digits[24];

	buf[0] = '\0';
	if (t0->base[b] == 0 || t1->base[b] == 0)
		return buf;
	q = stats_change_scaled(t0->count[b], t0->base[b], t1->count[b],
				t1->base[b], rep->decimals, &negative);
	stats_fixed(digits, sizeof digits, q, rep->decimals);
	snprintf(buf, size, "%s%s", q == 0 ? "" : negative ? "-" : "+", digits);
	return buf;
}

static void signed_points(const struct report *rep, double d, char *buf,
			  size_t size)
{
	char digits[24];
	int negative;
	unsigned long long q = stats_points_scaled(d, rep->decimals, &negative);

	stats_fixed(digits, sizeof digits, q, rep->decimals);
	snprintf(buf, size, "%s%s", q == 0 ? "" : negative ? "-" : "+", digits);
}

void change_interval_text(const struct report *rep, unsigned long c0,
			  unsigned long n0, unsigned long c1, unsigned long n1,
			  char *low, char *high, size_t size)
{
	double lo, hi;

	low[0] = high[0] = '\0';
	if (!rep->ci_level || n0 == 0 || n1 == 0)
		return;
	stats_newcombe(c1, n1, c0, n0, rep->ci_level, &lo, &hi);
	signed_points(rep, lo, low, size);
	signed_points(rep, hi, high, size);
}

void bucket_change_interval(const struct report *rep, size_t b, char *low,
			    char *high, size_t size)
{
	change_interval_text(rep, rep->before->count[b], rep->before->base[b],
			     rep->tally->count[b], rep->tally->base[b], low,
			     high, size);
}

const char *counts_text(unsigned long first, unsigned long last, char *buf,
			size_t size)
{
	if (first == last)
		snprintf(buf, size, "%lu", first);
	else
		snprintf(buf, size, "%lu to %lu", first, last);
	return buf;
}

void fit_counts(const struct denominators_report *d, size_t f, size_t i,
		unsigned long *first, unsigned long *last)
{
	int fits = stats_counts_for(d->percents[i], d->decimals[i], d->fits[f],
				    d->rounding, first, last);

	assert(fits);
	(void)fits;
}

const char *fit_counts_text(const struct denominators_report *d, size_t f,
			    size_t i, char *buf, size_t size)
{
	unsigned long first, last;

	fit_counts(d, f, i, &first, &last);
	return counts_text(first, last, buf, size);
}

const char *rounding_name(enum stats_rounding how)
{
	return how == STATS_HALF_EVEN ? "half-even" :
	       how == STATS_TRUNCATE ? "truncate" : "half-up";
}

void denominators_heading(const struct report *rep, FILE *out)
{
	const struct denominators_report *d = rep->denominators;
	size_t i;

	fprintf(out, "Denominators from %lu to %lu that fit ", d->min, d->max);
	for (i = 0; i < d->n; i++)
		fprintf(out, "%s%s%%", i == 0 ? "" : i + 1 < d->n ? ", " : " and ",
			d->given[i]);
	fprintf(out, ", rounded %s:\n",
		d->rounding == STATS_HALF_EVEN ? "half to even" :
		d->rounding == STATS_TRUNCATE ? "down (truncated)" : "half up");
}

const char denominators_note[] =
	"A denominator fits when, for every percentage, some whole count over\n"
	"it rounds to that percentage as printed. The test rules denominators\n"
	"out; it cannot say which of those left is the true one. It says less\n"
	"as denominators grow: at whole percentages every denominator of 100\n"
	"or more fits (at one decimal, every one of 1000 or more).";

const char *coefficient_text(const struct coefficient *c, char *buf,
			     size_t size)
{
	if (c->reason == AGREE_DEFINED) {
		snprintf(buf, size, "%.3f", c->value);
		/* A value that rounds to zero from below is 0.000. */
		if (strcmp(buf, "-0.000") == 0)
			snprintf(buf, size, "0.000");
	} else
		snprintf(buf, size, "undefined (%s)",
			 coefficient_reason(c->reason));
	return buf;
}

const char *agreement_text(const struct report *rep,
			   const struct agree_item *item, char *buf,
			   size_t size)
{
	return percent_text(rep, item->agreeing, item->pairable, buf, size);
}

const char *range_text(const struct report *rep,
		       const struct agree_item *item, char *buf, size_t size)
{
	const struct agree_report *a = rep->agree;
	size_t c, lo = 0, hi = 0;
	unsigned long long q;
	int negative;

	buf[0] = '\0';
	for (c = 0; c < a->ncodings; c++)
		if (item->denominator[c] == 0)
			return buf;
	/* Compare count/den exactly: a/b < c/d when a*d < c*b. */
	for (c = 1; c < a->ncodings; c++) {
		if ((unsigned long long)item->count[c] * item->denominator[lo] <
		    (unsigned long long)item->count[lo] * item->denominator[c])
			lo = c;
		if ((unsigned long long)item->count[c] * item->denominator[hi] >
		    (unsigned long long)item->count[hi] * item->denominator[c])
			hi = c;
	}
	q = stats_change_scaled(item->count[lo], item->denominator[lo],
				item->count[hi], item->denominator[hi],
				rep->decimals, &negative);
	return stats_fixed(buf, size, q, rep->decimals);
}

const char *where_text(unsigned long line, int sheet_row, char *buf,
		       size_t size)
{
	if (line == 0)
		snprintf(buf, size, "not in the file");
	else
		snprintf(buf, size, "%s %lu", sheet_row ? "row" : "line", line);
	return buf;
}

void agree_codings(const struct report *rep, FILE *out, int markdown,
		   void (*text)(FILE *out, const char *s))
{
	const struct agree_report *a = rep->agree;
	size_t c, i;

	for (c = 0; c < a->ncodings; c++) {
		fprintf(out, markdown ? "%zu. " : "  %zu: ", c + 1);
		text(out, a->codings[c].file);
		fprintf(out, " (%zu bodies", a->codings[c].roster->n);
		if (a->missing[c])
			fprintf(out, "; %zu missing", a->missing[c]);
		fputs(")\n", out);
		for (i = 0; i < a->nbodies; i++)
			if (!a->present[i * a->ncodings + c]) {
				fputs(markdown ? "   - missing: " : "     missing: ",
				      out);
				text(out, a->bodies[i]);
				fputc('\n', out);
			}
	}
}

const char agree_note[] =
	"Agree: the share of bodies, of those with values from two or more\n"
	"codings, on which every coding gives the same value. Alpha:\n"
	"Krippendorff's alpha, nominal (for list columns with the MASI\n"
	"distance, Passonneau 2006, so that overlapping lists count as partly\n"
	"agreeing); for buckets, over the bodies each coding counted. Kappa:\n"
	"Cohen's kappa, for two codings. An empty cell, or a body missing\n"
	"from a file, is missing data.";

int baseline_counted(const struct report *rep)
{
	size_t i;

	if (!rep->ci_level || !rep->baseline)
		return 0;
	for (i = 0; i < rep->baseline->n; i++)
		if (rep->baseline->rows[i].has_counts)
			return 1;
	return 0;
}

void baseline_change_text(const struct report *rep, unsigned long count,
			  unsigned long den, const struct baseline_row *br,
			  char *change, char *low, char *high, size_t size)
{
	unsigned long long q;
	int negative;
	char digits[24];

	change[0] = low[0] = high[0] = '\0';
	if (!br || !br->has_counts || den == 0)
		return;
	q = stats_change_scaled(br->count, br->denominator, count, den,
				rep->decimals, &negative);
	stats_fixed(digits, sizeof digits, q, rep->decimals);
	snprintf(change, size, "%s%s", q == 0 ? "" : negative ? "-" : "+",
		 digits);
	change_interval_text(rep, br->count, br->denominator, count, den, low,
			     high, size);
}

void baseline_change_note(const struct report *rep, FILE *out)
{
	fprintf(out, "Change: in percentage points from %s, for the buckets "
		"whose baseline gives\nits count and denominator; %d%% CI: "
		"Newcombe's interval for that change.\n", baseline_year(rep),
		rep->ci_level);
}

