/*
 * bodies.h - the bodies a survey file has named, to find one named
 * twice: the loader's duplicate-body index, and the indexes of parts read
 * on other threads (split.c) taken into it in order.
 */
#ifndef FOITAB_BODIES_H
#define FOITAB_BODIES_H

#include <stddef.h>
#include <stdint.h>

#define BODIES_MAX ((size_t)0xFFFFFF)     /* bodies one file may name */

struct body_seen;                /* one index (bodies.c) */

struct bodies {
	struct body_seen *seen;      /* the loader's own */
	struct body_seen **taken;    /* indexes of parts taken, in order */
	size_t ntaken;
	size_t bodies_taken;         /* bodies in them */
};

/* An empty index; 0, or -1 when out of memory. */
int bodies_init(struct bodies *b);
void bodies_free(struct bodies *b);

/*
 * A body's name as its key: a 64-bit hash of the name folded for case
 * and runs of white space (as text_fold() compares names); never 0.
 */
uint64_t bodies_hash(const char *name);

/* Ask the processor to bring in the slot where `h` would be looked up. */
void bodies_prefetch(const struct bodies *b, uint64_t h);

/*
 * Note the body `h`, first seen on `line`.  0 if it is new; 1 if it was
 * seen before, on *first_line; -2 when BODIES_MAX bodies are noted
 * already; -1 when out of memory.
 */
int bodies_note(struct bodies *b, uint64_t h, unsigned long line,
		unsigned long *first_line);

/*
 * May `part`'s bodies be taken into `b`: none of them is in `b`, and
 * there are not too many in all?
 */
int bodies_can_take(const struct bodies *b, const struct bodies *part);

/*
 * Take `part`'s bodies into `b`, their lines counted after `lines` lines
 * of `b`'s file; `part` may be left empty.  0, or -1 when out of memory.
 */
int bodies_take(struct bodies *b, struct bodies *part, unsigned long lines);

#endif
