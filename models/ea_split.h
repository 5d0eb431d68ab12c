/* ea_split.h — A regional total of places split across departments by a documented rule (in
 * proportion to their places, entries, waiting list or a weight of the scenario), in whole places. */
#ifndef EA_SPLIT_H
#define EA_SPLIT_H

#include "../engine/eng_error.h"
#include "ea_results.h"
#include "ea_scenario.h"

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

/* The name of a rule as --split takes it ("places", "demand", "weight", "waiting"); "" for
 * EA_SPLIT_NONE. */
const char *ea_split_rule_name(ea_split_rule rule);

/* The rule of a name; an unknown name is an error that lists the rules. */
int ea_split_rule_parse(const char *name, ea_split_rule *rule, eng_error *err);

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

#endif
