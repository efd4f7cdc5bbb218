/*
 * reporter.c - the output formats: for the figures, for the lists of
 * bodies, for --by groups and for two files compared.
 *
 * table:    for people: aligned columns, the response accounting above
 *           and the overlap note below.
 * csv, tsv: for programs: a fixed header, one row per bucket (or, for a
 *           list, per body); quoted as RFC 4180 asks, only where needed;
 *           text that a spreadsheet would run as a formula made inert.
 * json:     one object, for jq and other tools.
 * markdown: a GitHub-flavoured table (or lists) to paste into a post.
 * svg:      a self-contained, accessible bar chart (figures only).
 * html:     one page: accounting, table, chart, lists and codebook.
 *
 * Intervals (--ci) are Wilson score intervals, in floating point: they
 * are estimates, rounded like the percentages at the end.  Every figure printed is derived here from the tally, the roster or the
 * baseline it is given; nothing is computed twice in different ways.
 */
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "reporter.h"

/* ------------------------------------------------------------------ */
/* Figures. */

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

void reporter_wilson(unsigned long count, unsigned long den, int level,
		     double *low, double *high)
{
	/* Two-sided normal quantiles. */
	double z = level == 90 ? 1.6448536269514722 :
		   level == 99 ? 2.5758293035489004 : 1.959963984540054;
	double n = (double)den, p = (double)count / n, z2 = z * z;
	double scale = 1 + z2 / n;
	double centre = (p + z2 / (2 * n)) / scale;
	double half = z / scale * sqrt(p * (1 - p) / n + z2 / (4 * n * n));

	assert(den > 0 && count <= den);
	*low = count == 0 ? 0.0 : centre - half;
	*high = count == den ? 1.0 : centre + half;
	if (*low < 0)
		*low = 0;
	if (*high > 1)
		*high = 1;
}

unsigned long long reporter_proportion_scaled(double p, int decimals)
{
	double scaled = p * 100;
	int i;

	for (i = 0; i < decimals; i++)
		scaled *= 10;
	return (unsigned long long)floor(scaled + 0.5);
}

/* The interval's ends as text at the report's decimals ("" if none). */
static void interval_text(const struct report *rep, unsigned long count,
			  unsigned long den, char *low, char *high, size_t size)
{
	double lo, hi;

	low[0] = high[0] = '\0';
	if (!rep->ci_level || den == 0)
		return;
	reporter_wilson(count, den, rep->ci_level, &lo, &hi);
	reporter_fixed(low, size, reporter_proportion_scaled(lo, rep->decimals),
		       rep->decimals);
	reporter_fixed(high, size, reporter_proportion_scaled(hi, rep->decimals),
		       rep->decimals);
}

/* count / den as text at the report's decimals, or "" when den is 0. */
static const char *percent_text(const struct report *rep, unsigned long count,
				unsigned long den, char *buf, size_t size)
{
	buf[0] = '\0';
	if (den == 0)
		return buf;
	return reporter_fixed(buf, size,
			      reporter_percent_scaled(count, den, rep->decimals),
			      rep->decimals);
}

static const char *bucket_percent(const struct report *rep, size_t i,
				  char *buf, size_t size)
{
	return percent_text(rep, rep->tally->count[i], rep->tally->counted,
			    buf, size);
}

/* A baseline percentage as published, or "" for no row. */
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
		if (strcmp(rep->tally->rules->buckets[i].key, b->key) == 0)
			return 0;
	return 1;
}

static const char *baseline_year(const struct report *rep)
{
	return rep->baseline && rep->baseline->year ? rep->baseline->year
						    : "Baseline";
}

/* Does the register apply, with bodies in it that have no row? */
static size_t missing_count(const struct report *rep)
{
	const struct registry *g = rep->registry;
	size_t i, missing = 0;

	/* A register none of the bodies matched was the wrong one. */
	if (!g || g->matched_rows == 0)
		return 0;
	for (i = 0; i < g->n; i++)
		missing += g->entries[i].matched == 0;
	return missing;
}

/* ------------------------------------------------------------------ */
/* The groups a list shows: the selected buckets, then pending, refused. */

struct list_group {
	const char *key;
	const char *label;
	unsigned long count;
	unsigned long denominator;   /* 0: not a share of the answered */
	unsigned long bit;           /* bucket bit, or 0 for a response kind */
	enum response_kind response;
};

#define MAX_GROUPS (RULES_MAX_BUCKETS + 2)

static size_t list_groups(const struct report *rep, struct list_group *g)
{
	const struct tally *t = rep->tally;
	size_t i, n = 0;

	for (i = 0; i < t->nbuckets; i++) {
		if (!(rep->selected & (1UL << i)))
			continue;
		g[n].key = t->rules->buckets[i].key;
		g[n].label = t->rules->buckets[i].label;
		g[n].count = t->count[i];
		g[n].denominator = t->counted;
		g[n].bit = 1UL << i;
		g[n].response = RESPONSE_ANSWERED;
		n++;
	}
	if (rep->list_pending) {
		g[n].key = "pending";
		g[n].label = "No reply yet";
		g[n].count = t->pending;
		g[n].denominator = 0;
		g[n].bit = 0;
		g[n].response = RESPONSE_PENDING;
		n++;
	}
	if (rep->list_refused) {
		g[n].key = "refused";
		g[n].label = "Refused, an exemption claimed";
		g[n].count = t->refused;
		g[n].denominator = 0;
		g[n].bit = 0;
		g[n].response = RESPONSE_REFUSED;
		n++;
	}
	return n;
}

static int in_group(const struct list_group *g, const struct member *m)
{
	return g->bit ? (m->buckets & g->bit) != 0 : m->response == g->response;
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

/*
 * One character of text for a terminal, at *s (moved past it): control
 * characters, which could move the cursor or recolour the screen (C0,
 * DEL, and C1 such as U+009B, a CSI), shown as '?'.
 */
static void put_char(FILE *out, const char **s)
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
static void put_text(FILE *out, const char *s)
{
	for (; *s; s++)
		put_char(out, &s);
}

static void pad_right(FILE *out, const char *s, size_t width)
{
	size_t w = text_width(s);

	put_text(out, s);
	for (; w < width; w++)
		fputc(' ', out);
}

/*
 * A bar for count/den, for a terminal: up to 20 cells, in eighths of a
 * cell, in colour unless the report says not.
 */
static void draw_bar(const struct report *rep, unsigned long count,
		     unsigned long den, FILE *out)
{
	static const char *const eighths[8] = {
		"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a",
		"\u2589"
	};
	unsigned long long units = reporter_percent_scaled(count, den, 0);
	unsigned long long cells = units * 160 / 100;   /* in eighths */
	unsigned long long i;

	fputs("  ", out);
	if (rep->colour)
		fputs("\033[36m", out);
	for (i = 0; i < cells / 8; i++)
		fputs("\u2588", out);
	fputs(eighths[cells % 8], out);
	if (rep->colour)
		fputs("\033[0m", out);
}

/* "6 asked, 5 replied (1 refused), 1 pending; 4 answered and counted" */
static void accounting_text(const struct tally *t, FILE *out)
{
	fprintf(out, "%lu asked, %lu replied (%lu refused), %lu pending; ",
		t->asked, tally_replied(t), t->refused, t->pending);
	/* The same rows, not only as many: every counted row answered. */
	if (t->counted == t->answered && t->counted_answered == t->counted)
		fprintf(out, "%lu answered and counted", t->answered);
	else
		fprintf(out, "%lu answered, %lu counted", t->answered,
			t->counted);
}

static void accounting_line(const struct report *rep, FILE *out)
{
	fputs("Responses: ", out);
	accounting_text(rep->tally, out);
	fputc('\n', out);
}

static void print_missing(const struct report *rep, FILE *out)
{
	const struct registry *g = rep->registry;
	size_t i, missing = missing_count(rep);

	if (!missing)
		return;
	fprintf(out, "Not in the file: %zu of the %zu bodies in the register:\n",
		missing, g->n);
	for (i = 0; i < g->n; i++) {
		if (g->entries[i].matched == 0) {
			fputs("  ", out);
			put_text(out, g->entries[i].name);
			fputc('\n', out);
		}
	}
}

static const char overlap_note[] =
	"Buckets overlap (a body can be in several), so the percentages do "
	"not add up to 100.";

/*
 * The figures of tally `t` as an aligned table: a header, a row per
 * bucket and, with `baseline`, the baseline beside them and its own rows
 * after.
 */
static void table_block(const struct report *rep, const struct tally *t,
			const struct baseline *b, FILE *out)
{
	const char *year = baseline_year(rep);
	const char *only = " only)";
	size_t i, label_w = strlen("Bucket"), year_w = strlen(year), ci_w = 0;
	int pct_w = 7;
	char pct[32], base[32], low[32], high[32], ci[80], ci_head[16];

	for (i = 0; i < t->nbuckets; i++)
		if (text_width(t->rules->buckets[i].label) > label_w)
			label_w = text_width(t->rules->buckets[i].label);
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
	if (rep->ci_level) {
		snprintf(ci_head, sizeof ci_head, "%d%% CI", rep->ci_level);
		ci_w = strlen(ci_head);
		for (i = 0; i < t->nbuckets; i++) {
			interval_text(rep, t->count[i], t->counted, low, high,
				      sizeof low);
			snprintf(ci, sizeof ci, "%s-%s%%", low, high);
			if (*low && strlen(ci) > ci_w)
				ci_w = strlen(ci);
		}
	}

	pad_right(out, "Bucket", label_w);
	fprintf(out, "  Count    Of  %*s", pct_w + 1, "Percent");
	if (rep->ci_level)
		fprintf(out, "  %*s", (int)ci_w, ci_head);
	if (b)
		fprintf(out, "  %*s", (int)year_w, year);
	fputc('\n', out);

	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br =
			b ? baseline_find(b, t->rules->buckets[i].key) : NULL;

		pad_right(out, t->rules->buckets[i].label, label_w);
		percent_text(rep, t->count[i], t->counted, pct, sizeof pct);
		fprintf(out, "  %5lu  %4lu  %*s%s", t->count[i], t->counted,
			pct_w, *pct ? pct : "-", *pct ? "%" : " ");
		if (rep->ci_level) {
			interval_text(rep, t->count[i], t->counted, low, high,
				      sizeof low);
			snprintf(ci, sizeof ci, "%s-%s%%", low, high);
			fprintf(out, "  %*s", (int)ci_w, *low ? ci : "-");
		}
		if (br) {
			baseline_percent(br, base, sizeof base);
			fprintf(out, "  %*s%%", (int)year_w - 1, base);
		} else if (b && rep->bars) {
			fprintf(out, "  %*s", (int)year_w, "");
		}
		if (rep->bars && t->counted)
			draw_bar(rep, t->count[i], t->counted, out);
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
		if (rep->ci_level)
			fprintf(out, "  %*s", (int)ci_w, "");
		baseline_percent(&b->rows[i], base, sizeof base);
		fprintf(out, "  %*s%%\n", (int)year_w - 1, base);
	}
}

static void render_table(const struct report *rep, FILE *out)
{
	accounting_line(rep, out);
	print_missing(rep, out);
	fputc('\n', out);
	table_block(rep, rep->tally, rep->baseline, out);
	if (rep->tally->overlaps)
		fprintf(out, "\n%s\n", overlap_note);
}

/* A summary on its own indented lines, its line breaks kept. */
static void indented(FILE *out, const char *s, const char *indent)
{
	fputs(indent, out);
	for (; *s; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		if (*s == '\n' || *s == '\r') {
			fputc('\n', out);
			fputs(indent, out);
			continue;
		}
		put_char(out, &s);
	}
	fputc('\n', out);
}

static void list_table(const struct report *rep, FILE *out)
{
	struct list_group groups[MAX_GROUPS];
	size_t ng = list_groups(rep, groups), i, j;
	char pct[32];

	for (i = 0; i < ng; i++) {
		const struct list_group *g = &groups[i];

		if (i)
			fputc('\n', out);
		if (g->denominator)
			fprintf(out, "%s (%s): %lu of %lu, %s%%\n", g->label, g->key,
				g->count, g->denominator,
				percent_text(rep, g->count, g->denominator, pct,
					     sizeof pct));
		else
			fprintf(out, "%s (%s): %lu\n", g->label, g->key, g->count);
		if (g->count == 0)
			fputs("  (none)\n", out);
		for (j = 0; j < rep->roster->n; j++) {
			const struct member *m = &rep->roster->members[j];

			if (!in_group(g, m))
				continue;
			fputs("  ", out);
			put_text(out, m->body);
			fprintf(out, " (line %lu)\n", m->line);
			if (*m->summary)
				indented(out, m->summary, "      ");
		}
	}
}

/* ------------------------------------------------------------------ */
/* csv and tsv */

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

static void dsv_number(const struct dsv *w, unsigned long n, int last)
{
	fprintf(w->out, "%lu%c", n, last ? '\n' : w->delimiter);
}

static void dsv_figures(const struct report *rep, const struct dsv *w)
{
	const struct tally *t = rep->tally;
	const struct baseline *b = rep->baseline;
	size_t i;
	char pct[32], base[32];
	static const char *const header[] = {
		"bucket", "label", "count", "denominator", "percent",
		"baseline_percent", "ci_low", "ci_high"
	};
	int ncols = rep->ci_level ? 8 : 6;
	char low[32], high[32];

	for (i = 0; i < (size_t)ncols; i++)
		dsv_cell(w, header[i], i + 1 == (size_t)ncols);
	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br = baseline_for(rep, t->rules->buckets[i].key);

		dsv_cell(w, t->rules->buckets[i].key, 0);
		dsv_cell(w, t->rules->buckets[i].label, 0);
		dsv_number(w, t->count[i], 0);
		dsv_number(w, t->counted, 0);
		dsv_cell(w, bucket_percent(rep, i, pct, sizeof pct), 0);
		dsv_cell(w, baseline_percent(br, base, sizeof base), ncols == 6);
		if (ncols == 8) {
			interval_text(rep, t->count[i], t->counted, low, high,
				      sizeof low);
			dsv_cell(w, low, 0);
			dsv_cell(w, high, 1);
		}
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
		if (ncols == 8) {
			dsv_cell(w, "", 0);
			dsv_cell(w, "", 1);
		}
	}
}

static void dsv_list(const struct report *rep, const struct dsv *w)
{
	struct list_group groups[MAX_GROUPS];
	size_t ng = list_groups(rep, groups), i, j;
	static const char *const header[] = {
		"bucket", "body", "code", "line", "summary"
	};

	for (i = 0; i < 5; i++)
		dsv_cell(w, header[i], i == 4);
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

static void render_csv(const struct report *rep, FILE *out)
{
	struct dsv w = { out, ',', !rep->raw_cells };

	dsv_figures(rep, &w);
}

static void render_tsv(const struct report *rep, FILE *out)
{
	struct dsv w = { out, '\t', !rep->raw_cells };

	dsv_figures(rep, &w);
}

static void list_csv(const struct report *rep, FILE *out)
{
	struct dsv w = { out, ',', !rep->raw_cells };

	dsv_list(rep, &w);
}

static void list_tsv(const struct report *rep, FILE *out)
{
	struct dsv w = { out, '\t', !rep->raw_cells };

	dsv_list(rep, &w);
}

/* ------------------------------------------------------------------ */
/* json */

/* A JSON string: quotes, backslashes and control characters escaped. */
static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (c < 0x20)
				fprintf(out, "\\u%04x", c);
			else
				fputc(c, out);   /* UTF-8 passes through */
		}
	}
	fputc('"', out);
}

/* A number from text ("5.88"), or null for "". */
static void json_number(FILE *out, const char *s)
{
	fputs(*s ? s : "null", out);
}

/* , "ci_level": 95, "ci_low": 1.6, "ci_high": 19.1 when asked for. */
static void json_interval(const struct report *rep, unsigned long count,
			  unsigned long den, FILE *out)
{
	char low[32], high[32];

	if (!rep->ci_level)
		return;
	interval_text(rep, count, den, low, high, sizeof low);
	fprintf(out, ", \"ci_level\": %d, \"ci_low\": ", rep->ci_level);
	json_number(out, low);
	fputs(", \"ci_high\": ", out);
	json_number(out, high);
}

static void json_accounting(const struct report *rep, FILE *out)
{
	const struct tally *t = rep->tally;
	const struct registry *g = rep->registry;
	size_t i, k = 0;

	fprintf(out, "  \"responses\": {\"asked\": %lu, \"replied\": %lu, "
		"\"refused\": %lu, \"pending\": %lu, \"counted\": %lu},\n",
		t->asked, tally_replied(t), t->refused, t->pending, t->counted);
	fputs("  \"not_in_file\": [", out);
	for (i = 0; missing_count(rep) && i < g->n; i++) {
		if (g->entries[i].matched)
			continue;
		fputs(k++ ? ", " : "", out);
		json_string(out, g->entries[i].name);
	}
	fputs("],\n", out);
}

static void render_json(const struct report *rep, FILE *out)
{
	const struct tally *t = rep->tally;
	const struct baseline *b = rep->baseline;
	size_t i;
	char pct[32], base[32];

	fputs("{\n", out);
	json_accounting(rep, out);
	fputs("  \"buckets\": [\n", out);
	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br = baseline_for(rep, t->rules->buckets[i].key);

		fputs("    {\"key\": ", out);
		json_string(out, t->rules->buckets[i].key);
		fputs(", \"label\": ", out);
		json_string(out, t->rules->buckets[i].label);
		fprintf(out, ", \"count\": %lu, \"denominator\": %lu, "
			"\"percent\": ", t->count[i], t->counted);
		json_number(out, bucket_percent(rep, i, pct, sizeof pct));
		fputs(", \"baseline_percent\": ", out);
		json_number(out, baseline_percent(br, base, sizeof base));
		json_interval(rep, t->count[i], t->counted, out);
		fputs(i + 1 < t->nbuckets ? "},\n" : "}\n", out);
	}
	fputs("  ],\n  \"baseline\": [", out);
	for (i = 0; b && i < b->n; i++) {
		fputs(i ? ",\n    {\"key\": " : "\n    {\"key\": ", out);
		json_string(out, b->rows[i].key);
		fputs(", \"year\": ", out);
		json_string(out, b->year);
		fputs(", \"label\": ", out);
		json_string(out, b->rows[i].label);
		fputs(", \"percent\": ", out);
		json_number(out, baseline_percent(&b->rows[i], base, sizeof base));
		fputc('}', out);
	}
	fputs(b && b->n ? "\n  ]\n}\n" : "]\n}\n", out);
}

static void list_json(const struct report *rep, FILE *out)
{
	struct list_group groups[MAX_GROUPS];
	size_t ng = list_groups(rep, groups), i, j;

	fputs("{\n", out);
	json_accounting(rep, out);
	fputs("  \"lists\": [", out);
	for (i = 0; i < ng; i++) {
		const struct list_group *g = &groups[i];
		size_t k = 0;

		fputs(i ? ",\n    {\"key\": " : "\n    {\"key\": ", out);
		json_string(out, g->key);
		fputs(", \"label\": ", out);
		json_string(out, g->label);
		fprintf(out, ", \"count\": %lu, \"denominator\": ", g->count);
		if (g->denominator)
			fprintf(out, "%lu", g->denominator);
		else
			fputs("null", out);
		fputs(", \"bodies\": [", out);
		for (j = 0; j < rep->roster->n; j++) {
			const struct member *m = &rep->roster->members[j];

			if (!in_group(g, m))
				continue;
			fputs(k++ ? ",\n      {\"body\": " : "\n      {\"body\": ",
			      out);
			json_string(out, m->body);
			fputs(", \"code\": ", out);
			json_string(out, m->code);
			fprintf(out, ", \"line\": %lu, \"summary\": ", m->line);
			json_string(out, m->summary);
			fputc('}', out);
		}
		fputs(k ? "\n    ]}" : "]}", out);
	}
	fputs(ng ? "\n  ]\n}\n" : "]\n}\n", out);
}

/* ------------------------------------------------------------------ */
/* markdown */

/*
 * Text as Markdown shows it literally, inside a table cell or after the
 * start of a list item: the characters that could start inline markup
 * escaped with a backslash ('&' only where it could start an entity),
 * line breaks made spaces.
 */
static void md_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\r' || *s == '\n') {
			if (!(*s == '\r' && s[1] == '\n'))
				fputc(' ', out);
			continue;
		}
		if (strchr("\\`*_[]<>|~", *s) ||
		    (*s == '&' && (isalnum((unsigned char)s[1]) || s[1] == '#')))
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void render_markdown(const struct report *rep, FILE *out)
{
	const struct tally *t = rep->tally;
	const struct baseline *b = rep->baseline;
	size_t i;
	char pct[32], base[32];

	fputs("| Bucket | Count | Of | Percent |", out);
	if (rep->ci_level)
		fprintf(out, " %d%% CI |", rep->ci_level);
	if (b) {
		fputc(' ', out);
		md_text(out, baseline_year(rep));
		fputs(" |", out);
	}
	fputs("\n| :--- | ---: | ---: | ---: |", out);
	if (rep->ci_level)
		fputs(" ---: |", out);
	fputs(b ? " ---: |\n" : "\n", out);
	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br = baseline_for(rep, t->rules->buckets[i].key);

		fputs("| ", out);
		md_text(out, t->rules->buckets[i].label);
		bucket_percent(rep, i, pct, sizeof pct);
		fprintf(out, " | %lu | %lu | %s%s |", t->count[i], t->counted,
			*pct ? pct : "", *pct ? "%" : "");
		if (rep->ci_level) {
			char low[32], high[32];

			interval_text(rep, t->count[i], t->counted, low, high,
				      sizeof low);
			if (*low)
				fprintf(out, " %s-%s%% |", low, high);
			else
				fputs("  |", out);
		}
		if (b)
			fprintf(out, " %s%s |", baseline_percent(br, base, sizeof base),
				br ? "%" : "");
		fputc('\n', out);
	}
	for (i = 0; b && i < b->n; i++) {
		if (!baseline_only(rep, &b->rows[i]))
			continue;
		fputs("| ", out);
		md_text(out, b->rows[i].label);
		fputs(" (", out);
		md_text(out, baseline_year(rep));
		fprintf(out, " only) |  |  |  |%s %s%% |\n",
			rep->ci_level ? "  |" : "",
			baseline_percent(&b->rows[i], base, sizeof base));
	}
	fputc('\n', out);
	accounting_line(rep, out);
	if (t->overlaps)
		fprintf(out, "\n%s\n", overlap_note);
	if (missing_count(rep)) {
		const struct registry *g = rep->registry;

		fprintf(out, "\nNot in the file: %zu of the %zu bodies in the "
			"register:\n\n", missing_count(rep), g->n);
		for (i = 0; i < g->n; i++) {
			if (g->entries[i].matched)
				continue;
			fputs("- ", out);
			md_text(out, g->entries[i].name);
			fputc('\n', out);
		}
	}
}

static void list_markdown(const struct report *rep, FILE *out)
{
	struct list_group groups[MAX_GROUPS];
	size_t ng = list_groups(rep, groups), i, j;
	char pct[32];

	for (i = 0; i < ng; i++) {
		const struct list_group *g = &groups[i];

		fputs(i ? "\n### " : "### ", out);
		md_text(out, g->label);
		if (g->denominator)
			fprintf(out, ": %lu of %lu, %s%%\n\n", g->count,
				g->denominator,
				percent_text(rep, g->count, g->denominator, pct,
					     sizeof pct));
		else
			fprintf(out, ": %lu\n\n", g->count);
		if (g->count == 0)
			fputs("None.\n", out);
		for (j = 0; j < rep->roster->n; j++) {
			const struct member *m = &rep->roster->members[j];

			if (!in_group(g, m))
				continue;
			fputs("- **", out);
			md_text(out, m->body);
			fputs("**", out);
			if (*m->summary) {
				fputs(": ", out);
				md_text(out, m->summary);
			}
			fputc('\n', out);
		}
	}
}

/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* svg and html */

/* Text for XML and HTML: the five special characters as entities. */
static void xml_text(FILE *out, const char *s)
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

static const char *survey_title(const struct report *rep)
{
	const char *title = rep->tally->rules->title;

	return title && *title ? title : "Survey figures";
}

#define SVG_WIDTH 700
#define SVG_LEFT 20
#define SVG_BAR_WIDTH 460     /* the width of 100% */

/* x of a share `milli` thousandths of a percent along the bar area. */
static double svg_x(unsigned long long milli)
{
	return SVG_LEFT + (double)milli * SVG_BAR_WIDTH / 100000.0;
}

/* A bucket's share in thousandths of a percent, for drawing. */
static unsigned long long share_milli(unsigned long count, unsigned long den)
{
	return den ? reporter_percent_scaled(count, den, 3) : 0;
}

/*
 * The chart: a horizontal bar per bucket, with the baseline as a hatched
 * bar under it where there is one, and whiskers for the intervals.  Grey
 * and hatching, not colour, tell the bars apart, so it prints in black
 * and white.  `standalone` adds the XML declaration.
 */
static void svg_chart(const struct report *rep, FILE *out, int standalone)
{
	const struct tally *t = rep->tally;
	const struct baseline *b = rep->baseline;
	char pct[32], base[32], low[32], high[32];
	size_t i, rows = t->nbuckets, extra = 0;
	int y, height, tick;

	for (i = 0; b && i < b->n; i++) {
		if (baseline_only(rep, &b->rows[i]))
			rows++;
		else
			extra++;
	}
	height = 104 + (int)rows * 46 + (int)extra * 16 + 24;
	if (standalone)
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-labelledby=\"chart-title chart-desc\">\n", SVG_WIDTH, height,
		SVG_WIDTH, height);
	fputs("<title id=\"chart-title\">", out);
	xml_text(out, survey_title(rep));
	fputs("</title>\n<desc id=\"chart-desc\">", out);
	fprintf(out, "Bar chart of %zu bucket%s, each a share of the %lu "
		"bodies counted. ", t->nbuckets, t->nbuckets == 1 ? "" : "s",
		t->counted);
	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br =
			baseline_for(rep, t->rules->buckets[i].key);

		xml_text(out, t->rules->buckets[i].label);
		fprintf(out, ": %lu of %lu, %s%%", t->count[i], t->counted,
			percent_text(rep, t->count[i], t->counted, pct, sizeof pct));
		if (br) {
			fputs("; ", out);
			xml_text(out, baseline_year(rep));
			fprintf(out, ": %s%%", baseline_percent(br, base, sizeof base));
		}
		fputs(". ", out);
	}
	fputs("</desc>\n<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" "
	      "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	      "<rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
	      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#444\" "
	      "stroke-width=\"2.5\"/></pattern></defs>\n"
	      "<style>text{font-family:sans-serif;font-size:13px;fill:#111}"
	      ".title{font-size:17px;font-weight:bold}.small{font-size:12px;"
	      "fill:#333}.bar{fill:#4d4d4d}.base{fill:url(#hatch);stroke:#444;"
	      "stroke-width:1}.grid{stroke:#d9d9d9;stroke-width:1}"
	      ".ci{stroke:#000;stroke-width:1.5}.halo{stroke:#fff;stroke-width:4}"
	      "</style>\n", out);
	fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n",
		SVG_WIDTH, height);
	fprintf(out, "<text class=\"title\" x=\"%d\" y=\"28\">", SVG_LEFT);
	xml_text(out, survey_title(rep));
	fprintf(out, "</text>\n<text class=\"small\" x=\"%d\" y=\"50\">Share of "
		"the %lu bodies counted; ", SVG_LEFT, t->counted);
	accounting_text(t, out);
	fputs("</text>\n", out);
	/* The legend. */
	fprintf(out, "<rect class=\"bar\" x=\"%d\" y=\"62\" width=\"14\" "
		"height=\"12\"/><text x=\"%d\" y=\"73\">This survey</text>\n",
		SVG_LEFT, SVG_LEFT + 20);
	if (b) {
		fprintf(out, "<rect class=\"base\" x=\"%d\" y=\"62\" width=\"14\" "
			"height=\"12\"/><text x=\"%d\" y=\"73\">", SVG_LEFT + 120,
			SVG_LEFT + 140);
		xml_text(out, baseline_year(rep));
		fputs("</text>\n", out);
	}
	if (rep->ci_level)
		fprintf(out, "<line class=\"ci\" x1=\"%d\" y1=\"68\" x2=\"%d\" "
			"y2=\"68\"/><text x=\"%d\" y=\"73\">%d%% confidence "
			"interval</text>\n", SVG_LEFT + 230, SVG_LEFT + 250,
			SVG_LEFT + 256, rep->ci_level);
	/* Grid lines at every 25%. */
	for (tick = 0; tick <= 100; tick += 25)
		fprintf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"86\" "
			"x2=\"%.1f\" y2=\"%d\"/><text class=\"small\" x=\"%.1f\" "
			"y=\"%d\" text-anchor=\"middle\">%d%%</text>\n",
			svg_x((unsigned long long)tick * 1000),
			svg_x((unsigned long long)tick * 1000), height - 30,
			svg_x((unsigned long long)tick * 1000), height - 14, tick);
	y = 104;
	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br =
			baseline_for(rep, t->rules->buckets[i].key);
		double end = svg_x(share_milli(t->count[i], t->counted));

		fprintf(out, "<g data-key=\"");
		xml_text(out, t->rules->buckets[i].key);
		fprintf(out, "\"><text x=\"%d\" y=\"%d\">", SVG_LEFT, y);
		xml_text(out, t->rules->buckets[i].label);
		fprintf(out, "</text>\n<rect class=\"bar\" x=\"%d\" y=\"%d\" "
			"width=\"%.1f\" height=\"18\"/>\n", SVG_LEFT, y + 6,
			end - SVG_LEFT);
		interval_text(rep, t->count[i], t->counted, low, high, sizeof low);
		if (*low) {
			double lo, hi;
			double y_mid = y + 15;

			reporter_wilson(t->count[i], t->counted, rep->ci_level, &lo,
					&hi);
			/* A white halo keeps the whisker visible on the bar. */
			fprintf(out, "<line class=\"halo\" x1=\"%.1f\" y1=\"%.1f\" "
				"x2=\"%.1f\" y2=\"%.1f\"/>",
				svg_x((unsigned long long)(lo * 100000)), y_mid,
				svg_x((unsigned long long)(hi * 100000)), y_mid);
			fprintf(out, "<line class=\"ci\" x1=\"%.1f\" y1=\"%.1f\" "
				"x2=\"%.1f\" y2=\"%.1f\"/><line class=\"ci\" "
				"x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
				"<line class=\"ci\" x1=\"%.1f\" y1=\"%.1f\" "
				"x2=\"%.1f\" y2=\"%.1f\"/>\n",
				svg_x((unsigned long long)(lo * 100000)), y_mid,
				svg_x((unsigned long long)(hi * 100000)), y_mid,
				svg_x((unsigned long long)(lo * 100000)), y_mid - 5,
				svg_x((unsigned long long)(lo * 100000)), y_mid + 5,
				svg_x((unsigned long long)(hi * 100000)), y_mid - 5,
				svg_x((unsigned long long)(hi * 100000)), y_mid + 5);
			end = svg_x((unsigned long long)(hi * 100000));
		}
		fprintf(out, "<text x=\"%.1f\" y=\"%d\">%lu of %lu, %s%%", end + 6,
			y + 20, t->count[i], t->counted,
			percent_text(rep, t->count[i], t->counted, pct, sizeof pct));
		if (*low)
			fprintf(out, " (%s-%s%%)", low, high);
		fputs("</text>\n", out);
		y += 32;
		if (br) {
			double bend = svg_x(br->milli);

			fprintf(out, "<rect class=\"base\" x=\"%d\" y=\"%d\" "
				"width=\"%.1f\" height=\"10\"/><text class=\"small\" "
				"x=\"%.1f\" y=\"%d\">", SVG_LEFT, y - 4,
				bend - SVG_LEFT, bend + 6, y + 5);
			xml_text(out, baseline_year(rep));
			fprintf(out, ": %s%%</text>\n",
				baseline_percent(br, base, sizeof base));
			y += 16;
		}
		fputs("</g>\n", out);
		y += 14;
	}
	for (i = 0; b && i < b->n; i++) {
		double bend;

		if (!baseline_only(rep, &b->rows[i]))
			continue;
		bend = svg_x(b->rows[i].milli);
		fprintf(out, "<g data-key=\"");
		xml_text(out, b->rows[i].key);
		fprintf(out, "\"><text x=\"%d\" y=\"%d\">", SVG_LEFT, y);
		xml_text(out, b->rows[i].label);
		fputs(" (", out);
		xml_text(out, baseline_year(rep));
		fprintf(out, " only)</text>\n<rect class=\"base\" x=\"%d\" "
			"y=\"%d\" width=\"%.1f\" height=\"10\"/><text class=\"small\" "
			"x=\"%.1f\" y=\"%d\">", SVG_LEFT, y + 6, bend - SVG_LEFT,
			bend + 6, y + 15);
		xml_text(out, baseline_year(rep));
		fprintf(out, ": %s%%</text></g>\n",
			baseline_percent(&b->rows[i], base, sizeof base));
		y += 46;
	}
	fputs("</svg>\n", out);
}

static void render_svg(const struct report *rep, FILE *out)
{
	svg_chart(rep, out, 1);
}

static const char html_style[] =
	"body{font-family:sans-serif;color:#111;max-width:46em;margin:2em auto;"
	"padding:0 1em;line-height:1.4}"
	"h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}"
	"h3{font-size:1em;margin-bottom:.3em}"
	"table{border-collapse:collapse;margin:1em 0}"
	"th,td{padding:.25em .6em;border-bottom:1px solid #bbb;text-align:left;"
	"vertical-align:top}"
	"td.num,th.num{text-align:right}"
	"figure{margin:1em 0}svg{max-width:100%;height:auto}"
	"ul.bodies{margin-top:.2em}code{font-size:.95em}"
	"@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}"
	"figure,table{break-inside:avoid}}";

/* The figures as an HTML table, with data-* attributes a test can read. */
static void html_figures(const struct report *rep, FILE *out)
{
	const struct tally *t = rep->tally;
	const struct baseline *b = rep->baseline;
	char pct[32], base[32], low[32], high[32];
	size_t i;

	fputs("<table id=\"figures\">\n<thead><tr><th>Bucket</th>"
	      "<th class=\"num\">Count</th><th class=\"num\">Of</th>"
	      "<th class=\"num\">Percent</th>", out);
	if (rep->ci_level)
		fprintf(out, "<th class=\"num\">%d%% CI</th>", rep->ci_level);
	if (b) {
		fputs("<th class=\"num\">", out);
		xml_text(out, baseline_year(rep));
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br =
			baseline_for(rep, t->rules->buckets[i].key);

		bucket_percent(rep, i, pct, sizeof pct);
		fputs("<tr data-key=\"", out);
		xml_text(out, t->rules->buckets[i].key);
		fprintf(out, "\" data-count=\"%lu\" data-denominator=\"%lu\" "
			"data-percent=\"%s\"><td>", t->count[i], t->counted, pct);
		xml_text(out, t->rules->buckets[i].label);
		fprintf(out, "</td><td class=\"num\">%lu</td><td class=\"num\">%lu"
			"</td><td class=\"num\">%s%s</td>", t->count[i], t->counted,
			pct, *pct ? "%" : "");
		if (rep->ci_level) {
			interval_text(rep, t->count[i], t->counted, low, high,
				      sizeof low);
			fprintf(out, "<td class=\"num\">%s%s%s%s</td>", low,
				*low ? "-" : "", high, *low ? "%" : "");
		}
		if (b)
			fprintf(out, "<td class=\"num\">%s%s</td>",
				baseline_percent(br, base, sizeof base),
				br ? "%" : "");
		fputs("</tr>\n", out);
	}
	for (i = 0; b && i < b->n; i++) {
		if (!baseline_only(rep, &b->rows[i]))
			continue;
		fputs("<tr><td>", out);
		xml_text(out, b->rows[i].label);
		fputs(" (", out);
		xml_text(out, baseline_year(rep));
		fprintf(out, " only)</td><td></td><td></td><td></td>%s"
			"<td class=\"num\">%s%%</td></tr>\n",
			rep->ci_level ? "<td></td>" : "",
			baseline_percent(&b->rows[i], base, sizeof base));
	}
	fputs("</tbody>\n</table>\n", out);
}

static void html_member(FILE *out, const struct member *m)
{
	fputs("<li><strong>", out);
	xml_text(out, m->body);
	fprintf(out, "</strong> (line %lu)", m->line);
	if (*m->summary) {
		fputs(": ", out);
		xml_text(out, m->summary);
	}
	fputs("</li>\n", out);
}

/* Who is in each bucket, and who did not reply or refused. */
static void html_lists(const struct report *rep, FILE *out)
{
	struct list_group groups[MAX_GROUPS];
	size_t ng = list_groups(rep, groups), i, j;
	char pct[32];

	fputs("<h2>Who is in each bucket</h2>\n", out);
	for (i = 0; i < ng; i++) {
		const struct list_group *g = &groups[i];

		fputs("<section class=\"bucket\" data-key=\"", out);
		xml_text(out, g->key);
		fprintf(out, "\" data-count=\"%lu\">\n<h3>", g->count);
		xml_text(out, g->label);
		if (g->denominator)
			fprintf(out, ": %lu of %lu, %s%%</h3>\n", g->count,
				g->denominator,
				percent_text(rep, g->count, g->denominator, pct,
					     sizeof pct));
		else
			fprintf(out, ": %lu</h3>\n", g->count);
		if (g->count == 0) {
			fputs("<p>None.</p>\n</section>\n", out);
			continue;
		}
		fputs("<ul class=\"bodies\">\n", out);
		for (j = 0; j < rep->roster->n; j++)
			if (in_group(g, &rep->roster->members[j]))
				html_member(out, &rep->roster->members[j]);
		fputs("</ul>\n</section>\n", out);
	}
}

static const char *const type_names[] = { "choice", "list", "yes/no", "text" };

/* The rules, as a reader needs them: columns, values, conditions. */
static void html_codebook(const struct report *rep, FILE *out)
{
	const struct rules *r = rep->tally->rules;
	size_t i, v;

	fputs("<h2>Codebook</h2>\n<table id=\"codebook\">\n<thead><tr>"
	      "<th>Column</th><th>Type</th><th>Required</th><th>Values</th>"
	      "</tr></thead>\n<tbody>\n", out);
	for (i = 0; i < r->ncolumns; i++) {
		const struct rules_column *c = &r->columns[i];

		fputs("<tr><td><code>", out);
		xml_text(out, c->name);
		fprintf(out, "</code></td><td>%s</td><td>", type_names[c->type]);
		if (c->required_always)
			fputs("every row", out);
		else if (c->required_text) {
			fputs("when <code>", out);
			xml_text(out, c->required_text);
			fputs("</code>", out);
		} else {
			fputs("no", out);
		}
		fputs("</td><td>", out);
		for (v = 0; v < c->nvalues; v++) {
			size_t a, k = 0;

			fputs(v ? ", <code>" : "<code>", out);
			xml_text(out, c->values[v]);
			fputs("</code>", out);
			for (a = 0; a < c->naliases; a++) {
				if (c->aliases[a].value != v)
					continue;
				fputs(k++ ? ", " : " (also ", out);
				xml_text(out, c->aliases[a].alias);
			}
			if (k)
				fputc(')', out);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n<p>Denominator: the rows where <code>", out);
	xml_text(out, r->denominator_text);
	fputs("</code>.</p>\n<table id=\"bucket-rules\">\n<thead><tr>"
	      "<th>Bucket</th><th>Key</th><th>A row is in it when</th>"
	      "</tr></thead>\n<tbody>\n", out);
	for (i = 0; i < r->nbuckets; i++) {
		fputs("<tr><td>", out);
		xml_text(out, r->buckets[i].label);
		fputs("</td><td><code>", out);
		xml_text(out, r->buckets[i].key);
		fputs("</code></td><td><code>", out);
		xml_text(out, r->buckets[i].when_text);
		fputs("</code></td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

static void render_html(const struct report *rep, FILE *out)
{
	const struct registry *g = rep->registry;
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8"
	      "\">\n<meta name=\"viewport\" content=\"width=device-width\">\n"
	      "<title>", out);
	xml_text(out, survey_title(rep));
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>",
		html_style);
	xml_text(out, survey_title(rep));
	fputs("</h1>\n<p id=\"accounting\">Responses: ", out);
	accounting_text(rep->tally, out);
	fputs(".</p>\n", out);
	if (missing_count(rep)) {
		fprintf(out, "<p>Not in the file: %zu of the %zu bodies in the "
			"register:</p>\n<ul>\n", missing_count(rep), g->n);
		for (i = 0; i < g->n; i++) {
			if (g->entries[i].matched)
				continue;
			fputs("<li>", out);
			xml_text(out, g->entries[i].name);
			fputs("</li>\n", out);
		}
		fputs("</ul>\n", out);
	}
	html_figures(rep, out);
	if (rep->tally->overlaps) {
		fputs("<p>", out);
		xml_text(out, overlap_note);
		fputs("</p>\n", out);
	}
	fputs("<figure>\n", out);
	svg_chart(rep, out, 0);
	fputs("<figcaption>The figures above as a chart.</figcaption>\n"
	      "</figure>\n", out);
	html_lists(rep, out);
	html_codebook(rep, out);
	fputs("</body>\n</html>\n", out);
}

/* ------------------------------------------------------------------ */
/* --by COLUMN: the figures of each group. */

static void by_table(const struct report *rep, FILE *out)
{
	const struct grouping *g = rep->grouping;
	size_t i;

	accounting_line(rep, out);
	fprintf(out, "\nBy %s: %zu group%s\n", g->column, g->n,
		g->n == 1 ? "" : "s");
	for (i = 0; i < g->n; i++) {
		fputc('\n', out);
		put_text(out, g->groups[i].name);
		fputs(": ", out);
		accounting_text(&g->groups[i].tally, out);
		fputc('\n', out);
		table_block(rep, &g->groups[i].tally, NULL, out);
	}
}

static void dsv_by(const struct report *rep, const struct dsv *w)
{
	const struct grouping *g = rep->grouping;
	size_t i, b;
	char pct[32];

	dsv_cell(w, g->column, 0);
	dsv_cell(w, "bucket", 0);
	dsv_cell(w, "label", 0);
	dsv_cell(w, "count", 0);
	dsv_cell(w, "denominator", 0);
	dsv_cell(w, "percent", !rep->ci_level);
	if (rep->ci_level) {
		dsv_cell(w, "ci_low", 0);
		dsv_cell(w, "ci_high", 1);
	}
	for (i = 0; i < g->n; i++) {
		const struct tally *t = &g->groups[i].tally;

		for (b = 0; b < t->nbuckets; b++) {
			char low[32], high[32];

			dsv_cell(w, g->groups[i].name, 0);
			dsv_cell(w, t->rules->buckets[b].key, 0);
			dsv_cell(w, t->rules->buckets[b].label, 0);
			dsv_number(w, t->count[b], 0);
			dsv_number(w, t->counted, 0);
			dsv_cell(w, percent_text(rep, t->count[b], t->counted, pct,
						 sizeof pct), !rep->ci_level);
			if (rep->ci_level) {
				interval_text(rep, t->count[b], t->counted, low,
					      high, sizeof low);
				dsv_cell(w, low, 0);
				dsv_cell(w, high, 1);
			}
		}
	}
}

static void by_csv(const struct report *rep, FILE *out)
{
	struct dsv w = { out, ',', !rep->raw_cells };

	dsv_by(rep, &w);
}

static void by_tsv(const struct report *rep, FILE *out)
{
	struct dsv w = { out, '\t', !rep->raw_cells };

	dsv_by(rep, &w);
}

/* {"asked": ..., "counted": ...} of one tally. */
static void json_responses(const struct tally *t, FILE *out)
{
	fprintf(out, "{\"asked\": %lu, \"replied\": %lu, \"refused\": %lu, "
		"\"pending\": %lu, \"counted\": %lu}", t->asked,
		tally_replied(t), t->refused, t->pending, t->counted);
}

/* [{"key", "label", "count", "denominator", "percent"}, ...] of a tally. */
static void json_buckets(const struct report *rep, const struct tally *t,
			 const char *indent, FILE *out)
{
	size_t b;
	char pct[32];

	fputs("[\n", out);
	for (b = 0; b < t->nbuckets; b++) {
		fprintf(out, "%s  {\"key\": ", indent);
		json_string(out, t->rules->buckets[b].key);
		fputs(", \"label\": ", out);
		json_string(out, t->rules->buckets[b].label);
		fprintf(out, ", \"count\": %lu, \"denominator\": %lu, "
			"\"percent\": ", t->count[b], t->counted);
		json_number(out, percent_text(rep, t->count[b], t->counted, pct,
					      sizeof pct));
		json_interval(rep, t->count[b], t->counted, out);
		fputs(b + 1 < t->nbuckets ? "},\n" : "}\n", out);
	}
	fprintf(out, "%s]", indent);
}

static void by_json(const struct report *rep, FILE *out)
{
	const struct grouping *g = rep->grouping;
	size_t i;

	fputs("{\n  \"by\": ", out);
	json_string(out, g->column);
	fputs(",\n  \"responses\": ", out);
	json_responses(rep->tally, out);
	fputs(",\n  \"groups\": [", out);
	for (i = 0; i < g->n; i++) {
		fputs(i ? ",\n    {\"group\": " : "\n    {\"group\": ", out);
		json_string(out, g->groups[i].name);
		if (g->groups[i].placeholder)
			fputs(", \"placeholder\": true", out);
		fputs(", \"responses\": ", out);
		json_responses(&g->groups[i].tally, out);
		fputs(",\n     \"buckets\": ", out);
		json_buckets(rep, &g->groups[i].tally, "     ", out);
		fputc('}', out);
	}
	fputs(g->n ? "\n  ]\n}\n" : "]\n}\n", out);
}

static void by_markdown(const struct report *rep, FILE *out)
{
	const struct grouping *g = rep->grouping;
	size_t i, b;
	char pct[32];

	fputs("| ", out);
	md_text(out, g->column);
	fputs(" | Bucket | Count | Of | Percent |\n"
	      "| :--- | :--- | ---: | ---: | ---: |\n", out);
	for (i = 0; i < g->n; i++) {
		const struct tally *t = &g->groups[i].tally;

		for (b = 0; b < t->nbuckets; b++) {
			fputs("| ", out);
			md_text(out, g->groups[i].name);
			fputs(" | ", out);
			md_text(out, t->rules->buckets[b].label);
			percent_text(rep, t->count[b], t->counted, pct, sizeof pct);
			fprintf(out, " | %lu | %lu | %s%s |\n", t->count[b],
				t->counted, pct, *pct ? "%" : "");
		}
	}
	fputc('\n', out);
	accounting_line(rep, out);
}

/* ------------------------------------------------------------------ */
/* compare OLD NEW: two tallies side by side. */

unsigned long long reporter_change_scaled(unsigned long before_count,
					  unsigned long before_den,
					  unsigned long after_count,
					  unsigned long after_den,
					  int decimals, int *negative)
{
	/* after/aden - before/bden = (after*bden - before*aden) / (aden*bden) */
	unsigned __int128 a = (unsigned __int128)after_count * before_den;
	unsigned __int128 b = (unsigned __int128)before_count * after_den;
	unsigned __int128 num, den = (unsigned __int128)before_den * after_den;
	unsigned __int128 q, r;
	int i;

	assert(before_den > 0 && after_den > 0);
	*negative = a < b;
	num = (a < b ? b - a : a - b) * 100;
	for (i = 0; i < decimals; i++)
		num *= 10;
	q = num / den;
	r = num % den;
	if (r >= den - r)
		q++;
	if (q == 0)
		*negative = 0;
	return (unsigned long long)q;
}

/* The change in bucket b as text: "+4", "-2.5", "0"; "" if not known. */
static const char *change_text(const struct report *rep, size_t b, char *buf,
			       size_t size)
{
	const struct tally *t0 = rep->before, *t1 = rep->tally;
	unsigned long long q;
	int negative;
	char digits[24];

	buf[0] = '\0';
	if (t0->counted == 0 || t1->counted == 0)
		return buf;
	q = reporter_change_scaled(t0->count[b], t0->counted, t1->count[b],
				   t1->counted, rep->decimals, &negative);
	reporter_fixed(digits, sizeof digits, q, rep->decimals);
	snprintf(buf, size, "%s%s", q == 0 ? "" : negative ? "-" : "+", digits);
	return buf;
}

static void compare_table(const struct report *rep, FILE *out)
{
	const struct tally *t0 = rep->before, *t1 = rep->tally;
	size_t b, label_w = strlen("Bucket"), w0, w1;
	char pct[32], cell[64], change[32];

	fputs("Before: ", out);
	put_text(out, rep->before_name);
	fputs(": ", out);
	accounting_text(t0, out);
	fputs("\nAfter: ", out);
	put_text(out, rep->after_name);
	fputs(": ", out);
	accounting_text(t1, out);
	fputs("\n\n", out);
	for (b = 0; b < t1->nbuckets; b++)
		if (text_width(t1->rules->buckets[b].label) > label_w)
			label_w = text_width(t1->rules->buckets[b].label);
	w0 = text_width(rep->before_name) > 14 ? text_width(rep->before_name) : 14;
	w1 = text_width(rep->after_name) > 14 ? text_width(rep->after_name) : 14;
	pad_right(out, "Bucket", label_w);
	fputs("  ", out);
	pad_right(out, rep->before_name, w0);
	fputs("  ", out);
	pad_right(out, rep->after_name, w1);
	fputs("  Change\n", out);
	for (b = 0; b < t1->nbuckets; b++) {
		pad_right(out, t1->rules->buckets[b].label, label_w);
		percent_text(rep, t0->count[b], t0->counted, pct, sizeof pct);
		snprintf(cell, sizeof cell, "%lu/%lu %s%s", t0->count[b],
			 t0->counted, pct, *pct ? "%" : "");
		fputs("  ", out);
		pad_right(out, cell, w0);
		percent_text(rep, t1->count[b], t1->counted, pct, sizeof pct);
		snprintf(cell, sizeof cell, "%lu/%lu %s%s", t1->count[b],
			 t1->counted, pct, *pct ? "%" : "");
		fputs("  ", out);
		pad_right(out, cell, w1);
		change_text(rep, b, change, sizeof change);
		fprintf(out, "  %s%s\n", *change ? change : "-",
			*change ? " pp" : "");
	}
	fputs("\nChange: in percentage points, from before to after.\n", out);
}

static void dsv_compare(const struct report *rep, const struct dsv *w)
{
	const struct tally *t0 = rep->before, *t1 = rep->tally;
	static const char *const header[] = {
		"bucket", "label", "before_count", "before_denominator",
		"before_percent", "after_count", "after_denominator",
		"after_percent", "change_points"
	};
	size_t b;
	char pct[32];

	for (b = 0; b < 9; b++)
		dsv_cell(w, header[b], b == 8);
	for (b = 0; b < t1->nbuckets; b++) {
		dsv_cell(w, t1->rules->buckets[b].key, 0);
		dsv_cell(w, t1->rules->buckets[b].label, 0);
		dsv_number(w, t0->count[b], 0);
		dsv_number(w, t0->counted, 0);
		dsv_cell(w, percent_text(rep, t0->count[b], t0->counted, pct,
					 sizeof pct), 0);
		dsv_number(w, t1->count[b], 0);
		dsv_number(w, t1->counted, 0);
		dsv_cell(w, percent_text(rep, t1->count[b], t1->counted, pct,
					 sizeof pct), 0);
		/* A leading + would make a spreadsheet read a formula. */
		change_text(rep, b, pct, sizeof pct);
		dsv_cell(w, pct[0] == '+' ? pct + 1 : pct, 1);
	}
}

static void compare_csv(const struct report *rep, FILE *out)
{
	struct dsv w = { out, ',', !rep->raw_cells };

	dsv_compare(rep, &w);
}

static void compare_tsv(const struct report *rep, FILE *out)
{
	struct dsv w = { out, '\t', !rep->raw_cells };

	dsv_compare(rep, &w);
}

static void json_side(const struct report *rep, const char *file,
		      const struct tally *t, FILE *out)
{
	fputs("{\"file\": ", out);
	json_string(out, file);
	fputs(", \"responses\": ", out);
	json_responses(t, out);
	(void)rep;
	fputc('}', out);
}

static void compare_json(const struct report *rep, FILE *out)
{
	const struct tally *t0 = rep->before, *t1 = rep->tally;
	size_t b;
	char pct[32];

	fputs("{\n  \"before\": ", out);
	json_side(rep, rep->before_name, t0, out);
	fputs(",\n  \"after\": ", out);
	json_side(rep, rep->after_name, t1, out);
	fputs(",\n  \"buckets\": [\n", out);
	for (b = 0; b < t1->nbuckets; b++) {
		fputs("    {\"key\": ", out);
		json_string(out, t1->rules->buckets[b].key);
		fputs(", \"label\": ", out);
		json_string(out, t1->rules->buckets[b].label);
		fprintf(out, ",\n     \"before\": {\"count\": %lu, "
			"\"denominator\": %lu, \"percent\": ", t0->count[b],
			t0->counted);
		json_number(out, percent_text(rep, t0->count[b], t0->counted, pct,
					      sizeof pct));
		fprintf(out, "}, \"after\": {\"count\": %lu, \"denominator\": "
			"%lu, \"percent\": ", t1->count[b], t1->counted);
		json_number(out, percent_text(rep, t1->count[b], t1->counted, pct,
					      sizeof pct));
		fputs("}, \"change_points\": ", out);
		change_text(rep, b, pct, sizeof pct);
		json_number(out, pct[0] == '+' ? pct + 1 : pct);
		fputs(b + 1 < t1->nbuckets ? "},\n" : "}\n", out);
	}
	fputs("  ]\n}\n", out);
}

static void compare_markdown(const struct report *rep, FILE *out)
{
	const struct tally *t0 = rep->before, *t1 = rep->tally;
	size_t b;
	char pct[32], change[32];

	fputs("| Bucket | ", out);
	md_text(out, rep->before_name);
	fputs(" | ", out);
	md_text(out, rep->after_name);
	fputs(" | Change |\n| :--- | ---: | ---: | ---: |\n", out);
	for (b = 0; b < t1->nbuckets; b++) {
		fputs("| ", out);
		md_text(out, t1->rules->buckets[b].label);
		percent_text(rep, t0->count[b], t0->counted, pct, sizeof pct);
		fprintf(out, " | %lu/%lu %s%s", t0->count[b], t0->counted, pct,
			*pct ? "%" : "");
		percent_text(rep, t1->count[b], t1->counted, pct, sizeof pct);
		fprintf(out, " | %lu/%lu %s%s", t1->count[b], t1->counted, pct,
			*pct ? "%" : "");
		change_text(rep, b, change, sizeof change);
		fprintf(out, " | %s%s |\n", change, *change ? " pp" : "");
	}
	fputs("\nBefore: ", out);
	md_text(out, rep->before_name);
	fputs(": ", out);
	accounting_text(t0, out);
	fputs("\n\nAfter: ", out);
	md_text(out, rep->after_name);
	fputs(": ", out);
	accounting_text(t1, out);
	fputs("\n\nChange: in percentage points, from before to after.\n", out);
}

/* ------------------------------------------------------------------ */

static const struct report_format formats[] = {
	{ "table", render_table, list_table, by_table, compare_table },
	{ "csv", render_csv, list_csv, by_csv, compare_csv },
	{ "tsv", render_tsv, list_tsv, by_tsv, compare_tsv },
	{ "json", render_json, list_json, by_json, compare_json },
	{ "markdown", render_markdown, list_markdown, by_markdown,
	  compare_markdown },
	{ "svg", render_svg, NULL, NULL, NULL },
	{ "html", render_html, NULL, NULL, NULL },
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
