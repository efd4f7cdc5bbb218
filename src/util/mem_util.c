/*
 * mem_util.c - helpers built on mem_realloc(), shared by the production
 * and the fault-injecting allocators so that both count the same calls.
 */
#include <stdint.h>
#include <string.h>

#include "mem.h"

void *mem_calloc(size_t n, size_t size)
{
	void *p;

	/* Every count foitab allocates is bounded far below this: the
	 * check guards the multiplication, and no input reaches it. */
	if (size != 0 && n > SIZE_MAX / size) /* GCOVR_EXCL_BR_LINE */
		return NULL;
	p = mem_realloc(NULL, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *mem_realloc_array(void *ptr, size_t n, size_t size)
{
	/* As in mem_calloc(): a guard no bounded count reaches. */
	if (size != 0 && n > SIZE_MAX / size) /* GCOVR_EXCL_BR_LINE */
		return NULL;
	return mem_realloc(ptr, n * size);
}

char *mem_strndup(const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = mem_realloc(NULL, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
