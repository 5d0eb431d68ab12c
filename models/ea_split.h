/* ea_split.h — A regional total of places split across departments by a documented rule (in
 * proportion to their places, entries, waiting list or a weight of the scenario), in whole places. */
#ifndef EA_SPLIT_H
#define EA_SPLIT_H

#include <stdio.h>
#include "../engine/eng_error.h"
#include "ea_results.h"
#include "ea_scenario.h"
#include "ea_vary.h"

/* The rules. EA_SPLIT_NONE (0) is no split, so that options zeroed ask for none. */
typedef enum ea_split_rule {
    EA_SPLIT_NONE = 0,
    EA_SPLIT_PLACES,    /* in proportion to each department's places (`places`) */
    EA_SPLIT_DEMAND,    /* to its entries (`entries_per_month`) */
    EA_SPLIT_WEIGHT,    /* to its `weight` key, e.g. its population */
    EA_SPLIT_WAITING,   /* to its waiting list at the end of the year in a run of the scenario
                           (ea_split_waiting_weights) */
    EA_SPLIT_NRULES
} ea_split_rule;

/* Or'ed with a rule in a sweep's options: share only the places added to the scenario's
 * (`--split RULE+`), each department keeping its own. */
#define EA_SPLIT_ADDED 0x100

/* The name of a rule as --split takes it ("places", "demand", "weight", "waiting"); "" for
 * EA_SPLIT_NONE. */
const char *ea_split_rule_name(ea_split_rule rule);

/* The rule of a name, with EA_SPLIT_ADDED when it ends in "+" (`waiting+`); an unknown name is
 * an error that lists the rules. */
int ea_split_rule_parse(const char *name, int *rule, eng_error *err);

/* Splits total whole places in proportion to weights[0..n-1] (>= 0, not all 0 unless total is 0)
 * by the largest remainder method: each gets the whole part of its quota total * w / sum(w), and
 * the places left go one each to the largest fractional parts, ties (within 1e-9 of a place) to
 * the first in order. out[] then sums exactly to total. */
int ea_split_largest_remainder(long total, const double *weights, int n, long *out, eng_error *err);

/* The weights of the rule for every department of sc, in its order (weights[] has room for
 * sc->ndepartments): its places before any schedule step, its entries per month before any
 * schedule step, or its `weight`, which every department must then give. The waiting list is an
 * output of the model, not a fact of the scenario: its weights come from ea_split_waiting_weights. */
int ea_split_weights(const ea_scenario *sc, ea_split_rule rule, double *weights, eng_error *err);

/* The weights of the waiting rule from a run of the scenario as given: each department's waiting
 * list at the end of the year of index y of the annual table (the indicator `waiting`, its mean
 * over replications), for the n departments of res in order. Refused (ENG_EINPUT) when every
 * department's is 0: no waiting list says nothing about where places are needed, and a silent
 * fallback to another rule would answer another question. */
int ea_split_waiting_weights(const ea_results *res, int y, double *weights, int n, eng_error *err);

/* How a sweep shares region.places among the departments, fixed from the scenario as given before
 * any point runs. */
typedef struct ea_split_plan {
    ea_split_rule rule;          /* EA_SPLIT_NONE: region.places is not varied */
    int added;                   /* only the places added to the scenario's are shared */
    int n;                       /* the departments, in the scenario's order */
    double *weights;             /* their weights under the rule */
    double *current;             /* their places in the scenario as given */
    char (*sections)[128];       /* their sections */
} ea_split_plan;

/* Room for n departments, weights and places zero; ENG_EFAIL when out of memory. */
int ea_split_plan_init(ea_split_plan *p, int n, eng_error *err);
void ea_split_plan_clear(ea_split_plan *p);   /* a zeroed plan is a no-op */

/* Each department's places when region.places is `total`: the whole total shared by the rule in
 * whole places, or with `added` its places in the scenario plus its share of the places added
 * (a total below the scenario's is then refused: the rule would have to take places away). */
int ea_split_plan_places(const ea_split_plan *p, long total, double *places, eng_error *err);

/* Prints each department's share under the rule, then, sharing the whole total, the departments
 * that some value of v (the region.places key) leaves with fewer places than the scenario gives
 * them. */
void ea_split_plan_print(const ea_split_plan *p, const ea_vary *v, FILE *f);

/* The plan's lines of sweep.ini's [sweep] section (the rule and the shares), and those of a point
 * whose region.places is `total` (each department's places). */
void ea_split_plan_write_ini(const ea_split_plan *p, FILE *fi);
void ea_split_plan_write_point(const ea_split_plan *p, long total, FILE *fi);

#endif
