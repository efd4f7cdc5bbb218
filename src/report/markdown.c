/*
 * markdown.c - the `markdown` format: a GitHub-flavoured table, or lists,
 * to paste into a post.
 */
#include <ctype.h>
#include <string.h>

#include "render.h"

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

/*
 * The figures of the number columns of `t`, a table after a blank line,
 * its first column `group` when one is given; nothing without them.
 */
static void md_figures(const struct tally *t, const char *group, FILE *out)
{
	struct figure_text ft;
	char words[600];
	size_t i;

	if (!t->rules->nnumbers)
		return;
	fprintf(out, "\n|%s Figure | Bodies | Total | Median | Min | Max | "
		"Instead of a figure |\n|%s :--- | ---: | ---: | ---: | ---: | "
		"---: | :--- |\n", group ? " Group |" : "",
		group ? " :--- |" : "");
	for (i = 0; i < t->nfigures; i++) {
		figure_text(t, i, 1, &ft);
		fputs("| ", out);
		if (group) {
			md_text(out, group);
			fputs(" | ", out);
		}
		md_text(out, ft.label);
		fprintf(out, " | %lu | %s | %s | ", ft.bodies, ft.total,
			ft.median);
		if (*ft.min) {
			fprintf(out, "%s (", ft.min);
			md_text(out, ft.min_body);
			fputc(')', out);
		}
		fputs(" | ", out);
		if (*ft.max) {
			fprintf(out, "%s (", ft.max);
			md_text(out, ft.max_body);
			fputc(')', out);
		}
		fputs(" | ", out);
		md_text(out, figure_words_text(t, i, " ", words, sizeof words));
		fputs(" |\n", out);
	}
}

static void render_markdown(const struct report *rep, FILE *out)
{
	const struct tally *t = rep->tally;
	const struct baseline *b = rep->baseline;
	size_t i;
	char pct[32], base[32];
	int counted = baseline_counted(rep);

	fputs("| Bucket | Count | Of | Percent |", out);
	if (rep->ci_level)
		fprintf(out, " %d%% CI |", rep->ci_level);
	if (b) {
		fputc(' ', out);
		md_text(out, baseline_year(rep));
		fputs(" |", out);
	}
	if (counted)
		fprintf(out, " Change | %d%% CI |", rep->ci_level);
	fputs("\n| :--- | ---: | ---: | ---: |", out);
	if (rep->ci_level)
		fputs(" ---: |", out);
	fputs(b ? " ---: |" : "", out);
	fputs(counted ? " ---: | ---: |\n" : "\n", out);
	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br = baseline_for(rep, t->rules->buckets[i].key);

		fputs("| ", out);
		md_text(out, t->rules->buckets[i].label);
		bucket_percent(rep, i, pct, sizeof pct);
		fprintf(out, " | %lu | %lu | %s%s |", t->count[i], t->base[i],
			*pct ? pct : "", *pct ? "%" : "");
		if (rep->ci_level) {
			char low[32], high[32];

			interval_text(rep, t->count[i], t->base[i], low, high,
				      sizeof low);
			if (*low)
				fprintf(out, " %s-%s%% |", low, high);
			else
				fputs("  |", out);
		}
		if (b)
			fprintf(out, " %s%s |", baseline_percent(br, base, sizeof base),
				br ? "%" : "");
		if (counted) {
			char change[32], low[32], high[32];

			baseline_change_text(rep, t->count[i], t->base[i], br,
					     change, low, high, sizeof change);
			fprintf(out, " %s%s |", change, *change ? " pp" : "");
			if (*low)
				fprintf(out, " %s to %s pp |", low, high);
			else
				fputs("  |", out);
		}
		fputc('\n', out);
	}
	for (i = 0; b && i < b->n; i++) {
		if (!baseline_only(rep, &b->rows[i]))
			continue;
		fputs("| ", out);
		md_text(out, b->rows[i].label);
		fputs(" (", out);
		md_text(out, baseline_year(rep));
		fprintf(out, " only) |  |  |  |%s %s%% |%s\n",
			rep->ci_level ? "  |" : "",
			baseline_percent(&b->rows[i], base, sizeof base),
			counted ? "  |  |" : "");
	}
	md_figures(t, NULL, out);
	fputc('\n', out);
	accounting_line(rep, out);
	if (t->overlaps)
		fprintf(out, "\n%s\n", overlap_note);
	if (t->rules->nnumbers)
		fprintf(out, "\n%s\n", figures_note);
	if (counted) {
		fputc('\n', out);
		baseline_change_note(rep, out);
	}
	if (missing_count(rep)) {
		const struct registry *g = rep->registry;

		fprintf(out, "\nNot in the file: %zu of the %zu bodies in the "
			"register:\n\n", missing_count(rep), g->n);
		for (i = 0; i < g->n; i++) {
			if (registry_matched(&g->entries[i]))
				continue;
			fputs("- ", out);
			md_text(out, registry_text(g, g->entries[i].name));
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
			percent_text(rep, t->count[b], t->base[b], pct, sizeof pct);
			fprintf(out, " | %lu | %lu | %s%s |\n", t->count[b],
				t->base[b], pct, *pct ? "%" : "");
		}
	}
	for (i = 0; i < g->n; i++)
		md_figures(&g->groups[i].tally, g->groups[i].name, out);
	fputc('\n', out);
	accounting_line(rep, out);
}

static void compare_markdown(const struct report *rep, FILE *out)
{
	const struct tally *t0 = rep->before, *t1 = rep->tally;
	size_t b;
	char pct[32], change[32], low[32], high[32];

	fputs("| Bucket | ", out);
	md_text(out, rep->before_name);
	fputs(" | ", out);
	md_text(out, rep->after_name);
	if (rep->ci_level)
		fprintf(out, " | Change | %d%% CI |\n| :--- | ---: | ---: | ---: "
			"| ---: |\n", rep->ci_level);
	else
		fputs(" | Change |\n| :--- | ---: | ---: | ---: |\n", out);
	for (b = 0; b < t1->nbuckets; b++) {
		fputs("| ", out);
		md_text(out, t1->rules->buckets[b].label);
		percent_text(rep, t0->count[b], t0->base[b], pct, sizeof pct);
		fprintf(out, " | %lu/%lu %s%s", t0->count[b], t0->base[b], pct,
			*pct ? "%" : "");
		percent_text(rep, t1->count[b], t1->base[b], pct, sizeof pct);
		fprintf(out, " | %lu/%lu %s%s", t1->count[b], t1->base[b], pct,
			*pct ? "%" : "");
		change_text(rep, b, change, sizeof change);
		fprintf(out, " | %s%s |", change, *change ? " pp" : "");
		if (rep->ci_level) {
			bucket_change_interval(rep, b, low, high, sizeof low);
			if (*low)
				fprintf(out, " %s to %s pp |", low, high);
			else
				fputs("  |", out);
		}
		fputc('\n', out);
	}
	md_figures(t0, rep->before_name, out);
	md_figures(t1, rep->after_name, out);
	fputs("\nBefore: ", out);
	md_text(out, rep->before_name);
	fputs(": ", out);
	accounting_text(t0, out);
	fputs("\n\nAfter: ", out);
	md_text(out, rep->after_name);
	fputs(": ", out);
	accounting_text(t1, out);
	fputs("\n\nChange: in percentage points, from before to after.\n", out);
	if (rep->ci_level)
		fprintf(out, "%d%% CI: Newcombe's interval for the change "
			"(hybrid score, from the two Wilson intervals).\n",
			rep->ci_level);
}

static void denominators_markdown(const struct report *rep, FILE *out)
{
	const struct denominators_report *d = rep->denominators;
	size_t i, f;
	char cell[64];

	denominators_heading(rep, out);
	if (d->nfits == 0) {
		fputs("none does.\n", out);
		return;
	}
	fputs("\n| Denominator |", out);
	for (i = 0; i < d->n; i++)
		fprintf(out, " %s%% |", d->given[i]);
	fputs("\n| ---: |", out);
	for (i = 0; i < d->n; i++)
		fputs(" ---: |", out);
	fputc('\n', out);
	for (f = 0; f < d->nfits; f++) {
		fprintf(out, "| %lu |", d->fits[f]);
		for (i = 0; i < d->n; i++)
			fprintf(out, " %s |", fit_counts_text(d, f, i, cell,
							      sizeof cell));
		fputc('\n', out);
	}
	fprintf(out, "\n%s\n", denominators_note);
}

static void agree_markdown(const struct report *rep, FILE *out)
{
	const struct agree_report *a = rep->agree;
	size_t i, c;
	char share[32], alpha[80], kappa[80], pct[32], range[32], where[40];

	fprintf(out, "Agreement between %zu codings of %zu bodies:\n\n",
		a->ncodings, a->nbodies);
	agree_codings(rep, out, 1, md_text);
	fputs("\n| Column | Kind | Bodies | Agree | Alpha | Kappa |\n"
	      "| :--- | :--- | ---: | ---: | ---: | ---: |\n", out);
	for (i = 0; i < a->ncolumn_items; i++) {
		const struct agree_item *it = &a->items[i];

		fputs("| ", out);
		md_text(out, it->name);
		agreement_text(rep, it, share, sizeof share);
		fprintf(out, " | %s | %zu | %s%s | %s | %s |\n", it->kind,
			it->pairable, share, *share ? "%" : "",
			coefficient_text(&it->alpha, alpha, sizeof alpha),
			a->ncodings == 2 ? coefficient_text(&it->kappa, kappa,
							    sizeof kappa) : "");
	}
	fputs("\n| Bucket |", out);
	for (c = 0; c < a->ncodings; c++)
		fprintf(out, " %zu |", c + 1);
	fputs(" Range | Alpha |\n| :--- |", out);
	for (c = 0; c < a->ncodings; c++)
		fputs(" ---: |", out);
	fputs(" ---: | ---: |\n", out);
	for (i = a->ncolumn_items; i < a->nitems; i++) {
		const struct agree_item *it = &a->items[i];

		fputs("| ", out);
		md_text(out, it->label);
		fputs(" |", out);
		for (c = 0; c < a->ncodings; c++) {
			percent_text(rep, it->count[c], it->denominator[c], pct,
				     sizeof pct);
			fprintf(out, " %lu/%lu %s%s |", it->count[c],
				it->denominator[c], pct, *pct ? "%" : "");
		}
		range_text(rep, it, range, sizeof range);
		fprintf(out, " %s%s | %s |\n", range, *range ? " pp" : "",
			coefficient_text(&it->alpha, alpha, sizeof alpha));
	}
	fprintf(out, "\n%s\n", agree_note);
	if (a->ndisagreements == 0) {
		fputs("\nThe codings agree on every body.\n", out);
		return;
	}
	fprintf(out, "\n## Disagreements (%zu)\n\n| Body | Column |",
		a->ndisagreements);
	for (c = 0; c < a->ncodings; c++)
		fprintf(out, " %zu |", c + 1);
	fputs("\n| :--- | :--- |", out);
	for (c = 0; c < a->ncodings; c++)
		fputs(" :--- |", out);
	fputc('\n', out);
	for (i = 0; i < a->ndisagreements; i++) {
		const struct disagreement *d = &a->disagreements[i];

		fputs("| ", out);
		md_text(out, a->bodies[d->body]);
		fputs(" | ", out);
		md_text(out, a->items[d->item].name);
		fputs(" |", out);
		for (c = 0; c < a->ncodings; c++) {
			fprintf(out, " %s", where_text(d->line[c], d->sheet_row[c],
						       where, sizeof where));
			if (d->line[c]) {
				fputs(": ", out);
				md_text(out, *d->value[c] ? d->value[c] :
					"(empty)");
			}
			fputs(" |", out);
		}
		fputc('\n', out);
	}
}

const struct report_format report_markdown = {
	.name = "markdown",
	.label = "Markdown",
	.extension = "md",
	.media_type = "text/markdown",
	.view = {
		[REPORT_FIGURES] = render_markdown,
		[REPORT_LIST] = list_markdown,
		[REPORT_BY] = by_markdown,
		[REPORT_COMPARE] = compare_markdown,
		[REPORT_DENOMINATORS] = denominators_markdown,
		[REPORT_AGREE] = agree_markdown,
	},
};
