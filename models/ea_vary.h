/* ea_vary.h — One --vary KEY=LIST of a sweep: the scenario key it sets and the values it takes,
 * parsed from what a planner types (ranges, lists, decimal commas) with French errors. */
#ifndef EA_VARY_H
#define EA_VARY_H

#include "../engine/eng_error.h"

/* At most this many values of a key, and points in a sweep's grid. */
#define EA_VARY_MAX_POINTS 10000

/* One --vary KEY=LIST: the key as section.key (the section may hold dots, as module.recherche;
 * `defaults.KEY` sets KEY in every department; `region.places` is a regional total of places split
 * across the departments by the rule of the sweep's --split), and its values as text and as
 * numbers. */
typedef struct ea_vary {
    char name[160];             /* section.key as given */
    char section[128], key[64];
    int all_departments;        /* defaults.KEY */
    int region_total;           /* region.places */
    int type;                   /* EA_KEY_INTEGER, EA_KEY_REAL or EA_KEY_OTHER */
    int n;
    char (*text)[64];           /* owned */
    double *number;             /* owned; NaN for a value that is not a number */
    int cap;                    /* room in text and number, in values */
} ea_vary;

/* Parses `KEY=a,b,c` or `KEY=start:stop:step` (stop included when on the grid). A list separated by semicolons
 * takes decimal commas ("2,5;3"), as a range does ("1:2,5:0,5"); a real key's "2,5", which reads
 * as 2.5 as well as 2 and 5, is refused. Errors, in French with the fix: unknown key (with the
 * closest key of its section), empty list, step of zero or of the wrong sign, too many values.
 * Values out of range are found when the points are checked (ea_sweep_compute). */
int ea_vary_parse(const char *spec, ea_vary *v, eng_error *err);
void ea_vary_clear(ea_vary *v);

#endif
