/*
 * collect.c - where checked responses go: the register check, the tally,
 * the roster and the --by groups, whether a row is read on this thread or
 * in a part of the file read on another (split.h), whose collections are
 * merged in file order.  See collect.h.
 *
 * It does not read files or print: the loader gives it rows, the reporter
 * prints what it collected.
 */
#include <string.h>

#include "collect.h"
#include "source.h"
#include "exitcodes.h"
#include "mem.h"

/* A part's own collector, and what it collects into. */
struct part_collector {
	struct collector collector;
	struct tally tally;
	struct roster roster;
	struct grouping grouping;
	struct registry registry;    /* the run's, with matches of its own */
};

/*
 * The --by group of `r`: its name, how it sorts, and whether it is a
 * placeholder (no value, or no register entry) rather than a value;
 * NULL: no memory.
 */
static const char *group_of(struct collector *c, const struct response *r,
			    long *order, int *placeholder)
{
	const struct collect_by *by = c->by;
	const struct rules_column *col;
	const struct registry_entry *e;
	unsigned v;

	*placeholder = 0;
	if (by->column < 0) {
		const char *fields[4];

		if (registry_find(c->registry, r->code, r->body, &c->scratch,
				  &e) < 0)
			return NULL;
		*order = e ? 0 : 1;
		*placeholder = !e;
		if (!e)
			return "(not in the register)";
		fields[0] = registry_text(c->registry, e->name);
		fields[1] = registry_text(c->registry, e->ons_code);
		fields[2] = registry_text(c->registry, e->ods_code);
		fields[3] = registry_text(c->registry, e->region);
		*order = *fields[by->field] ? 0 : 1;
		*placeholder = !*fields[by->field];
		return *fields[by->field] ? fields[by->field]
						 : "(empty)";
	}
	col = &c->rules->columns[by->column];
	if (col->type == COLUMN_TEXT) {
		*order = *r->text[by->column] ? 0 : 1;
		*placeholder = !*r->text[by->column];
		return *r->text[by->column] ? r->text[by->column]
						: "(empty)";
	}
	for (v = 0; v < col->nvalues; v++)
		if (bitset_has(&r->bits[by->column], v)) {
			*order = (long)v;
			return col->values[v];
		}
	*order = (long)col->nvalues;
	*placeholder = 1;
	return "(empty)";
}

int collect_response(const struct response *r, void *ctx)
{
	struct collector *c = ctx;
	unsigned long errors = c->diag->errors;

	if (c->registry &&
	    registry_note(c->registry, r, c->file, c->diag) != FOITAB_OK)
		return FOITAB_OSERR;
	if (c->diag->errors != errors)
		c->register_errors++;
	if (tally_add(c->tally, r) < 0)
		return FOITAB_OSERR;
	if (c->roster && roster_add(c->roster, c->tally, r) < 0)
		return FOITAB_OSERR;
	if (c->grouping) {
		long order;
		int placeholder, added = -1;
		const char *name = group_of(c, r, &order, &placeholder);

		if (name)
			added = grouping_add(c->grouping, name, placeholder,
					     order, c->rules, r);
		if (added == -2) {
			diag_error(c->diag, c->file, r->line, "--by %s: more "
				   "than %d groups; --by is for a column with few "
				   "values, such as a region, and this one has "
				   "nearly one a row", c->by->name,
				   GROUPING_MAX);
			return FOITAB_DATAERR;
		}
		if (added < 0)
			return FOITAB_OSERR;
	}
	return FOITAB_OK;
}

/* The loader's hint (ctx: a struct collector): the code's register slot. */
static void code_ahead(const char *code, void *ctx)
{
	const struct collector *c = ctx;

	registry_prefetch(c->registry, code);
}

static void close_part(void *ctx)
{
	struct part_collector *p = ctx;

	roster_free(&p->roster);
	tally_free(&p->tally);
	grouping_free(&p->grouping);
	registry_free(&p->registry);
	strbuf_release(&p->collector.scratch);
	mem_free(p);
}

/* A collector like the run's `ctx`, for a part read on another thread. */
static void *open_part(void *ctx, struct diag *diag)
{
	const struct collector *c = ctx;
	struct part_collector *p = mem_calloc(1, sizeof *p);

	if (!p)
		return NULL;
	tally_init(&p->tally, c->tally->rules);
	registry_init(&p->registry);
	p->collector.rules = c->rules;
	p->collector.file = c->file;
	p->collector.by = c->by;
	p->collector.diag = diag;
	p->collector.tally = &p->tally;
	p->collector.roster = c->roster ? &p->roster : NULL;
	if (c->roster)
		p->roster.keep_values = c->roster->keep_values;
	p->collector.grouping = c->grouping ? &p->grouping : NULL;
	if (c->registry) {
		if (registry_fork(&p->registry, c->registry) < 0) {
			close_part(p);
			return NULL;
		}
		p->collector.registry = &p->registry;
	}
	return p;
}

/* A part read cleanly: add what it collected to the run's, in order. */
static int merge_part(void *ctx, void *part, unsigned long lines_before)
{
	struct collector *c = ctx;
	struct part_collector *p = part;
	size_t i;

	/* A figure's line counts from the part's start. */
	for (i = 0; i < p->tally.nfigures; i++)
		if (p->tally.figures[i].overflow_line)
			p->tally.figures[i].overflow_line += lines_before;
	if (c->registry && !registry_can_merge(c->registry, &p->registry))
		return SPLIT_REFUSED;
	if (c->grouping && c->grouping->n + p->grouping.n > GROUPING_MAX)
		return SPLIT_REFUSED;  /* read again in order: the error's line */
	if ((c->roster && roster_append(c->roster, &p->roster,
					lines_before) < 0) ||
	    (c->grouping && grouping_merge(c->grouping, &p->grouping) < 0))
		return FOITAB_OSERR;
	if (tally_merge(c->tally, &p->tally) < 0)
		return FOITAB_OSERR;
	if (c->registry)
		registry_merge(c->registry, &p->registry, lines_before);
	return FOITAB_OK;
}

/* A workbook's rows on their way to the loader. */
struct workbook_feed {
	struct collector *c;
	struct loader *l;
	struct workbook_request *req;
	struct strbuf name;      /* "survey.xlsx:Coded", for messages */
};

static int fits(const struct csv_row *header, void *ctx)
{
	struct workbook_feed *f = ctx;

	return loader_header_fits(f->l, header);
}

static int feed_row(const struct csv_row *row, void *ctx)
{
	struct workbook_feed *f = ctx;

	if (!f->name.len) {
		/* The sheet is chosen: messages name it from here on. */
		if (strbuf_add(&f->name, f->c->file, strlen(f->c->file)) < 0 ||
		    strbuf_addch(&f->name, ':') < 0 ||
		    strbuf_add(&f->name, f->req->sheet_read,
			       strlen(f->req->sheet_read)) < 0)
			return FOITAB_OSERR;
		f->l->name = f->name.buf;
		f->c->file = f->name.buf;
	}
	return loader_feed_row(f->l, row);
}

static int feed_merge(unsigned long first_row, size_t first_col,
		      unsigned long last_row, size_t last_col, void *ctx)
{
	struct workbook_feed *f = ctx;

	return loader_merged(f->l, first_row, first_col, last_row, last_col);
}

/*
 * A part of a large sheet read on another thread (workbook.h): a loader
 * following the run's, and a collector of its own, as split.h's parts.
 */
struct sheet_part {
	struct loader loader;
	void *collected;             /* a part_collector */
	struct diag diag;            /* counts only */
};

static void close_sheet_part(void *part)
{
	struct sheet_part *p = part;

	loader_release(&p->loader);
	if (p->collected)
		close_part(p->collected);
	mem_free(p);
}

static void *open_sheet_part(void *ctx)
{
	static const struct csv_format format = CSV_FORMAT_DEFAULT;
	const struct workbook_feed *f = ctx;
	struct sheet_part *p = mem_calloc(1, sizeof *p);

	if (!p)
		return NULL;
	diag_init(&p->diag, NULL);
	p->collected = open_part(f->c, &p->diag);
	if (!p->collected ||
	    loader_begin(&p->loader, f->c->file, &format, f->c->rules,
			 &p->diag, collect_response, p->collected) != FOITAB_OK) {
		close_sheet_part(p);
		return NULL;
	}
	loader_follow(&p->loader, f->l);
	return p;
}

/* A part's row, on its thread; anything reported spoils the part. */
static int sheet_part_row(const struct csv_row *row, void *part)
{
	struct sheet_part *p = part;
	int status = loader_feed_row(&p->loader, row);

	if (status == FOITAB_OK && (p->diag.errors || p->diag.warnings))
		status = FOITAB_DATAERR;
	return status;
}

static int sheet_ready(void *ctx)
{
	const struct workbook_feed *f = ctx;

	return loader_has_header(f->l);
}

/* A part that read cleanly, taken in sheet order as a file's parts are,
 * its rows' numbers counted after `rows_before` (workbook.h). */
static int take_sheet_part(void *ctx, void *part, unsigned long rows_before)
{
	struct workbook_feed *f = ctx;
	struct sheet_part *p = part;
	int status = split_take_after(f->l, &p->loader, rows_before,
				      merge_part, f->c, p->collected);

	return status == SPLIT_REFUSED ? WORKBOOK_REFUSED : status;
}

/*
 * Read the workbook `in` through the loader, a large sheet on up to
 * `jobs` threads.  The file's own name stays the collector's for what is
 * said after the last row.
 */
static int collect_workbook(struct collector *c, struct loader *l, FILE *in,
			    const char *sheet, unsigned jobs)
{
	static const struct csv_format format = CSV_FORMAT_DEFAULT;
	struct workbook_request req;
	struct workbook_parts parts;
	struct workbook_feed f;
	const char *file = c->file;
	int status;

	memset(&req, 0, sizeof req);
	memset(&parts, 0, sizeof parts);
	memset(&f, 0, sizeof f);
	f.c = c;
	f.l = l;
	f.req = &req;
	req.sheet = sheet;
	req.fits = fits;
	req.fits_ctx = &f;
	req.on_row = feed_row;
	req.on_merge = feed_merge;
	req.ctx = &f;
	parts.jobs = jobs;
	parts.ready = sheet_ready;
	parts.open_part = open_sheet_part;
	parts.part_row = sheet_part_row;
	parts.take = take_sheet_part;
	parts.close_part = close_sheet_part;
	parts.ctx = &f;
	req.parts = &parts;
	status = loader_begin(l, file, &format, c->rules, c->diag,
			      collect_response, c);
	loader_set_ahead(l, c->registry ? code_ahead : NULL);
	if (status == FOITAB_OK)
		status = workbook_read(in, file, &req, c->diag);
	status = loader_end_with(l, status);
	/* Messages after the read name the file; the sheet name dies here. */
	l->name = file;
	c->file = file;
	mem_free(req.sheet_read);
	strbuf_release(&f.name);
	return status;
}

int collect_read(struct collector *c, struct loader *l, FILE *in,
		 const struct csv_format *format, unsigned jobs,
		 const char *sheet)
{
	struct split_jobs split;

	jobs = jobs ? jobs : split_default_jobs();
	if (source_reader(in, jobs, SPLIT_MIN_PART) == SOURCE_WORKBOOK)
		return collect_workbook(c, l, in, sheet, jobs);
	/* CSV: split_read() reads it in parts or in one pass, as
	 * source_reader() says. */

	split.jobs = jobs;
	split.min_part = 0;
	split.open_part = open_part;
	split.on_response = collect_response;
	split.merge = merge_part;
	split.close_part = close_part;
	split.ahead = c->registry ? code_ahead : NULL;
	return split_read(l, in, c->file, format, c->rules, c->diag,
			  collect_response, c, &split);
}
