/* ea_uncertainty_split.h — A scenario's projection under its [uncertainty] parameters: bands over
 * parameter points and replications, and each indicator's variance split into parameter and noise. */
#ifndef EA_UNCERTAINTY_SPLIT_H
#define EA_UNCERTAINTY_SPLIT_H

#include <stdio.h>

#include "../engine/eng_csv.h"
#include <stddef.h>

#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "ea_results.h"
#include "ea_uncertainty.h"

#define EA_UNCERTAINTY_POINTS 32          /* parameter points by default */
#define EA_UNCERTAINTY_MAX_BYTES (512.0 * 1024 * 1024)   /* every value of every point, at most */

typedef struct ea_uncertainty_split_options {
    long replications;          /* per point; <= 0: the scenario's (at least 2) */
    long seed;                  /* < 0: the scenario's */
    int threads;                /* 0: one per core */
    int points;                 /* <= 0: EA_UNCERTAINTY_POINTS */
    void (*progress)(size_t done, size_t total, void *data);   /* runs done; may be NULL */
    void *progress_data;
} ea_uncertainty_split_options;

/* One series (scope, year, indicator) over the N points × R replications y_ir. The replications
 * use common random numbers (replication r draws the same stream at every point), so y_ir =
 * μ + a_i + b_r + (ab)_ir is a two-way layout without repetition, and by the law of total
 * variance, Var = E[Var | θ] + Var[E | θ]:
 *   var_noise = E[Var | θ], the mean over points of each point's variance over its replications
 *               (divisor R - 1: unbiased);
 *   var_parameter = Var[E | θ] = max(0, (MS_points - MS_interaction) / R), where MS_points =
 *               R Σ (m_i - m)² / (N - 1) and MS_interaction = Σ (y_ir - m_i - b_r + m)² /
 *               ((N - 1)(R - 1)): the replication effect b_r, common to the points, is taken out,
 *               and the noise left in the points' means (MS_interaction / R) subtracted;
 *   var_total = their sum, share_parameter = var_parameter / var_total (0 when both are 0).
 * The band is the 5 % and 95 % quantiles of the N R values together (both sources). */
typedef struct ea_uncertainty_split_row {
    int scope, period, ind;
    double mean, lower90, upper90, var_total, var_parameter, var_noise, share_parameter;
} ea_uncertainty_split_row;

typedef struct ea_uncertainty_split {
    char scenario[4096];
    ea_uncertainty u;
    int npoints;
    long replications;
    unsigned long seed;
    ea_results *labels;         /* the first point's run: the names of scopes, years, indicators */
    int nrows;
    ea_uncertainty_split_row *rows;
    int outside;                /* values that left their domain: 0 by construction */
} ea_uncertainty_split;

/* Runs the scenario at path at each point of a Latin hypercube over its [uncertainty] laws (point
 * i from the seed alone: ea_uncertainty_lhs_row), the same replications and seed at each, and
 * splits every annual series. ENG_EINPUT, in French with the fix, without [uncertainty], or with
 * fewer than 2 replications or points, or when the values would take more than
 * EA_UNCERTAINTY_MAX_BYTES. */
int ea_uncertainty_split_compute(const char *path, const ea_uncertainty_split_options *opt,
                                 ea_uncertainty_split *out, eng_error *err);
void ea_uncertainty_split_clear(ea_uncertainty_split *s);   /* NULL is a no-op */

/* The split of one series from its values y[i R + r] (exposed for the tests). */
void ea_uncertainty_split_series(const double *y, int npoints, int reps, ea_uncertainty_split_row *row);

/* Writes uncertainty.csv (ea_tables.h) into out. */
int ea_uncertainty_split_write(const ea_uncertainty_split *s, eng_out *out, const eng_csv_style *style,
                               eng_error *err);

/* Prints, in French, the region's last year: each indicator's mean, 90 % band and the share of
 * its variance due to the parameters. */
void ea_uncertainty_split_print(const ea_uncertainty_split *s, FILE *f);

#endif
