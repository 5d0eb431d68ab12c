/* ea_envelope.h — An envelope of extra places spread across the departments where each block of
 * places improves the target's indicator most (greedy, common random numbers), its table and CSV. */
#ifndef EA_ENVELOPE_H
#define EA_ENVELOPE_H

#include <stdio.h>
#include "../engine/eng_csv.h"
#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "ea_places.h"

/* Places are given in blocks of this many (the last block takes what is left): the gain of a
 * single place is of the order of the noise that remains between replications even with common
 * random numbers, and a greedy choice on noise would scatter the envelope at random; 5 places
 * (21 500 € a year at 4 300 €) are also a unit a funder decides on. Each block costs one run. */
#define EA_ENVELOPE_BLOCK 5

/* One step of the greedy spread: the department chosen, the places given, and its gain (the
 * indicator's mean brought down, for <=, or up, for >=, by these places; -inf when undefined). */
typedef struct ea_envelope_step {
    int department;             /* index in the scenario's order */
    int places;
    double gain;
} ea_envelope_step;

typedef struct ea_envelope_row {
    char code[EA_MAX_NAME], name[EA_MAX_TEXT];
    int now;                    /* places in force in January of the target year */
    int added;
    ea_target_eval before, after;   /* the target with now, and with now + added places */
} ea_envelope_row;

typedef struct ea_envelope {
    char name[EA_MAX_TEXT];     /* the scenario's name */
    char area[EA_MAX_TEXT];     /* the name of the departments' whole (ea_scenario_area_label) */
    ea_target target;
    int year, replications, total;
    unsigned long seed;
    double cost_per_place;
    int n;
    ea_envelope_row *rows;      /* every department, in scenario order */
    int nsteps;
    ea_envelope_step *steps;    /* in the order given */
    int runs;
} ea_envelope;

/* Spreads `total` extra places (> 0) across the departments: from the places in force held
 * constant over the run, each step gives the next block to the department where it improves the
 * target's indicator most (its own indicator, in the year: departments share nothing, so one run
 * evaluates every department at its own candidate), ties to the department whose indicator is
 * worse, then to the first in order. The places added sum exactly to total. The target must be
 * the region's (no CODE:); capacity_mode must be places. */
int ea_envelope_compute(const char *scenario, const ea_places_options *opt, int total,
                        ea_envelope *out, eng_error *err);
void ea_envelope_clear(ea_envelope *e);   /* NULL is a no-op */

/* Writes envelope.csv: one row per department, then `region` with the sums of places and cost. */
int ea_envelope_write(const ea_envelope *e, eng_out *out, const eng_csv_style *style, eng_error *err);

/* Prints the table for people and the order of the blocks. */
void ea_envelope_print(const ea_envelope *e, FILE *f);

#endif
