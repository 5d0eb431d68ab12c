/* eng_stats.c — Mean, standard deviation and exact type 7 quantiles over replications, the
 * Erlang C formulas of the M/M/c queue, and the Wilson and exact Poisson intervals. */
#include "eng_stats.h"

#include <math.h>
#include <gsl/gsl_cdf.h>

static void swap(double *w, size_t i, size_t j)
{
    double t = w[i];
    w[i] = w[j];
    w[j] = t;
}

static double median3(double x, double y, double z)
{
    if (x > y) {
        double t = x;
        x = y;
        y = t;
    }
    return z < x ? x : (z > y ? y : z);
}

/* Moves the k-th smallest of w[lo..hi) (k is an index into w, lo <= k < hi) to w[k], with nothing
 * larger before it and nothing smaller after it. The median-of-three pivot keeps sorted and
 * reverse-sorted input linear, and the three-way partition keeps runs of equal values (frequent:
 * counts over replications) linear too. The pivot choice is deterministic, so results and running
 * times do not depend on any random state. */
static void select_k(double *w, size_t lo, size_t hi, size_t k)
{
    while (hi - lo > 1) {
        double pivot = median3(w[lo], w[lo + (hi - lo) / 2], w[hi - 1]);
        /* Invariant: [lo, lt) < pivot, [lt, i) == pivot, [gt, hi) > pivot. */
        size_t lt = lo, i = lo, gt = hi;
        while (i < gt) {
            if (w[i] < pivot)
                swap(w, lt++, i++);
            else if (w[i] > pivot)
                swap(w, i, --gt);
            else
                i++;
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return;
    }
}

/* Places the order statistics ks[0..m) (sorted ascending, each in [lo, hi)) at their indices,
 * with w[lo..hi) partitioned around each of them. Selecting the middle one first splits the
 * segment, so that the others search only their side: for the five summary quantiles this visits
 * about 2.5 n values instead of 3.5 n for selections one after the other. */
static void select_many(double *w, size_t lo, size_t hi, const size_t *ks, size_t m)
{
    if (m == 0)
        return;
    size_t mid = m / 2, k = ks[mid];
    select_k(w, lo, hi, k);
    size_t left = mid, right = mid + 1;
    while (left > 0 && ks[left - 1] == k)
        left--;
    while (right < m && ks[right] == k)
        right++;
    select_many(w, lo, k, ks, left);
    select_many(w, k + 1, hi, ks + right, m - right);
}

static size_t order_index(size_t n, double p)
{
    return (size_t)floor((double)(n - 1) * p);
}

/* Type 7 quantile of p over w[0..n), once w is partitioned around k = floor((n - 1) p) and around
 * `upper` (the next selected index above k, or n - 1): the order statistic that follows w[k] is
 * then the smallest of w[k+1..upper]. */
static double interpolate(const double *w, size_t n, double p, size_t upper)
{
    double h = (double)(n - 1) * p;
    size_t k = order_index(n, p);
    double frac = h - (double)k;
    if (frac == 0.0)
        return w[k];
    double next = w[k + 1];
    for (size_t i = k + 2; i <= upper; i++)
        if (w[i] < next)
            next = w[i];
    return w[k] + frac * (next - w[k]);
}

double eng_stats_quantile_select(double *w, size_t n, double p)
{
    if (n == 0 || !(p >= 0.0 && p <= 1.0))
        return NAN;
    select_k(w, 0, n, order_index(n, p));
    return interpolate(w, n, p, n - 1);
}

/* The value of order statistic t (0-based) given counts[j] of the value lo + j. */
static double counted_stat(const double *counts, size_t range, double lo, size_t t)
{
    double cum = 0;
    for (size_t j = 0; j < range; j++) {
        cum += counts[j];
        if (cum > (double)t)
            return lo + (double)j;
    }
    return lo + (double)(range - 1);
}

/* Type 7 quantiles of whole numbers in [lo, lo + range) from their counts. Counts over
 * replications (persons, entries, exits) are most series; counting them is linear and moves no
 * data. */
static void counted_quantiles(const double *counts, size_t range, double lo, size_t m,
                              const double *probs, double *q)
{
    for (int i = 0; i < 5; i++) {
        double h = (double)(m - 1) * probs[i];
        size_t k = order_index(m, probs[i]);
        double frac = h - (double)k;
        double a = counted_stat(counts, range, lo, k);
        q[i] = frac == 0.0 ? a : a + frac * (counted_stat(counts, range, lo, k + 1) - a);
    }
}

void eng_stats_summary_compute(const double *x, size_t stride, size_t n, double *work,
                               eng_stats_summary *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (!isnan(v))
            work[m++] = v;
    }
    out->n = m;
    if (m == 0) {
        out->mean = out->sd = NAN;
        out->p05 = out->p25 = out->p50 = out->p75 = out->p95 = NAN;
        return;
    }
    /* Two passes: the mean, then squared deviations from it, with the corrected two-pass term
     * (sum of deviations)^2 / m that removes most of the rounding error left in the mean. */
    double sum = 0, lo = work[0], hi = work[0];
    int integral = 1;
    for (size_t i = 0; i < m; i++) {
        double v = work[i];
        sum += v;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        integral &= v == nearbyint(v);
    }
    double mean = sum / (double)m;
    double ss = 0, dev = 0;
    for (size_t i = 0; i < m; i++) {
        double d = work[i] - mean;
        ss += d * d;
        dev += d;
    }
    out->mean = mean;
    out->sd = m > 1 ? sqrt(fmax(ss - dev * dev / (double)m, 0.0) / (double)(m - 1)) : 0.0;

    static const double probs[5] = {0.05, 0.25, 0.50, 0.75, 0.95};
    double q[5];
    if (integral && hi - lo < (double)m && hi - lo < 1e9) {
        /* The values are no longer needed in work, which now holds the counts. */
        size_t range = (size_t)(hi - lo) + 1;
        for (size_t j = 0; j < range; j++)
            work[j] = 0;
        for (size_t i = 0; i < n; i++) {
            double v = x[i * stride];
            if (!isnan(v))
                work[(size_t)(v - lo)] += 1;
        }
        counted_quantiles(work, range, lo, m, probs, q);
        out->p05 = q[0];
        out->p25 = q[1];
        out->p50 = q[2];
        out->p75 = q[3];
        out->p95 = q[4];
        return;
    }
    size_t ks[5];
    for (int i = 0; i < 5; i++)
        ks[i] = order_index(m, probs[i]);
    select_many(work, 0, m, ks, 5);
    for (int i = 0; i < 5; i++) {
        /* Each interpolation scans only up to the next larger selected index. */
        size_t upper = m - 1;
        for (int j = 4; j > i; j--)
            if (ks[j] > ks[i])
                upper = ks[j];
        q[i] = interpolate(work, m, probs[i], upper);
    }
    out->p05 = q[0];
    out->p25 = q[1];
    out->p50 = q[2];
    out->p75 = q[3];
    out->p95 = q[4];
}

/* Erlang B by the recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)), which stays in [0, 1] and
 * avoids the overflow of a^c / c! for large c; then C = c B / (c - a (1 - B)). */
double eng_stats_erlang_c(unsigned c, double a)
{
    if (a >= (double)c)
        return 1.0;
    double b = 1.0;
    for (unsigned k = 1; k <= c; k++)
        b = a * b / ((double)k + a * b);
    return (double)c * b / ((double)c - a * (1.0 - b));
}

/* Wq = C / (c mu - lambda); an unstable queue (lambda >= c mu) grows without bound. */
double eng_stats_mmc_wq(unsigned c, double lambda, double mu)
{
    double capacity = (double)c * mu;
    if (lambda >= capacity)
        return HUGE_VAL;
    return eng_stats_erlang_c(c, lambda / mu) / (capacity - lambda);
}

/* Little's law on the queue: Lq = lambda Wq. */
double eng_stats_mmc_lq(unsigned c, double lambda, double mu)
{
    return lambda * eng_stats_mmc_wq(c, lambda, mu);
}

void eng_stats_wilson(size_t x, size_t n, double alpha, double *lo, double *hi)
{
    if (n == 0) {
        *lo = *hi = NAN;
        return;
    }
    double z = gsl_cdf_ugaussian_Qinv(alpha / 2), p = (double)x / (double)n;
    double z2n = z * z / (double)n;
    double centre = (p + z2n / 2) / (1 + z2n);
    double half = z * sqrt(p * (1 - p) / (double)n + z2n / (4.0 * (double)n)) / (1 + z2n);
    *lo = fmax(0, centre - half);
    *hi = fmin(1, centre + half);
}

/* The quantile of order p of the gamma law of shape a and scale 1, by bisection on its
 * distribution function: gsl_cdf_gamma_Pinv fails to converge (and aborts) for shapes in the
 * hundreds of thousands, which the entries of a region over a few years reach; the bisection is
 * exact to rounding for every shape, and its few hundred evaluations cost nothing here. */
static double gamma_quantile(double p, double a)
{
    double lo = 0, hi = a + 10 * sqrt(a) + 10;
    while (gsl_cdf_gamma_P(hi, a, 1) < p)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
        double mid = lo + (hi - lo) / 2;
        if (gsl_cdf_gamma_P(mid, a, 1) < p)
            lo = mid;
        else
            hi = mid;
    }
    return lo + (hi - lo) / 2;
}

void eng_stats_poisson_exact(size_t k, double exposure, double alpha, double *lo, double *hi)
{
    *lo = k ? gamma_quantile(alpha / 2, (double)k) / exposure : 0;
    *hi = gamma_quantile(1 - alpha / 2, (double)k + 1) / exposure;
}
