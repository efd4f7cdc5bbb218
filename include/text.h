/*
 * text.h - comparing what people type with what a list expects.
 *
 * Folding makes the small differences a spreadsheet picks up irrelevant
 * (case, runs of spaces, '_' for '-'); the edit distance finds the
 * nearest expected word for a "did you mean" suggestion.  ASCII letters
 * are folded; other bytes (UTF-8) are compared as they are.
 */
#ifndef FOITAB_TEXT_H
#define FOITAB_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/*
 * Fold `len` bytes of `s` into `out` (replacing its contents): surrounding
 * white space dropped, ASCII letters lower-cased, and every run of ' ',
 * tab, '_' or '-' made one '_'.  "Under way" and "UNDER-WAY" both fold to
 * "under_way".  Returns 0, or -1 when out of memory.
 */
int text_fold(const char *s, size_t len, struct strbuf *out);

/*
 * The edit (Levenshtein) distance between two strings, or `cap` if it is
 * at least `cap` or either string is longer than TEXT_DISTANCE_MAX bytes.
 */
#define TEXT_DISTANCE_MAX 255
unsigned text_distance(const char *a, const char *b, unsigned cap);

/*
 * A copy of `len` bytes of `s` fit to quote in a message: control
 * characters shown as '?', and cut with "..." to fit `size` (> 8) bytes.
 * Returns `buf`.
 */
const char *text_shown(const char *s, size_t len, char *buf, size_t size);

/*
 * FNV-1a, a byte at a time, for the hash indexes of names: start from
 * TEXT_HASH_START and add each byte (after whatever folding the index
 * wants).
 */
#define TEXT_HASH_START 14695981039346656037ULL
static inline uint64_t text_hash_add(uint64_t h, unsigned char c)
{
	return (h ^ c) * 1099511628211ULL;
}

#endif
