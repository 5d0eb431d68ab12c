/* ea_places.h — The places each department needs to meet a target (waiting<=20 in 2024): a search
 * per department on whole places with common random numbers, its table and places.csv. */
#ifndef EA_PLACES_H
#define EA_PLACES_H

#include <stdio.h>
#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "ea_scenario.h"
#include "ea_target.h"

typedef struct ea_places_options {
    long replications;          /* <= 0: the scenario's */
    long seed;                  /* < 0: the scenario's */
    int threads;                /* 0: one per core */
    int year;                   /* the target's year; 0: the last simulated year */
    const ea_target *target;    /* met by each department on its own; a department's code in it
                                   restricts the search to that department */
} ea_places_options;

/* One department's answer. */
typedef struct ea_places_row {
    char code[EA_MAX_NAME], name[EA_MAX_TEXT];
    int now;                    /* places in force in January of the target year */
    int needed;                 /* the smallest number meeting the target; -1 when even `bound`
                                   places do not */
    int bound;                  /* the most places tried: 4 × now, or 24 months of entries */
    int scheduled;              /* the scenario changes its places over time (places_schedule):
                                   the search holds them constant over the whole run */
    ea_target_eval at;          /* the target with `needed` places (with `bound` when not met) */
    ea_target_eval one_less;    /* with needed - 1 places; mean NaN when needed is 0 or -1 */
} ea_places_row;

typedef struct ea_places {
    char *scenario;             /* the scenario's path */
    char name[EA_MAX_TEXT];     /* the scenario's name */
    ea_target target;
    int year;                   /* the calendar year of the target */
    int replications;
    unsigned long seed;
    double cost_per_place;      /* euros per place per year */
    int n;
    ea_places_row *rows;        /* the departments searched, in scenario order */
    int region_known;           /* every department met the target: the region's figures below */
    ea_target_eval region_at, region_one_less;   /* the region's indicator (the target's
                                   direction and level) with every department at its answer, and
                                   at one place less each */
    int runs;                   /* simulations of the whole scenario */
} ea_places;

/* Searches, for every department (or the target's one), the smallest whole number of places that
 * meets the target in the year, every evaluation with the same seed and replications. Departments
 * share nothing in the model (each has its own places, entries and waiting list, and a person's
 * draws come from the person's own substream), so one run of the whole scenario evaluates every
 * department at its own candidate: the searches run side by side, each on its own bracket then
 * bisection, and a department's figures are those `simulate` gives with the same places. The run
 * stops at December of the target year, which does not change that year's figures. */
int ea_places_compute(const char *scenario, const ea_places_options *opt, ea_places *out,
                      eng_error *err);
void ea_places_clear(ea_places *p);   /* NULL is a no-op */

/* Writes places.csv: one row per department, then `region` with the sums. */
int ea_places_write(const ea_places *p, eng_out *out, const eng_csv_style *style, eng_error *err);

/* Prints the table for people, in the language of the messages, and what it means. */
void ea_places_print(const ea_places *p, FILE *f);

#endif
