/*
 * fuzz_loader.c - libFuzzer target: any bytes, through the whole checking
 * path under the built-in rules (csvread, the codebook checks, the
 * register check and the tally), then as a sheet to draft rules from,
 * in two blocks split at a point chosen by the input's length.  Whatever
 * the input, it must end cleanly: no crash, no leak, no undefined
 * behaviour (the target is built with ASan and UBSan).
 *
 *     make fuzz [FUZZ_SECONDS=60]
 */
#include <stdint.h>
#include <stdio.h>

#include "builtin.h"
#include "classifier.h"
#include "draft.h"
#include "exitcodes.h"
#include "loader.h"
#include "registry.h"

struct fuzz_run {
	struct registry *registry;
	struct tally *tally;
	struct diag *diag;
};

static int note(const struct response *r, void *ctx)
{
	struct fuzz_run *run = ctx;

	if (registry_note(run->registry, r, "fuzz.csv", run->diag) != FOITAB_OK)
		return FOITAB_OSERR;
	tally_add(run->tally, r);
	return FOITAB_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct csv_format format = { 0, size % 3 == 0 ? CSV_CP1252 : CSV_UTF8 };
	static struct rules rules;
	static int have_rules;
	struct registry registry;
	struct tally tally;
	struct loader l;
	struct diag diag;
	struct fuzz_run run = { &registry, &tally, &diag };
	size_t split = size / 2;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (!sink)
		return 0;
	diag_init(&diag, sink);
	diag_set_limit(&diag, 100);
	if (size % 5 == 0)
		format.delimiter = ';';
	if (!have_rules) {
		const struct builtin_file *b = builtin_find(BUILTIN_RULES);

		if (rules_read_bytes(&rules, b->bytes, b->len, "rules", NULL,
				     &diag) != FOITAB_OK)
			return 0;
		have_rules = 1;
	}
	tally_init(&tally, &rules);
	registry_init(&registry);
	{
		const struct builtin_file *b = builtin_find(rules.registry);

		registry_read_bytes(&registry, b->bytes, b->len, "register",
				    &diag);
	}
	if (loader_begin(&l, "fuzz.csv", &format, &rules, &diag, note,
			 &run) == FOITAB_OK &&
	    loader_feed(&l, data, split) == FOITAB_OK &&
	    loader_feed(&l, data + split, size - split) == FOITAB_OK &&
	    loader_end(&l) != FOITAB_OSERR)
		registry_close(&registry, "fuzz.csv", &diag);
	diag_close(&diag);
	loader_release(&l);
	registry_free(&registry);
	{
		/* The same bytes as a sheet to draft rules from. */
		struct csv_source src = { NULL, data, size };
		struct draft draft;

		diag_init(&diag, sink);
		if (draft_read(&draft, &src, "fuzz.csv", &format, NULL, &diag) ==
		    FOITAB_OK)
			draft_write(&draft, sink);
		draft_free(&draft);
	}
	return 0;
}
