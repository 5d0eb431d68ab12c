/* eng_stats.c — Mean, standard deviation and exact type 7 quantiles over replications, the
 * Erlang C formulas of the M/M/c queue, and the Wilson and exact Poisson intervals. */
#include "eng_stats.h"

#include <math.h>
#include <stdint.h>
#include <gsl/gsl_cdf.h>

static void swap(double *w, size_t i, size_t j)
{
    double t = w[i];
    w[i] = w[j];
    w[j] = t;
}

/* Orders w[i] <= w[j] <= w[k]. */
static void sort3(double *w, size_t i, size_t j, size_t k)
{
    if (w[j] < w[i])
        swap(w, i, j);
    if (w[k] < w[j]) {
        swap(w, j, k);
        if (w[j] < w[i])
            swap(w, i, j);
    }
}

/* Moves the values of w[from..hi) below the pivot (with or_equal, those not above it) to the
 * front of the range, and returns where the others start. Every value is swapped with the
 * first of those not moved, and the boundary advances by the comparison's result: no branch
 * depends on the data, which a partition of random values would mispredict half the time. */
static size_t partition(double *w, size_t from, size_t hi, double pivot, int or_equal)
{
    size_t b = from;
    if (or_equal) {
        for (size_t i = from; i < hi; i++) {
            double x = w[i];
            w[i] = w[b];
            w[b] = x;
            b += !(pivot < x);
        }
    } else {
        for (size_t i = from; i < hi; i++) {
            double x = w[i];
            w[i] = w[b];
            w[b] = x;
            b += x < pivot;
        }
    }
    return b;
}

/* Moves the k-th smallest of w[lo..hi) (k is an index into w, lo <= k < hi) to w[k], with nothing
 * larger before it and nothing smaller after it. Each round partitions around the median of three
 * (sorted and reverse-sorted input stay linear) into the values below the pivot and the others;
 * when k falls among the others, they are split again into those equal to the pivot and those
 * above, so that runs of equal values (frequent: counts over replications) end the search instead
 * of shrinking it one value at a time. The pivot choice is deterministic, so results and running
 * times do not depend on any random state; segments of three or fewer values are sorted. */
static void select_k(double *w, size_t lo, size_t hi, size_t k)
{
    while (hi - lo > 3) {
        size_t mid = lo + (hi - lo) / 2;
        sort3(w, lo, mid, hi - 1);
        double pivot = w[mid];
        size_t lt = partition(w, lo, hi, pivot, 0);
        if (k < lt) {
            hi = lt;
            continue;
        }
        size_t le = partition(w, lt, hi, pivot, 1);   /* [lt, le) equal the pivot: not empty */
        if (k < le)
            return;
        lo = le;
    }
    if (hi - lo == 3)
        sort3(w, lo, lo + 1, lo + 2);
    else if (hi - lo == 2 && w[lo + 1] < w[lo])
        swap(w, lo, lo + 1);
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

/* The order statistics ts[0..m) (0-based) given counts[j] of the value lo + j, into vals:
 * statistic t is the first lo + j whose cumulative count passes t. Ascending statistics take one
 * scan of the counts; the scan starts again only where one is smaller than the one before (a
 * statistic and its successor can pass the next quantile's when there are few values). */
static void counted_stats(const double *counts, size_t range, double lo, const size_t *ts, int m,
                          double *vals)
{
    size_t j = 0;
    double cum = counts[0];
    for (int i = 0; i < m; i++) {
        if (i > 0 && ts[i] < ts[i - 1]) {
            j = 0;
            cum = counts[0];
        }
        while (j + 1 < range && !(cum > (double)ts[i]))
            cum += counts[++j];
        vals[i] = lo + (double)j;
    }
}

static const double probs[5] = {0.05, 0.25, 0.50, 0.75, 0.95};

/* The order statistics of m values that the five type 7 quantiles interpolate between: for each,
 * the one at floor((m - 1) p) and the next (the same at the end), in ascending order. */
static void stat_indices(size_t m, size_t ts[10])
{
    for (int i = 0; i < 5; i++) {
        ts[2 * i] = order_index(m, probs[i]);
        ts[2 * i + 1] = ts[2 * i] + 1 < m ? ts[2 * i] + 1 : m - 1;
    }
}

/* The five quantiles from the order statistics vals at stat_indices(m): the first of each pair,
 * plus the fraction of the step to the next. */
static void interpolate_stats(size_t m, const size_t ts[10], const double vals[10], double *q)
{
    for (int i = 0; i < 5; i++) {
        double h = (double)(m - 1) * probs[i];
        double frac = h - (double)ts[2 * i], a = vals[2 * i];
        q[i] = frac == 0.0 ? a : a + frac * (vals[2 * i + 1] - a);
    }
}

/* Type 7 quantiles of whole numbers in [lo, lo + range) from their counts. Counts over
 * replications (persons, entries, exits) are most series; counting them is linear and moves no
 * data. */
static void counted_quantiles(const double *counts, size_t range, double lo, size_t m, double *q)
{
    size_t ts[10];
    double vals[10];
    stat_indices(m, ts);
    counted_stats(counts, range, lo, ts, 10, vals);
    interpolate_stats(m, ts, vals, q);
}

/* Buckets of the values' range: the first holds the values equal to the least, which need
 * neither gathering nor sorting however many (no one waiting in most replications of a month),
 * the others each a 64th of the range above it. At most GATHER values are gathered from those the
 * statistics fall in, and the buckets of at most KEEP_BUCKETS values are noted on the first pass
 * for the second. */
enum { PARTS = 64, BUCKETS = PARTS + 1, GATHER = 128, KEEP_BUCKETS = 1024 };

/* Bucket of x in [lo, hi] at `scale` parts per unit: 0 for lo itself, else 1 + its part. The
 * rounded product never decreases as x grows, so the buckets keep the values' order; the top
 * edge may round into one more part. */
static size_t bucket_of(double x, double lo, double scale)
{
    size_t b = (size_t)((x - lo) * scale);
    return (b < PARTS ? b : PARTS - 1) + (x > lo);
}

/* The order statistics ts[0..10) (ascending) of w[0..m), whose values lie in [lo, hi], lo < hi,
 * into vals, by buckets of the range: one pass counts the values of each bucket, which tells the
 * bucket and rank of each statistic; a second gathers the values of those buckets alone, each
 * sorted then by insertion (a few values: about m / PARTS each when they spread). No branch of
 * the two passes depends on the data. Returns -1 when those buckets hold more than GATHER values
 * (values bunched in one place) or the range has no usable scale; selection then does it. */
static int bucketed_stats(const double *w, size_t m, double lo, double hi, const size_t ts[10],
                          double vals[10])
{
    double scale = (PARTS - 1) / (hi - lo);
    if (!(scale > 0 && scale < INFINITY))
        return -1;
    size_t count[BUCKETS] = { 0 }, start[BUCKETS], pos[BUCKETS];
    unsigned char target[BUCKETS] = { 0 }, bk[KEEP_BUCKETS];
    int keep = m <= KEEP_BUCKETS;
    for (size_t i = 0; i < m; i++) {
        size_t j = bucket_of(w[i], lo, scale);
        if (keep)
            bk[i] = (unsigned char)j;
        count[j]++;
    }
    /* Each statistic's bucket; the gathered buckets laid out one after the other, and listed. */
    size_t b = 0, before = 0, gathered = 0, tb[10], list[10], nlist = 0;
    for (int i = 0; i < 10; i++) {
        while (before + count[b] <= ts[i])
            before += count[b++];
        tb[i] = b;
        start[b] = before;
        if (b > 0 && !target[b]) {   /* the first bucket's values are all lo: not gathered */
            target[b] = 1;
            pos[b] = gathered;
            gathered += count[b];
            list[nlist++] = b;
        }
    }
    if (gathered > GATHER)
        return -1;
    /* The values of the other buckets go to a slot past the end that nothing reads. */
    double g[GATHER + 1];
    size_t off[BUCKETS];
    for (size_t j = 0; j < BUCKETS; j++) {
        if (!target[j])
            pos[j] = GATHER;
        off[j] = pos[j];
    }
    for (size_t i = 0; i < m; i++) {
        size_t j = keep ? bk[i] : bucket_of(w[i], lo, scale);
        g[pos[j]] = w[i];
        pos[j] += target[j];
    }
    for (size_t t = 0; t < nlist; t++) {
        size_t j = list[t];
        for (size_t i = off[j] + 1; i < off[j] + count[j]; i++) {
            double x = g[i];
            size_t k = i;
            for (; k > off[j] && x < g[k - 1]; k--)
                g[k] = g[k - 1];
            g[k] = x;
        }
    }
    for (int i = 0; i < 10; i++)
        vals[i] = tb[i] == 0 ? lo : g[off[tb[i]] + ts[i] - start[tb[i]]];
    return 0;
}

/* Whether v is a whole number: every double from 2^52 on is (infinities included, as for
 * nearbyint), and below that the conversion to a 64-bit integer is exact and cheap. Without a
 * branch, for the loop that reads the values: a larger value is tested as 0. */
static int whole(double v)
{
    double c = fabs(v) < 0x1p52 ? v : 0.0;
    return c == (double)(int64_t)c;
}

/* Counts of whole numbers over a range this narrow are kept on the stack and taken from the
 * copied values; a wider one (under the number of values) reuses work and reads the input again. */
enum { STACK_COUNTS = 256 };

/* Whether the whole numbers of work[0..m), in [lo, hi], are counted rather than placed in
 * buckets: when their range is narrower than their count. */
static int counted(size_t m, double lo, double hi, int integral)
{
    return integral && hi - lo < (double)m && hi - lo < 1e9 && lo != hi;
}

/* The counts of the whole numbers of work[0..m) (copied from x[0..n) with stride), in
 * [lo, lo + range): in `small` when the range is this narrow, else in work, the values being no
 * longer needed there (the input is read again). Returns where they are. */

static double *count_values(const double *x, size_t stride, size_t n, double *work, size_t m,
                            double lo, size_t range, double small[STACK_COUNTS])
{
    double *counts = range <= STACK_COUNTS ? small : work;
    for (size_t j = 0; j < range; j++)
        counts[j] = 0;
    if (counts == small) {
        for (size_t i = 0; i < m; i++)
            counts[(size_t)(work[i] - lo)] += 1;
    } else {
        for (size_t i = 0; i < n; i++) {
            double v = x[i * stride];
            if (!isnan(v))
                counts[(size_t)(v - lo)] += 1;
        }
    }
    return counts;
}

/* The sample variance of m whole numbers from their counts, exactly rounded: with j = v - lo,
 * m S2 - S1^2 (S1 the sum of the j, S2 of their squares) is a whole number computed without
 * rounding while m S2 stays under 2^53, which the caller checks from the range; one division
 * then rounds it. */
static double counted_variance(const double *counts, size_t range, size_t m)
{
    double s1 = 0, s2 = 0;
    for (size_t j = 1; j < range; j++) {
        double c = counts[j], jj = (double)j;
        s1 += c * jj;
        s2 += c * jj * jj;
    }
    double md = (double)m;
    return (md * s2 - s1 * s1) / (md * (md - 1));
}

/* The five quantiles of the real values work[0..m), in [lo, hi], lo < hi: by buckets where there
 * are enough of them to pay for the passes, else by selection. */
static void real_quantiles(double *work, size_t m, double lo, double hi, double *q)
{
    size_t ts[10];
    double vals[10];
    stat_indices(m, ts);
    if (m >= 16 && bucketed_stats(work, m, lo, hi, ts, vals) == 0) {
        interpolate_stats(m, ts, vals, q);
        return;
    }
    size_t ks[5];   /* the first statistic of each pair */
    for (int i = 0; i < 5; i++)
        ks[i] = ts[2 * i];
    select_many(work, 0, m, ks, 5);
    for (int i = 0; i < 5; i++) {
        /* Each interpolation scans only up to the next larger selected index. */
        size_t upper = m - 1;
        for (int j = 4; j > i; j--)
            if (ks[j] > ks[i])
                upper = ks[j];
        q[i] = interpolate(work, m, probs[i], upper);
    }
}

/* The sum of w[0..m) in four running sums, which the processor adds side by side (one sum waits
 * four cycles for each addition before it). Whole numbers sum exactly in any order. */
static double sum4(const double *w, size_t m)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= m; i += 4) {
        s0 += w[i];
        s1 += w[i + 1];
        s2 += w[i + 2];
        s3 += w[i + 3];
    }
    for (; i < m; i++)
        s0 += w[i];
    return (s0 + s1) + (s2 + s3);
}

/* The sample variance of w[0..m) about its mean by two passes, with the corrected term
 * (sum of deviations)^2 / m that removes most of the rounding error left in the mean. */
static double two_pass_variance(const double *w, size_t m, double mean)
{
    double ss0 = 0, ss1 = 0, dev0 = 0, dev1 = 0;
    size_t i = 0;
    for (; i + 2 <= m; i += 2) {
        double d0 = w[i] - mean, d1 = w[i + 1] - mean;
        ss0 += d0 * d0;
        ss1 += d1 * d1;
        dev0 += d0;
        dev1 += d1;
    }
    if (i < m) {
        double d = w[i] - mean;
        ss0 += d * d;
        dev0 += d;
    }
    double ss = ss0 + ss1, dev = dev0 + dev1;
    return fmax(ss - dev * dev / (double)m, 0.0) / (double)(m - 1);
}

void eng_stats_summary_compute(const double *x, size_t stride, size_t n, double *work,
                               eng_stats_summary *out)
{
    /* One pass copies the values that are not NaN and takes their range and whether they are all
     * whole numbers. */
    size_t m = 0;
    double lo = INFINITY, hi = -INFINITY;
    int integral = 1;
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (isnan(v))
            continue;
        work[m++] = v;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        integral &= whole(v);
    }
    out->n = m;
    if (m == 0) {
        out->mean = out->sd = NAN;
        out->p05 = out->p25 = out->p50 = out->p75 = out->p95 = NAN;
        return;
    }
    double mean = sum4(work, m) / (double)m, q[5];
    out->mean = mean;
    if (lo == hi) {
        /* One value (an infinite one too): no deviation, and every interpolation gives it back
         * (the counted path adds a zero, which turns a -0 into 0). */
        out->sd = 0;
        for (int i = 0; i < 5; i++)
            q[i] = integral ? lo + 0.0 : lo;
    } else if (counted(m, lo, hi, integral)) {
        /* Whole numbers in a range narrower than their count: counted, and their variance taken
         * from the counts when m S2 < m^2 (range - 1)^2 is safely exact. */
        size_t range = (size_t)(hi - lo) + 1;
        double md = (double)m, span = (double)(range - 1), small[STACK_COUNTS];
        int exact = md * md * span * span < 0x1p53;
        double var = exact || m < 2 ? 0 : two_pass_variance(work, m, mean);
        double *counts = count_values(x, stride, n, work, m, lo, range, small);
        if (exact && m > 1)
            var = counted_variance(counts, range, m);
        out->sd = sqrt(var);
        counted_quantiles(counts, range, lo, m, q);
    } else {
        out->sd = m > 1 ? sqrt(two_pass_variance(work, m, mean)) : 0.0;
        real_quantiles(work, m, lo, hi, q);
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
