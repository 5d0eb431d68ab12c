/* ea_places.h — The places (or, in capacity_mode = staff, the FTE) each department needs to meet a
 * target (waiting<=20 in 2024): a search per department with common random numbers, its tables. */
#ifndef EA_PLACES_H
#define EA_PLACES_H

#include <stdio.h>
#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "ea_scenario.h"
#include "ea_target.h"

/* What is searched: whole places (capacity_mode = places) or counsellors in tenths of an FTE
 * (capacity_mode = staff, where the FTE and not the places limit admissions). */
typedef enum ea_places_search { EA_PLACES_SEARCH_PLACES = 0, EA_PLACES_SEARCH_FTE } ea_places_search;

/* The value of --search: "places" or "fte". */
int ea_places_search_parse(const char *name, ea_places_search *search, eng_error *err);

typedef struct ea_places_options {
    long replications;          /* <= 0: the scenario's */
    long seed;                  /* < 0: the scenario's */
    int threads;                /* 0: one per core */
    int year;                   /* the target's year; 0: the last simulated year */
    const ea_target *target;    /* met by each department on its own; a department's code in it
                                   restricts the search to that department */
    int search;                 /* an ea_places_search */
} ea_places_options;

/* The counsellors of a department (or the region's sums) beside the places needed: those the
 * scenario funds (its `fte`; NaN when not given or 0), those the support needs at the answer
 * (the indicator staff_fte_needed: its mean over replications, and with a level P its P-quantile,
 * the FTE that suffice in P of the replications; NaN without an answer or a level). */
typedef struct ea_places_staff {
    double funded, needed, needed_at_level;
} ea_places_staff;

/* The FTE that decide whether the funded suffice: the quantile with a level, else the mean. */
double ea_places_staff_needed(const ea_places_staff *s);

/* Whether the funded FTE suffice: 1, 0, or -1 when either is unknown. */
int ea_places_staff_sufficient(const ea_places_staff *s);

/* One department's answer. */
typedef struct ea_places_row {
    char code[EA_MAX_NAME], name[EA_MAX_TEXT];
    /* now, needed and bound count units of the search: places, or tenths of an FTE. */
    int now;                    /* places in force in January of the target year, or the funded
                                   FTE rounded to the tenth */
    int needed;                 /* the smallest number meeting the target; -1 when even `bound`
                                   do not */
    int bound;                  /* the most tried: 4 × now, or 24 months of entries (in support
                                   at the department's highest intensity, for FTE) */
    ea_places_staff staff;      /* the FTE at the answer (places search only) */
    int scheduled;              /* the scenario changes its places over time (places_schedule):
                                   the search holds them constant over the whole run */
    ea_target_eval at;          /* the target with `needed` places (with `bound` when not met) */
    ea_target_eval one_less;    /* with needed - 1 units; mean NaN when needed is -1 or
                                   the fewest the search tries (0 places, 0,1 FTE) */
} ea_places_row;

typedef struct ea_places {
    char *scenario;             /* the scenario's path */
    char name[EA_MAX_TEXT];     /* the scenario's name */
    char area[EA_MAX_TEXT];     /* the name of the departments' whole (ea_scenario_area_label) */
    ea_target target;
    int year;                   /* the calendar year of the target */
    int replications;
    unsigned long seed;
    int search;                 /* an ea_places_search */
    double unit;                /* what one unit of the search is: 1 place, or 0.1 FTE */
    double cost_per_place;      /* euros per place per year */
    double staff_cost_per_fte;  /* euros per full-time counsellor per year; 0 when not given */
    int n;
    ea_places_row *rows;        /* the departments searched, in scenario order */
    int region_known;           /* every department met the target: the region's figures below */
    ea_target_eval region_at, region_one_less;   /* the region's indicator (the target's
                                   direction and level) with every department at its answer, and
                                   at one place less each */
    int runs;                   /* simulations of the whole scenario */
} ea_places;

/* Searches, for every department (or the target's one), the smallest whole number of places (or
 * of tenths of an FTE) that meets the target in the year, every evaluation with the same seed and
 * replications. Departments
 * share nothing in the model (each has its own places, entries and waiting list, and a person's
 * draws come from the person's own substream), so one run of the whole scenario evaluates every
 * department at its own candidate: the searches run side by side, each on its own bracket then
 * bisection, and a department's figures are those `simulate` gives with the same places. The same
 * holds for FTE: in capacity_mode = staff a department admits when its own hours allow, and the
 * prescriptions, drawn from the replication's stream in order of time, do not depend on who is
 * admitted. The run stops at December of the target year, which does not change that year's
 * figures. The places search is refused in capacity_mode = staff, the FTE search in places. */
int ea_places_compute(const char *scenario, const ea_places_options *opt, ea_places *out,
                      eng_error *err);
void ea_places_clear(ea_places *p);   /* NULL is a no-op */

/* Writes places.csv (fte.csv for the FTE search): one row per department, then `region` with the
 * sums. */
int ea_places_write(const ea_places *p, eng_out *out, const eng_csv_style *style, eng_error *err);

/* Prints the table for people, in the language of the messages, and what it means. */
void ea_places_print(const ea_places *p, FILE *f);

/* For analyses built on the same evaluations (ea_envelope): loads the scenario of the search, with
 * the run's replications and seed, months up to December of the target year (*year), refused in
 * capacity_mode = staff for places and in places for FTE. */
int ea_places_load(const char *scenario, const ea_places_options *opt, ea_scenario *sc, int *year,
                   eng_error *err);

/* Runs sc once with department d at places[d] (held constant over the run) and evaluates t on
 * every department into dept[d], in the calendar year. */
int ea_places_evaluate(ea_scenario *sc, const ea_places_options *opt, int year, const ea_target *t,
                       const int *places, ea_target_eval *dept, eng_error *err);

#endif
