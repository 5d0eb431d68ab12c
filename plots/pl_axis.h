/* pl_axis.h — The axes of the charts as gnuplot commands: ranges with ticks at round values,
 * labelled here in the chart's language (grouped digits, decimal comma, month names). */
#ifndef PL_AXIS_H
#define PL_AXIS_H

#include <stdio.h>

#include "pl_text.h"

/* Sets the range of an axis ("x", "y", "y2") to cover [lo, hi] with ticks every 1, 2, 2.5 or 5
 * times a power of ten (about six intervals), the range widened to whole steps, each tick labelled
 * in the unit: "1 000", "2 500 000 €", "20 %" in French. A lo that is not finite is taken as 0, a
 * hi that is not finite or not above lo as lo + 10 (lo + 100 % for shares). The labels are written
 * here rather than by gnuplot, whose locale support depends on the machine. */
void pl_axis_value(FILE *f, const char *axis, double lo, double hi, pl_text_unit unit,
                   pl_text_lang lang);

/* Sets the x axis to [lo, hi] in month indices (year*12 + month-1), ticked every 1, 2, 3 or 6
 * months or every 1, 2, 5, 10, 20, 50 or 100 years, the smallest step giving at most nine
 * intervals: "janv. 2022" for steps under a year, "2022" from a year up. */
void pl_axis_month(FILE *f, double lo, double hi, pl_text_lang lang);

/* Sets the x axis to the years y0 to y1, with 0.6 of a year of margin on each side, a tick on each
 * year (every (y1 - y0) / 10 + 1 years beyond fifteen years). */
void pl_axis_year(FILE *f, int y0, int y1);

#endif
