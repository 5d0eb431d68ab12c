/* ea_calibrate_write.h — The files of a calibration: calibration.csv, targets.csv, trace.csv,
 * backtest.csv (with --until) and calibrated.ini, the scenario file with the fitted values. */
#ifndef EA_CALIBRATE_WRITE_H
#define EA_CALIBRATE_WRITE_H

#include <stdio.h>
#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "ea_calibrate.h"

/* The significant digits of an estimate written into calibrated.ini: far within any interval the
 * replications allow, and readable. */
#define EA_CALIBRATE_WRITE_DIGITS 4

/* x to EA_CALIBRATE_WRITE_DIGITS significant digits for people, with a decimal comma in French:
 * the precision of the values calibrated.ini writes, which summary.txt shows too. */
const char *ea_calibrate_write_format(char *buf, size_t size, double x);

/* Writes the tables (columns declared in ea_tables.h) and calibrated.ini into the set: the
 * scenario file as it is, each fitted key's line replaced in place (a key the file did not have
 * added to its section, a section it did not have added at the end), with its interval in a comment
 * above; the file runs as it is. The free keys of c->ini are set to the rounded estimates. */
int ea_calibrate_write_files(ea_calibrate *c, eng_out *out, const eng_csv_style *style, eng_error *err);

#endif
