/*
 * bodies.c - the duplicate-body index (bodies.h): each body's name as a
 * hash, found again in a table, and the indexes of parts read on other
 * threads taken in after the loader's own.
 *
 * Each body's 64-bit hash is kept in a dense array, in the order the
 * bodies come (8 bytes a body), and its first line beside it in one byte:
 * the step from the line of the body before (a row's lines, at most 254),
 * with the line itself kept for every 64th body and for a body whose step
 * is longer, so that the line of any body can be worked out when it is
 * named twice.  An open-addressing table of 4-byte slots finds them: a
 * slot holds 8 bits of the hash, to skip most mismatches without reading
 * the array, and the body's place in it (24 bits, so up to 16 777 215
 * bodies).  The table is at most 3/4 full, and doubles, rebuilt from the
 * dense array after the old one is freed: between 5.3 and 10.7 bytes a
 * body.  In all, between 14.4 and 19.8 bytes a body (the arrays grow by
 * doubling, but only the part written is ever in memory), plus 8 for each
 * body more than 254 lines below the one before.  Two bodies are the same
 * when their 64-bit hashes are: among a million bodies the chance of a
 * false "duplicate" is about 3 in 10^8, and it would be reported, never
 * hidden.
 */
#include <stdint.h>
#include <string.h>

#include "bodies.h"
#include "mem.h"
#include "text.h"

#define SEEN_FOLD ((size_t)65536)         /* a part's index, folded in */
#define MARK_EVERY 64                     /* bodies between lines kept */
#define STEP_FAR 255                      /* step: the line is in `far` */

/* A body's line kept whole: it came more than 254 lines below the last. */
struct far_line {
	uint32_t index, line;
};

struct body_seen {
	uint64_t *hash;      /* dense, in first-seen order */
	unsigned char *step; /* dense: line less the last body's line */
	uint32_t *mark;      /* the line of body MARK_EVERY * k */
	struct far_line *far;   /* in index order */
	size_t nfar, far_room;
	uint32_t last_line;  /* lines past 2^32 - 1 kept as that */
	size_t n, room;
	uint32_t *slot;      /* 0: empty; else fingerprint << 24 | (index + 1) */
	size_t cap;          /* a power of two; n <= cap * 3 / 4 */
	unsigned long line_offset; /* taken from a part: add to its lines */
};

static void seen_free(struct body_seen *s)
{
	if (!s)
		return;
	mem_free(s->hash);
	mem_free(s->step);
	mem_free(s->mark);
	mem_free(s->far);
	mem_free(s->slot);
	mem_free(s);
}

static uint32_t fingerprint(uint64_t h)
{
	return (uint32_t)(h >> 56);
}

/* Place dense entry `i` in the table; the table has room. */
static void seen_place(struct body_seen *s, size_t i)
{
	size_t k;

	for (k = s->hash[i] & (s->cap - 1); s->slot[k]; k = (k + 1) & (s->cap - 1))
		;
	s->slot[k] = fingerprint(s->hash[i]) << 24 | (uint32_t)(i + 1);
}

/* Double the table and place every body again; -1 when out of memory. */
static int seen_grow(struct body_seen *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64, i;

	/* The old table is not needed to build the new one: free it first. */
	mem_free(s->slot);
	s->slot = mem_calloc(cap, sizeof *s->slot);
	if (!s->slot) {
		s->cap = 0;
		return -1;
	}
	s->cap = cap;
	for (i = 0; i < s->n; i++)
		seen_place(s, i);
	return 0;
}

/* Ask the processor to bring in the slot where `h` would go. */
static void seen_prefetch(const struct body_seen *s, uint64_t h)
{
	if (s->cap)
		__builtin_prefetch(&s->slot[h & (s->cap - 1)]);
}

/* The line kept whole for body `i`, whose step is STEP_FAR. */
static uint32_t far_line(const struct body_seen *s, size_t i)
{
	size_t lo = 0, hi = s->nfar;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->far[mid].index < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return s->far[lo].line;
}

/* The line body `i` was first seen on, from its mark and steps. */
static uint32_t line_of(const struct body_seen *s, size_t i)
{
	size_t k = i / MARK_EVERY * MARK_EVERY;
	uint32_t line = s->mark[i / MARK_EVERY];

	while (k++ < i)
		line = s->step[k] == STEP_FAR ? far_line(s, k) : line + s->step[k];
	return line;
}

/* Has `h` been noted?  1, with its line in *first_line, or 0. */
static int seen_find(const struct body_seen *s, uint64_t h,
		     unsigned long *first_line)
{
	uint32_t fp = fingerprint(h);
	size_t k;

	if (!s->cap)
		return 0;
	for (k = h & (s->cap - 1); s->slot[k]; k = (k + 1) & (s->cap - 1)) {
		size_t i = (s->slot[k] & 0xFFFFFF) - 1;

		if (s->slot[k] >> 24 == fp && s->hash[i] == h) {
			*first_line = line_of(s, i) + s->line_offset;
			return 1;
		}
	}
	return 0;
}

/* Grow an array of `*room` items of `size` bytes to hold `need`. */
static int make_room(void **array, size_t *room, size_t need, size_t size)
{
	size_t more = *room ? *room * 2 : 256;
	void *a;

	if (need <= *room)
		return 0;
	a = mem_realloc_array(*array, more, size);
	if (!a)
		return -1;
	*array = a;
	*room = more;
	return 0;
}

/* Keep `line` as the line of the next body, n; -1 when out of memory. */
static int note_line(struct body_seen *s, uint32_t line)
{
	if (s->n % MARK_EVERY == 0) {
		s->mark[s->n / MARK_EVERY] = line;
		s->step[s->n] = 0;
	} else if (line > s->last_line && line - s->last_line < STEP_FAR) {
		s->step[s->n] = (unsigned char)(line - s->last_line);
	} else {
		if (make_room((void **)&s->far, &s->far_room, s->nfar + 1,
			      sizeof *s->far) < 0)
			return -1;
		s->far[s->nfar].index = (uint32_t)s->n;
		s->far[s->nfar].line = line;
		s->nfar++;
		s->step[s->n] = STEP_FAR;
	}
	s->last_line = line;
	return 0;
}

/*
 * Note `h`, first seen on `line`, unless `s` holds `limit` bodies already.
 * Returns 0 if it is new, 1 if seen before (its line in *first_line), -2
 * at the limit, or -1 when out of memory.
 */
static int seen_insert(struct body_seen *s, uint64_t h, unsigned long line,
		       size_t limit, unsigned long *first_line)
{
	*first_line = 0;
	if (seen_find(s, h, first_line))
		return 1;
	if (s->n >= limit)
		return -2;
	if (s->n == s->room) {
		size_t room = s->room ? s->room * 2 : 256;
		uint64_t *hash = mem_realloc_array(s->hash, room, sizeof *hash);
		unsigned char *step;
		uint32_t *mark;

		if (!hash)
			return -1;
		s->hash = hash;
		step = mem_realloc(s->step, room);
		if (!step)
			return -1;
		s->step = step;
		mark = mem_realloc_array(s->mark, room / MARK_EVERY + 1,
					 sizeof *mark);
		if (!mark)
			return -1;
		s->mark = mark;
		s->room = room;
	}
	if (note_line(s, line > UINT32_MAX ? /* GCOVR_EXCL_BR_LINE */
		      UINT32_MAX : (uint32_t)line) < 0)
		return -1;
	s->hash[s->n] = h;
	s->n++;
	if (s->n > s->cap - s->cap / 4) {
		if (seen_grow(s) < 0)
			return -1;
	} else {
		seen_place(s, s->n - 1);
	}
	return 0;
}

/*
 * FNV-1a over the name as text_fold() would fold it for case and spaces:
 * letters lower-cased (text_lower()), runs of white space, Unicode's
 * included, one space.  An ASCII byte is taken as it stands, with no
 * decoding and no call: the quick path for nearly every name.
 */
uint64_t bodies_hash(const char *name)
{
	uint64_t h = TEXT_HASH_START;
	size_t len = strlen(name);
	int space = 0;

	while (len) {
		unsigned char c = (unsigned char)*name;
		unsigned long cp = c;
		size_t used = 1;

		if (c < 0x80) {
			/* ASCII: its spaces are ' ' and '\t'..'\r'. */
			name++;
			len--;
			if (c == ' ' || (unsigned)(c - '\t') < 5u) {
				space = 1;
				continue;
			}
			if (space) {
				h = text_hash_add(h, ' ');
				space = 0;
			}
			/* 'A'..'Z' lower-cased without a branch. */
			c = (unsigned char)(c + (((unsigned)(c - 'A') < 26u) << 5));
			h = text_hash_add(h, c);
			continue;
		}
		cp = text_next(name, len, &used);
		name += used;
		len -= used;
		if (text_is_space(cp)) {
			space = 1;
			continue;
		}
		if (space) {
			h = text_hash_add(h, ' ');
			space = 0;
		}
		if (cp == TEXT_NOT_UTF8) {
			h = text_hash_add(h, c);
			continue;
		}
		cp = text_lower(cp);
		/* The code point's bytes, little end first. */
		do {
			h = text_hash_add(h, (unsigned char)(cp & 0xFF));
			cp >>= 8;
		} while (cp);
	}
	return h ? h : 1; /* GCOVR_EXCL_BR_LINE: 0 is kept for "none" */
}


void bodies_prefetch(const struct bodies *b, uint64_t h)
{
	seen_prefetch(b->seen, h);
}

int bodies_init(struct bodies *b)
{
	memset(b, 0, sizeof *b);
	b->seen = mem_calloc(1, sizeof *b->seen);
	return b->seen ? 0 : -1;
}

void bodies_free(struct bodies *b)
{
	size_t c;

	seen_free(b->seen);
	b->seen = NULL;
	for (c = 0; c < b->ntaken; c++)
		seen_free(b->taken[c]);
	mem_free(b->taken);
	b->taken = NULL;
	b->ntaken = 0;
	b->bodies_taken = 0;
}

int bodies_note(struct bodies *b, uint64_t h, unsigned long line,
		unsigned long *first_line)
{
	size_t i;

	for (i = 0; i < b->ntaken; i++)
		if (seen_find(b->taken[i], h, first_line))
			return 1;
	return seen_insert(b->seen, h, line, BODIES_MAX - b->bodies_taken,
			   first_line);
}

/* Is any body of `s` in `b`'s index or those it has taken? */
static int seen_any(const struct bodies *b, const struct body_seen *s)
{
	const struct body_seen *mine = b->seen;
	unsigned long line;
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		uint64_t h = s->hash[i];

		/* Look a few bodies ahead, so the slots arrive in time. */
		if (i + 8 < s->n)
			seen_prefetch(mine, s->hash[i + 8]);
		if (seen_find(mine, h, &line))
			return 1;
		for (k = 0; k < b->ntaken; k++)
			if (seen_find(b->taken[k], h, &line))
				return 1;
	}
	return 0;
}

int bodies_can_take(const struct bodies *b, const struct bodies *part)
{
	return b->seen->n + b->bodies_taken + part->seen->n <= BODIES_MAX &&
	       !seen_any(b, part->seen);
}

int bodies_take(struct bodies *b, struct bodies *part, unsigned long lines)
{
	struct body_seen **taken;

	if (part->seen->n <= SEEN_FOLD) {
		/* A small part's bodies join the loader's own index, so that
		 * many parts cost one look-up a body, not one a part. */
		unsigned long first;
		size_t i;

		for (i = 0; i < part->seen->n; i++)
			if (seen_insert(b->seen, part->seen->hash[i],
					line_of(part->seen, i) + lines,
					BODIES_MAX - b->bodies_taken, &first) < 0)
				return -1;
		return 0;
	}
	taken = mem_realloc(b->taken, (b->ntaken + 1) * sizeof *taken);
	if (!taken)
		return -1;
	b->taken = taken;
	part->seen->line_offset = lines;
	b->taken[b->ntaken++] = part->seen;
	b->bodies_taken += part->seen->n;
	part->seen = NULL;
	return 0;
}
