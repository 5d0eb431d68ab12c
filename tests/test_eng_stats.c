/* test_eng_stats.c — Unit tests of engine/eng_stats: type 7 quantiles against hand-computed values and
 * against GSL on sorted copies, mean and sd against GSL, NaN handling, stride, adversarial orders,
 * and the Erlang C formulas against an independent direct sum. */
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "test_util.h"
#include "engine/eng_stats.h"

static void test_quantiles_one_to_ten(void **state)
{
    (void)state;
    double x[10] = {7, 3, 10, 1, 9, 2, 8, 5, 4, 6}, copy[10], work[10];
    memcpy(copy, x, sizeof x);
    eng_stats_summary s;
    eng_stats_summary_compute(x, 1, 10, work, &s);
    /* R: quantile(1:10, c(.05, .25, .5, .75, .95)) gives 1.45 3.25 5.50 7.75 9.55. These decimals
     * are not exact in binary and the interpolation rounds once or twice, so here and below 1e-14
     * (1e-15 for a mean of whole numbers) allows a few ulps and nothing more. */
    assert_int_equal(s.n, 10);
    assert_rel(s.p05, 1.45, 1e-14);
    assert_rel(s.p25, 3.25, 1e-14);
    assert_rel(s.p50, 5.5, 1e-14);
    assert_rel(s.p75, 7.75, 1e-14);
    assert_rel(s.p95, 9.55, 1e-14);
    assert_rel(s.mean, 5.5, 1e-15);
    assert_rel(s.sd, sqrt(55.0 / 6.0), 1e-14);   /* sum of squared deviations 82.5, over 9 */
    assert_memory_equal(x, copy, sizeof x);       /* the input is left alone */
}

static void test_small_n(void **state)
{
    (void)state;
    double one = 4.25, two[2] = {3, 1}, work[2];
    eng_stats_summary s;
    eng_stats_summary_compute(&one, 1, 1, work, &s);
    assert_int_equal(s.n, 1);
    assert_true(s.mean == 4.25 && s.sd == 0);
    assert_true(s.p05 == 4.25 && s.p25 == 4.25 && s.p50 == 4.25 && s.p75 == 4.25 && s.p95 == 4.25);

    /* n = 2: quantile p is 1 + 2p, linear between the two values. */
    eng_stats_summary_compute(two, 1, 2, work, &s);
    assert_int_equal(s.n, 2);
    assert_rel(s.mean, 2, 1e-15);
    assert_rel(s.sd, sqrt(2.0), 1e-15);
    assert_rel(s.p05, 1.1, 1e-14);
    assert_rel(s.p25, 1.5, 1e-14);
    assert_rel(s.p50, 2.0, 1e-14);
    assert_rel(s.p75, 2.5, 1e-14);
    assert_rel(s.p95, 2.9, 1e-14);

    assert_true(isnan(eng_stats_quantile_select(work, 0, 0.5)));
    double w[3] = {2, 9, 4};
    assert_true(eng_stats_quantile_select(w, 3, 0.0) == 2);
    assert_true(eng_stats_quantile_select(w, 3, 1.0) == 9);
    assert_true(isnan(eng_stats_quantile_select(w, 3, 1.5)));
    assert_true(isnan(eng_stats_quantile_select(w, 3, NAN)));
}

static void test_nan_skipped(void **state)
{
    (void)state;
    double x[13] = {NAN, 7, 3, 10, NAN, 1, 9, 2, 8, 5, 4, 6, NAN}, work[13];
    eng_stats_summary s;
    eng_stats_summary_compute(x, 1, 13, work, &s);
    assert_int_equal(s.n, 10);
    assert_rel(s.mean, 5.5, 1e-15);
    assert_rel(s.p05, 1.45, 1e-14);
    assert_rel(s.p95, 9.55, 1e-14);

    double all_nan[3] = {NAN, NAN, NAN};
    eng_stats_summary_compute(all_nan, 1, 3, work, &s);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean) && isnan(s.sd));
    assert_true(isnan(s.p05) && isnan(s.p25) && isnan(s.p50) && isnan(s.p75) && isnan(s.p95));

    eng_stats_summary_compute(all_nan, 1, 0, work, &s);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.p50));
}

static void test_stride(void **state)
{
    (void)state;
    /* Three interleaved series; the middle one (offset 1, stride 3) is 1..10 shuffled. */
    double x[30], work[10];
    const double mid[10] = {7, 3, 10, 1, 9, 2, 8, 5, 4, 6};
    for (int i = 0; i < 10; i++) {
        x[3 * i] = -100.0 - i;
        x[3 * i + 1] = mid[i];
        x[3 * i + 2] = 1000.0 + i;
    }
    eng_stats_summary s;
    eng_stats_summary_compute(x + 1, 3, 10, work, &s);
    assert_int_equal(s.n, 10);
    assert_rel(s.mean, 5.5, 1e-15);
    assert_rel(s.p05, 1.45, 1e-14);
    assert_rel(s.p25, 3.25, 1e-14);
    assert_rel(s.p50, 5.5, 1e-14);
    assert_rel(s.p75, 7.75, 1e-14);
    assert_rel(s.p95, 9.55, 1e-14);
}

/* Compares every field with GSL on a sorted copy; quantiles are compared within a few ulps of the
 * data scale, since GSL interpolates as (1 - d) x + d y and eng_stats as x + d (y - x). */
static void check_against_gsl(const double *x, size_t n)
{
    double *work = malloc(n * sizeof *work), *sorted = malloc(n * sizeof *sorted);
    assert_non_null(work);
    assert_non_null(sorted);
    memcpy(sorted, x, n * sizeof *x);
    gsl_sort(sorted, 1, n);
    double scale = fabs(sorted[0]) > fabs(sorted[n - 1]) ? fabs(sorted[0]) : fabs(sorted[n - 1]);
    double tol = 1e-14 * (scale > 1 ? scale : 1);
    eng_stats_summary s;
    eng_stats_summary_compute(x, 1, n, work, &s);
    assert_int_equal(s.n, n);
    assert_abs(s.mean, gsl_stats_mean(x, 1, n), tol);
    /* The sds come from sums of up to 1001 squared deviations, accumulated in different ways, whose
     * rounding grows with n: about n eps = 2e-13 of the scale, within 1e-12. */
    if (n > 1)
        assert_abs(s.sd, gsl_stats_sd(x, 1, n), 1e-12 * (scale > 1 ? scale : 1));
    assert_abs(s.p05, gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.05), tol);
    assert_abs(s.p25, gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.25), tol);
    assert_abs(s.p50, gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.50), tol);
    assert_abs(s.p75, gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.75), tol);
    assert_abs(s.p95, gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.95), tol);
    /* Arbitrary probabilities through the public single-quantile entry point. */
    for (double p = 0; p <= 1.0; p += 0.0625) {
        memcpy(work, x, n * sizeof *x);
        double expected = gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
        assert_abs(eng_stats_quantile_select(work, n, p), expected, tol);
    }
    free(work);
    free(sorted);
}

static void test_random_against_gsl(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 12345);
    double x[1001];
    for (size_t n = 1; n <= 1001; n += (n < 60 ? 1 : 157)) {
        /* Continuous values, then heavy ties (8 distinct levels), then mostly one value. */
        for (size_t i = 0; i < n; i++)
            x[i] = 100 * gsl_rng_uniform(r) - 30;
        check_against_gsl(x, n);
        for (size_t i = 0; i < n; i++)
            x[i] = (double)gsl_rng_uniform_int(r, 8);
        check_against_gsl(x, n);
        for (size_t i = 0; i < n; i++)
            x[i] = gsl_rng_uniform(r) < 0.9 ? 2.5 : gsl_rng_uniform(r);
        check_against_gsl(x, n);
    }
    gsl_rng_free(r);
}

/* The quantiles of real values, found by buckets of their range when the statistics' buckets hold
 * few values and by selection otherwise, are the very order statistics interpolated: the same bits
 * as the single-quantile entry point, which always selects, on shapes that spread (uniform), that
 * bunch near the bottom (a third of zeros and a long tail, as waits are), that bunch in one bucket
 * beyond what is gathered, that span the whole range of doubles, that span two ulps of 1, and
 * that span two of the smallest subnormal steps (a scale that overflows). */
static void test_buckets_are_order_statistics(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2026);
    enum { N = 3001 };
    double *x = malloc(N * sizeof *x), *work = malloc(N * sizeof *work);
    assert_non_null(x);
    assert_non_null(work);
    static const double probs[5] = { 0.05, 0.25, 0.50, 0.75, 0.95 };
    for (int shape = 0; shape < 6; shape++)
        for (size_t n = 16; n <= N; n = n * 3 + 1) {
            for (size_t i = 0; i < n; i++) {
                double u = gsl_rng_uniform_pos(r);
                x[i] = shape == 0   ? 50 * u - 7
                       : shape == 1 ? (u < 0.3 ? 0 : -1e4 * log(gsl_rng_uniform_pos(r)))
                       : shape == 2 ? (u < 0.8 ? 1.5 + 1e-3 * u : 1e6 * u)
                       : shape == 3 ? (u - 0.5) * 1e308 * 3
                       : shape == 4 ? 1 + (double)(i % 3) * DBL_EPSILON
                                    : (double)(i % 3) * DBL_TRUE_MIN;
            }
            eng_stats_summary s;
            eng_stats_summary_compute(x, 1, n, work, &s);
            double q[5] = { s.p05, s.p25, s.p50, s.p75, s.p95 };
            for (int k = 0; k < 5; k++) {
                memcpy(work, x, n * sizeof *x);
                double want = eng_stats_quantile_select(work, n, probs[k]);
                if (memcmp(&q[k], &want, sizeof want) != 0)
                    fail_msg("shape %d, n %zu, p %g: %.17g, not %.17g", shape, n, probs[k], q[k],
                             want);
            }
        }
    free(x);
    free(work);
    gsl_rng_free(r);
}

/* Sorted, reverse-sorted, all-equal and organ-pipe inputs of 400 001 values: a naive first-element
 * pivot or a two-way partition would make these quadratic (minutes); they must stay linear. */
static void test_adversarial_orders(void **state)
{
    (void)state;
    enum { N = 400001 };
    double *x = malloc(N * sizeof *x), *work = malloc(N * sizeof *work);
    assert_non_null(x);
    assert_non_null(work);
    eng_stats_summary s;
    /* Quantiles of 0..N-1 are (N - 1) p exactly; p itself is not exact in binary, hence a relative
     * 1e-12 rather than equality. */
    for (int order = 0; order < 3; order++) {
        for (size_t i = 0; i < N; i++)
            x[i] = order == 0 ? (double)i : order == 1 ? (double)(N - 1 - i)
                                                       : (double)(i % 2 ? N - 1 - i / 2 : i / 2);
        eng_stats_summary_compute(x, 1, N, work, &s);
        assert_rel(s.p05, 0.05 * (N - 1), 1e-12);
        assert_rel(s.p25, 0.25 * (N - 1), 1e-12);
        assert_rel(s.p50, 0.50 * (N - 1), 1e-12);
        assert_rel(s.p75, 0.75 * (N - 1), 1e-12);
        assert_rel(s.p95, 0.95 * (N - 1), 1e-12);
    }
    for (size_t i = 0; i < N; i++)
        x[i] = 3.0;
    eng_stats_summary_compute(x, 1, N, work, &s);
    assert_true(s.p05 == 3 && s.p50 == 3 && s.p95 == 3 && s.mean == 3 && s.sd == 0);
    free(x);
    free(work);
}

/* Erlang C by the textbook direct sum, written independently of the recursion:
 * C = (a^c/c!) (c/(c-a)) / (sum_{k<c} a^k/k! + (a^c/c!) (c/(c-a))). */
static double erlang_c_direct(unsigned c, double a)
{
    double term = 1, sum = 0;   /* term = a^k / k! */
    for (unsigned k = 0; k < c; k++) {
        sum += term;
        term *= a / (k + 1);
    }
    double top = term * c / (c - a);
    return top / (sum + top);
}

static void test_erlang_c(void **state)
{
    (void)state;
    /* One server: the probability of waiting is the utilisation. */
    assert_rel(eng_stats_erlang_c(1, 0.3), 0.3, 1e-15);
    assert_rel(eng_stats_erlang_c(1, 0.9), 0.9, 1e-15);
    assert_rel(eng_stats_erlang_c(2, 1.0), 1.0 / 3.0, 1e-15);
    /* Textbook table: c = 5, rho = 0.8 gives C = 0.5541; 5e-5 is half a unit of its fourth
     * decimal. Against the direct sum, two orders of summation of c terms differ by rounding that
     * grows with c: 1e-13 for 10 servers, 1e-11 for 100. */
    assert_abs(eng_stats_erlang_c(5, 4.0), 0.5541, 5e-5);
    assert_rel(eng_stats_erlang_c(5, 4.0), erlang_c_direct(5, 4.0), 1e-13);
    assert_rel(eng_stats_erlang_c(10, 7.5), erlang_c_direct(10, 7.5), 1e-13);
    double big = eng_stats_erlang_c(100, 90.0);
    assert_true(isfinite(big) && big > 0 && big < 1);
    assert_rel(big, erlang_c_direct(100, 90.0), 1e-11);
    /* Saturated or overloaded systems always wait; no load never waits. */
    assert_true(eng_stats_erlang_c(3, 3.0) == 1.0);
    assert_true(eng_stats_erlang_c(3, 7.0) == 1.0);
    assert_true(eng_stats_erlang_c(4, 0.0) == 0.0);
    /* Thousands of servers stay finite where a^c / c! would overflow. */
    double huge = eng_stats_erlang_c(5000, 4900.0);
    assert_true(isfinite(huge) && huge > 0 && huge < 1);
}

static void test_mmc_wait(void **state)
{
    (void)state;
    /* M/M/1, lambda = 0.5, mu = 1: Wq = rho / (mu - lambda) = 1, Lq = rho^2 / (1 - rho) = 0.5. */
    assert_rel(eng_stats_mmc_wq(1, 0.5, 1.0), 1.0, 1e-15);
    assert_rel(eng_stats_mmc_lq(1, 0.5, 1.0), 0.5, 1e-15);
    /* M/M/2, lambda = 1, mu = 1: C = 1/3, Wq = C / (2 - 1). */
    assert_rel(eng_stats_mmc_wq(2, 1.0, 1.0), 1.0 / 3.0, 1e-15);
    assert_rel(eng_stats_mmc_lq(2, 1.0, 1.0), 1.0 / 3.0, 1e-15);
    /* c = 5, lambda = 2 per month, mu = 0.5 per month (a = 4): Wq = C / (2.5 - 2) months. */
    assert_rel(eng_stats_mmc_wq(5, 2.0, 0.5), erlang_c_direct(5, 4.0) / 0.5, 1e-13);
    assert_rel(eng_stats_mmc_lq(5, 2.0, 0.5), 2.0 * erlang_c_direct(5, 4.0) / 0.5, 1e-13);
    assert_true(isinf(eng_stats_mmc_wq(2, 2.0, 1.0)));
    assert_true(isinf(eng_stats_mmc_lq(2, 3.0, 1.0)));
}

/* Whole numbers take a counting path; shifting them by a half takes the selection path. The two
 * must agree exactly, shift apart, on data with many ties and on a constant series: over a range
 * of 37 values (counted on the stack) and of 600 (counted in the work buffer, from the input read
 * again, where a NaN is left out). */
static void test_counting_path_agrees(void **state)
{
    (void)state;
    enum { N = 1001 };
    double x[N], y[N], work[N];
    eng_stats_summary a, b;
    static const unsigned ranges[] = { 37, 600 };
    for (int r = 0; r < 2; r++) {
        unsigned s = 12345;
        for (int i = 0; i < N; i++) {
            s = s * 1103515245u + 12345u;
            x[i] = (double)((s >> 16) % ranges[r]) + 100;
            y[i] = x[i] + 0.5;
        }
        if (r)
            x[7] = y[7] = NAN;
        eng_stats_summary_compute(x, 1, N, work, &a);
        eng_stats_summary_compute(y, 1, N, work, &b);
        assert_int_equal((int)a.n, r ? N - 1 : N);
        /* Values near 100 to 700 have ulps of 1.4e-14 to 1.1e-13: 1e-12 leaves room for the two
         * interpolations. The sums of these whole and half numbers are exact, so the means differ
         * by 0.5 up to the rounding of two divisions. */
        assert_abs(b.p05 - a.p05, 0.5, 1e-12);
        assert_abs(b.p25 - a.p25, 0.5, 1e-12);
        assert_abs(b.p50 - a.p50, 0.5, 1e-12);
        assert_abs(b.p75 - a.p75, 0.5, 1e-12);
        assert_abs(b.p95 - a.p95, 0.5, 1e-12);
        assert_abs(b.mean - a.mean, 0.5, 1e-12);
    }
    for (int i = 0; i < N; i++)
        x[i] = 645;
    eng_stats_summary_compute(x, 1, N, work, &a);
    assert_true(a.p05 == 645 && a.p95 == 645 && a.sd == 0 && a.mean == 645);
    /* Two replications, 3 and 8: type 7 gives 3.25 at 5 %, 5.5 at the median. */
    double two[2] = { 8, 3 };
    eng_stats_summary_compute(two, 1, 2, work, &a);
    assert_abs(a.p05, 3.25, 1e-12);
    assert_abs(a.p50, 5.5, 1e-12);
    assert_abs(a.p95, 7.75, 1e-12);
}

/* A series of one fractional value (no counting): every quantile is that value, whatever the
 * interpolation weights; the mean of seven 0.1 is rounded (0.7000000000000001 / 7), so its sd is the
 * rounding's, far below 1e-16. A series of one whole value among NaN reads as that value. */
static void test_constant_series(void **state)
{
    (void)state;
    double x[7], work[7];
    for (int i = 0; i < 7; i++)
        x[i] = 0.1;
    eng_stats_summary s;
    eng_stats_summary_compute(x, 1, 7, work, &s);
    assert_true(s.p05 == 0.1 && s.p25 == 0.1 && s.p50 == 0.1 && s.p75 == 0.1 && s.p95 == 0.1);
    assert_abs(s.mean, 0.1, 1e-16);
    assert_abs(s.sd, 0, 1e-16);
    for (int i = 0; i < 7; i++)
        x[i] = i % 3 ? 12 : NAN;
    eng_stats_summary_compute(x, 1, 7, work, &s);
    assert_int_equal(s.n, 4);
    assert_true(s.p05 == 12 && s.p50 == 12 && s.p95 == 12 && s.mean == 12 && s.sd == 0);
    /* Every value infinite: that value, with no spread (not inf - inf). */
    for (int i = 0; i < 7; i++)
        x[i] = INFINITY;
    eng_stats_summary_compute(x, 1, 7, work, &s);
    assert_true(isinf(s.p05) && isinf(s.p95) && isinf(s.mean) && s.sd == 0);
}

/* The variance of whole numbers counted is exactly rounded. The values 10^9 + 0 .. 10^9 + 10,
 * each nine times (m = 99), have the sample variance 99 x 10 / 98 (the population variance of
 * 0 .. 10 is (11^2 - 1) / 12 = 10), so their sd is sqrt(990 / 98) to the last bit, whatever the
 * offset; 0 .. 99 999 (m = 10^5, range m - 1: m S2 would pass 2^53, so two passes) have the
 * sample variance m (m + 1) / 12. */
static void test_exact_variance(void **state)
{
    (void)state;
    enum { M = 99, BIG = 100000 };
    double x[M], work[M];
    for (int i = 0; i < M; i++)
        x[i] = 1e9 + (double)((i * 4) % 11);
    eng_stats_summary s;
    eng_stats_summary_compute(x, 1, M, work, &s);
    assert_true(s.sd == sqrt(990.0 / 98.0));
    assert_true(s.mean == 1e9 + 5);
    assert_true(s.p50 == 1e9 + 5 && s.p05 == 1e9 && s.p95 == 1e9 + 10);
    double *big = malloc(2 * BIG * sizeof *big);
    assert_non_null(big);
    for (int i = 0; i < BIG; i++)
        big[i] = (double)((i * 7919L) % BIG);
    eng_stats_summary_compute(big, 1, BIG, big + BIG, &s);
    assert_abs(s.sd, sqrt(BIG * (BIG + 1.0) / 12.0), 1e-12 * s.sd);
    assert_true(s.mean == (BIG - 1) / 2.0);
    free(big);
}

/* Wilson 95 % intervals against the published table of Newcombe (1998, Statistics in Medicine
 * 17, 857-872, method 3), and 8/10 against the usual textbook value [0.490, 0.943]. */
static void test_wilson(void **state)
{
    (void)state;
    static const struct {
        size_t x, n;
        double lo, hi;
    } cases[] = { { 8, 10, 0.4902, 0.9433 },   { 81, 263, 0.2553, 0.3662 },
                  { 15, 148, 0.0624, 0.1605 }, { 0, 20, 0.0, 0.1611 },
                  { 1, 29, 0.0061, 0.1718 } };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double lo, hi;
        eng_stats_wilson(cases[i].x, cases[i].n, 0.05, &lo, &hi);
        assert_abs(lo, cases[i].lo, 5e-5);
        assert_abs(hi, cases[i].hi, 5e-5);
    }
    /* All successes: the upper bound is 1, the lower n / (n + z^2) with z^2 = 3.8415. */
    double lo, hi;
    eng_stats_wilson(10, 10, 0.05, &lo, &hi);
    assert_abs(hi, 1, 0);
    assert_abs(lo, 10 / (10 + 3.841459), 1e-6);
    eng_stats_wilson(0, 0, 0.05, &lo, &hi);
    assert_true(isnan(lo) && isnan(hi));
}

/* Exact Poisson 95 % intervals against the table of Garwood's limits (as in Ulm 1990 and the
 * usual tables): 10 events give [4.795, 18.390]; 0 events [0, 3.689], the upper one being
 * -ln 0.025. */
static void test_poisson_exact(void **state)
{
    (void)state;
    static const struct {
        size_t k;
        double lo, hi;
    } cases[] = { { 0, 0, 3.6889 }, { 1, 0.0253, 5.5716 }, { 5, 1.6235, 11.6683 },
                  { 10, 4.7954, 18.3904 } };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double lo, hi;
        eng_stats_poisson_exact(cases[i].k, 1, 0.05, &lo, &hi);
        assert_abs(lo, cases[i].lo, 5e-5);
        assert_abs(hi, cases[i].hi, 5e-5);
    }
    double lo, hi;
    eng_stats_poisson_exact(0, 1, 0.05, &lo, &hi);
    assert_abs(hi, -log(0.025), 1e-9);
    /* The same 10 events over 2 months: a rate per month, half the bounds. */
    eng_stats_poisson_exact(10, 2, 0.05, &lo, &hi);
    assert_abs(lo, 4.7954 / 2, 5e-5);
    assert_abs(hi, 18.3904 / 2, 5e-5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counting_path_agrees),
        cmocka_unit_test(test_constant_series),
        cmocka_unit_test(test_exact_variance),
        cmocka_unit_test(test_quantiles_one_to_ten),
        cmocka_unit_test(test_small_n),
        cmocka_unit_test(test_nan_skipped),
        cmocka_unit_test(test_stride),
        cmocka_unit_test(test_random_against_gsl),
        cmocka_unit_test(test_buckets_are_order_statistics),
        cmocka_unit_test(test_adversarial_orders),
        cmocka_unit_test(test_erlang_c),
        cmocka_unit_test(test_mmc_wait),
        cmocka_unit_test(test_wilson),
        cmocka_unit_test(test_poisson_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
