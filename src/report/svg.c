/*
 * svg.c - the `svg` format: a self-contained, accessible bar chart of the
 * figures of one file (the html page embeds the same chart).
 */
#include <string.h>

#include "render.h"
#include "stats.h"

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
	return den ? stats_percent_scaled(count, den, 3) : 0;
}

/*
 * The chart: a horizontal bar per bucket, with the baseline as a hatched
 * bar under it where there is one, and whiskers for the intervals.  Grey
 * and hatching, not colour, tell the bars apart, so it prints in black
 * and white.  `standalone` adds the XML declaration.
 */
void svg_chart(const struct report *rep, FILE *out, int standalone)
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
		fprintf(out, ": %lu of %lu, %s%%", t->count[i], t->base[i],
			percent_text(rep, t->count[i], t->base[i], pct, sizeof pct));
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
		double end = svg_x(share_milli(t->count[i], t->base[i]));

		fprintf(out, "<g data-key=\"");
		xml_text(out, t->rules->buckets[i].key);
		fprintf(out, "\"><text x=\"%d\" y=\"%d\">", SVG_LEFT, y);
		xml_text(out, t->rules->buckets[i].label);
		fprintf(out, "</text>\n<rect class=\"bar\" x=\"%d\" y=\"%d\" "
			"width=\"%.1f\" height=\"18\"/>\n", SVG_LEFT, y + 6,
			end - SVG_LEFT);
		interval_text(rep, t->count[i], t->base[i], low, high, sizeof low);
		if (*low) {
			double lo, hi;
			double y_mid = y + 15;

			stats_wilson(t->count[i], t->base[i], rep->ci_level, &lo,
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
			y + 20, t->count[i], t->base[i],
			percent_text(rep, t->count[i], t->base[i], pct, sizeof pct));
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

const struct report_format report_svg = {
	.name = "svg",
	.label = "chart (SVG)",
	.extension = "svg",
	.media_type = "image/svg+xml",
	.view = {
		[REPORT_FIGURES] = render_svg,
	},
};
