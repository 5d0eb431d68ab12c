/* eng_survival.h — Survival analysis of right-censored durations (months) for `eaflow fit`: the
 * Kaplan–Meier curve and maximum-likelihood fits of the simulation's duration families. */
#ifndef ENG_SURVIVAL_H
#define ENG_SURVIVAL_H

#include <stddef.h>

#include "eng_dist.h"
#include "eng_error.h"

/* The observations grouped exactly by distinct duration: for each distinct value, how many spells
 * ended there (events) and how many were still running at the as-of date (censored). Opaque. */
typedef struct eng_survival eng_survival;

/* Reads n durations t[i] >= 0 with event[i] = 1 when the spell ended after t[i] months and 0 when
 * it was still running then (right-censored), and groups them with one sort, in O(n log n). Every
 * later computation costs O(distinct durations): durations computed from day-resolution dates
 * take a few thousand distinct values even for a million people, which is what makes the fits
 * fast. Returns ENG_EINPUT when n is 0, a duration is negative or not finite, or a flag is neither
 * 0 nor 1, and ENG_EFAIL when out of memory; *out is NULL on failure. */
int eng_survival_alloc(const double *t, const unsigned char *event, size_t n, eng_survival **out,
                       eng_error *err);
void eng_survival_free(eng_survival *s); /* NULL is a no-op */

size_t eng_survival_n(const eng_survival *s); /* observations */
size_t eng_survival_nevents(const eng_survival *s); /* observations with event = 1 */
size_t eng_survival_ntimes(const eng_survival *s); /* distinct durations */

/* One step of the Kaplan–Meier curve, at a duration where at least one spell ended. */
typedef struct eng_survival_km_row {
    double time;        /* months */
    size_t at_risk;     /* durations >= time: spells censored at exactly `time` are still at risk */
    size_t events;      /* spells that ended at `time` */
    size_t censored;    /* spells censored in [time, next row's time), or after time for the last */
    double survival;    /* S(time), the probability of still being in the spell just after time */
    double se;          /* Greenwood standard error S sqrt(sum d / (r (r - d))); NaN once S is 0 */
    double lower95;     /* pointwise 95 % interval by the log-log transform (below), within */
    double upper95;     /* [0, 1]; NaN once S is 0, where the transform is undefined */
} eng_survival_km_row;

/* The Kaplan–Meier estimate. S(t) = 1 before the first row and is constant between rows. The 95 %
 * band is exp(-exp(log(-log S) +- 1.96 s)) with s = sqrt(sum d / (r (r - d))) / |log S|, Stata's
 * default and R's survfit(conf.type = "log-log"): unlike the plain S +- 1.96 se it stays inside
 * (0, 1) and keeps its coverage better in small risk sets and near 0 and 1. The median is the first row time with S <= 1/2 (NaN when the curve never gets there); its
 * interval is Brookmeyer–Crowley's read off the band: the first row times where the lower and the
 * upper band reach 1/2 (NaN for an end that is not reached). Comparisons with 1/2 allow 1e-12 so
 * that a product that is exactly 1/2 in exact arithmetic counts. */
typedef struct eng_survival_km {
    size_t n, nevents;
    size_t censored_before;    /* censored before the first row (all of them when there is none) */
    size_t nrows;
    eng_survival_km_row *rows; /* owned: release with eng_survival_km_clear */
    double median, median_lower95, median_upper95;
    double rmst_tau;           /* the largest duration observed, events and censorings alike */
    double rmst;               /* restricted mean: the integral of S from 0 to rmst_tau, months */
} eng_survival_km;

/* Fills *out. With no event at all the curve has no row and S = 1 throughout (median NaN), which
 * is what the data say; only the parametric fits need an event. ENG_EFAIL when out of memory, with
 * *out left empty. */
int eng_survival_km_estimate(const eng_survival *s, eng_survival_km *out, eng_error *err);

/* Frees the rows and empties *km. NULL is a no-op. */
void eng_survival_km_clear(eng_survival_km *km);

typedef enum eng_survival_family {
    ENG_SURVIVAL_EXPONENTIAL,
    ENG_SURVIVAL_GAMMA,
    ENG_SURVIVAL_LOGNORMAL,
    ENG_SURVIVAL_WEIBULL,
    ENG_SURVIVAL_NFAMILIES
} eng_survival_family;

/* One maximum-likelihood fit. The parameters are given twice: p1, p2 as the simulation's syntax
 * writes them (exponential: mean, p2 NaN; gamma and lognormal: mean and sd; weibull: shape and
 * scale) and native1, native2 as the textbook parameterisation (exponential: rate per month,
 * native2 NaN; gamma: shape k and scale theta; lognormal: mu and sigma of the log-duration;
 * weibull: shape k and scale lambda). The 95 % interval of the mean is by the delta method on the
 * log of the mean, with the covariance taken as the inverse of the observed information (a central
 * finite-difference Hessian of the log-likelihood in the log-parameters; exact for the
 * exponential, whose interval is mean exp(+-1.96 / sqrt(events))); it is NaN when that matrix is
 * not positive definite. When ok is 0 the family could not be fitted and every double is NaN:
 * fewer than two distinct event durations (a two-parameter likelihood is then unbounded or flat),
 * an optimum at the edge of the search range (gamma shape in [1e-3, 1e5], Weibull shape in [1e-2,
 * 1e3], lognormal sigma in [1e-3, 30]; gamma mean, lognormal e^mu and Weibull scale in [e^-30,
 * e^30] months: for example a gamma shape of 1e5 when all durations are equal), or no
 * convergence. */
typedef struct eng_survival_fit {
    eng_survival_family family;
    int ok;
    int nparams;                           /* k of the AIC: 1 or 2 */
    double p1, p2;
    double native1, native2;
    double mean, mean_lower95, mean_upper95;   /* months */
    double sd;                             /* standard deviation of the fitted law, months */
    double loglik; /* maximised log-likelihood (see eng_survival_fit_all) */
    double aic;                            /* 2 nparams - 2 loglik */
    double delta_aic;                      /* aic minus the smallest aic of the ok fits */
    int rank;                              /* 1 for the smallest aic, 2, ...; 0 when not ok */
} eng_survival_fit;

/* Fits the four families by maximum likelihood under right censoring: the log-likelihood is the
 * sum over events of log f(t) plus the sum over censored spells of log S(t), the same data for all
 * families so that their AICs compare. A spell that ended at duration 0 has log f(0) infinite or
 * undefined for most families; it is taken as ended at h/2, the middle of [0, h) where h is the
 * smallest positive duration observed (one day for durations computed from dates), and a spell
 * censored at 0 contributes log S(0) = 0. The exponential has a closed form (rate = events /
 * total time); the others maximise with GSL's Nelder–Mead simplex on log-parameters (gamma: log
 * shape and log mean; lognormal: mu and log sigma; weibull: log shape and log scale), started from
 * a regression on the Kaplan–Meier curve for the Weibull and from the Weibull's mean and sd for
 * the two others. fits[f] describes family f; *chosen (which may be NULL) is the ok fit of smallest
 * AIC, ties going to fewer parameters then to the enum order. ENG_EINPUT when no spell ended or all
 * durations are 0, with fits[] all not ok; ENG_EFAIL when out of memory. */
int eng_survival_fit_all(const eng_survival *s, eng_survival_fit fits[ENG_SURVIVAL_NFAMILIES],
                         eng_survival_family *chosen, eng_error *err);

/* "exponential", "gamma", "lognormal" or "weibull" (the names of the simulation's syntax); NULL
 * for a value out of range. */
const char *eng_survival_family_name(eng_survival_family f);

/* Writes the fit in the simulation's syntax, for example `gamma(mean=6.125, sd=3.2)`, with each
 * parameter rounded to 4 significant digits and then printed in its shortest form: far finer than
 * the statistical uncertainty of any fit, and still readable in a scenario file. Returns the
 * length that the full text needs, as snprintf does, or -1 (with an empty buf) for a fit that is
 * not ok. */
int eng_survival_fit_format(const eng_survival_fit *f, char *buf, size_t size);

/* Fills *d with the distribution that eng_survival_fit_format writes (rounded the same way), through
 * eng_dist_parse, so that the simulation runs exactly what the text says. ENG_EINPUT for a fit that
 * is not ok. */
int eng_survival_fit_to_dist(const eng_survival_fit *f, eng_dist *d, eng_error *err);

#endif
