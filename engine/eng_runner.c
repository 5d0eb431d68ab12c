/* eng_runner.c — Replications on threads. Each thread takes the next replication number from a
 * shared counter, re-seeds its own generator for that number and runs it: which thread runs which
 * replication varies, the stream of each replication does not. */
#include "eng_runner.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "eng_stream.h"

/* One step of SplitMix64 from state x: its increment, then its output function. */
static uint64_t splitmix64(uint64_t x)
{
    return eng_stream_mix(x + 0x9e3779b97f4a7c15ULL);
}

void eng_runner_seed(gsl_rng *r, unsigned long seed, size_t rep)
{
    uint64_t h = splitmix64(splitmix64((uint64_t)seed) ^ (uint64_t)rep);
    /* MT19937 keeps the low 32 bits of its seed and treats 0 as its default seed. */
    unsigned long s = (unsigned long)(h >> 32);
    gsl_rng_set(r, s ? s : 1);
}

int eng_runner_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (int)n;
}

/* Runs fn on nthreads threads, the i-th with the i-th of the `size`-byte arguments in args, and
 * waits for all. Thread 0 is the calling thread, so a run on one thread starts no thread at all;
 * a thread that cannot start leaves its share to the others (the threads take their work from a
 * shared counter). tids has room for nthreads. Returns how many threads ran, the calling one
 * included: the first that many arguments. */
static int run_threads(int nthreads, void *(*fn)(void *), void *args, size_t size, pthread_t *tids)
{
    char *arg = args;
    int started = 1;
    for (int i = 1; i < nthreads; i++) {
        if (pthread_create(&tids[i], NULL, fn, arg + (size_t)i * size) != 0)
            break;
        started++;
    }
    fn(arg);
    for (int i = 1; i < started; i++)
        pthread_join(tids[i], NULL);
    return started;
}

typedef struct runner {
    size_t first, nreps, total;  /* replications first .. first+nreps-1 of total */
    unsigned long seed;
    eng_runner_fn fn;
    void *ctx;
    eng_runner_progress_fn progress;
    void *progress_data;
    atomic_size_t next;        /* next replication to hand out */
    atomic_int stop;           /* set when a replication failed */
    pthread_mutex_t lock;      /* guards done, failed_rep, status, err and progress calls */
    size_t done;
    size_t failed_rep;
    int status;
    eng_error err;
} runner;

typedef struct worker {
    runner *run;
    int thread;
    int status;                /* ENG_EFAIL when the thread could not get its generator */
} worker;

static void *worker_main(void *arg)
{
    worker *w = arg;
    runner *run = w->run;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng) {
        w->status = ENG_EFAIL;
        atomic_store(&run->stop, 1);
        return NULL;
    }
    for (;;) {
        if (atomic_load(&run->stop))
            break;
        size_t rep = atomic_fetch_add(&run->next, 1);
        if (rep >= run->nreps)
            break;
        rep += run->first;
        eng_runner_seed(rng, run->seed, rep);
        eng_error err;
        int status = run->fn(run->ctx, w->thread, rep, rng, &err);
        pthread_mutex_lock(&run->lock);
        if (status != ENG_OK) {
            if (run->status == ENG_OK || rep < run->failed_rep) {
                run->status = status;
                run->failed_rep = rep;
                run->err = err;
            }
            atomic_store(&run->stop, 1);
        } else {
            run->done++;
            if (run->progress)
                run->progress(run->first + run->done, run->total, run->progress_data);
        }
        pthread_mutex_unlock(&run->lock);
    }
    gsl_rng_free(rng);
    return NULL;
}

int eng_runner_run(size_t nreps, int nthreads, unsigned long seed, eng_runner_fn fn, void *ctx,
                   eng_runner_progress_fn progress, void *progress_data, eng_error *err)
{
    return eng_runner_run_range(0, nreps, nreps, nthreads, seed, fn, ctx, progress, progress_data,
                                err);
}

int eng_runner_run_range(size_t first, size_t nreps, size_t total, int nthreads, unsigned long seed,
                         eng_runner_fn fn, void *ctx, eng_runner_progress_fn progress,
                         void *progress_data, eng_error *err)
{
    if (nthreads < 1)
        nthreads = 1;
    if ((size_t)nthreads > nreps)
        nthreads = nreps > 0 ? (int)nreps : 1;

    runner run = { .first = first, .nreps = nreps, .total = total, .seed = seed, .fn = fn,
                   .ctx = ctx, .progress = progress, .progress_data = progress_data,
                   .status = ENG_OK };
    atomic_init(&run.next, 0);
    atomic_init(&run.stop, 0);
    pthread_mutex_init(&run.lock, NULL);

    worker *workers = calloc((size_t)nthreads, sizeof *workers);
    pthread_t *tids = calloc((size_t)nthreads, sizeof *tids);
    if (!workers || !tids) {
        free(workers);
        free(tids);
        pthread_mutex_destroy(&run.lock);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour démarrer %d fils d'exécution", nthreads);
    }
    for (int i = 0; i < nthreads; i++)
        workers[i] = (worker){ .run = &run, .thread = i, .status = ENG_OK };
    int started = run_threads(nthreads, worker_main, workers, sizeof *workers, tids);

    int status = run.status;
    if (status != ENG_OK) {
        if (err)
            *err = run.err;
    } else {
        for (int i = 0; i < started; i++)
            if (workers[i].status != ENG_OK)
                status = eng_error_set(err, ENG_EFAIL, "mémoire insuffisante pour un générateur aléatoire");
        if (status == ENG_OK && run.done != nreps)
            status = eng_error_set(err, ENG_EFAIL, "seules %zu des %zu réplications ont tourné", run.done, nreps);
    }
    free(workers);
    free(tids);
    pthread_mutex_destroy(&run.lock);
    return status;
}

typedef struct pfor {
    size_t n;
    eng_runner_task_fn fn;
    void *ctx;
    atomic_size_t next;
} pfor;

typedef struct pfor_worker {
    pfor *job;
    int thread;
} pfor_worker;

static void *pfor_main(void *arg)
{
    pfor_worker *w = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&w->job->next, 1);
        if (i >= w->job->n)
            break;
        w->job->fn(w->job->ctx, w->thread, i);
    }
    return NULL;
}

void eng_runner_parallel_for(size_t n, int nthreads, eng_runner_task_fn fn, void *ctx)
{
    enum { MAX_THREADS = 256 };
    if (nthreads < 1)
        nthreads = 1;
    if (nthreads > MAX_THREADS)
        nthreads = MAX_THREADS;
    if ((size_t)nthreads > n)
        nthreads = n > 0 ? (int)n : 1;
    pfor job = { .n = n, .fn = fn, .ctx = ctx };
    atomic_init(&job.next, 0);
    pfor_worker workers[MAX_THREADS];
    pthread_t tids[MAX_THREADS];
    for (int i = 0; i < nthreads; i++)
        workers[i] = (pfor_worker){ &job, i };
    run_threads(nthreads, pfor_main, workers, sizeof *workers, tids);
}
