/*
 * diag.c - formats and counts diagnostics; see diag.h for the shape.
 * It writes only to the stream it was given and keeps no state beyond the
 * counts in struct diag.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "text.h"

/* The longest message shown; a longer one is cut with "...". */
#define DIAG_MESSAGE_MAX 4096

/*
 * Write `text` with whatever could steer a terminal (a file name or a
 * cell quoted in the message) escaped: see text_escape().
 */
static void put_escaped(FILE *stream, const char *text)
{
	char shown[DIAG_MESSAGE_MAX * 2];
	size_t len = strlen(text);

	if (text_escape(text, len, shown, sizeof shown) < len)
		strcpy(shown + (strlen(shown) > sizeof shown - 4 ?
				sizeof shown - 4 : strlen(shown)), "...");
	fputs(shown, stream);
}

void diag_init(struct diag *d, FILE *stream)
{
	assert(d);
	d->stream = stream;
	d->errors = 0;
	d->warnings = 0;
	d->limit = 0;
	d->each = 0;
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
	char message[DIAG_MESSAGE_MAX];
	int n;

	if (!d->stream)
		return;
	fputs("foitab: ", d->stream);
	if (file) {
		put_escaped(d->stream, file);
		if (line)
			fprintf(d->stream, ":%lu", line);
		fputs(": ", d->stream);
	}
	if (kind)
		fprintf(d->stream, "%s: ", kind);
	n = vsnprintf(message, sizeof message, fmt, ap);
	if (n >= (int)sizeof message)
		strcpy(message + sizeof message - 4, "...");
	put_escaped(d->stream, message);
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
