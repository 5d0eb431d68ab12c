/* ea_sweep.h — Capacity and intensity scenarios: a grid of values of scenario keys run with common
 * random numbers, the planner's summary per point, the smallest value reaching a target, and the
 * side-by-side comparison of several scenarios with paired intervals. */
#ifndef EA_SWEEP_H
#define EA_SWEEP_H

#include <stdio.h>
#include "../engine/eng_error.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_out.h"
#include "../engine/eng_runner.h"

#define EA_MAX_VARY 8

/* One --vary KEY=LIST: the key as section.key (the section may hold dots, as module.recherche;
 * `defaults.KEY` sets KEY in every department), and its values as text and as numbers. */
typedef struct ea_vary {
    char name[160];             /* section.key as given */
    char section[128], key[64];
    int all_departments;        /* defaults.KEY */
    int type;                   /* EA_KEY_INTEGER, EA_KEY_REAL or EA_KEY_OTHER */
    int n;
    char (*text)[64];           /* owned */
    double *number;             /* owned; NaN for a value that is not a number */
} ea_vary;

/* Parses `KEY=a,b,c` or `KEY=start:stop:step` (stop included when on the grid). Errors: unknown key
 * (with the scenario's sections in mind), empty list, step of zero or of the wrong sign, too many
 * points. Values out of range are found when the points are checked (ea_sweep_run). */
int ea_vary_parse(const char *spec, ea_vary *v, eng_error *err);
void ea_vary_clear(ea_vary *v);

/* The smallest value of the (single) varied key for which an indicator of the region reaches a
 * value in the chosen year, e.g. file_active=645. */
typedef struct ea_target {
    char indicator[64];
    double value;
} ea_target;

int ea_target_parse(const char *spec, ea_target *t, eng_error *err);

typedef struct ea_sweep_options {
    long replications;          /* <= 0: the scenario's */
    long seed;                  /* < 0: the scenario's */
    int threads;                /* 0: one per core */
    int year;                   /* year of the summary and target; 0: the last simulated year */
    const ea_target *target;    /* NULL: none */
    eng_progress_fn progress;    /* told of the points done; may be NULL */
    void *progress_data;
} ea_sweep_options;

/* Checks every point of the grid (the scenario with the point's values must be valid: nothing is
 * run otherwise), then runs each with the same seed, and writes sweep.csv (point, the varied
 * values, scope, year, indicator, mean, p05, p95: the annual tables), sweep-summary.csv (per point:
 * the region's figures of the year a planner asks for) and sweep.ini (the points) into out. The
 * summary (and the target's answer) is printed to `report` when not NULL. */
int ea_sweep_run(const char *scenario, const ea_vary *vary, int nvary, const ea_sweep_options *opt,
                 eng_out *out, const eng_csv_style *style, FILE *report, eng_error *err);

#endif
