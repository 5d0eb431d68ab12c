/* ea_model.h — The file-active model: one replication of the discrete-event simulation of a
 * scenario's platforms (entries, waiting list, modules, exits), recording raw monthly accumulators. */
#ifndef EA_MODEL_H
#define EA_MODEL_H

#include <gsl/gsl_rng.h>
#include "../engine/eng_error.h"
#include "ea_scenario.h"

/* The raw accumulators recorded per department and simulated month. Stocks are read at the end
 * of the month; flows and integrals cover the month. Time integrals are in units × months. */
enum {
    EA_RAW_FILE_ACTIVE,                         /* persons in support at the end of the month */
    EA_RAW_MODULE,                              /* + m: persons in module m at the end */
    EA_RAW_WAITING = EA_RAW_MODULE + EA_NMODULES, /* persons on the waiting list at the end */
    EA_RAW_PLACES,                              /* funded places during the month */
    EA_RAW_FILE_ACTIVE_START,                   /* persons in support at the start of the month */
    EA_RAW_ENTRIES,                             /* prescriptions received */
    EA_RAW_ADMISSIONS,                          /* persons who started support */
    EA_RAW_RENEGED,                             /* persons who left the waiting list unserved */
    EA_RAW_WAIT_SUM,                            /* months waited by the persons admitted */
    EA_RAW_FILE_ACTIVE_AREA,                    /* integral of the file active (person-months) */
    EA_RAW_WAITING_AREA,                        /* integral of the waiting list (person-months) */
    EA_RAW_HOURS_NEEDED,                        /* staff hours the support required */
    EA_RAW_ENTRIES_CUMULATIVE,                  /* prescriptions since the scheme began, at the
                                                   end of the month: entries_before_start and
                                                   every prescription simulated so far */
    EA_RAW_EXITS,                               /* + r: exits for reason r */
    EA_RAW_COUNT = EA_RAW_EXITS + EA_MAX_REASONS
};

typedef struct ea_model ea_model;

/* Persons at once (in support or waiting, all platforms together) past which a replication stops
 * with an ENG_EINPUT error: some hundreds of times the whole country's caseload, reached only when
 * the entries far exceed what the places take in (a typing slip in a rate), which would otherwise
 * grow the waiting list until memory runs out. The memory of a run follows the persons at once,
 * about 80 bytes each. */
#define EA_MODEL_MAX_PERSONS 1000000

/* Builds the workspace of one thread for the scenario (which must outlive it): tables and pools
 * sized for the initial caseload, grown when needed and reused by every replication. NULL with
 * err filled when out of memory (ENG_EFAIL) or when the initial caseload is past
 * EA_MODEL_MAX_PERSONS (ENG_EINPUT). */
ea_model *ea_model_alloc(const ea_scenario *sc, eng_error *err);
void ea_model_free(ea_model *m);   /* NULL is a no-op */

/* Runs one replication, whose random numbers all descend from one key drawn from r (substreams of
 * the persons and of each department's prescriptions), and fills
 * raw[(d * months + k) * EA_RAW_COUNT + x] for department d, month k and accumulator x. Returns ENG_OK, ENG_EINPUT past EA_MODEL_MAX_PERSONS,
 * or ENG_EFAIL when a pool could not grow. */
int ea_model_run(ea_model *m, gsl_rng *r, double *raw, eng_error *err);

/* One module episode of one person, as the national collection records it: handed to a recorder
 * (ea_model_set_recorder) when the module ends, or at the end of the run while it is under way.
 * Times are in months from the start of the first simulated month. Persons already in support at
 * the start are not recorded: their history before the start is not simulated. */
typedef struct ea_model_episode {
    unsigned long person;   /* 1, 2, ... in order of prescription within the replication */
    int dept;               /* index into the scenario's departments */
    double entry;           /* time of the prescription */
    int module;
    double start;
    double end;             /* NaN while under way at the end of the run */
    int next;               /* routing target (module, or EA_NMODULES + reason); -1 while under way */
} ea_model_episode;

typedef void (*ea_model_episode_fn)(const ea_model_episode *e, void *data);

/* Sets (or, with NULL, removes) the function told of every episode of the following runs. */
void ea_model_set_recorder(ea_model *m, ea_model_episode_fn fn, void *data);

/* Events handled by the last run (arrivals, module ends, departures from the waiting list and
 * month ends), for the benchmark. */
unsigned long ea_model_events(const ea_model *m);

#endif
