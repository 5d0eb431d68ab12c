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
    char **names;               /* their file names without .ini (the columns of scenarios.csv) */
    char **titles;              /* their names for people: [scenario] name, else the file name */
    ea_scenarios_structure *structure; /* [scenario] */
    unsigned long seed;         /* the seed and replications every scenario ran with (0 when read
                                   back by ea_scenarios_read: the tables do not hold them) */
    int replications;
    int nscopes, nyears, nindicators;
    char **scopes;              /* the first scenario's: departments, then "region" */
    char **scope_names;         /* their names in the first scenario ("Haute-Garonne", its `area`
                                   for the region); "" when it gives none and when unknown (read
                                   back) */
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

/* Reads back what ea_scenarios_write wrote into dir (scenarios-structure.csv for the scenarios,
 * their names and structure, then scenarios.csv, in the standard or the French style), so that a
 * directory can be drawn again (eaflow plot). ENG_EINPUT, naming file, line and column, for a
 * missing or malformed table; *out is cleared on failure. */
int ea_scenarios_read(const char *dir, ea_scenarios *out, eng_error *err);

/* The row of scope, year and indicator (indices into the lists, the indicator by name), or -1. */
int ea_scenarios_find(const ea_scenarios *s, int scope, int year, const char *indicator);

/* Why the key year of a comparison is the one it is (ea_scenarios_key_year). */
typedef enum ea_scenarios_year_why {
    EA_SCENARIOS_YEAR_ASKED,     /* the year asked (--year) */
    EA_SCENARIOS_YEAR_COMPLETE,  /* the last year the first scenario simulates from January to
                                    December */
    EA_SCENARIOS_YEAR_LAST       /* no year is complete: the last one */
} ea_scenarios_year_why;

/* The index of the key year of the comparison in s->years: `asked` when it is not 0, else the last
 * complete year of the first scenario, else the last year; *why says which. ENG_EINPUT when the
 * tables have no year `asked` (the message lists those they have). */
int ea_scenarios_key_year(const ea_scenarios *s, int asked, int *index, ea_scenarios_year_why *why,
                          eng_error *err);

/* Writes scenarios.csv: scope, year, indicator, one column of means per scenario (named by its
 * file name), then for each scenario after the first diff_NAME, low95_NAME, high95_NAME and
 * beyond_noise_NAME; and scenarios-structure.csv: per scenario file, its departments, start,
 * months, capacity mode, replications and seed, and what of these differs from the first
 * (`departments period capacity_mode replications seed`, or empty), and its name for people. */
int ea_scenarios_write(const ea_scenarios *s, eng_out *out, const eng_csv_style *style,
                       eng_error *err);

/* Prints, in French, the structure of the scenarios and what sets each apart from the first, then
 * the main differences for the region (the last scope) in the key year (ea_scenarios_key_year:
 * `asked`, else the last complete year), the page's. */
void ea_scenarios_print(const ea_scenarios *s, int asked, FILE *f);

/* The French label of a part of a scenario's structure (EA_SCENARIOS_* bit), for eng_msg_tr, and
 * why a difference in it makes the paired differences meaningless (NULL when it does not); its
 * value in one scenario, as scenarios-structure.csv writes it, into buf. */
/* What makes scenario i's paired differences to the first meaningless: the label (French, to pass
 * through eng_msg_tr) of the first part of its structure that differs and pairs nothing (its
 * departments, period or capacity mode), or NULL when they mean something. */
const char *ea_scenarios_unpaired(const ea_scenarios *s, int i);

const char *ea_scenarios_aspect_label(unsigned bit);
const char *ea_scenarios_aspect_why(unsigned bit);
void ea_scenarios_aspect_value(const ea_scenarios_structure *st, unsigned bit, char *buf,
                               size_t size);

/* Prints one line `eaflow: warning: ...` for each scenario and structural difference that makes
 * its paired differences to the first meaningless (departments, period, capacity mode); nothing
 * when there is none. */
void ea_scenarios_print_warnings(const ea_scenarios *s, FILE *f);

#endif
