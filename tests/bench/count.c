/*
 * count.c - the floor for foitab's design: read a CSV file through libcsv
 * with the same block sizes and options foitab uses, and only count its
 * fields and rows.
 *
 *     count FILE
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

struct counts {
	unsigned long fields, rows;
};

static void field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct counts *)data)->fields++;
}

static void row(int c, void *data)
{
	(void)c;
	((struct counts *)data)->rows++;
}

int main(int argc, char **argv)
{
	static char block[64 * 1024];
	struct csv_parser p;
	struct counts counts = { 0, 0 };
	FILE *in;
	size_t n;

	if (argc != 2 || !(in = fopen(argv[1], "rb"))) {
		fputs("usage: count FILE\n", stderr);
		return 2;
	}
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
	csv_set_blk_size(&p, 16 * 1024);
	while ((n = fread(block, 1, sizeof block, in)) > 0)
		if (csv_parse(&p, block, n, field, row, &counts) != n) {
			fprintf(stderr, "count: %s\n", csv_strerror(csv_error(&p)));
			return 1;
		}
	csv_fini(&p, field, row, &counts);
	csv_free(&p);
	fclose(in);
	printf("%lu fields, %lu rows\n", counts.fields, counts.rows);
	return 0;
}
