/*
 * cuts.c - a large CSV file read in parts on several threads (cuts.h).
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
 * what each part's reader does with them is the caller's.
 */
#include <errno.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "cuts.h"
#include "exitcodes.h"
#include "mem.h"
#include "pool.h"

/* One part of the file, read on a thread of the pool. */
struct part {
	int fd;
	off_t from, to;              /* its bytes; to < 0: to the end */
	struct cuts_reader reader;
	atomic_int *stop;            /* set: the part is not wanted */
	char *buf;
	int opened;                  /* open_part() was called for it */
	int clean;                   /* read to its end, saying nothing */
};

ssize_t cuts_read_at(int fd, char *buf, size_t len, off_t at)
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
		size_t want = (off_t)CUTS_BLOCK < to - from ? CUTS_BLOCK
							    : (size_t)(to - from);
		ssize_t n = cuts_read_at(fd, buf, want, from);

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
		size_t want = (off_t)CUTS_BLOCK < limit - from ? CUTS_BLOCK
							       : (size_t)(limit - from);
		ssize_t n = cuts_read_at(fd, buf, want, from), i;

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

/* Has a part's reader said anything? */
static int said(const struct cuts_reader *r)
{
	return r->diag && (r->diag->errors || r->diag->warnings);
}

/* A part's job: feed its bytes; `clean` says whether all went well. */
static void read_part(void *job)
{
	struct part *p = job;
	off_t at = p->from;

	while (p->to < 0 || at < p->to) {
		size_t want = CUTS_BLOCK;
		ssize_t n;

		if (atomic_load_explicit(p->stop, memory_order_relaxed))
			return;
		if (p->to >= 0 && (off_t)want > p->to - at)
			want = (size_t)(p->to - at);
		n = cuts_read_at(p->fd, p->buf, want, at);
		if (n < 0 || (n == 0 && p->to >= 0))
			return;   /* read again in order, and reported */
		if (n == 0)
			break;
		if (p->reader.feed(p->reader.reader, p->buf, (size_t)n) !=
		    FOITAB_OK || said(&p->reader))
			return;
		at += n;
	}
	if (p->to < 0)
		p->clean = p->reader.finish(p->reader.reader) == FOITAB_OK &&
			   !said(&p->reader);
	else
		p->clean = p->reader.at_row_start(p->reader.reader);
}

int cuts_say_changed(struct diag *diag, const char *name)
{
	diag_error(diag, name, 0, "the file changed while it was read (is it "
		   "still being saved?); run again once it is complete");
	return FOITAB_NOINPUT;
}

/*
 * Feed `r` the bytes from `at` to `to` (to < 0: the end of the file); the
 * file ending before `to` is reported as a change.
 * Returns FOITAB_OK, the reader's stop status, or FOITAB_NOINPUT after
 * reporting a read error.
 */
static int read_on(const struct cuts_reader *r, int fd, off_t at, off_t to,
		   char *buf, const char *name, struct diag *diag)
{
	while (to < 0 || at < to) {
		size_t want = CUTS_BLOCK;
		ssize_t n;
		int status;

		if (to >= 0 && (off_t)want > to - at)
			want = (size_t)(to - at);
		n = cuts_read_at(fd, buf, want, at);
		if (n < 0) {
			diag_error(diag, name, 0, "cannot read: %s",
				   strerror(errno));
			return FOITAB_NOINPUT;
		}
		if (n == 0 && to >= 0)
			return cuts_say_changed(diag, name);
		if (n == 0)
			break;
		status = r->feed(r->reader, buf, (size_t)n);
		if (status != FOITAB_OK)
			return status;
		at += n;
	}
	return FOITAB_OK;
}

int cuts_changed(int fd, const struct stat *before)
{
	struct stat now;

	return fstat(fd, &now) != 0 || now.st_size != before->st_size ||
	       now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != before->st_mtim.tv_nsec;
}

/* Stop the parts not taken and wait for them; close every part opened. */
static void end_parts(struct part *parts, unsigned n, struct pool *pool,
		      atomic_int *stop, const struct cuts_jobs *jobs)
{
	unsigned k;

	atomic_store(stop, 1);
	pool_stop(pool);
	for (k = 1; k < n; k++) {
		mem_free(parts[k].buf);
		if (parts[k].opened)
			jobs->close_part(jobs->ctx, k);
	}
}

/*
 * Make ready part `k` (bytes `from` to `to`; to < 0: to the end, `size`).
 * Returns 0, or -1 when it cannot be (its bytes are then read in order).
 */
static int start_part(struct part *p, unsigned k, int fd, off_t from,
		      off_t to, off_t size, const struct cuts_jobs *jobs,
		      atomic_int *stop)
{
	memset(p, 0, sizeof *p);
	p->fd = fd;
	p->from = from;
	p->to = to;
	p->stop = stop;
	p->opened = 1;
	if (jobs->open_part(jobs->ctx, k, (to < 0 ? size : to) - from,
			    &p->reader) < 0)
		return -1;
	p->buf = mem_realloc(NULL, CUTS_BLOCK);
	return p->buf ? 0 : -1;
}

/* Read on from `start`, where `first` has read the header; see cuts.h. */
static int read_parts(int fd, off_t start, off_t size,
		      const struct cuts_reader *first,
		      const struct cuts_jobs *jobs, char *buf, const char *name,
		      struct diag *diag)
{
	struct part parts[CUTS_MAX_PARTS];
	off_t cuts[CUTS_MAX_PARTS];
	struct pool pool;
	atomic_int stop;
	unsigned n, k, started;
	int status;

	n = plan_cuts(fd, start, size, jobs->jobs > CUTS_MAX_PARTS ?
		      CUTS_MAX_PARTS : jobs->jobs, jobs->min_part, buf, cuts);
	if (n < 2)
		return read_on(first, fd, start, -1, buf, name, diag);
	atomic_init(&stop, 0);
	memset(parts, 0, sizeof parts);
	for (started = 1; started < n; started++)
		if (start_part(&parts[started], started, fd, cuts[started],
			       started + 1 < n ? cuts[started + 1] : -1, size,
			       jobs, &stop) < 0)
			break;
	/* A thread a part; with none, every part is read in order. */
	if (started > 1 && pool_start(&pool, started - 1, started - 1,
				      read_part) < 0)
		started = 1;
	if (started == 1)
		memset(&pool, 0, sizeof pool);
	for (k = 1; k < started; k++)
		pool_send(&pool, &parts[k]);
	status = read_on(first, fd, start, cuts[1], buf, name, diag);
	/* Take the parts in order while each reads as one pass would. */
	for (k = 1; k < started && status == FOITAB_OK; k++) {
		if (k == 1 && !first->at_row_start(first->reader))
			break;
		pool_take(&pool);
		if (!parts[k].clean)
			break;
		status = jobs->take(jobs->ctx, k);
		if (status == CUTS_REFUSED) {
			status = FOITAB_OK;
			break;
		}
	}
	end_parts(parts, n, &pool, &stop, jobs);
	if (status != FOITAB_OK)
		return status;
	/* Part k, if any, was not taken: read on from its start. */
	return k < n ? read_on(first, fd, cuts[k], -1, buf, name, diag)
		     : FOITAB_OK;
}

int cuts_read(int fd, off_t size, const struct cuts_reader *first,
	      int (*ready)(const void *reader), const struct cuts_jobs *jobs,
	      char *buf, const char *name, struct diag *diag)
{
	size_t head = (off_t)CUTS_BLOCK < jobs->min_part ? CUTS_BLOCK
							 : (size_t)jobs->min_part;
	off_t at = 0;
	ssize_t n;
	int status;

	/* The first blocks, up to the header, which the parts need. */
	do {
		n = cuts_read_at(fd, buf, head, at);
		if (n < 0) {
			diag_error(diag, name, 0, "cannot read: %s",
				   strerror(errno));
			return FOITAB_NOINPUT;
		}
		status = first->feed(first->reader, buf, (size_t)n);
		at += n;
	} while (n > 0 && status == FOITAB_OK && !ready(first->reader));
	if (status != FOITAB_OK || n == 0)
		return status;
	return read_parts(fd, at, size, first, jobs, buf, name, diag);
}
