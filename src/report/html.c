/*
 * html.c - the `html` format: one page with the accounting, the table, the
 * chart, the bodies in each bucket and the codebook.
 */
#include <string.h>

#include "render.h"

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
			"data-percent=\"%s\"><td>", t->count[i], t->base[i], pct);
		xml_text(out, t->rules->buckets[i].label);
		fprintf(out, "</td><td class=\"num\">%lu</td><td class=\"num\">%lu"
			"</td><td class=\"num\">%s%s</td>", t->count[i], t->base[i],
			pct, *pct ? "%" : "");
		if (rep->ci_level) {
			interval_text(rep, t->count[i], t->base[i], low, high,
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

/* The number columns' figures as a table (id "numbers"), and the note. */
static void html_numbers(const struct tally *t, FILE *out)
{
	struct figure_text ft;
	char words[600];
	size_t i;

	if (!t->rules->nnumbers)
		return;
	fputs("<table id=\"numbers\">\n<thead><tr><th>Figure</th>"
	      "<th class=\"num\">Bodies</th><th class=\"num\">Total</th>"
	      "<th class=\"num\">Median</th><th class=\"num\">Min</th>"
	      "<th class=\"num\">Max</th><th>Instead of a figure</th></tr>"
	      "</thead>\n<tbody>\n", out);
	for (i = 0; i < t->nfigures; i++) {
		figure_text(t, i, 0, &ft);
		fputs("<tr data-column=\"", out);
		xml_text(out, ft.column);
		fprintf(out, "\" data-bodies=\"%lu\" data-total=\"%s\" "
			"data-median=\"%s\"><td>", ft.bodies, ft.total,
			ft.median);
		xml_text(out, ft.label);
		figure_text(t, i, 1, &ft);
		fprintf(out, "</td><td class=\"num\">%lu</td><td class=\"num\">"
			"%s</td><td class=\"num\">%s</td><td class=\"num\">%s",
			ft.bodies, ft.total, ft.median, ft.min);
		if (*ft.min) {
			fputs(" (", out);
			xml_text(out, ft.min_body);
			fputc(')', out);
		}
		fprintf(out, "</td><td class=\"num\">%s", ft.max);
		if (*ft.max) {
			fputs(" (", out);
			xml_text(out, ft.max_body);
			fputc(')', out);
		}
		fputs("</td><td>", out);
		xml_text(out, figure_words_text(t, i, " ", words, sizeof words));
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n<p>", out);
	xml_text(out, figures_note);
	fputs("</p>\n", out);
}

static void html_member(FILE *out, const struct member *m)
{
	fputs("<li><strong>", out);
	xml_text(out, m->body);
	fprintf(out, "</strong> (%s %lu)", m->sheet_row ? "row" : "line",
		m->line);
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

static const char *const type_names[] = {
	"choice", "list", "yes/no", "text", "number"
};

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
		fputs("</code>", out);
		if (r->buckets[i].of_text) {
			/* Its own denominator. */
			fputs(", of the rows where <code>", out);
			xml_text(out, r->buckets[i].of_text);
			fputs("</code>", out);
		}
		fputs("</td></tr>\n", out);
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
			if (registry_matched(&g->entries[i]))
				continue;
			fputs("<li>", out);
			xml_text(out, registry_text(g, g->entries[i].name));
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
	html_numbers(rep->tally, out);
	fputs("<figure>\n", out);
	svg_chart(rep, out, 0);
	fputs("<figcaption>The figures above as a chart.</figcaption>\n"
	      "</figure>\n", out);
	html_lists(rep, out);
	html_codebook(rep, out);
	fputs("</body>\n</html>\n", out);
}

const struct report_format report_html = {
	.name = "html",
	.label = "report (HTML)",
	.extension = "html",
	.media_type = "text/html",
	.whole = 1,
	.view = {
		[REPORT_FIGURES] = render_html,
	},
};
