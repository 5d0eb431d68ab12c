/* cli_sensitivity.h — The commands over a scenario's [uncertainty] parameters: `simulate
 * --uncertainty` (bands and variance split) and `sensitivity` (indices, tables, charts, summary). */
#ifndef CLI_SENSITIVITY_H
#define CLI_SENSITIVITY_H

#include "../engine/eng_csv.h"
#include "../models/ea_sensitivity.h"
#include "../plots/pl_gnuplot.h"
#include "../plots/pl_text.h"

/* What the two commands take from the command line. */
typedef struct cli_sensitivity_args {
    const char *scenario;             /* SCENARIO.ini */
    const char *outdir;               /* the output directory, already chosen */
    const char *const *outcomes;      /* sensitivity: --outcome, noutcomes of them */
    int noutcomes;
    long points;                      /* --points; 0 when not given */
    long reps, seed, threads;         /* -1 (threads: 0) when not given */
    int quiet, progress;
    int xlsx;                         /* --xlsx: also tableaux.xlsx */
    const eng_csv_style *style;
    pl_gnuplot_format format;
    pl_text_lang lang;
} cli_sensitivity_args;

/* `simulate SCENARIO.ini --uncertainty`: writes uncertainty.csv and prints the region's split.
 * Prints its error; returns the exit status. */
int cli_sensitivity_uncertainty(const cli_sensitivity_args *a);

/* The analysis of `sensitivity` (also that of `report --outcome`): the outcomes parsed, every run
 * made (the count of runs drawn on stderr when a->progress), into *s (ea_sensitivity_clear it).
 * Returns the status with err filled; nothing printed. */
int cli_sensitivity_compute(const cli_sensitivity_args *a, ea_sensitivity *s, eng_error *err);

/* `sensitivity SCENARIO.ini --outcome …`: writes sensitivity.csv, sensitivity.txt and the charts,
 * and prints the summary (even with -q: it is the answer). Prints its error; returns the status. */
int cli_sensitivity_run(const cli_sensitivity_args *a);

#endif
