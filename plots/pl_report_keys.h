/* pl_report_keys.h — The report's year and its key figures: which year and why, the simulated
 * figures beside the observed ones, whether the scenario's intensity fits the funded staff and
 * budget, and how well the simulation agrees with the observations (compare-summary.csv). */
#ifndef PL_REPORT_KEYS_H
#define PL_REPORT_KEYS_H

#include <stdio.h>

#include "../engine/eng_error.h"
#include "pl_data.h"
#include "pl_text.h"

/* Why the report speaks of its year. */
typedef enum pl_report_keys_why {
    PL_REPORT_YEAR_ASKED,        /* --year */
    PL_REPORT_YEAR_OBSERVED,     /* the last simulated year compare.csv observes comparably */
    PL_REPORT_YEAR_FIRST_FULL,   /* the first simulated year with its twelve months */
    PL_REPORT_YEAR_FIRST         /* the first simulated year, none having twelve months */
} pl_report_keys_why;

/* The year of the report for the scope region, in *year, and why: wanted when it is not 0 (ENG_EINPUT
 * when annual.csv does not have it, naming the years it has); else the last year of annual.csv
 * that compare.csv observes comparably, a stock at the end of December or a count over a year
 * simulated whole (the annual report of that year, observed and simulated side by side);
 * else the first simulated year with twelve months (the projection nearest the data); else the
 * first year. ENG_EINPUT when annual.csv has no row for region. annual.csv must have been read. */
int pl_report_keys_year(const pl_data *d, const char *region, int wanted, int *year,
                        pl_report_keys_why *why, eng_error *err);

/* Writes the section "Chiffres clés YEAR" (id chiffres-cles) of the page, in lang:
 *   one sentence on the year and why it is the report's;
 *   the key figures of the region, simulated (means over replications of annual.csv), with an
 *   "Observé" column when compare.csv observes some of them at the end of the year (stocks) or for
 *   the whole year: persons accompanied, caseload, places, occupancy, gap to target, entries, exits
 *   and their reasons, waiting list, FTE funded ("non renseignés dans le scénario" without them)
 *   and needed, persons per funded FTE, hours per person per month, funding, cost per place, cost
 *   of the modelled hours, balance, cost per person and per exit to employment;
 *   one sentence on whether the scenario's intensity fits the funded FTE and the funding;
 *   a table of the year's observations of the region beside the simulated mean and 90 % band,
 *   with the gap and "dans la bande" or "hors de la bande" (inputs such as places, equal by
 *   construction, left out);
 *   a paragraph "Observé et simulé" from compare-summary.csv: the MAPE and the share in the band
 *   of each indicator of the region, and over the departments, leaving out the indicators equal by
 *   construction (root mean square error 0).
 * Every text is escaped (pl_html_text). annual.csv must have been read. */
void pl_report_keys_write(FILE *f, const pl_data *d, const char *region, int year,
                          pl_report_keys_why why, pl_text_lang lang);

#endif
