/*
 * output.h - writing the report: to standard output, or to a file that is
 * replaced only once the whole report is written, keeping its mode and
 * writing through a symbolic link.
 */
#ifndef FOITAB_OUTPUT_H
#define FOITAB_OUTPUT_H

#include <stdio.h>

#include "diag.h"

/* Writes the whole report to `out`. */
typedef void (*output_fn)(const void *ctx, FILE *out);

/*
 * Write with `write(ctx, stream)` to `output` (a path; NULL: standard
 * output, whose errors the caller checks when closing it).  Returns
 * FOITAB_OK, FOITAB_IOERR after reporting why, or FOITAB_OSERR.
 */
int output_write(const char *output, output_fn write, const void *ctx,
		 struct diag *diag);

/*
 * Is `output` the file at `path` ("-": standard input)?  Same device and
 * inode, so a hard link or another spelling of the path is the same.
 */
int output_is(const char *output, const char *path);

#endif
