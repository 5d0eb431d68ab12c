/* ea_sensitivity_write.h — The sensitivity analysis's table (sensitivity.csv) and its summary in
 * French, naming the parameters that matter most for each outcome. */
#ifndef EA_SENSITIVITY_WRITE_H
#define EA_SENSITIVITY_WRITE_H

#include <stddef.h>
#include <stdio.h>

#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "ea_sensitivity.h"

/* The outcome as the table names it: IND@YEAR for the region, CODE:IND@YEAR for a department. */
const char *ea_sensitivity_write_outcome(const ea_sensitivity_outcome *o, char *buf, size_t size);

/* Writes sensitivity.csv (ea_tables.h) into out. */
int ea_sensitivity_write_csv(const ea_sensitivity *s, eng_out *out, const eng_csv_style *style,
                             eng_error *err);

/* The summary in French: per outcome, the parameters ranked by total index, with Morris and the
 * tornado, and those that matter most named. */
void ea_sensitivity_write_summary(const ea_sensitivity *s, FILE *f);

#endif
