/* test_eng_heap.c — The pending-event set: pops in time order (checked against qsort of the
 * same times), ties (first in, first out), growth past the first capacity, clearing, the calendar
 * against a reference kept by hand, and allocation. */
#include "test_util.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "engine/eng_heap.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A small linear congruential generator (Knuth's MMIX constants), so that the test's input does
 * not come from the engine it checks. Returns a value in [0, 1). */
static double lcg_uniform(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) * 0x1.0p-53;
}

/* Pushes n random times (with their push order as `who`), pops them all and compares with the
 * sorted times; `who` must come back as the index of an event with that very time. */
static void check_random_order(eng_heap *h, size_t n, uint64_t seed)
{
    double *t = malloc(n * sizeof *t);
    double *sorted = malloc(n * sizeof *sorted);
    assert_non_null(t);
    assert_non_null(sorted);
    uint64_t s = seed;
    for (size_t i = 0; i < n; i++) {
        t[i] = 1000.0 * lcg_uniform(&s);
        sorted[i] = t[i];
        assert_int_equal(eng_heap_push(h, t[i], (uint32_t)i, 7), 0);
    }
    qsort(sorted, n, sizeof *sorted, cmp_double);
    for (size_t i = 0; i < n; i++) {
        eng_heap_event ev = { 0 };
        assert_int_equal(eng_heap_pop(h, &ev), 0);
        assert_true(ev.t == sorted[i]);
        assert_true(ev.who < n);
        assert_true(t[ev.who] == ev.t);
        assert_int_equal(ev.what, 7);
    }
    eng_heap_event ev = { 0 };
    assert_int_equal(eng_heap_pop(h, &ev), -1);
    free(t);
    free(sorted);
}

static void test_random_pushes_pop_in_time_order(void **state)
{
    (void)state;
    eng_heap *h = eng_heap_alloc(16);
    assert_non_null(h);
    /* Sizes around powers of two exercise the last, single-child level of the pop. */
    static const size_t sizes[] = { 1, 2, 3, 7, 8, 9, 100, 1000 };
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
        check_random_order(h, sizes[k], 12345 + k);
    eng_heap_free(h);
}

static void test_interleaved_push_and_pop(void **state)
{
    (void)state;
    /* A simulation pops an event and pushes the next ones later than it: the popped times must
     * never decrease, and each must be the smallest pending (checked by a linear scan). */
    eng_heap *h = eng_heap_alloc(4);
    assert_non_null(h);
    double pending[512];
    size_t npending = 0;
    uint64_t s = 99;
    for (int i = 0; i < 64; i++) {
        pending[npending++] = 10.0 * lcg_uniform(&s);
        assert_int_equal(eng_heap_push(h, pending[npending - 1], 0, 0), 0);
    }
    double last = -1.0;
    for (int step = 0; step < 400; step++) {
        eng_heap_event ev = { 0 };
        assert_int_equal(eng_heap_pop(h, &ev), 0);
        size_t imin = 0;
        for (size_t j = 1; j < npending; j++)
            if (pending[j] < pending[imin])
                imin = j;
        assert_true(ev.t == pending[imin]);
        assert_true(ev.t >= last);
        last = ev.t;
        pending[imin] = pending[--npending];
        int children = step % 3;   /* 0, 1 or 2 follow-up events: the heap shrinks and grows */
        for (int c = 0; c < children && npending < 512; c++) {
            pending[npending++] = ev.t + 5.0 * lcg_uniform(&s);
            assert_int_equal(eng_heap_push(h, pending[npending - 1], 0, 0), 0);
        }
        if (npending == 0)
            break;
    }
    eng_heap_free(h);
}

static void test_ties(void **state)
{
    (void)state;
    eng_heap *h = eng_heap_alloc(16);
    assert_non_null(h);
    /* Ten events at time 1 and ten at time 2, pushed alternately: all the 1s come out first, and
     * each `who` exactly once. */
    for (uint32_t i = 0; i < 20; i++)
        assert_int_equal(eng_heap_push(h, i % 2 ? 2.0 : 1.0, i, 0), 0);
    int seen[20] = { 0 };
    for (int i = 0; i < 20; i++) {
        eng_heap_event ev = { 0 };
        assert_int_equal(eng_heap_pop(h, &ev), 0);
        assert_true(ev.t == (i < 10 ? 1.0 : 2.0));
        assert_true(ev.who < 20);
        assert_int_equal(ev.who % 2, i < 10 ? 0 : 1);
        seen[ev.who]++;
    }
    for (int i = 0; i < 20; i++)
        assert_int_equal(seen[i], 1);

    eng_heap_free(h);
}

/* Events at the same time come out first in, first out, whatever else is pending: 300 events at
 * five times, pushed in a shuffled order of times (each `who` its push number) and interleaved
 * with pops, must come out by time, then by push number. */
static void test_ties_first_in_first_out(void **state)
{
    (void)state;
    eng_heap *h = eng_heap_alloc(4);
    assert_non_null(h);
    uint64_t s = 2024;
    uint32_t pushed = 0, last_who = 0;
    double last_t = -1.0;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 100; i++) {
            double t = (double)(round + (int)(5.0 * lcg_uniform(&s)));
            assert_int_equal(eng_heap_push(h, t, pushed++, 0), 0);
        }
        /* Pop the events of the earliest time pending, as a tick-driven model does. */
        eng_heap_event top = { 0 };
        assert_int_equal(eng_heap_peek(h, &top), 0);
        double now = top.t;
        eng_heap_event ev = { 0 };
        while (eng_heap_peek(h, &top) == 0 && top.t == now) {
            assert_int_equal(eng_heap_pop(h, &ev), 0);
            assert_true(ev.t == top.t && ev.who == top.who);
            assert_true(ev.t > last_t || (ev.t == last_t && ev.who > last_who));
            last_t = ev.t;
            last_who = ev.who;
        }
    }
    eng_heap_event ev = { 0 };
    while (eng_heap_pop(h, &ev) == 0) {
        assert_true(ev.t > last_t || (ev.t == last_t && ev.who > last_who));
        last_t = ev.t;
        last_who = ev.who;
    }
    assert_int_equal(eng_heap_peek(h, &ev), -1);
    /* Clearing restarts the push numbers: the same pushes give the same order again. */
    eng_heap_clear(h);
    for (uint32_t i = 0; i < 20; i++)
        assert_int_equal(eng_heap_push(h, 3.0, i, 0), 0);
    for (uint32_t i = 0; i < 20; i++) {
        assert_int_equal(eng_heap_pop(h, &ev), 0);
        assert_int_equal(ev.who, i);
    }
    eng_heap_free(h);
}

static void test_growth_beyond_initial_capacity(void **state)
{
    (void)state;
    /* The test reads the capacity field, which callers must not, since doubling is what
     * eng_heap_grow promises. A capacity below 16 is raised (the header promises only "room for
     * capacity"), so only the doubling is asserted exactly. */
    eng_heap *h = eng_heap_alloc(1);
    assert_non_null(h);
    assert_true(h->tree.cap >= 1);
    size_t cap0 = h->tree.cap;
    assert_int_equal(eng_heap_tree_grow(&h->tree), 0);
    assert_int_equal(h->tree.cap, 2 * cap0);
    /* 5000 events force several doublings in push itself; the order survives each copy. */
    check_random_order(h, 5000, 777);
    assert_true(h->tree.cap >= 5000);
    eng_heap_free(h);

    /* Growth keeps the events already there. */
    h = eng_heap_alloc(16);
    assert_non_null(h);
    for (int i = 0; i < 16; i++)
        assert_int_equal(eng_heap_push(h, 16.0 - i, (uint32_t)i, 0), 0);
    assert_int_equal(eng_heap_tree_grow(&h->tree), 0);
    for (int i = 0; i < 16; i++) {
        eng_heap_event ev = { 0 };
        assert_int_equal(eng_heap_pop(h, &ev), 0);
        assert_true(ev.t == 1.0 + i);
        assert_int_equal(ev.who, 15 - i);
    }
    eng_heap_free(h);
}

static void test_clear(void **state)
{
    (void)state;
    eng_heap *h = eng_heap_alloc(16);
    assert_non_null(h);
    for (int i = 0; i < 40; i++)
        assert_int_equal(eng_heap_push(h, (double)i, 0, 0), 0);
    size_t cap = h->tree.cap;
    eng_heap_clear(h);
    eng_heap_event ev = { 0 };
    assert_int_equal(eng_heap_pop(h, &ev), -1);
    /* The memory is kept for the next replication. */
    assert_int_equal(h->tree.cap, cap);
    /* And the heap works again after clearing. */
    check_random_order(h, 50, 4242);
    eng_heap_free(h);
}

/* The calendar against a reference kept by hand: each pop must give the pending event of least
 * time, and among equal times the least push number (a linear scan of what was pushed). The
 * workload is a simulation's: pops interleaved with pushes no earlier than the popped time, times
 * on whole and quarter units (ties, bucket boundaries), past the horizon (the far heap), exactly at
 * it, at zero, and a run of empty buckets. */
static void check_calendar(eng_heap *h, double per_unit, uint64_t seed)
{
    enum { MAX = 600 };
    double t[MAX];
    uint32_t who[MAX];
    size_t n = 0;
    uint32_t pushed = 0;
    uint64_t s = seed;
    double now = 0, horizon = 20;
    assert_int_equal(eng_heap_calendar(h, horizon, per_unit), 0);
    for (int step = 0; step < 3000; step++) {
        int children = n == 0 ? 3 : (int)(3.0 * lcg_uniform(&s));
        for (int c = 0; c < children && n < MAX; c++) {
            double u = lcg_uniform(&s), x;
            if (u < 0.2)
                x = floor(now) + 1 + floor(3 * lcg_uniform(&s));   /* whole units: ties */
            else if (u < 0.3)
                x = now + 0.25 * floor(8 * lcg_uniform(&s));       /* quarters, now included */
            else if (u < 0.35)
                x = horizon;
            else if (u < 0.4)
                x = horizon + 10 * lcg_uniform(&s);
            else if (u < 0.45)
                x = now + 6;                                        /* over empty buckets */
            else
                x = now + 2 * lcg_uniform(&s);
            t[n] = x;
            who[n++] = pushed;
            assert_int_equal(eng_heap_push(h, x, pushed++, 1), 0);
        }
        size_t imin = 0;
        for (size_t j = 1; j < n; j++)
            if (t[j] < t[imin] || (t[j] == t[imin] && who[j] < who[imin]))
                imin = j;
        eng_heap_event top = { 0 }, ev = { 0 };
        assert_int_equal(eng_heap_peek(h, &top), 0);
        assert_int_equal(eng_heap_pop(h, &ev), 0);
        assert_true(ev.t == t[imin] && top.t == t[imin]);
        assert_int_equal(ev.who, who[imin]);
        assert_int_equal(top.who, who[imin]);
        now = ev.t;
        t[imin] = t[--n];
        who[imin] = who[n];
    }
    eng_heap_event ev = { 0 };
    while (n > 0) {
        size_t imin = 0;
        for (size_t j = 1; j < n; j++)
            if (t[j] < t[imin] || (t[j] == t[imin] && who[j] < who[imin]))
                imin = j;
        assert_int_equal(eng_heap_pop(h, &ev), 0);
        assert_true(ev.t == t[imin]);
        assert_int_equal(ev.who, who[imin]);
        t[imin] = t[--n];
        who[imin] = who[n];
    }
    assert_int_equal(eng_heap_pop(h, &ev), -1);
    assert_int_equal(eng_heap_peek(h, &ev), -1);
}

static void test_calendar_order(void **state)
{
    (void)state;
    eng_heap *h = eng_heap_alloc(4);
    assert_non_null(h);
    /* Powers of two and not (3: boundaries rounded), one bucket a unit, a bucket per 1/64. */
    static const double per[] = { 1, 3, 4, 64 };
    for (size_t k = 0; k < sizeof per / sizeof *per; k++)
        check_calendar(h, per[k], 31 + k);
    eng_heap_free(h);
}

/* Clearing a calendar with events still in its buckets, its run and its tree gives an empty set, and
 * the same pushes then come out in the same order. */
static void test_calendar_clear(void **state)
{
    (void)state;
    eng_heap *h = eng_heap_alloc(16);
    assert_non_null(h);
    assert_int_equal(eng_heap_calendar(h, 10, 2), 0);
    for (uint32_t i = 0; i < 30; i++)
        assert_int_equal(eng_heap_push(h, (double)(i % 15), i, 0), 0);
    eng_heap_event ev = { 0 };
    assert_int_equal(eng_heap_pop(h, &ev), 0);
    assert_true(ev.t == 0 && ev.who == 0);
    eng_heap_clear(h);
    assert_int_equal(eng_heap_pop(h, &ev), -1);
    for (uint32_t i = 0; i < 30; i++)
        assert_int_equal(eng_heap_push(h, (double)(i % 15), i, 0), 0);
    for (uint32_t i = 0; i < 30; i++) {
        assert_int_equal(eng_heap_pop(h, &ev), 0);
        /* Time i / 2 (rounded down), the earlier push first: who i/2, then i/2 + 15. */
        assert_true(ev.t == (double)(i / 2));
        assert_int_equal(ev.who, i / 2 + (i % 2) * 15);
    }
    assert_int_equal(eng_heap_pop(h, &ev), -1);
    /* A calendar needs a positive span and bucket width. */
    assert_int_equal(eng_heap_calendar(h, 0, 2), -1);
    assert_int_equal(eng_heap_calendar(h, 10, 0), -1);
    eng_heap_free(h);
}

static void test_alloc_and_free(void **state)
{
    (void)state;
    eng_heap_free(NULL);
    eng_heap *h = eng_heap_alloc(0);
    assert_non_null(h);
    eng_heap_event ev = { 0 };
    assert_int_equal(eng_heap_pop(h, &ev), -1);
    assert_int_equal(eng_heap_push(h, 2.5, 3, 4), 0);
    assert_int_equal(eng_heap_pop(h, &ev), 0);
    assert_true(ev.t == 2.5);
    assert_int_equal(ev.who, 3);
    assert_int_equal(ev.what, 4);
    assert_int_equal(eng_heap_pop(h, &ev), -1);
    eng_heap_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_pushes_pop_in_time_order),
        cmocka_unit_test(test_interleaved_push_and_pop),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_ties_first_in_first_out),
        cmocka_unit_test(test_growth_beyond_initial_capacity),
        cmocka_unit_test(test_clear),
        cmocka_unit_test(test_calendar_order),
        cmocka_unit_test(test_calendar_clear),
        cmocka_unit_test(test_alloc_and_free),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
