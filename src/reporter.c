/*
 * reporter.c - the output formats.
 *
 * table: for people, aligned columns with the response accounting above
 *        and the overlap note below.
 * csv:   for programs, the fixed header
 *        bucket,label,count,denominator,percent,baseline_percent
 *        then one row per bucket and one per baseline-only row (counts
 *        empty), quoted as RFC 4180 asks and only where needed.
 *
 * Nothing here computes a figure that is not derived from the tally or the
 * baseline it is given.
 */
#include <assert.h>
#include <string.h>

#include "reporter.h"

unsigned long long reporter_percent_scaled(unsigned long count,
					   unsigned long den, int decimals)
{
	unsigned long long num = (unsigned long long)count * 100, q, r;
	int i;

	assert(den > 0 && count <= den);
	assert(decimals >= 0 && decimals <= REPORTER_MAX_DECIMALS);
	for (i = 0; i < decimals; i++)
		num *= 10;
	q = num / den;
	r = num % den;
	if (r >= den - r)      /* 2r >= den, without overflow: round half up */
		q++;
	return q;
}

const char *reporter_fixed(char *buf, size_t size, unsigned long long scaled,
			   int decimals)
{
	unsigned long long unit = 1;
	int i;

	for (i = 0; i < decimals; i++)
		unit *= 10;
	if (decimals == 0)
		snprintf(buf, size, "%llu", scaled);
	else
		snprintf(buf, size, "%llu.%0*llu", scaled / unit, decimals,
			 scaled % unit);
	return buf;
}

/* The bucket's percentage as text, or "" when nothing was counted. */
static const char *bucket_percent(const struct report *rep, size_t i,
				  char *buf, size_t size)
{
	const struct tally *t = rep->tally;

	buf[0] = '\0';
	if (t->answered == 0)
		return buf;
	return reporter_fixed(buf, size,
			      reporter_percent_scaled(t->count[i], t->answered,
						      rep->decimals),
			      rep->decimals);
}

static const char *baseline_percent(const struct baseline_row *b, char *buf,
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
	return reporter_fixed(buf, size, scaled, b->decimals);
}

static const struct baseline_row *baseline_for(const struct report *rep,
					       const char *key)
{
	return rep->baseline ? baseline_find(rep->baseline, key) : NULL;
}

/* Is baseline row `b` printed on its own (no bucket has its key)? */
static int baseline_only(const struct report *rep, const struct baseline_row *b)
{
	size_t i;

	for (i = 0; i < rep->tally->nbuckets; i++)
		if (strcmp(rep->tally->rules[i].key, b->key) == 0)
			return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* table */

/* Display width of UTF-8 text: one column per code point. */
static size_t text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void pad_right(FILE *out, const char *s, size_t width)
{
	size_t w = text_width(s);

	fputs(s, out);
	for (; w < width; w++)
		fputc(' ', out);
}

/* The register's bodies that have no row in the file, by name. */
static void print_missing(const struct report *rep, FILE *out)
{
	const struct registry *g = rep->registry;
	size_t i, missing = 0;

	/* A register none of the bodies matched was the wrong one: say nothing. */
	if (g && g->matched_rows == 0)
		return;
	for (i = 0; g && i < g->n; i++)
		missing += g->entries[i].matched == 0;
	if (!missing)
		return;
	fprintf(out, "Not in the file: %zu of the %zu bodies in the register:\n",
		missing, g->n);
	for (i = 0; i < g->n; i++)
		if (g->entries[i].matched == 0)
			fprintf(out, "  %s\n", g->entries[i].name);
}

static void render_table(const struct report *rep, FILE *out)
{
	const struct tally *t = rep->tally;
	const struct baseline *b = rep->baseline;
	const char *year = b && b->year ? b->year : "Baseline";
	const char *only = " only)";
	size_t i, label_w = strlen("Bucket"), year_w = strlen(year);
	int pct_w = 7;
	char pct[32], base[32];

	for (i = 0; i < t->nbuckets; i++)
		if (text_width(t->rules[i].label) > label_w)
			label_w = text_width(t->rules[i].label);
	for (i = 0; b && i < b->n; i++) {
		size_t w = text_width(b->rows[i].label) + 2 + strlen(year) +
			   strlen(only);

		if (baseline_only(rep, &b->rows[i]) && w > label_w)
			label_w = w;
	}
	if (year_w < 6)
		year_w = 6;
	if (rep->decimals + 4 > pct_w)
		pct_w = rep->decimals + 4;

	fprintf(out, "Responses: %lu asked, %lu replied (%lu refused), "
		"%lu pending; %lu answered and counted\n",
		t->asked, tally_replied(t), t->refused, t->pending, t->answered);
	print_missing(rep, out);
	fputc('\n', out);

	pad_right(out, "Bucket", label_w);
	fprintf(out, "  Count    Of  %*s", pct_w + 1, "Percent");
	if (b)
		fprintf(out, "  %*s", (int)year_w, year);
	fputc('\n', out);

	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br = baseline_for(rep, t->rules[i].key);

		pad_right(out, t->rules[i].label, label_w);
		bucket_percent(rep, i, pct, sizeof pct);
		fprintf(out, "  %5lu  %4lu  %*s%s", t->count[i], t->answered,
			pct_w, *pct ? pct : "-", *pct ? "%" : " ");
		if (br) {
			baseline_percent(br, base, sizeof base);
			fprintf(out, "  %*s%%", (int)year_w - 1, base);
		}
		fputc('\n', out);
	}
	for (i = 0; b && i < b->n; i++) {
		char label[512];

		if (!baseline_only(rep, &b->rows[i]))
			continue;
		snprintf(label, sizeof label, "%s (%s%s", b->rows[i].label,
			 year, only);
		pad_right(out, label, label_w);
		fprintf(out, "  %5s  %4s  %*s ", "", "", pct_w, "");
		baseline_percent(&b->rows[i], base, sizeof base);
		fprintf(out, "  %*s%%\n", (int)year_w - 1, base);
	}
	fputs("\nBuckets overlap (a body can be in several), so the "
	      "percentages do not add up to 100.\n", out);
}

/* ------------------------------------------------------------------ */
/* csv */

/* One cell, quoted only when RFC 4180 needs it. */
static void csv_cell(FILE *out, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n") || (*s && (s[0] == ' ' ||
					     s[strlen(s) - 1] == ' '))) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else {
		fputs(s, out);
	}
	fputc(last ? '\n' : ',', out);
}

static void render_csv(const struct report *rep, FILE *out)
{
	const struct tally *t = rep->tally;
	const struct baseline *b = rep->baseline;
	size_t i;
	char pct[32], base[32];

	fputs("bucket,label,count,denominator,percent,baseline_percent\n", out);
	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br = baseline_for(rep, t->rules[i].key);

		csv_cell(out, t->rules[i].key, 0);
		csv_cell(out, t->rules[i].label, 0);
		fprintf(out, "%lu,%lu,", t->count[i], t->answered);
		csv_cell(out, bucket_percent(rep, i, pct, sizeof pct), 0);
		csv_cell(out, br ? baseline_percent(br, base, sizeof base) : "", 1);
	}
	for (i = 0; b && i < b->n; i++) {
		if (!baseline_only(rep, &b->rows[i]))
			continue;
		csv_cell(out, b->rows[i].key, 0);
		csv_cell(out, b->rows[i].label, 0);
		fputs(",,,", out);
		csv_cell(out, baseline_percent(&b->rows[i], base, sizeof base), 1);
	}
}

static const struct report_format formats[] = {
	{ "table", render_table },
	{ "csv", render_csv },
};

const struct report_format *reporter_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

const struct report_format *reporter_formats(size_t *n)
{
	*n = sizeof formats / sizeof formats[0];
	return formats;
}
