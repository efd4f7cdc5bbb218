/*
 * table.c - the `table` format, for people: aligned columns, the response
 * accounting above and the overlap note below, and at a terminal a bar
 * for each percentage.  Lists name the bodies with their summaries.
 */
#include <string.h>

#include "render.h"
#include "stats.h"

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
	unsigned long long units = stats_percent_scaled(count, den, 0);
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

static void print_missing(const struct report *rep, FILE *out)
{
	const struct registry *g = rep->registry;
	size_t i, missing = missing_count(rep);

	if (!missing)
		return;
	fprintf(out, "Not in the file: %zu of the %zu bodies in the register:\n",
		missing, g->n);
	for (i = 0; i < g->n; i++) {
		if (!registry_matched(&g->entries[i])) {
			fputs("  ", out);
			put_text(out, registry_text(g, g->entries[i].name));
			fputc('\n', out);
		}
	}
}

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
	size_t change_w = strlen("Change");
	int pct_w = 7, counted = b && baseline_counted(rep);
	char pct[32], base[32], low[32], high[32], ci[80], ci_head[16];
	char change[32], cell[96];

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
			interval_text(rep, t->count[i], t->base[i], low, high,
				      sizeof low);
			snprintf(ci, sizeof ci, "%s-%s%%", low, high);
			if (*low && strlen(ci) > ci_w)
				ci_w = strlen(ci);
		}
	}

	for (i = 0; counted && i < t->nbuckets; i++) {
		baseline_change_text(rep, t->count[i], t->base[i],
				     baseline_find(b, t->rules->buckets[i].key),
				     change, low, high, sizeof low);
		if (strlen(change) + 3 > change_w)
			change_w = strlen(change) + 3;
	}
	pad_right(out, "Bucket", label_w);
	fprintf(out, "  Count    Of  %*s", pct_w + 1, "Percent");
	if (rep->ci_level)
		fprintf(out, "  %*s", (int)ci_w, ci_head);
	if (b)
		fprintf(out, "  %*s", (int)year_w, year);
	if (counted)
		fprintf(out, "  %*s  %s", (int)change_w, "Change", ci_head);
	fputc('\n', out);

	for (i = 0; i < t->nbuckets; i++) {
		const struct baseline_row *br =
			b ? baseline_find(b, t->rules->buckets[i].key) : NULL;

		pad_right(out, t->rules->buckets[i].label, label_w);
		percent_text(rep, t->count[i], t->base[i], pct, sizeof pct);
		fprintf(out, "  %5lu  %4lu  %*s%s", t->count[i], t->base[i],
			pct_w, *pct ? pct : "-", *pct ? "%" : " ");
		if (rep->ci_level) {
			interval_text(rep, t->count[i], t->base[i], low, high,
				      sizeof low);
			snprintf(ci, sizeof ci, "%s-%s%%", low, high);
			fprintf(out, "  %*s", (int)ci_w, *low ? ci : "-");
		}
		if (br) {
			baseline_percent(br, base, sizeof base);
			fprintf(out, "  %*s%%", (int)year_w - 1, base);
		} else if (b && (rep->bars || counted)) {
			fprintf(out, "  %*s", (int)year_w, "");
		}
		if (counted) {
			baseline_change_text(rep, t->count[i], t->base[i], br,
					     change, low, high, sizeof low);
			snprintf(cell, sizeof cell, "%s%s", *change ? change : "-",
				 *change ? " pp" : "");
			fprintf(out, "  %*s", (int)change_w, cell);
			snprintf(cell, sizeof cell, "%s to %s pp", low, high);
			fprintf(out, "  %s", *low ? cell : "-");
		}
		if (rep->bars && t->base[i])
			draw_bar(rep, t->count[i], t->base[i], out);
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

/* `x (body)`, or "-" for none. */
static const char *extreme_cell(const char *figure, const char *body,
				char *buf, size_t size)
{
	if (!*figure)
		return "-";
	snprintf(buf, size, "%s (%s)", figure, body);
	return buf;
}

/*
 * The figures of the number columns of `t`: bodies with one, the total,
 * the median, the least and greatest (with the body), and the words
 * given instead.  Starts with a blank line; nothing without such columns.
 */
static void figures_block(const struct tally *t, FILE *out)
{
	static const char *const head[] = {
		"Figure", "Bodies", "Total", "Median", "Min", "Max"
	};
	size_t width[6], i, k;
	struct figure_text ft;
	char cells[6][300], words[600];

	if (!t->rules->nnumbers)
		return;
	for (k = 0; k < 6; k++)
		width[k] = strlen(head[k]);
	for (i = 0; i < t->nfigures; i++) {
		figure_text(t, i, 1, &ft);
		snprintf(cells[1], sizeof cells[1], "%lu", ft.bodies);
		extreme_cell(ft.min, ft.min_body, cells[4], sizeof cells[4]);
		extreme_cell(ft.max, ft.max_body, cells[5], sizeof cells[5]);
		if (text_width(ft.label) > width[0])
			width[0] = text_width(ft.label);
		if (strlen(cells[1]) > width[1])
			width[1] = strlen(cells[1]);
		if (strlen(ft.total) > width[2])
			width[2] = strlen(ft.total);
		if (strlen(ft.median) > width[3])
			width[3] = strlen(ft.median);
		for (k = 4; k < 6; k++)
			if (text_width(cells[k]) > width[k])
				width[k] = text_width(cells[k]);
	}
	fputc('\n', out);
	pad_right(out, head[0], width[0]);
	for (k = 1; k < 4; k++)
		fprintf(out, "  %*s", (int)width[k], head[k]);
	fprintf(out, "  ");
	pad_right(out, head[4], width[4]);
	fprintf(out, "  %s\n", head[5]);
	for (i = 0; i < t->nfigures; i++) {
		figure_text(t, i, 1, &ft);
		pad_right(out, ft.label, width[0]);
		fprintf(out, "  %*lu  %*s  %*s  ", (int)width[1], ft.bodies,
			(int)width[2], *ft.total ? ft.total : "-",
			(int)width[3], *ft.median ? ft.median : "-");
		pad_right(out, extreme_cell(ft.min, ft.min_body, cells[4],
					    sizeof cells[4]), width[4]);
		fputs("  ", out);
		put_text(out, extreme_cell(ft.max, ft.max_body, cells[5],
					   sizeof cells[5]));
		fputc('\n', out);
		if (ft.nwords) {
			fputs("  instead of a figure: ", out);
			put_text(out, figure_words_text(t, i, " ", words,
							sizeof words));
			fputc('\n', out);
		}
	}
}

static void render_table(const struct report *rep, FILE *out)
{
	accounting_line(rep, out);
	print_missing(rep, out);
	if (rep->tally->nbuckets == 0) {
		fputs("\nNo buckets yet: add a [bucket KEY] section to the rules "
		      "for each figure\n(see foitab-rules(5)).\n", out);
		figures_block(rep->tally, out);
		if (rep->tally->rules->nnumbers)
			fprintf(out, "\n%s\n", figures_note);
		return;
	}
	fputc('\n', out);
	table_block(rep, rep->tally, rep->baseline, out);
	figures_block(rep->tally, out);
	if (rep->tally->overlaps)
		fprintf(out, "\n%s\n", overlap_note);
	if (rep->tally->rules->nnumbers)
		fprintf(out, "%s%s\n", rep->tally->overlaps ? "" : "\n",
			figures_note);
	if (baseline_counted(rep)) {
		fputc('\n', out);
		baseline_change_note(rep, out);
	}
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
			fprintf(out, " (%s %lu)\n", m->sheet_row ? "row" :
				"line", m->line);
			if (*m->summary)
				indented(out, m->summary, "      ");
		}
	}
}

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
		figures_block(&g->groups[i].tally, out);
	}
}

static void compare_table(const struct report *rep, FILE *out)
{
	const struct tally *t0 = rep->before, *t1 = rep->tally;
	size_t b, label_w = strlen("Bucket"), w0, w1, ci_w = 0;
	size_t change_w = strlen("Change");
	char pct[32], cell[64], change[32], low[32], high[32], ci[80];
	char ci_head[24];

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
	fputs("  Change", out);
	if (rep->ci_level) {
		for (b = 0; b < t1->nbuckets; b++) {
			change_text(rep, b, change, sizeof change);
			if (strlen(change) + 3 > change_w)
				change_w = strlen(change) + 3;
		}
		snprintf(ci_head, sizeof ci_head, "%d%% CI", rep->ci_level);
		ci_w = strlen(ci_head);
		for (b = 0; b < t1->nbuckets; b++) {
			bucket_change_interval(rep, b, low, high, sizeof low);
			snprintf(ci, sizeof ci, "%s to %s pp", low, high);
			if (*low && strlen(ci) > ci_w)
				ci_w = strlen(ci);
		}
		fprintf(out, "%*s  %s", (int)(change_w - strlen("Change")), "",
			ci_head);
	}
	fputc('\n', out);
	for (b = 0; b < t1->nbuckets; b++) {
		pad_right(out, t1->rules->buckets[b].label, label_w);
		percent_text(rep, t0->count[b], t0->base[b], pct, sizeof pct);
		snprintf(cell, sizeof cell, "%lu/%lu %s%s", t0->count[b],
			 t0->base[b], pct, *pct ? "%" : "");
		fputs("  ", out);
		pad_right(out, cell, w0);
		percent_text(rep, t1->count[b], t1->base[b], pct, sizeof pct);
		snprintf(cell, sizeof cell, "%lu/%lu %s%s", t1->count[b],
			 t1->base[b], pct, *pct ? "%" : "");
		fputs("  ", out);
		pad_right(out, cell, w1);
		change_text(rep, b, change, sizeof change);
		snprintf(cell, sizeof cell, "%s%s", *change ? change : "-",
			 *change ? " pp" : "");
		if (rep->ci_level) {
			bucket_change_interval(rep, b, low, high, sizeof low);
			snprintf(ci, sizeof ci, "%s to %s pp", low, high);
			fputs("  ", out);
			pad_right(out, cell, change_w);
			fprintf(out, "  %s\n", *low ? ci : "-");
		} else {
			fprintf(out, "  %s\n", cell);
		}
	}
	if (t1->rules->nnumbers) {
		fputs("\nFigures before: ", out);
		put_text(out, rep->before_name);
		figures_block(t0, out);
		fputs("\nFigures after: ", out);
		put_text(out, rep->after_name);
		figures_block(t1, out);
	}
	fputs("\nChange: in percentage points, from before to after.\n", out);
	if (rep->ci_level)
		fprintf(out, "%d%% CI: Newcombe's interval for the change "
			"(hybrid score, from the two Wilson intervals).\n",
			rep->ci_level);
}

static void denominators_table(const struct report *rep, FILE *out)
{
	const struct denominators_report *d = rep->denominators;
	size_t i, f, w[64];
	char cell[64], head[40];

	denominators_heading(rep, out);
	if (d->nfits == 0) {
		fputs("none does.\n", out);
		return;
	}
	fputc('\n', out);
	fputs("Denominator", out);
	for (i = 0; i < d->n; i++) {
		snprintf(head, sizeof head, "%s%%", d->given[i]);
		w[i % 64] = strlen(head);
		for (f = 0; f < d->nfits; f++) {
			fit_counts_text(d, f, i, cell, sizeof cell);
			if (strlen(cell) > w[i % 64])
				w[i % 64] = strlen(cell);
		}
		fprintf(out, "  %*s", (int)w[i % 64], head);
	}
	fputc('\n', out);
	for (f = 0; f < d->nfits; f++) {
		fprintf(out, "%11lu", d->fits[f]);
		for (i = 0; i < d->n; i++)
			fprintf(out, "  %*s", (int)w[i % 64],
				fit_counts_text(d, f, i, cell, sizeof cell));
		fputc('\n', out);
	}
	fprintf(out, "\n%zu of the %lu denominators tried fit%s; the counts "
		"are those out of each.\n", d->nfits, d->max - d->min + 1,
		d->nfits == 1 ? "s" : "");
	fputs(denominators_note, out);
	fputc('\n', out);
}

static void agree_table(const struct report *rep, FILE *out)
{
	const struct agree_report *a = rep->agree;
	size_t i, c, name_w = strlen("Column"), label_w = strlen("Bucket");
	size_t cell_w[CODERS_MAX];
	char share[32], alpha[80], kappa[80], pct[32], cell[64], range[32];
	char where[40];

	fprintf(out, "Agreement between %zu codings of %zu bodies:\n",
		a->ncodings, a->nbodies);
	agree_codings(rep, out, 0, put_text);
	fputc('\n', out);
	for (i = 0; i < a->ncolumn_items; i++)
		if (text_width(a->items[i].name) > name_w)
			name_w = text_width(a->items[i].name);
	pad_right(out, "Column", name_w);
	fputs("  Kind      Bodies  Agree  Alpha  Kappa\n", out);
	for (i = 0; i < a->ncolumn_items; i++) {
		const struct agree_item *it = &a->items[i];

		pad_right(out, it->name, name_w);
		agreement_text(rep, it, share, sizeof share);
		fprintf(out, "  %-8s  %6zu  %4s%s  %s  %s\n", it->kind,
			it->pairable, *share ? share : "-", *share ? "%" : " ",
			coefficient_text(&it->alpha, alpha, sizeof alpha),
			a->ncodings == 2 ? coefficient_text(&it->kappa, kappa,
							    sizeof kappa) : "-");
	}
	fputc('\n', out);
	for (i = a->ncolumn_items; i < a->nitems; i++)
		if (text_width(a->items[i].label) > label_w)
			label_w = text_width(a->items[i].label);
	for (c = 0; c < a->ncodings; c++) {
		cell_w[c] = 8;
		for (i = a->ncolumn_items; i < a->nitems; i++) {
			const struct agree_item *it = &a->items[i];

			percent_text(rep, it->count[c], it->denominator[c], pct,
				     sizeof pct);
			snprintf(cell, sizeof cell, "%lu/%lu %s%%", it->count[c],
				 it->denominator[c], pct);
			if (strlen(cell) > cell_w[c])
				cell_w[c] = strlen(cell);
		}
	}
	pad_right(out, "Bucket", label_w);
	for (c = 0; c < a->ncodings; c++) {
		snprintf(cell, sizeof cell, "%zu", c + 1);
		fputs("  ", out);
		pad_right(out, cell, cell_w[c]);
	}
	fputs("  Range  Alpha\n", out);
	for (i = a->ncolumn_items; i < a->nitems; i++) {
		const struct agree_item *it = &a->items[i];

		pad_right(out, it->label, label_w);
		for (c = 0; c < a->ncodings; c++) {
			percent_text(rep, it->count[c], it->denominator[c], pct,
				     sizeof pct);
			snprintf(cell, sizeof cell, "%lu/%lu %s%s", it->count[c],
				 it->denominator[c], *pct ? pct : "-",
				 *pct ? "%" : "");
			fputs("  ", out);
			pad_right(out, cell, cell_w[c]);
		}
		range_text(rep, it, range, sizeof range);
		snprintf(cell, sizeof cell, "%s%s", *range ? range : "-",
			 *range ? " pp" : "");
		fputs("  ", out);
		pad_right(out, cell, 5);
		fprintf(out, "  %s\n", coefficient_text(&it->alpha, alpha,
							sizeof alpha));
	}
	fprintf(out, "\n%s\n", agree_note);
	if (a->ndisagreements == 0) {
		fputs("\nThe codings agree on every body.\n", out);
		return;
	}
	fprintf(out, "\nDisagreements (%zu):\n", a->ndisagreements);
	for (i = 0; i < a->ndisagreements; i++) {
		const struct disagreement *d = &a->disagreements[i];

		put_text(out, a->bodies[d->body]);
		fputs(", column '", out);
		put_text(out, a->items[d->item].name);
		fputs("':\n", out);
		for (c = 0; c < a->ncodings; c++) {
			fprintf(out, "  %zu: %s", c + 1, where_text(d->line[c],
				d->sheet_row[c], where, sizeof where));
			if (d->line[c]) {
				fputs(": ", out);
				put_text(out, *d->value[c] ? d->value[c] :
					 "(empty)");
			}
			fputc('\n', out);
		}
	}
}

const struct report_format report_table = {
	.name = "table",
	.label = "table (.txt)",
	.extension = "txt",
	.media_type = "text/plain",
	.view = {
		[REPORT_FIGURES] = render_table,
		[REPORT_LIST] = list_table,
		[REPORT_BY] = by_table,
		[REPORT_COMPARE] = compare_table,
		[REPORT_DENOMINATORS] = denominators_table,
		[REPORT_AGREE] = agree_table,
	},
};
