/* test_eng_stream.c — Per-entity substreams: SplitMix64's published outputs, loading and reading
 * back the state, substreams by counter (reproducible, distinct, disjoint at the start) and the
 * uniformity of the draws, within and across substreams. */
#include "test_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>

#include "engine/eng_stream.h"

/* SplitMix64's fixed step (the odd 64-bit golden ratio), by which the state advances per draw. */
#define GOLDEN 0x9e3779b97f4a7c15ULL

static void test_published_outputs(void **state)
{
    (void)state;
    /* The first outputs of SplitMix64 from state 0, as printed by Vigna's reference splitmix64.c:
     * 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f. gsl_rng_get returns their high
     * 32 bits, gsl_rng_uniform their high 53 bits over 2^53. */
    gsl_rng *r = eng_stream_alloc();
    assert_non_null(r);
    assert_string_equal(gsl_rng_name(r), "eng_splitmix64");
    assert_int_equal(gsl_rng_min(r), 0);
    assert_int_equal(gsl_rng_max(r), 0xffffffffUL);
    eng_stream_load(r, 0);
    assert_int_equal(gsl_rng_get(r), 0xe220a839UL);
    assert_int_equal(gsl_rng_get(r), 0x6e789e6aUL);
    assert_int_equal(gsl_rng_get(r), 0x06c45d18UL);
    eng_stream_load(r, 0);
    assert_true(gsl_rng_uniform(r) == (double)(0xe220a8397b1dcdafULL >> 11) * 0x1.0p-53);
    gsl_rng_free(r);
}

static void test_load_and_state_round_trip(void **state)
{
    (void)state;
    gsl_rng *r = eng_stream_alloc();
    assert_non_null(r);
    static const uint64_t states[] = { 0, 1, 0x0123456789abcdefULL, UINT64_MAX };
    for (size_t i = 0; i < sizeof states / sizeof *states; i++) {
        eng_stream_load(r, states[i]);
        assert_true(eng_stream_state(r) == states[i]);
        /* One draw advances the state by one step (mod 2^64). */
        gsl_rng_get(r);
        assert_true(eng_stream_state(r) == states[i] + GOLDEN);
        gsl_rng_uniform(r);
        assert_true(eng_stream_state(r) == states[i] + 2 * GOLDEN);
    }
    /* Saving the state mid-stream and loading it later replays the same draws, as a model does
     * when it switches from one person to another. */
    eng_stream_load(r, 12345);
    for (int i = 0; i < 5; i++)
        gsl_rng_get(r);
    uint64_t saved = eng_stream_state(r);
    unsigned long first[5];
    for (int i = 0; i < 5; i++)
        first[i] = gsl_rng_get(r);
    eng_stream_load(r, 999);
    gsl_rng_get(r);
    eng_stream_load(r, saved);
    for (int i = 0; i < 5; i++)
        assert_int_equal(gsl_rng_get(r), first[i]);
    gsl_rng_free(r);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_substreams_by_counter(void **state)
{
    (void)state;
    /* Substream k starts k * 2^32 steps after the key, as the header says: key + k 2^32 step. */
    const uint64_t key = 0xfeedfacecafebeefULL;
    assert_true(eng_stream_nth(key, 0) == key);
    assert_true(eng_stream_nth(key, 1) == key + (GOLDEN << 32));
    assert_true(eng_stream_nth(key, 3) == key + 3 * (GOLDEN << 32));
    /* Reproducible, and additive: substream b of substream a is substream a + b. */
    assert_true(eng_stream_nth(key, 77) == eng_stream_nth(key, 77));
    assert_true(eng_stream_nth(eng_stream_nth(key, 40), 37) == eng_stream_nth(key, 77));

    /* Distinct (key, k) give distinct starting states: 3 keys x 1000 substreams. */
    enum { NK = 3, NS = 1000 };
    static const uint64_t keys[NK] = { 1, 2, 0xfeedfacecafebeefULL };
    static uint64_t starts[NK * NS];
    for (int a = 0; a < NK; a++)
        for (int k = 0; k < NS; k++)
            starts[a * NS + k] = eng_stream_nth(keys[a], (uint64_t)k);
    qsort(starts, NK * NS, sizeof *starts, cmp_u64);
    for (int i = 1; i < NK * NS; i++)
        assert_true(starts[i] != starts[i - 1]);

    /* The first 1000 draws of 100 substreams of one key do not overlap: 10^5 doubles of 53 bits
     * all differ. Streams that shared a stretch would repeat values exactly; independent draws
     * coincide somewhere with probability about (10^5)^2 / 2 / 2^53 = 6e-7. */
    enum { NSUB = 100, NDRAW = 1000 };
    double *v = malloc(sizeof(double) * NSUB * NDRAW);
    assert_non_null(v);
    gsl_rng *r = eng_stream_alloc();
    assert_non_null(r);
    for (int k = 0; k < NSUB; k++) {
        eng_stream_load(r, eng_stream_nth(key, (uint64_t)k));
        for (int j = 0; j < NDRAW; j++)
            v[k * NDRAW + j] = gsl_rng_uniform(r);
    }
    qsort(v, NSUB * NDRAW, sizeof *v, cmp_double);
    for (int i = 1; i < NSUB * NDRAW; i++)
        assert_true(v[i] != v[i - 1]);
    free(v);
    gsl_rng_free(r);
}

static void test_spawn_and_seed(void **state)
{
    (void)state;
    gsl_rng *parent = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng *r = eng_stream_alloc();
    assert_non_null(parent);
    assert_non_null(r);
    /* A key depends on the parent's draws only: the same parent seed gives the same keys, and
     * successive keys differ (a 64-bit coincidence would have probability 2^-64). */
    gsl_rng_set(parent, 7);
    uint64_t k1 = eng_stream_spawn(parent), k2 = eng_stream_spawn(parent);
    gsl_rng_set(parent, 7);
    assert_true(eng_stream_spawn(parent) == k1);
    assert_true(eng_stream_spawn(parent) == k2);
    assert_true(k1 != k2);
    /* gsl_rng_set seeds reproducibly too, and different seeds give different streams. */
    gsl_rng_set(r, 5);
    unsigned long a = gsl_rng_get(r);
    gsl_rng_set(r, 5);
    assert_int_equal(gsl_rng_get(r), a);
    gsl_rng_set(r, 6);
    assert_true(gsl_rng_get(r) != a);
    gsl_rng_free(parent);
    gsl_rng_free(r);
}

/* Fails with the statistic and its bound when x2 reaches the bound. */
#define assert_chi_square_below(x2, bound)                                                      \
    do {                                                                                        \
        double x_ = (x2), b_ = (bound);                                                         \
        if (!(x_ < b_))                                                                         \
            fail_msg("chi-square %s = %.1f, bound %.1f", #x2, x_, b_);                         \
    } while (0)

/* Pearson's chi-square of the counts in `bins` equal cells against the uniform expectation. */
static double chi_square(const long *count, int bins, long n)
{
    double expected = (double)n / bins, x2 = 0;
    for (int b = 0; b < bins; b++)
        x2 += (count[b] - expected) * (count[b] - expected) / expected;
    return x2;
}

static void test_uniformity(void **state)
{
    (void)state;
    /* Chi-square tests of equal cells, bounded by the upper 10^-6 quantile of the chi-square law
     * with bins - 1 degrees of freedom (181 for 99): a uniform generator exceeds it for one key in
     * a million, while one that puts 10% too many of 10^6 draws in one of 100 cells (1000 extra, 10
     * standard errors of that cell's count) adds about 100 to the expected 99 and exceeds it. The
     * keys are fixed, so the test is deterministic. */
    enum { BINS = 100, N = 1000000, BYTE_BINS = 256 };
    const double bound = gsl_cdf_chisq_Qinv(1e-6, BINS - 1);
    const double byte_bound = gsl_cdf_chisq_Qinv(1e-6, BYTE_BINS - 1);
    gsl_rng *r = eng_stream_alloc();
    assert_non_null(r);

    /* Within one substream: doubles from gsl_rng_uniform in 100 cells, and the top byte of the
     * 32-bit outputs in 256 cells. */
    static long count[BINS], bytes[BYTE_BINS];
    eng_stream_load(r, 0x5eed);
    double sum = 0;
    for (long i = 0; i < N; i++) {
        double u = gsl_rng_uniform(r);
        assert_true(u >= 0.0 && u < 1.0);
        sum += u;
        count[(int)(u * BINS)]++;
        bytes[gsl_rng_get(r) >> 24]++;
    }
    assert_chi_square_below(chi_square(count, BINS, N), bound);
    assert_chi_square_below(chi_square(bytes, BYTE_BINS, N), byte_bound);
    /* The mean of 10^6 uniforms has standard error 1/sqrt(12 * 10^6) = 2.9e-4; 5 standard errors
     * (1.4e-3) give a false failure probability below 10^-6. */
    assert_abs(sum / N, 0.5, 1.5e-3);

    /* Across substreams: the first draw of each of 10^6 consecutive substreams (one per person in
     * a model) is uniform too, which is what makes the substreams independent starting points. */
    static long first[BINS];
    for (long k = 0; k < N; k++) {
        eng_stream_load(r, eng_stream_nth(0xabcdef, (uint64_t)k));
        first[(int)(gsl_rng_uniform(r) * BINS)]++;
    }
    assert_chi_square_below(chi_square(first, BINS, N), bound);
    gsl_rng_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_published_outputs),
        cmocka_unit_test(test_load_and_state_round_trip),
        cmocka_unit_test(test_substreams_by_counter),
        cmocka_unit_test(test_spawn_and_seed),
        cmocka_unit_test(test_uniformity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
