/* pl_report_sensitivity.h — The report's « Sensibilité aux hypothèses » section: which of the
 * scenario's uncertain assumptions moves each chosen outcome, in words, a table and two charts. */
#ifndef PL_REPORT_SENSITIVITY_H
#define PL_REPORT_SENSITIVITY_H

#include <stdio.h>

#include "../engine/eng_error.h"
#include "../models/ea_sensitivity.h"
#include "pl_gnuplot.h"
#include "pl_text.h"

/* The section's line in the contents. */
void pl_report_sensitivity_toc(FILE *f, pl_text_lang lang);

/* Asks gp to draw, as SVG files in svg_dir, the tornado and Sobol charts of every outcome of s
 * (pl_sensitivity_emit), named sens-N.svg. */
void pl_report_sensitivity_draw(const ea_sensitivity *s, pl_gnuplot *gp, const char *svg_dir,
                                pl_text_lang lang);

/* Removes the SVG files pl_report_sensitivity_draw made. */
void pl_report_sensitivity_remove(const ea_sensitivity *s, const char *svg_dir);

/* Writes the section: what was varied and how (the laws, the runs, what an index means), then for
 * each outcome its value with every parameter at its median, a sentence naming the assumption that
 * weighs most (a total index of at least 0,1 whose interval excludes 0) and how far it moves the
 * outcome, a table of the parameters ranked by total index (Sobol first-order and total with their
 * 95 % intervals, Morris μ*, the tornado's ends), and the two charts inlined. */
int pl_report_sensitivity_write(FILE *f, const ea_sensitivity *s, const char *svg_dir,
                                pl_text_lang lang, eng_error *err);

#endif
