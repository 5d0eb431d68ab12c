/* pl_report_validation.h — The report's « Validation » section: the items a simulation study reports
 * (STRESS-DES: initial state, run length, replications, seeds and streams, versions) and the test on
 * observations held out of the scenario's making (--until). */
#ifndef PL_REPORT_VALIDATION_H
#define PL_REPORT_VALIDATION_H

#include <stdio.h>

#include "../engine/eng_date.h"
#include "../models/ea_scenario.h"
#include "pl_data.h"
#include "pl_text.h"

/* How the rows of compare.csv on one side of a date fare: those compared, those in the simulation's
 * 90 % band, and their mean absolute percentage error. Rows of an indicator equal by construction
 * (an input such as places: compare-summary.csv gives it a root mean square error of 0) are left
 * out, as the key figures leave them out. */
typedef struct pl_report_validation_score {
    int n;              /* rows compared */
    int in_band;        /* of which in the 90 % band (compare.csv's in_band) */
    double mape_pct;    /* mean of |observed − simulated mean| / |observed| × 100 over the rows
                           whose observation is not 0 (compare-summary.csv's definition); NaN
                           when there is none */
} pl_report_validation_score;

/* Whether row c of compare.csv is held out by `until`: its period (a month, or a year for a row
 * that compares a whole year) ends after that date. Rows are compared by month, so a row of the
 * month of `until` counts as used unless `until` is before the month's last day. The rule is
 * ea_compare_held_out's, which calibrate --until applies too. */
int pl_report_validation_held_out(const pl_data_compared *c, eng_date until);

/* Whether row c of compare.csv is counted on the side `held_out` of until (until NULL: every row
 * is used): held out or not as pl_report_validation_held_out says, not of an indicator equal by
 * construction, and with an observed value and a simulated mean. The rows of the section's table
 * of held-out observations, and of the workbook's sheet « Validation » (pl_workbook_pages.h). */
int pl_report_validation_counted(const pl_data *d, const pl_data_compared *c, const eng_date *until,
                                 int held_out);

/* The score of the rows of scope (NULL: of every scope) held out by until (held_out 1) or of the
 * others (held_out 0); with until NULL, every row counts as used (held_out 0). */
void pl_report_validation_score_rows(const pl_data *d, const eng_date *until, int held_out,
                                     const char *scope, pl_report_validation_score *out);

/* The contents' entry of the section. */
/* The period of a compared row for people: "décembre 2022" (a month) or "2022" (a year). Returns
 * buf. */
const char *pl_report_validation_period(const pl_data_compared *c, char *buf, size_t size,
                                        pl_text_lang lang);

void pl_report_validation_toc(FILE *f, pl_text_lang lang);

/* Writes the section « Validation » (id validation), in lang: a table of what the run was — the
 * initial state (persons in support at the start and their spread over the modules, from sc), the
 * run length (first month and months), the replications and the half-width of the 95 % interval
 * of the mean they give for the key indicators of `year` in `region` (from annual.csv's sd), the
 * seed and the random streams, the versions of eaflow, GSL and the compiler —; then how the
 * simulation fares on the observations: with until, the rows of compare.csv after it (held out of
 * the scenario's making, e.g. a calibrated.ini made by calibrate --until), each with the observed
 * value, the simulated mean and 90 % band, in the band or not and the gap, then their coverage and
 * MAPE beside those of the rows used; without until, a sentence that the comparison is in-sample.
 * Every text is escaped. sc may be NULL (the table then says what run.ini gives). */
void pl_report_validation_write(FILE *f, const pl_data *d, const ea_scenario *sc,
                                const char *region, int year, const eng_date *until,
                                pl_text_lang lang);

#endif
