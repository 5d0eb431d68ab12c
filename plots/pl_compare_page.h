/* pl_compare_page.h — The page of a comparison of scenarios, index.html, and report.pdf laid out
 * from it: the scenarios, their structure, a table of the differences in the key year, the charts. */
#ifndef PL_COMPARE_PAGE_H
#define PL_COMPARE_PAGE_H

#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "../models/ea_scenarios.h"
#include "pl_compare.h"
#include "pl_text.h"

typedef struct pl_compare_page_input {
    int year;              /* the year of the table; 0: ea_scenarios_key_year's choice */
    pl_text_lang lang;     /* language of the page */
    const char *plots;     /* the directory of the chart images, relative to the page ("plots") */
    const char *ext;       /* their extension ("png") */
} pl_compare_page_input;

/* Writes index.html and report.pdf into the set `out` (begun by the caller in the directory where
 * the charts are, under in->plots). The page, in order: a title with the scenarios' names (the
 * first is the reference); the common seed and replications and what they are for; the structure,
 * with a warning for each difference that makes the paired differences meaningless; the key year
 * and why; for each scenario after the first, a table « Différences » of the region and each
 * department: Δ places, Δ funding, Δ persons in support, Δ waiting list, Δ mean wait, Δ FTE needed,
 * each with its 95 % paired interval unless it is exact, and whether it is beyond the noise; how to
 * read an interval; then the charts of `charts`, each referenced as PLOTS/NAME.EXT with its title
 * and a reading for the key year, the region first, and one line naming the departments that do
 * not differ (no chart is drawn for them). Numbers in the format of in->lang (`+86 000 €`,
 * `−3,4 [−5,1 ; −1,7]`). ENG_EINPUT for a year s does not have; ENG_EFAIL when WeasyPrint is
 * missing or fails (pl_pdf_render) or a file cannot be written. */
int pl_compare_page_write(eng_out *out, const ea_scenarios *s, const pl_compare *charts,
                          const pl_compare_page_input *in, eng_error *err);

#endif
