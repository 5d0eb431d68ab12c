/* eng_stats.h — Statistics over Monte Carlo replications (mean, standard deviation, exact quantiles),
 * the Erlang C formulas the engine is validated against, and intervals of shares and rates. */
#ifndef ENG_STATS_H
#define ENG_STATS_H

#include <stddef.h>

/* The 0.975 quantile of the standard normal distribution, for two-sided 95 % intervals. */
#define ENG_STATS_Z95 1.959963984540054

/* Summary of one indicator over replications. Values that are NaN (an undefined ratio in one
 * replication, such as a cost per exit with no exit) are left out; n counts the values used and
 * every field is NaN when n is 0. */
typedef struct eng_stats_summary {
    size_t n;
    double mean, sd;                  /* sd with divisor n - 1 (0 when n == 1) */
    double p05, p25, p50, p75, p95;   /* exact quantiles, type 7 (linear between order statistics,
                                         as R's default and GSL's gsl_stats_quantile_from_sorted_data) */
} eng_stats_summary;

/* Summarises x[0..n-1], taken with stride `stride` (in elements). `work` must hold n doubles; the
 * input is not modified. Runs in O(n) expected time (whole numbers counted, real ones placed in
 * buckets of their range, or selected when they bunch), so that tens of thousands of series of a
 * thousand replications summarise in a fraction of a second. */
void eng_stats_summary_compute(const double *x, size_t stride, size_t n, double *work,
                               eng_stats_summary *out);

/* Type 7 quantile of p in [0, 1] over w[0..n-1]; reorders w. NaN when n == 0. */
double eng_stats_quantile_select(double *w, size_t n, double p);

/* Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu
 * (in erlangs) and c servers; 1 when a >= c. Computed with the stable Erlang B recursion. */
double eng_stats_erlang_c(unsigned c, double a);

/* Mean wait in queue Wq and mean number waiting Lq of a stable M/M/c queue (lambda < c mu), in the
 * time unit of the rates. */
double eng_stats_mmc_wq(unsigned c, double lambda, double mu);
double eng_stats_mmc_lq(unsigned c, double lambda, double mu);

/* Wilson's score interval of a share, x successes in n trials, two-sided with the probability
 * alpha left outside (0.05 for a 95 % interval, alpha / 2 in each tail): unlike p +- z se it stays
 * within [0, 1] and keeps its coverage for small n and for shares near 0 or 1. Both bounds are
 * NaN when n is 0. */
void eng_stats_wilson(size_t x, size_t n, double alpha, double *lo, double *hi);

/* The exact (Garwood) interval of a Poisson rate from k events over an exposure (the rate is per
 * unit of exposure: per month for months), two-sided with the probability alpha left outside: the
 * quantile alpha / 2 of the gamma law of shape k and the quantile 1 - alpha / 2 of the gamma law
 * of shape k + 1, divided by the exposure (the chi-square form halved). The lower bound is 0 when
 * k is 0. */
void eng_stats_poisson_exact(size_t k, double exposure, double alpha, double *lo, double *hi);

#endif
