/* ea_records.h — Synthetic individual records in the shape of the national collection (one row per
 * person and module episode), made from one replication of a scenario, for trying `fit`. */
#ifndef EA_RECORDS_H
#define EA_RECORDS_H

#include <stdio.h>
#include "../engine/eng_error.h"
#include "../engine/eng_csv.h"
#include "../engine/eng_out.h"
#include "ea_scenario.h"

/* Simulates replication 0 of sc (seed sc->seed) and writes its episodes, censored at `as_of`
 * (YYYY-MM-DD, YYYY-MM or DD/MM/YYYY; NULL: the last day of the simulated period), with columns
 * person_id, department, entry_date, module, module_start, module_end, next, age, disability,
 * prescriber, sex. Episodes under way at as_of have empty module_end and next; episodes starting
 * after it are left out. Persons already in support at the start are not written (their history is
 * not simulated). The profile columns are drawn from the national shares of 2018 (see the .c), from
 * a stream of their own, so they do not change the simulated pathways. *nrows receives the number
 * of episodes written. */
int ea_records_synth(const ea_scenario *sc, const char *as_of, FILE *f, const eng_csv_style *style,
                     long *nrows, eng_error *err);

#endif
