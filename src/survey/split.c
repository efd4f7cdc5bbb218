/*
 * split.c - one large file read in parts on several threads; see split.h.
 *
 * Where to cut: a line break ends a record unless it stands inside a
 * quoted cell, and it stands inside one exactly when an odd number of
 * quote characters come before it in the file (an escaped quote is two).
 * So the file is scanned once up to the last cut, counting quotes, and
 * each cut is put just after the first line break past its share of the
 * file with an even count before it.  That holds for every file libcsv
 * reads without error in strict mode; for any other, the part before the
 * cut does not end between records, which is checked, and the file is
 * read on from there in one pass.  A wrong cut can cost time, never a
 * wrong result.
 *
 * Every thread reads its own bytes with pread(), into a buffer of its own;
 * the loaders share only the rules, which nothing writes, and each part's
 * responses go to a context of its own that the caller makes.  This file
 * does not look at cells: the loaders do.
 */
#include <errno.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcodes.h"
#include "mem.h"
#include "pool.h"
#include "source.h"
#include "split.h"

#define SPLIT_BLOCK ((size_t)256 * 1024)   /* bytes read at a time */

/* One part of the file, read on a thread of the pool. */
struct part {
	int fd;
	off_t from, to;              /* its bytes; to < 0: to the end */
	struct loader loader;
	void *ctx;                   /* the caller's context for the part */
	struct diag diag;            /* counts only: a part shows nothing */
	atomic_int *stop;            /* set: the part is not wanted */
	char *buf;
	int clean;                   /* read to its end, reporting nothing */
};

/* The bytes a part needs to be worth a thread. */
static off_t smallest_part(const struct split_jobs *jobs)
{
	return jobs->min_part > 0 ? (off_t)jobs->min_part
				  : (off_t)SPLIT_MIN_PART;
}

/* pread() all of `len` bytes at `at` that there are; -1 on an error. */
static ssize_t read_at(int fd, char *buf, size_t len, off_t at)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = pread(fd, buf + got, len - got, at + (off_t)got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* A part's job: feed its bytes; `clean` says whether all went well. */
static void read_part(void *job)
{
	struct part *p = job;
	off_t at = p->from;

	while (p->to < 0 || at < p->to) {
		size_t want = SPLIT_BLOCK;
		ssize_t n;

		if (atomic_load_explicit(p->stop, memory_order_relaxed))
			return;
		if (p->to >= 0 && (off_t)want > p->to - at)
			want = (size_t)(p->to - at);
		n = read_at(p->fd, p->buf, want, at);
		if (n < 0 || (n == 0 && p->to >= 0))
			return;   /* read again in order, and reported */
		if (n == 0)
			break;
		if (loader_feed(&p->loader, p->buf, (size_t)n) != FOITAB_OK ||
		    p->diag.errors || p->diag.warnings)
			return;
		at += n;
	}
	if (p->to < 0)
		p->clean = loader_finish_part(&p->loader) == FOITAB_OK &&
			   !p->diag.errors && !p->diag.warnings;
	else
		p->clean = loader_at_row_start(&p->loader);
}

/*
 * The number of quote characters in `p`.  Sixteen byte-wide counters,
 * emptied before they can overflow, make a loop that compilers turn into
 * vector instructions: a few milliseconds for a 100 MB file.
 */
static unsigned long quotes_in(const char *p, size_t len)
{
	unsigned long total = 0;

	while (len > 0) {
		size_t run = len < 255 * 16 ? len : 255 * 16, i, j;
		unsigned char lane[16] = { 0 };

		for (i = 0; i + 16 <= run; i += 16)
			for (j = 0; j < 16; j++)
				lane[j] += p[i + j] == '"';
		for (j = 0; j < 16; j++)
			total += lane[j];
		for (; i < run; i++)
			total += p[i] == '"';
		p += run;
		len -= run;
	}
	return total;
}

/* Add the quotes in [from, to) to *quotes; -1 on a read error. */
static int count_quotes(int fd, off_t from, off_t to, char *buf,
			unsigned long *quotes)
{
	while (from < to) {
		size_t want = (off_t)SPLIT_BLOCK < to - from ? SPLIT_BLOCK
							    : (size_t)(to - from);
		ssize_t n = read_at(fd, buf, want, from);

		if (n <= 0)
			return -1;
		*quotes += quotes_in(buf, (size_t)n);
		from += n;
	}
	return 0;
}

/*
 * The first record boundary at or after `from` and before `limit`: just
 * past a line break with an even number of quotes before it (*quotes
 * counts those before `from`, and is carried on).  Returns the boundary,
 * or -1 when there is none (or a read error).
 */
static off_t find_cut(int fd, off_t from, off_t limit, char *buf,
		      unsigned long *quotes)
{
	while (from < limit) {
		size_t want = (off_t)SPLIT_BLOCK < limit - from ? SPLIT_BLOCK
							       : (size_t)(limit - from);
		ssize_t n = read_at(fd, buf, want, from), i;

		if (n <= 0)
			return -1;
		for (i = 0; i < n; i++) {
			if (buf[i] == '"')
				++*quotes;
			else if (buf[i] == '\n' && *quotes % 2 == 0)
				return from + i + 1;
		}
		from += n;
	}
	return -1;
}

/*
 * Where parts 1.. begin: cuts[0] = `start`, then up to `jobs - 1` cuts
 * past it, each leaving at least `min_part` bytes on either side.
 * Returns the number of parts (1: do not split).
 */
static unsigned plan_cuts(int fd, off_t start, off_t size, unsigned jobs,
			  off_t min_part, char *buf, off_t *cuts)
{
	unsigned long quotes = 0;
	off_t counted = 0;
	unsigned parts = 1, k, want;

	if (size - start < 2 * min_part)
		return 1;
	want = (unsigned)((size - start) / min_part);
	if (want > jobs)
		want = jobs;
	cuts[0] = start;
	for (k = 1; k < want; k++) {
		off_t target = start + (size - start) / want * k, cut;

		if (target < counted)
			continue;
		if (count_quotes(fd, counted, target, buf, &quotes) < 0)
			return 1;
		cut = find_cut(fd, target, size - min_part, buf, &quotes);
		if (cut < 0)
			break;
		counted = cut;
		if (cut - cuts[parts - 1] >= min_part)
			cuts[parts++] = cut;
	}
	return parts;
}

/* Report a file that changed under the reader (FOITAB_NOINPUT). */
static int changed(struct diag *diag, const char *name)
{
	diag_error(diag, name, 0, "the file changed while it was read (is it "
		   "still being saved?); run again once it is complete");
	return FOITAB_NOINPUT;
}

/*
 * Feed `l` the bytes from `at` to `to` (to < 0: the end of the file); the
 * file ending before `to` is reported as a change.
 * Returns FOITAB_OK, the loader's stop status, or FOITAB_NOINPUT after
 * reporting a read error.
 */
static int read_on(struct loader *l, int fd, off_t at, off_t to, char *buf,
		   const char *name, struct diag *diag)
{
	while (to < 0 || at < to) {
		size_t want = SPLIT_BLOCK;
		ssize_t n;
		int status;

		if (to >= 0 && (off_t)want > to - at)
			want = (size_t)(to - at);
		n = read_at(fd, buf, want, at);
		if (n < 0) {
			diag_error(diag, name, 0, "cannot read: %s",
				   strerror(errno));
			return FOITAB_NOINPUT;
		}
		if (n == 0 && to >= 0)
			return changed(diag, name);
		if (n == 0)
			break;
		status = loader_feed(l, buf, (size_t)n);
		if (status != FOITAB_OK)
			return status;
		at += n;
	}
	return FOITAB_OK;
}

/* Has the file changed since `before` was taken?  Same size and time. */
static int has_changed(int fd, const struct stat *before)
{
	struct stat now;

	return fstat(fd, &now) != 0 || now.st_size != before->st_size ||
	       now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != before->st_mtim.tv_nsec;
}

/* Feed `l` the rest of a file from `at`; see read_on(). */
static int read_rest(struct loader *l, int fd, off_t at, char *buf,
		     const char *name, struct diag *diag)
{
	return read_on(l, fd, at, -1, buf, name, diag);
}

/* Stop the parts not taken and wait for them; release all of them. */
static void end_parts(struct part *parts, unsigned n, struct pool *pool,
		      atomic_int *stop, const struct split_jobs *jobs)
{
	unsigned k;

	atomic_store(stop, 1);
	pool_stop(pool);
	for (k = 1; k < n; k++) {
		loader_release(&parts[k].loader);
		mem_free(parts[k].buf);
		if (parts[k].ctx)
			jobs->close_part(parts[k].ctx);
	}
}

/*
 * Make ready a part (bytes `from` to `to`; to < 0: to the end) following
 * `l`, with a context of its own opened from `ctx`.  Returns 0, or -1
 * when it cannot be (its bytes are then read in order).
 */
static int start_part(struct part *p, const struct loader *l, int fd,
		      off_t from, off_t to, const char *name,
		      const struct csv_format *format, const struct rules *rules,
		      const struct split_jobs *jobs, void *ctx, atomic_int *stop)
{
	memset(p, 0, sizeof *p);
	p->fd = fd;
	p->from = from;
	p->to = to;
	p->stop = stop;
	diag_init(&p->diag, NULL);
	p->ctx = jobs->open_part(ctx, &p->diag);
	if (!p->ctx || loader_begin(&p->loader, name, format, rules, &p->diag,
				    jobs->on_response, p->ctx) != FOITAB_OK)
		return -1;
	loader_follow(&p->loader, l);
	p->buf = mem_realloc(NULL, SPLIT_BLOCK);
	return p->buf ? 0 : -1;
}

/* Read the parts after the first; see split.h. */
static int read_parts(struct loader *l, int fd, off_t size, off_t start,
		      char *buf, const char *name,
		      const struct csv_format *format,
		      const struct rules *rules, struct diag *diag, void *ctx,
		      const struct split_jobs *jobs)
{
	struct part parts[SPLIT_MAX_JOBS];
	off_t cuts[SPLIT_MAX_JOBS];
	struct pool pool;
	atomic_int stop;
	unsigned n, k, started;
	int status;

	n = plan_cuts(fd, start, size, jobs->jobs, smallest_part(jobs), buf, cuts);
	if (n < 2)
		return read_rest(l, fd, start, buf, name, diag);
	atomic_init(&stop, 0);
	memset(parts, 0, sizeof parts);
	for (started = 1; started < n; started++)
		if (start_part(&parts[started], l, fd, cuts[started],
			       started + 1 < n ? cuts[started + 1] : -1, name,
			       format, rules, jobs, ctx, &stop) < 0)
			break;
	/* A thread a part; with none, every part is read in order. */
	if (started > 1 && pool_start(&pool, started - 1, started - 1,
				      read_part) < 0)
		started = 1;
	if (started == 1)
		memset(&pool, 0, sizeof pool);
	for (k = 1; k < started; k++)
		pool_send(&pool, &parts[k]);
	status = read_on(l, fd, start, cuts[1], buf, name, diag);
	/* Take the parts in order while each reads as one pass would. */
	for (k = 1; k < started && status == FOITAB_OK; k++) {
		if (k == 1 && !loader_at_row_start(l))
			break;
		pool_take(&pool);
		if (!parts[k].clean)
			break;
		status = split_take(l, &parts[k].loader, jobs->merge, ctx,
				    parts[k].ctx);
		if (status == SPLIT_REFUSED) {
			status = FOITAB_OK;
			break;
		}
	}
	end_parts(parts, n, &pool, &stop, jobs);
	if (status != FOITAB_OK)
		return status;
	/* Part k, if any, was not taken: read on from its start. */
	return k < n ? read_rest(l, fd, cuts[k], buf, name, diag) : FOITAB_OK;
}

int split_read(struct loader *l, FILE *in, const char *name,
	       const struct csv_format *format, const struct rules *rules,
	       struct diag *diag, loader_response_fn on_response, void *ctx,
	       const struct split_jobs *jobs)
{
	struct stat st;
	int fd = fileno(in), status, regular;
	off_t at = 0;
	size_t first;
	char *buf;
	ssize_t n;

	/* The file as it was before reading, to notice a change. */
	regular = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (source_reader(in, jobs->jobs, (long)smallest_part(jobs)) !=
	    SOURCE_CSV_PARTS) {
		status = loader_read(l, in, name, format, rules, diag,
				     on_response, ctx);
		/* A file that changed as it was read is no file to count. */
		if (regular && status != FOITAB_OSERR && has_changed(fd, &st))
			status = changed(diag, name);
		return status;
	}
	status = loader_begin(l, name, format, rules, diag, on_response, ctx);
	if (status != FOITAB_OK)
		return status;
	buf = mem_realloc(NULL, SPLIT_BLOCK);
	if (!buf)
		return FOITAB_OSERR;
	/* The first blocks, up to the header, which the parts need. */
	first = (off_t)SPLIT_BLOCK < smallest_part(jobs) ? SPLIT_BLOCK
			: (size_t)smallest_part(jobs);
	do {
		n = read_at(fd, buf, first, at);
		if (n < 0) {
			diag_error(diag, name, 0, "cannot read: %s",
				   strerror(errno));
			status = FOITAB_NOINPUT;
		} else {
			status = loader_feed(l, buf, (size_t)n);
			at += n;
		}
	} while (n > 0 && status == FOITAB_OK && !loader_has_header(l));
	if (status == FOITAB_OK && n > 0)
		status = read_parts(l, fd, st.st_size, at, buf, name, format,
				    rules, diag, ctx, jobs);
	mem_free(buf);
	status = loader_end_with(l, status);
	if (status != FOITAB_OSERR && status != FOITAB_NOINPUT &&
	    has_changed(fd, &st))
		status = changed(diag, name);
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
