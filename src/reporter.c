/*
 * reporter.c - the output formats, for the figures and for the lists.
 *
 * table:    for people: aligned columns, the response accounting above
 *           and the overlap note below.
 * csv, tsv: for programs: a fixed header, one row per bucket (or, for a
 *           list, per body); quoted as RFC 4180 asks, only where needed;
 *           text that a spreadsheet would run as a formula made inert.
 * json:     one object, for jq and other tools.
 * markdown: a GitHub-flavoured table (or lists) to paste into a post.
 *
 * Every figure printed is derived here from the tally, the roster or the
 * baseline it is given; nothing is computed twice in different ways.
 */
#include <assert.h>
#include <ctype.h>
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
 * Text for a terminal: control characters, which could move the cursor
 * or recolour the screen, shown as '?'.
 */
static void put_text(FILE *out, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, out);
}

static void pad_right(FILE *out, const char *s, size_t width)
{
	size_t w = text_width(s);

	put_text(out, s);
	for (; w < width; w++)
		fputc(' ', out);
}

/* "6 asked, 5 replied (1 refused), 1 pending; 4 answered and counted" */
static void accounting_text(const struct tally *t, FILE *out)
{
	fprintf(out, "%lu asked, %lu replied (%lu refused), %lu pending; ",
		t->asked, tally_replied(t), t->refused, t->pending);
	if (t->counted == t->answered)
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
	size_t i, label_w = strlen("Bucket"), year_w = strlen(year);
	int pct_w = 7;
	char pct[32], base[32];

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

	pad_right(out, "Bucket", label_w);
	fprintf(out, "  Count    Of  %*s", pct_w + 1, "Percent");
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
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, out);
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
		"baseline_percent"
	};

	for (i = 0; i < 6; i++)
		dsv_cell(w, header[i], i == 5);
	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br = baseline_for(rep, t->rules->buckets[i].key);

		dsv_cell(w, t->rules->buckets[i].key, 0);
		dsv_cell(w, t->rules->buckets[i].label, 0);
		dsv_number(w, t->count[i], 0);
		dsv_number(w, t->counted, 0);
		dsv_cell(w, bucket_percent(rep, i, pct, sizeof pct), 0);
		dsv_cell(w, baseline_percent(br, base, sizeof base), 1);
	}
	for (i = 0; b && i < b->n; i++) {
		if (!baseline_only(rep, &b->rows[i]))
			continue;
		dsv_cell(w, b->rows[i].key, 0);
		dsv_cell(w, b->rows[i].label, 0);
		dsv_cell(w, "", 0);
		dsv_cell(w, "", 0);
		dsv_cell(w, "", 0);
		dsv_cell(w, baseline_percent(&b->rows[i], base, sizeof base), 1);
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
	if (b) {
		fputc(' ', out);
		md_text(out, baseline_year(rep));
		fputs(" |", out);
	}
	fputs("\n| :--- | ---: | ---: | ---: |", out);
	fputs(b ? " ---: |\n" : "\n", out);
	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br = baseline_for(rep, t->rules->buckets[i].key);

		fputs("| ", out);
		md_text(out, t->rules->buckets[i].label);
		bucket_percent(rep, i, pct, sizeof pct);
		fprintf(out, " | %lu | %lu | %s%s |", t->count[i], t->counted,
			*pct ? pct : "", *pct ? "%" : "");
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
		fprintf(out, " only) |  |  |  | %s%% |\n",
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
	dsv_cell(w, "percent", 1);
	for (i = 0; i < g->n; i++) {
		const struct tally *t = &g->groups[i].tally;

		for (b = 0; b < t->nbuckets; b++) {
			dsv_cell(w, g->groups[i].name, 0);
			dsv_cell(w, t->rules->buckets[b].key, 0);
			dsv_cell(w, t->rules->buckets[b].label, 0);
			dsv_number(w, t->count[b], 0);
			dsv_number(w, t->counted, 0);
			dsv_cell(w, percent_text(rep, t->count[b], t->counted, pct,
						 sizeof pct), 1);
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
