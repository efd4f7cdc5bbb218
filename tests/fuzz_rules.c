/*
 * fuzz_rules.c - libFuzzer target: any bytes as a rules file.  When they
 * are sound rules, a small survey written for them is tabulated and every
 * format (figures, lists, groups) is rendered, so that the reporter meets
 * whatever labels, keys and values the rules hold.  Built with ASan and
 * UBSan: no input may crash, leak or misbehave.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "classifier.h"
#include "exitcodes.h"
#include "loader.h"
#include "reporter.h"
#include "rules.h"

struct fuzz_run {
	struct tally *tally;
	struct roster *roster;
	struct grouping *grouping;
	const struct rules *rules;
};

static int note(const struct response *r, void *ctx)
{
	struct fuzz_run *run = ctx;

	tally_add(run->tally, r);
	if (roster_add(run->roster, run->tally, r) < 0 ||
	    grouping_add(run->grouping, r->text[COLUMN_RESPONSE], 0, 0, run->rules,
			 r) < 0)
		return FOITAB_OSERR;
	return FOITAB_OK;
}

/* A survey with a row for each value of each coded column. */
static void survey(const struct rules *rules, FILE *out)
{
	size_t c, v, row = 0;

	for (c = 0; c < rules->ncolumns; c++)
		fprintf(out, "%s\"%s\"", c ? "," : "", rules->columns[c].name);
	fputc('\n', out);
	for (c = RULES_BUILTIN_COLUMNS; c < rules->ncolumns; c++) {
		for (v = 0; v < rules->columns[c].nvalues; v++) {
			size_t k;

			for (k = 0; k < rules->ncolumns; k++) {
				const char *cell = "";

				if (k == COLUMN_BODY)
					fprintf(out, "%sB%zu", k ? "," : "", row);
				else if (k == COLUMN_RESPONSE)
					cell = row % 4 == 3 ? "pending" : "answered";
				else if (k == c)
					cell = rules->columns[c].values[v];
				if (k != COLUMN_BODY)
					fprintf(out, ",\"%s\"", cell);
			}
			fputc('\n', out);
			row++;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct csv_format format = { ',', CSV_UTF8 };
	struct grouping grouping = GROUPING_INIT;
	struct roster roster = ROSTER_INIT;
	struct fuzz_run run;
	struct rules rules;
	struct tally tally;
	struct loader l;
	struct diag diag;
	char *text = NULL;
	size_t len = 0, f, n;
	FILE *mem;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (!sink)
		return 0;
	diag_init(&diag, sink);
	if (rules_read_bytes(&rules, data, size, "fuzz.rules", NULL, &diag) !=
	    FOITAB_OK) {
		rules_free(&rules);
		return 0;
	}
	mem = open_memstream(&text, &len);
	if (!mem) {
		rules_free(&rules);
		return 0;
	}
	survey(&rules, mem);
	fclose(mem);
	tally_init(&tally, &rules);
	run.tally = &tally;
	run.roster = &roster;
	run.grouping = &grouping;
	run.rules = &rules;
	grouping.column = "response";
	if (loader_begin(&l, "fuzz.csv", &format, &rules, &diag, note, &run) ==
	    FOITAB_OK && loader_feed(&l, text, len) == FOITAB_OK &&
	    loader_end(&l) == FOITAB_OK) {
		const struct report_format *const *formats = reporter_formats(&n);
		struct report rep;

		tally_finish(&tally);
		memset(&rep, 0, sizeof rep);
		rep.tally = &tally;
		rep.before = &tally;
		rep.before_name = rep.after_name = "f";
		rep.roster = &roster;
		rep.grouping = &grouping;
		for (f = 0; f < rules.nbuckets; f++)
			bitset_add(&rep.selected, (unsigned)f);
		rep.list_pending = rep.list_refused = 1;
		rep.ci_level = size % 2 ? 95 : 0;
		rep.decimals = (int)(size % 4);
		for (f = 0; f < n; f++) {
			int v;

			for (v = REPORT_FIGURES; v <= REPORT_COMPARE; v++)
				if (formats[f]->view[v])
					formats[f]->view[v](&rep, sink);
		}
	}
	loader_release(&l);
	free(text);
	roster_free(&roster);
	tally_free(&tally);
	grouping_free(&grouping);
	rules_free(&rules);
	return 0;
}
