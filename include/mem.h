/*
 * mem.h - the one allocation entry point for foitab's own code and for
 * libcsv.  Production builds pass straight to realloc(3) and free(3); the
 * test suite links a replacement (tests/mem_failing.c) that fails after N
 * allocations, to prove every failure ends in a clean "out of memory".
 */
#ifndef FOITAB_MEM_H
#define FOITAB_MEM_H

#include <stddef.h>

/* realloc(3) semantics; NULL on failure with `ptr` untouched. */
void *mem_realloc(void *ptr, size_t size);

/* free(3) semantics. */
void mem_free(void *ptr);

/* Allocate `n` elements of `size` bytes with overflow checking, zeroed. */
void *mem_calloc(size_t n, size_t size);

/* realloc of `n` elements of `size` bytes, with overflow checking. */
void *mem_realloc_array(void *ptr, size_t n, size_t size);

/* A copy of `len` bytes from `s` plus a NUL, or NULL on failure. */
char *mem_strndup(const char *s, size_t len);

#endif
