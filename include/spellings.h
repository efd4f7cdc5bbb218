/*
 * spellings.h - the spellings of coded cells a loader has met, each with
 * the value it names, so that a spelling met before is matched by one
 * hash look-up, with no folding and no walk through the codebook.
 *
 * A survey's coded columns are written in a handful of spellings ("Yes",
 * "yes", "YES ", an alias), repeated on every row: the first time one is
 * met it is folded and looked up in the codebook (rules_value()); after
 * that it is found here.  Only spellings that name a value are kept: an
 * unknown one is an error, looked up again to be reported.  The memo is
 * one loader's own (a part read on another thread has its own), holds at
 * most SPELLINGS_MAX spellings of at most SPELLINGS_LONGEST bytes, and a
 * spelling it cannot keep (full, too long, or out of memory) is simply
 * looked up the slow way each time: the memo never changes a result.
 */
#ifndef FOITAB_SPELLINGS_H
#define FOITAB_SPELLINGS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "strbuf.h"

#define SPELLINGS_MAX 1536           /* spellings kept, all columns */
#define SPELLINGS_LONGEST 256        /* bytes of the longest one kept */

struct spelling;                     /* one kept (spellings.c) */

struct spellings {
	struct spelling *slot;       /* open addressing; NULL until used */
	size_t n;                    /* spellings kept */
	struct strbuf text;          /* their bytes, one after another */
};

/* An empty memo (allocates nothing). */
void spellings_init(struct spellings *m);
void spellings_free(struct spellings *m);

/*
 * The key of `len` (> 0) bytes at `s` in column `column`: a hash of the
 * first and last eight bytes, the length and the column, with no loop,
 * so that a look-up costs the same whatever the spelling.
 */
static inline uint64_t spellings_key(unsigned column, const char *s,
				     size_t len)
{
	uint64_t a = 0, b = 0, h;

	if (len >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
	} else if (len >= 4) {
		uint32_t x, y;

		memcpy(&x, s, 4);
		memcpy(&y, s + len - 4, 4);
		a = x;
		b = y;
	} else {
		a = (uint64_t)(unsigned char)s[0] |
		    (uint64_t)(unsigned char)s[len / 2] << 8 |
		    (uint64_t)(unsigned char)s[len - 1] << 16;
	}
	h = (a ^ 0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
	h ^= (b + len + ((uint64_t)column << 40)) * 0x94D049BB133111EBULL;
	return h ^ h >> 31;
}

/*
 * The value the spelling `s` (`len` bytes, key `key`) names in column
 * `column`, if it has been kept; else -1.
 */
int spellings_find(const struct spellings *m, uint64_t key, unsigned column,
		   const char *s, size_t len);

/* Keep the spelling `s` as naming `value` of `column`, if there is room. */
void spellings_keep(struct spellings *m, uint64_t key, unsigned column,
		    const char *s, size_t len, int value);

#endif
