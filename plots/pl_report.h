/* pl_report.h — The annual report of an output directory: index.html, one self-contained page
 * (title page, key figures, inline SVG charts with readings, tables, assumptions, departments), and
 * report.pdf laid out from that same page. */
#ifndef PL_REPORT_H
#define PL_REPORT_H

#include "../engine/eng_date.h"
#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "../models/ea_scenario.h"
#include "../models/ea_sensitivity.h"
#include "pl_text.h"

/* What the report is about; {0} is the year pl_report_keys_year chooses, in French, dated today. */
typedef struct pl_report_input {
    int year;        /* year of the title, key figures, readings and tables; 0: the last simulated
                        year that compare.csv observes, else the first simulated year with twelve
                        months (pl_report_keys_year) */
    pl_text_lang lang; /* language of the page and the charts */
    const char *observed, *funding, *records; /* the data files the run read (compare, costs,
                                                 fit), named on the title page; NULL: not given */
    eng_date date;   /* the date of the report; year 0: today, or the UTC day of the environment
                        variable SOURCE_DATE_EPOCH (seconds since 1970) when it is set, so that a
                        report can be made again identical */
    const ea_scenario *scenario; /* the scenario simulated, whose file's comments give the
                                    assumptions (pl_report_assumptions.h); NULL: none shown */
    eng_date until;  /* observations after this date were held out of the scenario's making: the
                        Validation section tests the simulation on them (pl_report_validation.h);
                        year 0: none, the comparison is in-sample */
    const ea_sensitivity *sensitivity; /* the sensitivity analysis of the same run (report
                                          --outcome), shown in a section of its own
                                          (pl_report_sensitivity.h); NULL: none */
} pl_report_input;

/* Writes index.html and report.pdf into the set `out` (begun by the caller, normally in dir) from
 * the tables already in dir (annual.csv is required; monthly.csv, run.ini, compare.csv,
 * capacity.csv, costs.csv, km.csv, fit.csv and sweep.csv are used when present).
 *
 * The page, in order: a title page (scenario, date, simulated period, the data files used, and a
 * warning "données illustratives" when one of them is the example data shipped in a directory
 * scenarios/data); the contents; the key figures of the year, said to be simulated, beside the
 * observed ones, with the staff and money (pl_report_keys.h); the charts of
 * pl_charts that belong in the report, each with its reading; the tables (pl_report_tables); the
 * scenario's assumptions (pl_report_assumptions); an annex with a section per department and its
 * charts; the annexes of the sources cited and of run.ini. Every
 * text from the input files is escaped for HTML (&amp; &lt; &gt; &quot; &#39;) and for gnuplot.
 * The page uses no script and no external resource; its print style sheet lays it out on A4 with
 * page numbers ("page N sur M"), charts, tables and departments on landscape pages, and rows and
 * charts never cut across pages. With observations (compare.csv), a section « Validation »
 * (pl_report_validation.h) follows the assumptions, then, with in->sensitivity, the section
 * « Sensibilité aux hypothèses » (pl_report_sensitivity.h). report.pdf is that page laid out by WeasyPrint (pl_pdf.h).
 *
 * The charts are drawn as SVG by one gnuplot process into a scratch directory dir/.report-XXXXXX,
 * removed afterwards. Both files stay under their temporary names until the caller commits the set
 * (eng_out_finish). Errors: ENG_EINPUT for a directory without annual.csv, a year that annual.csv
 * does not have, or a malformed table; ENG_EFAIL when gnuplot or WeasyPrint is missing or fails
 * (the message names the package: gnuplot-nox, weasyprint) or a file cannot be written. in may be
 * NULL for the defaults. */
int pl_report_write(eng_out *out, const char *dir, const pl_report_input *in, eng_error *err);

#endif
