/* ea_simulate.h — Monte Carlo runs of a scenario: replications on threads, each one's raw monthly
 * accumulators turned into the indicators of every scope and period (ea_results.h). */
#ifndef EA_SIMULATE_H
#define EA_SIMULATE_H

#include "../engine/eng_error.h"
#include "../engine/eng_runner.h"
#include "ea_results.h"
#include "ea_scenario.h"

typedef struct ea_simulate_options {
    int threads;                  /* 0: one per core */
    eng_runner_progress_fn progress; /* may be NULL */
    void *progress_data;
    int annual_only;              /* keep only the annual table (sweeps): the monthly one must
                                     then not be read */
    size_t block;                 /* replications held in memory at once (ea_results_plan_run);
                                     0: all of a run that fits in EA_RESULTS_MEMORY_BYTES, else
                                     streamed through a temporary file */
} ea_simulate_options;

/* Runs sc->replications replications with seed sc->seed, block after block. Replication i draws
 * from a stream that depends only on (seed, i), so the results are the same for any number of
 * threads and any block. */
int ea_simulate_run(const ea_scenario *sc, const ea_simulate_options *opt, ea_results **out,
                    eng_error *err);

#endif
