/* test_eng_runner.c — Replications on threads: each runs exactly once whatever the thread count,
 * draws a stream fixed by (seed, replication) alone, and a failure comes back with its message. */
#include "test_util.h"

#include <stdatomic.h>
#include <string.h>

#include "engine/eng_runner.h"

enum { NREPS = 60, NDRAWS = 4 };

/* What each replication saw: how many times it ran, on which thread, and its first draws. */
typedef struct record {
    atomic_int runs[NREPS];
    int thread[NREPS];
    unsigned long draws[NREPS][NDRAWS];
    int nthreads;             /* the thread count of the run, to check the thread index */
    atomic_int bad_thread;    /* set when a replication got a thread index out of range */
} record;

static int record_rep(void *ctx, int thread, size_t rep, gsl_rng *rng, eng_error *err)
{
    record *r = ctx;
    if (rep >= NREPS)
        return eng_error_set(err, ENG_EFAIL, "replication %zu out of range", rep);
    atomic_fetch_add(&r->runs[rep], 1);
    if (thread < 0 || thread >= r->nthreads)
        atomic_store(&r->bad_thread, 1);
    r->thread[rep] = thread;
    for (int k = 0; k < NDRAWS; k++)
        r->draws[rep][k] = gsl_rng_get(rng);
    return ENG_OK;
}

static void run_recorded(record *r, int nthreads, unsigned long seed)
{
    memset(r, 0, sizeof *r);
    r->nthreads = nthreads < 1 ? 1 : nthreads;
    eng_error err = { "" };
    int status = eng_runner_run(NREPS, nthreads, seed, record_rep, r, NULL, NULL, &err);
    assert_int_equal(status, ENG_OK);
    for (int i = 0; i < NREPS; i++)
        assert_int_equal(atomic_load(&r->runs[i]), 1);
    assert_int_equal(atomic_load(&r->bad_thread), 0);
}

static void test_each_replication_runs_once(void **state)
{
    (void)state;
    static record r;
    for (int nthreads = 1; nthreads <= 3; nthreads++)
        run_recorded(&r, nthreads, 42);
    /* One thread is the caller itself: thread index 0 for every replication. */
    run_recorded(&r, 1, 42);
    for (int i = 0; i < NREPS; i++)
        assert_int_equal(r.thread[i], 0);
    /* A thread count of 0 or below runs on one thread. */
    run_recorded(&r, 0, 42);
}

static void test_streams_depend_on_seed_and_replication_only(void **state)
{
    (void)state;
    static record one, two, three, other_seed;
    run_recorded(&one, 1, 20220101);
    run_recorded(&two, 2, 20220101);
    run_recorded(&three, 3, 20220101);
    run_recorded(&other_seed, 2, 20220102);
    assert_memory_equal(one.draws, two.draws, sizeof one.draws);
    assert_memory_equal(one.draws, three.draws, sizeof one.draws);

    /* The stream of replication i is a fresh MT19937 seeded for (seed, i), whatever ran before
     * it on the same thread. */
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(rng);
    for (size_t i = 0; i < NREPS; i++) {
        eng_runner_seed(rng, 20220101, i);
        for (int k = 0; k < NDRAWS; k++)
            assert_int_equal(one.draws[i][k], gsl_rng_get(rng));
    }
    /* Replications differ from each other, and from those of the next seed (the chance that two
     * independent 32-bit first draws coincide is 2^-32 per pair, so any equality is a bug). */
    for (int i = 0; i < NREPS; i++) {
        for (int j = i + 1; j < NREPS; j++)
            assert_true(one.draws[i][0] != one.draws[j][0]);
        assert_true(one.draws[i][0] != other_seed.draws[i][0]);
    }
    gsl_rng_free(rng);
}

static void test_seed_is_the_documented_hash(void **state)
{
    (void)state;
    /* The header promises MT19937 seeded with the high 32 bits of
     * splitmix64(splitmix64(seed) ^ rep). The expected seeds were computed from that formula by a
     * separate Python implementation of SplitMix64, whose output for 0 is the published
     * 0xe220a8397b1dcdaf (Vigna's splitmix64.c). */
    static const struct {
        unsigned long seed;
        size_t rep;
        unsigned long mt_seed;
    } cases[] = {
        { 20220101, 0, 2195501402UL },
        { 20220101, 1, 115047818UL },
        { 1, 7, 1997986361UL },
    };
    gsl_rng *a = gsl_rng_alloc(gsl_rng_mt19937), *b = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(a);
    assert_non_null(b);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        eng_runner_seed(a, cases[c].seed, cases[c].rep);
        gsl_rng_set(b, cases[c].mt_seed);
        for (int k = 0; k < 10; k++)
            assert_int_equal(gsl_rng_get(a), gsl_rng_get(b));
    }
    gsl_rng_free(a);
    gsl_rng_free(b);
}

/* Fails replications listed in ctx (terminated by a negative number) with their number in the
 * message. */
static int fail_some(void *ctx, int thread, size_t rep, gsl_rng *rng, eng_error *err)
{
    (void)thread;
    (void)rng;
    for (const int *bad = ctx; *bad >= 0; bad++)
        if ((size_t)*bad == rep)
            return eng_error_set(err, ENG_EINPUT, "replication %zu broke", rep);
    return ENG_OK;
}

static void test_failure_is_returned_with_its_message(void **state)
{
    (void)state;
    static const int one_bad[] = { 17, -1 };
    /* Replication 5 is handed out before 30 whatever the thread count, and a replication handed
     * out always finishes, so 5 is the lowest failure on every run. */
    static const int two_bad[] = { 30, 5, -1 };
    for (int nthreads = 1; nthreads <= 3; nthreads++) {
        eng_error err = { "" };
        assert_int_equal(eng_runner_run(NREPS, nthreads, 1, fail_some, (void *)one_bad, NULL, NULL,
                                        &err),
                         ENG_EINPUT);
        assert_string_equal(err.msg, "replication 17 broke");
        assert_int_equal(eng_runner_run(NREPS, nthreads, 1, fail_some, (void *)two_bad, NULL, NULL,
                                        &err),
                         ENG_EINPUT);
        assert_string_equal(err.msg, "replication 5 broke");
        /* err may be NULL: the status alone comes back. */
        assert_int_equal(eng_runner_run(NREPS, nthreads, 1, fail_some, (void *)one_bad, NULL, NULL,
                                        NULL),
                         ENG_EINPUT);
    }
}

typedef struct progress_log {
    size_t calls, last_done, total;
    int increasing;
} progress_log;

static void note_progress(size_t done, size_t total, void *data)
{
    progress_log *p = data;
    /* Called under the runner's lock, so done is strictly increasing across threads. */
    if (done != p->last_done + 1)
        p->increasing = 0;
    p->calls++;
    p->last_done = done;
    p->total = total;
}

static void test_progress_and_empty_run(void **state)
{
    (void)state;
    static const int none[] = { -1 };
    for (int nthreads = 1; nthreads <= 3; nthreads++) {
        progress_log p = { 0, 0, 0, 1 };
        eng_error err = { "" };
        assert_int_equal(eng_runner_run(NREPS, nthreads, 3, fail_some, (void *)none, note_progress,
                                        &p, &err),
                         ENG_OK);
        assert_int_equal(p.calls, NREPS);
        assert_int_equal(p.last_done, NREPS);
        assert_int_equal(p.total, NREPS);
        assert_true(p.increasing);
    }
    /* No replication: nothing runs, and that is a success. */
    static record r;
    memset(&r, 0, sizeof r);
    r.nthreads = 3;
    eng_error err = { "" };
    assert_int_equal(eng_runner_run(0, 3, 1, record_rep, &r, NULL, NULL, &err), ENG_OK);
    for (int i = 0; i < NREPS; i++)
        assert_int_equal(atomic_load(&r.runs[i]), 0);
    assert_true(eng_runner_default_threads() >= 1);
}

enum { NTASKS = 1000 };

typedef struct tasks {
    atomic_int count[NTASKS];
    int nthreads;
    atomic_int bad_thread;
} tasks;

static void count_task(void *ctx, int thread, size_t i)
{
    tasks *t = ctx;
    if (thread < 0 || thread >= t->nthreads || i >= NTASKS)
        atomic_store(&t->bad_thread, 1);
    else
        atomic_fetch_add(&t->count[i], 1);
}

static void test_parallel_for_covers_each_index_once(void **state)
{
    (void)state;
    static tasks t;
    static const size_t sizes[] = { 0, 1, 2, 5, NTASKS };
    /* 300 threads is above the runner's cap of 256: the cap applies, and the work is still done. */
    static const int threads[] = { 1, 2, 3, 300 };
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        for (size_t k = 0; k < sizeof threads / sizeof *threads; k++) {
            memset(&t, 0, sizeof t);
            t.nthreads = threads[k];
            eng_runner_parallel_for(sizes[s], threads[k], count_task, &t);
            assert_int_equal(atomic_load(&t.bad_thread), 0);
            for (size_t i = 0; i < NTASKS; i++)
                assert_int_equal(atomic_load(&t.count[i]), i < sizes[s] ? 1 : 0);
        }
    }
}

/* A run taken in blocks (eng_runner_run_range) runs each replication of the block once, none
 * outside it, with the stream the whole run gives it. */
static void test_range_runs_its_block_with_the_same_streams(void **state)
{
    (void)state;
    static record whole, part;
    run_recorded(&whole, 2, 9);
    memset(&part, 0, sizeof part);
    part.nthreads = 2;
    eng_error err = { "" };
    assert_int_equal(eng_runner_run_range(17, 25, NREPS, 2, 9, record_rep, &part, NULL, NULL, &err),
                     ENG_OK);
    for (int i = 0; i < NREPS; i++) {
        int inside = i >= 17 && i < 42;
        assert_int_equal(atomic_load(&part.runs[i]), inside);
        if (inside)
            assert_memory_equal(part.draws[i], whole.draws[i], sizeof whole.draws[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_replication_runs_once),
        cmocka_unit_test(test_streams_depend_on_seed_and_replication_only),
        cmocka_unit_test(test_seed_is_the_documented_hash),
        cmocka_unit_test(test_failure_is_returned_with_its_message),
        cmocka_unit_test(test_progress_and_empty_run),
        cmocka_unit_test(test_parallel_for_covers_each_index_once),
        cmocka_unit_test(test_range_runs_its_block_with_the_same_streams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
