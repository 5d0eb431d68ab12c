/* pl_compare.h — The charts of a comparison of scenarios: year by year, the difference of each
 * scenario to the first with its 95 % paired interval as a band, for the region and each department
 * where a scenario differs beyond the noise; and the words and numbers that show a difference. */
#ifndef PL_COMPARE_H
#define PL_COMPARE_H

#include <stddef.h>
#include <stdio.h>

#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "../models/ea_scenarios.h"
#include "pl_gnuplot.h"
#include "pl_text.h"

/* The indicators of the comparison's table, in its order (places, funding, persons in support,
 * waiting list, mean wait, FTE needed), and those of them drawn as charts (the four that vary with
 * the replications: places and funding are set by the scenario). */
extern const char *const pl_compare_table_indicators[];
extern const int pl_compare_ntable_indicators;
extern const char *const pl_compare_chart_indicators[];
extern const int pl_compare_nchart_indicators;

typedef struct pl_compare pl_compare;

/* Lists the difference charts of s: for each of pl_compare_chart_indicators that s has, one chart
 * for the region (the scope `region`, else the last), then one per department that differs
 * (pl_compare_scope_differs), in the order of s's scopes. Named diff_INDICATOR_SCOPE (letters,
 * digits, '-' and '_'), titled in lang, the legend giving each scenario's name. s must outlive the
 * list. ENG_EFAIL when out of memory. */
int pl_compare_alloc(const ea_scenarios *s, pl_text_lang lang, pl_compare **out, eng_error *err);
void pl_compare_free(pl_compare *c);   /* NULL is a no-op */

int pl_compare_count(const pl_compare *c);
const char *pl_compare_name(const pl_compare *c, int i);      /* file name without extension */
const char *pl_compare_title(const pl_compare *c, int i);     /* plain text */
int pl_compare_scope(const pl_compare *c, int i);             /* index into s->scopes */
const char *pl_compare_indicator(const pl_compare *c, int i);

/* Writes the gnuplot commands of chart i after its terminal is set (starting with `reset`); with
 * titled 0, without the title, for a page that gives it as a heading. */
void pl_compare_emit(const pl_compare *c, int i, int titled, FILE *script);

/* Draws every chart, with one gnuplot process, into the set `plots` as NAME.EXT (as
 * pl_charts_draw), with their titles unless titled is 0 (a page that heads them). ENG_EFAIL when
 * gnuplot is missing or fails or a file cannot be opened. */
int pl_compare_draw(const pl_compare *c, eng_out *plots, pl_gnuplot_format format, int titled,
                    eng_error *err);

/* Whether some scenario differs from the first beyond the noise in some row of the scope. */
int pl_compare_scope_differs(const ea_scenarios *s, int scope);

/* Whether the scope is the whole region (`region`, or the last scope of a table without one). */
int pl_compare_is_region(const ea_scenarios *s, int scope);

/* The scope of row i (0 to s->nscopes - 1) of the table « Différences », the page's and the
 * workbook's: the region first, then the departments in the tables' order. */
int pl_compare_table_scope(const ea_scenarios *s, int i);

/* The heading of an indicator's column in that table: "Δ financement (€ par an)" for euros over a
 * whole year (whole_year 1), "(€ sur les mois simulés)" over a part of one, "Δ file active" for the
 * others; labels from the indicator table, in lang. Returns buf. */
const char *pl_compare_column_head(char *buf, size_t size, const char *indicator, int whole_year,
                                   pl_text_lang lang);

/* A scope in words: "Région", "Haute-Garonne (31)", or "département 31" when its name is unknown.
 * Returns buf. */
const char *pl_compare_scope_label(const ea_scenarios *s, int scope, pl_text_lang lang, char *buf,
                                   size_t size);

/* A difference for people, in the unit of its indicator, with its sign: "+20", "+86 000 €",
 * "−3,4" (a real minus sign in French); decimals as pl_compare_decimals. Returns buf. */
const char *pl_compare_signed(char *buf, size_t size, double x, const char *indicator,
                              pl_text_lang lang);

/* The decimals a difference of the indicator is shown with: 0 for places and euros, 2 for FTE, 1
 * otherwise. */
int pl_compare_decimals(const char *indicator);

#endif
