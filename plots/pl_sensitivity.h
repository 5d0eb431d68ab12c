/* pl_sensitivity.h — The charts of a sensitivity analysis, in French (English with --lang en): a
 * tornado and the Sobol indices with their intervals for each outcome, in DIR/plots/. */
#ifndef PL_SENSITIVITY_H
#define PL_SENSITIVITY_H

#include <stdio.h>

#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "../models/ea_sensitivity.h"
#include "pl_gnuplot.h"
#include "pl_text.h"

/* An outcome in words, as the charts' titles and the report's headings give it: "liste d'attente,
 * 2026" for the region, "liste d'attente, 2026 — département 31" for a department. Returns buf. */
const char *pl_sensitivity_outcome_title(const ea_sensitivity_outcome *o, char *buf, size_t size,
                                         pl_text_lang lang);

/* The gnuplot commands of chart i of s into f: for outcome i / 2, the tornado (even i: horizontal
 * bars from the outcome at every median to its value at each parameter's 5 % and 95 % quantiles,
 * the widest on top) or the Sobol indices (odd i: first-order and total bars per parameter with
 * their 95 % intervals). */
void pl_sensitivity_emit(const ea_sensitivity *s, int i, pl_text_lang lang, FILE *f);

/* The file name of chart i without extension: tornado-OUTCOME or sobol-OUTCOME, the outcome's ':'
 * and '@' written '-'. */
const char *pl_sensitivity_name(const ea_sensitivity *s, int i, char *buf, size_t size);

/* Draws every chart (2 per outcome) into a scratch directory of dir/plots and adds them to the set
 * out as plots/NAME.EXT. *scratch receives the scratch directory: eng_out_scratch_remove it once
 * the set is finished. *ncharts receives the number drawn. */
int pl_sensitivity_draw(const ea_sensitivity *s, eng_out *out, const char *dir,
                        pl_gnuplot_format format, pl_text_lang lang, char **scratch, int *ncharts,
                        eng_error *err);

/* The whole analysis into the set out: sensitivity.csv in style, sensitivity.txt (the summary)
 * and the charts of pl_sensitivity_draw, with the same *scratch and *ncharts (in an MPI job, on
 * rank 0 only: see pl_workbook_add). What `sensitivity` writes and what `report --outcome` puts
 * beside its page. */
int pl_sensitivity_write(const ea_sensitivity *s, eng_out *out, const char *dir,
                         const eng_csv_style *style, pl_gnuplot_format format, pl_text_lang lang,
                         char **scratch, int *ncharts, eng_error *err);

#endif
