/*
 * source.h - which reader a survey file takes: a workbook (.xlsx, .ods,
 * known by its zip signature), CSV read in parts on several threads (a
 * regular file, read from its start, large enough to be worth it), or
 * CSV read in one pass (a pipe, a small file, or one thread).
 */
#ifndef FOITAB_SOURCE_H
#define FOITAB_SOURCE_H

#include <stdio.h>

enum source_reader {
	SOURCE_CSV,              /* one pass, from the stream */
	SOURCE_CSV_PARTS,        /* in parts, each from its own offset */
	SOURCE_WORKBOOK          /* workbook.h */
};

/*
 * The reader for `in` on `jobs` threads, where a part of CSV needs at
 * least `min_part` bytes.  Looks at the file without moving through it.
 */
enum source_reader source_reader(FILE *in, unsigned jobs, long min_part);

#endif
