/* pl_charts.h — The charts an output directory's tables allow, as gnuplot commands: file active
 * and its bands, caseload by module, flows, budget, departments, survival, scenarios, sweep. */
#ifndef PL_CHARTS_H
#define PL_CHARTS_H

#include <stddef.h>
#include <stdio.h>

#include "../engine/eng_error.h"
#include "pl_data.h"
#include "pl_gnuplot.h"
#include "pl_text.h"

/* How pl_plot_dir draws; {0} is PNG in French. */
typedef struct pl_options {
    pl_format format;
    pl_lang lang;
} pl_options;

/* Draws every chart that the tables in dir allow into dir/plots/NAME.EXT (the directory is
 * created), with one gnuplot process, and stores their number in *ncharts. The names are stable:
 *   file_active_SCOPE   from monthly.csv, each scope (`region` and the department codes): the mean
 *                       file active with its 50 % and 90 % bands, the places as steps, and the
 *                       observed persons and places of compare.csv and capacity.csv (the x range
 *                       reaches back to observations before the simulated period);
 *   modules_SCOPE       from monthly.csv: persons per module as stacked areas, the waiting list;
 *   flows_SCOPE         from monthly.csv: entries, exits, and exits by reason per month;
 *   budget_SCOPE        from annual.csv: funding and spend (bars), cost per person accompanied and
 *                       per exit to lasting employment (lines, right axis);
 *   cost_per_place_YEAR from costs.csv (cost_per_place without a year column): departments sorted
 *                       by cost per place, against the reference;
 *   occupancy           from capacity.csv at its latest date, else annual.csv's last year;
 *   km_MODULE           from km.csv: Kaplan–Meier curve, its 95 % band, and fit.csv's chosen law;
 *   scenarios_INDICATOR from scenarios.csv: the indicator in each scenario, year by year;
 *   sweep_INDICATOR     from sweep.csv: the indicator's mean and 90 % band at each point, in
 *                       the last year of the table.
 * Scenarios and sweep are drawn for `region` (else the first scope of the table).
 * SCOPE, MODULE and INDICATOR are written with letters, digits, '-' and '_' only (others become
 * '_', and a name already taken gets a suffix _2, _3, ...). The files are written under temporary
 * names and renamed together when gnuplot succeeded; the tables are never touched.
 * Errors: ENG_EINPUT for a malformed table (naming file, line and column) or a directory with no
 * table to draw; ENG_EFAIL when gnuplot is missing or fails (pl_gnuplot_run's message) or a file
 * cannot be written. opt may be NULL for the defaults. */
int pl_plot_dir(const char *dir, const pl_options *opt, int *ncharts, eng_error *err);

/* The list of charts behind pl_plot_dir, for the report and for tests. */
typedef struct pl_charts pl_charts;

/* Lists the charts the data allow, with titles and readings in lang. The data must outlive the
 * list. ENG_EINPUT when a fitted law of fit.csv cannot be read (naming the module and the text);
 * ENG_EFAIL when out of memory. */
int pl_charts_alloc(const pl_data *data, pl_lang lang, pl_charts **out, eng_error *err);

void pl_charts_free(pl_charts *c);   /* NULL is a no-op */

int pl_charts_count(const pl_charts *c);

/* The file name of chart i without its extension, e.g. "file_active_region". */
const char *pl_charts_name(const pl_charts *c, int i);

/* The title drawn on chart i (plain text, possibly holding text from the input files). */
const char *pl_charts_title(const pl_charts *c, int i);

/* Whether chart i belongs in the annual report: the charts of the whole region, the department
 * comparisons, survival curves, and the main indicators of scenarios and sweep. */
int pl_charts_in_report(const pl_charts *c, int i);

/* Writes the gnuplot commands that draw chart i, after the terminal and output are set (see
 * pl_gnuplot_terminal); the commands start with `reset`, so charts follow one another in a script.
 */
void pl_charts_emit(const pl_charts *c, int i, FILE *script);

/* One sentence reading chart i from the data, in plain text, e.g. "La file active régionale passe
 * de 439 à 603 personnes entre fin 2021 et fin 2026 (93,5 % des 645 places)."; year is the year a
 * yearly chart should speak of (0: its last year). */
void pl_charts_reading(const pl_charts *c, int i, int year, char *buf, size_t size);

#endif
