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
	assert(d);
	d->stream = stream;
	d->errors = 0;
	d->warnings = 0;
	d->limit = 0;
	d->closed = 0;
}

void diag_set_limit(struct diag *d, unsigned long limit)
{
	d->limit = limit;
}

void diag_close(struct diag *d)
{
	unsigned long errors = 0, warnings = 0;

	if (d->closed)
		return;
	d->closed = 1;
	if (d->limit && d->errors > d->limit)
		errors = d->errors - d->limit;
	if (d->limit && d->warnings > d->limit)
		warnings = d->warnings - d->limit;
	if (!d->stream)
		return;
	if (errors && warnings)
		fprintf(d->stream, "foitab: %lu more error%s and %lu more "
			"warning%s not shown\n", errors, errors == 1 ? "" : "s",
			warnings, warnings == 1 ? "" : "s");
	else if (errors || warnings)
		fprintf(d->stream, "foitab: %lu more %s%s not shown\n",
			errors ? errors : warnings, errors ? "error" : "warning",
			(errors ? errors : warnings) == 1 ? "" : "s");
}

static void vreport(struct diag *d, const char *kind, const char *file,
		    unsigned long line, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

static void vreport(struct diag *d, const char *kind, const char *file,
		    unsigned long line, const char *fmt, va_list ap)
{
	if (!d->stream)
		return;
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

	if (++d->errors > d->limit && d->limit)
		return;   /* counted, not shown */
	va_start(ap, fmt);
	vreport(d, NULL, file, line, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag *d, const char *file, unsigned long line,
		  const char *fmt, ...)
{
	va_list ap;

	if (++d->warnings > d->limit && d->limit)
		return;   /* counted, not shown */
	va_start(ap, fmt);
	vreport(d, "warning", file, line, fmt, ap);
	va_end(ap);
}

void diag_note(struct diag *d, const char *file, unsigned long line,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(d, NULL, file, line, fmt, ap);
	va_end(ap);
}
