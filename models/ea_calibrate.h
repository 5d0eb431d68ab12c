/* ea_calibrate.h — Calibration of scenario parameters to observed aggregates: a bounded simplex
 * search of a Gaussian deviance under common random numbers, profile intervals and identifiability. */
#ifndef EA_CALIBRATE_H
#define EA_CALIBRATE_H

#include "../engine/eng_error.h"
#include "../engine/eng_ini.h"
#include "../engine/eng_runner.h"
#include "ea_calibrate_obs.h"
#include "ea_param.h"
#include "ea_results.h"

#define EA_CALIBRATE_MAX_FREE 8

/* The 95 % threshold of a deviance profile: the 0.95 quantile of chi-square with 1 degree of
 * freedom. */
#define EA_CALIBRATE_DELTA95 3.841458820694124

/* The acceptance criterion of history matching (Vernon et al. 2010, after Pukelsheim's three-sigma
 * rule): every used row's implausibility |observed - mean| / sqrt(variance) below 3. */
#define EA_CALIBRATE_MAX_IMPLAUSIBILITY 3.0

/* The stopping rule of the search: the simplex's size (the mean distance of its vertices to their
 * centre, in the transformed coordinates, where 1 is a large move) below the tolerance, or the
 * evaluations of the search at the maximum. */
#define EA_CALIBRATE_TOLERANCE 0.02
#define EA_CALIBRATE_MAX_EVALUATIONS 120

/* The phases of the work, each evaluation recorded with its own (trace.csv). */
typedef enum ea_calibrate_phase {
    EA_CALIBRATE_SEARCH, EA_CALIBRATE_HESSIAN, EA_CALIBRATE_ESTIMATE
} ea_calibrate_phase;

/* The name of a phase in trace.csv: search, hessian, estimate. */
const char *ea_calibrate_phase_name(ea_calibrate_phase phase);

/* A free parameter: --free KEY=LO:HI. */
typedef struct ea_calibrate_free {
    ea_param param;
    double lo, hi;              /* the bounds given */
    double original;            /* the scenario's value */
    double start;               /* where the search starts: the scenario's value, or the middle */
    int start_moved;            /* the scenario's value lay outside the bounds: start at the middle */
    int start_spread;           /* defaults.KEY: the departments had different values */
    double estimate, lower95, upper95;
    int at_bound;               /* -1 at the lower bound, 1 at the upper (within 1 % of the range) */
    int flat_low, flat_high;    /* the profile stays under the threshold down (up) to the bound */
    int identified;             /* not flat to both bounds, and on no ridge */
} ea_calibrate_free;

/* Parses KEY=LO:HI into f (bounds checked against the key's domain). Errors in French with the
 * fix: unknown key, LO >= HI, bounds outside the domain. */
int ea_calibrate_free_parse(const char *spec, ea_calibrate_free *f, eng_error *err);

typedef struct ea_calibrate_options {
    long replications;          /* <= 0: the scenario's */
    long seed;                  /* < 0: the scenario's */
    int threads;                /* 0: one per core */
    const char *until;          /* YYYY-MM-DD: rows after it are held out; NULL: none */
    int max_evaluations;        /* of the search; 0: EA_CALIBRATE_MAX_EVALUATIONS */
    double tolerance;           /* 0: EA_CALIBRATE_TOLERANCE */
    void (*progress)(int evaluation, double objective, void *data);   /* may be NULL */
    void *progress_data;
} ea_calibrate_options;

/* One evaluation of the objective. */
typedef struct ea_calibrate_step {
    int phase;
    double objective;           /* +infinity when the scenario could not run */
    double x[EA_CALIBRATE_MAX_FREE];
} ea_calibrate_step;

typedef struct ea_calibrate {
    char scenario[4096], observed[4096], until[16];
    long replications;
    unsigned long seed;
    int nfree;
    ea_calibrate_free free[EA_CALIBRATE_MAX_FREE];
    ea_calibrate_obs obs;       /* matched at the estimate */
    ea_calibrate_step *trace;   /* every evaluation, in order */
    int ntrace, cap;
    int outside;                /* evaluations outside a bound or a domain: 0 by construction */
    int search_evaluations, iterations, converged, max_evaluations;
    double size, tolerance;     /* the simplex's last size and the tolerance */
    double objective, chi2;     /* at the estimate */
    int nused, nheld, nunmatched, in_band;
    double max_implausibility;
    int criterion_met;
    double dispersion;          /* max(1, chi-square per degree of freedom): widens the intervals */
    int hessian_ok;             /* the deviance's Hessian at the estimate is positive definite */
    double corr[EA_CALIBRATE_MAX_FREE][EA_CALIBRATE_MAX_FREE];  /* of the estimates; NaN unknown */
    int nbacktest, backtest_in_band;
    double mape;                /* percent, over the held-out rows with a non-zero figure */
    ea_results *final;          /* the run at the estimate (the charts' series) */
    eng_ini *ini;               /* the scenario file, its free keys at the estimate */
    long threads;
    void (*progress)(int evaluation, double objective, void *data);
    void *progress_data;
} ea_calibrate;

/* Calibrates the free parameters f[0..n) of the scenario at path to the observed file: every
 * evaluation runs the same replications with the same seed (common random numbers), the search is
 * Nelder-Mead's simplex (gsl_multimin_fminimizer_nmsimplex2) on logit((x - LO) / (HI - LO)) so
 * that no evaluation leaves its bounds, then the intervals are profiled (ea_calibrate_interval.h)
 * and the scenario run at the estimate. ENG_EINPUT, in French with the fix, for a free key the
 * scenario does not have, or no observed row inside the simulated period before --until. */
int ea_calibrate_compute(const char *path, const char *observed, const ea_calibrate_free *f, int n,
                         const ea_calibrate_options *opt, ea_calibrate *out, eng_error *err);
void ea_calibrate_clear(ea_calibrate *c);   /* NULL is a no-op */

/* The months a run must simulate for the objective: from the first month `start` to the last month
 * a used row (not held out, inside the `months` simulated) needs — a dated row's month, a year row's
 * December —, or `months` when no row is inside. */
int ea_calibrate_months_needed(const ea_calibrate_obs *obs, int start, int months);

/* Runs the scenario with the free parameters at x (natural units), records the evaluation in the
 * trace under `phase` (every phase but the estimate stops at ea_calibrate_months_needed), and
 * returns the deviance in *objective (matching the rows: they then hold
 * the run's means). keep, when not NULL, receives the run (ea_results_free it). */
int ea_calibrate_evaluate(ea_calibrate *c, const double *x, ea_calibrate_phase phase,
                          ea_results **keep, double *objective, eng_error *err);

#endif
