/* eng_stats.h — Statistics over Monte Carlo replications: mean, standard deviation and exact
 * quantiles of one series of values, and the Erlang C formulas the engine is validated against. */
#ifndef ENG_STATS_H
#define ENG_STATS_H

#include <stddef.h>

/* Summary of one indicator over replications. Values that are NaN (an undefined ratio in one
 * replication, such as a cost per exit with no exit) are left out; n counts the values used and
 * every field is NaN when n is 0. */
typedef struct eng_summary {
    size_t n;
    double mean, sd;                  /* sd with divisor n - 1 (0 when n == 1) */
    double p05, p25, p50, p75, p95;   /* exact quantiles, type 7 (linear between order statistics,
                                         as R's default and GSL's gsl_stats_quantile_from_sorted_data) */
} eng_summary;

/* Summarises x[0..n-1], taken with stride `stride` (in elements). `work` must hold n doubles; the
 * input is not modified. Runs in O(n) expected time (quickselect), so that tens of thousands of
 * series of a thousand replications summarise in a fraction of a second. */
void eng_summary_compute(const double *x, size_t stride, size_t n, double *work, eng_summary *out);

/* Type 7 quantile of p in [0, 1] over w[0..n-1]; reorders w. NaN when n == 0. */
double eng_quantile_select(double *w, size_t n, double p);

/* Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu
 * (in erlangs) and c servers; 1 when a >= c. Computed with the stable Erlang B recursion. */
double eng_erlang_c(unsigned c, double a);

/* Mean wait in queue Wq and mean number waiting Lq of a stable M/M/c queue (lambda < c mu), in the
 * time unit of the rates. */
double eng_mmc_wq(unsigned c, double lambda, double mu);
double eng_mmc_lq(unsigned c, double lambda, double mu);

#endif
