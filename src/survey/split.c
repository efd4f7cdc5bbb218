/*
 * split.c - one large file read in parts on several threads; see split.h.
 *
 * cuts.c finds where to cut and runs the parts; here each part is a
 * loader of its own, following the loader that read the header, and a
 * context of the caller's for its responses.  The loaders share only the
 * rules, which nothing writes.  This file does not look at cells: the
 * loaders do.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "cuts.h"
#include "exitcodes.h"
#include "mem.h"
#include "source.h"
#include "split.h"

/* One part of the file: a loader and the caller's context. */
struct part {
	struct loader loader;
	void *ctx;                   /* the caller's context for the part */
	struct diag diag;            /* counts only: a part shows nothing */
};

/* The parts of one split_read(), for cuts.c's calls. */
struct parts {
	struct loader *first;
	const char *name;
	const struct csv_format *format;
	const struct rules *rules;
	const struct split_jobs *jobs;
	void *ctx;
	struct part part[CUTS_MAX_PARTS];
};

/* The bytes a part needs to be worth a thread. */
static off_t smallest_part(const struct split_jobs *jobs)
{
	return jobs->min_part > 0 ? (off_t)jobs->min_part
				  : (off_t)SPLIT_MIN_PART;
}

static int feed(void *reader, const void *bytes, size_t len)
{
	return loader_feed(reader, bytes, len);
}

static int finish(void *reader)
{
	return loader_finish_part(reader);
}

static int at_row_start(const void *reader)
{
	return loader_at_row_start(reader);
}

/* A loader as cuts.c reads through it. */
static struct cuts_reader as_reader(struct loader *l, const struct diag *diag)
{
	struct cuts_reader r = { l, feed, finish, at_row_start, diag };

	return r;
}

/*
 * Make part `k` a loader following the first, with a context of its own
 * opened from the caller's.  0, or -1 when it cannot be.
 */
static int open_part(void *ctx, unsigned k, off_t bytes,
		     struct cuts_reader *reader)
{
	struct parts *ps = ctx;
	struct part *p = &ps->part[k];

	(void)bytes;
	diag_init(&p->diag, NULL);
	p->ctx = ps->jobs->open_part(ps->ctx, &p->diag);
	if (!p->ctx || loader_begin(&p->loader, ps->name, ps->format,
				    ps->rules, &p->diag, ps->jobs->on_response,
				    p->ctx) != FOITAB_OK)
		return -1;
	loader_follow(&p->loader, ps->first);
	*reader = as_reader(&p->loader, &p->diag);
	return 0;
}

static int take_part(void *ctx, unsigned k)
{
	struct parts *ps = ctx;
	int status = split_take(ps->first, &ps->part[k].loader,
				ps->jobs->merge, ps->ctx, ps->part[k].ctx);

	return status == SPLIT_REFUSED ? CUTS_REFUSED : status;
}

static void close_part(void *ctx, unsigned k)
{
	struct parts *ps = ctx;

	loader_release(&ps->part[k].loader);
	if (ps->part[k].ctx)
		ps->jobs->close_part(ps->part[k].ctx);
}

static int has_header(const void *reader)
{
	return loader_has_header(reader);
}

int split_read(struct loader *l, FILE *in, const char *name,
	       const struct csv_format *format, const struct rules *rules,
	       struct diag *diag, loader_response_fn on_response, void *ctx,
	       const struct split_jobs *jobs)
{
	struct cuts_jobs cj = { jobs->jobs, smallest_part(jobs), open_part,
				take_part, close_part, NULL };
	struct cuts_reader first;
	struct parts *ps;
	struct stat st;
	int fd = fileno(in), status, regular;
	char *buf;

	/* The file as it was before reading, to notice a change. */
	regular = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (source_reader(in, jobs->jobs, (long)smallest_part(jobs)) !=
	    SOURCE_CSV_PARTS) {
		status = loader_begin(l, name, format, rules, diag,
				      on_response, ctx);
		loader_set_ahead(l, jobs->ahead);
		if (status == FOITAB_OK)
			status = loader_stream(l, in);
		/* A file that changed as it was read is no file to count. */
		if (regular && status != FOITAB_OSERR && cuts_changed(fd, &st))
			status = cuts_say_changed(diag, name);
		return status;
	}
	status = loader_begin(l, name, format, rules, diag, on_response, ctx);
	if (status != FOITAB_OK)
		return status;
	loader_set_ahead(l, jobs->ahead);
	buf = mem_realloc(NULL, CUTS_BLOCK);
	ps = mem_calloc(1, sizeof *ps);
	if (!buf || !ps) {
		mem_free(buf);
		mem_free(ps);
		return FOITAB_OSERR;
	}
	ps->first = l;
	ps->name = name;
	ps->format = format;
	ps->rules = rules;
	ps->jobs = jobs;
	ps->ctx = ctx;
	cj.ctx = ps;
	first = as_reader(l, NULL);
	status = cuts_read(fd, st.st_size, &first, has_header, &cj, buf, name,
			   diag);
	mem_free(buf);
	mem_free(ps);
	status = loader_end_with(l, status);
	if (status != FOITAB_OSERR && status != FOITAB_NOINPUT &&
	    cuts_changed(fd, &st))
		status = cuts_say_changed(diag, name);
	return status;
}

int split_take(struct loader *l, struct loader *part,
	       int (*merge)(void *ctx, void *part, unsigned long lines_before),
	       void *ctx, void *part_ctx)
{
	return split_take_after(l, part, loader_lines(l), merge, ctx,
				part_ctx);
}

int split_take_after(struct loader *l, struct loader *part,
		     unsigned long lines_before,
		     int (*merge)(void *ctx, void *part,
				  unsigned long lines_before),
		     void *ctx, void *part_ctx)
{
	int status;

	if (!loader_can_absorb(l, part))
		return SPLIT_REFUSED;
	status = merge(ctx, part_ctx, lines_before);
	if (status == FOITAB_OK && loader_absorb(l, part, lines_before) < 0)
		status = FOITAB_OSERR;
	return status;
}

unsigned split_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > SPLIT_MAX_JOBS ? SPLIT_MAX_JOBS : (unsigned)n;
}
