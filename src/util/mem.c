/*
 * mem.c - production allocator: a thin layer over the C library.  It
 * exists so that tests can substitute a failing allocator at link time;
 * it adds no policy of its own.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void *mem_realloc(void *ptr, size_t size)
{
	return realloc(ptr, size ? size : 1);
}

void mem_free(void *ptr)
{
	free(ptr);
}
