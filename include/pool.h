/*
 * pool.h - a few threads doing jobs, handed over in order and taken back
 * in the same order.  The CSV parts (split.c) and a workbook's pieces
 * (read/pieces.c) are read on it.
 *
 * The pool knows nothing of what a job is: `run` is called with it on
 * one of the threads, once, and the caller takes the jobs back in the
 * order it handed them over, each once it is done.  A job that is no
 * longer wanted is still run; `run` may look at a flag of the caller's
 * and return at once.
 */
#ifndef FOITAB_POOL_H
#define FOITAB_POOL_H

#include <pthread.h>
#include <stddef.h>

#define POOL_THREADS_MAX 16          /* as -j allows */

typedef void (*pool_job_fn)(void *job);

struct pool {
	pthread_mutex_t lock;
	pthread_cond_t work, done;
	void **jobs;                 /* the jobs in flight, a ring */
	unsigned char *finished;     /* ... and whether each is done */
	size_t slots;
	unsigned long sent, started, taken;   /* jobs, by sequence */
	int closing;
	pool_job_fn run;
	pthread_t threads[POOL_THREADS_MAX];
	unsigned nthreads;
};

/*
 * Start up to `threads` threads (at most POOL_THREADS_MAX) running `run`
 * on the jobs handed over, at most `slots` of them in flight.  0, or -1
 * when no thread could be started (out of memory or threads; there is
 * then nothing to stop).
 */
int pool_start(struct pool *pool, unsigned threads, size_t slots,
	       pool_job_fn run);

/* The jobs handed over and not yet taken back. */
size_t pool_in_flight(const struct pool *pool);

/* Hand over `job`, which must fit: pool_in_flight() < slots. */
void pool_send(struct pool *pool, void *job);

/* Wait for the oldest job in flight to be done and take it back; NULL
 * when none is in flight. */
void *pool_take(struct pool *pool);

/* Wait for every job still in flight, then end the threads. */
void pool_stop(struct pool *pool);

#endif
