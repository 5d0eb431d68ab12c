/* eng_runner.h — Runs Monte Carlo replications on threads, each with its own random stream derived
 * from (seed, replication) only, so that results never depend on the number of threads. */
#ifndef ENG_RUNNER_H
#define ENG_RUNNER_H

#include <stddef.h>
#include <gsl/gsl_rng.h>
#include "eng_error.h"

/* Runs replication `rep` on thread `thread` (0 .. nthreads-1, to pick that thread's workspace),
 * drawing only from `rng`, which is already seeded for (seed, rep). Returns ENG_OK or a status with
 * err filled. */
typedef int (*eng_runner_fn)(void *ctx, int thread, size_t rep, gsl_rng *rng, eng_error *err);

/* Told how many replications are done out of the total; called under a lock, from any thread. */
typedef void (*eng_runner_progress_fn)(size_t done, size_t total, void *data);

/* Seeds r for replication rep of a run with the given seed. The generator is MT19937 seeded with
 * a 32-bit hash of (seed, rep) (SplitMix64 finaliser), so streams of nearby seeds or replications
 * are unrelated. */
void eng_runner_seed(gsl_rng *r, unsigned long seed, size_t rep);

/* The number of threads to use by default: the cores online, at least 1. */
int eng_runner_default_threads(void);

/* Runs replications 0 .. nreps-1 on min(nthreads, nreps) threads. On failure returns the status of
 * the lowest-numbered failing replication, with its message; the others stop early. */
int eng_runner_run(size_t nreps, int nthreads, unsigned long seed, eng_runner_fn fn, void *ctx,
                   eng_runner_progress_fn progress, void *progress_data, eng_error *err);

/* Runs replications first .. first+nreps-1 only (streams and failures as eng_runner_run), telling
 * progress as first + done out of total: a long run taken in blocks, one call per block. */
int eng_runner_run_range(size_t first, size_t nreps, size_t total, int nthreads, unsigned long seed,
                         eng_runner_fn fn, void *ctx, eng_runner_progress_fn progress,
                         void *progress_data, eng_error *err);

/* Runs fn(ctx, thread, i) for i = 0 .. n-1 on min(nthreads, n) threads (thread 0 being the caller),
 * for work split into independent pieces, such as the summaries of many series. fn cannot fail. */
typedef void (*eng_runner_task_fn)(void *ctx, int thread, size_t i);
void eng_runner_parallel_for(size_t n, int nthreads, eng_runner_task_fn fn, void *ctx);

#endif
