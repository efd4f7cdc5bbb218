/* mem_failing.h - control of the test allocator (tests/mem_failing.c). */
#ifndef FOITAB_MEM_FAILING_H
#define FOITAB_MEM_FAILING_H

/* Let `n` more allocations succeed, then fail every one; -1 disarms. */
void mem_failing_arm(long n);

/* Allocations asked for since the last mem_failing_arm(), failed or not. */
long mem_failing_made(void);

#endif
