/* ea_scenario_ini.h — Writing a scenario as INI through the schema: run.ini, the resolved scenario
 * with every value explicit, and partial scenarios with comments, such as fitted.ini. */
#ifndef EA_SCENARIO_INI_H
#define EA_SCENARIO_INI_H

#include <stdio.h>
#include "../engine/eng_error.h"
#include "ea_scenario.h"
#include "ea_schema.h"

/* Writes the fully resolved scenario as INI (every default explicit, seed and replications
 * included) such that ea_scenario_load of it gives the same scenario, and writing that again gives
 * the same bytes. A department section holds the shared values it overrides only when it set
 * them, so that a change to the shared value still applies to the others. ENG_EINPUT for a value
 * that iniparser could not read back (a text with both kinds of quotes, a line over
 * ENG_INI_MAX_LINE characters), ENG_EFAIL for memory and output errors. */
int ea_scenario_ini_write(const ea_scenario *sc, FILE *f, eng_error *err);

/* A key of a partial scenario: its kind of section and its name in the schema. */
typedef struct ea_scenario_ini_key {
    ea_schema_section section;
    const char *key;
    int quote;          /* a text written in quotes even when iniparser does not need them */
} ea_scenario_ini_key;

/* The key about to be written, for the comments that go before it. */
typedef struct ea_scenario_ini_at {
    const char *section;   /* as written: "scenario", "module.projet", "department.31" */
    const char *key;
    int module;            /* module and module override sections: the module; -1 otherwise */
    int department;        /* department sections: its index in sc->departments; -1 otherwise */
} ea_scenario_ini_at;

/* Called before each key of a partial scenario: writes to f the comment lines (each beginning
 * with ';' and ending with a newline) that go before the key, and returns 1 to write the key or 0
 * to leave it out. */
typedef int (*ea_scenario_ini_note)(void *data, const ea_scenario_ini_at *at, FILE *f);

/* What a partial scenario holds: these keys, in this order within each section. */
typedef struct ea_scenario_ini_layout {
    const ea_scenario_ini_key *keys;
    int nkeys;
    ea_scenario_ini_note note;   /* NULL: no comment, every key written */
    void *data;                  /* passed to note */
} ea_scenario_ini_layout;

/* Writes the keys of the layout only, with the notes before them: the sections in the order of
 * ea_scenario_ini_write, less those with no key in the layout, and nothing before the first
 * section (the caller writes the file's opening comment). The keys left out take their defaults
 * when the file is read, so that the file holds what its author set and nothing else. Errors as
 * ea_scenario_ini_write; ENG_EFAIL for a layout key that is not in the schema. */
int ea_scenario_ini_write_partial(const ea_scenario *sc, const ea_scenario_ini_layout *layout,
                                  FILE *f, eng_error *err);

#endif
