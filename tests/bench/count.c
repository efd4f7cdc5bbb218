/*
 * count.c - the floor for foitab's design: read a CSV file through libcsv
 * with the same block sizes and options foitab uses, and only count its
 * fields and rows.
 *
 *     count [-j N] FILE
 *
 * With -j N (N from 1 to 16) the file is cut into N parts as foitab cuts
 * it (just after a line break with an even number of quotes before it,
 * past each part's share of the bytes) and each part is read on a thread
 * of its own with pread(): the floor for foitab on N threads.
 */
#include <csv.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK (256 * 1024)
#define MAX_JOBS 16

struct part {
	int fd;
	off_t from, to;
	unsigned long fields, rows;
	int failed;
};

static void field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct part *)data)->fields++;
}

static void row(int c, void *data)
{
	(void)c;
	((struct part *)data)->rows++;
}

static void *read_part(void *arg)
{
	struct part *p = arg;
	struct csv_parser parser;
	char *block = malloc(BLOCK);
	off_t at = p->from;
	ssize_t n;

	if (!block) {
		p->failed = 1;
		return NULL;
	}
	csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
	csv_set_blk_size(&parser, 16 * 1024);
	while (at < p->to && (n = pread(p->fd, block, (size_t)(p->to - at) <
				       BLOCK ? (size_t)(p->to - at) : BLOCK,
				       at)) > 0) {
		if (csv_parse(&parser, block, (size_t)n, field, row, p) !=
		    (size_t)n) {
			p->failed = 1;
			break;
		}
		at += n;
	}
	csv_fini(&parser, field, row, p);
	csv_free(&parser);
	free(block);
	return NULL;
}

/* Just past the first line break at or after `from` with an even count
 * of quotes before it (*quotes: those before `from`, carried on). */
static off_t cut_after(int fd, off_t counted, off_t from, off_t size,
		       unsigned long *quotes)
{
	static char buf[BLOCK];
	int looking = 0;
	ssize_t n, i;

	while (counted < size &&
	       (n = pread(fd, buf, BLOCK, counted)) > 0) {
		for (i = 0; i < n; i++) {
			if (counted + i >= from)
				looking = 1;
			if (buf[i] == '"')
				++*quotes;
			else if (looking && buf[i] == '\n' && *quotes % 2 == 0)
				return counted + i + 1;
		}
		counted += n;
	}
	return size;
}

int main(int argc, char **argv)
{
	struct part parts[MAX_JOBS];
	pthread_t threads[MAX_JOBS];
	unsigned long fields = 0, rows = 0, quotes = 0;
	int jobs = 1, k, fd;
	struct stat st;
	off_t at = 0;

	if (argc == 4 && strcmp(argv[1], "-j") == 0) {
		jobs = atoi(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc != 2 || jobs < 1 || jobs > MAX_JOBS ||
	    (fd = open(argv[1], O_RDONLY)) < 0 || fstat(fd, &st) < 0) {
		fputs("usage: count [-j N] FILE\n", stderr);
		return 2;
	}
	for (k = 0; k < jobs; k++) {
		off_t share = st.st_size / jobs * (k + 1);

		memset(&parts[k], 0, sizeof parts[k]);
		parts[k].fd = fd;
		parts[k].from = at;
		parts[k].to = k == jobs - 1 ? st.st_size :
			cut_after(fd, at, share, st.st_size, &quotes);
		at = parts[k].to;
	}
	for (k = 1; k < jobs; k++)
		if (pthread_create(&threads[k], NULL, read_part, &parts[k]) != 0)
			return 1;
	read_part(&parts[0]);
	for (k = 0; k < jobs; k++) {
		if (k > 0)
			pthread_join(threads[k], NULL);
		if (parts[k].failed) {
			fprintf(stderr, "count: part %d did not read\n", k + 1);
			return 1;
		}
		fields += parts[k].fields;
		rows += parts[k].rows;
	}
	close(fd);
	printf("%lu fields, %lu rows\n", fields, rows);
	return 0;
}
