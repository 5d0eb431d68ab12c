/* pl_calibrate.h — The charts of a calibration: per scope and indicator with targets, the run at the
 * estimate (mean and 90 % band over time) against the observed figures with their ± 2 sd bars. */
#ifndef PL_CALIBRATE_H
#define PL_CALIBRATE_H

#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "../models/ea_calibrate.h"
#include "pl_gnuplot.h"
#include "pl_text.h"

/* Draws into the set `plots` (the set of a plots folder), as calibration_INDICATOR_SCOPE.EXT (with
 * _annual for the
 * rows of a year), one chart per scope, indicator and kind of period that has an observed row
 * inside the simulated period: the band and the mean of c->final, the observations used and those
 * held out told apart in the legend, and with --until a dashed vertical line between the last month
 * (or year) used and the first held out (the rule of ea_compare_held_out). Titles, axis labels and
 * legends in lang. Writes the data behind them too, plots/calibration-simulated.csv and
 * plots/calibration-observed.csv (columns in ea_tables.h; in the standard CSV style whatever --csv
 * says: gnuplot reads them). *ncharts receives the charts drawn (0 when
 * no row matched: nothing is written). ENG_EFAIL when gnuplot is missing or fails, or out of
 * memory. */
int pl_calibrate_draw(const ea_calibrate *c, eng_out *plots, pl_gnuplot_format format,
                      pl_text_lang lang, int *ncharts, eng_error *err);

#endif
