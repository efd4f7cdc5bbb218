/*
 * reporter.c - the table of formats (reporter.h), and a report printed
 * in the one chosen.
 *
 * Each format lives in a file of its own under report/ and fills one
 * struct report_format: its label, its file extension and media type,
 * and a renderer for each view it can show.  Adding a format is adding
 * that file and one row to the table below.  What several formats print
 * the same way is render.c's.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "render.h"
#include "stats.h"

struct rendering {
	const struct report *report;
	report_render_fn render;
};

static void write_rendering(const void *ctx, FILE *out)
{
	const struct rendering *r = ctx;

	r->render(r->report, out);
}

int reporter_write(const char *output, const struct report *rep,
		   report_render_fn render, struct diag *diag)
{
	struct rendering r;

	r.report = rep;
	r.render = render;
	return output_write(output, write_rendering, &r, diag);
}

int reporter_print(const char *output, struct report *rep,
		   const struct report_format *format, enum report_view view,
		   struct diag *diag)
{
	if (!output && isatty(fileno(stdout))) {
		/* A person at a terminal: bars, coloured unless NO_COLOR. */
		const char *no_colour = getenv("NO_COLOR");
		const char *term = getenv("TERM");

		rep->bars = 1;
		rep->colour = !(no_colour && *no_colour) &&
			      !(term && strcmp(term, "dumb") == 0);
	}
	if (format->whole && rep->tally) {
		/* One document: every bucket, and who did not answer. */
		size_t b;

		for (b = 0; b < rep->tally->nbuckets; b++)
			bitset_add(&rep->selected, (unsigned)b);
		rep->list_pending = rep->list_refused = 1;
	}
	assert(format->view[view]);
	return reporter_write(output, rep, format->view[view], diag);
}

/*
 * The formats, in the order --help lists them: one row each, the format
 * defined in the file of its name (csv and tsv in dsv.c).
 */
#define FORMAT_TABLE \
	FORMAT(table)    \
	FORMAT(csv)      \
	FORMAT(tsv)      \
	FORMAT(json)     \
	FORMAT(markdown) \
	FORMAT(svg)      \
	FORMAT(html)

#define FORMAT(name) extern const struct report_format report_##name;
FORMAT_TABLE
#undef FORMAT
#define FORMAT(name) &report_##name,
static const struct report_format *const formats[] = { FORMAT_TABLE };
#undef FORMAT

static const char *const view_names[REPORT_VIEWS] = {
	[REPORT_FIGURES] = "figures",
	[REPORT_LIST] = "list",
	[REPORT_BY] = "by",
	[REPORT_COMPARE] = "compare",
	[REPORT_DENOMINATORS] = "denominators",
	[REPORT_AGREE] = "agree",
};

const struct report_format *reporter_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

const struct report_format *const *reporter_formats(size_t *n)
{
	*n = sizeof formats / sizeof formats[0];
	return formats;
}

const char *reporter_names(enum report_view view, char *buf, size_t size)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		int n;

		if (!formats[i]->view[view] || used >= size)
			continue;
		n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
			     formats[i]->name);
		used += n > 0 ? (size_t)n : 0;
	}
	return buf;
}

void reporter_list_formats(FILE *out)
{
	size_t i;
	int v;

	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		const struct report_format *f = formats[i];
		const char *sep = "";

		fprintf(out, "%s\t%s\t%s\t", f->name, f->extension,
			f->media_type);
		for (v = 0; v < REPORT_VIEWS; v++)
			if (f->view[v]) {
				fprintf(out, "%s%s", sep, view_names[v]);
				sep = ",";
			}
		fprintf(out, "\t%s\n", f->label);
	}
}
