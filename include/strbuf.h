/*
 * strbuf.h - a small growable byte buffer.
 *
 * Invariants, whenever a function here returns:
 *   - len <= cap;
 *   - if cap > 0, buf[len] == '\0' (the contents are always a C string,
 *     although they may also hold NUL bytes of their own);
 *   - an empty, never-grown buffer has buf == NULL, len == cap == 0, and
 *     strbuf_str() still returns "".
 * A buffer owns its storage; strbuf_release() frees it and leaves the
 * buffer empty and reusable.  Growth goes through mem_realloc(), so an
 * allocation failure is reported as -1 and the buffer is left unchanged.
 */
#ifndef FOITAB_STRBUF_H
#define FOITAB_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

/* Make room for at least `extra` more bytes plus the NUL. 0 or -1 (no memory). */
int strbuf_grow(struct strbuf *sb, size_t extra);

/* Append `len` bytes from `data`. 0 or -1 (no memory). */
int strbuf_add(struct strbuf *sb, const void *data, size_t len);

/* Append one byte. 0 or -1 (no memory). */
int strbuf_addch(struct strbuf *sb, int c);

/* Remove the first `n` bytes (n <= len), keeping the rest in order. */
void strbuf_drop(struct strbuf *sb, size_t n);

/* Empty the buffer, keeping its storage. */
void strbuf_reset(struct strbuf *sb);

/* Free the storage; the buffer is empty again. */
void strbuf_release(struct strbuf *sb);

/* The contents as a C string ("" for a buffer never grown). */
const char *strbuf_str(const struct strbuf *sb);

#endif
