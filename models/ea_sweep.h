/* ea_sweep.h — Capacity and intensity sweeps: a grid of values of scenario keys run with common
 * random numbers, the planner's summary per point, and the boundary of a key meeting a target. */
#ifndef EA_SWEEP_H
#define EA_SWEEP_H

#include <stdio.h>
#include "../engine/eng_error.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_out.h"
#include "../engine/eng_runner.h"
#include "ea_split.h"
#include "ea_target.h"
#include "ea_vary.h"

#define EA_SWEEP_MAX_VARY 8


typedef struct ea_sweep_options {
    long replications;          /* <= 0: the scenario's */
    long seed;                  /* < 0: the scenario's */
    int threads;                /* 0: one per core */
    int year;                   /* year of the summary and target; 0: the last simulated year */
    const ea_target *target;    /* NULL: none */
    int split;                  /* the rule splitting region.places (ea_split_rule, ea_split.h),
                                   with EA_SPLIT_ADDED to share only the places added;
                                   EA_SPLIT_NONE without region.places */
    eng_runner_progress_fn progress; /* told of the points done; may be NULL */
    void *progress_data;
} ea_sweep_options;

/* The region's figures of the year a planner asks for (means over replications): the indicator
 * columns of sweep-summary.csv, declared in ea_tables after point, the keys and year. */
#define EA_SWEEP_NSUMMARY 10

/* The indicator of summary column k (0 <= k < EA_SWEEP_NSUMMARY), e.g. "file_active". */
const char *ea_sweep_summary_column(int k);

/* What one point of the grid gave: its annual table and its summary. */
typedef struct ea_sweep_point {
    int idx[EA_SWEEP_MAX_VARY];     /* the index of each varied key's value */
    int nscopes, nyears, nindicators;
    char **scopes;                  /* departments, then "region" */
    char **years;                   /* YYYY */
    char **indicators;
    double *cells;                  /* mean, p05 and p95 of each scope, year and indicator, at
                                       [((scope * nyears + year) * nindicators + indicator) * 3] */
    int year;                       /* the summary's year, an index into years */
    double summary[EA_SWEEP_NSUMMARY];   /* NaN for an indicator the point does not have */
} ea_sweep_point;

/* The answer to a target: the boundary of the varied key, found on the grid and refined by
 * bisection between a value meeting the target and its neighbour that does not. When the target is
 * met more as the key grows (places against waiting), the answer is the smallest value meeting it;
 * when it is met less (places against occupancy), the largest. */
typedef struct ea_sweep_answer {
    int met;                    /* some value of the grid meets the target */
    int smallest;               /* 1: the smallest value meeting it; 0: the largest */
    int at_edge;                /* the answer is an end of the grid: the boundary may lie beyond */
    double value;               /* the answer; NaN when no value meets the target */
    ea_target_eval at;          /* the target evaluated at the answer */
    double next;                /* the value next to the answer that does not meet it; NaN at an
                                   end of the grid or when none meets */
    ea_target_eval at_next;
    int year;                   /* the calendar year of the target */
    int evaluations;            /* runs: the grid's and the bisection's */
} ea_sweep_answer;

typedef struct ea_sweep {
    char *scenario;             /* the scenario's path */
    char *names;                /* the names it gives its departments, as INI sections
                                   ([department.CODE] name = ...) that sweep.ini records: the
                                   sweep's folder has no run.ini to name them on its charts */
    int places_limit;           /* capacity_mode = places: FTE do not limit admissions */
    const ea_vary *vary;        /* the caller's keys, which must outlive the sweep */
    int nvary;
    long npoints;
    ea_sweep_point *points;     /* in grid order: the last key varies fastest */
    int has_target;
    ea_target target;
    ea_split_plan split;        /* how region.places is shared (rule EA_SPLIT_NONE without it) */
    ea_sweep_answer answer;     /* when has_target */
} ea_sweep;

/* Checks every point of the grid (the scenario with the point's values must be valid: nothing is
 * run otherwise; region.places needs a split rule, and a rule needs region.places), then runs each
 * with the same seed and keeps its annual table and summary, and,
 * with a target (exactly one numeric key), finds the boundary of the key that meets it. */
int ea_sweep_compute(const char *scenario, const ea_vary *vary, int nvary,
                     const ea_sweep_options *opt, ea_sweep *out, eng_error *err);
void ea_sweep_clear(ea_sweep *s);   /* NULL is a no-op */

/* Writes sweep.csv (point, the varied values, scope, year, indicator, mean, p05, p95: the annual
 * tables), sweep-summary.csv (per point: the summary), sweep.ini (the points) and, with a target,
 * sweep-target.csv (the answer). */
int ea_sweep_write(const ea_sweep *s, eng_out *out, const eng_csv_style *style, eng_error *err);

/* Prints the summary as a table, in the language of the messages; with region.places, first each
 * department's share of the total under the split rule. */
void ea_sweep_print(const ea_sweep *s, FILE *f);

/* Prints the target's answer in one line (nothing without a target). */
void ea_sweep_print_answer(const ea_sweep *s, FILE *f);

#endif
