/* pl_pipeline.h — The stages that fill an output directory, in order: the simulation's tables
 * (reused when the directory holds those of the same run), compare, costs, fit, charts, report.
 *
 * Each command's files form one set with its record, manifest.csv (ea_manifest.h), which replaces
 * the whole set of the run before it in the directory: the files that run wrote and this one does
 * not are removed when the new set is in place. The stages of the report work in a scratch
 * directory and read only what this run made or reuses; the set is placed at the end. */
#ifndef PL_PIPELINE_H
#define PL_PIPELINE_H

#include "../engine/eng_csv.h"
#include "../engine/eng_date.h"
#include "../engine/eng_error.h"
#include "../models/ea_calibrate.h"
#include "../models/ea_compare.h"
#include "../models/ea_fit.h"
#include "../models/ea_scenario.h"
#include "../models/ea_scenarios.h"
#include "../models/ea_sensitivity.h"
#include "../models/ea_simulate.h"
#include "pl_gnuplot.h"
#include "pl_text.h"

/* What the stages read and how they write; a stage whose input is NULL is skipped by
 * pl_pipeline_report. */
typedef struct pl_pipeline_options {
    ea_simulate_options run; /* threads and progress of the simulation */
    const eng_csv_style *style;      /* CSV style of every table written */
    const char *observed;            /* observed aggregates, for compare */
    const char *at;                  /* compare: a date (YYYY-MM-DD) the capacity view must have;
                                        NULL for any */
    const char *funding;             /* funding table, for costs at the scenario's cost per place
                                        (exact verdict), its places checked with the scenario's */
    const char *records;             /* individual records, for fit (DIR/fitted.ini) */
    int year;                        /* the report's year; 0: pl_report_keys_year's choice */
    eng_date until;                  /* report: observations after it held out of the scenario's
                                        making (pl_report_input); year 0: none */
    pl_text_lang lang; /* language of the charts and the report */
    int xlsx;                        /* simulate, compare: also write tableaux.xlsx (pl_workbook.h);
                                        the report always writes it */
    FILE *warnings;                  /* where the places of the funding table that differ from the
                                        scenario's are listed (stderr); NULL: nowhere */
    FILE *notices;                   /* where one-line notices go (tables reused, an earlier run's
                                        files replaced); NULL for none */
    const ea_sensitivity *sensitivity; /* report: a sensitivity analysis of the scenario, computed
                                          by the caller, written beside the report (sensitivity.csv,
                                          sensitivity.txt, its charts) and shown in it; NULL: none */
} pl_pipeline_options;

/* Simulates sc and writes monthly.csv, annual.csv, run.ini and manifest.csv into dir, together or
 * not at all. */
int pl_pipeline_simulate(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                         eng_error *err);

/* Compares opt->observed with the simulation's tables of sc and writes compare.csv,
 * compare-summary.csv, capacity.csv and manifest.csv into dir. The tables are dir's own when they
 * are those of this very run (ea_manifest_reusable: *reused is then 1, and a notice says so), else
 * they are simulated and written with the comparison, all together or not at all. On success *cmp
 * is the comparison, which the caller frees with ea_compare_free. ENG_EINPUT when opt->at is not a
 * date of the capacity view. */
int pl_pipeline_compare(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                        ea_compare **cmp, int *reused, eng_error *err);

/* Fits the records (as of as_of, NULL for their latest date) and writes the fitted scenario
 * ini_name and the fit's tables into dir, together or not at all (files named by the user: no
 * manifest, nothing else of dir replaced); on success *out is the fit,
 * which the caller frees with ea_fit_free (and may print with ea_fit_write_summary). An empty
 * ini_name (a path ending in a slash) is ENG_EINPUT. */
int pl_pipeline_fit(const char *records, const char *dir, const char *ini_name, const char *as_of,
                    const eng_csv_style *style, ea_fit **out, eng_error *err);

/* Draws every chart of the tables in dir into dir/plots/ (for a comparison of scenarios, a dir with
 * scenarios.csv: its difference charts, pl_compare.h) (created when needed), in `format` and
 * `lang`, all together or not at all; *ncharts receives their number. The charts replace those of
 * the run before (the other files of dir's set are kept, and recorded as reused in its
 * manifest.csv). Nothing is created when dir holds no table to draw. */
int pl_pipeline_plot(const char *dir, pl_gnuplot_format format, pl_text_lang lang, int *ncharts,
                     eng_error *err);

/* Runs the comparison of the n scenario files (ea_scenarios_compute with `run`) and writes into dir,
 * as one set with its record (the scenario files as inputs): scenarios.csv and
 * scenarios-structure.csv, tableaux.xlsx when opt->xlsx, the difference charts as PNG in
 * dir/plots/ (pl_compare.h), and the page index.html with report.pdf (pl_compare_page.h) for
 * opt->year (0: the last complete year) in opt->lang. The stages work in a scratch directory; a
 * failure leaves dir as it was. On success *s is the comparison, which the caller prints and clears
 * (ea_scenarios_clear); on failure it is cleared. */
int pl_pipeline_scenarios(const char *dir, const char *const *paths, int n,
                          const ea_scenarios_options *run, const pl_pipeline_options *opt,
                          ea_scenarios *s, eng_error *err);

/* The annual report of dir: the simulation's tables (kept when they are those of this very run,
 * with a notice), then compare with opt->observed, costs with opt->funding and fit with
 * opt->records; then every chart into dir/plots/ as PNG (their number in *ncharts), the workbook
 * tableaux.xlsx, index.html and report.pdf. The stages work apart (eng_out_scratch) and the whole set replaces the earlier one at
 * the end; a stage that fails leaves dir as it was. The record lists as inputs the scenario file,
 * the files of opt and the sources document beside the scenario (ea_sources_beside) when it is
 * there. */
int pl_pipeline_report(const char *dir, const ea_scenario *sc, const pl_pipeline_options *opt,
                       int *ncharts, eng_error *err);

/* Calibrates the scenario at `scenario` to `observed` (ea_calibrate_compute with f[0..n) and run)
 * and writes into dir, together or not at all, with manifest.csv: calibrated.ini, calibration.csv,
 * targets.csv, trace.csv, backtest.csv (with --until), summary.txt (ea_calibrate_print) and the
 * charts of pl_calibrate in dir/plots/ as `format`, in lang. On ENG_OK, c holds the calibration
 * (ea_calibrate_clear it) and *ncharts the charts drawn. */
int pl_pipeline_calibrate(const char *dir, const char *scenario, const char *observed,
                          const ea_calibrate_free *f, int n, const ea_calibrate_options *run,
                          const eng_csv_style *style, pl_gnuplot_format format, pl_text_lang lang,
                          ea_calibrate *c, int *ncharts, eng_error *err);

#endif
