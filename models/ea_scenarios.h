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
    FILE *warnings;             /* where ea_scenarios_print_warnings writes, once the files are
                                   read and before any runs; NULL for nowhere */
} ea_scenarios_options;

/* What may set a scenario file apart from the first, beyond the values a comparison is for. Bits
 * of ea_scenarios_structure.differs. Other departments, another period or another capacity mode
 * make the paired differences meaningless; the seed and the replications of the files are
 * replaced by one seed and one number for all (common random numbers), so that theirs only say
 * what the files would give alone. */
enum {
    EA_SCENARIOS_DEPARTMENTS = 1 << 0,
    EA_SCENARIOS_PERIOD = 1 << 1,
    EA_SCENARIOS_CAPACITY_MODE = 1 << 2,
    EA_SCENARIOS_REPLICATIONS = 1 << 3,
    EA_SCENARIOS_SEED = 1 << 4
};

/* The structure of one scenario file, as the file sets it. */
typedef struct ea_scenarios_structure {
    char *departments;          /* the department codes, space-separated; "region" for one
                                   platform */
    int start, months;          /* first month (year * 12 + month - 1) and number of months */
    int capacity_mode;          /* EA_CAPACITY_PLACES or EA_CAPACITY_STAFF of ea_scenario.h */
    int replications;
    unsigned long seed;
    unsigned differs;           /* EA_SCENARIOS_* bits: what differs from the first file */
} ea_scenarios_structure;

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
    ea_scenarios_structure *structure; /* [scenario] */
    unsigned long seed;         /* the seed and replications every scenario ran with */
    int replications;
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
 * are an error) and notes how each differs from the first in structure (opt->warnings is told
 * before any runs), runs them with the same seed and replications (common random numbers: those
 * of opt, else the first scenario's) and computes, for every scope, year and indicator they all
 * have, the mean of each and the paired difference of each to the first. Scenarios should share
 * their departments, period and capacity mode: a scope or year missing from one is left out. */
int ea_scenarios_compute(const char *const *paths, int n, const ea_scenarios_options *opt,
                         ea_scenarios *out, eng_error *err);
void ea_scenarios_clear(ea_scenarios *s);   /* NULL is a no-op */

/* Writes scenarios.csv: scope, year, indicator, one column of means per scenario (named by its
 * file name), then for each scenario after the first diff_NAME, low95_NAME, high95_NAME and
 * beyond_noise_NAME; and scenarios-structure.csv: per scenario file, its departments, start,
 * months, capacity mode, replications and seed, and what of these differs from the first
 * (`departments period capacity_mode replications seed`, or empty). */
int ea_scenarios_write(const ea_scenarios *s, eng_out *out, const eng_csv_style *style,
                       eng_error *err);

/* Prints, in French, the structure of the scenarios and what sets each apart from the first, then
 * the main differences for the region (the last scope) in the last year. */
void ea_scenarios_print(const ea_scenarios *s, FILE *f);

/* Prints one line `eaflow: warning: ...` for each scenario and structural difference that makes
 * its paired differences to the first meaningless (departments, period, capacity mode); nothing
 * when there is none. */
void ea_scenarios_print_warnings(const ea_scenarios *s, FILE *f);

#endif
