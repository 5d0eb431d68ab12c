/* pl_report.h — The annual report of an output directory: index.html, one self-contained page
 * (key figures, inline SVG charts with readings, tables, assumptions), and report.pdf. */
#ifndef PL_REPORT_H
#define PL_REPORT_H

#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "pl_text.h"

/* What the report is about; {0} is the last complete year, in French. */
typedef struct pl_report_input {
    int year;        /* year of the key figures and yearly readings; 0: the last simulated year
                        with twelve months (else the last year of annual.csv) */
    pl_text_lang lang; /* language of the page and the charts */
} pl_report_input;

/* Writes index.html and report.pdf into the set `out` (begun by the caller, normally in dir) from
 * the tables already in dir (annual.csv is required; monthly.csv, run.ini, compare.csv,
 * capacity.csv, costs.csv, km.csv, fit.csv, scenarios.csv and sweep.csv are used when present). The
 * charts are those of pl_charts for the whole region, the department comparisons, survival curves
 * and the main scenario and sweep indicators, drawn by one gnuplot process; every text from the
 * input files is escaped for HTML (&amp; &lt; &gt; &quot; &#39;) and for gnuplot. The page uses no
 * script and no external resource, and prints on A4 landscape with a page break before each chart.
 * Both files stay under their temporary names until the caller commits the set (eng_out_finish); a
 * scratch directory dir/.report-XXXXXX holds the SVG files meanwhile and is removed. Errors:
 * ENG_EINPUT for a directory without annual.csv, a year that annual.csv does not have, or a
 * malformed table; ENG_EFAIL when gnuplot is missing or fails (the message names the package
 * gnuplot-nox) or a file cannot be written. in may be NULL for the defaults. */
int pl_report_write(eng_out *out, const char *dir, const pl_report_input *in, eng_error *err);

#endif
