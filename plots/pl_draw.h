/* pl_draw.h — The gnuplot commands that draw a chart of each kind from the tables: data blocks,
 * axes, titles and the plot command; every text from an input file quoted by pl_gnuplot. */
#ifndef PL_DRAW_H
#define PL_DRAW_H

#include <stdio.h>

#include "pl_chart.h"

/* Each function writes the commands that draw one chart into script, after the terminal and
 * output are set (see pl_gnuplot_terminal). The commands start with `reset`, so that charts follow
 * one another in one script, and draw the chart's title; the chart must be one that the list of
 * charts (pl_charts.h) made for that kind, so that the rows it reads are there. */

/* monthly.csv, the chart's scope: the mean file active with its 50 % and 90 % bands, the places
 * as steps, and the observed persons and places of compare.csv and capacity.csv (the x range
 * reaches back to observations before the simulated period, and a dotted line marks where the
 * simulation starts). */
void pl_draw_file_active(const pl_chart *ch, FILE *script);

/* monthly.csv: the mean persons per module as stacked areas, and the waiting list. */
void pl_draw_modules(const pl_chart *ch, FILE *script);

/* monthly.csv: entries, exits, and exits by reason, per month, or summed per quarter or year when
 * they are small (pl_chart_flow_months). */
void pl_draw_flows(const pl_chart *ch, FILE *script);

/* annual.csv: funding and the cost of the modelled support hours (bars), the cost per person
 * accompanied and per exit to lasting employment (lines, right axis). */
void pl_draw_budget(const pl_chart *ch, FILE *script);

/* costs.csv, the chart's year: departments as bars sorted by cost per place, those outside the
 * tolerance set apart, and the reference as a line. */
void pl_draw_costs(const pl_chart *ch, FILE *script);

/* Occupancy per department as bars (pl_chart_occupancy_of), those above their places set apart,
 * with lines at 100 % and at the region's occupancy. */
void pl_draw_occupancy(const pl_chart *ch, FILE *script);

/* km.csv, the chart's module: the Kaplan–Meier curve as steps, its 95 % band, and the survival
 * function of fit.csv's chosen law on 201 points from 0 to the last time. */
void pl_draw_km(const pl_chart *ch, FILE *script);

/* sweep.csv, the chart's indicator, scope and year: the mean and 90 % band at each point, on a
 * numeric axis when one key varies and all its values are numbers, else one tick per point. */
void pl_draw_sweep(const pl_chart *ch, FILE *script);

#endif
