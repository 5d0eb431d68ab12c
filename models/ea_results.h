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

/* A run whose values of every replication take at most EA_RESULTS_MEMORY_BYTES keeps them all in
 * memory; a larger one is streamed: it holds blocks of about EA_RESULTS_BLOCK_BYTES of
 * replications, writes each full block to a temporary file (eng_spill) and summarises from it,
 * so that its memory does not grow with the replications. Both give the same summaries, to the
 * bit. */
#define EA_RESULTS_MEMORY_BYTES (256.0 * 1024 * 1024)
#define EA_RESULTS_BLOCK_BYTES (64.0 * 1024 * 1024)

/* How a run of sc keeps its values, for a block of `block` replications (0: the rule above). */
typedef struct ea_results_plan {
    size_t block;                  /* replications held in memory at once: all unless streamed */
    int streamed;                  /* 1 when full blocks go to a temporary file */
    double bytes_per_replication;  /* values and ratio parts of one replication, in bytes */
    double memory_bytes;           /* the block held: block x bytes_per_replication */
    double disk_bytes;             /* the temporary file at the end of the run, 0 in memory */
} ea_results_plan;
void ea_results_plan_run(const ea_scenario *sc, int annual_only, size_t block, ea_results_plan *out);

/* Room for sc->replications replications of the indicators of sc (the monthly table left out
 * when annual_only: it must then not be read), in blocks of `block` replications as planned by
 * ea_results_plan_run (0: the rule above; tests give a small block to force streaming). NULL,
 * with err filled, when it does not fit in memory or no temporary file can be made. */
ea_results *ea_results_alloc_block(const ea_scenario *sc, int annual_only, size_t block,
                                   eng_error *err);
ea_results *ea_results_alloc(const ea_scenario *sc, int annual_only, eng_error *err); /* block 0 */
void ea_results_free(ea_results *res);   /* NULL is a no-op */

/* The replications held at once: the block, which starts at replication 0 and, after each
 * ea_results_flush, at the next multiple of the block. */
size_t ea_results_block(const ea_results *res);

/* Stores the indicators of one scope in replication rep (within the current block), for every
 * period of the tables, derived from the scope's raw monthly accumulators raw[k * EA_RAW_COUNT + x]
 * (k over the simulated months). Different replications may be stored from different threads at
 * the same time. With one department, storing it stores the region too (the same indicators), and
 * the region's summaries are the department's, computed once. */
void ea_results_store(ea_results *res, size_t rep, int scope, const double *raw);

/* Ends the current block once all its replications are stored: adds the parts of its ratios of
 * totals and, when streamed, writes it to the temporary file on nthreads threads; the next block
 * starts after it. */
int ea_results_flush(ea_results *res, int nthreads, eng_error *err);

/* Spreads the current block over the processes of an MPI job (engine/eng_mpi.h): each process has
 * stored only its share (eng_mpi_share) of the block's first `count` replications, and receives the
 * others' stored rows, so that every process holds the whole block before ea_results_flush. A
 * no-op with one process. */
int ea_results_share_block(ea_results *res, size_t count, eng_error *err);

/* Summarises every series over the replications, on nthreads threads, once all are stored (ending
 * the last block if need be); the results do not depend on nthreads nor on the block. In an MPI job
 * each process summarises its share of the series and all gather the summaries: collective, every
 * process calls it, and a process that fails makes every one fail with its message. */
int ea_results_summarise(ea_results *res, int nthreads, eng_error *err);

/* Follows, for -n auto, the running mean and variance (Welford, in replication order as each block
 * ends in ea_results_flush) of indicators ind[0..nind-1] of the annual table in every scope and
 * year; the block must then be a whole number of the caller's batches. */
int ea_results_track(ea_results *res, const int *ind, int nind, eng_error *err);

/* The mean and sd (n - 1 denominator) of tracked indicator k (its place in ind) of a scope and year
 * over the replications flushed so far, and their number. */
void ea_results_tracked(const ea_results *res, int scope, int year, int k, double *mean, double *sd,
                        size_t *n);

/* Ends the run at the replications flushed so far (a whole number of blocks): fewer than the room
 * made for, when -n auto has met its precision. */
void ea_results_stop(ea_results *res);

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

/* The value of one indicator in one replication. A streamed run reads the series back from its
 * file, all replications at once, and keeps the last one read: ask for the replications of one
 * series in turn (NaN if the file cannot be read). */
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
