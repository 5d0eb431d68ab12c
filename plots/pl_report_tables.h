/* pl_report_tables.h — The tables of the annual report in HTML: indicators by year for the whole
 * region, departments in the report's year, observed capacity, cost per place; and their years. */
#ifndef PL_REPORT_TABLES_H
#define PL_REPORT_TABLES_H

#include <stdio.h>

#include "pl_data.h"
#include "pl_text.h"

/* The series of annual.csv whose periods are the years of the report for the scope region (its
 * file_active, else its first indicator); NULL when annual.csv has no row for it. annual.csv must
 * have been read. */
const pl_data_series *pl_report_tables_years(const pl_data *d, const char *region);

/* The months of a year that the run simulated for the scope region, from monthly.csv's file active
 * (12 when monthly.csv is absent or has no file active for it). */
int pl_report_tables_months(const pl_data *d, const char *region, int year);

/* Writes the tables, each under an <h3> heading, with numbers in lang:
 *   indicators by year of the whole region, one row per year of pl_report_tables_years (a year
 *   that was not simulated in full says how many months it had);
 *   the departments in `year` (when annual.csv has more than the region), the region last as the
 *   total;
 *   the capacity observed at the latest date of capacity.csv with places and persons, with the
 *   value of the unused places when run.ini gives a cost per place;
 *   costs.csv in `year` (else in its last year), with the deviation from the reference.
 * A column appears only when annual.csv has a value for it somewhere (the cost of the modelled
 * hours: a positive one). All text is escaped (pl_html_text). annual.csv must have been read. */
/* What the FTE needed, the cost of the modelled hours and the balance count, in plain text, after
 * how d counts a counsellor's time (pl_data_staff_counted): the note under the page's staff table
 * and the workbook's staff sheet. Returns buf. */
const char *pl_report_tables_staff_note(char *buf, size_t size, const pl_data *d,
                                        pl_text_lang lang);

void pl_report_tables_write(FILE *f, const pl_data *d, const char *region, int year,
                            pl_text_lang lang);

#endif
