/*
 * testutil.h - what every cmocka test file here needs: cmocka's headers in
 * the order it asks for, the test allocator's control, and a diag whose
 * messages are captured in memory so that tests can compare them.
 */
#ifndef FOITAB_TESTUTIL_H
#define FOITAB_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "mem_failing.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A diag writing into memory; read it with captured_text(). */
struct captured {
	struct diag diag;
	char *text;
	size_t len;
	FILE *stream;
};

static inline void captured_open(struct captured *c)
{
	c->text = NULL;
	c->len = 0;
	c->stream = open_memstream(&c->text, &c->len);
	assert_non_null(c->stream);
	diag_init(&c->diag, c->stream);
}

/* Everything reported so far, as one string. */
static inline const char *captured_text(struct captured *c)
{
	fflush(c->stream);
	return c->text ? c->text : "";
}

static inline void captured_close(struct captured *c)
{
	fclose(c->stream);
	free(c->text);
}

#endif
