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

const struct report_format report_markdown = {
	"markdown", render_markdown, list_markdown, by_markdown, compare_markdown
};
