/* ea_simulate.h — Monte Carlo runs of a scenario: replications on threads, the indicators of every
 * scope (department, region) and period (month, year) in each replication, and the summary tables. */
#ifndef EA_SIMULATE_H
#define EA_SIMULATE_H

#include <stdio.h>
#include "../engine/eng_error.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_out.h"
#include "../engine/eng_runner.h"
#include "../engine/eng_stats.h"
#include "ea_indicators.h"
#include "ea_scenario.h"

enum { EA_MONTHLY, EA_ANNUAL };

typedef struct ea_run_options {
    int threads;                  /* 0: one per core */
    eng_progress_fn progress;      /* may be NULL */
    void *progress_data;
    int annual_only;              /* keep only the annual table (sweeps): the monthly one must
                                     then not be read */
} ea_run_options;

typedef struct ea_results ea_results;

/* Runs sc->replications replications with seed sc->seed. Replication i draws from a stream that
 * depends only on (seed, i), so the results are the same for any number of threads. */
int ea_simulate(const ea_scenario *sc, const ea_run_options *opt, ea_results **out, eng_error *err);
void ea_results_free(ea_results *res);   /* NULL is a no-op */

/* Scopes: the departments in scenario order, then "region" (their sum); a single platform has
 * only "region". */
int ea_results_nscopes(const ea_results *res);
const char *ea_results_scope(const ea_results *res, int scope);
int ea_results_find_scope(const ea_results *res, const char *code);

/* Periods of a table: months "YYYY-MM", or calendar years "YYYY" (a year cut by the start or the
 * end of the run covers only its simulated months). */
int ea_results_nperiods(const ea_results *res, int table);
const char *ea_results_period(const ea_results *res, int table, int period);
int ea_results_find_period(const ea_results *res, int table, const char *label);

const ea_indicator_set *ea_results_indicators(const ea_results *res);
size_t ea_results_nreps(const ea_results *res);

/* The value of one indicator in one replication. */
double ea_results_value(const ea_results *res, int table, int scope, int period, int ind, size_t rep);

/* Its summary over replications (mean, sd, exact quantiles), computed once after the run. */
const eng_summary *ea_results_summary(const ea_results *res, int table, int scope, int period, int ind);

/* Events handled over all replications, for the benchmark. */
unsigned long ea_results_events(const ea_results *res);

/* Writes a tidy table with columns scope,month|year,indicator,mean,sd,p05,p25,p50,p75,p95: one
 * row per scope, period and indicator. */
int ea_results_write_table(const ea_results *res, int table, FILE *f, const eng_csv_style *style,
                           eng_error *err);

#endif
