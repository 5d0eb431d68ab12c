/* eng_dist.h — Duration distributions: parse the scenario syntax, draw values and residual times,
 * give moments, and print the canonical text that run.ini stores. Values are in months. */
#ifndef ENG_DIST_H
#define ENG_DIST_H

#include <stddef.h>
#include <gsl/gsl_rng.h>
#include "eng_error.h"

typedef enum {
    ENG_DIST_NONE = 0,     /* "none": no draw (for example no reneging) */
    ENG_DIST_EXPONENTIAL,  /* exponential(mean=M) */
    ENG_DIST_GAMMA,        /* gamma(mean=M, sd=S) */
    ENG_DIST_LOGNORMAL,    /* lognormal(mean=M, sd=S) */
    ENG_DIST_WEIBULL,      /* weibull(shape=K, scale=L) */
    ENG_DIST_FIXED,        /* fixed(V) */
    ENG_DIST_EMPIRICAL     /* empirical(v1, v2, ...): each listed value equally likely */
} eng_dist_kind;

/* Plain data. p1, p2 are the parameters as the user wrote them (mean and sd, shape and scale, or
 * the fixed value); a, b are the derived parameters used to draw (gamma shape and scale, lognormal
 * mu and sigma, ...). An empirical distribution owns `values` (sorted ascending, n of them) and
 * `cum` (cumulative sums of values, for length-biased draws): release with eng_dist_clear. */
typedef struct eng_dist {
    eng_dist_kind kind;
    double p1, p2;
    double a, b;
    double *values;
    double *cum;
    size_t n;
} eng_dist;

/* Parses `text` (surrounding blanks ignored, names case-insensitive, parameters by name in any
 * order). On error returns ENG_EINPUT with a message saying what was expected, for example
 * `unknown distribution "gama" (expected exponential, gamma, lognormal, weibull, fixed, empirical
 * or none)` or `gamma: sd must be > 0, got -1`. `none` is accepted; callers that forbid it check
 * kind. On failure *d is left as ENG_DIST_NONE with nothing to free. */
int eng_dist_parse(const char *text, eng_dist *d, eng_error *err);

/* A standard exponential variate (mean 1) by the ziggurat method of Marsaglia and Tsang (2000):
 * one 32-bit draw, a table look-up and a multiplication in 99 % of the calls, where
 * gsl_ran_exponential takes a logarithm. The layer index and the value use disjoint bits of the
 * draw (8 and 24), so that they are independent. The generator must give 32 random bits
 * (MT19937 and eng_stream do). */
double eng_dist_exponential(gsl_rng *r);

/* Draws one value (>= 0). ENG_DIST_NONE returns +infinity. */
double eng_dist_sample(const eng_dist *d, gsl_rng *r);

/* Draws the forward recurrence time: the time left to run for a duration that was already under
 * way at a random instant of a stationary renewal process (density S(x)/mean). This is what an
 * initial caseload needs so that the start is not artificially synchronised. */
double eng_dist_sample_residual(const eng_dist *d, gsl_rng *r);

double eng_dist_mean(const eng_dist *d);   /* +infinity for ENG_DIST_NONE */
double eng_dist_sd(const eng_dist *d);

/* Writes the canonical text (for example `gamma(mean=6, sd=3)`) that eng_dist_parse reads back to
 * the same distribution; numbers use the shortest form that round-trips. Returns the length that
 * the full text needs, as snprintf does. */
int eng_dist_format(const eng_dist *d, char *buf, size_t size);

/* Deep copy; dst must not hold an empirical distribution that is still owned. */
int eng_dist_copy(eng_dist *dst, const eng_dist *src, eng_error *err);

/* Frees what an empirical distribution owns and resets *d to ENG_DIST_NONE. NULL is a no-op. */
void eng_dist_clear(eng_dist *d);

#endif
