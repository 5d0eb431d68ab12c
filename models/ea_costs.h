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

/* How far a department's funding may be from places x reference and still be "conforme": an
 * amount in euros a year, or a share of places x reference (0.10 for 10 %), the two adding up when
 * both are set (ea_costs_tolerance_parse sets one). Both 0, the default, is exact homogenisation,
 * to the cent. */
typedef struct ea_costs_tolerance {
    double eur;                     /* euros a year, 0 to EA_COSTS_MAX_EUR */
    double share;                   /* share of places x reference, 0 to 10 */
} ea_costs_tolerance;

/* Reads a tolerance as given on the command line: a number of euros ("500", "500 €", "500 EUR"),
 * or a percentage of places x reference ("10%", "10 %"). A bare number between 0 and 1 ("0.10")
 * is refused, ENG_EINPUT, with the hint to write "10%": it was the share of the tolerance's
 * earlier meaning, and read as euros it would silently mean 10 cents. */
int ea_costs_tolerance_parse(const char *text, ea_costs_tolerance *t, eng_error *err);

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
    double cost_per_file_active;         /* funding / file_active */
    double cost_per_accompanied;    /* funding / persons_accompanied */
    double delegated_share;         /* delegated / funding */
    double adjustment;              /* reference_funding - funding, to the cent: euros to add (to
                                       remove when negative) to reach places x reference */
    double tolerance_eur;           /* the gap the tolerance allows this department, to the cent
                                       (euros, or share x reference_funding); NaN for the region,
                                       which is judged by its departments */
    int outside;                    /* the verdict: 0 "conforme", 1 "à ajuster de adjustment €";
                                       the region row is conforme when all its departments are */
    size_t line;                    /* its data row in the funding table, for messages */
} ea_costs_row;

/* A department whose places differ between the funding table and the scenario in a year; the
 * places of the side it is absent from are NaN. */
typedef struct ea_costs_mismatch {
    char department[EA_MAX_NAME];
    char name[128];
    int year;                       /* 0 when the table has no year column */
    double funding_places, scenario_places;
} ea_costs_mismatch;

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
    double reference;
    ea_costs_tolerance tolerance;
    int nrows;
    ea_costs_row *rows; /* departments of each year, then that year's region row */
    int ndisp;
    ea_costs_dispersion *disp;
    char source[4096];              /* the funding table's path, for messages */
    int totals;                     /* total rows of the table (Total, Région), equal to the sums
                                       of their departments and left out */
    int checked;                    /* places compared with a scenario (ea_costs_check) */
    char scenario[EA_MAX_TEXT];     /* its name */
    int first_month, months;        /* its period: calendar months as in ea_scenario.h */
    int nmismatches;
    ea_costs_mismatch *mismatches;  /* by year, then funding table's order, then the scenario's */
} ea_costs;

/* Reads the funding table (columns department, name, funding_eur, places; optional file_active,
 * persons_accompanied, delegated_eur, year) and computes everything. Errors, ENG_EINPUT, name the
 * file, line and column: a department code that a scenario would not accept (1 to EA_MAX_NAME - 1
 * letters, digits, `_` or `-`, not starting with `-`, not `region`), a negative amount or count,
 * one above the bounds above, no place, a year that is not a whole number from 1900 to 2200, a
 * department given twice in a year; more than EA_COSTS_MAX_ROWS rows is refused too.
 *
 * The verdict: a department is "conforme" when the gap between its funding and places x
 * reference, each rounded to the cent, is at most the tolerance (eur + share x places x reference,
 * rounded to the cent): none at tolerance 0, and a gap exactly at the tolerance is inside on
 * either side; otherwise it is "à ajuster" of `adjustment` euros. The funding is that of a whole
 * year, as the table gives it. */
int ea_costs_compute(const char *path, double reference, ea_costs_tolerance tolerance,
                     ea_costs *out, eng_error *err);
void ea_costs_clear(ea_costs *c);

/* Compares the places of the funding table with the scenario's, for each year of the table that
 * the scenario's period covers (a table without years: the scenario's first twelve months). The
 * scenario's places for a year are the mean, over the year's months it simulates, of each
 * department's places (places_schedule resolved month by month): the place-years its funding
 * pays for, since funding is places x cost per place pro rata of the months. Departments are
 * matched by code (any case); one that only one side has is a mismatch too. A single-platform
 * scenario is compared with the table's regional total. Places are compared to the hundredth.
 * Fills c->mismatches (after any earlier check's are dropped); ENG_EFAIL when out of memory. */
int ea_costs_check(ea_costs *c, const ea_scenario *sc, eng_error *err);

/* The same with the scenario of file `path`, loaded for the check (its errors are the loader's). */
int ea_costs_check_file(ea_costs *c, const char *path, eng_error *err);

/* Writes costs.csv (one row per department and year, then the region), costs-dispersion.csv and,
 * when c was checked against a scenario, costs-mismatches.csv (a header alone when none). */
int ea_costs_write(const ea_costs *c, eng_out *out, const eng_csv_style *style, eng_error *err);

/* Prints the readable table of the copil: a block per year of the table, one line per department
 * with its verdict, the regional total, the places that differ from the scenario's, the
 * dispersion. */
void ea_costs_print(const ea_costs *c, FILE *f);

/* The verdict of a row. */
typedef enum ea_costs_verdict_kind {
    EA_COSTS_CONFORME,      /* at the reference, or a region whose departments all are within
                               the tolerance */
    EA_COSTS_TOLERATED,     /* a department off the reference by no more than the tolerance */
    EA_COSTS_TO_ADJUST
} ea_costs_verdict_kind;

ea_costs_verdict_kind ea_costs_verdict(const ea_costs_row *r);

/* The verdict as costs.csv writes it, in French: "conforme", "dans la tolérance", "à ajuster"
 * (eng_msg_tr gives it in the messages' language). */
const char *ea_costs_verdict_word(ea_costs_verdict_kind v);

/* Prints one line per mismatch of places, as warnings: "eaflow: warning: F.csv: 2022, department
 * 31 (Haute-Garonne): 160 places in the funding table, 152 in the scenario NAME". Nothing when
 * there is none. */
void ea_costs_print_mismatches(const ea_costs *c, FILE *f);

/* Gini index of x[0..n-1] (non-negative): sum over pairs |xi - xj| / (2 n^2 mean); 0 when all are
 * equal. */
double ea_costs_gini(const double *x, int n);

#endif
