/* pl_charts.h — The list of charts that an output directory's tables allow, each with its name,
 * title, drawing and reading, and the drawing of the whole list into a set of output files. */
#ifndef PL_CHARTS_H
#define PL_CHARTS_H

#include <stddef.h>
#include <stdio.h>

#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "pl_data.h"
#include "pl_gnuplot.h"
#include "pl_text.h"

typedef struct pl_charts pl_charts;

/* Lists the charts the data allow, with titles and readings in lang, for year (0: each chart's
 * latest year: the occupancy and sweep charts draw that year when their table has it). The data
 * must outlive the list. The names are stable, the whole region's charts first:
 *   file_active_SCOPE   from monthly.csv, for each scope (`region` and the department codes);
 *   modules_SCOPE       from monthly.csv, when it has persons per module;
 *   flows_SCOPE         from monthly.csv, when it has entries, exits or exits by reason (per
 *                       quarter or year when they are small: pl_chart_flow_months);
 *   budget_SCOPE        from annual.csv, when it has funding;
 *   cost_per_place_YEAR from costs.csv, for each year with a department's cost per place
 *                       (cost_per_place without a year column);
 *   occupancy           from capacity.csv at its latest date (in year), else annual.csv's last
 *                       year (or year), when at least two departments have one;
 *   km_MODULE           from km.csv, with fit.csv's chosen law;
 *   sweep_INDICATOR     from sweep.csv, in year or else the last year of the table.
 * The sweep is drawn for `region` (else the first scope of the table). What each chart
 * shows is told in pl_draw.h. SCOPE, MODULE and INDICATOR are written with letters, digits, '-'
 * and '_' only (others become '_', and a name already taken gets a suffix _2, _3, ...).
 * ENG_EINPUT when a fitted law of fit.csv cannot be read (naming the module and the text);
 * ENG_EFAIL when out of memory. */
int pl_charts_alloc(const pl_data *data, pl_text_lang lang, int year, pl_charts **out,
                    eng_error *err);

/* Reads the tables of dir (pl_data_read) and lists their charts as pl_charts_alloc does for year 0;
 * the list owns the tables. ENG_EINPUT for a malformed table (naming file, line and column) or a directory
 * with no table to draw; ENG_EFAIL when out of memory. */
int pl_charts_read(const char *dir, pl_text_lang lang, pl_charts **out, eng_error *err);

void pl_charts_free(pl_charts *c);   /* NULL is a no-op */

int pl_charts_count(const pl_charts *c);

/* The file name of chart i without its extension, e.g. "file_active_region". */
const char *pl_charts_name(const pl_charts *c, int i);

/* The title drawn on chart i (plain text, possibly holding text from the input files). */
const char *pl_charts_title(const pl_charts *c, int i);

/* Whether chart i belongs in the annual report: the charts of the whole region, the department
 * comparisons, survival curves, and the main indicators of the sweep. */
int pl_charts_in_report(const pl_charts *c, int i);

/* The scope of chart i when it is one of a scope's charts (file_active_, modules_, flows_ and
 * budget_SCOPE: the scope as the tables write it), else NULL. */
const char *pl_charts_scope(const pl_charts *c, int i);

/* Writes the gnuplot commands that draw chart i (pl_draw.h), after the terminal and output are
 * set (see pl_gnuplot_terminal); the commands start with `reset`, so charts follow one another in a
 * script. */
void pl_charts_emit(const pl_charts *c, int i, FILE *script);

/* As pl_charts_emit, without the title on the chart: for a page that gives it as the chart's
 * heading (the report), so that it is not read twice. */
void pl_charts_emit_untitled(const pl_charts *c, int i, FILE *script);

/* One sentence reading chart i from the data, in plain text (pl_reading.h), e.g. "La file active
 * régionale passe de 439 à 603 personnes entre fin 2021 et fin 2026 (93,5 % des 645 places)."; year
 * is the year a yearly chart should speak of (0: its last year). */
void pl_charts_reading(const pl_charts *c, int i, int year, char *buf, size_t size);

/* Draws every chart of the list, with one gnuplot process, into the set `plots` (begun by the
 * caller, normally in DIR/plots): one file NAME.EXT per chart, EXT being the format's. The files
 * stay under their temporary names until the caller commits the set (eng_out_finish); the tables
 * are never touched. ENG_EFAIL when gnuplot is missing or fails (pl_gnuplot_run's message) or a
 * file cannot be opened. */
int pl_charts_draw(const pl_charts *c, eng_out *plots, pl_gnuplot_format format, eng_error *err);

#endif
