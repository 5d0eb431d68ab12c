/* ea_manifest.h — The record a run leaves in its output directory (run.ini: the fully resolved
 * scenario, seed and replications included), and the rule that reuses that directory's tables. */
#ifndef EA_MANIFEST_H
#define EA_MANIFEST_H

#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "ea_scenario.h"

/* The name of the record in an output directory. */
#define EA_MANIFEST_NAME "run.ini"

/* The file names of a run's tables, indexed by table (EA_MONTHLY, EA_ANNUAL of ea_simulate.h). */
#define EA_MANIFEST_NTABLES 2
extern const char *const ea_manifest_tables[EA_MANIFEST_NTABLES];

/* Writes the record of a run of sc (run.ini: `eaflow simulate DIR/run.ini` reproduces the tables
 * byte for byte) into the set of outputs. */
int ea_manifest_write(const ea_scenario *sc, eng_out *out, eng_error *err);

/* Whether dir holds the tables of this very run, which may then be reused instead of simulated
 * again: its run.ini has, byte for byte, what ea_manifest_write would write for sc (the same
 * scenario, seed and replications), and its monthly.csv and annual.csv can be read. Anything that
 * prevents telling (a missing or unreadable file, no memory) answers 0, so that the run is made. */
int ea_manifest_matches(const char *dir, const ea_scenario *sc);

#endif
