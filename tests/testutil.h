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

#include "builtin.h"
#include "diag.h"
#include "exitcodes.h"
#include "rules.h"
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

/* The built-in rules (the 2023 ICB survey), read or the test fails. */
static inline void builtin_rules(struct rules *r)
{
	const struct builtin_file *b = builtin_find(BUILTIN_RULES);
	struct diag d;

	diag_init(&d, stderr);
	assert_non_null(b);
	assert_int_equal(rules_read_bytes(r, b->bytes, b->len, "rules", NULL,
					  &d), FOITAB_OK);
}

/*
 * Run `attempt(diag, ctx)` with its first allocation failing, then its
 * second, and so on, until it returns `done` (its status when memory
 * suffices).  Every earlier run must return FOITAB_OSERR, having
 * released what it took: valgrind and ASan runs of the suite check that.
 */
static inline void sweep_allocation_failures(int (*attempt)(struct diag *,
							    void *),
					     void *ctx, int done)
{
	long n;

	for (n = 0;; n++) {
		struct captured cap;
		int status;

		captured_open(&cap);
		mem_failing_arm(n);
		status = attempt(&cap.diag, ctx);
		mem_failing_arm(-1);
		captured_close(&cap);
		if (status == done)
			break;
		assert_int_equal(status, FOITAB_OSERR);
	}
	assert_true(n > 0);   /* at least one allocation was made to fail */
}

#endif
