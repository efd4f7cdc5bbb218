/*
 * fuzz_split.c - libFuzzer target: any bytes, read as a survey in one pass
 * and again in parts on two to four threads, with parts as small as 16
 * bytes so that even short inputs are cut many times.  The two reads must
 * agree on every message, the status, the counts and every figure; a
 * difference aborts, and libFuzzer keeps the input.
 *
 *     make fuzz [FUZZ_SECONDS=60]
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "builtin.h"
#include "classifier.h"
#include "exitcodes.h"
#include "loader.h"
#include "split.h"

/* One read's result. */
struct outcome {
	int status;
	struct loader_counts counts;
	struct tally tally;
	char *messages;
	size_t len;
};

static int count(const struct response *r, void *ctx)
{
	tally_add(ctx, r);
	return FOITAB_OK;
}

static void *open_part(void *ctx, struct diag *diag)
{
	const struct tally *t = ctx;
	struct tally *part = malloc(sizeof *part);

	(void)diag;
	if (part)
		tally_init(part, t->rules);
	return part;
}

static void close_part(void *part)
{
	tally_free(part);
	free(part);
}

static int merge(void *ctx, void *part, unsigned long lines_before)
{
	(void)lines_before;
	tally_merge(ctx, part);
	return FOITAB_OK;
}

/* Read `fd` as a survey on `jobs` threads, in parts of `min_part` bytes. */
static void read_survey(int fd, const struct rules *rules,
			const struct csv_format *format, unsigned jobs,
			long min_part, struct outcome *out)
{
	struct split_jobs split;
	struct loader l;
	struct diag diag;
	FILE *messages, *in;

	memset(&split, 0, sizeof split);
	split.jobs = jobs;
	split.min_part = min_part;
	split.open_part = open_part;
	split.on_response = count;
	split.merge = merge;
	split.close_part = close_part;
	tally_init(&out->tally, rules);
	out->messages = NULL;
	messages = open_memstream(&out->messages, &out->len);
	if (lseek(fd, 0, SEEK_SET) != 0)
		abort();
	in = fdopen(dup(fd), "rb");
	if (!messages || !in)
		abort();
	diag_init(&diag, messages);
	out->status = split_read(&l, in, "fuzz.csv", format, rules, &diag,
				 count, &out->tally, &split);
	out->counts = l.counts;
	loader_release(&l);
	fclose(in);
	fclose(messages);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rules rules;
	static int have_rules;
	struct csv_format format = { 0, size % 3 == 0 ? CSV_CP1252 : CSV_UTF8 };
	struct outcome one, many;
	unsigned jobs = 2 + (unsigned)(size % 3);
	long min_part = 16 + (long)(size % 7) * 8;
	int fd;

	if (!have_rules) {
		const struct builtin_file *b = builtin_find(BUILTIN_RULES);
		struct diag diag;

		diag_init(&diag, NULL);
		if (rules_read_bytes(&rules, b->bytes, b->len, "rules", NULL,
				     &diag) != FOITAB_OK)
			abort();
		have_rules = 1;
	}
	if (size % 5 == 0)
		format.delimiter = ';';
	fd = memfd_create("fuzz.csv", 0);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	read_survey(fd, &rules, &format, 1, min_part, &one);
	read_survey(fd, &rules, &format, jobs, min_part, &many);
	close(fd);
	if (one.status != many.status || one.len != many.len ||
	    memcmp(one.messages, many.messages, one.len) != 0 ||
	    memcmp(&one.counts, &many.counts, sizeof one.counts) != 0 ||
	    one.tally.asked != many.tally.asked ||
	    one.tally.counted != many.tally.counted ||
	    memcmp(one.tally.count, many.tally.count,
		   sizeof one.tally.count) != 0) {
		fprintf(stderr, "one pass and %u threads differ:\n%s\n---\n%s\n",
			jobs, one.messages, many.messages);
		abort();
	}
	free(one.messages);
	free(many.messages);
	return 0;
}
