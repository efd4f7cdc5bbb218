/*
 * table.c - a small file of records under a header (a baseline, a
 * register) read as a table (csvread.h): in one pass, or, when it is a
 * large regular file, in parts on several threads (cuts.h), each part's
 * records going to a context of the caller's, taken in file order.
 */
#include <assert.h>
#include <string.h>

#include "csvread.h"
#include "cuts.h"
#include "exitcodes.h"
#include "mem.h"
#include "source.h"

/* Written by hand or exported: ',' or ';' is found. */
static const struct csv_format table_format = { 0, CSV_UTF8 };

/* A table's reader: its rows mapped by the header, to its records. */
struct table_reader {
	const struct csv_table *t;
	void *ctx;                   /* what its records go to */
	const char *name;
	struct diag *diag;
	int have_header;
	int at[CSVREAD_TABLE_MAX];
};

static int table_row(const struct csv_row *row, void *ctx)
{
	struct table_reader *tr = ctx;

	if (csvread_row_is_blank(row))
		return FOITAB_OK;
	if (tr->have_header)
		return tr->t->on_record(row, tr->at, tr->ctx);
	tr->have_header = 1;
	return csvread_map_header(row, tr->t->columns, tr->t->ncolumns, tr->at,
				  tr->name, 0, tr->diag);
}

/* Begin a reader of `t` whose records go to `ctx`. */
static void table_begin(struct table_reader *tr, const struct csv_table *t,
			void *ctx, const char *name, struct diag *diag)
{
	assert(t->ncolumns <= CSVREAD_TABLE_MAX);
	memset(tr, 0, sizeof *tr);
	tr->t = t;
	tr->ctx = ctx;
	tr->name = name;
	tr->diag = diag;
}

/* A file read with no header at all is an empty one. */
static int table_end(const struct table_reader *tr, int status)
{
	if (status == FOITAB_OK && !tr->have_header)
		diag_error(tr->diag, tr->name, 0, "the %s file is empty",
			   tr->t->what);
	return status;
}

int csvread_table(const struct csv_table *t, const struct csv_source *src,
		  const char *name, struct diag *diag)
{
	struct table_reader tr;

	table_begin(&tr, t, t->ctx, name, diag);
	return table_end(&tr, csvread_all(src, name, &table_format, diag,
					  table_row, &tr));
}

/* One reader of a table read in parts: the first's, or a part's. */
struct table_part {
	struct csvread csv;
	struct table_reader tr;
	struct diag diag;            /* a part's: counts only */
	int began;                   /* csv needs releasing */
};

/* A table read in parts, for cuts.c's calls. */
struct table_run {
	const struct csv_table *t;
	const struct csv_table_parts *parts;
	struct table_part first;
	struct table_part *part[CUTS_MAX_PARTS];
};

static int feed(void *reader, const void *bytes, size_t len)
{
	return csvread_feed(&((struct table_part *)reader)->csv, bytes, len);
}

static int finish(void *reader)
{
	return csvread_finish(&((struct table_part *)reader)->csv);
}

static int at_row_start(const void *reader)
{
	return csvread_at_row_start(&((const struct table_part *)reader)->csv);
}

static int has_header(const void *reader)
{
	return ((const struct table_part *)reader)->tr.have_header;
}

/* Part `k` reads on under the first reader's header, to a new context. */
static int open_part(void *ctx, unsigned k, off_t bytes,
		     struct cuts_reader *reader)
{
	struct table_run *run = ctx;
	struct table_part *p = mem_calloc(1, sizeof *p);
	void *records;

	(void)bytes;
	run->part[k] = p;
	if (!p)
		return -1;
	diag_init(&p->diag, NULL);
	records = run->parts->open_part(run->t->ctx, &p->diag);
	table_begin(&p->tr, run->t, records, run->first.tr.name, &p->diag);
	if (!records)
		return -1;
	p->began = 1;
	if (csvread_init(&p->csv, p->tr.name, &table_format, &p->diag,
			 table_row, &p->tr) != FOITAB_OK)
		return -1;
	p->tr.have_header = 1;
	memcpy(p->tr.at, run->first.tr.at, sizeof p->tr.at);
	csvread_follow(&p->csv, &run->first.csv);
	reader->reader = p;
	reader->feed = feed;
	reader->finish = finish;
	reader->at_row_start = at_row_start;
	reader->diag = &p->diag;
	return 0;
}

static int take_part(void *ctx, unsigned k)
{
	struct table_run *run = ctx;
	struct table_part *p = run->part[k];
	int status = run->parts->merge(run->t->ctx, p->tr.ctx,
				       csvread_lines(&run->first.csv));

	if (status == FOITAB_OK)
		csvread_add_lines(&run->first.csv, csvread_lines(&p->csv));
	return status;
}

static void close_part(void *ctx, unsigned k)
{
	struct table_run *run = ctx;
	struct table_part *p = run->part[k];

	if (!p)
		return;
	if (p->began)
		csvread_release(&p->csv);
	if (p->tr.ctx)
		run->parts->close_part(p->tr.ctx);
	mem_free(p);
	run->part[k] = NULL;
}

int csvread_table_parts(const struct csv_table *t, FILE *in, const char *name,
			struct diag *diag, const struct csv_table_parts *parts)
{
	long min_part = parts->min_part > 0 ? parts->min_part
					     : CSVREAD_MIN_PART;
	struct cuts_jobs jobs = { parts->jobs, (off_t)min_part, open_part,
				  take_part, close_part, NULL };
	struct cuts_reader first = { NULL, feed, finish, at_row_start, NULL };
	struct csv_source src = { in, NULL, 0 };
	struct table_run *run;
	struct stat st;
	int fd = fileno(in), status;
	char *buf;

	if (source_reader(in, parts->jobs, min_part) != SOURCE_CSV_PARTS ||
	    fstat(fd, &st) != 0)
		return csvread_table(t, &src, name, diag);
	run = mem_calloc(1, sizeof *run);
	buf = mem_realloc(NULL, CUTS_BLOCK);
	if (!run || !buf) {
		mem_free(run);
		mem_free(buf);
		return FOITAB_OSERR;
	}
	run->t = t;
	run->parts = parts;
	jobs.ctx = run;
	first.reader = &run->first;
	table_begin(&run->first.tr, t, t->ctx, name, diag);
	status = csvread_init(&run->first.csv, name, &table_format, diag,
			      table_row, &run->first.tr);
	if (status == FOITAB_OK)
		status = cuts_read(fd, st.st_size, &first, has_header, &jobs,
				   buf, name, diag);
	if (status == FOITAB_OK)
		status = csvread_finish(&run->first.csv);
	status = table_end(&run->first.tr, status);
	csvread_release(&run->first.csv);
	mem_free(buf);
	mem_free(run);
	if (status != FOITAB_OSERR && status != FOITAB_NOINPUT &&
	    cuts_changed(fd, &st))
		status = cuts_say_changed(diag, name);
	return status;
}
