/*
 * mem_failing.c - the allocator for tests: passes through to realloc(3)
 * until armed, then fails every allocation after the Nth.  Unit tests arm
 * it with mem_failing_arm(); the foitab-failalloc program reads N from
 * the environment variable FOITAB_FAIL_AFTER, and with FOITAB_ALLOC_REPORT
 * set prints how many allocations it was asked for.  Its counters are the one
 * piece of global state in the project, and exist only in test builds;
 * they are atomic, as parts of a file are read on several threads.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "mem.h"
#include "mem_failing.h"

static atomic_long remaining = -1;   /* allocations left; -1: never fail */
static atomic_long made;             /* allocations since the last arming */
static atomic_int env_read;

void mem_failing_arm(long n)
{
	atomic_store(&env_read, 1);
	atomic_store(&made, 0);
	atomic_store(&remaining, n);
}

long mem_failing_made(void)
{
	return atomic_load(&made);
}

/* FOITAB_ALLOC_REPORT: say at exit how many allocations were asked for. */
static void report(void)
{
	fprintf(stderr, "allocations: %ld\n", atomic_load(&made));
}

static int may_allocate(void)
{
	long left;

	if (!atomic_exchange(&env_read, 1)) {
		const char *s = getenv("FOITAB_FAIL_AFTER");

		if (s && *s)
			atomic_store(&remaining, strtol(s, NULL, 10));
		if (getenv("FOITAB_ALLOC_REPORT"))
			atexit(report);
	}
	atomic_fetch_add(&made, 1);
	left = atomic_load(&remaining);
	do {
		if (left < 0)
			return 1;
		if (left == 0)
			return 0;
	} while (!atomic_compare_exchange_weak(&remaining, &left, left - 1));
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
