/*
 * fuzz_workbook.c - libFuzzer target: any bytes as a workbook (.xlsx or
 * .ods), through libzip and expat to rows.  Built with ASan and UBSan:
 * no input may crash, leak or misbehave.  Seeded with the workbooks in
 * tests/workbooks/.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "exitcodes.h"
#include "workbook.h"

/* Count the rows and touch every cell, as a loader would. */
static int on_row(const struct csv_row *row, void *ctx)
{
	size_t *bytes = ctx, i;

	for (i = 0; i < row->nfields; i++)
		*bytes += strlen(row->fields[i]) + row->lens[i];
	return FOITAB_OK;
}

/* Say the first sheet with a cell in its first row fits. */
static int fits(const struct csv_row *header, void *ctx)
{
	(void)ctx;
	return header->nfields > 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct workbook_request req;
	struct diag diag;
	size_t bytes = 0;
	FILE *in;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (!sink || size == 0)
		return 0;
	in = fmemopen((void *)data, size, "rb");
	if (!in)
		return 0;
	diag_init(&diag, sink);
	memset(&req, 0, sizeof req);
	req.sheet = size % 7 == 0 ? "2" : NULL;
	req.fits = fits;
	req.on_row = on_row;
	req.ctx = &bytes;
	workbook_read(in, "fuzz.xlsx", &req, &diag);
	free(req.sheet_read);
	fclose(in);
	return 0;
}
