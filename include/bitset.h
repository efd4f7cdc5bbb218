/*
 * bitset.h - a set of up to BITSET_BITS small numbers, as a few words of
 * bits: a column's values in a cell or a condition, or the buckets a body
 * is in.  Every operation is a loop over BITSET_WORDS words, inline.
 */
#ifndef FOITAB_BITSET_H
#define FOITAB_BITSET_H

#include <stdint.h>
#include <string.h>

#define BITSET_BITS 256
#define BITSET_WORDS (BITSET_BITS / 64)

struct bitset {
	uint64_t w[BITSET_WORDS];
};

static inline void bitset_clear(struct bitset *s)
{
	memset(s, 0, sizeof *s);
}

/* Add `i` (< BITSET_BITS). */
static inline void bitset_add(struct bitset *s, unsigned i)
{
	s->w[i / 64] |= (uint64_t)1 << (i % 64);
}

static inline int bitset_has(const struct bitset *s, unsigned i)
{
	return (int)((s->w[i / 64] >> (i % 64)) & 1);
}

static inline int bitset_empty(const struct bitset *s)
{
	unsigned k;

	for (k = 0; k < BITSET_WORDS; k++)
		if (s->w[k])
			return 0;
	return 1;
}

/* Have `a` and `b` a member in common? */
static inline int bitset_meets(const struct bitset *a, const struct bitset *b)
{
	unsigned k;

	for (k = 0; k < BITSET_WORDS; k++)
		if (a->w[k] & b->w[k])
			return 1;
	return 0;
}

/* Is every member of `a` in `b`? */
static inline int bitset_within(const struct bitset *a, const struct bitset *b)
{
	unsigned k;

	for (k = 0; k < BITSET_WORDS; k++)
		if (a->w[k] & ~b->w[k])
			return 0;
	return 1;
}

static inline int bitset_equal(const struct bitset *a, const struct bitset *b)
{
	return memcmp(a, b, sizeof *a) == 0;
}

/* Members of `s`. */
static inline unsigned bitset_count(const struct bitset *s)
{
	unsigned k, n = 0;

	for (k = 0; k < BITSET_WORDS; k++)
		n += (unsigned)__builtin_popcountll(s->w[k]);
	return n;
}

/* Members of both `a` and `b`. */
static inline unsigned bitset_count_both(const struct bitset *a,
					 const struct bitset *b)
{
	unsigned k, n = 0;

	for (k = 0; k < BITSET_WORDS; k++)
		n += (unsigned)__builtin_popcountll(a->w[k] & b->w[k]);
	return n;
}

/* The least member of `s`, or -1 when it is empty. */
static inline int bitset_first(const struct bitset *s)
{
	unsigned k;

	for (k = 0; k < BITSET_WORDS; k++)
		if (s->w[k])
			return (int)(k * 64 + (unsigned)__builtin_ctzll(s->w[k]));
	return -1;
}

/* Is `s` one member or none? */
static inline int bitset_at_most_one(const struct bitset *s)
{
	return bitset_count(s) <= 1;
}

#endif
