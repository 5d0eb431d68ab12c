/* ea_results.h — The results of a Monte Carlo run: every indicator of every scope (departments,
 * region) and period (month, year) in each replication, their summaries, and the tidy tables. */
#ifndef EA_RESULTS_H
#define EA_RESULTS_H

#include <stddef.h>
#include <stdio.h>
#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../engine/eng_stats.h"
#include "ea_indicators.h"
#include "ea_scenario.h"

/* The two tables of a run: one period per simulated month, or per calendar year. */
enum { EA_MONTHLY, EA_ANNUAL };

typedef struct ea_results ea_results;

/* Room for sc->replications replications of the indicators of sc (the monthly table left out
 * when annual_only: it must then not be read). NULL, with err filled, when it does not fit in
 * memory. */
ea_results *ea_results_alloc(const ea_scenario *sc, int annual_only, eng_error *err);
void ea_results_free(ea_results *res);   /* NULL is a no-op */

/* Stores the indicators of one scope in replication rep, for every period of the tables, derived
 * from the scope's raw monthly accumulators raw[k * EA_RAW_COUNT + x] (k over the simulated
 * months). Different replications may be stored from different threads at the same time. */
void ea_results_store(ea_results *res, size_t rep, int scope, const double *raw);

/* Summarises every series over the replications, on nthreads threads, once all are stored; the
 * results do not depend on nthreads. */
int ea_results_summarise(ea_results *res, int nthreads, eng_error *err);

/* Counts events handled by the model, for the benchmark. */
void ea_results_add_events(ea_results *res, unsigned long events);
unsigned long ea_results_events(const ea_results *res);

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

const ea_indicators *ea_results_indicators(const ea_results *res);
size_t ea_results_nreps(const ea_results *res);

/* The value of one indicator in one replication. */
double ea_results_value(const ea_results *res, int table, int scope, int period, int ind, size_t rep);

/* Its summary over replications (mean, sd, exact quantiles), computed by ea_results_summarise.
 * The mean of a ratio of totals (ea_indicators_ratio: mean_wait_days, the costs per person and per
 * exit) pools the replications, the sum of their numerators over the sum of their denominators;
 * its sd and quantiles, and n, are those of each replication's own ratio. */
const eng_stats_summary *ea_results_summary(const ea_results *res, int table, int scope, int period,
                                            int ind);

/* Writes monthly.csv (EA_MONTHLY) or annual.csv (EA_ANNUAL) as declared in ea_tables.h: one row
 * per scope, period and indicator, with the mean, sd and quantiles over replications. */
int ea_results_write_table(const ea_results *res, int table, FILE *f, const eng_csv_style *style,
                           eng_error *err);

#endif
