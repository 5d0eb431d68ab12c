/* ea_simulate.h — Monte Carlo runs of a scenario: replications on threads, each one's raw monthly
 * accumulators turned into the indicators of every scope and period (ea_results.h); a fixed number
 * of replications, or as many batches as a precision needs (-n auto), recorded in run.ini. */
#ifndef EA_SIMULATE_H
#define EA_SIMULATE_H

#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "../engine/eng_runner.h"
#include "ea_results.h"
#include "ea_scenario.h"

/* -n auto: replications run in batches until the half-width of the 95 % interval of the mean
 * (Student's t) of the key indicators — file_active, waiting and funding_eur, in every scope and
 * every year of the annual table — meets a precision. Relative: h <= target x |mean|, or h <= half
 * a unit (half a person, half a euro), which no table shows and which a mean of 0 needs. Persons
 * or euros: h <= target on the indicators of that unit only. */
typedef enum ea_simulate_mode {
    EA_SIMULATE_FIXED,            /* the scenario's replications */
    EA_SIMULATE_RELATIVE,
    EA_SIMULATE_PERSONS,
    EA_SIMULATE_EUROS
} ea_simulate_mode;

#define EA_SIMULATE_BATCH 20      /* replications of a batch, and the floor of -n auto */

typedef struct ea_simulate_precision {
    ea_simulate_mode mode;
    double target;                /* a fraction, persons or euros */
    size_t ceiling;               /* the most replications; 0: the scenario format's maximum */
} ea_simulate_precision;

/* What -n auto reached: the replications, and the worst half-width of the key indicators (relative
 * to the mean, or in persons or euros), where it is and whether it meets the precision. */
typedef struct ea_simulate_reached {
    ea_simulate_precision precision;
    size_t replications;
    double achieved;
    int met;
    char scope[EA_MAX_NAME], year[12], indicator[80];
} ea_simulate_reached;

/* Reads --precision: "0.01" or "1%" (relative), "5pers" or "5personnes" (persons), "2000€" or
 * "2000eur" (euros). ENG_EINPUT with a French message saying how to write it. */
int ea_simulate_precision_parse(const char *text, ea_simulate_precision *out, eng_error *err);

typedef struct ea_simulate_options {
    int threads;                  /* 0: one per core */
    eng_runner_progress_fn progress; /* may be NULL */
    void *progress_data;
    int annual_only;              /* keep only the annual table (sweeps): the monthly one must
                                     then not be read */
    size_t block;                 /* replications held in memory at once (ea_results_plan_run);
                                     0: all of a run that fits in EA_RESULTS_MEMORY_BYTES, else
                                     streamed through a temporary file */
    ea_simulate_precision precision; /* -n auto when its mode is not EA_SIMULATE_FIXED */
    ea_simulate_reached *reached;    /* may be NULL; filled by a run of -n auto */
} ea_simulate_options;

/* Runs sc->replications replications with seed sc->seed, block after block. Replication i draws
 * from a stream that depends only on (seed, i), so the results are the same for any number of
 * threads and any block. */
int ea_simulate_run(const ea_scenario *sc, const ea_simulate_options *opt, ea_results **out,
                    eng_error *err);

/* Writes run.ini into out: the scenario's resolved text with the replications reached by res and,
 * after -n auto, a comment line saying the precision asked and achieved (read back by
 * ea_simulate_record_parse). */
int ea_simulate_write_record(const ea_scenario *sc, const ea_simulate_options *opt,
                             const ea_results *res, eng_out *out, eng_error *err);

/* Finds that comment in run.ini's text: 1 and *out filled when the run was -n auto, else 0. */
int ea_simulate_record_parse(const char *text, ea_simulate_reached *out);

/* The key indicators that -n auto judges (file_active, waiting, funding_eur): how many in all, and
 * the name of the i-th when a precision of that mode judges it (a relative one judges them all,
 * one in persons or in euros those in its unit), else NULL. */
int ea_simulate_key_count(void);
const char *ea_simulate_key_name(int i, ea_simulate_mode mode);

/* Formats the precision of a reached run for people ("1,2 %", "4,3 personnes", "812 €"). */
const char *ea_simulate_format_precision(char *buf, size_t size, ea_simulate_mode mode, double x);

#endif
