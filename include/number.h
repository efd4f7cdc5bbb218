/*
 * number.h - figures as people write them in a spreadsheet ("1,234",
 * "£1,234.50", "12%", "0.5"), held exactly in decimal: a number is an
 * integer count of units of 10^-scale, so that adding 79,934.363 hours
 * gives 79934.363, never a binary fraction's noise.
 *
 * Every operation is checked: one that would overflow says so and leaves
 * its result alone, so that a total is refused rather than wrapped.
 */
#ifndef FOITAB_NUMBER_H
#define FOITAB_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/* Digits after the decimal point a number may have. */
#define NUMBER_MAX_SCALE 9

struct number {
	int64_t units;       /* the value times 10^scale */
	int scale;           /* 0 .. NUMBER_MAX_SCALE: decimals as written */
};

/* Why a text is not a number (number_parse()). */
enum number_error {
	NUMBER_OK,
	NUMBER_NOT,          /* not a number at all */
	NUMBER_GROUPING,     /* "1,23": a separator not before three digits */
	NUMBER_DECIMALS,     /* more than NUMBER_MAX_SCALE decimals */
	NUMBER_TOO_LARGE     /* beyond what 64 bits hold at its scale */
};

/*
 * Read `len` bytes of `s` (already trimmed) as a number: an optional sign
 * ('-', '+' or U+2212), an optional currency sign (£ $ €) before or after
 * the sign, digits grouped by commas or spaces (U+0020, U+00A0, U+202F)
 * in threes or not at all, an optional '.' and decimals, an optional
 * exponent (as a workbook stores 1e-05) and an optional '%' (the figure
 * as written: "12%" is 12).  Returns NUMBER_OK with *n set, or why not.
 */
enum number_error number_parse(const char *s, size_t len, struct number *n);

/* What number_parse() said, as a clause for a message. */
const char *number_error_text(enum number_error e);

/* -1, 0 or 1 as a < b, a == b, a > b; exact across scales. */
int number_compare(const struct number *a, const struct number *b);

/* *sum += *x, at the larger of the two scales.  -1 (and *sum unchanged)
 * on overflow. */
int number_add(struct number *sum, const struct number *x);

/* `n` written with `scale` decimals (no fewer than its own): 1.5 at 3 is
 * 1.500.  -1 (and `n` unchanged) on overflow or a smaller scale. */
int number_rescale(struct number *n, int scale);

/* The mean of a and b, exactly (one more decimal when needed).  -1 on
 * overflow. */
int number_mean(const struct number *a, const struct number *b,
		struct number *mean);

/*
 * `n` as text into `buf`: "-1234.5", or with `grouped` "-1,234.5".  The
 * decimals are those of its scale, trailing zeros kept ("12.50" stays).
 * Returns buf.  NUMBER_TEXT_MAX bytes always suffice.
 */
#define NUMBER_TEXT_MAX 40
const char *number_text(const struct number *n, int grouped, char *buf,
			size_t size);

#endif
