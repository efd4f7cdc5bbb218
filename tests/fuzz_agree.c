/*
 * fuzz_agree.c - libFuzzer target: `foitab agree` on any codings.  The
 * input is split at NUL bytes: a rules file, then two or more surveys
 * checked under it; each survey's bodies are kept with their values (as
 * cmd_agree keeps them), the codings are matched and measured, and the
 * agreement is printed in every format that prints it.  Besides no
 * crash, leak or undefined behaviour, what is measured must hold:
 * shares in [0, 1], alpha and kappa at most 1, every disagreement between
 * values that differ.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classifier.h"
#include "coders.h"
#include "exitcodes.h"
#include "loader.h"
#include "reporter.h"
#include "rules.h"

struct coding_read {
	struct tally tally;
	struct roster roster;
	int failed;
};

static int keep(const struct response *r, void *ctx)
{
	struct coding_read *c = ctx;

	tally_add(&c->tally, r);
	if (roster_add(&c->roster, &c->tally, r) < 0)
		c->failed = 1;
	return FOITAB_OK;
}

static void check(const struct agree_report *a)
{
	size_t i, c;

	for (i = 0; i < a->nitems; i++) {
		const struct agree_item *it = &a->items[i];

		if (it->share < 0 || it->share > 1 ||
		    it->agreeing > it->pairable || it->pairable > a->nbodies ||
		    (it->alpha.reason == AGREE_DEFINED &&
		     it->alpha.value > 1 + 1e-9) ||
		    (it->kappa.reason == AGREE_DEFINED &&
		     it->kappa.value > 1 + 1e-9))
			abort();
	}
	for (i = 0; i < a->ndisagreements; i++) {
		const struct disagreement *d = &a->disagreements[i];
		const char *first = NULL;
		int differ = 0;

		for (c = 0; c < a->ncodings; c++) {
			if (!d->line[c] || !*d->value[c])
				continue;
			if (!first)
				first = d->value[c];
			else if (strcmp(first, d->value[c]) != 0)
				differ = 1;
		}
		if (!differ)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	const struct csv_format format = { 0, CSV_UTF8 };
	const uint8_t *part[CODERS_MAX + 1], *end = data + size;
	size_t len[CODERS_MAX + 1], nparts = 0, i, nformats;
	struct coding_read reads[CODERS_MAX];
	struct coding codings[CODERS_MAX];
	const struct report_format *const *formats = reporter_formats(&nformats);
	struct rules rules;
	struct diag diag;
	int ok = 1;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (!sink)
		return 0;
	while (nparts <= CODERS_MAX && data <= end) {
		const uint8_t *nul = memchr(data, '\0', (size_t)(end - data));

		part[nparts] = data;
		len[nparts] = nul ? (size_t)(nul - data) : (size_t)(end - data);
		nparts++;
		if (!nul)
			break;
		data = nul + 1;
	}
	if (nparts < 3)
		return 0;
	diag_init(&diag, sink);
	diag_set_limit(&diag, 100);
	if (rules_read_bytes(&rules, part[0], len[0], "fuzz.rules", ".",
			     &diag) != FOITAB_OK) {
		diag_close(&diag);
		rules_free(&rules);
		return 0;
	}
	memset(reads, 0, sizeof reads);
	for (i = 1; i < nparts; i++) {
		struct coding_read *c = &reads[i - 1];
		struct loader l;
		int status;

		tally_init(&c->tally, &rules);
		c->roster.keep_values = rules.ncolumns;
		status = loader_begin(&l, "fuzz.csv", &format, &rules, &diag,
				      keep, c);
		if (status == FOITAB_OK)
			status = loader_feed(&l, part[i], len[i]);
		if (status == FOITAB_OK)
			status = loader_end(&l);
		loader_release(&l);
		if (status != FOITAB_OK || c->failed)
			ok = 0;
		codings[i - 1].file = "fuzz.csv";
		codings[i - 1].roster = &c->roster;
		codings[i - 1].tally = &c->tally;
	}
	if (ok) {
		struct agree_report a;

		if (coders_agree(&rules, codings, nparts - 1, &a) == 0) {
			struct report rep;

			check(&a);
			memset(&rep, 0, sizeof rep);
			rep.agree = &a;
			rep.decimals = (int)(size % 4);
			for (i = 0; i < nformats; i++)
				if (formats[i]->view[REPORT_AGREE])
					formats[i]->view[REPORT_AGREE](&rep, sink);
			agree_report_free(&a);
		}
	}
	for (i = 1; i < nparts; i++) {
		roster_free(&reads[i - 1].roster);
		tally_free(&reads[i - 1].tally);
	}
	diag_close(&diag);
	rules_free(&rules);
	return 0;
}
