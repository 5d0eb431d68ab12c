/* ea_scenarios.h — Several scenarios side by side, run with common random numbers: the mean of each
 * per scope, year and indicator, and each one's paired difference to the first with its interval. */
#ifndef EA_SCENARIOS_H
#define EA_SCENARIOS_H

#include <stdio.h>
#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "../engine/eng_runner.h"

typedef struct ea_scenarios_options {
    long replications;          /* <= 0: the first scenario's */
    long seed;                  /* < 0: the first scenario's */
    int threads;                /* 0: one per core */
    eng_runner_progress_fn progress; /* told of the scenarios run; may be NULL */
    void *progress_data;
} ea_scenarios_options;

/* The difference of one scenario to the first on one row, over replications paired by their
 * number (replication r of both drew from the same stream). */
typedef struct ea_scenarios_diff {
    double mean;                /* mean of the differences (this scenario minus the first) */
    double low, high;           /* its 95 % interval (Student); NaN with fewer than two */
    int beyond_noise;           /* the interval excludes 0; an exact difference (sd 0): it is not
                                   0 */
} ea_scenarios_diff;

/* One scope, year and indicator that every scenario has, as indices into the first scenario's
 * lists. */
typedef struct ea_scenarios_row {
    int scope, year, indicator;
} ea_scenarios_row;

typedef struct ea_scenarios {
    int n;                      /* scenarios */
    char **names;               /* their file names without .ini */
    int nscopes, nyears, nindicators;
    char **scopes;              /* the first scenario's: departments, then "region" */
    char **years;               /* YYYY */
    char **indicators;
    int nrows;
    ea_scenarios_row *rows;     /* in the first scenario's order: scope, year, indicator */
    double *mean;               /* [row * n + scenario]: the mean over replications */
    ea_scenarios_diff *diff;    /* [row * n + scenario], scenario >= 1 ([row * n] is unused) */
} ea_scenarios;

/* Loads the n scenarios (all are read and checked before any runs; two with the same file name
 * are an error), runs them with the same seed and replications (common random numbers: those of
 * opt, else the first scenario's) and computes, for every scope, year and indicator they all have,
 * the mean of each and the paired difference of each to the first. Scenarios should share their
 * departments' codes: a scope missing from one is left out. */
int ea_scenarios_compute(const char *const *paths, int n, const ea_scenarios_options *opt,
                         ea_scenarios *out, eng_error *err);
void ea_scenarios_clear(ea_scenarios *s);   /* NULL is a no-op */

/* Writes scenarios.csv: scope, year, indicator, one column of means per scenario (named by its
 * file name), then for each scenario after the first diff_NAME, low95_NAME, high95_NAME and
 * beyond_noise_NAME. */
int ea_scenarios_write(const ea_scenarios *s, eng_out *out, const eng_csv_style *style,
                       eng_error *err);

/* Prints, in French, the main differences for the region (the last scope) in the last year. */
void ea_scenarios_print(const ea_scenarios *s, FILE *f);

#endif
