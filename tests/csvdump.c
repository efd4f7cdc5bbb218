/*
 * csvdump.c - a test tool: reads a CSV file through csvread, exactly as
 * foitab does, and prints each record after the header in a form the
 * conformance test compares with csv-spectrum's expected JSON (turned into
 * the same form by jq): per cell "HEADER<US>VALUE<RS>", per record <GS>.
 *
 *     csvdump [--encoding cp1252] FILE
 *
 * Exit 0, or foitab's status for the first problem (65 for bad data).
 */
#include <stdio.h>
#include <string.h>

#include "csvread.h"
#include "exitcodes.h"
#include "mem.h"
#include "strbuf.h"

struct dump {
	char **header;
	size_t nheader;
};

static int dump_row(const struct csv_row *row, void *ctx)
{
	struct dump *d = ctx;
	size_t i;

	if (row->nfields == 0)
		return FOITAB_OK;
	if (!d->header) {
		d->header = mem_calloc(row->nfields, sizeof *d->header);
		if (!d->header)
			return FOITAB_OSERR;
		d->nheader = row->nfields;
		for (i = 0; i < row->nfields; i++)
			if (!(d->header[i] = mem_strndup(row->fields[i],
							 row->lens[i])))
				return FOITAB_OSERR;
		return FOITAB_OK;
	}
	for (i = 0; i < row->nfields; i++) {
		printf("%s\x1f", i < d->nheader ? d->header[i] : "?");
		fwrite(row->fields[i], 1, row->lens[i], stdout);
		putchar('\x1e');
	}
	putchar('\x1d');
	return FOITAB_OK;
}

int main(int argc, char **argv)
{
	struct csv_format format = { 0, CSV_UTF8 };
	struct dump d = { NULL, 0 };
	struct csvread r;
	struct diag diag;
	const char *path;
	FILE *in;
	size_t i;
	int status;

	if (argc == 4 && strcmp(argv[1], "--encoding") == 0 &&
	    strcmp(argv[2], "cp1252") == 0) {
		format.encoding = CSV_CP1252;
		path = argv[3];
	} else if (argc == 2) {
		path = argv[1];
	} else {
		fputs("usage: csvdump [--encoding cp1252] FILE\n", stderr);
		return FOITAB_USAGE;
	}
	diag_init(&diag, stderr);
	in = fopen(path, "rb");
	if (!in) {
		perror(path);
		return FOITAB_NOINPUT;
	}
	status = csvread_init(&r, path, &format, &diag, dump_row, &d);
	if (status == FOITAB_OK)
		status = csvread_stream(&r, in, 0);
	csvread_release(&r);
	fclose(in);
	for (i = 0; i < d.nheader; i++)
		mem_free(d.header[i]);
	mem_free(d.header);
	if (status == FOITAB_OK && diag.errors)
		status = FOITAB_DATAERR;
	return status;
}
