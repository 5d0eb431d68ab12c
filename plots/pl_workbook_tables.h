/* pl_workbook_tables.h — The sheets of tableaux.xlsx that show the other analyses' tables row by
 * row: costs, observed beside simulated, the sweep, scenarios side by side, and the assumptions. */
#ifndef PL_WORKBOOK_TABLES_H
#define PL_WORKBOOK_TABLES_H

#include <stddef.h>

#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../models/ea_scenario.h"
#include "../models/ea_scenarios.h"
#include "../models/ea_tables.h"
#include "pl_data.h"
#include "pl_text.h"
#include "pl_xlsx.h"

/* Reads table of d's directory into *t when the file is there (*t NULL, ENG_OK, when it is not);
 * ENG_EINPUT naming the file for a malformed one. */
int pl_workbook_tables_open(const pl_data *d, ea_tables_id table, eng_csv **t, eng_error *err);

/* The value compare.csv observed for scope and indicator in year: the row dated with the year
 * itself, or for a stock (stock 1) the row of its December; NaN when there is none or compare is
 * NULL. */
double pl_workbook_tables_observed(const eng_csv *compare, const char *scope,
                                   const char *indicator, int year, int stock);

/* The departments' whole as the workbook names it: the scenario's `area`, else that of the
 * compared scenarios' first (scenarios may be NULL), else « Ensemble de la région ». */
const char *pl_workbook_tables_whole(const pl_data *d, const ea_scenarios *scenarios);

/* An indicator's label (pl_text_indicator_label) with a capital first letter, as a heading or a
 * row's name shows it. Returns buf. */
const char *pl_workbook_tables_label(char *buf, size_t size, const char *indicator,
                                     pl_text_lang lang);

/* Adds the sheets of the tables of d's directory that exist: Homogénéisation (costs.csv),
 * Observé – simulé (compare.csv), Places nécessaires (places.csv, its FTE columns too), Cible (sweep-target.csv), Balayage
 * (sweep-summary.csv), Comparaison (scenarios.csv), and when sc is given Hypothèses: the assumptions table of the report (pl_assumptions), a row per
 * parameter with its group, French label, value in French with its unit, source ([Sn] and short
 * title, « hypothèse », « valeur par défaut d'eaflow ») and the note of the scenario file.
 * scenarios, when the directory holds a comparison, names its departments in Comparaison.
 * `reps` says over how many replications the values are means; lang gives the labels of the
 * indicators. Errors of pl_assumptions_load besides those of the tables. */
int pl_workbook_tables_write(pl_xlsx *x, const pl_data *d, const ea_scenario *sc,
                             const ea_scenarios *scenarios, pl_text_lang lang, const char *reps,
                             eng_error *err);

#endif
