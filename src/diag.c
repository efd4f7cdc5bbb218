/*
 * diag.c - formats and counts diagnostics; see diag.h for the shape.
 * It writes only to the stream it was given and keeps no state beyond the
 * counts in struct diag.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

void diag_init(struct diag *d, FILE *stream)
{
	assert(d && stream);
	d->stream = stream;
	d->errors = 0;
	d->warnings = 0;
}

static void vreport(struct diag *d, const char *kind, const char *file,
		    unsigned long line, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

static void vreport(struct diag *d, const char *kind, const char *file,
		    unsigned long line, const char *fmt, va_list ap)
{
	fputs("foitab: ", d->stream);
	if (file && line)
		fprintf(d->stream, "%s:%lu: ", file, line);
	else if (file)
		fprintf(d->stream, "%s: ", file);
	if (kind)
		fprintf(d->stream, "%s: ", kind);
	vfprintf(d->stream, fmt, ap);
	fputc('\n', d->stream);
}

void diag_error(struct diag *d, const char *file, unsigned long line,
		const char *fmt, ...)
{
	va_list ap;

	d->errors++;
	va_start(ap, fmt);
	vreport(d, NULL, file, line, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag *d, const char *file, unsigned long line,
		  const char *fmt, ...)
{
	va_list ap;

	d->warnings++;
	va_start(ap, fmt);
	vreport(d, "warning", file, line, fmt, ap);
	va_end(ap);
}
