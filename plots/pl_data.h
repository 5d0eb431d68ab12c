/* pl_data.h — An output directory's tables read back for the charts and the report: summaries by
 * scope, indicator and period, observed points, costs, survival curves, fits, sweep. */
#ifndef PL_DATA_H
#define PL_DATA_H

#include <stddef.h>
#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../models/ea_tables.h"

/* The statistics of a summary row, over replications. */
enum { PL_MEAN, PL_P05, PL_P25, PL_P50, PL_P75, PL_P95, PL_NSTATS };

/* One indicator of one scope over the periods of a summary table. */
typedef struct pl_data_series {
    const char *scope, *indicator;
    int n;
    const int *period;             /* ascending: year*12 + month-1 (monthly), or the year (annual) */
    double (*stat)[PL_NSTATS];     /* NaN for an empty cell or a column the table does not have */
} pl_data_series;

/* monthly.csv or annual.csv, as ea_tables_summary_read reads them. */
typedef struct pl_data_summary {
    int nseries;
    pl_data_series *series;
    int nscopes;
    const char **scopes;           /* `region` first, then in the order of the file */
    int nindicators;
    const char *const *indicators; /* in the order of the file */
    ea_tables_summary *table;      /* what the strings and periods point into */
} pl_data_summary;

/* Persons and places observed in a scope at a date (capacity.csv, or compare.csv at the end of the
 * compared month); NaN for what was not observed. */
typedef struct pl_data_obs {
    const char *scope;
    eng_date date;
    double places, file_active;
} pl_data_obs;

/* A row of compare.csv: an observed value against the simulated mean and 90 % band of the same
 * scope, period and indicator; NaN for an empty cell. */
typedef struct pl_data_compared {
    const char *scope, *indicator;
    int year;
    int month;                     /* 1 to 12; 0 for a row that compares a whole year */
    double observed, sim_mean, sim_p05, sim_p95, gap;
    int in_band;                   /* 1 when observed lies in [sim_p05, sim_p95] */
} pl_data_compared;

/* A row of compare-summary.csv: the agreement of a scope's indicator over its comparisons. */
typedef struct pl_data_agreement {
    const char *scope, *indicator;
    double n;                      /* observations compared */
    double mape_pct, rmse, bias;   /* mean absolute percentage error (in %), root mean square and
                                      mean error (observed - simulated) */
    double share_in_band;          /* share of the observations in the 90 % band, 0 to 1 */
} pl_data_agreement;

/* A row of costs.csv. */
typedef struct pl_data_cost {
    int year;                      /* 0 when the table has no year column */
    const char *department, *name;
    double places, funding, cost_per_place;
    double reference;              /* reference cost per place: reference_funding_eur / places */
    int outside;                   /* 1 when outside the tolerance: the verdict is "à ajuster" */
    double adjustment;             /* euros to add (to remove when negative) to reach places x
                                      reference; NaN when costs.csv has no such column */
    int region;                    /* the regional total row */
} pl_data_cost;

/* A row of costs-mismatches.csv: a department whose places differ between the funding table and
 * the scenario in a year; NaN for the side it is absent from. */
typedef struct pl_data_mismatch {
    int year;                      /* 0 when the table has no year column */
    const char *department, *name;
    double funding_places, scenario_places;
} pl_data_mismatch;

/* A step of a Kaplan–Meier curve (km.csv); lower and upper NaN where the band is undefined. */
typedef struct pl_data_km {
    const char *module;
    double time, survival, lower, upper;   /* months; shares in [0, 1] */
} pl_data_km;

/* A fitted duration law (fit.csv): parameters in the simulation's syntax, e.g. gamma(mean=6, sd=3).
 */
typedef struct pl_data_fit {
    const char *module, *family, *parameters;
    int chosen;
} pl_data_fit;

/* sweep.csv: point, one column per varied key, scope, year (optional), indicator, mean, p05, p95.
 */
typedef struct pl_data_sweep_row {
    long point;
    const char **keys;             /* the values of the varied keys, as written */
    const char *scope, *indicator;
    int year;                      /* 0 when the table has no year column */
    double mean, p05, p95;
} pl_data_sweep_row;

/* sweep-target.csv (sweep --target): the target the sweep judged; present is 0 without the file. */
typedef struct pl_data_target {
    int present;
    const char *scope, *indicator;   /* the scope judged (a department's code, or region) */
    int at_most;                     /* the indicator must stay at or below the threshold (<=) */
    double threshold;
    double answer;                   /* the key's value that meets it; NaN when none does */
    int year;
    double level;                    /* the share of replications that must meet it (--confidence);
                                        NaN when the target is on the mean */
    double share;                    /* the share of replications that meet it at the answer;
                                        NaN when unknown */
} pl_data_target;

typedef struct pl_data {
    char *dir;
    pl_data_summary *monthly, *annual; /* NULL when the file is absent */
    pl_data_obs *obs; /* sorted by scope then date */
    size_t nobs;
    int has_capacity;              /* capacity.csv was read */
    pl_data_compared *compared;    /* compare.csv, in its order */
    size_t ncompared;
    pl_data_agreement *agreement;  /* compare-summary.csv, in its order */
    size_t nagreement;
    pl_data_cost *costs;
    size_t ncosts;
    pl_data_mismatch *mismatches;
    size_t nmismatches;
    int has_mismatches;            /* costs-mismatches.csv was read: the places were checked */
    pl_data_km *km;
    size_t nkm;
    pl_data_fit *fits;
    size_t nfits;
    int nkeys;
    const char **keys;             /* the varied keys, the columns of sweep.csv */
    pl_data_sweep_row *sweep;
    size_t nsweep;
    pl_data_target target;         /* sweep-target.csv */
    char *run_ini;                 /* the text of run.ini, NULL when absent */
    const char *scenario_name;     /* the scenario's name in run.ini, NULL when absent */
    double replications;           /* its replications, NaN when absent */
    double cost_per_place;         /* its cost per place, NaN when absent */
    double direct_share;           /* its share of counsellors' time in direct support, NaN when
                                      absent */
    struct pl_data_store *store;   /* what the pointers above point into */
} pl_data;

/* Reads every table of dir that exists: monthly.csv, annual.csv, compare.csv, compare-summary.csv,
 * capacity.csv, costs.csv, costs-mismatches.csv, km.csv, fit.csv, sweep.csv and run.ini; a
 * missing file is skipped. Tables are read with eng_csv (`,` or `;`, decimal point or comma),
 * their columns found by the names ea_tables.h declares, and run.ini with ea_scenario_load. A file that is there but
 * malformed (a missing column, a cell that is not a number or a date, a run.ini that is no
 * scenario) is ENG_EINPUT with the file and line named, as is a dir that is not a directory;
 * ENG_EFAIL when out of memory. *out is NULL on failure. */
int pl_data_read(const char *dir, pl_data **out, eng_error *err);

void pl_data_free(pl_data *d);   /* NULL is a no-op */

/* The series of scope and indicator in a summary, or NULL (also when s is NULL). */
const pl_data_series *pl_data_summary_find(const pl_data_summary *s, const char *scope,
                                           const char *indicator);

/* The statistic of a series at a period, NaN when the series is NULL or has no such period. */
double pl_data_series_at(const pl_data_series *s, int period, int stat);

/* The name of a department (given in run.ini, else in costs.csv), or NULL when unknown. */
const char *pl_data_name(const pl_data *d, const char *scope);

/* The name of the departments' whole: the scenario's `area` ("Occitanie"), else `otherwise` (the
 * caller's word in its language, « Région » or « Ensemble de la région »). */
const char *pl_data_area(const pl_data *d, const char *otherwise);

/* The departments' whole in a sentence, in French or in English: « la région » when the scenario
 * names no `area`, « l'ensemble du territoire (France) » when it does. Returns buf. */
const char *pl_data_whole(const pl_data *d, int english, char *buf, size_t size);

/* The persons in support when the run starts (the scenario's initial_file_active, summed over
 * the departments for the region), or NaN when run.ini is absent or does not name the scope. */
double pl_data_initial_file_active(const pl_data *d, const char *scope);

/* A department for people, into buf: "Haute-Garonne (31)", or the code alone when the name is
 * unknown or is the code. Returns buf. */
const char *pl_data_department_label(const pl_data *d, const char *scope, char *buf, size_t size);

/* The scope of the whole: `region` when the tables have it, else their first scope; NULL when
 * there is neither monthly.csv nor annual.csv. */
const char *pl_data_region(const pl_data *d);

/* How the FTE needed of the run count a counsellor's time: with the scenario's share of it in
 * direct support, as if all of it went there (staff.direct_share = 1, which leaves out the time
 * with employers, partners and in coordination: too few FTE), or unknown (no run.ini). */
typedef enum pl_data_staff_count {
    PL_STAFF_UNKNOWN, PL_STAFF_SHARE, PL_STAFF_FULL
} pl_data_staff_count;

pl_data_staff_count pl_data_staff_counted(const pl_data *d);

#endif
