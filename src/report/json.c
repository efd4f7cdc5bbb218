/*
 * json.c - the `json` format: one object, for jq and other tools.
 */
#include <string.h>

#include "render.h"

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

/* A string, or null for NULL. */
static void json_string_or_null(FILE *out, const char *s)
{
	if (s)
		json_string(out, s);
	else
		fputs("null", out);
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

/*
 * ,\n"numbers": [{"column", "label", "bodies", "total", "median", "min",
 * "min_body", "max", "max_body", "words": {WORD: count}}, ...] of a tally
 * whose rules have number columns; nothing otherwise.
 */
static void json_numbers(const struct tally *t, const char *indent, FILE *out)
{
	size_t i, w;
	struct figure_text ft;

	if (!t->rules->nnumbers)
		return;
	fprintf(out, ",\n%s\"numbers\": [", indent);
	for (i = 0; i < t->nfigures; i++) {
		const char *name;
		unsigned long count;
		size_t k = 0;

		figure_text(t, i, 0, &ft);
		fprintf(out, "%s\n%s  {\"column\": ", i ? "," : "", indent);
		json_string(out, ft.column);
		fputs(", \"label\": ", out);
		json_string(out, ft.label);
		fprintf(out, ", \"bodies\": %lu, \"total\": ", ft.bodies);
		json_number(out, ft.total);
		fputs(", \"median\": ", out);
		json_number(out, ft.median);
		fputs(", \"min\": ", out);
		json_number(out, ft.min);
		fputs(", \"min_body\": ", out);
		json_string_or_null(out, *ft.min ? ft.min_body : NULL);
		fputs(", \"max\": ", out);
		json_number(out, ft.max);
		fputs(", \"max_body\": ", out);
		json_string_or_null(out, *ft.max ? ft.max_body : NULL);
		fputs(", \"words\": {", out);
		for (w = 0; w < t->rules->columns[t->figures[i].column].nvalues;
		     w++)
			if (figure_word(t, i, w, &name, &count)) {
				fputs(k++ ? ", " : "", out);
				json_string(out, name);
				fprintf(out, ": %lu", count);
			}
		fputs("}}", out);
	}
	fprintf(out, t->nfigures ? "\n%s]" : "]", indent);
}

/*
 * {"asked": ..., "counted": ...} of one tally; with "excluded", by state,
 * when the rules exclude any.
 */
static void json_responses(const struct tally *t, FILE *out)
{
	const struct rules_column *col = &t->rules->columns[COLUMN_RESPONSE];
	size_t i;

	fprintf(out, "{\"asked\": %lu, \"replied\": %lu, \"refused\": %lu, "
		"\"pending\": %lu, ", t->asked, tally_replied(t), t->refused,
		t->pending);
	if (col->nvalues > RESPONSE_EXCLUDED) {
		fputs("\"excluded\": {", out);
		for (i = RESPONSE_EXCLUDED; i < col->nvalues; i++) {
			fputs(i > RESPONSE_EXCLUDED ? ", " : "", out);
			json_string(out, col->values[i]);
			fprintf(out, ": %lu",
				t->excluded_by[i - RESPONSE_EXCLUDED]);
		}
		fputs("}, ", out);
	}
	fprintf(out, "\"counted\": %lu}", t->counted);
}

static void json_accounting(const struct report *rep, FILE *out)
{
	const struct tally *t = rep->tally;
	const struct registry *g = rep->registry;
	size_t i, k = 0;

	fputs("  \"responses\": ", out);
	json_responses(t, out);
	fputs(",\n  \"not_in_file\": [", out);
	for (i = 0; missing_count(rep) && i < g->n; i++) {
		if (registry_matched(&g->entries[i]))
			continue;
		fputs(k++ ? ", " : "", out);
		json_string(out, registry_text(g, g->entries[i].name));
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
			"\"percent\": ", t->count[i], t->base[i]);
		json_number(out, bucket_percent(rep, i, pct, sizeof pct));
		fputs(", \"baseline_percent\": ", out);
		json_number(out, baseline_percent(br, base, sizeof base));
		json_interval(rep, t->count[i], t->base[i], out);
		if (baseline_counted(rep)) {
			char change[32], low[32], high[32];

			baseline_change_text(rep, t->count[i], t->base[i], br,
					     change, low, high, sizeof change);
			fputs(", \"change_points\": ", out);
			json_number(out, change[0] == '+' ? change + 1 : change);
			fputs(", \"change_ci_low\": ", out);
			json_number(out, low[0] == '+' ? low + 1 : low);
			fputs(", \"change_ci_high\": ", out);
			json_number(out, high[0] == '+' ? high + 1 : high);
		}
		fputs(i + 1 < t->nbuckets ? "},\n" : "}\n", out);
	}
	fputs("  ]", out);
	json_numbers(t, "  ", out);
	fputs(",\n  \"baseline\": [", out);
	for (i = 0; b && i < b->n; i++) {
		fputs(i ? ",\n    {\"key\": " : "\n    {\"key\": ", out);
		json_string(out, b->rows[i].key);
		fputs(", \"year\": ", out);
		json_string(out, b->year);
		fputs(", \"label\": ", out);
		json_string(out, b->rows[i].label);
		fputs(", \"percent\": ", out);
		json_number(out, baseline_percent(&b->rows[i], base, sizeof base));
		if (b->rows[i].has_counts)
			fprintf(out, ", \"count\": %lu, \"denominator\": %lu",
				b->rows[i].count, b->rows[i].denominator);
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
			"\"percent\": ", t->count[b], t->base[b]);
		json_number(out, percent_text(rep, t->count[b], t->base[b], pct,
					      sizeof pct));
		json_interval(rep, t->count[b], t->base[b], out);
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
		json_numbers(&g->groups[i].tally, "     ", out);
		fputc('}', out);
	}
	fputs(g->n ? "\n  ]\n}\n" : "]\n}\n", out);
}

static void json_side(const struct report *rep, const char *file,
		      const struct tally *t, FILE *out)
{
	fputs("{\"file\": ", out);
	json_string(out, file);
	fputs(", \"responses\": ", out);
	json_responses(t, out);
	(void)rep;
	json_numbers(t, "   ", out);
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
	if (rep->ci_level)
		fprintf(out, ",\n  \"ci_level\": %d, \"ci_method\": "
			"\"newcombe-hybrid-score\"", rep->ci_level);
	fputs(",\n  \"buckets\": [\n", out);
	for (b = 0; b < t1->nbuckets; b++) {
		fputs("    {\"key\": ", out);
		json_string(out, t1->rules->buckets[b].key);
		fputs(", \"label\": ", out);
		json_string(out, t1->rules->buckets[b].label);
		fprintf(out, ",\n     \"before\": {\"count\": %lu, "
			"\"denominator\": %lu, \"percent\": ", t0->count[b],
			t0->base[b]);
		json_number(out, percent_text(rep, t0->count[b], t0->base[b], pct,
					      sizeof pct));
		fprintf(out, "}, \"after\": {\"count\": %lu, \"denominator\": "
			"%lu, \"percent\": ", t1->count[b], t1->base[b]);
		json_number(out, percent_text(rep, t1->count[b], t1->base[b], pct,
					      sizeof pct));
		fputs("}, \"change_points\": ", out);
		change_text(rep, b, pct, sizeof pct);
		json_number(out, pct[0] == '+' ? pct + 1 : pct);
		if (rep->ci_level) {
			char low[32], high[32];

			bucket_change_interval(rep, b, low, high, sizeof low);
			fputs(", \"change_ci_low\": ", out);
			json_number(out, low[0] == '+' ? low + 1 : low);
			fputs(", \"change_ci_high\": ", out);
			json_number(out, high[0] == '+' ? high + 1 : high);
		}
		fputs(b + 1 < t1->nbuckets ? "},\n" : "}\n", out);
	}
	fputs("  ]\n}\n", out);
}

static void denominators_json(const struct report *rep, FILE *out)
{
	const struct denominators_report *d = rep->denominators;
	size_t i, f;
	char text[32];

	fputs("{\n  \"percentages\": [", out);
	for (i = 0; i < d->n; i++) {
		fputs(i ? ", " : "", out);
		json_number(out, stats_fixed(text, sizeof text, d->percents[i],
					     d->decimals[i]));
	}
	fprintf(out, "],\n  \"rounding\": \"%s\", \"range\": [%lu, %lu],\n"
		"  \"denominators\": [", rounding_name(d->rounding), d->min,
		d->max);
	for (f = 0; f < d->nfits; f++) {
		fprintf(out, "%s\n    {\"denominator\": %lu, \"counts\": [",
			f ? "," : "", d->fits[f]);
		for (i = 0; i < d->n; i++) {
			unsigned long first, last;

			fit_counts(d, f, i, &first, &last);
			fprintf(out, "%s[%lu, %lu]", i ? ", " : "", first, last);
		}
		fputs("]}", out);
	}
	fputs(d->nfits ? "\n  ]\n}\n" : "]\n}\n", out);
}

/* A coefficient: a number, or null with "..._undefined": the reason. */
static void json_coefficient(FILE *out, const char *name,
			     const struct coefficient *c)
{
	char buf[120];

	fprintf(out, ", \"%s\": ", name);
	if (c->reason == AGREE_DEFINED) {
		fputs(coefficient_text(c, buf, sizeof buf), out);
	} else {
		fprintf(out, "null, \"%s_undefined\": ", name);
		json_string(out, coefficient_reason(c->reason));
	}
}

static void agree_json(const struct report *rep, FILE *out)
{
	const struct agree_report *a = rep->agree;
	size_t i, c, k;
	char text[64];

	fputs("{\n  \"codings\": [", out);
	for (c = 0; c < a->ncodings; c++) {
		fputs(c ? ", " : "", out);
		fputs("{\"file\": ", out);
		json_string(out, a->codings[c].file);
		fprintf(out, ", \"bodies\": %zu, \"missing\": [",
			a->codings[c].roster->n);
		for (i = 0, k = 0; i < a->nbodies; i++)
			if (!a->present[i * a->ncodings + c]) {
				fputs(k++ ? ", " : "", out);
				json_string(out, a->bodies[i]);
			}
		fputs("]}", out);
	}
	fprintf(out, "],\n  \"bodies\": %zu,\n  \"columns\": [", a->nbodies);
	for (i = 0; i < a->nitems; i++) {
		const struct agree_item *it = &a->items[i];

		if (i == a->ncolumn_items)
			fputs("\n  ],\n  \"buckets\": [", out);
		fputs(i && i != a->ncolumn_items ? ",\n    {" : "\n    {", out);
		fputs("\"name\": ", out);
		json_string(out, it->name);
		if (it->label) {
			fputs(", \"label\": ", out);
			json_string(out, it->label);
		} else {
			fputs(", \"kind\": ", out);
			json_string(out, it->kind);
		}
		fprintf(out, ", \"bodies\": %zu, \"agreement_percent\": ",
			it->pairable);
		json_number(out, agreement_text(rep, it, text, sizeof text));
		json_coefficient(out, "alpha", &it->alpha);
		if (a->ncodings == 2)
			json_coefficient(out, "kappa", &it->kappa);
		if (it->label) {
			fputs(", \"counts\": [", out);
			for (c = 0; c < a->ncodings; c++)
				fprintf(out, "%s{\"count\": %lu, \"denominator\": "
					"%lu}", c ? ", " : "", it->count[c],
					it->denominator[c]);
			fputs("], \"range_points\": ", out);
			json_number(out, range_text(rep, it, text, sizeof text));
		}
		fputc('}', out);
	}
	if (a->ncolumn_items == a->nitems)
		fputs("\n  ],\n  \"buckets\": [", out);
	fputs("\n  ],\n  \"disagreements\": [", out);
	for (i = 0; i < a->ndisagreements; i++) {
		const struct disagreement *d = &a->disagreements[i];

		fputs(i ? ",\n    {\"body\": " : "\n    {\"body\": ", out);
		json_string(out, a->bodies[d->body]);
		fputs(", \"column\": ", out);
		json_string(out, a->items[d->item].name);
		fputs(", \"codings\": [", out);
		for (c = 0; c < a->ncodings; c++) {
			fputs(c ? ", " : "", out);
			if (!d->line[c]) {
				fputs("null", out);
				continue;
			}
			fprintf(out, "{\"%s\": %lu, \"value\": ",
				d->sheet_row[c] ? "row" : "line", d->line[c]);
			json_string(out, d->value[c]);
			fputc('}', out);
		}
		fputs("]}", out);
	}
	fputs(a->ndisagreements ? "\n  ]\n}\n" : "]\n}\n", out);
}

const struct report_format report_json = {
	.name = "json",
	.label = "JSON",
	.extension = "json",
	.media_type = "application/json",
	.view = {
		[REPORT_FIGURES] = render_json,
		[REPORT_LIST] = list_json,
		[REPORT_BY] = by_json,
		[REPORT_COMPARE] = compare_json,
		[REPORT_DENOMINATORS] = denominators_json,
		[REPORT_AGREE] = agree_json,
	},
};
