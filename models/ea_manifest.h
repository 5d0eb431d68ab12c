/* ea_manifest.h — The record a run leaves in the directory it writes (run.ini, the resolved
 * scenario; manifest.csv, what ran and every file with its checksum), and the rules built on it:
 * a run replaces the whole set of the run before it there, and reuses its tables only when they
 * are those of the same scenario, seed and replications.
 *
 * One run, one set. A command that writes a directory owns every file of it that eaflow wrote: at
 * commit, the files that the previous manifest.csv lists (output or reused) and that this run
 * neither writes nor keeps are removed with the new set in place, plots/ included. Files no
 * manifest lists (the user's) are never removed, nor are the run's own inputs. A directory without
 * manifest.csv (written by an older eaflow) counts as holding the files of ea_tables.h's list that
 * are there. */
#ifndef EA_MANIFEST_H
#define EA_MANIFEST_H

#include <stdio.h>
#include "../engine/eng_error.h"
#include "../engine/eng_out.h"
#include "ea_scenario.h"

/* Once, from main: the version and the command line that every manifest records (argv is kept, not
 * copied). Without it the manifest records neither. */
void ea_manifest_program(const char *version, int argc, char *const *argv);

/* The version given to ea_manifest_program, the one every manifest records; NULL before. */
const char *ea_manifest_version(void);

/* What a run records besides its files. */
typedef struct ea_manifest_run {
    const char *const *inputs;      /* the files it reads; a NULL entry is skipped */
    int ninputs;
    const ea_scenario *scenario;    /* the scenario it runs (name, seed, replications), or NULL */
    FILE *notices;                  /* where a one-line notice goes when it replaces an earlier
                                       run's files; NULL for none */
} ea_manifest_run;

/* Begins the set of outputs of a run into dir (eng_out_begin) that, when it commits, writes
 * manifest.csv in it and removes the files of the previous set there that it does not have (see
 * above). A manifest.csv that cannot be read is an error (NULL here, or a failed commit), with a
 * message saying how to go on. An input that cannot be read at commit is recorded without size
 * and checksum. */
eng_out *ea_manifest_begin_run(const char *dir, const ea_manifest_run *run, eng_error *err);

/* Records the replications the run made when they differ from its scenario's: those -n auto
 * reached. No effect on a set that ea_manifest_begin_run did not begin. */
void ea_manifest_set_replications(eng_out *out, size_t replications);

/* The same for a run that records only its input files. */
eng_out *ea_manifest_begin(const char *dir, const char *const *inputs, int ninputs, eng_error *err);

/* Writes run.ini, the fully resolved scenario sc (`eaflow simulate DIR/run.ini` reproduces the
 * tables byte for byte), into the set of outputs. */
int ea_manifest_write_scenario(const ea_scenario *sc, eng_out *out, eng_error *err);

/* Whether dir holds the tables of this very run, which may then be kept instead of simulated
 * again: its manifest.csv was written by this version of eaflow (ea_manifest_program; another
 * version may draw other numbers from the same seed) and lists run.ini with the checksum of sc's
 * resolved text (the same scenario, seed and replications), and run.ini, monthly.csv and
 * annual.csv are there with the checksums it lists. Anything that prevents telling answers 0, so
 * that the run is made. */
int ea_manifest_reusable(const char *dir, const ea_scenario *sc);

/* Keeps in the set (eng_out_keep) the files of its directory's previous set that are still there,
 * but for those whose name starts with `except` ("plots/": the charts a new plot replaces). A run
 * that records no scenario nor input of its own then also records the earlier run's, where the
 * files it keeps came from. */
int ea_manifest_keep_previous(eng_out *out, const char *except, eng_error *err);

#endif
