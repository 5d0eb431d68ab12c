/* pl_workbook_pages.h — The sheets of tableaux.xlsx that give a page's table as numbers: the
 * differences of a comparison of scenarios and the observations held out of a report's scenario. */
#ifndef PL_WORKBOOK_PAGES_H
#define PL_WORKBOOK_PAGES_H

#include "../engine/eng_date.h"
#include "../models/ea_scenarios.h"
#include "pl_data.h"
#include "pl_text.h"
#include "pl_xlsx.h"

/* Adds the sheet « Différences »: the rows of the tables « Différences » of the comparison's page
 * (pl_compare_page.h), in the key year `year` (0: ea_scenarios_key_year's choice, as the page):
 * for each scenario after the first, the region then each department (pl_compare_table_scope),
 * and for each indicator of pl_compare_table_indicators the paired difference to the first and
 * the ends of its 95 % interval, as numbers in the indicator's format. `reps` says over how many
 * replications. ENG_EINPUT for a year s does not have (the message lists those it has). */
int pl_workbook_pages_differences(pl_xlsx *x, const ea_scenarios *s, int year, pl_text_lang lang,
                                  const char *reps, eng_error *err);

/* Adds the sheet « Validation » when compare.csv has rows held out by `until` (the rows the
 * report's Validation section lists, pl_report_validation_counted): for each, the department, the
 * period, the indicator, the observed value, the simulated mean and its 90 % band (p05, p95),
 * whether the observation is in the band, the gap (observed − simulated) and the relative gap
 * (|gap| / |observed|, empty for an observation of 0). Nothing when there is none. */
void pl_workbook_pages_validation(pl_xlsx *x, const pl_data *d, eng_date until, pl_text_lang lang,
                                  const char *reps);

#endif
