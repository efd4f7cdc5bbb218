/*
 * text.h - comparing what people type with what a list expects.
 *
 * Folding makes the small differences a spreadsheet picks up irrelevant
 * (case, runs of spaces, '_' for '-'); the edit distance finds the
 * nearest expected word for a "did you mean" suggestion.  Case is folded
 * in ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic (text_lower());
 * a no-break space and the other Unicode spaces count as spaces.
 */
#ifndef FOITAB_TEXT_H
#define FOITAB_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* What text_next() returns for a byte that does not start UTF-8. */
#define TEXT_NOT_UTF8 0x110000UL

/*
 * The code point at the start of `s` (`len` > 0 bytes), its length in
 * *used; TEXT_NOT_UTF8 with *used 1 for a byte that is not UTF-8.
 */
unsigned long text_next(const char *s, size_t len, size_t *used);

/* Length of the valid UTF-8 prefix of `s` (no overlong forms). */
size_t text_utf8_valid(const char *s, size_t len);

/* Write `cp` as UTF-8 at `out` (room made by the caller); past its end. */
char *text_put(char *out, unsigned long cp);

/* The lower case of `cp` in the scripts named above; else `cp`. */
unsigned long text_lower(unsigned long cp);

/* Is `cp` white space: ASCII's, U+00A0, U+2000-U+200A, U+202F...? */
int text_is_space(unsigned long cp);

/* Narrow `*s`/`*len` to the text without surrounding white space. */
void text_trim(const char **s, size_t *len);

/*
 * Fold `len` bytes of `s` into `out` (replacing its contents): surrounding
 * white space dropped, letters lower-cased, a run of white space made one
 * '_', and each '-' made '_'.  "Under way", "under  way" and "UNDER-WAY"
 * fold to "under_way"; "under - way" (three separators) and "none-" do not
 * fold to a codebook word.  Returns 0, or -1 when out of memory.
 */
int text_fold(const char *s, size_t len, struct strbuf *out);

/*
 * The edit (Levenshtein) distance between two strings, or `cap` if it is
 * at least `cap` or either string is longer than TEXT_DISTANCE_MAX bytes.
 */
#define TEXT_DISTANCE_MAX 255
unsigned text_distance(const char *a, const char *b, unsigned cap);

/*
 * Copy `len` bytes of `s` into `buf` (`size` > 0 bytes, NUL-terminated)
 * with what could steer a terminal shown as text: \n, \r, \t, other C0
 * controls and DEL as \xHH, C1 controls (U+0080-U+009F) as \uHHHH.
 * Stops when `buf` is full; returns how many bytes of `s` were copied.
 */
size_t text_escape(const char *s, size_t len, char *buf, size_t size);

/*
 * A copy of `len` bytes of `s` fit to quote in a message: escaped as
 * text_escape() does, and cut with "..." to fit `size` (> 8) bytes.
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
