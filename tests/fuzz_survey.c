/*
 * fuzz_survey.c - libFuzzer target: any rules file with any survey.  The
 * input is split at its first NUL byte: the bytes before it are read as
 * a rules file, those after as the survey checked under those rules, so
 * that the header check (every column a condition tests present, unknown
 * columns warned of, did-you-mean) meets rules and headers of every
 * shape.  Built with ASan and UBSan: no input may crash, leak or
 * misbehave.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "classifier.h"
#include "exitcodes.h"
#include "loader.h"
#include "rules.h"

static int note(const struct response *r, void *ctx)
{
	tally_add(ctx, r);
	return FOITAB_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	const struct csv_format format = { 0, CSV_UTF8 };
	const uint8_t *nul = memchr(data, '\0', size);
	size_t rules_len = nul ? (size_t)(nul - data) : size;
	struct rules rules;
	struct tally tally;
	struct loader l;
	struct diag diag;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (!sink)
		return 0;
	diag_init(&diag, sink);
	diag_set_limit(&diag, 100);
	if (rules_read_bytes(&rules, data, rules_len, "fuzz.rules", ".",
			     &diag) == FOITAB_OK && nul) {
		tally_init(&tally, &rules);
		if (loader_begin(&l, "fuzz.csv", &format, &rules, &diag, note,
				 &tally) == FOITAB_OK &&
		    loader_feed(&l, nul + 1, size - rules_len - 1) == FOITAB_OK)
			loader_end(&l);
		loader_release(&l);
		tally_free(&tally);
	}
	diag_close(&diag);
	rules_free(&rules);
	return 0;
}
