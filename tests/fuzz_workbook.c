/*
 * fuzz_workbook.c - libFuzzer target: any bytes as a workbook (.xlsx or
 * .ods), through libzip and expat to rows, once in one pass and once in
 * pieces on two threads (workbook.h), which must agree exactly.  Built
 * with ASan and UBSan: no input may crash, leak or misbehave.  Seeded
 * with the workbooks in tests/workbooks/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "workbook.h"

/* Rows as text, "line|cell|cell\n" each, as the tests write them. */
static int on_row(const struct csv_row *row, void *ctx)
{
	FILE *out = ctx;
	size_t i;

	fprintf(out, "%lu", row->line);
	for (i = 0; i < row->nfields; i++) {
		fputc('|', out);
		fwrite(row->fields[i], 1, row->lens[i], out);
		if (strlen(row->fields[i]) != row->lens[i])
			abort();   /* a cell with a NUL in it */
	}
	fputc('\n', out);
	return FOITAB_OK;
}

/* Say the first sheet with a cell in its first row fits. */
static int fits(const struct csv_row *header, void *ctx)
{
	(void)ctx;
	return header->nfields > 1;
}

/* Pieces (workbook.h): each part's rows kept apart until it is taken. */
struct piece_rows {
	char *text;
	size_t len;
	FILE *out;
};

static int ready(void *ctx)
{
	(void)ctx;
	return 1;
}

static void *open_part(void *ctx)
{
	struct piece_rows *p = calloc(1, sizeof *p);

	(void)ctx;
	if (p && !(p->out = open_memstream(&p->text, &p->len))) {
		free(p);
		p = NULL;
	}
	return p;
}

/* A part's row, its number marked "\001N\002" to be counted on. */
static int part_row(const struct csv_row *row, void *part)
{
	struct piece_rows *p = part;

	fputc('\001', p->out);
	return on_row(row, p->out);
}

/* A part's rows, their numbers counted after `rows_before`. */
static int take(void *ctx, void *part, unsigned long rows_before)
{
	struct piece_rows *p = part;
	const char *at, *end;

	fflush(p->out);
	for (at = p->text, end = p->text + p->len; at < end; at++) {
		if (*at == '\001') {
			char *after;
			unsigned long n = strtoul(at + 1, &after, 10);

			fprintf(ctx, "%lu", n + rows_before);
			at = after - 1;
		} else {
			fputc(*at, ctx);
		}
	}
	return FOITAB_OK;
}

static void close_part(void *part)
{
	struct piece_rows *p = part;

	fclose(p->out);
	free(p->text);
	free(p);
}

/* Read the workbook in one pass or in pieces: its rows, messages, status. */
static int read_book(const uint8_t *data, size_t size, int pieces,
		     char **rows, size_t *rows_len, char **said,
		     size_t *said_len)
{
	struct workbook_request req;
	struct workbook_parts parts;
	struct diag diag;
	FILE *in = fmemopen((void *)data, size, "rb");
	FILE *out = open_memstream(rows, rows_len);
	FILE *msg = open_memstream(said, said_len);
	int status;

	if (!in || !out || !msg)
		abort();
	diag_init(&diag, msg);
	memset(&req, 0, sizeof req);
	memset(&parts, 0, sizeof parts);
	parts.jobs = 2;
	parts.piece = 1 + size % 61;    /* cuts at many places */
	parts.min_part = 1;
	parts.ready = ready;
	parts.open_part = open_part;
	parts.part_row = part_row;
	parts.take = take;
	parts.close_part = close_part;
	parts.ctx = out;
	req.sheet = size % 7 == 0 ? "2" : NULL;
	req.fits = fits;
	req.on_row = on_row;
	req.ctx = out;
	req.parts = pieces ? &parts : NULL;
	status = workbook_read(in, "fuzz.xlsx", &req, &diag);
	free(req.sheet_read);
	fclose(in);
	fclose(out);
	fclose(msg);
	return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Any bytes: no crash, leak or misbehaviour; and read in pieces on two
 * threads, exactly the rows, messages and status of one pass.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *rows[2], *said[2];
	size_t rows_len[2], said_len[2];
	int status[2], k;

	if (size == 0)
		return 0;
	for (k = 0; k < 2; k++)
		status[k] = read_book(data, size, k, &rows[k], &rows_len[k],
				      &said[k], &said_len[k]);
	if (status[0] != status[1] || rows_len[0] != rows_len[1] ||
	    memcmp(rows[0], rows[1], rows_len[0]) != 0 ||
	    said_len[0] != said_len[1] ||
	    memcmp(said[0], said[1], said_len[0]) != 0) {
		fprintf(stderr, "in one pass (%d):\n%.*s%.*s\nin pieces (%d):\n"
			"%.*s%.*s\n", status[0], (int)rows_len[0], rows[0],
			(int)said_len[0], said[0], status[1],
			(int)rows_len[1], rows[1], (int)said_len[1], said[1]);
		abort();
	}
	for (k = 0; k < 2; k++) {
		free(rows[k]);
		free(said[k]);
	}
	return 0;
}
