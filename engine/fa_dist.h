/* fa_dist.h — Duration distributions: parse the scenario syntax, draw values and residual times,
 * give moments, and print the canonical text that run.ini stores. Values are in months. */
#ifndef FA_DIST_H
#define FA_DIST_H

#include <stddef.h>
#include <gsl/gsl_rng.h>
#include "fa_error.h"

typedef enum {
    FA_DIST_NONE = 0,     /* "none": no draw (for example no reneging) */
    FA_DIST_EXPONENTIAL,  /* exponential(mean=M) */
    FA_DIST_GAMMA,        /* gamma(mean=M, sd=S) */
    FA_DIST_LOGNORMAL,    /* lognormal(mean=M, sd=S) */
    FA_DIST_WEIBULL,      /* weibull(shape=K, scale=L) */
    FA_DIST_FIXED,        /* fixed(V) */
    FA_DIST_EMPIRICAL     /* empirical(v1, v2, ...): each listed value equally likely */
} fa_dist_kind;

/* Plain data. p1, p2 are the parameters as the user wrote them (mean and sd, shape and scale, or
 * the fixed value); a, b are the derived parameters used to draw (gamma shape and scale, lognormal
 * mu and sigma, ...). An empirical distribution owns `values` (sorted ascending, n of them) and
 * `cum` (cumulative sums of values, for length-biased draws): release with fa_dist_clear. */
typedef struct fa_dist {
    fa_dist_kind kind;
    double p1, p2;
    double a, b;
    double *values;
    double *cum;
    size_t n;
} fa_dist;

/* Parses `text` (surrounding blanks ignored, names case-insensitive, parameters by name in any
 * order). On error returns FA_EINPUT with a message saying what was expected, for example
 * `unknown distribution "gama" (expected exponential, gamma, lognormal, weibull, fixed, empirical
 * or none)` or `gamma: sd must be > 0, got -1`. `none` is accepted; callers that forbid it check
 * kind. On failure *d is left as FA_DIST_NONE with nothing to free. */
int fa_dist_parse(const char *text, fa_dist *d, fa_error *err);

/* A standard exponential variate (mean 1) by the ziggurat method of Marsaglia and Tsang (2000):
 * one 32-bit draw, a table look-up and a multiplication in 99 % of the calls, where
 * gsl_ran_exponential takes a logarithm. The layer index and the value use disjoint bits of the
 * draw (8 and 24), so that they are independent. The generator must give 32 random bits
 * (MT19937 and fa_stream do). */
double fa_exponential(gsl_rng *r);

/* Draws one value (>= 0). FA_DIST_NONE returns +infinity. */
double fa_dist_sample(const fa_dist *d, gsl_rng *r);

/* Draws the forward recurrence time: the time left to run for a duration that was already under
 * way at a random instant of a stationary renewal process (density S(x)/mean). This is what an
 * initial caseload needs so that the start is not artificially synchronised. */
double fa_dist_sample_residual(const fa_dist *d, gsl_rng *r);

double fa_dist_mean(const fa_dist *d);   /* +infinity for FA_DIST_NONE */
double fa_dist_sd(const fa_dist *d);

/* Writes the canonical text (for example `gamma(mean=6, sd=3)`) that fa_dist_parse reads back to
 * the same distribution; numbers use the shortest form that round-trips. Returns the length that
 * the full text needs, as snprintf does. */
int fa_dist_format(const fa_dist *d, char *buf, size_t size);

/* Deep copy; dst must not hold an empirical distribution that is still owned. */
int fa_dist_copy(fa_dist *dst, const fa_dist *src, fa_error *err);

/* Frees what an empirical distribution owns and resets *d to FA_DIST_NONE. NULL is a no-op. */
void fa_dist_clear(fa_dist *d);

#endif
