/* pl_chart.h — One chart of an output directory's tables: what it shows (a scope, module or
 * indicator, a year, a fitted law) and the rows behind it, shared by its drawing and its reading.
 *
 * Time runs in months on a plain numeric axis: x = year*12 + month-1 is the start of a month, so a
 * stock read at the end of month m sits at m + 1, a flow over month m at m + 1/2, and an
 * observation dated day d of a month of n days at m + d/n (the 439 persons of 31 December 2021 fall
 * exactly on the start of January 2022). */
#ifndef PL_CHART_H
#define PL_CHART_H

#include <stddef.h>

#include "../engine/eng_dist.h"
#include "pl_data.h"
#include "pl_text.h"

/* What a chart shows; the list of charts (pl_charts.h) fills it, the drawing (pl_draw.h) and the
 * reading (pl_reading.h) of its kind read it. */
typedef struct pl_chart {
    const pl_data *data;
    pl_text_lang lang;
    const char *key;         /* the scope (file active, modules, flows, budget), the module (km) or
                                the indicator (scenarios, sweep); NULL for costs and occupancy */
    const char *scope;       /* scenarios and sweep: the scope drawn */
    int year;                /* costs: the year of the rows, 0 when costs.csv has none; sweep: the
                                year drawn, 0 when sweep.csv has no year column; occupancy: the
                                year asked (pl_chart_occupancy_of), 0 for the latest */
    eng_dist fit;            /* km: the chosen law of fit.csv, ENG_DIST_NONE when it has none */
    int target;              /* sweep: draws the line of sweep-target.csv (data->target) */
    char title[512];         /* plain text, possibly holding text from the input files */
} pl_chart;

/* The French or the English text, after the chart's language. */
const char *pl_chart_tr(const pl_chart *ch, const char *fr, const char *en);

/* A km chart's chosen law in words, with its parameters in the chart's number format:
 * "gamma (moyenne 2,95 mois, écart-type 1,47)", "Weibull (shape 1.82, scale 8.79 months)";
 * empty without a law. fit.csv's own text (gamma(mean=2.953, sd=1.474)) is for the analyst's
 * tables, not for a page. Returns buf. */
const char *pl_chart_law(const pl_chart *ch, char *buf, size_t size);

/* Whether a scope is the whole region (`region`, in any case). */
int pl_chart_is_region(const char *scope);

/* A scope in words: "Région", "Haute-Garonne (31)", or the code alone when the name is unknown.
 * Returns buf. */
const char *pl_chart_scope_label(const pl_chart *ch, const char *scope, char *buf, size_t size);

/* How pl_chart_key_label writes a key: for an axis, the label, a dash, where it applies, then
 * the key itself in brackets; inline (a title, a legend), the label, a comma, where it applies. */
typedef enum pl_chart_key_form { PL_CHART_KEY_AXIS, PL_CHART_KEY_INLINE } pl_chart_key_form;

/* A scenario key that a sweep varies, for people, in the language of the messages: the schema's
 * label of the key and where it applies ("places financées — Haute-Garonne (31)
 * (department.31.places)" for an axis, "places financées, Haute-Garonne (31)" inline; the
 * department by the name d knows, by its code otherwise or when d is NULL); the key alone when it
 * names no parameter. Returns buf. */
const char *pl_chart_key_label(const pl_data *d, const char *key, pl_chart_key_form form,
                               char *buf, size_t size);

/* Whether an indicator of monthly.csv counts the persons of one module (file_active_MODULE, not
 * file_active_avg), or the exits for one reason (exits_REASON). */
int pl_chart_is_module_indicator(const char *indicator);
int pl_chart_is_reason_indicator(const char *indicator);

/* Whether a series (possibly NULL) has a finite value of the statistic at some period. */
int pl_chart_has_value(const pl_data_series *s, int stat);

/* The months each point of a flow chart (entries and exits of the chart's scope, monthly.csv)
 * adds up: 1 when the larger of the mean entries and the mean exits per month is at least one
 * person; else 3 (calendar quarters), or 12 (calendar years) when a quarter would still hold less
 * than one person on average, since means below one a month read as noise. A period is used only
 * when the run holds at least two whole ones (else the next shorter). */
int pl_chart_flow_months(const pl_chart *ch);

/* The x position of an observation: its month index plus the elapsed share of the month. */
double pl_chart_obs_x(eng_date d);

/* The department rows of costs.csv for a year with a cost per place, cheapest first (at most
 * PL_CHART_MAX_ROWS), and the reference cost per place of the year: the regional row's, else the
 * first row's that has one (NaN when none has). */
#define PL_CHART_MAX_ROWS 1024
typedef struct pl_chart_costs {
    const pl_data_cost *row[PL_CHART_MAX_ROWS];
    int n;
    double reference;
} pl_chart_costs;

void pl_chart_costs_of(const pl_data *d, int year, pl_chart_costs *r);

/* Occupancy (persons in support per funded place) per department, lowest first: capacity.csv at its
 * latest date with places and persons, else annual.csv's last year with an occupancy; in year, when
 * it is not 0 (observed at capacity.csv's latest date in that year, else simulated in that year,
 * else as for 0). */
typedef struct pl_chart_occupancy {
    const char *scope[PL_CHART_MAX_ROWS];
    double value[PL_CHART_MAX_ROWS];
    int n;
    double region;           /* the whole region's; NaN when unknown */
    eng_date date;           /* the capacity date; year 0 when from annual.csv */
    int year;                /* the annual year; 0 when from capacity.csv */
} pl_chart_occupancy;

void pl_chart_occupancy_of(const pl_data *d, int year, pl_chart_occupancy *r);

/* The Kaplan–Meier steps of one module sorted by time, in a new array the caller frees, their
 * number in *n (NULL when out of memory). */
pl_data_km *pl_chart_km_rows(const pl_data *d, const char *module, size_t *n);

/* The points of a sweep chart (its indicator, in its scope and year) in point order, at most max;
 * returns their number. */
int pl_chart_sweep_rows(const pl_chart *ch, const pl_data_sweep_row **rows, int max);

/* A value of sweep --target for people, in the chart's language: a whole number without decimals
 * (151), another with two (0,25). Returns buf. */
const char *pl_chart_target_number(const pl_chart *ch, double x, char *buf, size_t size);

/* The condition of sweep --target (data->target), "≤ 5", for the chart's title and legend.
 * Returns buf. */
const char *pl_chart_target_condition(const pl_chart *ch, char *buf, size_t size);

#endif
