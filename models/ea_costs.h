/* ea_costs.h — Cost homogenisation check: cost per place and per person of each department
 * against the reference (4 300 € a place a year), the budget at the reference, and the dispersion. */
#ifndef EA_COSTS_H
#define EA_COSTS_H

#include <stdio.h>
#include "../engine/eng_error.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_out.h"
#include "ea_scenario.h"

/* Domain bounds of the funding table, far above any real figure (a whole country funds some
 * thousands of places for some tens of millions of euros), so that a typing slip such as 1e60 is
 * refused with its place instead of flowing into every derived figure. */
#define EA_COSTS_MAX_EUR 1e12      /* funding_eur, delegated_eur: euros a year */
#define EA_COSTS_MAX_COUNT 1e6     /* places, file_active, persons_accompanied */
#define EA_COSTS_MAX_ROWS 10000    /* rows: a department and a year each */

/* One department in one year, as read from the funding table, with what is derived from it. */
typedef struct ea_costs_row {
    char department[EA_MAX_NAME];
    char name[128];
    int year;                       /* 0 when the table has no year column */
    int region;                     /* 1 for the regional total of the year */
    double funding_eur, places;
    double file_active;             /* NaN when not given */
    double persons_accompanied;     /* NaN when not given */
    double delegated_eur;           /* NaN when not given */
    double cost_per_place;          /* funding / places, euros per place per year */
    double deviation;               /* cost_per_place / reference - 1 */
    double reference_funding;       /* places x reference */
    double difference;              /* funding - reference_funding */
    double cost_per_person;         /* funding / file_active */
    double cost_per_accompanied;    /* funding / persons_accompanied */
    double delegated_share;         /* delegated / funding */
    int outside;                    /* cost_per_place outside reference x (1 +- tolerance), in cents */
} ea_costs_row;

/* The dispersion of the departments' cost per place in one year: as funded, and as it would be
 * at the reference (where every department gets places x reference). */
typedef struct ea_costs_dispersion {
    int year;
    int stage;                      /* 0: as funded, 1: homogenised at the reference */
    int n;                          /* departments */
    double min, max, mean;          /* mean over departments, unweighted */
    double regional;                /* total funding / total places */
    double cv;                      /* coefficient of variation (sd with divisor n / mean) */
    double gini;                    /* Gini index of the cost per place over departments */
} ea_costs_dispersion;

typedef struct ea_costs {
    double reference, tolerance;
    int nrows;
    ea_costs_row *rows; /* departments of each year, then that year's region row */
    int ndisp;
    ea_costs_dispersion *disp;
} ea_costs;

/* Reads the funding table (columns department, name, funding_eur, places; optional file_active,
 * persons_accompanied, delegated_eur, year) and computes everything. Errors, ENG_EINPUT, name the
 * file, line and column: a department code that a scenario would not accept (1 to EA_MAX_NAME - 1
 * letters, digits, `_` or `-`, not starting with `-`, not `region`), a negative amount or count,
 * one above the bounds above, no place, a year that is not a whole number from 1900 to 2200, a
 * department given twice in a year; more than EA_COSTS_MAX_ROWS rows is refused too.
 *
 * A department is outside the tolerance when its cost per place, rounded to the cent, is above
 * reference x (1 + tolerance) or below reference x (1 - tolerance), each rounded to the cent: a
 * cost exactly at either bound is inside, the same on both sides. */
int ea_costs_compute(const char *path, double reference, double tolerance, ea_costs *out, eng_error *err);
void ea_costs_clear(ea_costs *c);

/* Writes costs.csv (one row per department and year, then the region) and costs-dispersion.csv. */
int ea_costs_write(const ea_costs *c, eng_out *out, const eng_csv_style *style, eng_error *err);

/* Prints the readable table of the copil: one line per department, flags, totals, dispersion. */
void ea_costs_print(const ea_costs *c, FILE *f);

/* Gini index of x[0..n-1] (non-negative): sum over pairs |xi - xj| / (2 n^2 mean); 0 when all are
 * equal. */
double ea_costs_gini(const double *x, int n);

#endif
