/* ea_sensitivity_index.c — Saltelli's design from the Sobol sequence, Jansen's estimators, Morris's
 * trajectories and elementary effects, and their percentile bootstrap intervals. */
#include "ea_sensitivity_index.h"

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int ea_sensitivity_index_saltelli(int n, int k, double *a, double *b, eng_error *err)
{
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
    double *p = malloc((size_t)(2 * k) * sizeof *p);
    if (!q || !p) {
        gsl_qrng_free(q);
        free(p);
        return eng_error_set(err, ENG_EFAIL, "mémoire insuffisante");
    }
    gsl_qrng_get(q, p);   /* point 0: the corner (0, …, 0), left out */
    for (int j = 0; j < n; j++) {
        gsl_qrng_get(q, p);
        memcpy(a + (size_t)j * k, p, (size_t)k * sizeof *p);
        memcpy(b + (size_t)j * k, p + k, (size_t)k * sizeof *p);
    }
    gsl_qrng_free(q);
    free(p);
    return ENG_OK;
}

void ea_sensitivity_index_saltelli_row(const double *a, const double *b, int k, int i, int j, double *row)
{
    memcpy(row, a + (size_t)j * k, (size_t)k * sizeof *row);
    row[i] = b[(size_t)j * k + i];
}

/* Saltelli's first-order and Jansen's total index over the rows idx[0..n) (a bootstrap resample, or every row). */
static void jansen_on(const double *fa, const double *fb, const double *fab, const int *idx, int n,
                      double *first, double *total)
{
    double sum = 0, sum2 = 0, dfirst = 0, dtotal = 0;
    for (int m = 0; m < n; m++)
        sum += fa[idx[m]] + fb[idx[m]];
    /* f is centred first (as SALib does): the first-order sum has the same expectation, and a far
     * smaller variance when the mean is large against the spread (a file active of 500 ± 30). */
    double mean = sum / (2.0 * n);
    for (int m = 0; m < n; m++) {
        int j = idx[m];
        sum2 += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
        dfirst += (fb[j] - mean) * (fab[j] - fa[j]);
        dtotal += (fa[j] - fab[j]) * (fa[j] - fab[j]);
    }
    double v = sum2 / (2.0 * n - 1);
    /* A constant function leaves only rounding in v (below 1e-24 of the mean's square). */
    if (!(v > 1e-24 * mean * mean)) {
        *first = *total = 0;
        return;
    }
    *first = dfirst / n / v;
    *total = dtotal / (2.0 * n) / v;
}

/* The 2.5 % and 97.5 % quantiles of x[0..n), sorted in place. */
static void percentile95(double *x, int n, ea_sensitivity_index_estimate *e)
{
    gsl_sort(x, 1, (size_t)n);
    e->lower95 = gsl_stats_quantile_from_sorted_data(x, 1, (size_t)n, 0.025);
    e->upper95 = gsl_stats_quantile_from_sorted_data(x, 1, (size_t)n, 0.975);
}

/* Fills idx with n draws of 0 .. n-1 from r. */
static void resample(gsl_rng *r, int *idx, int n)
{
    for (int m = 0; m < n; m++)
        idx[m] = (int)gsl_rng_uniform_int(r, (unsigned long)n);
}

void ea_sensitivity_index_sobol(const double *fa, const double *fb, const double *fab, int n,
                           unsigned long seed, ea_sensitivity_index_estimate *first,
                           ea_sensitivity_index_estimate *total)
{
    int *idx = malloc((size_t)n * sizeof *idx);
    double *bf = malloc(EA_SENSITIVITY_BOOTSTRAP * sizeof *bf);
    double *bt = malloc(EA_SENSITIVITY_BOOTSTRAP * sizeof *bt);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    first->estimate = total->estimate = NAN;
    first->lower95 = first->upper95 = total->lower95 = total->upper95 = NAN;
    if (idx && bf && bt && r) {
        for (int j = 0; j < n; j++)
            idx[j] = j;
        jansen_on(fa, fb, fab, idx, n, &first->estimate, &total->estimate);
        gsl_rng_set(r, seed);
        for (int s = 0; s < EA_SENSITIVITY_BOOTSTRAP; s++) {
            resample(r, idx, n);
            jansen_on(fa, fb, fab, idx, n, &bf[s], &bt[s]);
        }
        percentile95(bf, EA_SENSITIVITY_BOOTSTRAP, first);
        percentile95(bt, EA_SENSITIVITY_BOOTSTRAP, total);
    }
    free(idx);
    free(bf);
    free(bt);
    gsl_rng_free(r);
}

void ea_sensitivity_index_morris_design(int r, int k, unsigned long seed, double *x, int *moved)
{
    const int p = EA_SENSITIVITY_MORRIS_LEVELS;
    const double delta = p / (2.0 * (p - 1));
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, seed);
    for (int t = 0; t < r; t++) {
        double *row = x + (size_t)t * (k + 1) * k;
        int *order = moved + (size_t)t * k;
        for (int i = 0; i < k; i++) {
            row[i] = (double)gsl_rng_uniform_int(g, (unsigned long)p) / (p - 1);
            order[i] = i;
        }
        for (int i = k - 1; i > 0; i--) {   /* Fisher-Yates: a random order of the moves */
            int j = (int)gsl_rng_uniform_int(g, (unsigned long)i + 1), tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        for (int s = 0; s < k; s++) {
            double *next = row + (size_t)(s + 1) * k;
            memcpy(next, row + (size_t)s * k, (size_t)k * sizeof *next);
            int i = order[s];
            next[i] = next[i] + delta <= 1 + 1e-12 ? next[i] + delta : next[i] - delta;
        }
    }
    gsl_rng_free(g);
}

/* mu_star and sigma of parameter i over the trajectories tr[0..n). */
static void morris_on(const double *x, const int *moved, const double *f, int k, int i,
                      const int *tr, int n, double *mu_star, double *sigma)
{
    double sum = 0, sabs = 0, sum2 = 0;
    for (int m = 0; m < n; m++) {
        int t = tr[m];
        for (int s = 0; s < k; s++) {
            if (moved[(size_t)t * k + s] != i)
                continue;
            size_t at = (size_t)t * (k + 1) + s;
            double dx = x[(at + 1) * k + i] - x[at * k + i];
            double ee = (f[at + 1] - f[at]) / dx;
            sum += ee;
            sabs += fabs(ee);
            sum2 += ee * ee;
        }
    }
    *mu_star = sabs / n;
    double mean = sum / n;
    *sigma = n > 1 ? sqrt(fmax(0, (sum2 - n * mean * mean) / (n - 1))) : 0;
}

void ea_sensitivity_index_morris(const double *x, const int *moved, const double *f, int r, int k,
                           unsigned long seed, ea_sensitivity_index_estimate *mu_star,
                           ea_sensitivity_index_estimate *sigma)
{
    int *tr = malloc((size_t)r * sizeof *tr);
    double *bm = malloc(EA_SENSITIVITY_BOOTSTRAP * sizeof *bm);
    double *bs = malloc(EA_SENSITIVITY_BOOTSTRAP * sizeof *bs);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    for (int i = 0; i < k; i++) {
        mu_star[i].estimate = sigma[i].estimate = NAN;
        mu_star[i].lower95 = mu_star[i].upper95 = sigma[i].lower95 = sigma[i].upper95 = NAN;
        if (!tr || !bm || !bs || !g)
            continue;
        for (int t = 0; t < r; t++)
            tr[t] = t;
        morris_on(x, moved, f, k, i, tr, r, &mu_star[i].estimate, &sigma[i].estimate);
        gsl_rng_set(g, seed);   /* the same resamples for every parameter */
        for (int s = 0; s < EA_SENSITIVITY_BOOTSTRAP; s++) {
            resample(g, tr, r);
            morris_on(x, moved, f, k, i, tr, r, &bm[s], &bs[s]);
        }
        percentile95(bm, EA_SENSITIVITY_BOOTSTRAP, &mu_star[i]);
        percentile95(bs, EA_SENSITIVITY_BOOTSTRAP, &sigma[i]);
    }
    free(tr);
    free(bm);
    free(bs);
    gsl_rng_free(g);
}
