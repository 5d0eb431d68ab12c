/* ea_tables.h — The files eaflow writes and those people give it, and their columns, declared
 * once: writers take their header lines from here and readers their column names, with the French
 * names people write; and the one reader of monthly.csv and annual.csv. */
#ifndef EA_TABLES_H
#define EA_TABLES_H

#include <stdio.h>
#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "ea_indicators.h"

/* Every file of an output directory. */
typedef enum ea_tables_id {
    EA_TABLE_MONTHLY, /* monthly.csv: simulate */
    EA_TABLE_ANNUAL, /* annual.csv: simulate */
    EA_TABLE_RUN_INI, /* run.ini: simulate, the resolved scenario (INI, no columns) */
    EA_TABLE_COMPARE, /* compare.csv: compare */
    EA_TABLE_COMPARE_SUMMARY, /* compare-summary.csv: compare */
    EA_TABLE_CAPACITY, /* capacity.csv: compare */
    EA_TABLE_COSTS, /* costs.csv: costs */
    EA_TABLE_COSTS_DISPERSION, /* costs-dispersion.csv: costs */
    EA_TABLE_COSTS_MISMATCHES, /* costs-mismatches.csv: costs with a scenario */
    EA_TABLE_FIT, /* fit.csv: fit */
    EA_TABLE_KM, /* km.csv: fit */
    EA_TABLE_ESTIMATES, /* estimates.csv: fit */
    EA_TABLE_FITTED_INI, /* fitted.ini: fit, the fitted scenario (INI; -o may rename it) */
    EA_TABLE_SWEEP, /* sweep.csv: sweep */
    EA_TABLE_SWEEP_SUMMARY, /* sweep-summary.csv: sweep */
    EA_TABLE_SWEEP_TARGET, /* sweep-target.csv: sweep --target */
    EA_TABLE_SWEEP_INI, /* sweep.ini: sweep, the points (INI, no columns) */
    EA_TABLE_PLACES, /* places.csv: places, the places each department needs for a target */
    EA_TABLE_FTE, /* fte.csv: places --search fte, the FTE each department needs for a target */
    EA_TABLE_ENVELOPE, /* envelope.csv: places --envelope, extra places spread where they help most */
    EA_TABLE_SCENARIOS, /* scenarios.csv: scenarios */
    EA_TABLE_SCENARIOS_STRUCTURE, /* scenarios-structure.csv: scenarios, what each file sets apart */
    EA_TABLE_MANIFEST, /* manifest.csv: every command that writes a directory, the run's record */
    EA_TABLE_CALIBRATION, /* calibration.csv: calibrate, the estimates and their intervals */
    EA_TABLE_CALIBRATION_TARGETS, /* targets.csv: calibrate, each observed row at the estimate */
    EA_TABLE_CALIBRATION_TRACE, /* trace.csv: calibrate, every evaluation of the objective */
    EA_TABLE_CALIBRATION_BACKTEST, /* backtest.csv: calibrate --until, the rows held out */
    EA_TABLE_CALIBRATED_INI, /* calibrated.ini: calibrate, the scenario with the fitted values (INI) */
    EA_TABLE_CALIBRATION_SUMMARY, /* summary.txt: calibrate, the summary as printed (text) */
    EA_TABLE_CALIBRATION_CHART_SIMULATED, /* plots/calibration-simulated.csv: the charts' runs */
    EA_TABLE_CALIBRATION_CHART_OBSERVED, /* plots/calibration-observed.csv: the charts' points */
    EA_TABLE_SENSITIVITY, /* sensitivity.csv: sensitivity, every index of every outcome and parameter */
    EA_TABLE_SENSITIVITY_SUMMARY, /* sensitivity.txt: sensitivity, the summary as printed (text) */
    EA_TABLE_UNCERTAINTY, /* uncertainty.csv: simulate --uncertainty, bands and variance split */
    EA_TABLE_COUNT
} ea_tables_id;

/* How a declared column appears in a file. A run of consecutive EA_COLUMN_EACH_OTHER columns is a
 * group written once per name but the first, in the order of the names. */
typedef enum ea_tables_column_kind {
    EA_COLUMN_FIXED, /* always there, named as declared */
    EA_COLUMN_OPTIONAL, /* there when the writer says so (the year of costs.csv) */
    EA_COLUMN_EACH, /* one column per name the writer gives, named by it */
    EA_COLUMN_EACH_OTHER /* one per name but the first, named prefix + name */
} ea_tables_column_kind;

typedef struct ea_tables_col {
    const char *name;       /* the header, or the prefix of an EA_COLUMN_EACH_OTHER column */
    ea_tables_column_kind kind;
} ea_tables_col;

/* The declared columns of the files that eaflow reads back, by index in the declaration (the
 * other files' columns are listed in ea_tables.c only). monthly.csv and annual.csv share theirs:
 * the period is a month YYYY-MM or a year, and the statistics follow in EA_STAT_* order. */
enum { EA_COL_SUMMARY_SCOPE, EA_COL_SUMMARY_PERIOD, EA_COL_SUMMARY_INDICATOR, EA_COL_SUMMARY_STATS };

/* The statistics over replications of a summary row. */
enum { EA_STAT_MEAN, EA_STAT_SD, EA_STAT_P05, EA_STAT_P25, EA_STAT_P50, EA_STAT_P75, EA_STAT_P95,
       EA_NSTATS };

enum {
    EA_COL_COMPARE_SCOPE, EA_COL_COMPARE_DATE, EA_COL_COMPARE_INDICATOR, EA_COL_COMPARE_OBSERVED,
    EA_COL_COMPARE_SIM_MEAN, EA_COL_COMPARE_SIM_P05, EA_COL_COMPARE_SIM_P95, EA_COL_COMPARE_GAP,
    EA_COL_COMPARE_RATIO, EA_COL_COMPARE_IN_BAND, EA_COL_COMPARE_COUNT
};
enum {
    EA_COL_COMPARE_SUMMARY_SCOPE, EA_COL_COMPARE_SUMMARY_INDICATOR, EA_COL_COMPARE_SUMMARY_N,
    EA_COL_COMPARE_SUMMARY_MAPE_PCT, EA_COL_COMPARE_SUMMARY_RMSE, EA_COL_COMPARE_SUMMARY_BIAS,
    EA_COL_COMPARE_SUMMARY_SHARE_IN_BAND, EA_COL_COMPARE_SUMMARY_COUNT
};
enum {
    EA_COL_CAPACITY_SCOPE, EA_COL_CAPACITY_DATE, EA_COL_CAPACITY_PLACES,
    EA_COL_CAPACITY_FILE_ACTIVE, EA_COL_CAPACITY_OCCUPANCY, EA_COL_CAPACITY_UNUSED_PLACES,
    EA_COL_CAPACITY_UNUSED_VALUE_EUR, EA_COL_CAPACITY_COUNT
};
enum {
    EA_COL_COSTS_YEAR, EA_COL_COSTS_DEPARTMENT, EA_COL_COSTS_NAME, EA_COL_COSTS_PLACES,
    EA_COL_COSTS_FUNDING_EUR, EA_COL_COSTS_COST_PER_PLACE_EUR,
    EA_COL_COSTS_REFERENCE_COST_PER_PLACE_EUR, EA_COL_COSTS_DEVIATION,
    EA_COL_COSTS_REFERENCE_FUNDING_EUR, EA_COL_COSTS_DIFFERENCE_EUR, EA_COL_COSTS_FILE_ACTIVE,
    EA_COL_COSTS_COST_PER_FILE_ACTIVE_EUR, EA_COL_COSTS_PERSONS_ACCOMPANIED,
    EA_COL_COSTS_COST_PER_ACCOMPANIED_EUR, EA_COL_COSTS_DELEGATED_EUR,
    EA_COL_COSTS_DELEGATED_SHARE, EA_COL_COSTS_TOLERANCE_EUR, EA_COL_COSTS_OUTSIDE_TOLERANCE, EA_COL_COSTS_VERDICT,
    EA_COL_COSTS_ADJUSTMENT_EUR, EA_COL_COSTS_COUNT
};
enum {
    EA_COL_DISPERSION_YEAR, EA_COL_DISPERSION_STAGE, EA_COL_DISPERSION_DEPARTMENTS,
    EA_COL_DISPERSION_MIN, EA_COL_DISPERSION_MAX, EA_COL_DISPERSION_MEAN,
    EA_COL_DISPERSION_REGIONAL, EA_COL_DISPERSION_CV, EA_COL_DISPERSION_GINI,
    EA_COL_DISPERSION_COUNT
};
enum {
    EA_COL_MISMATCHES_YEAR, EA_COL_MISMATCHES_DEPARTMENT, EA_COL_MISMATCHES_NAME,
    EA_COL_MISMATCHES_FUNDING_PLACES, EA_COL_MISMATCHES_SCENARIO_PLACES, EA_COL_MISMATCHES_COUNT
};
enum {
    EA_COL_FIT_MODULE, EA_COL_FIT_FAMILY, EA_COL_FIT_PARAMETERS, EA_COL_FIT_MEAN,
    EA_COL_FIT_LOGLIK, EA_COL_FIT_AIC, EA_COL_FIT_CHOSEN, EA_COL_FIT_MEAN_LOWER95,
    EA_COL_FIT_MEAN_UPPER95, EA_COL_FIT_SD, EA_COL_FIT_DELTA_AIC, EA_COL_FIT_N, EA_COL_FIT_EVENTS,
    EA_COL_FIT_COUNT
};
enum {
    EA_COL_KM_MODULE, EA_COL_KM_TIME_MONTHS, EA_COL_KM_AT_RISK, EA_COL_KM_EVENTS,
    EA_COL_KM_CENSORED, EA_COL_KM_SURVIVAL, EA_COL_KM_SE, EA_COL_KM_LOWER95, EA_COL_KM_UPPER95,
    EA_COL_KM_COUNT
};
enum {
    EA_COL_SWEEP_POINT, EA_COL_SWEEP_KEYS, EA_COL_SWEEP_SCOPE, EA_COL_SWEEP_YEAR,
    EA_COL_SWEEP_INDICATOR, EA_COL_SWEEP_MEAN, EA_COL_SWEEP_P05, EA_COL_SWEEP_P95,
    EA_COL_SWEEP_COUNT
};
enum {
    EA_COL_SWEEP_TARGET_KEY, EA_COL_SWEEP_TARGET_TARGET, EA_COL_SWEEP_TARGET_INDICATOR,
    EA_COL_SWEEP_TARGET_OPERATOR, EA_COL_SWEEP_TARGET_THRESHOLD, EA_COL_SWEEP_TARGET_SCOPE,
    EA_COL_SWEEP_TARGET_YEAR, EA_COL_SWEEP_TARGET_LEVEL, EA_COL_SWEEP_TARGET_DIRECTION,
    EA_COL_SWEEP_TARGET_MET, EA_COL_SWEEP_TARGET_ANSWER, EA_COL_SWEEP_TARGET_VALUE_AT_ANSWER,
    EA_COL_SWEEP_TARGET_SHARE_AT_ANSWER, EA_COL_SWEEP_TARGET_NEXT_KEY_VALUE,
    EA_COL_SWEEP_TARGET_VALUE_NEXT, EA_COL_SWEEP_TARGET_SHARE_NEXT, EA_COL_SWEEP_TARGET_AT_GRID_EDGE,
    EA_COL_SWEEP_TARGET_EVALUATIONS, EA_COL_SWEEP_TARGET_COUNT
};

enum {
    EA_COL_PLACES_DEPARTMENT, EA_COL_PLACES_NOW, EA_COL_PLACES_NEEDED, EA_COL_PLACES_CHANGE,
    EA_COL_PLACES_COST_EUR, EA_COL_PLACES_VALUE_AT_ANSWER, EA_COL_PLACES_VALUE_ONE_LESS,
    EA_COL_PLACES_SHARE_AT_ANSWER, EA_COL_PLACES_SHARE_ONE_LESS, EA_COL_PLACES_FTE_FUNDED,
    EA_COL_PLACES_FTE_NEEDED, EA_COL_PLACES_FTE_NEEDED_AT_LEVEL, EA_COL_PLACES_FTE_GAP,
    EA_COL_PLACES_FTE_SUFFICIENT, EA_COL_PLACES_NAME, EA_COL_PLACES_COUNT
};
enum {
    EA_COL_FTE_DEPARTMENT, EA_COL_FTE_NOW, EA_COL_FTE_NEEDED, EA_COL_FTE_CHANGE,
    EA_COL_FTE_STAFF_COST_EUR, EA_COL_FTE_VALUE_AT_ANSWER, EA_COL_FTE_VALUE_TENTH_LESS,
    EA_COL_FTE_SHARE_AT_ANSWER, EA_COL_FTE_SHARE_TENTH_LESS, EA_COL_FTE_NAME, EA_COL_FTE_COUNT
};
enum {
    EA_COL_ENVELOPE_DEPARTMENT, EA_COL_ENVELOPE_PLACES_NOW, EA_COL_ENVELOPE_PLACES_ADDED,
    EA_COL_ENVELOPE_PLACES_AFTER, EA_COL_ENVELOPE_COST_EUR, EA_COL_ENVELOPE_VALUE_BEFORE,
    EA_COL_ENVELOPE_VALUE_AFTER, EA_COL_ENVELOPE_MET_AFTER, EA_COL_ENVELOPE_NAME,
    EA_COL_ENVELOPE_COUNT
};
enum {
    EA_COL_SCENARIOS_SCOPE, EA_COL_SCENARIOS_YEAR, EA_COL_SCENARIOS_INDICATOR,
    EA_COL_SCENARIOS_NAMES, EA_COL_SCENARIOS_DIFF, EA_COL_SCENARIOS_LOW95,
    EA_COL_SCENARIOS_HIGH95, EA_COL_SCENARIOS_BEYOND_NOISE, EA_COL_SCENARIOS_COUNT
};

enum {
    EA_COL_STRUCTURE_SCENARIO, EA_COL_STRUCTURE_DEPARTMENTS, EA_COL_STRUCTURE_START,
    EA_COL_STRUCTURE_MONTHS, EA_COL_STRUCTURE_CAPACITY_MODE, EA_COL_STRUCTURE_REPLICATIONS,
    EA_COL_STRUCTURE_SEED, EA_COL_STRUCTURE_DIFFERS, EA_COL_STRUCTURE_NAME, EA_COL_STRUCTURE_COUNT
};
enum {
    EA_COL_CALIBRATION_PARAMETER, EA_COL_CALIBRATION_START, EA_COL_CALIBRATION_ESTIMATE,
    EA_COL_CALIBRATION_LOWER95, EA_COL_CALIBRATION_UPPER95, EA_COL_CALIBRATION_LOWER_BOUND,
    EA_COL_CALIBRATION_UPPER_BOUND, EA_COL_CALIBRATION_AT_BOUND, EA_COL_CALIBRATION_IDENTIFIED,
    EA_COL_CALIBRATION_COUNT
};
enum {
    EA_COL_TARGETS_DATE_OR_YEAR, EA_COL_TARGETS_SCOPE, EA_COL_TARGETS_INDICATOR,
    EA_COL_TARGETS_OBSERVED, EA_COL_TARGETS_OBSERVED_SD, EA_COL_TARGETS_MEAN,
    EA_COL_TARGETS_LOWER90, EA_COL_TARGETS_UPPER90, EA_COL_TARGETS_GAP,
    EA_COL_TARGETS_IMPLAUSIBILITY, EA_COL_TARGETS_IN_BAND, EA_COL_TARGETS_USED,
    EA_COL_TARGETS_COUNT
};
enum {
    EA_COL_TRACE_EVALUATION, EA_COL_TRACE_PARAMETERS, EA_COL_TRACE_OBJECTIVE, EA_COL_TRACE_PHASE,
    EA_COL_TRACE_COUNT
};
enum {
    EA_COL_BACKTEST_DATE_OR_YEAR, EA_COL_BACKTEST_SCOPE, EA_COL_BACKTEST_INDICATOR,
    EA_COL_BACKTEST_OBSERVED, EA_COL_BACKTEST_MEAN, EA_COL_BACKTEST_LOWER90,
    EA_COL_BACKTEST_UPPER90, EA_COL_BACKTEST_GAP, EA_COL_BACKTEST_GAP_PCT,
    EA_COL_BACKTEST_IN_BAND, EA_COL_BACKTEST_COUNT
};
enum {
    EA_COL_CHART_SIM_CHART, EA_COL_CHART_SIM_PERIOD, EA_COL_CHART_SIM_X, EA_COL_CHART_SIM_MEAN,
    EA_COL_CHART_SIM_LOWER90, EA_COL_CHART_SIM_UPPER90, EA_COL_CHART_SIM_COUNT
};
enum {
    EA_COL_CHART_OBS_CHART, EA_COL_CHART_OBS_DATE_OR_YEAR, EA_COL_CHART_OBS_X,
    EA_COL_CHART_OBS_OBSERVED, EA_COL_CHART_OBS_LOW, EA_COL_CHART_OBS_HIGH, EA_COL_CHART_OBS_USED,
    EA_COL_CHART_OBS_COUNT
};
enum {
    EA_COL_SENSITIVITY_OUTCOME, EA_COL_SENSITIVITY_PARAMETER, EA_COL_SENSITIVITY_METHOD,
    EA_COL_SENSITIVITY_INDEX, EA_COL_SENSITIVITY_ESTIMATE, EA_COL_SENSITIVITY_LOWER95,
    EA_COL_SENSITIVITY_UPPER95, EA_COL_SENSITIVITY_COUNT
};
enum {
    EA_COL_UNCERTAINTY_SCOPE, EA_COL_UNCERTAINTY_YEAR, EA_COL_UNCERTAINTY_INDICATOR,
    EA_COL_UNCERTAINTY_MEAN, EA_COL_UNCERTAINTY_LOWER90, EA_COL_UNCERTAINTY_UPPER90,
    EA_COL_UNCERTAINTY_VAR_TOTAL, EA_COL_UNCERTAINTY_VAR_PARAMETER, EA_COL_UNCERTAINTY_VAR_NOISE,
    EA_COL_UNCERTAINTY_SHARE_PARAMETER, EA_COL_UNCERTAINTY_COUNT
};
enum { EA_COL_MANIFEST_KIND, EA_COL_MANIFEST_VALUE, EA_COL_MANIFEST_SIZE, EA_COL_MANIFEST_SHA256,
       EA_COL_MANIFEST_COUNT };

/* ---- The column dictionary and the rounding for people ----------------------------------------
 *
 * `--csv fr` (the style for people, eng_csv_french) writes every table with French headers, one
 * per column name, from one dictionary (ea_tables.c; the README's table is written from it by
 * make readme-columns), and its numbers rounded to what their unit needs, one rule per unit
 * (ea_tables_unit_places). `--csv std` keeps the names and full precision, for R and pandas. */
typedef struct ea_tables_word {
    const char *name;   /* a column name of --csv std, or the prefix of a paired column */
    const char *fr;     /* its header in --csv fr */
} ea_tables_word;

int ea_tables_nwords(void);
const ea_tables_word *ea_tables_word_at(int i);

/* The French header of a column name, or NULL when the dictionary has none. */
const char *ea_tables_french(const char *name);

/* Writes the dictionary as a Markdown table, its headings in the language of the messages: the
 * README's is this text in French (make readme-columns). */
void ea_tables_write_dictionary_markdown(FILE *f);

/* The decimals a value of a unit keeps in the style for people: persons, places and days 1;
 * shares 3 (a fraction, 0,681 for 68,1 %); FTE 2; hours and euros 0. -1 for no rule. */
int ea_tables_unit_places(ea_indicators_unit unit);

/* Writes a number of a unit: rounded by ea_tables_unit_places in the style for people, in full
 * otherwise (eng_csv_number_rounded). */
void ea_tables_write_value(FILE *f, double x, ea_indicators_unit unit, const eng_csv_style *st);

/* The same into buf (ENG_CSV_NUMBER_SIZE bytes), returning the length. */
int ea_tables_format_value(char *buf, double x, ea_indicators_unit unit, const eng_csv_style *st);

/* The same for a value of an indicator of the tables, by its unit (in full when the name is no
 * indicator). */
void ea_tables_write_indicator_value(FILE *f, double x, const char *indicator,
                                     const eng_csv_style *st);

/* Whether a header read in a file is declared column col of table: its name (ignoring ASCII case)
 * or its French header; and the length of the name or French header that starts it, for the
 * prefix of a paired column (0 when neither does). */
int ea_tables_header_is(const char *header, ea_tables_id table, int col);
size_t ea_tables_header_prefix(const char *header, ea_tables_id table, int col);

/* The file name of a table in its output directory, e.g. "monthly.csv". */
const char *ea_tables_file(ea_tables_id table);

/* The declared columns of a table (0 for an INI file), and column col of them. */
int ea_tables_ncolumns(ea_tables_id table);
const ea_tables_col *ea_tables_column(ea_tables_id table, int col);

/* The header line of a table of fixed columns, with the style's separator; in the style for
 * people, after the byte order mark (eng_csv_begin) and in French. */
void ea_tables_write_header(FILE *f, ea_tables_id table, const eng_csv_style *st);

/* The same for a table whose columns depend on the run: names[0..n) are the varied keys of a
 * sweep or the scenarios compared (quoted as CSV cells when needed), and `optional` includes the
 * EA_COLUMN_OPTIONAL columns. */
void ea_tables_write_header_names(FILE *f, ea_tables_id table, const char *const *names, int n,
                                  int optional, const eng_csv_style *st);

/* The column of t that holds declared column col of table, or -1 when t has none. */
int ea_tables_find(const eng_csv *t, ea_tables_id table, int col);

/* The same for a column the reader needs: a missing one is ENG_EINPUT, as eng_csv_require. */
int ea_tables_require(const eng_csv *t, ea_tables_id table, int col, int *index, eng_error *err);

/* Reads a cell as a calendar year, a whole number from 1 to 9999; anything else (an empty cell
 * included) is ENG_EINPUT naming the file, line and column. */
int ea_tables_get_year(const eng_csv *t, size_t row, int col, int *year, eng_error *err);

/* ---- monthly.csv and annual.csv read back --------------------------------------------------- */

/* One indicator of one scope over the periods of a summary table. */
typedef struct ea_tables_series {
    const char *scope, *indicator;
    int n;
    const int *period;                 /* ascending: year * 12 + month - 1 in monthly.csv (as
                                          eng_date_month_index), the year in annual.csv */
    const double (*stat)[EA_NSTATS];   /* stat[i][EA_STAT_P05]; NaN for an empty cell, or for a
                                          statistic whose column the file does not have */
} ea_tables_series;

typedef struct ea_tables_summary {
    int nseries;
    const ea_tables_series *series;    /* by scope, then indicator, in order of first appearance */
    int nscopes;
    const char *const *scopes;         /* in order of first appearance in the file */
    int nindicators;
    const char *const *indicators;
    int first_period, last_period;     /* over all rows */
    struct ea_tables_store *store;     /* what the pointers above point into */
} ea_tables_summary;

/* Reads the file at path as monthly.csv (table EA_TABLE_MONTHLY) or annual.csv (EA_TABLE_ANNUAL).
 * The scope, period, indicator and mean columns are required, the other statistics optional; a
 * month may be written as any date of it. A missing column, a cell that is not a number, a month
 * or a year, or a row given twice is ENG_EINPUT naming the file and line (ENG_EFAIL when out of
 * memory); *out is NULL on failure. */
int ea_tables_summary_read(const char *path, ea_tables_id table, ea_tables_summary **out,
                           eng_error *err);
void ea_tables_summary_free(ea_tables_summary *s);   /* NULL is a no-op */

/* The series of a scope and indicator, or NULL. */
const ea_tables_series *ea_tables_summary_find(const ea_tables_summary *s, const char *scope,
                                               const char *indicator);

/* The index of a scope or of an indicator in the summary's lists, or -1. */
int ea_tables_summary_scope(const ea_tables_summary *s, const char *scope);
int ea_tables_summary_indicator(const ea_tables_summary *s, const char *indicator);

/* The index of a period in a series, or -1 when the series has no row for it. */
int ea_tables_series_find(const ea_tables_series *se, int period);

#endif
