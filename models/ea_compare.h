/* ea_compare.h — Simulation against observed aggregates: matched points with the 90 % band, error
 * summaries per scope and indicator, and the capacity view (places, persons, occupancy, unused). */
#ifndef EA_COMPARE_H
#define EA_COMPARE_H

#include <stdio.h>
#include "../engine/eng_error.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_date.h"
#include "../engine/eng_out.h"
#include "ea_scenario.h"

/* Persons and places at one date, for a department or the region. */
typedef struct ea_compare_capacity {
    char scope[64];
    char date[16];             /* YYYY-MM-DD as observed */
    double places, file_active;
    double occupancy;          /* file_active / places */
    double unused;             /* places - file_active (negative: over capacity) */
    double unused_eur;         /* unused x cost per place, per year */
} ea_compare_capacity;

typedef struct ea_compare ea_compare;

/* Reads the observed aggregates (columns `date` or `year`, `department`, and any of places,
 * file_active, entries, exits, exits_<reason>, waiting, funding_eur, balance_eur, ...) and matches them
 * with the simulation's tables (the files monthly.csv and annual.csv written by simulate, given by
 * their paths, read by ea_tables_summary_read): a row with a date compares with the month
 * containing it (stocks at its end, flows over it), a row with only a year with that year. Rows
 * before the simulated period are kept for the capacity view only. Errors name file, line, column. */
int ea_compare_run(const char *observed, const char *monthly, const char *annual,
                   double cost_per_place, ea_compare **out, eng_error *err);
void ea_compare_free(ea_compare *c); /* NULL is a no-op */

/* compare.csv, compare-summary.csv and capacity.csv (columns declared in ea_tables.h) into the set
 * of outputs. */
int ea_compare_write(const ea_compare *c, eng_out *out, const eng_csv_style *style, eng_error *err);

/* The capacity view at date `at` (YYYY-MM-DD; NULL: the latest observed date), per department
 * (named as in sc; sc may be NULL) then the region, and a line on the fit of the simulation,
 * printed for the copil. */
void ea_compare_print(const ea_compare *c, const ea_scenario *sc, const char *at, FILE *f);

/* The one rule of a back-test (calibrate --until and report --until): an observed row is held out
 * when its period ends after `until` — a dated row's month (month 1 to 12), a year row's year
 * (month 0) — since its figure then covers days the calibration did not see. */
int ea_compare_held_out(int year, int month, eng_date until);

/* The observed columns left out, which are not indicators of the simulation, each with the
 * indicator it likely mistypes ("file_activ (vouliez-vous dire file_active ?)"); "" when none. */
const char *ea_compare_ignored(const ea_compare *c);

/* Whether the capacity view has rows at date `at` (YYYY-MM-DD). */
int ea_compare_has_date(const ea_compare *c, const char *at);

#endif
