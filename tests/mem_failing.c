/*
 * mem_failing.c - the allocator for tests: passes through to realloc(3)
 * until armed, then fails every allocation after the Nth.  Unit tests arm
 * it with mem_failing_arm(); the foitab-failalloc program reads N from
 * the environment variable FOITAB_FAIL_AFTER.  Its counter is the one
 * piece of global state in the project, and exists only in test builds.
 */
#include <stdlib.h>

#include "mem.h"
#include "mem_failing.h"

static long remaining = -1;     /* allocations left; -1: never fail */
static int env_read;

void mem_failing_arm(long n)
{
	env_read = 1;
	remaining = n;
}

static int may_allocate(void)
{
	if (!env_read) {
		const char *s = getenv("FOITAB_FAIL_AFTER");

		env_read = 1;
		if (s && *s)
			remaining = strtol(s, NULL, 10);
	}
	if (remaining < 0)
		return 1;
	if (remaining == 0)
		return 0;
	remaining--;
	return 1;
}

void *mem_realloc(void *ptr, size_t size)
{
	if (!may_allocate())
		return NULL;
	return realloc(ptr, size ? size : 1);
}

void mem_free(void *ptr)
{
	free(ptr);
}
